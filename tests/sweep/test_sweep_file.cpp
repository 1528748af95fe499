// Sweep files: the issue's example read verbatim, every kind of distribution, and mistakes
// reported with file, line, column and field.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sweep/case_scenario.hpp"
#include "sweep/runner.hpp"
#include "sweep/sampling.hpp"
#include "sweep_fixtures.hpp"

namespace tonus::sweep {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

TEST(SweepFile, ReadsTheContractExampleVerbatim) {
  TempDir dir;
  dir.write("stoop-lifting.yaml", testing::kLiftingBase);
  const Sweep s = loadSweepFile(dir.write("sweep.yaml", R"(name: lifting-population
base: stoop-lifting.yaml          # a scenario file, relative to this file or absolute
method: latin_hypercube           # or grid
samples: 1000                     # for latin_hypercube
seed: 7
vary:                             # dotted paths into the base scenario
  subject.height_m: {uniform: [1.55, 1.95]}
  subject.sex: {choice: [male, female]}
  condition.dehydration_percent: {normal: {mean: 1, sd: 1, min: 0, max: 5}}
  timeline[0].lift.load_kg: {grid: [5, 10, 15, 20]}
)"));
  EXPECT_EQ(s.name, "lifting-population");
  EXPECT_EQ(s.base, dir.path() / "stoop-lifting.yaml");
  EXPECT_EQ(s.method, Method::LatinHypercube);
  EXPECT_EQ(s.samples, 1000);
  EXPECT_EQ(s.seed, 7u);
  ASSERT_EQ(s.vary.size(), 4u);
  EXPECT_EQ(s.vary[0].path, "subject.height_m");
  EXPECT_EQ(s.vary[0].distribution.kind, Distribution::Kind::Uniform);
  EXPECT_DOUBLE_EQ(s.vary[0].distribution.high, 1.95);
  EXPECT_EQ(s.vary[1].distribution.kind, Distribution::Kind::Choice);
  EXPECT_EQ(s.vary[2].distribution.kind, Distribution::Kind::Normal);
  EXPECT_DOUBLE_EQ(s.vary[2].distribution.sd, 1.0);
  EXPECT_DOUBLE_EQ(s.vary[2].distribution.high, 5.0);
  EXPECT_EQ(s.vary[3].distribution.values, (std::vector<std::string>{"5", "10", "15", "20"}));
  EXPECT_EQ(s.vary[3].where.line, 10);
  // Every case becomes a scenario whose first lift carries the sampled load.
  const std::vector<Case> cases = casesOf(s);
  ASSERT_EQ(cases.size(), 1000u);
  const std::string text = caseScenarioText(s, cases[17]);
  const input::YamlNode root = input::YamlNode::loadString(text, "case");
  EXPECT_EQ(root.at("timeline")[0].at("lift").at("load_kg").asString(), cases[17].values[3]);
  EXPECT_EQ(root.at("subject").at("sex").asString(), cases[17].values[1]);
  EXPECT_EQ(root.at("condition").at("dehydration_percent").asString(), cases[17].values[2]);  // made where absent
  EXPECT_EQ(root.at("timeline").size(), 2u);  // the rest of the base untouched
}

TEST(SweepFile, ReachesIntoNestedTimelines) {
  TempDir dir;
  const Sweep s = sweepWith(dir, "method: grid\n", "  timeline[1].repeat.timeline[1].sit.style: {grid: [upright, forward]}\n");
  const std::vector<Case> cases = casesOf(s);
  ASSERT_EQ(cases.size(), 2u);
  const input::YamlNode root = input::YamlNode::loadString(caseScenarioText(s, cases[1]), "case");
  EXPECT_EQ(root.at("timeline")[1].at("repeat").at("timeline")[1].at("sit").at("style").asString(), "forward");
  EXPECT_EQ(root.at("timeline")[1].at("repeat").at("timeline")[0].at("stand").at("duration").asString(), "10s");
}

TEST(SweepFile, APathBeyondTheBaseNamesTheVaryEntry) {
  TempDir dir;
  const Sweep s = sweepWith(dir, "method: grid\n", "  timeline[5].lift.load_kg: {grid: [5, 10]}\n");
  try {
    caseScenarioText(s, casesOf(s)[0]);
    FAIL() << "expected an error";
  } catch (const input::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("sweep.yaml:5:29: vary.timeline[5].lift.load_kg: the base scenario has no timeline[5]"));
  }
  const Sweep into_scalar = sweepWith(dir, "method: grid\n", "  name.first: {grid: [a, b]}\n");
  EXPECT_THROW(caseScenarioText(into_scalar, casesOf(into_scalar)[0]), input::InputError);
}

TEST(SweepFile, MistakesNameFileLineAndField) {
  TempDir dir;
  const std::string head = "name: bad\nbase: stoop-lifting.yaml\nsamples: 10\n";
  EXPECT_THAT(testing::sweepError(dir, head + "vary:\n  subject.height_m: {uniform: [1.9, 1.5]}\n"),
              HasSubstr("bad.yaml:5:31: vary.subject.height_m.uniform: must be [min, max] with min < max, got [1.9, 1.5]"));
  EXPECT_THAT(testing::sweepError(dir, head + "vary:\n  subject.height_m: {gaussian: [1, 2]}\n"),
              HasSubstr("bad.yaml:5:22: vary.subject.height_m.gaussian: unknown key (allowed: uniform, normal, choice, grid)"));
  EXPECT_THAT(testing::sweepError(dir, head + "vary:\n  a.b: {normal: {mean: 1, sd: -1, min: 0, max: 2}}\n"),
              HasSubstr("bad.yaml:5:31: vary.a.b.normal.sd: must be > 0, got -1"));
  EXPECT_THAT(testing::sweepError(dir, head + "seeds: 3\nvary:\n  a.b: {uniform: [0, 1]}\n"),
              HasSubstr("bad.yaml:4:1: seeds: unknown key"));
  EXPECT_THAT(testing::sweepError(dir, "name: bad\nbase: missing.yaml\nsamples: 10\nvary:\n  a.b: {uniform: [0, 1]}\n"),
              HasSubstr("bad.yaml:2:7: base: names a base scenario that cannot be read"));
  EXPECT_THAT(testing::sweepError(dir, "name: bad\nbase: stoop-lifting.yaml\nvary:\n  a.b: {uniform: [0, 1]}\n"),
              HasSubstr("samples"));
  EXPECT_THAT(testing::sweepError(dir, "name: bad\nbase: stoop-lifting.yaml\nmethod: grid\nvary:\n  a.b: {uniform: [0, 1]}\n"),
              HasSubstr("a grid sweep needs lists of values"));
  EXPECT_THAT(testing::sweepError(dir, head + "vary:\n  a.b: {uniform: [0, .nan]}\n"), HasSubstr("vary.a.b.uniform[1]"));
  // Two mistakes, both reported.
  const std::string both = testing::sweepError(dir, head + "method: lhs\nvary:\n  a.b: {uniform: [2, 1]}\n");
  EXPECT_THAT(both, HasSubstr("method"));
  EXPECT_THAT(both, HasSubstr("vary.a.b.uniform"));
}

TEST(SweepFile, AConditionalNeedsAnEarlierListAndEveryLevel) {
  TempDir dir;
  const std::string head = "name: bad\nbase: stoop-lifting.yaml\nsamples: 10\nvary:\n";
  const std::string sex = "  subject.sex: {choice: [male, female]}\n";
  const std::string height = "  subject.height_m:\n    given: subject.sex\n    male: {uniform: [1.6, 1.9]}\n";
  EXPECT_THAT(testing::sweepError(dir, head + height + "    female: {uniform: [1.5, 1.8]}\n" + sex),
              HasSubstr("bad.yaml:6:12: vary.subject.height_m.given: must name a parameter varied above this one"));
  EXPECT_THAT(testing::sweepError(dir, head + sex + height),
              HasSubstr("bad.yaml:7:5: vary.subject.height_m: has no distribution for subject.sex = female"));
  EXPECT_THAT(testing::sweepError(dir, head + sex + height + "    female: {uniform: [1.5, 1.8]}\n    other: {uniform: [1, 2]}\n"),
              HasSubstr("vary.subject.height_m.other: is not a value of subject.sex"));
  EXPECT_THAT(testing::sweepError(dir, head + "  subject.mass_kg: {uniform: [50, 90]}\n  subject.height_m:\n    given: subject.mass_kg\n"
                                             "    '50': {uniform: [1.5, 1.6]}\n"),
              HasSubstr("must name a parameter varied by choice or grid"));
}

TEST(SweepFile, EverySweepInTheLibraryChecksOut) {
  int checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(TONUS_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".yaml" || !input::YamlNode::loadFile(entry.path()).has("vary")) continue;
    SCOPED_TRACE(entry.path().string());
    const Sweep s = loadSweepFile(entry.path());
    const std::vector<Case> cases = casesOf(s);
    EXPECT_NO_THROW(checkCases(s, cases));
    EXPECT_GE(cases.size(), 100u);
    // A Latin hypercube gives exactly the `samples:` the file asks for.
    if (s.method == Method::LatinHypercube) {
      EXPECT_EQ(cases.size(), static_cast<std::size_t>(s.samples));
    }
    ++checked;
  }
  EXPECT_GE(checked, 2) << "lifting-population and desk-day-population";
}

}  // namespace
}  // namespace tonus::sweep
