// Whole runs: published L4/L5 compression in standing and bending forward, an exact clock,
// coarse hold steps agreeing with fine ones, flagged overload, and the same numbers when runs
// share one read-only model on several threads at once (as a sweep's cases do; a run itself
// is single-threaded).
#include <gtest/gtest.h>
#include <omp.h>

#include <array>
#include <cmath>

#include "body/model_file.hpp"
#include "results/results_writer.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/run.hpp"

namespace tonus::sim {
namespace {

struct Fixture {
  body::ModelSpec spec = body::loadDefaultModel();
  body::SpineModel model{spec, {body::Sex::Male, 1.75, 75.0, 40.0}};

  RunResult run(const std::string& text, RunOptions options = {}) {
    const scenario::Scenario s = scenario::loadScenarioText(text, "test.yaml");
    const scenario::Timeline timeline(s, model);
    return runScenario(s, model, timeline, options);
  }
  double phaseMean(const RunResult& r, int phase, const std::string& channel) {
    return r.phases[phase].channels[r.channelIndex(channel)].mean();
  }
};

TEST(Run, StandingAndBendingForwardGivePublishedL4L5Compression) {
  Fixture f;
  const RunResult r = f.run(R"(
name: posture-check
timeline:
  - stand: {duration: 30s}
  - stand: {duration: 30s, trunk_flexion_deg: 40}
output: {sample_every: 5s}
)");
  // Upright standing, 70-75 kg adults: ~600 N at L4/L5 from 0.5 MPa intradiscal pressure
  // (Wilke et al. 1999, Spine 24:755, with Nachemson's 1.5 F/A and 1800 mm^2), ~700 N at L3
  // (Nachemson 1981, Spine 6:93); musculoskeletal models report 400-1000 N.
  const double standing = f.phaseMean(r, 0, "L4L5_compression_N");
  EXPECT_GT(standing, 400.0);
  EXPECT_LT(standing, 1000.0);
  // Standing bent forward: 1.1 MPa (Wilke 1999) ~ 1300 N; Nachemson's 20 deg forward lean
  // 150 % of standing; models at 30-45 deg of trunk flexion report 1000-2600 N.
  const double bent = f.phaseMean(r, 1, "L4L5_compression_N");
  EXPECT_GT(bent, 1000.0);
  EXPECT_LT(bent, 2600.0);
  // The pressure Wilke measured, within the 1.3x agreement docs/validation.md claims for
  // standing (0.50 MPa) and standing flexed (1.10 MPa).
  const double idp_standing = f.phaseMean(r, 0, "L4L5_idp_MPa"), idp_bent = f.phaseMean(r, 1, "L4L5_idp_MPa");
  EXPECT_GT(idp_standing, 0.50 / 1.3);
  EXPECT_LT(idp_standing, 0.50 * 1.3);
  EXPECT_GT(idp_bent, 1.10 / 1.3);
  EXPECT_LT(idp_bent, 1.10 * 1.3);
  // Nachemson: 150 % of standing already at 20 deg, so no less at 40 deg; at most Wilke's own
  // ratio 1.10 / 0.50 = 2.2 with the same 1.3x agreement.
  EXPECT_GT(bent, 1.5 * standing);
  EXPECT_LT(bent, 2.2 * 1.3 * standing);
  EXPECT_EQ(r.overall.capacity_exceeded_s, 0.0);
}

TEST(Run, TheClockIsExact) {
  Fixture f;
  const RunResult r = f.run(R"(
name: clock
timeline:
  - stand: {duration: 10.25s}
  - lift: {reps: 2, load_kg: 5, cycle_s: 4}
  - sit: {duration: 7s}
output: {sample_every: 2s}
)");
  ASSERT_EQ(r.phases.size(), 3u);
  EXPECT_DOUBLE_EQ(r.phases[0].end, 10.25);
  EXPECT_DOUBLE_EQ(r.phases[1].start, 10.25);
  EXPECT_DOUBLE_EQ(r.phases[1].end, 18.25);
  EXPECT_DOUBLE_EQ(r.phases[2].end, 25.25);
  EXPECT_DOUBLE_EQ(r.simulated_s, 25.25);
  // Samples at 0, 2, ..., 24 s: exact times, each in the right phase.
  ASSERT_EQ(r.samples.size(), 13u);
  for (std::size_t k = 0; k < r.samples.size(); ++k) {
    EXPECT_DOUBLE_EQ(r.samples[k].time, 2.0 * static_cast<double>(k));
    const double t = r.samples[k].time;
    const int expected = t < 10.25 ? 0 : t < 18.25 ? 1 : 2;
    EXPECT_EQ(r.samples[k].phase, expected) << t;
  }
  // Each phase's statistics cover exactly its own duration.
  for (const PhaseSummary& p : r.phases) EXPECT_NEAR(p.channels[0].duration, p.end - p.start, 1e-9);
}

TEST(Run, CoarseHoldStepsAgreeWithFineOnes) {
  // A hold is stepped at up to 5 s (mechanics solved once, physiology and recruitment re-solved);
  // stepping it every 0.1 s must give the same loads and physiology to within a percent (risk 2 %).
  Fixture f;
  const std::string text = "name: hold\ntimeline:\n  - sit: {duration: 20min, style: slumped}\n"
                           "  - hold: {duration: 3min, load_kg: 10, hand_distance_m: 0.4, trunk_flexion_deg: 30}\n";
  RunOptions fine;
  fine.hold_step = 0.1;
  const RunResult coarse = f.run(text);
  const RunResult stepped = f.run(text, fine);
  EXPECT_LT(coarse.frames * 20, stepped.frames);
  // The risk is refreshed every 5 s of a hold in both runs, at times that differ with the steps.
  for (const auto& [channel, tolerance] : {std::pair{"L4L5_compression_N", 0.01}, std::pair{"tone_max", 0.01},
                                           std::pair{"fatigue_max", 0.01}, std::pair{"spasm_risk", 0.02}}) {
    const int c = coarse.channelIndex(channel);
    for (std::size_t p = 0; p < coarse.phases.size(); ++p) {
      const double a = coarse.phases[p].channels[c].mean(), b = stepped.phases[p].channels[c].mean();
      EXPECT_NEAR(a, b, tolerance * std::fabs(b) + 1e-4) << channel << " phase " << p;
      const double pa = coarse.phases[p].channels[c].peak, pb = stepped.phases[p].channels[c].peak;
      EXPECT_NEAR(pa, pb, tolerance * std::fabs(pb) + 1e-4) << channel << " peak, phase " << p;
    }
  }
}

TEST(Run, OverloadIsFlaggedNotHidden) {
  Fixture f;
  const RunResult r = f.run(R"(
name: too-heavy
condition: {core_strength: 0.3}
timeline:
  - hold: {duration: 5s, load_kg: 60, hand_distance_m: 0.8, trunk_flexion_deg: 30}
)");
  EXPECT_GT(r.overall.capacity_exceeded_s, 4.9);
  // The load alone is 60 kg x 9.81 x 0.8 m = 471 N m about L5/S1; trunk muscles at 0.3 of their
  // ~220 N m give ~66: the reserve must carry ~400 N m, most of that coordinate's demand.
  EXPECT_GT(r.overall.max_shortfall, 300.0);
  EXPECT_GT(r.overall.max_shortfall_percent, 50.0);
  EXPECT_LE(r.overall.max_shortfall_percent, 100.0);
  EXPECT_EQ(r.samples.front().values[r.channelIndex("capacity_exceeded")], 1.0);
  ASSERT_TRUE(r.task_failure.has_value()) << "most of the demand unmet for 5 s is a failure";
  EXPECT_NEAR(*r.task_failure, 0.0, 0.05);
}

TEST(Run, TaskFailureIsASustainedShortfallNotABriefOrSlightOne) {
  Fixture f;
  // The same overload for 2 s, then rest: shorter than the 3 s that make a failure.
  const RunResult brief = f.run(R"(
name: brief-overload
condition: {core_strength: 0.3}
timeline:
  - hold: {duration: 2s, load_kg: 60, hand_distance_m: 0.8, trunk_flexion_deg: 30}
  - stand: {duration: 10s}
)");
  EXPECT_GT(brief.overall.capacity_exceeded_s, 1.9);
  EXPECT_FALSE(brief.task_failure.has_value());
  // A maximal effort held: fatigue opens a shortfall that grows from nothing; it is a failure only
  // once more than 10 % of the demand has stayed unmet for 3 s, well after the first shortfall.
  const RunResult maximal = f.run(R"(
name: maximal-hold
timeline:
  - exert: {duration: 60s, effort_percent_mvc: 100}
output: {sample_every: 0.5s}
)");
  ASSERT_TRUE(maximal.task_failure.has_value());
  const int exceeded = maximal.channelIndex("capacity_exceeded");
  double first_short = -1.0;
  for (const Sample& s : maximal.samples) {
    if (s.values[exceeded] > 0.5) {
      first_short = s.time;
      break;
    }
  }
  ASSERT_GE(first_short, 0.0);
  EXPECT_GT(*maximal.task_failure, first_short + 5.0) << "a slight shortfall is not yet a failure";
  EXPECT_LT(*maximal.task_failure, 40.0) << "a maximal effort cannot be held for long";
}

TEST(Run, TheSolversReportsReachTheSummary) {
  // A fast, wide twist brings degenerate frames at the edge of capacity that need the
  // active-set fallback, and a deep side bend stretches some fibres past 1.8 optimal lengths (the
  // bank flags them): each is counted per phase, over the run, in summary.json, and per sample.
  Fixture f;
  const RunResult r = f.run(R"(
name: solver-report
timeline:
  - stand: {duration: 5s}
  - twist: {reps: 6, angle_deg: 90, peak_speed_deg_s: 400, side: alternate}
  - stand: {duration: 2s, lateral_bend_deg: 50}
output: {sample_every: 0.05s}
)");
  const SolverCounts& all = r.overall.solver;
  EXPECT_EQ(all.frames, r.frames);
  EXPECT_GT(all.muscle_overstretched, 0) << "the bank's flags must not vanish";
  EXPECT_GT(r.phases[1].solver.recruitment_fallbacks, 0) << "the twist's edge-of-capacity frames must be counted";
  EXPECT_EQ(r.phases[0].solver.muscle_overstretched, 0) << "upright standing stretches nothing that far";
  long fallbacks = 0, overstretched = 0;
  for (const PhaseSummary& p : r.phases) fallbacks += p.solver.recruitment_fallbacks, overstretched += p.solver.muscle_overstretched;
  EXPECT_EQ(fallbacks, all.recruitment_fallbacks);
  EXPECT_EQ(overstretched, all.muscle_overstretched);
  EXPECT_EQ(all.recruitment_fallbacks, all.newton_not_converged + all.cholesky_failed + all.line_search_exhausted);
  const nlohmann::json j = results::summaryJson(r);
  EXPECT_EQ(j["solver"]["frames"], r.frames);
  EXPECT_EQ(j["solver"]["muscle_bank"]["frames_fibre_overstretched"], all.muscle_overstretched);
  EXPECT_EQ(j["solver"]["recruitment"]["fallbacks"], all.recruitment_fallbacks);
  EXPECT_EQ(j["solver"]["recruitment"]["failures"], 0);
  EXPECT_TRUE(j["solver"]["recruitment"]["first_failure_s"].is_null());
  EXPECT_EQ(j["phases"][1]["recruitment_fallbacks"], r.phases[1].solver.recruitment_fallbacks);
  // Per sample: 0 Newton, 1 fallback, 2 failed; the fallback's frames show up between.
  const int status = r.channelIndex("recruitment_status");
  ASSERT_GE(status, 0);
  for (const Sample& s : r.samples) EXPECT_TRUE(s.values[status] == 0.0 || s.values[status] == 1.0) << s.time;
}

TEST(Run, ALiftAfterALyingStretchHasNoJumpInLoad) {
  // Getting up switches the posture at once; the lift's motion must not be differentiated
  // across that jump (it gave ~3 MN at L5/S1 in its first 10 ms).
  Fixture f;
  const RunResult r = f.run(R"(
name: stretch-then-lift
timeline:
  - stretch: {duration: 30s}
  - lift: {reps: 2, load_kg: 15, style: stoop}
  - stretch: {duration: 30s}
  - twist: {reps: 2, angle_deg: 45}
output: {sample_every: 0.01s}
)");
  for (int p : {1, 3}) {
    const int c = r.channelIndex("L5S1_compression_N");
    EXPECT_LT(r.phases[p].channels[c].peak, kNioshMaxPermissibleLimit) << "phase " << p;
    EXPECT_LT(r.phases[p].max_shortfall_percent, 50.0) << "phase " << p;
  }
}

TEST(Run, AFailedFrameIsCountedWithItsTime) {
  // A frame as FrameSolver reports a NaN that reached the muscles and the recruitment.
  FrameResult frame;
  frame.muscles_not_finite = 3;
  frame.recruitment_failed = true;
  frame.recruitment_issues = recruit::kNotFinite;
  SolverCounts counts;
  counts.add(FrameResult{}, 12.0);
  counts.add(frame, 12.5);
  counts.add(frame, 13.0);
  EXPECT_EQ(counts.frames, 3);
  EXPECT_EQ(counts.muscle_not_finite, 2);
  EXPECT_EQ(counts.recruitment_failures, 2);
  EXPECT_EQ(counts.not_finite, 2);
  ASSERT_TRUE(counts.first_failure.has_value());
  EXPECT_EQ(*counts.first_failure, 12.5);
}

TEST(Run, NioshExposureCountsTimeAboveTheLimits) {
  Fixture f;
  const RunResult r = f.run(R"(
name: niosh
# Without the abdominal pressure's relief, so that the whole hold, its transition included, is
# above the action limit.
mechanics: {intra_abdominal_pressure: false}
timeline:
  - stand: {duration: 60s}
  - hold: {duration: 20s, load_kg: 25, hand_distance_m: 0.55, trunk_flexion_deg: 45}
)");
  const double compression = f.phaseMean(r, 1, "L4L5_compression_N");
  ASSERT_GT(compression, kNioshActionLimit) << "this hold should exceed the action limit";
  EXPECT_NEAR(r.phases[1].niosh[0].above_action_limit, 20.0, 1e-9);
  EXPECT_EQ(r.phases[0].niosh[0].above_action_limit, 0.0);
  EXPECT_NEAR(r.overall.niosh[0].above_action_limit, 20.0, 1e-9);
}

TEST(Run, SameNumbersWhenRunsShareTheModelOnSeveralThreads) {
  Fixture f;
  const std::string text = R"(
name: determinism
timeline:
  - lift: {reps: 2, load_kg: 10, cycle_s: 4}
  - twist: {reps: 2, angle_deg: 30, peak_speed_deg_s: 150}
output: {sample_every: 0.5s}
)";
  const RunResult alone = f.run(text);
  // Two runs at once on one shared SpineModel, each on its own OpenMP thread.
  std::array<RunResult, 2> together;
  std::array<int, 2> thread_of{-1, -1};
  int team = 0;
#pragma omp parallel num_threads(2)
  {
#pragma omp single
    team = omp_get_num_threads();
#pragma omp for schedule(static, 1)
    for (int k = 0; k < 2; ++k) {
      thread_of[static_cast<std::size_t>(k)] = omp_get_thread_num();
      together[static_cast<std::size_t>(k)] = f.run(text);
    }
  }
  ASSERT_EQ(team, 2) << "two threads took part";
  ASSERT_NE(thread_of[0], thread_of[1]) << "each run on a thread of its own";
  for (const RunResult& r : together) {
    ASSERT_EQ(alone.samples.size(), r.samples.size());
    for (std::size_t k = 0; k < alone.samples.size(); ++k) {
      EXPECT_EQ(alone.samples[k].values, r.samples[k].values) << k;
      for (int q = 0; q < kFascicleQuantityCount; ++q) EXPECT_TRUE(alone.samples[k].fascicle[q] == r.samples[k].fascicle[q]) << k;
    }
  }
}

}  // namespace
}  // namespace tonus::sim
