#include "body/passive_joints.hpp"

namespace tonus::body {

Eigen::VectorXd passiveJointMoments(const SpineModel& model, const Eigen::VectorXd& q) {
  Eigen::VectorXd m = Eigen::VectorXd::Zero(model.dofCount());
  for (int dof = 0; dof < model.dofCount(); ++dof) {
    const MonotoneCurve& curve = model.segment(dof / 3).joint.stiffness[dof % 3];
    if (!curve.empty()) m[dof] = curve.value(q[dof]);
  }
  return m;
}

Eigen::VectorXd passiveJointStiffness(const SpineModel& model, const Eigen::VectorXd& q) {
  Eigen::VectorXd k = Eigen::VectorXd::Zero(model.dofCount());
  for (int dof = 0; dof < model.dofCount(); ++dof) {
    const MonotoneCurve& curve = model.segment(dof / 3).joint.stiffness[dof % 3];
    if (!curve.empty()) k[dof] = curve.slope(q[dof]);
  }
  return k;
}

}  // namespace tonus::body
