// Scenario files: the documented format parses into phases with exact durations; every kind
// of mistake is refused with file, line, column, field and rule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "body/model_file.hpp"
#include "input/yaml_reader.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/timeline.hpp"
#include "sim/prepared_run.hpp"

namespace tonus::scenario {
namespace {

using ::testing::HasSubstr;

std::string errorOf(const std::string& text) {
  try {
    loadScenarioText(text, "s.yaml");
  } catch (const input::InputError& e) {
    return e.what();
  }
  return "(loaded)";
}

TEST(ScenarioFile, TheIssueExampleParses) {
  const Scenario s = loadScenarioText(R"(
name: desk-day
subject: {sex: male, height_m: 1.78, mass_kg: 80, age_years: 40}
condition: {dehydration_percent: 0, electrolytes: normal, stress: 0.2, core_strength: 1.0, ambient_temperature_c: 22}
timeline:
  - stand: {duration: 5min, trunk_flexion_deg: 0, lateral_bend_deg: 0, axial_rotation_deg: 0, neck_flexion_deg: 0}
  - sit:   {duration: 2h, style: slumped, neck_flexion_deg: 30, backrest: false}
  - lie:   {duration: 30min, position: supine}
  - hold:  {duration: 30s, load_kg: 20, hand_distance_m: 0.6, trunk_flexion_deg: 0}
  - exert: {duration: 60s, effort_percent_mvc: 40, direction: extension}
  - lift:  {reps: 10, load_kg: 15, style: stoop, cycle_s: 5, from_height_m: 0.1, to_height_m: 0.9}
  - twist: {reps: 5, angle_deg: 45, peak_speed_deg_s: 300, load_kg: 0, side: alternate}
  - carry: {duration: 20min, load_kg: 8, on: right_shoulder}
  - walk: {duration: 5min}
  - stretch: {duration: 1min}
  - heat: {duration: 20min}
  - drink: {litres: 0.5}
  - repeat: {times: 8, timeline: [{sit: {duration: 50min}}, {walk: {duration: 10min}}]}
output: {sample_every: 1s}
)", "example.yaml");
  ASSERT_EQ(s.phases.size(), 12u + 16u);
  EXPECT_EQ(s.subject.height, 1.78);
  EXPECT_EQ(s.condition.electrolytes, "normal");
  EXPECT_EQ(s.phases[1].kind, PhaseKind::Sit);
  EXPECT_EQ(s.phases[1].sit_style, SitStyle::Slumped);
  EXPECT_DOUBLE_EQ(s.phases[1].duration, 7200.0);
  EXPECT_NEAR(s.phases[1].neck_flexion, 30 * M_PI / 180, 1e-12);
  EXPECT_DOUBLE_EQ(s.phases[4].effort, 0.40);
  EXPECT_DOUBLE_EQ(s.phases[5].duration, 50.0) << "10 reps x 5 s";
  EXPECT_NEAR(s.phases[6].duration, 5 * (2 * 1.875 * 45 / 300.0 + 0.5), 1e-12) << "5 minimum-jerk twists";
  EXPECT_EQ(s.phases[7].carry_on, CarryOn::RightShoulder);
  EXPECT_EQ(s.phases[11].kind, PhaseKind::Drink);
  EXPECT_DOUBLE_EQ(s.phases[11].duration, 0.0);
  EXPECT_EQ(s.phases[12].source, "timeline[12].repeat#1.timeline[0].sit");
  EXPECT_EQ(s.phases[27].source, "timeline[12].repeat#8.timeline[1].walk");
  EXPECT_DOUBLE_EQ(s.duration(), 300 + 7200 + 1800 + 30 + 60 + 50 + s.phases[6].duration + 1200 + 300 + 60 + 1200 + 8 * 3600);
}

TEST(ScenarioFile, UnknownKeySuggestsTheNearestOne) {
  EXPECT_EQ(errorOf("name: x\ntimeline:\n  - stand: {duration: 5min, trunk_flexon_deg: 10}\n"),
            "s.yaml:3:29: timeline[0].stand.trunk_flexon_deg: unknown key (did you mean 'trunk_flexion_deg'?) "
            "(allowed: duration, arm_support, trunk_flexion_deg, lateral_bend_deg, axial_rotation_deg, neck_flexion_deg)");
}

TEST(ScenarioFile, UnknownPhaseKind) {
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - jog: {duration: 5min}\n"),
              HasSubstr("s.yaml:3:5: timeline[0].jog: unknown key"));
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - stnd: {duration: 5min}\n"), HasSubstr("did you mean 'stand'?"));
}

TEST(ScenarioFile, WrongTypesAndRanges) {
  EXPECT_EQ(errorOf("name: x\ntimeline:\n  - hold: {duration: 1min, load_kg: heavy}\n"),
            "s.yaml:3:37: timeline[0].hold.load_kg: must be a number, got heavy");
  EXPECT_EQ(errorOf("name: x\ntimeline:\n  - hold: {duration: 1min, load_kg: -5}\n"),
            "s.yaml:3:37: timeline[0].hold.load_kg: must be in [0, 100] kg, got -5");
  EXPECT_EQ(errorOf("name: x\nsubject: {mass_kg: .nan}\ntimeline:\n  - stand: {duration: 1min}\n"),
            "s.yaml:2:20: subject.mass_kg: must be a finite number, got .nan");
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - sit: {duration: 1h, style: slumpd}\n"),
              HasSubstr("timeline[0].sit.style: must be one of upright, slumped, forward (did you mean 'slumped'?), got slumpd"));
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - lift: {reps: 2.5}\n"),
              HasSubstr("timeline[0].lift.reps: must be a whole number in [1, 100000], got 2.5"));
}

