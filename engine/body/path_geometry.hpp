#pragma once
// Length and moment arms of every fascicle at once, from the straight pieces between its
// points. Moment arms are analytic: turning joint j by dq about its axis a (through its centre
// o) moves the distal end D of each piece it crosses by a x (D - o) dq, so
//   dL/dq = sum over crossed pieces of u . (a x (D - o)) (with the sign of the moving end),
// and the moment arm is r = -dL/dq (a shortening muscle pulls the joint its way).
#include <Eigen/Core>

#include "body/kinematics.hpp"

namespace tonus::body {

struct PathGeometry {
  Eigen::Matrix3Xd point_ground;  // 3 x points [m]
  Eigen::Matrix3Xd piece_direction;  // 3 x (points - 1): unit vector from point p to p+1
  Eigen::RowVectorXd piece_length;   // 1 x (points - 1) [m] (pieces across fascicles unused)
  Eigen::VectorXd length;         // per fascicle [m]
  // fascicles x dofs [m], row-major so each fascicle's row is contiguous.
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> moment_arm;
};

void computePathGeometry(const SpineModel& model, const Kinematics& kin, PathGeometry& out);
// The same for any set of paths on the model's bodies (e.g. its ligaments): `count` paths.
void computePathGeometry(const SpineModel& model, const MusclePaths& paths, int count, const Kinematics& kin,
                         PathGeometry& out);

// Lengthening velocity of every fascicle for joint velocities qdot: dL/dt = -r qdot.
Eigen::VectorXd lengtheningVelocity(const PathGeometry& geometry, const Eigen::VectorXd& qdot);

}  // namespace tonus::body
