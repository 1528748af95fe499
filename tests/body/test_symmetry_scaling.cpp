// A symmetric model in a symmetric posture gives mirror-image results; scaling a subject
// changes masses, lengths and strengths as docs/model.md says.
#include <gtest/gtest.h>

#include <cmath>

#include "body/body_fixtures.hpp"
#include "body/dynamics.hpp"
#include "body/model_report.hpp"
#include "body/posture.hpp"

namespace tonus::body {
namespace {

constexpr double kDeg = M_PI / 180.0;

// True when segment s is the one whose joint is `joint`, or lies above it along the chain.
bool isAtOrAbove(const SpineModel& model, int s, int joint) {
  for (; s >= 0; s = model.segment(s).parent) {
    if (s == joint) return true;
  }
  return false;
}

std::string mirrorName(const std::string& name) {
  const std::string tail = name.substr(name.size() - 2);
  return name.substr(0, name.size() - 2) + (tail == "_r" ? "_l" : "_r");
}

TEST(Symmetry, MirroredFasciclesHaveMirroredGeometryInASymmetricPosture) {
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  TrunkPosture p;
  p.flexion = 40 * kDeg;
  p.neck_flexion = 25 * kDeg;
  const auto posed = testing::pose(model, jointAngles(model, p));
  int pairs = 0;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    if (model.fascicle(f).side != 'r') continue;
    const int mirror = f + 1;  // the loader emits each left fascicle right after its right one
    ASSERT_EQ(model.fascicle(mirror).name, mirrorName(model.fascicle(f).name));
    EXPECT_NEAR(posed.geometry.length[f], posed.geometry.length[mirror], 1e-12);
    for (int d = 0; d < model.dofCount(); ++d) {
      const double sign = d % 3 == kFlexion ? 1.0 : -1.0;  // bending and twisting swap sides
      EXPECT_NEAR(posed.geometry.moment_arm(f, d), sign * posed.geometry.moment_arm(mirror, d), 1e-12)
          << model.fascicle(f).name << " " << model.dofName(d);
    }
    ++pairs;
  }
  EXPECT_EQ(pairs, 89) << "docs/model.md: 178 muscle fascicles (89 bilateral pairs)";
}

TEST(Symmetry, SymmetricLoadsNeedNoSideBendOrTwist) {
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  TrunkPosture p;
  p.flexion = 30 * kDeg;
  const Eigen::VectorXd q = jointAngles(model, p);
  auto posed = testing::pose(model, q);
  setMotion(model, posed.state, Motion::still(q));
  auto loads = armWeight(model, posed.kin, hangingHands(model, posed.kin));
  loads.push_back(heldMass(model, 15.0, Vec3d(0.4, 0.8, 0.0), "box"));
  const Eigen::VectorXd tau = inverseDynamics(model, posed.state, posed.kin, Motion::still(q), loads);
  for (int d = 0; d < model.dofCount(); ++d) {
    if (d % 3 != kFlexion) {
      EXPECT_NEAR(tau[d], 0.0, 1e-9) << model.dofName(d);
    }
  }
  // Static equilibrium by hand: every weight above L4/L5 (segments, arms, box) about its axis.
  const int j = model.jointIndex("L4_L5");
  const Vec3d origin = posed.kin.origin[j], axis = posed.kin.axis[3 * j];
  double hand = 0.0;
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (!isAtOrAbove(model, s, j)) continue;
    const Vec3d weight(0.0, -model.segment(s).mass * model.gravity(), 0.0);
    hand += (posed.kin.toGround(s, model.segment(s).centre_of_mass) - origin).cross(weight).dot(axis);
  }
  for (const PointLoad& l : loads) {
    if (isAtOrAbove(model, l.segment, j)) hand += (l.point - origin).cross(l.force).dot(axis) + l.moment.dot(axis);
  }
  EXPECT_LT(tau[3 * j], 0.0) << "a flexed trunk holding 15 kg needs extension";
  EXPECT_NEAR(tau[3 * j], -hand, 1e-9 * std::fabs(hand));  // the 1e-9 of test_dynamics's hand calculations
}

TEST(Scaling, MassesFollowBodyMassAndSex) {
  const ModelSpec spec = loadDefaultModel();
  const SpineModel ref(spec, {Sex::Male, 1.75, 75.0, 40});
  const SpineModel heavy(spec, {Sex::Male, 1.75, 150.0, 40});
  const SpineModel woman(spec, {Sex::Female, 1.75, 75.0, 40});
  for (int s = 0; s < ref.segmentCount(); ++s) {
    EXPECT_NEAR(heavy.segment(s).mass, 2.0 * ref.segment(s).mass, 1e-12) << ref.segment(s).name;
    EXPECT_NEAR(woman.segment(s).mass, 0.01 * spec.segments[s].mass_percent_female * 75.0, 1e-12);
  }
  // docs/model.md's male percentages sum to exactly 60.28 % (de Leva: head, trunk and arms).
  EXPECT_NEAR(ref.totalMass(), 0.6028 * 75.0, 1e-9);
}