TEST(ScenarioFile, MechanicsSwitches) {
  EXPECT_TRUE(scenario::loadScenarioText("name: x\ntimeline:\n  - stand: {duration: 1min}\n", "s.yaml")
                  .mechanics.intra_abdominal_pressure);
  EXPECT_FALSE(scenario::loadScenarioText(
                   "name: x\nmechanics: {intra_abdominal_pressure: false}\ntimeline:\n  - stand: {duration: 1min}\n", "s.yaml")
                   .mechanics.intra_abdominal_pressure);
  EXPECT_THAT(errorOf("name: x\nmechanics: {intra_abdominal_pressure: maybe}\ntimeline:\n  - stand: {duration: 1min}\n"),
              HasSubstr("s.yaml:2:39: mechanics.intra_abdominal_pressure"));
  EXPECT_THAT(errorOf("name: x\nmechanics: {iap: false}\ntimeline:\n  - stand: {duration: 1min}\n"),
              HasSubstr("s.yaml:2:13: mechanics.iap: unknown key"));
}

TEST(ScenarioFile, DurationsThatDoNotParse) {
  EXPECT_EQ(errorOf("name: x\ntimeline:\n  - sit: {duration: 2 hours}\n"),
            "s.yaml:3:21: timeline[0].sit.duration: must be a duration such as 90s, 20min, 8h or a number of seconds >= 0, got 2 hours");
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - sit: {duration: -5min}\n"), HasSubstr("must be a duration"));
  const Scenario s = loadScenarioText("name: x\ntimeline:\n  - sit: {duration: 1.5h}\n  - stand: {duration: 250ms}\n"
                                      "  - walk: {duration: 90}\n  - sit: {duration: 2h30min}\n  - stand: {duration: 1min30s}\n", "ok");
  EXPECT_DOUBLE_EQ(s.phases[0].duration, 5400.0);
  EXPECT_DOUBLE_EQ(s.phases[1].duration, 0.25);
  EXPECT_DOUBLE_EQ(s.phases[2].duration, 90.0);
  EXPECT_DOUBLE_EQ(s.phases[3].duration, 9000.0);
  EXPECT_DOUBLE_EQ(s.phases[4].duration, 90.0);
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - sit: {duration: 30min2h}\n"), HasSubstr("must be a duration"));
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - sit: {duration: 1h5}\n"), HasSubstr("must be a duration"));
}

