#include "body/posture.hpp"

#include <cmath>
#include <sstream>

namespace tonus::body {

Eigen::VectorXd jointAngles(const SpineModel& model, const TrunkPosture& posture) {
  Eigen::VectorXd q = Eigen::VectorXd::Zero(model.dofCount());
  const double trunk[3] = {posture.flexion, posture.lateral_bending, posture.axial_rotation};
  for (int axis = 0; axis < 3; ++axis) {
    for (const auto& [segment, share] : model.rhythm().shares[axis]) q[3 * segment + axis] += share * trunk[axis];
  }
  // Deep forward bends: the spine above the pelvis saturates and the hips take the rest.
  const double limit = model.rhythm().lumbar_flexion_limit;
  if (limit > 0.0 && posture.flexion > 0.0) {
    double linear = 0.0;
    int pelvis = -1;
    for (const auto& [segment, share] : model.rhythm().shares[kFlexion]) {
      if (model.segment(segment).parent < 0) pelvis = segment;
      else linear += share * posture.flexion;
    }
    if (linear > 0.0) {
      const double saturated = saturatedLumbarFlexion(linear, limit, model.rhythm().lumbar_flexion_order);
      for (const auto& [segment, share] : model.rhythm().shares[kFlexion]) {
        if (segment != pelvis) q[3 * segment + kFlexion] *= saturated / linear;
      }
      if (pelvis >= 0) q[3 * pelvis + kFlexion] = posture.flexion - saturated;
    }
  }
  // Extra lumbar flexion follows the flexion shares of the joints other than the pelvis.
  double lumbar_share = 0.0;
  for (const auto& [segment, share] : model.rhythm().shares[kFlexion]) {
    if (model.segment(segment).parent >= 0) lumbar_share += share;
  }
  for (const auto& [segment, share] : model.rhythm().shares[kFlexion]) {
    if (model.segment(segment).parent < 0) {
      q[3 * segment + kFlexion] += posture.extra_pelvis_tilt;
    } else if (lumbar_share > 0.0) {
      q[3 * segment + kFlexion] += posture.extra_lumbar_flexion * share / lumbar_share;
    }
  }
  if (model.neckSegment() >= 0) {
    const int n = model.neckSegment();
    q[3 * n + kFlexion] += posture.neck_flexion;
    q[3 * n + kLateralBending] += posture.neck_lateral_bending;
    q[3 * n + kAxialRotation] += posture.neck_axial_rotation;
  }
  return q;
}

double hipFlexion(const SpineModel& model, const Eigen::VectorXd& q, double thigh_flexion) {
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (model.segment(s).parent < 0) return thigh_flexion + q[3 * s + kFlexion];
  }
  return thigh_flexion;
}

double saturatedLumbarFlexion(double linear, double limit, double order) {
  if (limit <= 0.0 || linear <= 0.0) return linear;
  return order > 0.0 ? linear / std::pow(1.0 + std::pow(linear / limit, order), 1.0 / order) : limit * std::tanh(linear / limit);
}

std::string RangeViolation::describe() const {
  std::ostringstream s;
  s.precision(3);
  s << dof << " " << angle * 180 / M_PI << " deg is outside [" << min * 180 / M_PI << ", " << max * 180 / M_PI
    << "] deg";
  return s.str();
}

std::optional<RangeViolation> checkRanges(const SpineModel& model, const Eigen::VectorXd& q) {
  for (int dof = 0; dof < model.dofCount(); ++dof) {
    const JointSpec& joint = model.segment(dof / 3).joint;
    const double lo = joint.range_min[dof % 3], hi = joint.range_max[dof % 3];
    // A hair of tolerance so a posture exactly at the limit is accepted.
    if (q[dof] < lo - 1e-9 || q[dof] > hi + 1e-9) return RangeViolation{model.dofName(dof), q[dof], lo, hi};
  }
  return std::nullopt;
}

}  // namespace tonus::body
