#include "body/legs.hpp"

#include <algorithm>
#include <cmath>

namespace tonus::body {
namespace {

// Drillis & Contini 1966 (as tabulated by Winter 2009, fig. 4.1): thigh 0.245 H, shank 0.246 H,
// ankle 0.039 H above the floor. Masses (Dempster via Winter 2009, table 4.1): thigh 0.100,
// shank 0.0465 and foot 0.0145 of body mass; centres of mass 0.433 of the thigh and of the
// shank from their proximal ends.
constexpr double kThigh = 0.245, kShank = 0.246, kAnkle = 0.039;
constexpr double kThighMass = 0.100, kShankMass = 0.0465, kFootMass = 0.0145;
constexpr double kCentreOfMass = 0.433;

}  // namespace

LegLengths legLengths(double stature, double body_mass) {
  return {kThigh * stature, kShank * stature, kAnkle * stature, kThighMass * body_mass,
          (kShankMass + kFootMass) * body_mass};
}

LegPose legBetween(const LegLengths& legs, const Eigen::Vector2d& ankle, const Eigen::Vector2d& hip) {
  LegPose pose;
  pose.ankle = ankle;
  const Eigen::Vector2d along = hip - ankle;
  const double d = along.norm(), reach = legs.thigh + legs.shank;
  if (d >= reach || d < 1e-9) {
    // Out of reach: straight, pointing at the hip.
    const Eigen::Vector2d unit = d < 1e-9 ? Eigen::Vector2d::UnitY() : Eigen::Vector2d(along / d);
    pose.knee = ankle + legs.shank * unit;
    pose.hip = ankle + reach * unit;
    pose.straight = true;
    return pose;
  }
  // Law of cosines at the ankle: the shank's angle from the ankle-hip line, forward of it.
  const double cos_ankle = std::clamp((legs.shank * legs.shank + d * d - legs.thigh * legs.thigh) / (2.0 * legs.shank * d), -1.0, 1.0);
  const double line = std::atan2(along.y(), along.x());
  const double shank_angle = line - std::acos(cos_ankle);  // clockwise from the line: the knee goes forward
  pose.knee = ankle + legs.shank * Eigen::Vector2d(std::cos(shank_angle), std::sin(shank_angle));
  pose.hip = hip;
  const Eigen::Vector2d thigh = hip - pose.knee, shank = pose.knee - ankle;
  pose.knee_flexion = std::acos(std::clamp(thigh.dot(shank) / (thigh.norm() * shank.norm()), -1.0, 1.0));
  return pose;
}

Eigen::Vector2d legsCentreOfMass(const LegLengths& legs, const LegPose& pose) {
  const Eigen::Vector2d thigh = pose.hip + kCentreOfMass * (pose.knee - pose.hip);
  const Eigen::Vector2d shank = pose.knee + kCentreOfMass * (pose.ankle - pose.knee);
  return (legs.thigh_mass * thigh + legs.shank_foot_mass * shank) / (legs.thigh_mass + legs.shank_foot_mass);
}

}  // namespace tonus::body