TEST(ScenarioFile, MissingAndEmptyParts) {
  EXPECT_THAT(errorOf("timeline:\n  - stand: {duration: 1min}\n"), HasSubstr("(document): missing required key 'name'"));
  EXPECT_THAT(errorOf("name: x\ntimeline: []\n"), HasSubstr("timeline: must list at least one phase"));
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - stand: {}\n"), HasSubstr("timeline[0].stand: missing required key 'duration'"));
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - drink: {litres: 0.5}\n"), HasSubstr("the timeline lasts no time at all"));
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - stand: {duration: 8h}\noutput: {sample_every: 1ms}\n"),
              HasSubstr("output.sample_every: must be at least 10ms"));
}

TEST(ScenarioFile, PhysiologySettingsOverrideTheDefaults) {
  const Scenario s = loadScenarioText(
      "name: x\nphysiology: {reflex_model: pain_adaptation, fatigue_rate: 0.01, spasm_threshold: 0.2}\n"
      "timeline:\n  - stand: {duration: 1min}\n", "s.yaml");
  EXPECT_EQ(s.physiology.reflex_model, physiology::ReflexModel::PainAdaptation);
  EXPECT_DOUBLE_EQ(s.physiology.fatigue.fatigue, 0.01);
  EXPECT_DOUBLE_EQ(s.physiology.spasm_threshold, 0.2);
  EXPECT_DOUBLE_EQ(s.physiology.fatigue.recovery, physiology::Parameters{}.fatigue.recovery);
  EXPECT_THAT(errorOf("name: x\nphysiology: {fatigue_rat: 0.01}\ntimeline:\n  - stand: {duration: 1min}\n"),
              HasSubstr("s.yaml:2:14: physiology.fatigue_rat: unknown key (did you mean 'fatigue_rate'?)"));
  EXPECT_THAT(errorOf("name: x\nphysiology: {reflex_model: lund}\ntimeline:\n  - stand: {duration: 1min}\n"),
              HasSubstr("physiology.reflex_model: must be one of vicious_cycle, pain_adaptation"));
  EXPECT_THAT(errorOf("name: x\nphysiology: {spasm_threshold: 2}\ntimeline:\n  - stand: {duration: 1min}\n"),
              HasSubstr("physiology.spasm_threshold: must be in [0.01, 1], got 2"));
  EXPECT_THAT(errorOf("name: x\nphysiology: {occlusion_pressure_mmhg: 20}\ntimeline:\n  - stand: {duration: 1min}\n"),
              HasSubstr("physiology: needs pressure_at_rest_mmhg < flow_onset_pressure_mmhg < occlusion_pressure_mmhg"));
}

TEST(ScenarioFile, EveryFaultyPhaseIsReportedAtOnce) {
  const std::string text =
      "name: x\nsubject: {mass_kg: -3}\ntimeline:\n  - stand: {duration: 20 parsecs}\n  - walk: {duration: 1min}\n"
      "  - repeat: {times: 3, timeline: [{lift: {reps: 0}}]}\n";
  EXPECT_EQ(errorOf(text),
            "s.yaml:2:20: subject.mass_kg: must be in [35, 180] kg, got -3\n"
            "s.yaml:4:23: timeline[0].stand.duration: must be a duration such as 90s, 20min, 8h or a number of seconds >= 0, got 20 parsecs\n"
            "s.yaml:6:49: timeline[2].repeat.timeline[0].lift.reps: must be a whole number in [1, 100000], got 0");
}

