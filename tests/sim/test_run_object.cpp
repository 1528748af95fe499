// The run as one object (sim/run.hpp): driven step by step it gives what runScenario gives;
// two runs stepped in turn do not disturb each other (all a run changes lives in the run);
// every phase boundary is a step boundary; a finished run's step does nothing.
#include <gtest/gtest.h>

#include <algorithm>

#include "body/model_file.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/run.hpp"

namespace tonus::sim {
namespace {

const char* kLifting = R"(
name: lifting
timeline:
  - stand: {duration: 2s}
  - lift: {reps: 1, load_kg: 12, style: stoop, cycle_s: 3}
  - hold: {load_kg: 12, duration: 40s}
  - drink: {litres: 0.3}
  - walk: {duration: 20s}
output: {sample_every: 0.5s}
)";

const char* kSitting = R"(
name: sitting
condition: {stress: 0.8, dehydration_percent: 2}
timeline:
  - sit: {duration: 3min, style: slumped}
  - stand: {duration: 10s, trunk_flexion_deg: 30}
  - sit: {duration: 2min}
output: {sample_every: 5s}
)";

struct Fixture {
  body::ModelSpec spec = body::loadDefaultModel();
  body::SpineModel model{spec, {body::Sex::Male, 1.75, 75.0, 40.0}};
};

// Two results agree in every recorded number (timings aside).
void expectSameNumbers(const RunResult& a, const RunResult& b) {
  ASSERT_EQ(a.samples.size(), b.samples.size());
  for (std::size_t k = 0; k < a.samples.size(); ++k) {
    ASSERT_EQ(a.samples[k].time, b.samples[k].time);
    ASSERT_EQ(a.samples[k].values, b.samples[k].values) << "sample " << k;
    for (int q = 0; q < kFascicleQuantityCount; ++q)
      ASSERT_TRUE(a.samples[k].fascicle[q] == b.samples[k].fascicle[q]) << "sample " << k << " quantity " << q;
  }
  ASSERT_EQ(a.phases.size(), b.phases.size());
  for (std::size_t p = 0; p < a.phases.size(); ++p)
    for (std::size_t c = 0; c < a.channels.names.size(); ++c) {
      EXPECT_EQ(a.phases[p].channels[c].mean(), b.phases[p].channels[c].mean()) << a.channels.names[c];
      EXPECT_EQ(a.phases[p].channels[c].peak, b.phases[p].channels[c].peak) << a.channels.names[c];
    }
  EXPECT_EQ(a.frames, b.frames);
  EXPECT_EQ(a.peak_risk.value, b.peak_risk.value);
  EXPECT_EQ(a.spasm_events.size(), b.spasm_events.size());
}

TEST(RunObject, TwoRunsSteppedInTurnGiveWhatEachGivesAlone) {
  Fixture f;
  const scenario::Scenario lifting = scenario::loadScenarioText(kLifting, "lifting.yaml");
  const scenario::Scenario sitting = scenario::loadScenarioText(kSitting, "sitting.yaml");
  const scenario::Timeline lifting_timeline(lifting, f.model), sitting_timeline(sitting, f.model);
  const RunResult lifting_alone = runScenario(lifting, f.model, lifting_timeline);
  const RunResult sitting_alone = runScenario(sitting, f.model, sitting_timeline);

  // One step of each in turn, on one thread: anything shared between runs would show.
  sim::Run a(lifting, f.model, lifting_timeline), b(sitting, f.model, sitting_timeline);
  long steps = 0;
  while (!a.finished() || !b.finished()) {
    a.step();
    b.step();
    ++steps;
  }
  const RunResult lifting_in_turn = a.finish(), sitting_in_turn = b.finish();
  EXPECT_GT(steps, 100);  // both runs moved for many steps while the other one did
  expectSameNumbers(lifting_alone, lifting_in_turn);
  expectSameNumbers(sitting_alone, sitting_in_turn);
  // The two scenarios differ, so the comparison above could tell them apart.
  EXPECT_NE(lifting_alone.samples.size(), sitting_alone.samples.size());
}

TEST(RunObject, EveryPhaseBoundaryIsAStepBoundaryAndTimeOnlyMovesOn) {
  Fixture f;
  const scenario::Scenario s = scenario::loadScenarioText(kLifting, "lifting.yaml");
  const scenario::Timeline timeline(s, f.model);
  sim::Run run(s, f.model, timeline);
  std::vector<double> step_ends;
  double last = run.state().time;
  while (!run.finished()) {
    const std::size_t phase = run.state().phase;
    run.step();
    const double end = run.finished() || run.state().phase != phase ? timeline.phases()[phase].end : run.state().time;
    EXPECT_GT(end, last);
    last = end;
    step_ends.push_back(end);
  }
  EXPECT_EQ(last, timeline.duration());
  for (const scenario::PlannedPhase& pp : timeline.phases()) {
    if (pp.end == pp.start) continue;  // a drink takes no time
    EXPECT_NE(std::find(step_ends.begin(), step_ends.end(), pp.end), step_ends.end())
        << "phase " << pp.index << " ends at " << pp.end << " s between two steps";
  }
  // Moving: 10 ms steps; holding: steps of 0.5 s and more. The lift's 3 s take 300 steps.
  EXPECT_EQ(std::count_if(step_ends.begin(), step_ends.end(), [](double t) { return t > 2.0 && t <= 5.0 + 1e-9; }), 300);
}

TEST(RunObject, TheDrinkOfAPhaseOfNoLengthReachesThePhysiology) {
  Fixture f;
  const scenario::Scenario s = scenario::loadScenarioText(kLifting, "lifting.yaml");
  const scenario::Timeline timeline(s, f.model);
  sim::Run run(s, f.model, timeline);
  // Up to the drink's time (45 s): nothing waits to be absorbed; just after, the water does.
  while (!run.finished() && run.state().time < 45.0) {
    EXPECT_EQ(run.state().physiology.water_to_absorb, 0.0);
    run.step();
  }
  ASSERT_EQ(run.state().time, 45.0);
  EXPECT_GT(run.state().physiology.water_to_absorb, 0.0);
  EXPECT_LE(run.state().physiology.water_to_absorb, 0.3);
}

TEST(RunObject, AFinishedRunDoesNotStep) {
  Fixture f;
  const scenario::Scenario s = scenario::loadScenarioText(kSitting, "sitting.yaml");
  const scenario::Timeline timeline(s, f.model);
  sim::Run run(s, f.model, timeline);
  while (!run.finished()) run.step();
  const long steps = run.state().steps;
  run.step();
  EXPECT_EQ(run.state().steps, steps);
  const RunResult r = run.finish();
  EXPECT_EQ(r.frames, steps);
  EXPECT_EQ(r.phases.size(), timeline.phases().size());
}

}  // namespace
}  // namespace tonus::sim
