#pragma once
// How the body gets through one step of a run. A stepper turns the body's target, the
// physiology's activation bounds and the time into the frame that stands for the step and
// where the step ends. The quasi-static stepper solves each frame by inverse dynamics and
// static optimisation; a forward stepper integrates the bodies under their muscles. Both are
// driven by the same run (sim/run.hpp), which owns the physiology and the recording.
#include <Eigen/Core>
#include <array>
#include <optional>

#include "physiology/physiology_model.hpp"
#include "physiology/physiology_state.hpp"
#include "scenario/timeline.hpp"
#include "sim/frame_solver.hpp"

namespace tonus::sim {

// What a stepper is told about the step it takes.
struct StepRequest {
  const scenario::PlannedPhase* phase = nullptr;
  const scenario::BodyTarget* target = nullptr;  // the timeline's body as the step begins
  double time = 0.0;          // [s] where the step begins
  double still_from = 0.0;    // [s] from when the phase's posture holds still
  long moving_steps = 0;      // steps taken since the phase began, while its posture moved
  const physiology::PhysiologyModel* physiology = nullptr;
  const physiology::PhysiologyState* state = nullptr;
  const Eigen::VectorXd* floor = nullptr;     // per fascicle: least activation now
  const Eigen::VectorXd* capacity = nullptr;  // per fascicle: largest activation now
};

// What the step was: the frame that stands for [time, until), and whether the body held still.
struct MechanicsStep {
  FrameResult frame;
  double until = 0.0;  // [s]
  bool still = false;
  // Forward phases only: the excitation the muscles received (what EMG records), the
  // whole-trunk flexion [rad], and when the phase's event struck [s, run time].
  Eigen::VectorXd excitation;
  std::optional<double> trunk_flexion, event_time;
  Eigen::VectorXd q;  // forward phases: every joint angle as the step begins [rad]
};

class Stepper {
 public:
  virtual ~Stepper() = default;
  // A new phase begins: anything kept from the last phase's mechanics no longer holds.
  virtual void beginPhase(const scenario::PlannedPhase& phase) = 0;
  virtual MechanicsStep step(const StepRequest& request) = 0;
  // Wall seconds spent in each of the frame's stages so far.
  virtual const std::array<double, kStageCount>& stageSeconds() const = 0;
};

}  // namespace tonus::sim
