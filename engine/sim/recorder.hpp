#pragma once
// The recorder turns a run's steps into what the run reports: samples at the scenario's
// sampling times (kept, or handed to a sink as they come), statistics per phase and over the
// run, spasm episodes, task failure, the peak spasm risk and what drives it. It only reads
// the steps; nothing it does changes the run.
#include <functional>
#include <optional>

#include "physiology/physiology_model.hpp"
#include "physiology/spasm_detector.hpp"
#include "scenario/scenario.hpp"
#include "scenario/timeline.hpp"
#include "sim/channels.hpp"
#include "sim/run_result.hpp"

namespace tonus::sim {

// One step as the recorder sees it: the frame and the physiology as the step begins.
struct StepRecord {
  int phase = 0;  // the timeline phase's index
  double time = 0.0, dt = 0.0;
  bool ends_run = false;  // the step reaches the run's end (its last sample is taken)
  const FrameResult* frame = nullptr;
  const physiology::PhysiologyState* state = nullptr;
  const physiology::PhysiologyView* view = nullptr;
  // Forward phases: the muscles' excitation, whole-trunk flexion [rad], the event's time.
  const Eigen::VectorXd* excitation = nullptr;
  std::optional<double> trunk_flexion, event_time;
  const Eigen::VectorXd* q = nullptr;  // forward phases: the joint angles [rad]
};

// Task failure: the first time the muscles left more than `margin` percent of the demand unmet
// for `persist` seconds on end (a brief or slight shortfall is not an inability to go on).
class TaskFailureWatch {
 public:
  TaskFailureWatch(double margin_percent, double persist) : margin_(margin_percent), persist_(persist) {}
  void observe(double shortfall_percent, double time, double dt);
  std::optional<double> failure() const { return failure_; }

 private:
  double margin_, persist_;
  std::optional<double> since_, failure_;
};

class Recorder {
 public:
  Recorder(const scenario::Scenario& scenario, const body::SpineModel& model, const scenario::Timeline& timeline,
           const physiology::PhysiologyModel& physiology, std::function<void(const Sample&)> on_sample);

  // What is known before the first step (for writers that stream).
  RunLayout layout() const;
  void beginPhase(const scenario::PlannedPhase& phase);
  void observe(const StepRecord& step);
  void endPhase();
  // The run's results so far: samples (unless a sink took them), statistics, episodes.
  RunResult finish(double end_time);

  // Wall seconds spent recording.
  double seconds() const { return seconds_; }

 private:
  void accumulate(PhaseSummary& summary, const FrameResult& frame, const std::vector<double>& values, double time,
                  double dt) const;
  void takeSamples(const StepRecord& step, const std::vector<double>& values);
  void notePeakRisk(const StepRecord& step);
  // Onsets after a forward phase's event, and its peak trunk flexion.
  void noteResponse(const StepRecord& step);
  PhaseSummary emptySummary() const;

  const body::SpineModel& model_;
  const scenario::Timeline& timeline_;
  const physiology::PhysiologyModel& physiology_;
  std::function<void(const Sample&)> on_sample_;
  Layout layout_;
  RunResult result_;
  std::size_t group_risk_at_ = 0;  // the first group's risk channel; the groups' follow in order
  double sample_every_ = 1.0;
  long next_sample_ = 0, last_sample_ = 0;
  PhaseSummary phase_;
  physiology::SpasmDetector spasms_;
  TaskFailureWatch failure_watch_;
  RiskRanking risk_ranking_;
  // The fascicles whose mean excitation an onset is read from, and the level at the event.
  std::vector<int> lumbar_extensors_, abdominals_;
  std::optional<double> extensors_at_event_, abdominals_at_event_;
  double seconds_ = 0.0;
};

}  // namespace tonus::sim
