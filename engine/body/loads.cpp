#include "body/loads.hpp"

#include <algorithm>

namespace tonus::body {
namespace {

std::string mirrored(const std::string& name) {
  if (name.size() > 2 && name.compare(name.size() - 2, 2, "_r") == 0) return name.substr(0, name.size() - 2) + "_l";
  return name;
}

}  // namespace

std::pair<Vec3d, Vec3d> shoulders(const SpineModel& model, const Kinematics& kin) {
  const ArmsSpec& arms = model.arms();
  const Segment& seg = model.segment(arms.segment);
  return {kin.toGround(arms.segment, seg.landmarks.at(arms.shoulder_landmark)),
          kin.toGround(arms.segment, seg.landmarks.at(mirrored(arms.shoulder_landmark)))};
}

HandPositions hangingHands(const SpineModel& model, const Kinematics& kin) {
  const auto [right, left] = shoulders(model, kin);
  const Vec3d down(0.0, -model.arms().length, 0.0);
  return {right + down, left + down};
}

std::vector<PointLoad> armWeight(const SpineModel& model, const Kinematics& kin, const HandPositions& hands) {
  const auto [right, left] = shoulders(model, kin);
  const double fraction = model.arms().com_fraction;
  const Vec3d weight(0.0, -0.5 * model.armsMass() * model.gravity(), 0.0);
  return {{model.arms().segment, right + fraction * (hands.right - right), weight, "right arm"},
          {model.arms().segment, left + fraction * (hands.left - left), weight, "left arm"}};
}

std::vector<PointLoad> restingArmWeight(const SpineModel& model, const Kinematics& kin, const HandPositions& hands,
                                        const HandPositions& rests) {
  const auto [right, left] = shoulders(model, kin);
  const double fraction = model.arms().com_fraction;
  const double side_weight = 0.5 * model.armsMass() * model.gravity();
  const auto shoulderShare = [&](const Vec3d& shoulder, const Vec3d& hand, const Vec3d& rest) {
    // Moments about the shoulder's hinge, in the horizontal plane: the rest carries the
    // weight's lever over its own; directly below the shoulder, the arm's own share fraction.
    Vec3d reach = rest - shoulder;
    reach.y() = 0.0;
    const double lever_rest = reach.norm();
    if (lever_rest < 1e-3) return 1.0 - fraction;
    const Vec3d centre = fraction * (hand - shoulder);
    return 1.0 - std::clamp(centre.dot(reach) / (lever_rest * lever_rest), 0.0, 1.0);
  };
  const auto load = [&](const Vec3d& shoulder, const Vec3d& hand, const Vec3d& rest, const char* label) {
    return PointLoad{model.arms().segment, shoulder, Vec3d(0.0, -shoulderShare(shoulder, hand, rest) * side_weight, 0.0), label};
  };
  return {load(right, hands.right, rests.right, "right arm, resting"), load(left, hands.left, rests.left, "left arm, resting")};
}

PointLoad heldMass(const SpineModel& model, double mass_kg, const Vec3d& at, const std::string& label) {
  return {model.arms().segment, at, Vec3d(0.0, -mass_kg * model.gravity(), 0.0), label};
}

}  // namespace tonus::body
