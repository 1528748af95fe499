#include "scenario/phase_motion.hpp"

#include <algorithm>
#include <cmath>

namespace tonus::scenario {
namespace {

constexpr double kDeg = M_PI / 180.0;

// The thighs' inclination (ASSUMPTIONS, docs/scenarios.md): horizontal on a seat; lying on the
// side with the hips bent 45 deg; pulled to the chest in a knees-to-chest stretch, 120 deg.
constexpr double kSeatedThighs = 90 * kDeg, kSideLyingThighs = 45 * kDeg, kKneesToChestThighs = 120 * kDeg;

// Lying on the (right) side, the broad shoulders and pelvis bear on the mattress and the waist
// sags towards it, so the trunk bends sideways towards the upper side by the 8.9 deg frontal-plane
// thoracolumbar angle measured on a firm mattress (ASSUMPTION: Leilnahari et al. 2011 as quoted
// by Wong et al. 2019's review, docs/scenarios.md).
constexpr double kSideLyingLateralBend = -8.9 * kDeg;

// Sitting postures (ASSUMPTION, docs/scenarios.md): thorax inclination and pelvic tilt from
// standing. Sitting tilts the pelvis back 10-30 deg and flattens the lumbar lordosis (Andersson
// et al. 1974; Lord et al. 1997 (M)); slumping flexes the lumbar spine most (O'Sullivan et al.
// 2006 (M)); a reclined backrest at ~110 deg carries the upper body (Andersson et al. 1974 (M)).
struct SitShape {
  double thorax, pelvis;
};
SitShape sitShape(SitStyle style, bool backrest) {
  if (style == SitStyle::Forward) return {30 * kDeg, 5 * kDeg};
  if (backrest) return {-15 * kDeg, -20 * kDeg};
  return style == SitStyle::Slumped ? SitShape{10 * kDeg, -20 * kDeg} : SitShape{0.0, -10 * kDeg};
}

body::TrunkPosture postureOf(const Phase& p) {
  body::TrunkPosture posture;
  posture.flexion = p.trunk_flexion;
  posture.lateral_bending = p.lateral_bend;
  posture.axial_rotation = p.axial_rotation;
  posture.neck_flexion = p.neck_flexion;
  return posture;
}

// Lift cycle (ASSUMPTION): bend to the load 25 %, grasp 5 %, lift 35 %, place 10 %, return 25 %.
constexpr double kBend = 0.25, kGrasp = 0.30, kLift = 0.65, kPlace = 0.75;

BodyTarget liftTarget(const Phase& p, const PhasePlan& plan, double t) {
  BodyTarget target;
  target.posture.neck_flexion = p.neck_flexion;
  const double x = std::fmod(t, p.cycle_s) / p.cycle_s;
  if (x < kBend) {  // reaching down, empty-handed, arms hanging
    target.posture.flexion = plan.lift_flexion * minimumJerk(x / kBend);
  } else if (x < kGrasp) {
    target.posture.flexion = plan.lift_flexion;
    target.hands_reaching = true;
    target.hand_point = plan.lift_pick;
    target.hand_mass = p.load_kg;
  } else if (x < kLift) {  // raising the load to where it goes
    const double s = minimumJerk((x - kGrasp) / (kLift - kGrasp));
    target.posture.flexion = plan.lift_flexion * (1.0 - s);
    target.hands_reaching = true;
    target.hand_point = plan.lift_pick + s * (plan.lift_place - plan.lift_pick);
    target.hand_mass = p.load_kg;
  } else if (x < kPlace) {
    target.hands_reaching = true;
    target.hand_point = plan.lift_place;
    target.hand_mass = p.load_kg;
  }
  // The thighs bend with the trunk, as far at the pick-up as the legs' plan puts them.
  if (plan.lift_flexion > 0.0) {
    const double depth = target.posture.flexion / plan.lift_flexion;
    target.posture.thigh_flexion = plan.lift_thigh_flexion * depth;
    target.hip_drop = plan.lift_hip_drop * depth;
  }
  return target;
}

BodyTarget twistTarget(const Phase& p, double t) {
  BodyTarget target;
  const double half = 1.875 * p.twist_angle / p.twist_peak_speed;
  const double rep_duration = twistRepDuration(p.twist_angle, p.twist_peak_speed);
  const int rep = static_cast<int>(std::floor(t / rep_duration));
  const double tr = t - rep * rep_duration;
  const double side = p.twist_side == TwistSide::Right ? 1.0 : p.twist_side == TwistSide::Left ? -1.0 : (rep % 2 ? -1.0 : 1.0);
  double s = 0.0;
  if (tr < half) s = minimumJerk(tr / half);
  else if (tr < 2 * half) s = 1.0 - minimumJerk((tr - half) / half);
  target.posture.axial_rotation = side * p.twist_angle * s;
  if (p.load_kg > 0.0) {
    target.hands_reaching = true;
    target.hand_point = {0.35, 0.0, 0.0};
    target.hand_mass = p.load_kg;
  }
  return target;
}

// Where resting arms meet their support and where the hands are, from L5/S1 (ASSUMPTION,
// docs/scenarios.md): a desk 0.72 m high over a 0.45 m seat puts the forearms ~0.15 m above
// L5/S1, the elbows 0.25 m and the hands 0.45 m in front; hands on mid-thigh 0.30 m in front at
// L5/S1's height; elbows on the knees 0.50 m in front, the hands hanging beyond them.
// Standing, hands on the thighs just above the knees: 0.10 m in front, 0.40 m below L5/S1.
void restArms(ArmSupport support, bool standing, BodyTarget& target) {
  target.arm_support = support;
  if (support == ArmSupport::None) return;
  target.hands_reaching = true;
  if (standing) {
    // Standing bent, the hands rest on the thighs just above the knees.
    target.arm_support_point = {0.10, -0.40, 0.0};
    target.hand_point = target.arm_support_point;
    return;
  }
  switch (support) {
    case ArmSupport::Desk:
      target.arm_support_point = {0.25, 0.15, 0.0};
      target.hand_point = {0.45, 0.15, 0.0};
      break;
    case ArmSupport::Thighs:
      target.arm_support_point = {0.30, 0.0, 0.0};
      target.hand_point = target.arm_support_point;
      break;
    case ArmSupport::Knees:
      target.arm_support_point = {0.50, 0.0, 0.0};
      target.hand_point = {0.55, -0.15, 0.0};
      break;
    case ArmSupport::None:
      break;
  }
}

// Lean under a one-sided or back load (ASSUMPTION, docs/scenarios.md): away from a hand load
// 0.5 deg/kg up to 12 deg, from a shoulder load 0.3 deg/kg up to 8 deg; forward under a
// backpack 0.5 deg/kg up to 10 deg (cf. Hong & Brueggemann 2000 (M)).
BodyTarget carryTarget(const Phase& p) {
  BodyTarget target;
  target.walking = true;
  const double m = p.load_kg;
  switch (p.carry_on) {
    case CarryOn::RightShoulder:
      target.right_shoulder_mass = m;
      target.posture.lateral_bending = -std::min(8.0, 0.3 * m) * kDeg;
      break;
    case CarryOn::LeftShoulder:
      target.left_shoulder_mass = m;
      target.posture.lateral_bending = std::min(8.0, 0.3 * m) * kDeg;
      break;
    case CarryOn::RightHand:
      target.right_hand_mass = m;
      target.posture.lateral_bending = -std::min(12.0, 0.5 * m) * kDeg;
      break;
    case CarryOn::LeftHand:
      target.left_hand_mass = m;
      target.posture.lateral_bending = std::min(12.0, 0.5 * m) * kDeg;
      break;
    case CarryOn::BothHands:
      target.hands_reaching = true;
      target.hand_point = {0.30, -0.05, 0.0};
      target.hand_mass = m;
      break;
    case CarryOn::Backpack:
      target.backpack_mass = m;
      target.posture.flexion = std::min(10.0, 0.5 * m) * kDeg;
      break;
  }
  return target;
}

}  // namespace

double minimumJerk(double x) {
  x = std::clamp(x, 0.0, 1.0);
  return x * x * x * (10.0 + x * (-15.0 + 6.0 * x));
}

double twistRepDuration(double angle, double peak_speed) { return 2.0 * 1.875 * angle / peak_speed + 0.5; }

body::TrunkPosture sittingPosture(double thorax, double pelvis, const PhasePlan& plan) {
  const auto saturate = [&](double x) {
    return body::saturatedLumbarFlexion(x, plan.lumbar_flexion_limit, plan.lumbar_flexion_order);
  };
  // Where the lumbar spine and pelvis end up, and where the rhythm alone would put them.
  const double lumbar = saturate(thorax - pelvis);
  const double rhythm_lumbar = thorax > 0.0 ? saturate((1.0 - plan.pelvis_flexion_share) * thorax)
                                            : (1.0 - plan.pelvis_flexion_share) * thorax;
  body::TrunkPosture p;
  p.flexion = thorax;
  p.extra_pelvis_tilt = (thorax - lumbar) - (thorax - rhythm_lumbar);
  p.extra_lumbar_flexion = lumbar - rhythm_lumbar;
  return p;
}

BodyTarget phaseTarget(const Phase& p, const PhasePlan& plan, double t) {
  BodyTarget target;
  switch (p.kind) {
    case PhaseKind::Stand:
    case PhaseKind::Walk:
      target.posture = postureOf(p);
      target.walking = p.kind == PhaseKind::Walk;
      restArms(p.arm_support, true, target);
      break;
    case PhaseKind::Sit: {
      const bool backrest = p.backrest && p.sit_style != SitStyle::Forward;
      const SitShape shape = sitShape(p.sit_style, backrest);
      // Bending forward from the style's shape, the pelvis rolls on the seat by the standing
      // rhythm's share of the added angle (docs/scenarios.md, "Sitting").
      target.posture = sittingPosture(shape.thorax + p.trunk_flexion,
                                      shape.pelvis + plan.pelvis_flexion_share * std::max(0.0, p.trunk_flexion), plan);
      target.posture.lateral_bending = p.lateral_bend;
      target.posture.axial_rotation = p.axial_rotation;
      target.posture.neck_flexion = p.neck_flexion;
      target.posture.thigh_flexion = kSeatedThighs;
      target.backrest = backrest;
      restArms(p.arm_support, false, target);
      break;
    }
    case PhaseKind::Lie:
      target.supported = true;
      target.face_down = p.lie_position == LiePosition::Prone;
      target.posture.thigh_flexion = p.lie_position == LiePosition::Side ? kSideLyingThighs : 0.0;
      target.posture.lateral_bending = p.lie_position == LiePosition::Side ? kSideLyingLateralBend : 0.0;
      break;
    case PhaseKind::Hold:
      target.posture = postureOf(p);
      target.hands_reaching = true;
      target.hand_point = {p.hand_distance, p.hand_height, 0.0};
      target.hand_mass = p.load_kg;
      break;
    case PhaseKind::Exert:
      target.posture = postureOf(p);
      target.exert_effort = p.effort;
      target.exert_direction = p.exert_direction;
      break;
    case PhaseKind::Sorensen:
      // The spine held straight: no posture key, the upright shape turned face down.
      target.prone_over_edge = true;
      target.face_down = true;
      break;
    case PhaseKind::Lift:
      return liftTarget(p, plan, t);
    case PhaseKind::Twist:
      return twistTarget(p, t);
    case PhaseKind::Carry:
      return carryTarget(p);
    case PhaseKind::Stretch:
      // Lying knees to chest, the surface carries the body and the muscles relax, the lumbar
      // spine at 85 % of its flexion; standing, a forward bend to 80 % of the model's trunk
      // flexion, hanging on its passive tissues (ASSUMPTIONS, docs/scenarios.md).
      target.posture.flexion = p.stretch_position == StretchPosition::Lying ? plan.knees_to_chest_flexion
                                                                             : 0.8 * plan.max_trunk_flexion;
      target.supported = p.stretch_position == StretchPosition::Lying;
      if (target.supported) target.posture.thigh_flexion = kKneesToChestThighs;
      target.stretching = true;
      break;
    case PhaseKind::Heat:
    case PhaseKind::Cold:
    case PhaseKind::Massage:
      target.therapy = p.kind;
      if (p.therapy_posture == TherapyPosture::Lying) {
        target.supported = true;
      } else if (p.therapy_posture == TherapyPosture::Sitting) {
        const SitShape shape = sitShape(SitStyle::Upright, true);
        target.posture = sittingPosture(shape.thorax, shape.pelvis, plan);
        target.posture.thigh_flexion = kSeatedThighs;
        target.backrest = true;
      }
      break;
    case PhaseKind::Drink:
      break;  // the timeline keeps the previous posture
    case PhaseKind::Catch:
    case PhaseKind::Release:
      // Standing upright with a box held in front at elbow height: empty before a catch, the
      // load in it before a release. The event itself is the forward stepper's (docs/forward.md).
      target.hands_reaching = true;
      target.hand_point = {p.hand_distance, kBoxHeightAboveL5S1, 0.0};
      target.hand_mass = kEmptyBoxKg + (p.kind == PhaseKind::Release ? p.load_kg : 0.0);
      break;
    case PhaseKind::Perturb:
      break;  // standing upright, arms hanging
  }
  return target;
}

}  // namespace tonus::scenario
