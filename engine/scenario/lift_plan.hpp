#pragma once
// Where a lift starts: how far the trunk bends, how low the hips go and where the hands meet
// the load, for a stoop (knees straight) or a squat (knees bent, the load in front of them).
#include "body/spine_model.hpp"
#include "scenario/phase_motion.hpp"
#include "scenario/scenario.hpp"

namespace tonus::scenario {

// Fills plan.lift_flexion, lift_pick, lift_place and the legs' pose at the pick-up.
void planLift(const Phase& phase, const body::SpineModel& model, PhasePlan& plan);

}  // namespace tonus::scenario
