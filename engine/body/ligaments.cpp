#include "body/ligaments.hpp"

namespace tonus::body {

Eigen::VectorXd ligamentTensions(const Ligaments& ligaments, const PathGeometry& geometry) {
  Eigen::VectorXd tension(ligaments.count());
  for (int i = 0; i < ligaments.count(); ++i) {
    tension[i] = ligamentTension(geometry.length[i] - ligaments.rest_length[i], ligaments.force_scale[i],
                                 ligaments.length_scale[i]);
  }
  return tension;
}

Eigen::VectorXd ligamentJointStiffness(const Ligaments& ligaments, const PathGeometry& geometry) {
  Eigen::VectorXd k = Eigen::VectorXd::Zero(geometry.moment_arm.cols());
  for (int i = 0; i < ligaments.count(); ++i) {
    const double dT = ligamentStiffness(geometry.length[i] - ligaments.rest_length[i], ligaments.force_scale[i],
                                        ligaments.length_scale[i]);
    if (dT > 0.0) k += dT * geometry.moment_arm.row(i).transpose().cwiseAbs2();
  }
  return k;
}

Eigen::VectorXd ligamentMoments(const PathGeometry& geometry, const Eigen::VectorXd& tensions) {
  // A band's pull r T is the generalised force it applies; the resisting moment is its negative.
  return -(geometry.moment_arm.transpose() * tensions);
}

}  // namespace tonus::body
