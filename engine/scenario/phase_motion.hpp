#pragma once
// What each kind of phase asks of the body at each instant: a posture and the loads on it.
// The rules (sitting pelvis tilts, the shape of a lift, the lean under a one-sided load...)
// are written here with their sources or marked as assumptions; docs/scenarios.md lists them.
#include <Eigen/Core>

#include "body/legs.hpp"
#include "body/posture.hpp"
#include "scenario/scenario.hpp"

namespace tonus::scenario {

// Everything a phase asks of the body at one instant.
// The box of a catch or release, held with the forearms about level: its mass when empty, and
// its height above L5/S1 (ASSUMPTIONS, docs/forward.md).
inline constexpr double kEmptyBoxKg = 1.0;
inline constexpr double kBoxHeightAboveL5S1 = 0.10;  // [m]

struct BodyTarget {
  body::TrunkPosture posture;
  // Hands hang straight down unless they reach to a point held in front.
  bool hands_reaching = false;
  Eigen::Vector3d hand_point = {0.35, 0.0, 0.0};  // between the hands, from L5/S1, in ground [m]
  double hand_mass = 0.0;                         // [kg] held in both hands
  double right_hand_mass = 0.0, left_hand_mass = 0.0;  // [kg] carried one-handed (arm hanging)
  double right_shoulder_mass = 0.0, left_shoulder_mass = 0.0;  // [kg] on a shoulder strap
  double backpack_mass = 0.0;                     // [kg]
  bool backrest = false;   // a chair back carries the thorax
  // The arms rest on a desk, the thighs or the knees and prop the shoulders up; arm_support_point
  // is where (the elbows, or the hands on the thighs), from L5/S1 in ground [m].
  ArmSupport arm_support = ArmSupport::None;
  Eigen::Vector3d arm_support_point = Eigen::Vector3d::Zero();
  bool supported = false;  // lying: the surface carries every segment
  // The Biering-Sorensen test: lying face down with the trunk held out straight over a bench's
  // edge; the bench carries the pelvis and legs, gravity pulls the trunk, head and arms (crossed
  // on the chest) towards the floor, which is the body's front.
  bool prone_over_edge = false;
  bool face_down = false;  // lying prone or over a test bench (for drawing)
  double hip_drop = 0.0;   // [m] how far the hips have sunk below standing (a squat; for drawing)
  double exert_effort = 0.0;  // fraction of maximum voluntary moment at L4/L5
  ExertDirection exert_direction = ExertDirection::Extension;
  // Read by the physiology (issue 5).
  bool walking = false, stretching = false;
  PhaseKind therapy = PhaseKind::Stand;  // Heat, Cold or Massage while one is applied
};

// Constants a phase needs from the model and subject, worked out once.
struct PhasePlan {
  double pelvis_flexion_share = 1.0 / 3.0;  // the rhythm's share for the pelvis
  double lumbar_flexion_limit = 0.0;        // [rad] the rhythm's saturation (0: none)
  double lumbar_flexion_order = 0.0;
  double max_trunk_flexion = 1.5;           // [rad] largest whole-trunk flexion the ranges allow
  double knees_to_chest_flexion = 1.2;      // [rad] whole-trunk flexion of a lying knees-to-chest stretch
  double lift_flexion = 0.0;                // [rad] trunk flexion at the lowest point of a lift
  Eigen::Vector3d lift_pick = {0.4, -0.8, 0.0};   // hands at the pick-up, from L5/S1 [m]
  Eigen::Vector3d lift_place = {0.3, -0.1, 0.0};  // hands where the load is put down
  body::LegPose lift_legs;    // one leg at the pick-up, ankle at the floor (x forward, y up) [m]
  double lift_hip_drop = 0.0; // [m] how far the hips sink below standing at the pick-up
  double lift_thigh_flexion = 0.0;  // [rad] the thighs' forward inclination at the pick-up
};

// s(x) = 10x^3 - 15x^4 + 6x^5: a minimum-jerk move from 0 to 1 (Flash & Hogan 1985),
// starting and ending with zero velocity and acceleration.
double minimumJerk(double x);

// One twist: out to the angle and back with a minimum-jerk profile at the given peak speed
// (peak of s' is 1.875, so each half takes 1.875 * angle / speed), then 0.5 s at rest.
double twistRepDuration(double angle, double peak_speed);

// Whole-trunk posture for sitting with the thorax at `thorax` and the pelvis tilted by
// `pelvis` from standing (both [rad], forward positive; a sit phase passes the style's tilt plus
// the rhythm's pelvic share of any added forward bend). The lumbar spine takes the difference
// until it nears its range, where the pelvis rolls further forward on the seat (the hips flex) by
// the same saturation as the standing rhythm's.
body::TrunkPosture sittingPosture(double thorax, double pelvis, const PhasePlan& plan);

// The body target of a phase, `t` seconds after it began (0 <= t <= duration).
BodyTarget phaseTarget(const Phase& phase, const PhasePlan& plan, double t);

}  // namespace tonus::scenario
