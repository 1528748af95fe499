#pragma once
// From the angles a person or a scenario speaks in (trunk flexion, side bend, twist, neck
// flexion) to the model's joint angles, shared out by the lumbar rhythm; and the check that
// every joint stays within its range.
#include <Eigen/Core>
#include <optional>
#include <string>

#include "body/spine_model.hpp"

namespace tonus::body {

// Whole-trunk angles of the thorax relative to upright standing, and of the head relative to
// the thorax [rad]. Positive: forward, to the right, turning right.
struct TrunkPosture {
  double flexion = 0.0, lateral_bending = 0.0, axial_rotation = 0.0;
  double neck_flexion = 0.0, neck_lateral_bending = 0.0, neck_axial_rotation = 0.0;
  // Added to the rhythm's pelvis tilt (e.g. a slumped sitter's posterior tilt, negative) [rad].
  double extra_pelvis_tilt = 0.0;
  // Added to the lumbar levels in proportion to their flexion shares (e.g. lost lordosis) [rad].
  double extra_lumbar_flexion = 0.0;
  // The thighs' inclination forward of vertical [rad] (sitting: ~90 deg); the hips' flexion is
  // this plus the pelvis's forward tilt. It moves no joint of the model: it turns the points
  // that ride on the thighs (the psoas's insertion).
  double thigh_flexion = 0.0;
};

Eigen::VectorXd jointAngles(const SpineModel& model, const TrunkPosture& posture);

// The hips' flexion (Kinematics::hip_flexion) for joint angles q with the thighs inclined
// `thigh_flexion` forward of vertical: that plus the pelvis's forward tilt.
double hipFlexion(const SpineModel& model, const Eigen::VectorXd& q, double thigh_flexion);

// The lumbar flexion a linear share `linear` [rad] becomes near the spine's range:
// x / (1 + (x/limit)^order)^(1/order), or limit tanh(x/limit) with order 0; unchanged with no
// limit or for extension (x <= 0).
double saturatedLumbarFlexion(double linear, double limit, double order);

struct RangeViolation {
  std::string dof;      // e.g. "L4_L5.flexion"
  double angle = 0.0;   // [rad]
  double min = 0.0, max = 0.0;
  std::string describe() const;  // "L4_L5.flexion 17.2 deg is outside [-5, 15] deg"
};
std::optional<RangeViolation> checkRanges(const SpineModel& model, const Eigen::VectorXd& q);

}  // namespace tonus::body
