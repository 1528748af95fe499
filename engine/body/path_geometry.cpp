#include "body/path_geometry.hpp"

#include <algorithm>

#include <Eigen/Geometry>

namespace tonus::body {

void computePathGeometry(const SpineModel& model, const Kinematics& kin, PathGeometry& out) {
  computePathGeometry(model, model.paths(), model.fascicleCount(), kin, out);
}

void computePathGeometry(const SpineModel& model, const MusclePaths& paths, int fascicles, const Kinematics& kin,
                         PathGeometry& out) {
  const int points = paths.pointCount();
  const int dofs = model.dofCount();
  out.point_ground.resize(3, points);
  out.length.resize(fascicles);
  out.moment_arm.resize(fascicles, dofs);

  // A femur's points turn with the hip's flexion about the pelvis's z axis through its origin
  // (flexion raises the thigh forward: +z, x towards y).
  const Eigen::Matrix3d thigh = Eigen::AngleAxisd(kin.hip_flexion, Vec3d::UnitZ()).toRotationMatrix();
  for (int p = 0; p < points; ++p) {
    const Vec3d& local = paths.point_local[p];
    out.point_ground.col(p) = kin.toGround(paths.point_segment[p], paths.point_on_thigh[p] ? Vec3d(thigh * local) : local);
  }

  // Every piece's length and direction in one vectorised pass, so the square roots and
  // divisions overlap instead of stalling each fascicle's loop.
  if (points == 0) return;
  out.piece_direction = out.point_ground.rightCols(points - 1) - out.point_ground.leftCols(points - 1);
  out.piece_length = out.piece_direction.colwise().norm();
  out.piece_direction.array().rowwise() /= out.piece_length.array();

  for (int f = 0; f < fascicles; ++f) {
    double* row = out.moment_arm.data() + static_cast<std::ptrdiff_t>(f) * dofs;
    std::fill(row, row + dofs, 0.0);
    double length = 0.0;
    for (int p = paths.first_point[f]; p + 1 < paths.first_point[f + 1]; ++p) {
      const Vec3d start = out.point_ground.col(p), end = out.point_ground.col(p + 1);
      length += out.piece_length[p];
      const Vec3d u = out.piece_direction.col(p);
      for (int c = paths.crossing_first[p]; c < paths.crossing_first[p + 1]; ++c) {
        const JointCrossing& crossing = paths.crossings[c];
        const int j = crossing.joint;
        // dL/dq = +u.(a x (end - o)) when the joint moves the end, -u.(a x (start - o)) when it moves the start.
        const Vec3d lever = crossing.moves_end ? Vec3d(end - kin.origin[j]) : Vec3d(kin.origin[j] - start);
        const Vec3d w = lever.cross(u);  // a . (lever x u) = u . (a x lever)
        for (int axis = 0; axis < 3; ++axis) row[3 * j + axis] -= kin.axis[3 * j + axis].dot(w);
      }
    }
    out.length[f] = length;
  }
}

Eigen::VectorXd lengtheningVelocity(const PathGeometry& geometry, const Eigen::VectorXd& qdot) {
  return -(geometry.moment_arm * qdot);
}

}  // namespace tonus::body
