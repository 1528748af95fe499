#pragma once
// A scenario's run, as one object. The CLI, sweeps, benchmarks and tests all drive it:
//
//   Run run(scenario, model, timeline, options);
//   while (!run.finished()) run.step();
//   RunResult result = run.finish();
//
// Each step is a table of contents: the physiology's floor and capacity -> the body over the
// step (a Stepper: its mechanics and recruitment) -> the physiology's report -> the recorder
// -> the physiology advanced over the step. No step depends on the sampling interval, so
// neither do the results; every phase boundary is hit exactly.
#include <chrono>
#include <functional>
#include <memory>

#include "body/spine_model.hpp"
#include "physiology/physiology_model.hpp"
#include "scenario/scenario.hpp"
#include "scenario/timeline.hpp"
#include "sim/forward_stepper.hpp"
#include "sim/quasi_static_stepper.hpp"
#include "sim/recorder.hpp"
#include "sim/run_result.hpp"
#include "sim/run_state.hpp"

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
  ForwardSettings forward;  // forward phases' steps and controller (docs/forward.md)
};

class Run {
 public:
  // The scenario, model and timeline must outlive the run; they are only read.
  Run(const scenario::Scenario& scenario, const body::SpineModel& model, const scenario::Timeline& timeline,
      RunOptions options = {});

  bool finished() const { return state_.phase >= timeline_.phases().size(); }
  // One step forward (a no-op once finished).
  void step();
  // The results; the run is spent afterwards.
  RunResult finish();

  const RunState& state() const { return state_; }
  const physiology::PhysiologyModel& physiology() const { return physiology_; }

 private:
  const scenario::PlannedPhase& phase() const { return timeline_.phases()[state_.phase]; }
  // Begins the current phase if it has not begun, and closes phases the run has reached the
  // end of (a phase of no length is begun and closed at once).
  void settlePhase();
  physiology::StepInputs physiologyInputs(const FrameResult& frame, const scenario::BodyTarget& target, double time);
  void reportProgress();

  const scenario::Scenario& scenario_;
  const body::SpineModel& model_;
  const scenario::Timeline& timeline_;
  RunOptions options_;
  const physiology::PhysiologyModel physiology_;
  RunState state_;
  // Quasi-static by default; forward phases (sudden events) step forward. The forward stepper
  // is made only when the timeline has a forward phase.
  std::unique_ptr<Stepper> quasi_static_, forward_;
  Stepper* stepper_ = nullptr;  // the current phase's
  Recorder recorder_;
  double physiology_seconds_ = 0.0;
  std::chrono::steady_clock::time_point started_, last_report_;
  int last_tenth_ = 0;
};

RunResult runScenario(const scenario::Scenario& scenario, const body::SpineModel& model,
                      const scenario::Timeline& timeline, const RunOptions& options = {});

// The subject a scenario describes, or the model's reference subject where it says nothing.
body::Subject subjectFor(const scenario::Scenario& scenario, const body::ModelSpec& spec);

}  // namespace tonus::sim
