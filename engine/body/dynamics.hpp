#pragma once
// Inverse dynamics through Simbody, and the load carried by every joint once the muscle
// forces are known (a Newton-Euler pass from the head down to the pelvis).
#include <vector>

#include "body/loads.hpp"
#include "body/path_geometry.hpp"

namespace tonus::body {

// A posture or motion: joint angles, rates and accelerations, each dofCount long.
struct Motion {
  Eigen::VectorXd q, qdot, qddot;
  static Motion still(const Eigen::VectorXd& q);
};

// Sets the angles and rates of the state.
void setMotion(const SpineModel& model, MultibodyState& state, const Motion& motion);

// Generalised forces [N m] the joints must add (muscles, passive tissue, reserves) for the
// motion to happen under gravity and `loads`; one per dof, the pelvis dofs included (those
// are supplied by the hips). Needs a state from setMotion and its kinematics.
Eigen::VectorXd inverseDynamics(const SpineModel& model, const MultibodyState& state, const Kinematics& kin,
                                const Motion& motion, const std::vector<PointLoad>& loads);

// Per segment: every force on it except those through its joints (gravity, loads, muscles)
// minus its rate of change of momentum, as a force and a moment about its origin, in ground.
struct BodyWrenches {
  std::vector<Vec3d> force, moment;
};
BodyWrenches bodyWrenches(const SpineModel& model, const MultibodyState& state, const Kinematics& kin,
                          const PathGeometry& geometry, const Eigen::VectorXd& tensions,
                          const Eigen::VectorXd& qddot, const std::vector<PointLoad>& loads);
// Adds the pull of `count` tensioned paths (muscles, ligaments) to the bodies they attach to.
void addPathTensions(const MusclePaths& paths, int count, const PathGeometry& geometry,
                     const Eigen::VectorXd& tensions, const Kinematics& kin, BodyWrenches& w);

// The load a joint carries, seen from the disc (its mid-plane turns with half the joint's
// rotation from its standing inclination).
struct JointLoad {
  Vec3d reaction_force;   // [N] from the parent onto everything above, in ground
  Vec3d reaction_moment;  // [N m] same, about the joint centre
  double compression = 0.0;     // [N] pressing the vertebrae together
  double shear_anterior = 0.0;  // [N] loads from above pushing the upper vertebra forward
  double shear_lateral = 0.0;   // [N] ... to the right
  double moment_flexion = 0.0;  // [N m] loads from above, tending to flex
  double moment_lateral = 0.0;  // [N m] ... to bend right
  double moment_axial = 0.0;    // [N m] ... to turn right
  double pressure = 0.0;        // [Pa] intradiscal pressure 1.5 F / A (Nachemson); 0 if not a disc
};
std::vector<JointLoad> jointLoads(const SpineModel& model, const Kinematics& kin, const BodyWrenches& wrenches);

}  // namespace tonus::body
