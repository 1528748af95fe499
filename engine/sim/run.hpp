#pragma once
// Running a scenario on a model: the timeline is stepped at 100 Hz where the body moves and
// once per still stretch where it holds (its state carried exactly), with every phase
// boundary and every sampling time hit exactly.
#include <functional>

#include "body/spine_model.hpp"
#include "scenario/scenario.hpp"
#include "scenario/timeline.hpp"
#include "sim/run_result.hpp"

namespace tonus::sim {

struct RunOptions {
  double fast_step = 0.01;  // [s] while the posture moves
  recruit::Settings recruitment;  // e.g. the intersegmental strength E0, for sensitivity studies
  // Called now and then with the simulated fraction done and the estimated wall seconds left.
  std::function<void(double fraction, double seconds_left)> progress;
};

RunResult runScenario(const scenario::Scenario& scenario, const body::SpineModel& model,
                      const scenario::Timeline& timeline, const RunOptions& options = {});

// The subject a scenario describes, or the model's reference subject where it says nothing.
body::Subject subjectFor(const scenario::Scenario& scenario, const body::ModelSpec& spec);

}  // namespace tonus::sim