TEST(ScenarioFile, AnglesBeyondTheModelsRangeAreCaughtWithTheModel) {
  const Scenario s = loadScenarioText("name: x\ntimeline:\n  - stand: {duration: 1min, trunk_flexion_deg: 170}\n", "s.yaml");
  const body::ModelSpec spec = body::loadDefaultModel();
  const body::SpineModel model(spec, {spec.reference_sex, 1.75, 75, 40});
  try {
    Timeline timeline(s, model);
    FAIL() << "170 deg of trunk flexion is beyond the model";
  } catch (const input::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("s.yaml:3:48: timeline[0].stand.trunk_flexion_deg: angle beyond the model's joint range ("));
    EXPECT_THAT(e.what(), HasSubstr("is outside"));
    EXPECT_THAT(e.what(), HasSubstr("got 170"));
  }
  const Scenario neck = loadScenarioText("name: x\ntimeline:\n  - sit: {duration: 1min, neck_flexion_deg: 80}\n", "n.yaml");
  EXPECT_THROW(Timeline(neck, model), input::InputError);
}

TEST(ScenarioFile, DefaultScenarioIsValid) {
  const Scenario s = loadDefaultScenario();
  const body::ModelSpec spec = body::loadDefaultModel();
  const body::SpineModel model(spec, {spec.reference_sex, 1.75, 75, 40});
  EXPECT_NO_THROW(Timeline(s, model));
  EXPECT_GE(s.phases.size(), 8u);
  // The built-in copy has every phase of scenarios/default.yaml.
  EXPECT_EQ(s.phases.size(), loadScenarioFile(std::string(TONUS_SOURCE_DIR) + "/scenarios/default.yaml").phases.size());
}

TEST(ScenarioFile, EveryScenarioInTheLibraryIsValid) {
  const body::ModelSpec spec = body::loadDefaultModel();
  int checked = 0, sweeps = 0, files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(TONUS_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() == ".yml" || entry.path().extension() == ".yaml") ++files;
    if (entry.path().extension() != ".yaml") continue;
    if (input::YamlNode::loadFile(entry.path()).has("vary")) {  // a sweep: see test_sweep
      ++sweeps;
      continue;
    }
    SCOPED_TRACE(entry.path().string());
    const Scenario s = loadScenarioFile(entry.path());
    body::Subject subject{spec.reference_sex, spec.reference_height, spec.reference_mass, 40.0};
    if (s.subject_given) subject = s.subject;
    const body::SpineModel model(spec, subject);
    EXPECT_NO_THROW(Timeline(s, model));
    EXPECT_GT(s.duration(), 0.0);
    ++checked;
  }
  EXPECT_GE(checked, 10) << "the library: desk day x2, lifting x2, twist, commute, nurse, rest, exert, default";
  // Every YAML file of the library was checked here or is a sweep: none skipped (a .yml, say).
  EXPECT_EQ(checked + sweeps, files);
}

}  // namespace
}  // namespace tonus::scenario

