#pragma once
// The legs: a thigh and a shank per side, in the sagittal plane, from the ankle to the hip.
// They stand below the pelvis, which is the model's root, so nothing they weigh reaches the
// spine's joints: they decide where the hips can go and where a load in front of the knees
// sits, and they are drawn. Proportions from Drillis & Contini 1966 (docs/model.md, "Legs").
#include <Eigen/Core>

namespace tonus::body {

struct LegLengths {
  double thigh = 0.0;         // hip to knee [m]
  double shank = 0.0;         // knee to ankle [m]
  double ankle_height = 0.0;  // ankle above the floor [m]
  double thigh_mass = 0.0, shank_foot_mass = 0.0;  // one side [kg]
};
LegLengths legLengths(double stature, double body_mass);

// One leg's joints in the sagittal plane (x forward, y up), and its joint angles.
struct LegPose {
  Eigen::Vector2d ankle, knee, hip;
  double knee_flexion = 0.0;  // [rad], 0 straight
  bool straight = false;      // the hip was beyond reach: the leg points at it, straight
};
// The knee bends forward (in front of the line from ankle to hip).
LegPose legBetween(const LegLengths& legs, const Eigen::Vector2d& ankle, const Eigen::Vector2d& hip);

// The legs' centre of mass, both sides, in the same plane.
Eigen::Vector2d legsCentreOfMass(const LegLengths& legs, const LegPose& pose);

}  // namespace tonus::body
