// The ligaments and fascia: their law, the moments their paths give, the motion segment's split
// between disc and ligaments against the in-vitro curve it replaces, and the lumbar rhythm's
// saturation in deep flexion.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "body/body_fixtures.hpp"
#include "body/ligaments.hpp"
#include "body/passive_joints.hpp"
#include "body/posture.hpp"
#include "body/spine_model.hpp"
#include "core/errors.hpp"
#include "input/yaml_reader.hpp"

namespace tonus::body {
namespace {

using ::testing::HasSubstr;
constexpr double kDeg = M_PI / 180.0;

// The two-segment model with one midline band behind the joint appended.
std::string twoSegmentWith(const std::string& ligaments) {
  return testing::readText(testing::testModelPath("two_segment.yaml")) + ligaments;
}
const char* kOneBand =
    "ligaments:\n"
    "  - {name: band, group: posterior, side: midline, force_scale_N: 5, length_scale_mm: 4,\n"
    "     path: [{segment: pelvis, at_m: [-0.05, 0.09, 0]}, {segment: trunk, at_m: [-0.05, 0.01, 0]}]}\n";

std::string loadError(const std::string& text) {
  try {
    loadModelText(text, "bad.yaml");
  } catch (const input::InputError& e) {
    return e.what();
  }
  return "(loaded)";
}

TEST(LigamentLaw, SlackAtRestThenExponentialThenStraight) {
  EXPECT_EQ(ligamentTension(0.0, 5.0, 0.004), 0.0);
  EXPECT_EQ(ligamentTension(-0.01, 5.0, 0.004), 0.0) << "a band never pushes";
  EXPECT_NEAR(ligamentTension(0.004, 5.0, 0.004), 5.0 * (std::exp(1.0) - 1.0), 1e-12);
  // Continuous, with a continuous slope, where it turns straight at six length scales; the
  // stiffness is the tension's derivative everywhere.
  for (double x : {0.5, 3.0, 5.999, 6.0, 6.001, 9.0}) {
    const double s = x * 0.004, h = 1e-9;
    const double fd = (ligamentTension(s + h, 5.0, 0.004) - ligamentTension(s - h, 5.0, 0.004)) / (2 * h);
    EXPECT_NEAR(ligamentStiffness(s, 5.0, 0.004), fd, 1e-4 * fd) << x;
  }
}

TEST(Ligaments, MomentIsTensionTimesTheRateOfStretch) {
  const ModelSpec spec = loadModelText(twoSegmentWith(kOneBand), "band.yaml");
  const SpineModel model(spec, testing::referenceOf(spec));
  ASSERT_EQ(model.ligaments().count(), 1);
  const int dof = 3 * 1 + kFlexion;
  const auto lengthAt = [&](double q) {
    Eigen::VectorXd qs = Eigen::VectorXd::Zero(model.dofCount());
    qs[dof] = q;
    const auto posed = testing::pose(model, qs);
    PathGeometry g;
    computePathGeometry(model, model.ligaments().paths, 1, posed.kin, g);
    return std::make_pair(g, ligamentTensions(model.ligaments(), g));
  };
  // Upright the band is at its rest length; bending forward stretches it, bending back slackens it.
  EXPECT_NEAR(lengthAt(0.0).second[0], 0.0, 1e-9);
  EXPECT_EQ(lengthAt(-10 * kDeg).second[0], 0.0);
  const double q = 15 * kDeg, h = 1e-6;
  const auto [g, tension] = lengthAt(q);
  ASSERT_GT(tension[0], 1.0);
  const double dL = (lengthAt(q + h).first.length[0] - lengthAt(q - h).first.length[0]) / (2 * h);
  const Eigen::VectorXd moment = ligamentMoments(g, tension);
  EXPECT_NEAR(moment[dof], tension[0] * dL, 1e-5 * std::abs(moment[dof]));
  EXPECT_GT(moment[dof], 0.0) << "it resists flexion";
}

TEST(Ligaments, DefaultModelSplitsEachLumbarJointLikeItsInVitroCurve) {
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  const Ligaments& L = model.ligaments();
  int single = 0;
  for (int i = 0; i < L.count(); ++i) single += L.single_joint[i] > 0.5;
  EXPECT_EQ(single, 20) << "capsular, flavum, interspinous, supraspinous at five lumbar joints";
  EXPECT_EQ(L.count() - single, 2) << "the fascia, one band per side, spans several joints";
  // Bent alone to its theta10, a lumbar joint's disc curve plus its own ligaments carry the
  // in-vitro curve's 10 N m (docs/model.md, the split of Adams, Hutton & Stott 1980), within
  // what the bands' small-angle levers lose.
  for (const char* joint : {"L5_S1", "L4_L5", "L3_L4", "L2_L3", "L1_L2"}) {
    const int s = model.jointIndex(joint);
    const int dof = 3 * s + kFlexion;
    const MonotoneCurve& disc = model.segment(s).joint.stiffness[kFlexion];
    // theta10: where the disc curve reaches its 29 % of 10 N m.
    double lo = 0.0, hi = 20 * kDeg;
    for (int i = 0; i < 60; ++i) (disc.value(0.5 * (lo + hi)) < 2.9 ? lo : hi) = 0.5 * (lo + hi);
    Eigen::VectorXd q = Eigen::VectorXd::Zero(model.dofCount());
    q[dof] = 0.5 * (lo + hi);
    const auto posed = testing::pose(model, q);
    PathGeometry g;
    computePathGeometry(model, L.paths, L.count(), posed.kin, g);
    const Eigen::VectorXd own = ligamentMoments(g, ligamentTensions(L, g).cwiseProduct(L.single_joint));
    const double total = passiveJointMoments(model, q)[dof] + own[dof];
    EXPECT_NEAR(total, 10.0, 1.2) << joint;
  }
}

TEST(LumbarRhythm, SaturatesAsKippersAndParkerMeasured) {
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  const auto lumbar = [&](double trunk_deg) {
    TrunkPosture p;
    p.flexion = trunk_deg * kDeg;
    const Eigen::VectorXd q = jointAngles(model, p);
    double sum = 0.0;
    for (const auto& [segment, share] : model.rhythm().shares[kFlexion]) {
      if (model.segment(segment).parent >= 0) sum += q[3 * segment + kFlexion];
    }
    return sum / kDeg;
  };
  // L = x / (1 + (x / 56)^6)^(1/6), x = 0.67 trunk: Kippers & Parker's 48 +/- 6 deg at the
  // flexion-relaxation angle (80 deg) and ~54 deg at full flexion.
  const auto law = [](double trunk) {
    const double x = 0.67 * trunk;
    return x / std::pow(1.0 + std::pow(x / 56.0, 6.0), 1.0 / 6.0);
  };
  for (double trunk : {10.0, 40.0, 80.0, 115.0}) EXPECT_NEAR(lumbar(trunk), law(trunk), 1e-9) << trunk;
  EXPECT_NEAR(lumbar(80.0), 48.7, 0.1);
  EXPECT_NEAR(lumbar(115.0), 54.8, 0.1);
  EXPECT_NEAR(lumbar(10.0), 6.7, 0.01) << "early flexion follows the linear shares";
}

TEST(LigamentFile, MistakesAreNamed) {
  const std::string band = kOneBand;
  const auto with = [&](const std::string& from, const std::string& to) {
    std::string text = band;
    text.replace(text.find(from), from.size(), to);
    return loadError(twoSegmentWith(text));
  };
  EXPECT_THAT(with("force_scale_N: 5", "force_scale_N: -5"), HasSubstr("ligaments[0].force_scale_N: must be in [1e-06, 10000] N, got -5"));
  EXPECT_THAT(with("length_scale_mm: 4", "length_scale_mm: 0.001"), HasSubstr("ligaments[0].length_scale_mm: must be in [0.05, 500] mm"));
  EXPECT_THAT(with("length_scale_mm: 4", "length_mm: 4"), HasSubstr("bad.yaml:51:69: ligaments[0].length_mm: unknown key"));
  EXPECT_THAT(with("{segment: trunk, at_m: [-0.05, 0.01, 0]}", "{segment: pelvis, at_m: [-0.05, 0.2, 0]}"),
              HasSubstr("must attach to at least two different bodies"));
  EXPECT_THAT(with("side: midline", "side: both"), HasSubstr("ligaments[0].side"));
  EXPECT_THAT(loadError(twoSegmentWith(band + band.substr(band.find("  - ")))), HasSubstr("ligament name 'band' is used twice"));
  EXPECT_EQ(loadError(twoSegmentWith(band)), "(loaded)");
}

// Points that coincide in standing give no direction to pull or push along: refused when the
// model is built for a subject, not left to turn into NaN in a run.
TEST(LigamentFile, CoincidentPointsAreRefused) {
  const std::string band =
      "ligaments:\n"
      "  - {name: band, group: posterior, side: midline, force_scale_N: 5, length_scale_mm: 4,\n"
      "     path: [{segment: pelvis, at_m: [-0.05, 0.1, 0]}, {segment: trunk, at_m: [-0.05, 0.0, 0]}]}\n";
  const ModelSpec spec = loadModelText(twoSegmentWith(band), "bad.yaml");
  try {
    const SpineModel model(spec, testing::referenceOf(spec));
    FAIL() << "a band of no length was accepted";
  } catch (const UserError& e) {
    EXPECT_THAT(e.what(), HasSubstr("bad.yaml: ligament 'band': pelvis@point and trunk@point coincide in upright standing"));
  }
  const ModelSpec flat = loadModelText(
      twoSegmentWith("abdomen: {diaphragm: {segment: trunk, at_m: [0.1, 0.0, 0]}, "
                     "pelvic_floor: {segment: pelvis, at_m: [0.1, 0.1, 0]}, area_cm2: 400}\n"),
      "bad.yaml");
  try {
    const SpineModel model(flat, testing::referenceOf(flat));
    FAIL() << "an abdomen of no height was accepted";
  } catch (const UserError& e) {
    EXPECT_THAT(e.what(), HasSubstr("bad.yaml: abdomen: the diaphragm and the pelvic floor are less than 1 cm apart"));
  }
}

TEST(AbdomenFile, MistakesAreNamed) {
  const std::string abdomen = "abdomen: {diaphragm: trunk.front_r, pelvic_floor: pelvis.front_r, area_cm2: 400}\n";
  EXPECT_EQ(loadError(twoSegmentWith(abdomen)), "(loaded)");
  std::string same = abdomen;
  same.replace(same.find("pelvis.front_r"), 14, "trunk.back_r");
  EXPECT_THAT(loadError(twoSegmentWith(same)), HasSubstr("abdomen.pelvic_floor: must be on another body than the diaphragm"));
  std::string small = abdomen;
  small.replace(small.find("400"), 3, "-4");
  EXPECT_THAT(loadError(twoSegmentWith(small)), HasSubstr("abdomen.area_cm2"));
}

TEST(RhythmFile, AnOrderNeedsALimit) {
  std::string text = testing::readText(testing::testModelPath("two_segment.yaml"));
  text.replace(text.find("  axial_rotation: {pelvis: 0.5, lumbar: 0.5}"), 44,
               "  axial_rotation: {pelvis: 0.5, lumbar: 0.5}\n  lumbar_flexion_order: 6");
  EXPECT_THAT(loadError(text), HasSubstr("rhythm.lumbar_flexion_order: needs lumbar_flexion_limit_deg beside it"));
}

}  // namespace
}  // namespace tonus::body
