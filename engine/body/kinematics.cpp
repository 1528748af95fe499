#include "body/kinematics.hpp"

namespace tonus::body {

void computeKinematics(const SpineModel& model, const MultibodyState& state, Kinematics& out) {
  model.multibody().poses(state, out.rotation, out.origin);
  const int n = model.segmentCount();
  out.axis.resize(static_cast<std::size_t>(3 * n));
  const Eigen::Matrix3d& gimbal = Multibody::gimbalFrame();
  const Eigen::VectorXd& q = state.q();
  for (int s = 0; s < n; ++s) {
    // The Gimbal turns about F's x, then the once-turned y, then the twice-turned z.
    const int parent = model.segment(s).parent;
    const Eigen::Matrix3d R_GF = (parent < 0 ? Eigen::Matrix3d::Identity() : out.rotation[parent]) * gimbal;
    const Eigen::Matrix3d after_first = R_GF * Eigen::AngleAxisd(q[3 * s], Vec3d::UnitX()).toRotationMatrix();
    const Eigen::Matrix3d after_second = after_first * Eigen::AngleAxisd(q[3 * s + 1], Vec3d::UnitY()).toRotationMatrix();
    out.axis[3 * s] = R_GF.col(0);
    out.axis[3 * s + 1] = after_first.col(1);
    out.axis[3 * s + 2] = after_second.col(2);
  }
}

}  // namespace tonus::body
