#pragma once
// The quasi-static stepper: each frame by inverse dynamics and static optimisation at the
// timeline's posture. Steps are 10 ms where the body moves (on a grid anchored at the phase's
// start) and up to 5 s where it holds still, shorter while fatigue moves fast; while it holds,
// the mechanics are solved once and only the recruitment is solved again.
#include "scenario/scenario.hpp"
#include "sim/stepper.hpp"

namespace tonus::sim {

// The timeline's planned motion in phase `pp` at run time t: angles, rates and accelerations
// by differences taken within the phase (still: at rest).
body::Motion motionAt(const body::SpineModel& model, const scenario::Timeline& timeline,
                      const scenario::PlannedPhase& pp, double t, bool still);

struct StepSizes {
  double fast_step = 0.01;  // [s] while the posture moves
  double hold_step = 5.0;   // [s] longest step while it holds
};

class QuasiStaticStepper final : public Stepper {
 public:
  QuasiStaticStepper(const body::SpineModel& model, const scenario::Timeline& timeline, Eigen::VectorXd strength,
                     recruit::Settings recruitment, scenario::Mechanics mechanics, StepSizes sizes);
  void beginPhase(const scenario::PlannedPhase& phase) override;
  MechanicsStep step(const StepRequest& request) override;
  const std::array<double, kStageCount>& stageSeconds() const override { return solver_.stageSeconds(); }

 private:
  const body::SpineModel& model_;
  const scenario::Timeline& timeline_;
  StepSizes sizes_;
  FrameSolver solver_;
  bool mechanics_cached_ = false;  // the solver holds this phase's still posture
};

// Joint angles, rates and accelerations of the timeline at t within one of its phases
// (exactly still where the body holds).
body::Motion motionAt(const body::SpineModel& model, const scenario::Timeline& timeline,
                      const scenario::PlannedPhase& phase, double t, bool still);

}  // namespace tonus::sim
