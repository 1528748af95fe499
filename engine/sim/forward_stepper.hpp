#pragma once
// The forward stepper: the spine moves under its muscles (docs/forward.md). Each step of
// `body_step`:
//   kinematics -> paths -> controller (command + delayed spinal reflexes) -> muscles (the
//   compliant bank, linearly implicit substeps) -> loads (the event's among them) -> joint
//   loads -> bodies (Simbody's integrator under muscles, joint tissues, hips and loads).
// A forward phase starts at rest in its target posture. There, the quasi-static frame gives the
// command (the static-optimisation activations) and everything the model's muscles and tissues
// do not carry (the recruitment's intersegmental share, the hips) as a held joint torque, so
// the body starts in equilibrium; the compliant bank starts in equilibrium at the command.
// After the event the voluntary controller, after its reaction delay, re-plans the command by
// static optimisation towards the target posture (computed-muscle-control-like tracking).
// A lift or twist with `dynamics: forward` has no event: the controller re-plans every 10 ms
// from its start, tracking the timeline's planned motion at the bank's present fibre states.
#include <memory>

#include "body/multibody.hpp"
#include "muscle/compliant_step.hpp"
#include "scenario/scenario.hpp"
#include "sim/delay_line.hpp"
#include "sim/stepper.hpp"

namespace tonus::sim {

struct ForwardSettings {
  double body_step = 1e-3;    // [s] one step of the stepper and of Simbody's integrator
  // [s] the physiology's step in a forward phase: its fastest state (the reflex burst) moves over
  // ~150 ms, so it is advanced every 5 body steps on the means of their inputs (10 steps put a
  // sudden push's peak tone 1.2 % off the 1 ms reference; the test allows 1 %).
  double physiology_step = 0.005;
  int muscle_substeps = 2;    // the bank's steps per body step (compliant_step.hpp: 0.5 ms)
  body::BodyIntegrator integrator = body::BodyIntegrator::SemiExplicitEuler;
  bool reflexes = true;       // false: the passive-and-voluntary variant
  bool voluntary = true;      // false: the command stays as before the event
  // ASSUMPTIONS (docs/forward.md, each with its reasoning):
  double voluntary_delay = 0.15;     // [s] from the event to the first voluntary correction
  double voluntary_period = 0.01;    // [s] between two re-plans
  double tracking_stiffness = 25.0;  // [1/s^2] posture error -> wanted acceleration
  double tracking_damping = 10.0;    // [1/s]
  // A tracked lift's or twist's PD on its planned motion: computed muscle control's usual
  // critically damped gains (Thelen & Anderson 2006).
  double motion_stiffness = 100.0;   // [1/s^2]
  double motion_damping = 20.0;      // [1/s]
  // The spinal reflexes' gains during a tracked motion, as a fraction of their postural gains
  // (task-dependent modulation; the largest round fraction that keeps a tracked lift stable).
  double motion_reflex_scale = 0.25;
  double anticipation = 0.3;         // [s] an expected event's pre-activation begins this early
  double pre_tension = 0.10;         // the trunk muscles' least activation while prepared
  double hip_stiffness = 1500.0;     // [N m/rad] the hips (no hip muscles are modelled)
  double hip_damping = 100.0;        // [N m s/rad]
  double joint_damping = 1.0;        // [N m s/rad] each spinal dof's tissues
  double hand_stiffness = 1000.0;    // [N/m] the arms under a caught load (elbows yield)
  double hand_damping_ratio = 0.5;   // of the load on that spring
};

class ForwardStepper final : public Stepper {
 public:
  ForwardStepper(const body::SpineModel& model, const scenario::Timeline& timeline, Eigen::VectorXd strength,
                 recruit::Settings recruitment, scenario::Mechanics mechanics, ForwardSettings settings = {});
  ~ForwardStepper() override;
  void beginPhase(const scenario::PlannedPhase& phase) override;
  MechanicsStep step(const StepRequest& request) override;
  const std::array<double, kStageCount>& stageSeconds() const override { return seconds_; }

  // Where the phase's event struck (a caught load's first contact; the release or push
  // otherwise) [s, run time]; unset before it.
  std::optional<double> eventTime() const { return event_time_; }
  // Whole-trunk flexion now: the thorax's forward inclination from the pelvis's rotation and
  // every lumbar joint's [rad].
  double trunkFlexion() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::array<double, kStageCount> seconds_{};
  std::optional<double> event_time_;
};

}  // namespace tonus::sim
