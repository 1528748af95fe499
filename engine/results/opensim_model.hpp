#pragma once
// A Tonus model as an OpenSim 4 model file (.osim, document version 40000), for OpenSim users
// to open in the tool they know (docs/opensim.md): bodies with their masses and inertias, the
// joints as CustomJoints turning about the same axes in the same order within the same
// ranges, every fascicle as a DeGrooteFregly2016Muscle along the same path points with the
// same Hill parameters, and the passive bands as Ligaments with the same tension curve.
// What OpenSim cannot hold (the joints' passive moment curves, the discs, the abdominal
// pressure, the arms' weight) is listed in the file's first comment.
#include <string>

#include "body/spine_model.hpp"

namespace tonus::results {

// A dof's OpenSim coordinate name: the joint's and the axis's, e.g. "L4_L5_flexion".
std::string openSimCoordinateName(const body::SpineModel& model, int dof);

// The whole .osim document. `made_from` says in its first comment what it was made from
// (a model file, or a run's folder).
std::string openSimModel(const body::SpineModel& model, const std::string& made_from);

}  // namespace tonus::results
