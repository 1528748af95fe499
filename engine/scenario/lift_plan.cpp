// Lift planning (ASSUMPTIONS and sources in docs/scenarios.md, "Lifting"). The legs are a thigh
// and a shank per side standing on the floor with the ankle below the standing hip; in a squat
// the hips sink and move back so that the body's centre of mass stays over the middle of the
// foot, the knees come forward, and the load, too big to fit between them, sits in front.
#include "scenario/lift_plan.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "body/kinematics.hpp"
#include "body/legs.hpp"
#include "body/loads.hpp"
#include "body/posture.hpp"
#include "scenario/timeline.hpp"

namespace tonus::scenario {
namespace {

// Squatting bends the trunk 45 % as far as stooping to the same height (van Dieën, Hoozemans &
// Toussaint 1999's review (M)).
constexpr double kSquatTrunkShare = 0.45;
// The lowest a squatter's hip goes, as a fraction of stature (ASSUMPTION: a deep squat, heels down).
constexpr double kLowestHip = 0.2;
// The centre of pressure under a still stance, ahead of the ankle (ASSUMPTION: mid-foot).
constexpr double kFootCentre = 0.05;
// The knee's front, ahead of the joint centre, and half the box's depth (ASSUMPTIONS: a 0.10 m
// deep knee and a 0.30 m box, which will not fit between the knees).
constexpr double kKneeFront = 0.05, kBoxHalfDepth = 0.15;
// Put down close to the body: 0.30 m in front of L5/S1 (ASSUMPTION).
constexpr double kPlaceForward = 0.30;

// The upper body at a trunk flexion, relative to the hip (the pelvis's origin), in the sagittal
// plane: shoulders, the reference joint (L5/S1), and its mass and centre of mass with the arms.
struct UpperBody {
  Eigen::Vector2d shoulder, reference, centre_of_mass;
  double mass = 0.0;
};
UpperBody upperBodyAt(const body::SpineModel& model, body::MultibodyState& state, double flexion) {
  body::TrunkPosture posture;
  posture.flexion = flexion;
  model.multibody().setPositions(state, body::jointAngles(model, posture));
  body::Kinematics kin;
  body::computeKinematics(model, state, kin);
  const auto [right, left] = body::shoulders(model, kin);
  const body::Vec3d shoulder = 0.5 * (right + left), reference = kin.origin[referenceJoint(model)];
  body::Vec3d moment = body::Vec3d::Zero();
  double mass = 0.0;
  for (int s = 0; s < model.segmentCount(); ++s) {
    moment += model.segment(s).mass * kin.toGround(s, model.segment(s).centre_of_mass);
    mass += model.segment(s).mass;
  }
  for (const body::PointLoad& arm : body::armWeight(model, kin, body::hangingHands(model, kin))) {
    const double m = -arm.force.y() / model.gravity();
    moment += m * arm.point;
    mass += m;
  }
  const body::Vec3d com = moment / mass;
  return {{shoulder.x(), shoulder.y()}, {reference.x(), reference.y()}, {com.x(), com.y()}, mass};
}

// The hip's place (x forward of the ankle) that keeps the whole body, load included, over the
// middle of the foot, with the hip `height` above the floor; and the leg it makes.
struct Stance {
  Eigen::Vector2d hip;
  body::LegPose leg;
  Eigen::Vector2d hands;  // where the hands hold the load
  bool reaches = true;    // the hands reach the load's height
};
Stance stanceAt(const body::LegLengths& legs, const UpperBody& upper, double arm, double load, double height,
                double pick_height, bool between_knees) {
  const Eigen::Vector2d ankle(0.0, legs.ankle_height);
  const double leg_mass = 2.0 * (legs.thigh_mass + legs.shank_foot_mass);
  Stance s;
  double x = 0.0;
  for (int i = 0; i < 40; ++i) {
    s.hip = {x, height};
    s.leg = body::legBetween(legs, ankle, s.hip);
    const Eigen::Vector2d shoulder = s.hip + upper.shoulder;
    // The load sits in front of the knee, or between the knees; the hands hang from the
    // shoulders or reach forward to it.
    const double in_front = between_knees ? shoulder.x() : s.leg.knee.x() + kKneeFront + kBoxHalfDepth;
    const double forward = std::max(shoulder.x(), in_front);
    const double dx = forward - shoulder.x();
    const double drop = dx < arm ? std::sqrt(arm * arm - dx * dx) : 0.0;
    s.hands = {forward, std::max(pick_height, shoulder.y() - drop)};
    s.reaches = dx < arm && shoulder.y() - drop <= pick_height + 1e-6;
    const double total = upper.mass + load + leg_mass;
    const double moment = upper.mass * upper.centre_of_mass.x() + load * (s.hands.x() - x) +
                          leg_mass * (body::legsCentreOfMass(legs, s.leg).x() - x);
    const double next = kFootCentre - moment / total;
    if (std::abs(next - x) < 1e-6) break;
    x = next;
  }
  return s;
}

// Where `holds` turns from true (at lo) to false (at hi), by 50 halvings: the last x where it
// holds and the first where it does not.
template <class Predicate>
std::pair<double, double> turning(double lo, double hi, const Predicate& holds) {
  for (int i = 0; i < 50; ++i) (holds(0.5 * (lo + hi)) ? lo : hi) = 0.5 * (lo + hi);
  return {lo, hi};
}

}  // namespace

void planLift(const Phase& p, const body::SpineModel& model, PhasePlan& plan) {
  const body::LegLengths legs = body::legLengths(model.subject().height, model.subject().mass);
  const double standing_hip = legs.ankle_height + legs.shank + legs.thigh;
  const double arm = model.arms().length;
  body::MultibodyState state = model.makeState();
  // The upper body at a trunk flexion, worked out again only when the flexion changes.
  double known_flexion = -1.0;
  UpperBody known;
  const auto upperAt = [&](double flexion) -> const UpperBody& {
    if (flexion != known_flexion) known = upperBodyAt(model, state, flexion), known_flexion = flexion;
    return known;
  };
  // Stooping, the knees stay straight and the trunk bends until the hanging hands reach the
  // load, up to the model's largest flexion.
  const auto handsAbove = [&](double flexion) { return standing_hip + upperAt(flexion).shoulder.y() - arm > p.from_height; };
  double stoop = 0.0;
  if (handsAbove(0.0)) stoop = handsAbove(plan.max_trunk_flexion) ? plan.max_trunk_flexion : turning(0.0, plan.max_trunk_flexion, handsAbove).first;
  // Stooping, the hip stays at its standing height. Squatting, the trunk bends less and the
  // hips sink until the hands, reaching to the load, get down to it (the highest such hip, no
  // lower than 0.2 H); where even the lowest hip leaves the load out of reach, the trunk bends
  // further, at most as far as in the stoop.
  const double lowest_hip = kLowestHip * model.subject().height;
  const auto stance = [&](double flexion, double h) {
    return stanceAt(legs, upperAt(flexion), arm, p.load_kg, h, p.from_height, p.between_knees);
  };
  const auto outOfReach = [&](double h) { return [&, h](double flexion) { return !stance(flexion, h).reaches; }; };
  plan.lift_flexion = p.lift_style == LiftStyle::Stoop ? stoop : kSquatTrunkShare * stoop;
  double hip_height = standing_hip;
  if (p.lift_style == LiftStyle::Squat && p.knee_flexion) {
    // A squat to a given knee angle (a half squat): the hips sink until the knees bend that far,
    // then the trunk bends until the hands reach the load, as far as the model allows; the two
    // settle together in a few rounds (the stance's balance depends on the trunk's angle).
    for (int round = 0; round < 4; ++round) {
      const auto tooDeep = [&](double h) { return stance(plan.lift_flexion, h).leg.knee_flexion > *p.knee_flexion; };
      const auto [lo, hi] = turning(lowest_hip, standing_hip, tooDeep);
      hip_height = 0.5 * (lo + hi);
      plan.lift_flexion = turning(0.0, plan.max_trunk_flexion, outOfReach(hip_height)).second;
    }
  } else if (p.lift_style == LiftStyle::Squat && !stance(plan.lift_flexion, standing_hip).reaches) {
    if (stance(plan.lift_flexion, lowest_hip).reaches) {
      hip_height = turning(lowest_hip, standing_hip, [&](double h) { return stance(plan.lift_flexion, h).reaches; }).first;
    } else {
      plan.lift_flexion = turning(plan.lift_flexion, stoop, outOfReach(lowest_hip)).second;
      hip_height = lowest_hip;
    }
  }
  const Stance at_pick = stance(plan.lift_flexion, hip_height);
  const Eigen::Vector2d reference = upperAt(plan.lift_flexion).reference;
  plan.lift_legs = at_pick.leg;
  plan.lift_thigh_flexion = std::atan2(at_pick.leg.knee.x() - at_pick.leg.hip.x(), at_pick.leg.hip.y() - at_pick.leg.knee.y());
  plan.lift_hip_drop = standing_hip - hip_height;
  // The hands relative to L5/S1, which the timeline measures from.
  const Eigen::Vector2d from_reference = at_pick.hands - at_pick.hip - reference;
  plan.lift_pick = {std::max(from_reference.x(), 0.15), from_reference.y(), 0.0};
  const double reference_height = standing_hip + upperAt(0.0).reference.y();
  plan.lift_place = {kPlaceForward, p.to_height - reference_height, 0.0};
}

}  // namespace tonus::scenario
