#pragma once
// The external loads of a body target at a pose: the arms' weight (hanging, or reaching to the
// hands' point in front of L5/S1), what the hands hold or carry, shoulder bags, a backpack, and
// the lying surface's support. Each is a point force in ground, labelled ("load, right hand",
// "backpack", "support", ...), so the run's mechanics and the pictures place them alike.
#include <vector>

#include "body/kinematics.hpp"
#include "body/loads.hpp"
#include "scenario/phase_motion.hpp"

namespace tonus::sim {

// Where the hands are for a target: hanging, or reaching to its point.
body::HandPositions handsFor(const body::SpineModel& model, const body::Kinematics& kin,
                             const scenario::BodyTarget& target);

std::vector<body::PointLoad> appliedLoads(const body::SpineModel& model, const body::Kinematics& kin,
                                         const scenario::BodyTarget& target);

}  // namespace tonus::sim
