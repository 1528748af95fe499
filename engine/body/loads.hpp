#pragma once
// Forces from outside the spine: gravity on the segments, the arms' weight and whatever the
// hands or a shoulder carry. All are point forces on a segment, given in ground.
#include <optional>
#include <string>
#include <vector>

#include "body/kinematics.hpp"

namespace tonus::body {

struct PointLoad {
  int segment = -1;    // the segment the force acts on
  Vec3d point;         // where, in ground [m]
  Vec3d force;         // [N], in ground
  std::string label;   // for reports ("arms", "held load", ...)
  Vec3d moment = Vec3d::Zero();  // [N m] a pure couple on the segment, in ground (e.g. a resistance)
};

// Where the hands are, in ground; absent means arms hanging straight down from the shoulders.
struct HandPositions {
  Vec3d right, left;
};

// The shoulder landmark of each side, in ground (right, left).
std::pair<Vec3d, Vec3d> shoulders(const SpineModel& model, const Kinematics& kin);
HandPositions hangingHands(const SpineModel& model, const Kinematics& kin);

// The weight of both arms, at their centres of mass between shoulder and hand.
std::vector<PointLoad> armWeight(const SpineModel& model, const Kinematics& kin, const HandPositions& hands);

// The weight of both arms resting on a support (a desk, the thighs, the knees) at the points
// given: each relaxed arm is a bar hinged at its shoulder and propped at its rest, so the lever
// rule shares its weight between the two, and only the shoulder's share, there, loads the trunk.
std::vector<PointLoad> restingArmWeight(const SpineModel& model, const Kinematics& kin, const HandPositions& hands,
                                        const HandPositions& rests);

// A mass held in the hands (shared between them) or carried on a shoulder landmark.
PointLoad heldMass(const SpineModel& model, double mass_kg, const Vec3d& at, const std::string& label);

}  // namespace tonus::body
