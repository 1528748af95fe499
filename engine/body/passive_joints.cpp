#include "body/passive_joints.hpp"

namespace tonus::body {
namespace {

// Per dof, `read` of the joint's curve for that axis at its angle (zero where the model gives none).
template <class Read>
Eigen::VectorXd perDof(const SpineModel& model, const Eigen::VectorXd& q, Read read) {
  Eigen::VectorXd out = Eigen::VectorXd::Zero(model.dofCount());
  for (int dof = 0; dof < model.dofCount(); ++dof) {
    const MonotoneCurve& curve = model.segment(dof / 3).joint.stiffness[dof % 3];
    if (!curve.empty()) out[dof] = read(curve, q[dof]);
  }
  return out;
}

}  // namespace

Eigen::VectorXd passiveJointMoments(const SpineModel& model, const Eigen::VectorXd& q) {
  return perDof(model, q, [](const MonotoneCurve& c, double x) { return c.value(x); });
}

Eigen::VectorXd passiveJointStiffness(const SpineModel& model, const Eigen::VectorXd& q) {
  return perDof(model, q, [](const MonotoneCurve& c, double x) { return c.slope(x); });
}

}  // namespace tonus::body