namespace tonus::scenario {
namespace {

std::string preparedErrorOf(const std::string& text) {
  try {
    sim::prepareRunText(text, "p.yaml");
  } catch (const input::InputError& e) {
    return e.what();
  }
  return "(prepared)";
}

TEST(ScenarioFile, ADuplicateKeyIsAnErrorAtItsSecondPlace) {
  // The first value used to win silently.
  EXPECT_EQ(errorOf("name: x\ntimeline:\n  - stand: {duration: 1min, duration: 2h}\n"),
            "s.yaml:3:29: timeline[0].stand.duration: duplicate key (first given at line 3); give each key once");
  EXPECT_EQ(errorOf("name: x\nsubject: {sex: male}\ntimeline:\n  - stand: {duration: 1min}\nsubject: {sex: female}\n"),
            "s.yaml:5:1: subject: duplicate key (first given at line 2); give each key once");
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - stand: {duration: 1min}\n? [a, b]\n: 1\n"),
              HasSubstr("s.yaml:4:3: (document): keys must be plain names"));
}

TEST(ScenarioFile, StandingTheArmsRestOnlyOnTheThighs) {
  EXPECT_EQ(errorOf("name: x\ntimeline:\n  - stand: {duration: 1min, arm_support: desk}\n"),
            "s.yaml:3:42: timeline[0].stand.arm_support: must be one of none, thighs, got desk");
  EXPECT_EQ(errorOf("name: x\ntimeline:\n  - walk: {duration: 1min, arm_support: thighs}\n"),
            "s.yaml:3:28: timeline[0].walk.arm_support: unknown key (allowed: duration)");
}

TEST(ScenarioFile, LeaningForwardLeavesTheChairBack) {
  EXPECT_EQ(errorOf("name: x\ntimeline:\n  - sit: {duration: 1min, style: forward, backrest: true}\n"),
            "s.yaml:3:53: timeline[0].sit.backrest: cannot be used with style: forward (the back leans away from it), got true");
  EXPECT_EQ(errorOf("name: x\ntimeline:\n  - sit: {duration: 1min, style: slumped, backrest: true}\n"), "(loaded)");
}

TEST(ScenarioFile, EveryUnknownKeyOfAMapIsReported) {
  EXPECT_EQ(errorOf("name: x\ntimeline:\n  - sit: {duration: 1min, stile: slumped, bakrest: true}\n"),
            "s.yaml:3:27: timeline[0].sit.stile: unknown key (did you mean 'style'?) (allowed: duration, style, backrest, "
            "arm_support, trunk_flexion_deg, lateral_bend_deg, axial_rotation_deg, neck_flexion_deg)\n"
            "s.yaml:3:43: timeline[0].sit.bakrest: unknown key (did you mean 'backrest'?) (allowed: duration, style, "
            "backrest, arm_support, trunk_flexion_deg, lateral_bend_deg, axial_rotation_deg, neck_flexion_deg)");
}

TEST(ScenarioFile, ATopLevelTypoDoesNotHideTheTimelinesErrors) {
  const std::string e = errorOf("name: x\nsubjekt: {sex: male}\ntimeline:\n  - stand: {duration: soon}\n");
  EXPECT_THAT(e, HasSubstr("s.yaml:2:1: subjekt: unknown key (did you mean 'subject'?)"));
  EXPECT_THAT(e, HasSubstr("s.yaml:4:23: timeline[0].stand.duration: must be a duration"));
  // And the other settings of a phase with one mistake are still read.
  const std::string both = errorOf("name: x\ntimeline:\n  - hold: {duration: soon, load_kg: -1}\n");
  EXPECT_THAT(both, HasSubstr("timeline[0].hold.duration: must be a duration"));
  EXPECT_THAT(both, HasSubstr("timeline[0].hold.load_kg: must be in [0, 100] kg, got -1"));
}

TEST(ScenarioFile, JointRangesAreReportedWithTheOtherErrors) {
  const std::string e = preparedErrorOf(
      "name: x\nsubject: {mass_kg: 500}\ntimeline:\n  - stand: {duration: 1min, trunk_flexion_deg: 170}\n"
      "  - sit: {duration: soon}\n");
  EXPECT_THAT(e, HasSubstr("p.yaml:2:20: subject.mass_kg: must be in [35, 180] kg, got 500"));
  EXPECT_THAT(e, HasSubstr("p.yaml:4:48: timeline[0].stand.trunk_flexion_deg: angle beyond the model's joint range"));
  EXPECT_THAT(e, HasSubstr("p.yaml:5:21: timeline[1].sit.duration: must be a duration"));
  // In file order, whatever the order they were found in.
  EXPECT_LT(e.find("p.yaml:2:"), e.find("p.yaml:4:"));
  EXPECT_LT(e.find("p.yaml:4:"), e.find("p.yaml:5:"));
}

TEST(ScenarioFile, TheNameMustBeAPlainFileName) {
  // It names the default results folder results/<name>: "../victim" would write outside it.
  for (const std::string bad : {"\"../victim2\"", "a/b", "\"..\"", "\".\"", "\"\"", "\" \"", "\"tab\\there\"", "'a\\b'",
                                "\"x..y\""}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(errorOf("name: " + bad + "\ntimeline:\n  - stand: {duration: 1min}\n"), HasSubstr("s.yaml:1:7: name: must "));
  }
  EXPECT_EQ(loadScenarioText("name: 腰痛 desk day 🙂\ntimeline:\n  - stand: {duration: 1min}\n", "s.yaml").name,
            "腰痛 desk day 🙂");
}

TEST(ScenarioFile, AFileOfAnotherKindSaysWhatItIs) {
  EXPECT_THAT(errorOf(body::defaultModelText()), HasSubstr("this is a model file (it has format: tonus-model/...), not a "
                                                           "scenario; pass a model with --model (model= in Python)"));
  EXPECT_THAT(errorOf("name: s\nbase: b.yaml\nvary: {subject.height_m: {uniform: [1.5, 1.9]}}\n"),
              HasSubstr("this is a sweep file (it has base: and vary:), not a scenario"));
  try {
    body::loadModelText("name: x\ntimeline:\n  - stand: {duration: 1min}\n", "m.yaml");
    FAIL() << "a scenario is not a model";
  } catch (const input::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("m.yaml: this is a scenario file (it has a timeline:), not a model; run a "
                                    "scenario with `tonus run` (tonus.run in Python), or give it to a sweep as its base"));
  }
}

