#pragma once
// Where every segment and every joint axis is, in ground, for one posture: the input the
// path geometry, the loads and the renders share.
#include <vector>

#include "body/spine_model.hpp"

namespace tonus::body {

struct Kinematics {
  std::vector<Eigen::Matrix3d> rotation;  // per segment: R_GB (segment frame in ground)
  std::vector<Vec3d> origin;              // per segment: its joint centre in ground [m]
  std::vector<Vec3d> axis;                // per dof: unit rotation axis in ground
  // The hips' flexion, the thighs relative to the pelvis [rad]: 0 in upright standing. The
  // thighs are not bodies; points on them (MusclePaths::point_on_thigh) turn by it about the
  // pelvis's origin. Whoever knows the posture sets it (the frame solver); 0 otherwise.
  double hip_flexion = 0.0;

  // A point fixed in segment s, in ground.
  Vec3d toGround(int s, const Vec3d& local) const { return origin[s] + rotation[s] * local; }
};

// Segment poses from the state (positions set) and joint axes from its angles.
void computeKinematics(const SpineModel& model, const MultibodyState& state, Kinematics& out);

}  // namespace tonus::body
