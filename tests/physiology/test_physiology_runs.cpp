// The physiology in whole runs: endurance against published trunk data, the directions the
// source documents assert (each a pair of runs differing in one factor), the reliefs, the two
// reflex models, independence from the sampling interval, and a day without NaN or runaway.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "input/text_file.hpp"
#include "physiology/run_fixture.hpp"
#include "scenario/scenario_file.hpp"

namespace tonus::sim {
namespace {

std::string exert(int percent) {
  return "name: endurance\ntimeline:\n  - stand: {duration: 10s}\n  - exert: {duration: 40min, effort_percent_mvc: " +
         std::to_string(percent) + ", direction: extension}\noutput: {sample_every: 10s}\n";
}

TEST(PhysiologyRuns, SustainedExtensionFailsWithinThePublishedTrunkEnduranceBand) {
  // Frey-Law & Avin 2010 (Ergonomics 53:109) trunk power model ET = 22.69 f^-2.27 s (Table 2, as
  // quoted by suji, S), with the 29-47 % spread of the group means about it (Frey-Law et al. 2012,
  // V): 20 % MVC 7.7-21.5 min, 40 % 1.6-4.5 min, 60 % 38-106 s, 80 % 20-55 s.
  Fixture f;
  for (int percent : {20, 40, 60, 80}) {
    const RunResult r = f.run(exert(percent));
    ASSERT_TRUE(r.task_failure.has_value()) << percent;
    const double endurance = *r.task_failure - 10.0;
    const double published = 22.69 * std::pow(percent / 100.0, -2.27);
    EXPECT_GE(endurance, 0.53 * published) << percent << "% MVC";
    EXPECT_LE(endurance, 1.47 * published) << percent << "% MVC";
  }
}

// How long a subject of the given sex holds a trunk-extension effort: sustained, or in 8 s
// cycles of 6.5 s effort and 1.5 s rest (Lariviere et al. 2006's protocol without its ramps).
double extensionEndurance(const std::string& sex, int percent, bool intermittent) {
  const std::string timeline =
      intermittent ? "  - repeat:\n      times: 300\n      timeline:\n        - exert: {duration: 6.5s, effort_percent_mvc: " +
                         std::to_string(percent) + "}\n        - stand: {duration: 1.5s}\n"
                   : "  - exert: {duration: 20min, effort_percent_mvc: " + std::to_string(percent) + "}\n";
  Fixture f;
  const RunResult r = f.run("name: endurance\nsubject: {sex: " + sex + "}\ntimeline:\n  - stand: {duration: 10s}\n" +
                            timeline + "output: {sample_every: 10s, files: [summary]}\n");
  EXPECT_TRUE(r.task_failure.has_value()) << sex << " " << percent << "%";
  return r.task_failure.value_or(1e9) - 10.0;
}

TEST(PhysiologyRuns, WomenHoldTrunkExtensionLongerThanMenAtTheSameRelativeEffort) {
  // Calibration: a woman's fatigue rate is a man's over 1.39, Clark et al. 2003's (A) ratio of
  // endurance at 50 % MVC (women 146 +- 34 s, men 105 +- 25 s, SD from SE x sqrt(10)); each sex
  // within 2 SD of its mean. The model's own ratio at 50 % follows from that by construction.
  const double men = extensionEndurance("male", 50, false), women = extensionEndurance("female", 50, false);
  EXPECT_NEAR(women / men, 1.39, 0.12);
  EXPECT_GE(men, 105.0 - 2 * 25.0);
  EXPECT_LE(men, 105.0 + 2 * 25.0);
  EXPECT_GE(women, 146.0 - 2 * 34.0);
  EXPECT_LE(women, 146.0 + 2 * 34.0);
  // Validation, data the factor was not fitted to: Lariviere et al. 2006 (Clin Biomech 21:893, A),
  // intermittent 40 % MVC to exhaustion: men 7.1 +- 5.2 min, women 13.0 +- 6.1 min; each sex
  // within 1 SD of its mean, women longer.
  const double men_cycles = extensionEndurance("male", 40, true), women_cycles = extensionEndurance("female", 40, true);
  EXPECT_GE(men_cycles, (7.1 - 5.2) * 60.0);
  EXPECT_LE(men_cycles, (7.1 + 5.2) * 60.0);
  EXPECT_GE(women_cycles, (13.0 - 6.1) * 60.0);
  EXPECT_LE(women_cycles, (13.0 + 6.1) * 60.0);
  EXPECT_GT(women_cycles / men_cycles, 1.25);
}

// How long a subject holds the Biering-Sorensen test (face down, the trunk out over a bench's
// edge) before the extensors fail, from the phase's start [s].
double sorensenEndurance(const std::string& sex) {
  Fixture f;
  const RunResult r = f.run("name: sorensen\nsubject: {sex: " + sex + "}\ntimeline:\n  - stand: {duration: 10s}\n"
                            "  - sorensen: {duration: 15min}\noutput: {sample_every: 10s, files: [summary]}\n");
  EXPECT_TRUE(r.task_failure.has_value()) << sex;
  return r.task_failure.value_or(1e9) - 10.0;
}

TEST(PhysiologyRuns, WomenHoldTheSorensenTestLongerThanMen) {
  // Validation (neither the posture nor the sexes' rates were fitted to it): Juan-Recio et al.
  // 2025 (PLoS One 20:e0324787, A), men 161.9 +- 52.2 s, women 193.7 +- 53.2 s, women / men 1.20;
  // the "McGill norms" 146 and 189 s (S), 1.29. The ratio is inside; the absolute times are not
  // (Tonus ~340 and ~410 s: docs/physiology.md, "The Biering-Sorensen test"), so only the floor
  // is asserted: a man does not fail sooner than the published mean less one SD.
  const double men = sorensenEndurance("male"), women = sorensenEndurance("female");
  EXPECT_GE(women / men, 1.10);
  EXPECT_LE(women / men, 1.40);
  EXPECT_GE(men, 161.9 - 52.2);
  EXPECT_GE(women, 193.7 - 53.2);
}

TEST(PhysiologyRuns, ALongerStaticHoldRaisesFatigueAndTone) {
  Fixture f;
  const std::string hold = "name: h\ntimeline:\n  - hold: {duration: DURATION, load_kg: 8, hand_distance_m: 0.4, trunk_flexion_deg: 20}\n";
  auto with = [&](const char* d) { return f.run(std::regex_replace(hold, std::regex("DURATION"), d)); };
  const RunResult shorter = with("2min"), longer = with("6min");
  EXPECT_GT(Fixture::runPeak(longer, "fatigue_max"), Fixture::runPeak(shorter, "fatigue_max") + 0.05);
  EXPECT_GT(Fixture::runPeak(longer, "tone_max"), Fixture::runPeak(shorter, "tone_max"));
  EXPECT_GT(Fixture::runPeak(longer, "spasm_risk"), Fixture::runPeak(shorter, "spasm_risk"));
}

TEST(PhysiologyRuns, AHeavierLoadRaisesFatigueAndTone) {
  Fixture f;
  const RunResult light = f.run("name: l\ntimeline:\n  - hold: {duration: 4min, load_kg: 4, hand_distance_m: 0.4}\n");
  const RunResult heavy = f.run("name: h\ntimeline:\n  - hold: {duration: 4min, load_kg: 16, hand_distance_m: 0.4}\n");
  EXPECT_GT(Fixture::runPeak(heavy, "fatigue_max"), Fixture::runPeak(light, "fatigue_max") + 0.05);
  EXPECT_GT(Fixture::runPeak(heavy, "tone_max"), Fixture::runPeak(light, "tone_max"));
  EXPECT_GT(Fixture::runMean(heavy, "spasm_risk"), Fixture::runMean(light, "spasm_risk"));
}

TEST(PhysiologyRuns, SlumpedSittingRaisesRiskOverUpright) {
  // Slumped, the back hangs on its passive tissues: their creep drives the risk where the
  // muscles' effort drives it upright, and more so the longer the sitting.
  Fixture f;
  for (const char* duration : {"30min", "1h", "2h"}) {
    const RunResult upright = f.run(std::string("name: u\ntimeline:\n  - sit: {duration: ") + duration + ", style: upright}\n");
    const RunResult slumped = f.run(std::string("name: s\ntimeline:\n  - sit: {duration: ") + duration + ", style: slumped}\n");
    EXPECT_GT(slumped.peak_risk.value, 1.15 * upright.peak_risk.value) << duration;
    EXPECT_GT(Fixture::runMean(slumped, "spasm_risk"), 1.1 * Fixture::runMean(upright, "spasm_risk")) << duration;
    EXPECT_GT(slumped.peak_risk.contributions[physiology::kPosture], 2.0 * upright.peak_risk.contributions[physiology::kPosture])
        << duration;
  }
}

// Leaning on a chair back, the back muscles' EMG falls (Andersson et al. 1974): the trunk's
// muscles lose their postural tone, as lying, while the neck still holds the unsupported head.
TEST(PhysiologyRuns, AChairBackRelaxesTheTrunksToneButNotTheNecks) {
  Fixture f;
  const RunResult upright = f.run("name: u\ntimeline:\n  - sit: {duration: 20min, style: upright}\n");
  const RunResult leaning = f.run("name: b\ntimeline:\n  - sit: {duration: 20min, style: upright, backrest: true}\n");
  const RunResult lying = f.run("name: l\ntimeline:\n  - lie: {duration: 20min}\n");
  for (const std::string trunk : {"tone_multifidus", "tone_longissimus_thoracis_pars_lumborum", "tone_rectus_abdominis"}) {
    EXPECT_LT(Fixture::runMean(leaning, trunk), 0.5 * Fixture::runMean(upright, trunk)) << trunk;
    EXPECT_NEAR(Fixture::runMean(leaning, trunk), Fixture::runMean(lying, trunk), 0.25 * Fixture::runMean(lying, trunk))
        << trunk;
  }
  EXPECT_GT(Fixture::runMean(leaning, "tone_splenius_capitis"), 1.5 * Fixture::runMean(lying, "tone_splenius_capitis"));
}

TEST(PhysiologyRuns, DehydrationAndStressEachRaiseRisk) {
  Fixture f;
  const std::string day = "timeline:\n  - sit: {duration: 40min, style: slumped}\n  - hold: {duration: 3min, load_kg: 8, hand_distance_m: 0.4}\n";
  const RunResult calm = f.run("name: c\ncondition: {stress: 0.1}\n" + day);
  const RunResult dry = f.run("name: d\ncondition: {stress: 0.1, dehydration_percent: 4}\n" + day);
  const RunResult tense = f.run("name: t\ncondition: {stress: 0.8}\n" + day);
  EXPECT_GT(Fixture::runMean(dry, "spasm_risk"), Fixture::runMean(calm, "spasm_risk"));
  EXPECT_GT(Fixture::runMean(tense, "spasm_risk"), Fixture::runMean(calm, "spasm_risk"));
  EXPECT_GT(Fixture::runPeak(tense, "tone_max"), Fixture::runPeak(calm, "tone_max"));
  // Low electrolytes too, and a weak core raises fatigue under the same load.
  const RunResult low_mg = f.run("name: m\ncondition: {stress: 0.1, electrolytes: low_magnesium}\n" + day);
  EXPECT_GT(Fixture::runMean(low_mg, "spasm_risk"), Fixture::runMean(calm, "spasm_risk"));
  const RunResult weak = f.run("name: w\ncondition: {stress: 0.1, core_strength: 0.7}\n" + day);
  EXPECT_GT(Fixture::runPeak(weak, "fatigue_max"), Fixture::runPeak(calm, "fatigue_max"));
}

TEST(PhysiologyRuns, AFastTwistRaisesToneMoreThanASlowOne) {
  Fixture f;
  const RunResult slow = f.run("name: s\ntimeline:\n  - twist: {reps: 4, angle_deg: 50, peak_speed_deg_s: 60}\n");
  const RunResult fast = f.run("name: f\ntimeline:\n  - twist: {reps: 4, angle_deg: 50, peak_speed_deg_s: 500}\n");
  EXPECT_GT(Fixture::runPeak(fast, "tone_max"), Fixture::runPeak(slow, "tone_max") + 0.02) << "stretch-reflex bursts";
}

// After the same 30 min of sitting leaning forward over a desk, 10 minutes of each relief against
// 10 minutes of sitting on. (Slumped sitting hangs on the passive tissues with the back muscles
// near silent, as in the flexion-relaxation of slumped sitting (docs/model.md); the reliefs here
// act on the muscles' load, so the baseline is a posture the muscles hold.)
double riskAfter(Fixture& f, const std::string& relief) {
  const RunResult r = f.run("name: r\ncondition: {stress: 0.6, dehydration_percent: 2}\ntimeline:\n"
                            "  - sit: {duration: 30min, style: forward}\n  - " + relief +
                            "\n  - sit: {duration: 5min, style: forward}\n");
  return Fixture::phaseMean(r, 2, "spasm_risk");
}

TEST(PhysiologyRuns, BreaksHeatAndRestLowerRisk) {
  Fixture f;
  const double none = riskAfter(f, "sit: {duration: 10min, style: forward}");
  EXPECT_LT(riskAfter(f, "stretch: {duration: 10min}"), none);
  EXPECT_LT(riskAfter(f, "walk: {duration: 10min}"), none);
  EXPECT_LT(riskAfter(f, "heat: {duration: 10min, posture: sitting}"), riskAfter(f, "sit: {duration: 10min, style: upright, backrest: true}"));
  EXPECT_LT(riskAfter(f, "lie: {duration: 10min}"), none);
}

TEST(PhysiologyRuns, RestRecoversFatigueAndDrinkingRestoresHydration) {
  Fixture f;
  const RunResult r = f.run("name: r\ncondition: {dehydration_percent: 3}\ntimeline:\n"
                            "  - hold: {duration: 3min, load_kg: 12, hand_distance_m: 0.4}\n"
                            "  - lie: {duration: 15min}\n  - drink: {litres: 1.0}\n  - stand: {duration: 1h}\n");
  const int c = r.channelIndex("fatigue_max");
  EXPECT_LT(r.phases[1].channels[c].mean(), 0.5 * r.phases[0].channels[c].peak) << "recovery at rest (r = 15)";
  // With r = 15 and a lying load below 0.1, recovery is at least 8 R = 0.006 /s: > 5 e-folds in
  // 15 min; a multiplier of 3 or less would leave more than a tenth of the peak.
  EXPECT_LT(Fixture::lastSampleOfPhase(r, 1).values[c], 0.1 * r.phases[0].channels[c].peak) << "end of the lie";
  // 1 L is 1.3 % of 75 kg: the deficit falls from 3 % toward 1.7 %.
  EXPECT_NEAR(Fixture::phasePeak(r, 0, "hydration_deficit_percent"), 3.0, 1e-6);
  const double after = r.samples.back().values[r.channelIndex("hydration_deficit_percent")];
  // docs/physiology.md: absorbed with tau = 15 min; this is 1 h after the drink.
  EXPECT_NEAR(after, 3.0 - 100.0 * 1.0 / 75.0 * (1.0 - std::exp(-3600.0 / 900.0)), 1e-3);
}

TEST(PhysiologyRuns, BreaksInALongDriveLowerTheRiskWhateverTheCondition) {
  // The library's long drive with and without its stops (a walk, a stretch and a drink every
  // 55 min), for calm to anxious drivers, hydrated or not: the breaks must lower the mean
  // spasm risk and tone every time, not only at one knife-edge setting. (Mean fatigue is not
  // yet lower with breaks in every condition: the walk's own demand; issue 13 takes it up.)
  Fixture f;
  const auto text = [](const char* name) {
    return input::readInputFile(std::string(TONUS_SOURCE_DIR) + "/scenarios/" + name);
  };
  const std::string without = text("long-drive.yaml"), with = text("long-drive-with-breaks.yaml");
  const std::string library_condition =
      "condition: {dehydration_percent: 3, electrolytes: low_magnesium, stress: 0.7, core_strength: 0.85, "
      "ambient_temperature_c: 28}";
  ASSERT_NE(without.find(library_condition), std::string::npos);
  ASSERT_NE(with.find(library_condition), std::string::npos);
  for (const char* stress : {"0.2", "0.5", "0.8"}) {
    for (const char* dehydration : {"0", "4"}) {
      const std::string condition = std::string("condition: {dehydration_percent: ") + dehydration +
                                    ", electrolytes: low_magnesium, stress: " + stress +
                                    ", core_strength: 0.85, ambient_temperature_c: 28}";
      const auto runOf = [&](std::string scenario) {
        scenario.replace(scenario.find(library_condition), library_condition.size(), condition);
        return f.run(scenario);
      };
      const RunResult straight = runOf(without), stopping = runOf(with);
      SCOPED_TRACE(std::string("stress ") + stress + ", dehydration " + dehydration + " %");
      EXPECT_LT(Fixture::runMean(stopping, "spasm_risk"), Fixture::runMean(straight, "spasm_risk"));
      EXPECT_LT(Fixture::runMean(stopping, "tone_max"), Fixture::runMean(straight, "tone_max"));
      EXPECT_LE(stopping.spasm_events.size(), straight.spasm_events.size());
    }
  }
}

TEST(PhysiologyRuns, PainAdaptationDampsToneWhereTheViciousCycleRaisesIt) {
  Fixture f;
  const std::string day = "condition: {stress: 0.7, dehydration_percent: 3}\ntimeline:\n"
                          "  - sit: {duration: 90min, style: slumped}\n  - hold: {duration: 3min, load_kg: 8, hand_distance_m: 0.4}\n";
  const RunResult vicious = f.run("name: v\n" + day);
  const RunResult lund = f.run("name: l\nphysiology: {reflex_model: pain_adaptation}\n" + day);
  EXPECT_LT(Fixture::runPeak(lund, "tone_max"), Fixture::runPeak(vicious, "tone_max"));
  EXPECT_LT(Fixture::runMean(lund, "spasm_risk"), Fixture::runMean(vicious, "spasm_risk"));
  // Pain inhibits the agonists: their capacity falls below what fatigue alone leaves.
  const int capacity = lund.channelIndex("capacity_multifidus"), fatigue = lund.channelIndex("fatigue_multifidus");
  const Sample& last = lund.samples.back();
  EXPECT_LT(last.values[capacity], 1.0 - last.values[fatigue] - 1e-4);
  // ... but by at most the documented 15 % (Farina et al. 2005: -13 % EMG).
  EXPECT_GE(last.values[capacity], 0.85 * (1.0 - last.values[fatigue]) - 1e-9);
}

TEST(PhysiologyRuns, ResultsDoNotDependOnTheSamplingInterval) {
  Fixture f;
  const std::string day = "timeline:\n  - stand: {duration: 1min}\n  - lift: {reps: 6, load_kg: 12, cycle_s: 5}\n"
                          "  - sit: {duration: 20min, style: slumped}\n  - twist: {reps: 3, angle_deg: 40, peak_speed_deg_s: 300}\n"
                          "  - hold: {duration: 2min, load_kg: 10, hand_distance_m: 0.4}\n";
  const RunResult fine = f.run("name: a\n" + day + "output: {sample_every: 1s}\n");
  const RunResult coarse = f.run("name: b\n" + day + "output: {sample_every: 37s}\n");
  EXPECT_EQ(fine.frames, coarse.frames);
  ASSERT_EQ(fine.phases.size(), coarse.phases.size());
  for (std::size_t p = 0; p < fine.phases.size(); ++p) {
    for (std::size_t c = 0; c < fine.channels.names.size(); ++c) {
      EXPECT_EQ(fine.phases[p].channels[c].mean(), coarse.phases[p].channels[c].mean()) << fine.channels.names[c];
      EXPECT_EQ(fine.phases[p].channels[c].peak, coarse.phases[p].channels[c].peak) << fine.channels.names[c];
    }
  }
  EXPECT_EQ(fine.task_failure, coarse.task_failure);
  EXPECT_EQ(fine.spasm_events.size(), coarse.spasm_events.size());
  EXPECT_EQ(fine.peak_risk.value, coarse.peak_risk.value);
  // Samples at common times are identical.
  for (const Sample& s : coarse.samples) {
    const auto k = static_cast<std::size_t>(std::lround(s.time));
    ASSERT_LT(k, fine.samples.size());
    EXPECT_EQ(fine.samples[k].values, s.values) << s.time;
  }
}

TEST(PhysiologyRuns, TwentyFourHoursWithoutNaNOrRunaway) {
  Fixture f;
  const std::string day =
      "name: day\ncondition: {stress: 0.6, dehydration_percent: 2, ambient_temperature_c: 30}\ntimeline:\n"
      "  - repeat:\n      times: 3\n      timeline:\n"
      "        - sit: {duration: 2h, style: slumped}\n        - lift: {reps: 10, load_kg: 15, cycle_s: 6}\n"
      "        - twist: {reps: 10, angle_deg: 45, peak_speed_deg_s: 400, load_kg: 5}\n"
      "        - carry: {duration: 30min, load_kg: 10, on: right_shoulder}\n        - heat: {duration: 20min}\n"
      "        - cold: {duration: 30min}\n        - massage: {duration: 10min}\n        - stand: {duration: 1h}\n"
      "        - drink: {litres: 0.5}\n        - lie: {duration: 3h}\n        - exert: {duration: 1min, effort_percent_mvc: 50}\n"
      "  - lie: {duration: 5h}\noutput: {sample_every: 5min}\n";
  const RunResult r = f.run(day);
  // Every phase of every repeat is run: the clock ends at the timeline's own length (27.6 h).
  EXPECT_DOUBLE_EQ(r.simulated_s, scenario::loadScenarioText(day, "day.yaml").duration());
  for (const Sample& s : r.samples) {
    for (double v : s.values) ASSERT_TRUE(std::isfinite(v)) << s.time;
    for (const auto& q : s.fascicle) ASSERT_TRUE(q.allFinite()) << s.time;
    EXPECT_GE(s.fascicle[kFatigue].minCoeff(), 0.0);
    EXPECT_LE(s.fascicle[kFatigue].maxCoeff(), 1.0);
    EXPECT_GE(s.fascicle[kTone].minCoeff(), 0.0);
    EXPECT_LE(s.fascicle[kTone].maxCoeff(), 1.0);
    EXPECT_LE(s.fascicle[kActivation].maxCoeff(), 1.0 + 1e-9);
    EXPECT_LE(s.fascicle[kRisk].maxCoeff(), 1.0);
    // Steady states reach ~1.4 (fresh) to ~4 (tired) here and the 1-min exert adds <= 2; with
    // no washout at all the index would climb to ~200 by the end of the day.
    EXPECT_LT(s.fascicle[kMetabolite].maxCoeff(), 10.0);
  }
  // Sweating all day in the heat with too little to drink. Before the first drink the deficit is
  // the documented law: 2 % + 0.05 L/h per deg C x 6 C x 2 h of 75 kg = 2.8 %.
  const int deficit = r.channelIndex("hydration_deficit_percent");
  EXPECT_NEAR(Fixture::sampleAt(r, 7200.0).values[deficit], 2.0 + 100.0 * 0.05 * 6.0 * 2.0 / 75.0, 1e-6);
  // It then reaches, and stays within, its documented cap of 10 %.
  EXPECT_DOUBLE_EQ(Fixture::runPeak(r, "hydration_deficit_percent"), 10.0);
}

}  // namespace
}  // namespace tonus::sim
