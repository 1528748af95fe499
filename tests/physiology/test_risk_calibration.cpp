// The spasm risk over working days (issue 13): its calibration point, its check against data it
// was not fitted to, the directions the source documents name (each over a range of conditions,
// not one tuned scenario), and the plausibility of ordinary work.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "physiology/run_fixture.hpp"

namespace tonus::sim {
namespace {

// The run's risk at a sampled time.
double riskAt(const RunResult& r, double time) {
  return Fixture::sampleAt(r, time).values[r.channelIndex("spasm_risk")];
}

std::string scenarioOf(const std::string& condition, const std::string& timeline) {
  return "name: case\ncondition: {" + condition + "}\ntimeline:\n" + timeline + "output: {sample_every: 1min}\n";
}

// A timeline entry repeating a working phase and a walk `times` times.
std::string repeatedWithWalks(int times, const std::string& work, const std::string& walk) {
  return "  - repeat:\n      times: " + std::to_string(times) + "\n      timeline:\n        - " + work +
         "\n        - walk: {duration: " + walk + "}\n";
}

TEST(RiskCalibration, TwoHoursOfStandingIsTheCalibrationPoint) {
  // Calibration: the dose rate is set so that the reference man standing 2 h reaches 0.5, the
  // share of healthy people who develop low-back pain in 2 h of standing (pooled 93 of 171 in
  // seven studies, 40-81 %: docs/physiology.md). A model change that moves it must recalibrate.
  Fixture f;
  const RunResult r = f.run(scenarioOf("stress: 0.2", "  - stand: {duration: 2h}\n"));
  EXPECT_NEAR(r.peak_risk.value, 0.5, 0.01);
  // Graded on the way: a quarter of the way at 30 min is not yet a half.
  EXPECT_LT(riskAt(r, 1800.0), 0.3);
  EXPECT_GT(riskAt(r, 1800.0), 0.1);
}

TEST(RiskCalibration, TheRankingSaysWhichGroupsCarriedTheRiskAndForHowLong) {
  Fixture f;
  const RunResult r = f.run(scenarioOf("stress: 0.2", "  - stand: {duration: 2h}\n"));
  ASSERT_EQ(r.risk_by_group.size(), r.groups.size());
  const GroupRisk& top = r.risk_by_group.front();
  // The worst group holds the run's peak, and the ranking is by time at high risk.
  EXPECT_DOUBLE_EQ(top.peak, r.peak_risk.value);
  for (std::size_t g = 1; g < r.risk_by_group.size(); ++g) {
    EXPECT_GE(r.risk_by_group[g - 1].above_s[1], r.risk_by_group[g].above_s[1]);
  }
  // Cross-check with the group's own channel, sampled every minute: time above 0.2 agrees to a
  // sample interval.
  const int channel = r.channelIndex("risk_" + top.group);
  ASSERT_GE(channel, 0);
  double sampled = 0.0;
  for (const Sample& s : r.samples) sampled += s.values[channel] > 0.2 ? 60.0 : 0.0;
  EXPECT_NEAR(top.above_s[0], sampled, 60.0);
  EXPECT_GT(top.above_s[0], 3600.0) << "most of the two hours is above 0.2";
}

TEST(RiskCalibration, AgreesWithPainDevelopmentItWasNotFittedTo) {
  Fixture f;
  // Sitting upright 2 h: 4 of 10 men (Schinkel-Ivy et al. 2013 (A)) and 27 of 61 in 1 h (Greene
  // et al. 2019 (A)) developed pain: 0.35-0.50 about those shares.
  const RunResult sitting = f.run(scenarioOf("stress: 0.2", "  - sit: {duration: 2h}\n"));
  EXPECT_GE(sitting.peak_risk.value, 0.35);
  EXPECT_LE(sitting.peak_risk.value, 0.50);
  // A 5-min walk every 25 min of standing cut the pain developers from 58 % to 26 % (Gallagher
  // et al. 2019 (A), 11 and 5 of 19): the ratio 0.45, and 0.3-0.65 for samples that small. At
  // the end of the last standing bout against 2 h of standing straight.
  const RunResult standing = f.run(scenarioOf("stress: 0.2", "  - stand: {duration: 2h}\n"));
  const RunResult walking = f.run(scenarioOf("stress: 0.2",
                                             "  - repeat:\n      times: 4\n      timeline:\n"
                                             "        - stand: {duration: 25min}\n        - walk: {duration: 5min}\n"));
  const double ratio = riskAt(walking, 6300.0) / standing.peak_risk.value;
  EXPECT_GT(ratio, 0.3);
  EXPECT_LT(ratio, 0.65);
  // A 15-min seated break after 45 min of standing gave no lasting recovery (Gallagher et al.
  // 2014 (A)): 45 min into the second standing bout the risk is within 15 % of standing straight.
  const RunResult sit_break = f.run(scenarioOf("stress: 0.2",
                                               "  - stand: {duration: 45min}\n  - sit: {duration: 15min}\n"
                                               "  - stand: {duration: 45min}\n"));
  EXPECT_GT(riskAt(sit_break, 6300.0), 0.85 * riskAt(standing, 6300.0));
}

// Each adverse factor against its counterpart, for two subjects: a calm man and a stressed,
// slightly dehydrated woman.
struct Subject {
  std::string who;
  double stress, dehydration, core_strength;
};
const std::vector<Subject> kSubjects = {{"{sex: male}", 0.1, 0.0, 1.0},
                                        {"{sex: female, height_m: 1.62, mass_kg: 60}", 0.6, 2.0, 1.0}};

std::string runText(const Subject& s, const std::string& timeline) {
  return "subject: " + s.who + "\n" +
         scenarioOf("stress: " + std::to_string(s.stress) + ", dehydration_percent: " + std::to_string(s.dehydration) +
                        ", core_strength: " + std::to_string(s.core_strength),
                    timeline);
}

struct Pair {
  const char* factor;
  void (*worsen)(Subject&);  // the condition's side of the factor, if any
  std::string timeline_low, timeline_high;
};

std::vector<Pair> adversePairs() {
  const auto same = [](Subject&) {};
  const std::string desk = "  - sit: {duration: 40min, style: slumped}\n  - hold: {duration: 3min, load_kg: 8, hand_distance_m: 0.4}\n";
  const std::string bent = "  - stand: {duration: 30min, trunk_flexion_deg: 20}\n  - hold: {duration: 3min, load_kg: 8, hand_distance_m: 0.4}\n";
  return {
      {"a longer hold", same, "  - hold: {duration: 5min, load_kg: 8}\n", "  - hold: {duration: 15min, load_kg: 8}\n"},
      {"a heavier load", same, "  - hold: {duration: 10min, load_kg: 4}\n", "  - hold: {duration: 10min, load_kg: 12}\n"},
      {"a bent head", same, "  - sit: {duration: 30min}\n", "  - sit: {duration: 30min, neck_flexion_deg: 35}\n"},
      {"dehydration", [](Subject& s) { s.dehydration += 4.0; }, desk, desk},
      {"stress", [](Subject& s) { s.stress = 0.95; }, desk, desk},
      // Where the trunk's muscles hold the posture (slumped, the passive tissues do).
      {"a weak core", [](Subject& s) { s.core_strength = 0.6; }, bent, bent},
      // The same twists, then the same time standing: fast ones strain the tissue.
      {"fast twists", same, "  - twist: {reps: 20, angle_deg: 45, peak_speed_deg_s: 60}\n  - stand: {duration: 10min}\n",
       "  - twist: {reps: 20, angle_deg: 45, peak_speed_deg_s: 400}\n  - stand: {duration: 10min}\n"},
      {"no breaks", same,
       "  - repeat:\n      times: 6\n      timeline:\n        - sit: {duration: 19min, style: slumped, neck_flexion_deg: 20}\n"
       "        - walk: {duration: 1min}\n",
       "  - sit: {duration: 2h, style: slumped, neck_flexion_deg: 20}\n"},
  };
}

TEST(RiskDirections, EachAdverseFactorRaisesTheRiskWhateverTheSubject) {
  Fixture f;
  for (const Pair& pair : adversePairs()) {
    for (const Subject& subject : kSubjects) {
      Subject worse = subject;
      pair.worsen(worse);
      const RunResult low = f.run(runText(subject, pair.timeline_low));
      const RunResult high = f.run(runText(worse, pair.timeline_high));
      SCOPED_TRACE(std::string(pair.factor) + ", " + subject.who);
      EXPECT_GT(high.peak_risk.value, 1.05 * low.peak_risk.value);
      EXPECT_GT(Fixture::runMean(high, "spasm_risk"), Fixture::runMean(low, "spasm_risk"));
    }
  }
}

// After 30 min of sitting leaning forward over a desk, 10 minutes of each relief against 10
// minutes of sitting on, then 5 minutes back at the desk; for two conditions.
double riskAfterRelief(Fixture& f, const std::string& condition, const std::string& relief) {
  const RunResult r = f.run(scenarioOf(condition, "  - sit: {duration: 30min, style: forward}\n  - " + relief +
                                                      "\n  - sit: {duration: 5min, style: forward}\n"));
  return Fixture::phaseMean(r, 2, "spasm_risk");
}

TEST(RiskDirections, EveryReliefLowersTheRiskAgainstTheSameTimeWithoutIt) {
  Fixture f;
  for (const std::string condition : {"stress: 0.1", "stress: 0.6, dehydration_percent: 2"}) {
    SCOPED_TRACE(condition);
    const double none = riskAfterRelief(f, condition, "sit: {duration: 10min, style: forward}");
    for (const char* relief : {"walk: {duration: 10min}", "stretch: {duration: 10min}", "lie: {duration: 10min}",
                               "heat: {duration: 10min}", "massage: {duration: 10min}"}) {
      EXPECT_LT(riskAfterRelief(f, condition, relief), 0.9 * none) << relief;
    }
    // Heat and massage act beyond the posture they are given in.
    const double seated = riskAfterRelief(f, condition, "sit: {duration: 10min, style: upright, backrest: true}");
    EXPECT_LT(riskAfterRelief(f, condition, "heat: {duration: 10min, posture: sitting}"), seated);
    EXPECT_LT(riskAfterRelief(f, condition, "massage: {duration: 10min, posture: sitting}"), seated);
  }
}

TEST(RiskPlausibility, ShortOrdinaryPosturesDoNotSaturateTheRisk) {
  // A few minutes of any of these is part of every day; none of them may read as likely spasm.
  Fixture f;
  for (const char* posture :
       {"stand: {duration: 5min}", "sit: {duration: 5min}", "sit: {duration: 5min, style: slumped}",
        "sit: {duration: 5min, backrest: true}", "walk: {duration: 5min}", "stand: {duration: 2min, trunk_flexion_deg: 20}",
        "stand: {duration: 2min, trunk_flexion_deg: 60}", "stretch: {duration: 2min}",
        "hold: {duration: 1min, load_kg: 20, hand_distance_m: 0.3}", "lift: {reps: 3, load_kg: 20}"}) {
    const RunResult r = f.run(scenarioOf("stress: 0.2", std::string("  - ") + posture + "\n  - lie: {duration: 5min}\n"));
    EXPECT_LT(r.peak_risk.value, 0.2) << posture;
    EXPECT_TRUE(r.spasm_events.empty()) << posture;
  }
}

TEST(RiskPlausibility, OrdinaryWorkIsSustainable) {
  Fixture f;
  // Slow unloaded twists: nothing short of capacity, no failure.
  const RunResult twists = f.run(scenarioOf("stress: 0.2", "  - twist: {reps: 20, angle_deg: 45, peak_speed_deg_s: 60}\n"));
  EXPECT_EQ(twists.overall.capacity_exceeded_s, 0.0);
  EXPECT_FALSE(twists.task_failure.has_value());
  // A bent head is held by the extensors for 30 min.
  const RunResult head = f.run(scenarioOf("stress: 0.2", "  - sit: {duration: 30min, neck_flexion_deg: 35}\n"));
  EXPECT_FALSE(head.task_failure.has_value());
  EXPECT_EQ(head.overall.capacity_exceeded_s, 0.0);
  // Four minutes of unloaded bending: no spasm runs on into sitting and lying, and lying sheds
  // what the bending built.
  const RunResult bending = f.run(scenarioOf("stress: 0.2",
                                             "  - stand: {duration: 2min, trunk_flexion_deg: 60}\n"
                                             "  - stand: {duration: 2min, trunk_flexion_deg: 80}\n"
                                             "  - sit: {duration: 10min}\n  - lie: {duration: 10min}\n"));
  EXPECT_TRUE(bending.spasm_events.empty());
  EXPECT_LT(Fixture::lastSampleOfPhase(bending, 3).values[bending.channelIndex("tone_max")], 0.03);
  // 20-degree assembly work with a one-minute walk every ten minutes: no failure in 4 h.
  const RunResult assembly = f.run(scenarioOf(
      "stress: 0.2", repeatedWithWalks(24, "stand: {duration: 9min, trunk_flexion_deg: 20, neck_flexion_deg: 20}", "1min")));
  EXPECT_FALSE(assembly.task_failure.has_value());
  EXPECT_EQ(assembly.overall.capacity_exceeded_s, 0.0);
}

TEST(RiskPlausibility, ACommonLiftingJobDoesNotFailInTwelveMinutes) {
  // 15 kg from 10 cm to 90 cm every 6 s, in two 6-minute bouts with a 2-minute walk between:
  // before issue 13 it failed within 12 minutes and its fatigue and tone locked. Such a job is
  // hard (NIOSH lifting index ~3) but most men accept it for 8 h: the Liberty Mutual equations
  // (Potvin et al. 2021, Ergonomics; research note H) give a mean acceptable load of 18.4 kg
  // (hands 0.4 m out, 10 lifts/min), so 75 % accept 15 kg. Then 12 minutes neither fail nor run
  // short of capacity, and the back's units stay mostly fresh.
  Fixture f;
  const RunResult job =
      f.run(scenarioOf("stress: 0.2", repeatedWithWalks(2, "lift: {reps: 60, load_kg: 15, cycle_s: 6}", "2min")));
  EXPECT_FALSE(job.task_failure.has_value());
  EXPECT_EQ(job.overall.capacity_exceeded_s, 0.0);
  EXPECT_LT(Fixture::runPeak(job, "fatigue_max"), 0.5);
}

TEST(RiskPlausibility, RestAfterAHardDayShedsTheRiskAndTheTone) {
  // Tone and the strain dose decay in rest: after hours of bent sitting and lifting, 30 min lying
  // brings the risk below a tenth and every muscle's tone to a few percent.
  Fixture f;
  const RunResult r = f.run(scenarioOf("stress: 0.6, dehydration_percent: 2",
                                       "  - sit: {duration: 1h, style: slumped, neck_flexion_deg: 20}\n"
                                       "  - lift: {reps: 30, load_kg: 15, cycle_s: 6}\n  - sit: {duration: 2h, style: forward}\n"
                                       "  - lie: {duration: 30min}\n"));
  EXPECT_GT(Fixture::phasePeak(r, 2, "spasm_risk"), 0.9) << "the day itself is hard";
  const Sample& rested = Fixture::lastSampleOfPhase(r, 3);
  EXPECT_LT(rested.values[r.channelIndex("spasm_risk")], 0.1);
  EXPECT_LT(rested.values[r.channelIndex("tone_max")], 0.03);
}

}  // namespace
}  // namespace tonus::sim
