#pragma once
// The moment the discs, ligaments and facets resist a joint's rotation with, from each
// joint's moment-angle curves (docs/model.md, passive stiffness).
#include <Eigen/Core>

#include "body/spine_model.hpp"

namespace tonus::body {

// Per dof: the resisting moment M(q) [N m] of the joint's curve for that axis (zero where the
// model gives none). The generalised force the tissues apply is -M(q).
Eigen::VectorXd passiveJointMoments(const SpineModel& model, const Eigen::VectorXd& q);
// Per dof: the slope dM/dq of the same curves [N m/rad].
Eigen::VectorXd passiveJointStiffness(const SpineModel& model, const Eigen::VectorXd& q);

}  // namespace tonus::body
