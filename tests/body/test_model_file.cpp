// Bad model files are rejected at load with file, line, column, field and rule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "body/body_fixtures.hpp"
#include "input/yaml_reader.hpp"

namespace tonus::body {
namespace {

using ::testing::HasSubstr;

// The two-segment model with `from` replaced by `to`; returns the load error (or "(loaded)")
// and the 1-based line where `to` sits, so the test can check the position in the message.
std::pair<std::string, int> loadWith(const std::string& from, const std::string& to) {
  std::string text = testing::readText(testing::testModelPath("two_segment.yaml"));
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "test bug: '" << from << "' not in the model";
  text.replace(at, from.size(), to);
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  try {
    loadModelText(text, "bad.yaml");
  } catch (const input::InputError& e) {
    return {e.what(), line};
  }
  return {"(loaded)", line};
}

// The load error names the file and the line where `to` sits (`extra_lines` below it when `to`
// adds lines) and carries `field_and_rule`.
void expectErrorAt(const std::string& from, const std::string& to, const std::string& field_and_rule,
                   int extra_lines = 0) {
  const auto [message, line] = loadWith(from, to);
  EXPECT_THAT(message, HasSubstr("bad.yaml:" + std::to_string(line + extra_lines) + ":"));
  EXPECT_THAT(message, HasSubstr(field_and_rule));
}

TEST(ModelFile, TestModelLoads) {
  const ModelSpec spec = testing::twoSegmentSpec();
  EXPECT_EQ(spec.segments.size(), 2u);
  EXPECT_EQ(spec.fascicles.size(), 4u);  // two bilateral groups
  EXPECT_EQ(spec.fascicles[0].name, "extensor_r");
  EXPECT_EQ(spec.fascicles[1].name, "extensor_l");
  EXPECT_DOUBLE_EQ(spec.fascicles[1].path[0].position[2], -0.03) << "left side is the mirror image";
}

TEST(ModelFile, UnknownParentBody) {
  const auto [message, line] = loadWith("parent: pelvis", "parent: pelvys");
  EXPECT_THAT(message, HasSubstr("bad.yaml:" + std::to_string(line) + ":13: segments[1].parent: unknown body"));
  EXPECT_THAT(message, HasSubstr("got pelvys"));
}

TEST(ModelFile, AttachmentOnMissingBody) {
  expectErrorAt("path: [pelvis.back_r, trunk.back_r]", "path: [pelvis.back_r, torso.back_r]",
                "muscles[0].fascicles[0].path[1]: attachment on a missing body 'torso', got torso.back_r");
}

TEST(ModelFile, MissingLandmark) {
  EXPECT_THAT(loadWith("trunk.back_r]", "trunk.spine_r]").first, HasSubstr("unknown landmark 'spine_r' on trunk"));
}

TEST(ModelFile, NegativeMass) {
  expectErrorAt("mass_percent: {male: 40", "mass_percent: {male: -40",
                "segments[1].mass_percent.male: must be in [0, 100] % of body mass, got -40");
}

TEST(ModelFile, ZeroOptimalFibreLength) {
  EXPECT_THAT(loadWith("optimal_fibre_length_cm: 10", "optimal_fibre_length_cm: 0").first,
              HasSubstr("muscles[0].optimal_fibre_length_cm: must be > 0 cm, got 0"));
}

TEST(ModelFile, MuscleBankRulesAreReportedAtTheFascicle) {
  EXPECT_THAT(loadWith("optimal_fibre_length_cm: 10", "optimal_fibre_length_cm: 250").first,
              HasSubstr("muscles[0].fascicles[0]: muscle 'extensor_r' (#0): optimal_fibre_length must be in (0, 1] m, got 2.5"));
}

TEST(ModelFile, UnknownKeyIsAnError) {
  const auto [message, line] = loadWith("    region: lumbar", "    region: lumbar\n    colour: red");
  EXPECT_THAT(message, HasSubstr("bad.yaml:" + std::to_string(line + 1) + ":5: muscles[0].colour: unknown key (allowed: group, region"));
}

TEST(ModelFile, NotANumberIsNamed) {
  EXPECT_THAT(loadWith("inclination_deg: 0}", "inclination_deg: .nan}").first,
              HasSubstr("segments[1].joint.disc.inclination_deg: must be a finite number, got .nan"));
}

TEST(ModelFile, NegativeSwellingPressureIsNamed) {
  expectErrorAt("inclination_deg: 0}", "inclination_deg: 0, swelling_pressure_MPa: -0.05}",
                "segments[1].joint.disc.swelling_pressure_MPa: must be in [0, 1] MPa, got -0.05");
}

TEST(ModelFile, PassiveOnsetMustBeTrueOrFalse) {
  expectErrorAt("    optimal_fibre_length_cm: 10", "    optimal_fibre_length_cm: 10\n    passive_from_optimal_length: maybe",
                "muscles[0].passive_from_optimal_length", 1);
}

TEST(ModelFile, RhythmMustSumToOne) {
  EXPECT_THAT(loadWith("lateral_bending: {pelvis: 0.25, lumbar: 0.75}", "lateral_bending: {pelvis: 0.25, lumbar: 0.8}").first,
              HasSubstr("rhythm.lateral_bending: shares must sum to 1"));
}

TEST(ModelFile, StiffnessMustPassThroughZero) {
  EXPECT_THAT(loadWith("[-20, -10], [0, 0], [20, 5]", "[-20, -10], [0, 1], [20, 5]").first,
              HasSubstr("segments[1].joint.stiffness.flexion: must span angle 0 and pass through moment 0 there"));
}

TEST(ModelFile, FascicleOnOneBodyMovesNothing) {
  EXPECT_THAT(loadWith("path: [pelvis.back_r, trunk.back_r]", "path: [pelvis.back_r, pelvis.front_r]").first,
              HasSubstr("must attach to at least two different bodies"));
}

TEST(ModelFile, SyntaxErrorHasAPosition) {
  EXPECT_THAT(loadWith("landmarks: {back_r: [-0.08", "landmarks: {back_r: [[-0.08").first,
              HasSubstr("bad.yaml:"));
  EXPECT_THAT(loadWith("landmarks: {back_r: [-0.08", "landmarks: {back_r: [[-0.08").first, HasSubstr("YAML syntax error"));
}

TEST(ModelFile, MissingFileIsAUserError) {
  EXPECT_THROW(loadModelFile("/no/such/model.yaml"), input::InputError);
}

TEST(ModelFile, DefaultModelLoadsWithItsSize) {
  const ModelSpec spec = loadDefaultModel();
  EXPECT_EQ(spec.segments.size(), 8u);
  EXPECT_EQ(spec.fascicles.size(), 178u) << "docs/model.md: 178 muscle fascicles";
  std::set<std::string> groups;
  for (const auto& f : spec.fascicles) groups.insert(f.group);
  for (const char* required :
       {"multifidus", "longissimus_thoracis_pars_lumborum", "longissimus_thoracis_pars_thoracis",
        "iliocostalis_lumborum_pars_lumborum", "iliocostalis_lumborum_pars_thoracis", "quadratus_lumborum",
        "psoas_major", "external_oblique", "internal_oblique", "rectus_abdominis", "latissimus_dorsi",
        "upper_trapezius", "levator_scapulae", "splenius_capitis", "semispinalis_capitis", "sternocleidomastoid"}) {
    EXPECT_TRUE(groups.count(required)) << required;
  }
  EXPECT_EQ(groups.size(), 19u) << "docs/model.md: in 19 groups";
}

TEST(ModelFile, CommittedDefaultMatchesTheBuiltInCopy) {
  EXPECT_EQ(defaultModelText(), testing::readText(std::string(TONUS_SOURCE_DIR) + "/models/spine.yaml"));
}

}  // namespace
}  // namespace tonus::body