TEST(Scaling, StrengthFollowsMassWithTheDocumentedExponentAndSexRatio) {
  const ModelSpec spec = loadDefaultModel();
  const SpineModel ref(spec, {Sex::Male, 1.75, 75.0, 40});
  const SpineModel heavy(spec, {Sex::Male, 1.75, 90.0, 40});
  const SpineModel woman(spec, {Sex::Female, 1.75, 75.0, 40});
  const auto& f_ref = ref.muscles().parameters().max_isometric_force;
  const auto& f_heavy = heavy.muscles().parameters().max_isometric_force;
  const auto& f_woman = woman.muscles().parameters().max_isometric_force;
  const double mass_factor = std::pow(90.0 / 75.0, spec.strength_mass_exponent);
  for (int f = 0; f < ref.fascicleCount(); ++f) {
    EXPECT_NEAR(f_heavy[f], mass_factor * f_ref[f], 1e-9 * f_ref[f]);
    EXPECT_NEAR(f_woman[f], spec.female_strength_ratio * f_ref[f], 1e-9 * f_ref[f]);
    EXPECT_NEAR(f_ref[f], spec.fascicles[f].pcsa * spec.specific_tension, 1e-9 * f_ref[f]) << "PCSA x specific tension";
  }
}

TEST(Scaling, LengthsFollowHeight) {
  const ModelSpec spec = loadDefaultModel();
  const SpineModel ref(spec, {Sex::Male, 1.75, 75.0, 40});
  const SpineModel tall(spec, {Sex::Male, 1.925, 75.0, 40});  // +10%
  const auto& a = ref.muscles().parameters();
  const auto& b = tall.muscles().parameters();
  for (int f = 0; f < ref.fascicleCount(); ++f) {
    EXPECT_NEAR(b.optimal_fibre_length[f], 1.1 * a.optimal_fibre_length[f], 1e-12);
    EXPECT_NEAR(b.tendon_slack_length[f], 1.1 * a.tendon_slack_length[f], 1e-12);
  }
  for (int s = 0; s < ref.segmentCount(); ++s) {
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(tall.segment(s).joint.centre_in_parent[k], 1.1 * ref.segment(s).joint.centre_in_parent[k], 1e-12);
    EXPECT_NEAR(tall.segment(s).joint.disc_area, 1.21 * ref.segment(s).joint.disc_area, 1e-15);
  }
}

TEST(Posture, RhythmSharesTheTrunkAngleAndRangesAreChecked) {
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  TrunkPosture p;
  p.flexion = 60 * kDeg;
  const Eigen::VectorXd q = jointAngles(model, p);
  double total = 0.0;
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (s != model.neckSegment()) total += q[3 * s + kFlexion];
  }
  EXPECT_NEAR(total, 60 * kDeg, 1e-12) << "thorax inclination is the sum along the chain";
  EXPECT_FALSE(checkRanges(model, q).has_value());
  p.flexion = 170 * kDeg;
  const auto bad = checkRanges(model, jointAngles(model, p));
  ASSERT_TRUE(bad.has_value());
  EXPECT_NE(bad->describe().find("is outside"), std::string::npos);
}

TEST(ModelReport, GroupMomentArmsAtL4L5AreInThePublishedRanges) {
  // Published L4/L5 values (docs/model.md): erector+multifidus 5.9 cm (McGill et al. 1988),
  // psoas 0.58 cm (ibid.), rectus abdominis 8.5-9.8 cm standing (Jorgensen et al. 2005).
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  const auto posed = testing::pose(model, Eigen::VectorXd::Zero(model.dofCount()));
  const auto rows = groupMomentArms(model, posed.geometry, model.jointIndex("L4_L5"));
  const auto arm = [&](const std::string& group) {
    for (const auto& r : rows) {
      if (r.group == group && r.side == 'r') return -100.0 * r.mean_moment_arm[kFlexion];  // extensor arm, cm
    }
    return std::nan("");
  };
  EXPECT_NEAR(arm("multifidus"), 5.5, 1.0);
  EXPECT_NEAR(arm("longissimus_thoracis_pars_thoracis"), 6.0, 1.0);
  // Psoas lies in front of L4/L5 in standing: a flexor (McGill et al. 1988: 0.58 +- 0.40 cm),
  // never an extensor, and within the published mean + 2 SD.
  const double psoas_flexion_cm = -arm("psoas_major");
  EXPECT_GT(psoas_flexion_cm, 0.0);
  EXPECT_LT(psoas_flexion_cm, 0.58 + 2 * 0.40);
  EXPECT_NEAR(arm("rectus_abdominis"), -9.2, 1.0);
}

}  // namespace
}  // namespace tonus::body
