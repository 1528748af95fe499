#pragma once
// A scenario on the clock: each phase placed at its exact start and end, the constants it
// needs from the model worked out, and the body target at any time, with a smooth
// (minimum-jerk) transition from the previous phase's posture at the start of each phase.
#include <vector>

#include "body/spine_model.hpp"
#include "input/error_collector.hpp"
#include "scenario/phase_motion.hpp"

namespace tonus::scenario {

struct PlannedPhase {
  Phase phase;
  int index = 0;              // position in the flattened timeline
  double start = 0.0, end = 0.0;  // [s]
  double transition = 0.0;    // [s] blending in the posture at the start
  bool cyclic = false;        // the posture keeps moving (lifts, twists)
  PhasePlan plan;
  BodyTarget entry;           // the body as the previous phase left it
};

class Timeline {
 public:
  // Builds the plan and checks every posture the scenario asks for against the model's joint
  // ranges: a posture out of range is an input::InputError at the phase's field in the file.
  Timeline(const Scenario& scenario, const body::SpineModel& model);
  // The same, adding each posture out of range to `errors` instead of throwing.
  Timeline(const Scenario& scenario, const body::SpineModel& model, input::ErrorCollector& errors);

  const std::vector<PlannedPhase>& phases() const { return phases_; }
  double duration() const { return duration_; }
  // The phase running at t (a phase owns [start, end); the last one also owns its end).
  int phaseAt(double t) const;
  BodyTarget targetAt(double t) const;
  BodyTarget targetIn(int phase, double t) const;
  // When the posture stops moving in a phase: after its transition, or never (its end) if cyclic.
  double stillFrom(int phase) const;

 private:
  void plan(const Scenario& scenario, const body::SpineModel& model);
  void checkRanges(const body::SpineModel& model, input::ErrorCollector& errors) const;
  void checkPhaseRange(const body::SpineModel& model, const PlannedPhase& phase) const;

  std::vector<PlannedPhase> phases_;
  double duration_ = 0.0;
};

// The reference joint for hand distances: L5/S1 if the model has it, else the lowest spine joint.
int referenceJoint(const body::SpineModel& model);

}  // namespace tonus::scenario
