#include "sim/applied_loads.hpp"

#include "scenario/timeline.hpp"

namespace tonus::sim {
namespace {

// A landmark of a segment in ground, or a fallback when the model lacks it.
body::Vec3d landmarkOr(const body::SpineModel& model, const body::Kinematics& kin, int segment, const std::string& name,
                       const body::Vec3d& fallback_local) {
  const auto& lm = model.segment(segment).landmarks;
  const auto found = lm.find(name);
  return kin.toGround(segment, found != lm.end() ? found->second : fallback_local);
}

// Both hands at a point in front of L5/S1 (the timeline's reference joint), 0.3 m apart
// (ASSUMPTION): where they reach, and where resting arms meet their support.
body::HandPositions handsAround(const body::SpineModel& model, const body::Kinematics& kin, const Eigen::Vector3d& from_reference) {
  const body::Vec3d centre = kin.origin[scenario::referenceJoint(model)] + from_reference;
  const body::Vec3d apart(0.0, 0.0, 0.15);
  return {centre + apart, centre - apart};
}

// A surface (a bed, a bench) taking every segment's weight off, at its centre of mass.
void supportEverySegment(const body::SpineModel& model, const body::Kinematics& kin, std::vector<body::PointLoad>& out) {
  for (int s = 0; s < model.segmentCount(); ++s) {
    out.push_back({s, kin.toGround(s, model.segment(s).centre_of_mass),
                   body::Vec3d(0.0, model.segment(s).mass * model.gravity(), 0.0), "support"});
  }
}

// Face down over a bench's edge (the Biering-Sorensen test), in the upright body's frame: the
// bench carries the pelvis (the root), and each segment above it, and the arms, weigh towards
// the body's front (+x) instead of down; the "support" loads take the downward weight off.
std::vector<body::PointLoad> proneOverEdge(const body::SpineModel& model, const body::Kinematics& kin) {
  std::vector<body::PointLoad> out;
  const double g = model.gravity();
  supportEverySegment(model, kin, out);
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (model.segment(s).parent < 0) continue;
    out.push_back({s, kin.toGround(s, model.segment(s).centre_of_mass), body::Vec3d(model.segment(s).mass * g, 0.0, 0.0),
                   "weight, face down"});
  }
  // Arms crossed on the chest, the hands on the opposite shoulders: each arm's centre of mass
  // 0.15 m below and 0.10 m in front of its shoulder (ASSUMPTION, docs/scenarios.md).
  const auto [right, left] = body::shoulders(model, kin);
  const double side = 0.5 * model.armsMass() * g;
  for (const auto& [shoulder, label] : {std::pair{right, "right arm, crossed"}, std::pair{left, "left arm, crossed"}}) {
    out.push_back({model.arms().segment, shoulder + body::Vec3d(0.10, -0.15, 0.0), body::Vec3d(side, 0.0, 0.0), label});
  }
  return out;
}

}  // namespace

body::HandPositions handsFor(const body::SpineModel& model, const body::Kinematics& kin,
                             const scenario::BodyTarget& target) {
  // Hanging from the shoulders, or reaching to a point in front of L5/S1.
  return target.hands_reaching ? handsAround(model, kin, target.hand_point) : body::hangingHands(model, kin);
}

std::vector<body::PointLoad> appliedLoads(const body::SpineModel& model, const body::Kinematics& kin,
                                         const scenario::BodyTarget& target) {
  std::vector<body::PointLoad> out;
  const int arms_segment = model.arms().segment;
  if (target.supported) {
    // Lying: the surface carries every segment and the arms where their weight acts.
    supportEverySegment(model, kin, out);
    for (body::PointLoad arm : body::armWeight(model, kin, body::hangingHands(model, kin))) {
      out.push_back(arm);
      arm.force = -arm.force;
      arm.label = "support";
      out.push_back(arm);
    }
    return out;
  }
  if (target.prone_over_edge) return proneOverEdge(model, kin);
  const body::HandPositions hands = handsFor(model, kin, target);
  // Resting arms lay part of their own weight on their support; hanging or reaching, all of it
  // hangs from the shoulders.
  const std::vector<body::PointLoad> arms = target.arm_support == scenario::ArmSupport::None
                                                ? body::armWeight(model, kin, hands)
                                                : body::restingArmWeight(model, kin, hands, handsAround(model, kin, target.arm_support_point));
  for (const body::PointLoad& arm : arms) out.push_back(arm);
  if (target.hand_mass > 0.0) {
    out.push_back(body::heldMass(model, 0.5 * target.hand_mass, hands.right, "load, right hand"));
    out.push_back(body::heldMass(model, 0.5 * target.hand_mass, hands.left, "load, left hand"));
  }
  if (target.right_hand_mass > 0.0) out.push_back(body::heldMass(model, target.right_hand_mass, hands.right, "load, right hand"));
  if (target.left_hand_mass > 0.0) out.push_back(body::heldMass(model, target.left_hand_mass, hands.left, "load, left hand"));
  const auto [right_shoulder, left_shoulder] = body::shoulders(model, kin);
  if (target.right_shoulder_mass > 0.0) {
    out.push_back(body::heldMass(model, target.right_shoulder_mass,
                                 landmarkOr(model, kin, arms_segment, "acromion_r", kin.rotation[arms_segment].transpose() * (right_shoulder - kin.origin[arms_segment])),
                                 "load, right shoulder"));
  }
  if (target.left_shoulder_mass > 0.0) {
    out.push_back(body::heldMass(model, target.left_shoulder_mass,
                                 landmarkOr(model, kin, arms_segment, "acromion_l", kin.rotation[arms_segment].transpose() * (left_shoulder - kin.origin[arms_segment])),
                                 "load, left shoulder"));
  }
  if (target.backpack_mass > 0.0) {
    // A backpack rests 12 cm behind the mid-thoracic spine (ASSUMPTION).
    const auto& lm = model.segment(arms_segment).landmarks;
    const auto t6 = lm.find("t6_spinous");
    const body::Vec3d local = (t6 != lm.end() ? t6->second : model.segment(arms_segment).centre_of_mass) + body::Vec3d(-0.12, 0.0, 0.0);
    out.push_back(body::heldMass(model, target.backpack_mass, kin.toGround(arms_segment, local), "backpack"));
  }
  return out;
}

}  // namespace tonus::sim