TEST(ScenarioFile, OutputChoosesFilesAndIntervals) {
  const Scenario s = loadScenarioText(
      "name: x\ntimeline:\n  - stand: {duration: 1h}\noutput: {files: [summary, timeseries], sample_every: 2s, "
      "muscles_every: 10s}\n", "s.yaml");
  EXPECT_TRUE(s.writes(OutputFile::Timeseries));
  EXPECT_FALSE(s.writes(OutputFile::Muscles));
  EXPECT_FALSE(s.writes(OutputFile::Sto));
  EXPECT_FALSE(s.writes(OutputFile::Phases));
  EXPECT_EQ(s.musclesStride(), 5);
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - stand: {duration: 1h}\noutput: {sample_every: 2s, muscles_every: 3s}\n"),
              HasSubstr("s.yaml:4:43: output.muscles_every: must be a whole multiple of sample_every (2 s), got 3s"));
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - stand: {duration: 1h}\noutput: {files: [summary, pdf]}\n"),
              HasSubstr("output.files[1]: must be one of summary, timeseries, muscles, sto, phases"));
  // Defaults: each second for short runs; an 8-hour day keeps 5,760 rows and 480 muscle samples.
  const Scenario short_run = loadScenarioText("name: x\ntimeline:\n  - stand: {duration: 90s}\n", "s.yaml");
  EXPECT_DOUBLE_EQ(short_run.sample_every, 1.0);
  EXPECT_DOUBLE_EQ(short_run.muscles_every, 1.0);
  const Scenario day = loadScenarioText("name: x\ntimeline:\n  - sit: {duration: 8h}\n", "s.yaml");
  EXPECT_DOUBLE_EQ(day.sample_every, 5.0);
  EXPECT_DOUBLE_EQ(day.muscles_every, 60.0);
}

TEST(ScenarioFile, AHugeRepeatIsRefusedBeforeItIsExpanded) {
  // 10,000 x 10,000 phases would fill the memory before a check after expansion.
  EXPECT_THAT(errorOf("name: x\ntimeline:\n  - repeat: {times: 10000, timeline: [{repeat: {times: 10000, timeline: "
                      "[{stand: {duration: 1s}}]}}]}\n"),
              HasSubstr("s.yaml:3:13: timeline[0].repeat: expands to more than 200000 phases"));
}

}  // namespace
}  // namespace tonus::scenario
