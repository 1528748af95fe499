#pragma once
// Running a scenario on a model. Each step is: the physiology's floor and capacity -> the
// frame's mechanics and recruitment -> the outputs -> the physiology advanced over the step.
// Steps are 10 ms where the body moves (on a grid anchored at each phase's start) and up to 5 s
// where it holds still (the mechanics solved once, only recruitment re-solved; shorter while
// fatigue moves fast). No step depends on the sampling interval, so neither do the results;
// every phase boundary is hit exactly.
#include <functional>

#include "body/spine_model.hpp"
#include "scenario/scenario.hpp"
#include "scenario/timeline.hpp"
#include "sim/run_result.hpp"

namespace tonus::sim {

struct RunOptions {
  double fast_step = 0.01;  // [s] while the posture moves
  double hold_step = 5.0;   // [s] longest step while it holds (physiology and recruitment only)
  recruit::Settings recruitment;  // e.g. the intersegmental strength E0, for sensitivity studies
  // Called now and then with the simulated fraction done and the estimated wall seconds left.
  std::function<void(double fraction, double seconds_left)> progress;
  // Streaming: when on_sample is set, samples go to it (after on_start) and are not kept.
  std::function<void(const RunLayout&)> on_start;
  std::function<void(const Sample&)> on_sample;
};

RunResult runScenario(const scenario::Scenario& scenario, const body::SpineModel& model,
                      const scenario::Timeline& timeline, const RunOptions& options = {});

// The subject a scenario describes, or the model's reference subject where it says nothing.
body::Subject subjectFor(const scenario::Scenario& scenario, const body::ModelSpec& spec);

}  // namespace tonus::sim
