#pragma once
// The passive bands' tension and the moments they resist joint rotation with: ligaments and
// fascia pull along their paths only when stretched beyond their length in upright standing
// (docs/model.md, "Ligaments and fascia").
#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "body/path_geometry.hpp"

namespace tonus::body {

// Tension [N] of a band stretched `stretch` [m] beyond its standing length: an exponential toe,
// T = F (exp(stretch / s) - 1), continued as a straight line past 6 s so that no posture
// overflows it; zero when slack.
inline double ligamentTension(double stretch, double force_scale, double length_scale) {
  if (!(stretch > 0.0)) return 0.0;
  constexpr double kLinearFrom = 6.0;  // in length scales
  const double x = stretch / length_scale;
  if (x <= kLinearFrom) return force_scale * std::expm1(x);
  return force_scale * (std::expm1(kLinearFrom) + std::exp(kLinearFrom) * (x - kLinearFrom));
}

// dT/d(stretch) [N/m] of the same law.
inline double ligamentStiffness(double stretch, double force_scale, double length_scale) {
  if (!(stretch > 0.0)) return 0.0;
  constexpr double kLinearFrom = 6.0;
  return force_scale / length_scale * std::exp(std::min(stretch / length_scale, kLinearFrom));
}

// Every band's tension from its current path length.
Eigen::VectorXd ligamentTensions(const Ligaments& ligaments, const PathGeometry& geometry);

// Per dof: the bands' rotational stiffness about that dof alone [N m/rad], sum of r^2 dT/dL.
Eigen::VectorXd ligamentJointStiffness(const Ligaments& ligaments, const PathGeometry& geometry);

// Per dof: the moment [N m] the bands resist with, in the sign of passiveJointMoments (the
// generalised force they apply is minus this).
Eigen::VectorXd ligamentMoments(const PathGeometry& geometry, const Eigen::VectorXd& tensions);

}  // namespace tonus::body
