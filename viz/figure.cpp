#include "figure.hpp"

#include <vtkPolyData.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>

#include "body/legs.hpp"
#include "body/loads.hpp"
#include "shapes.hpp"

namespace tonus::viz {
namespace {

// Drillis & Contini 1966 (docs/model.md, "Legs"): upper arm 0.186, forearm 0.146 and hand 0.108
// of stature; the grip is the hand's middle, so the upper arm is 0.186 / 0.386 of shoulder-to-grip.
constexpr double kUpperArmShare = 0.186 / (0.186 + 0.146 + 0.054);
// Where a seated thigh's underside rests above the seat: the thigh's half-thickness (ASSUMPTION).
constexpr double kThighHalfThickness = 0.075;

// A two-link limb from `root` to `tip` with segments `a` and `b`: the middle joint, bent toward
// `bend` where the tip is nearer than a + b, on the straight line where it is not.
Vec3d middleJoint(const Vec3d& root, const Vec3d& tip, double a, double b, const Vec3d& bend) {
  const Vec3d along = tip - root;
  const double d = along.norm();
  if (d < 1e-9) return root + a * bend.normalized();
  const Vec3d unit = along / d;
  if (d >= a + b) return root + a * unit;
  // Law of cosines for the angle at the root; the bend direction taken square to the limb.
  const double cos_root = std::clamp((a * a + d * d - b * b) / (2 * a * d), -1.0, 1.0);
  Vec3d side = bend - bend.dot(unit) * unit;
  if (side.norm() < 1e-9) side = unit.unitOrthogonal();
  return root + a * (cos_root * unit + std::sqrt(1.0 - cos_root * cos_root) * side.normalized());
}

// The thorax-bearing segment's point, in ground.
Vec3d onThorax(const body::SpineModel& model, const sim::Pose& pose, const Vec3d& local) {
  return pose.kin.toGround(model.arms().segment, local);
}

}  // namespace

Vec3d hipJointInPelvis(const body::SpineModel& model, double side) {
  return Vec3d(-0.005, 0.03, side * 0.085 * model.scaling().length);
}

double upperArmLength(const body::SpineModel& model) { return kUpperArmShare * model.arms().length; }

std::pair<Vec3d, Vec3d> elbowsAt(const body::SpineModel& model, const sim::Pose& pose) {
  const double upper = upperArmLength(model), fore = model.arms().length - upper;
  if (pose.arm_support == scenario::ArmSupport::Desk || pose.arm_support == scenario::ArmSupport::Knees) {
    const Vec3d offset(0.0, 0.0, 0.18);
    return {pose.arm_support_point + offset, pose.arm_support_point - offset};
  }
  const auto [right, left] = body::shoulders(model, pose.kin);
  const Vec3d back_out_r(-0.6, -0.3, 0.5), back_out_l(-0.6, -0.3, -0.5);
  return {middleJoint(right, pose.hands.right, upper, fore, back_out_r),
          middleJoint(left, pose.hands.left, upper, fore, back_out_l)};
}

LegsDrawn legsAt(const body::SpineModel& model, const sim::Pose& pose) {
  const body::LegLengths lengths = body::legLengths(model.subject().height, model.subject().mass);
  const double incline = pose.thigh_flexion;
  const Vec3d thigh_dir(std::sin(incline), -std::cos(incline), 0.0);
  LegsDrawn legs;
  const double standing_hip = lengths.thigh + lengths.shank + lengths.ankle_height;
  const bool sitting = pose.stance == sim::Stance::Sitting;
  // Standing, the feet are on a floor below the hips by the straight legs' height, less what the
  // hips have sunk; sitting, the shanks hang straight from the knees to the floor.
  const Vec3d hip_joint = pose.kin.toGround(0, hipJointInPelvis(model, 0.0));
  legs.floor_y = sitting ? hip_joint.y() + thigh_dir.y() * lengths.thigh - lengths.shank - lengths.ankle_height
                         : hip_joint.y() - standing_hip + pose.hip_drop;
  // Thighs bent while standing (rising from a chair, a squat the plan did not sink for) put the
  // feet on a floor raised to where the shanks reach it, as if the hips had sunk that far.
  if (!sitting && !pose.lying) {
    const double knee_y = hip_joint.y() + thigh_dir.y() * lengths.thigh;
    legs.floor_y = std::max(legs.floor_y, knee_y - lengths.shank - lengths.ankle_height);
  }
  for (const double side : {1.0, -1.0}) {
    LegsDrawn::Side leg;
    leg.hip = pose.kin.toGround(0, hipJointInPelvis(model, side));
    leg.knee = leg.hip + lengths.thigh * thigh_dir;
    // The shank reaches down to the ankle's height, leaning forward from the ankle if the knee is
    // nearer the floor than the shank is long.
    const double ankle_y = legs.floor_y + lengths.ankle_height;
    const double drop = std::min(lengths.shank, std::max(0.0, leg.knee.y() - ankle_y));
    const double behind = std::sqrt(std::max(0.0, lengths.shank * lengths.shank - drop * drop));
    leg.ankle = leg.knee + Vec3d(sitting ? 0.0 : -behind, -(sitting ? lengths.shank : drop), 0.0);
    (side > 0 ? legs.right : legs.left) = leg;
  }
  return legs;
}

Props legsProps(const body::SpineModel& model, const LegsDrawn& legs) {
  Props props;
  const double k = model.scaling().length;
  const double ankle_height = body::legLengths(model.subject().height, model.subject().mass).ankle_height;
  for (const LegsDrawn::Side& leg : {legs.right, legs.left}) {
    props.rods.push_back({leg.hip, leg.knee, 0.055 * k});
    props.rods.push_back({leg.knee, leg.ankle, 0.042 * k});
    props.rods.push_back({leg.knee, leg.knee, 0.05 * k});
    // The foot: heel under the ankle, toes ahead, its sole the ankle's height below it.
    const double foot = 0.26 * k;
    props.blocks.push_back(Block{Vec3d(leg.ankle.x() + 0.35 * foot, leg.ankle.y() - 0.5 * ankle_height, leg.ankle.z()),
                                 Vec3d(foot, ankle_height, 0.09 * k)});
  }
  return props;
}

Props armsProps(const body::SpineModel& model, const sim::Pose& pose) {
  const auto [right, left] = body::shoulders(model, pose.kin);
  const auto [elbow_r, elbow_l] = elbowsAt(model, pose);
  const double k = model.scaling().length;
  Props props;
  for (const auto& [shoulder, elbow, hand] :
       {std::tuple{right, elbow_r, pose.hands.right}, std::tuple{left, elbow_l, pose.hands.left}}) {
    props.rods.push_back({shoulder, elbow, 0.032 * k});
    props.rods.push_back({elbow, hand, 0.026 * k});
    props.rods.push_back({shoulder, shoulder, 0.038 * k});
    props.rods.push_back({elbow, elbow, 0.03 * k});
    props.rods.push_back({hand, hand, 0.04 * k});
  }
  return props;
}

Props floorProps(const body::SpineModel& model, const sim::Pose& pose, const LegsDrawn& legs) {
  Props props;
  const double k = model.scaling().length;
  if (pose.lying) {
    // In the body's frame, before it is laid down: a slab behind the back (or before the chest,
    // face down), from the feet to above the head; over a bench's edge, only under the legs.
    const double side = pose.face_down ? 1.0 : -1.0;
    const double surface = side * 0.13 * k, thickness = 0.12;
    const double top = pose.over_edge ? pose.kin.origin[0].y() + 0.05 : pose.kin.origin[0].y() + 0.95 * k;
    const double bottom = legs.floor_y;
    props.blocks.push_back(
        Block{Vec3d(surface + side * 0.5 * thickness, 0.5 * (top + bottom), 0.0), Vec3d(thickness, top - bottom, 0.9)});
    return props;
  }
  // A square of floor around the feet, 1 cm thick, its top at the floor's height.
  const double x = 0.5 * (legs.right.ankle.x() + pose.kin.origin[0].x()) + 0.2;
  props.blocks.push_back(Block{Vec3d(x, legs.floor_y - 0.005, 0.0), Vec3d(1.6, 0.01, 1.2)});
  return props;
}

Props furnitureProps(const body::SpineModel& model, const sim::Pose& pose, const LegsDrawn& legs) {
  Props props;
  if (pose.stance != sim::Stance::Sitting) return props;
  const double k = model.scaling().length;
  const Vec3d hip = 0.5 * (legs.right.hip + legs.left.hip);
  // The seat under the thighs, from just behind the buttocks to short of the knees, on four legs.
  const double seat_top = hip.y() - kThighHalfThickness * k;
  const double seat_back = hip.x() - 0.12 * k, seat_front = legs.right.knee.x() - 0.08 * k;
  const double seat_x = 0.5 * (seat_back + seat_front), seat_depth = std::max(0.25, seat_front - seat_back);
  props.blocks.push_back(Block{Vec3d(seat_x, seat_top - 0.02, hip.z()), Vec3d(seat_depth, 0.04, 0.46)});
  for (const double x : {seat_back + 0.03, seat_back + seat_depth - 0.03}) {
    for (const double z : {-0.2, 0.2}) {
      props.rods.push_back({Vec3d(x, seat_top - 0.04, hip.z() + z), Vec3d(x, legs.floor_y, hip.z() + z), 0.012});
    }
  }
  if (pose.backrest) {
    // A board behind the thorax from the seat's back edge, leaning with it.
    const Vec3d low = onThorax(model, pose, Vec3d(-0.095 * k, -0.10 * k, 0.0));
    const Vec3d high = onThorax(model, pose, Vec3d(-0.095 * k, 0.18 * k, 0.0));
    const Vec3d seat(seat_back, seat_top, hip.z()), waist(low.x() - 0.02, low.y(), hip.z()), top(high.x() - 0.02, high.y(), hip.z());
    props.rods.push_back({seat, waist, 0.02});
    props.rods.push_back({waist, top, 0.02});
  }
  // A desk under resting forearms: its top just below the elbows, reaching 0.6 m beyond them.
  if (pose.arm_support == scenario::ArmSupport::Desk) {
    const double top = pose.arm_support_point.y() - 0.035 * k;
    const double near = pose.arm_support_point.x() - 0.12, far = near + 0.75;
    props.blocks.push_back(Block{Vec3d(0.5 * (near + far), top - 0.015, hip.z()), Vec3d(far - near, 0.03, 1.2)});
    for (const double z : {-0.55, 0.55}) {
      props.blocks.push_back(
          Block{Vec3d(far - 0.05, 0.5 * (top + legs.floor_y), hip.z() + z), Vec3d(0.04, top - legs.floor_y, 0.04)});
    }
  }
  return props;
}

vtkSmartPointer<vtkPolyData> meshOf(const Props& props) {
  MeshAppender mesh;
  for (const Rod& rod : props.rods) {
    // A ball where both ends meet, else a capped tube.
    if ((rod.b - rod.a).norm() < 1e-9) mesh.add(ellipsoid(rod.a, Eigen::Matrix3d::Identity() * rod.radius, 12));
    else mesh.add(tubeThrough({rod.a, rod.b}, rod.radius, 14));
  }
  for (const Block& block : props.blocks) mesh.add(box(block.centre, block.size));
  return mesh.result();
}

vtkSmartPointer<vtkPolyData> outlineMesh(const body::SpineModel& model, const sim::Pose& pose, const LegsDrawn& legs) {
  MeshAppender mesh;
  const double k = model.scaling().length;
  const auto shell = [&](int segment, const Vec3d& centre, const Vec3d& radii) {
    Eigen::Matrix3d axes = pose.kin.rotation[static_cast<std::size_t>(segment)];
    for (int i = 0; i < 3; ++i) axes.col(i) *= radii[i] * k;
    mesh.add(ellipsoid(pose.kin.toGround(segment, centre * k), axes, 28));
  };
  // Trunk: hips, waist and chest; the head's shell is the skull drawn already, a little larger.
  shell(0, Vec3d(0.0, 0.05, 0.0), Vec3d(0.12, 0.13, 0.18));
  for (int s = 0; s < model.segmentCount(); ++s) {
    const std::string& name = model.segment(s).name;
    if (name == "L3") shell(s, Vec3d(0.03, 0.0, 0.0), Vec3d(0.12, 0.13, 0.16));
  }
  shell(model.arms().segment, model.segment(model.arms().segment).centre_of_mass / k + Vec3d(0.02, 0.0, 0.0),
        Vec3d(0.14, 0.22, 0.18));
  const int head = model.neckSegment();
  shell(head, model.segment(head).centre_of_mass / k + Vec3d(0.0, 0.03, 0.0), Vec3d(0.105, 0.125, 0.088));
  // Limbs: thicker tubes around the bones.
  for (const LegsDrawn::Side& leg : {legs.right, legs.left}) {
    mesh.add(tubeThrough({leg.hip, leg.knee}, 0.085 * k, 16));
    mesh.add(tubeThrough({leg.knee, leg.ankle}, 0.06 * k, 16));
  }
  const auto [right, left] = body::shoulders(model, pose.kin);
  const auto [elbow_r, elbow_l] = elbowsAt(model, pose);
  for (const auto& [shoulder, elbow, hand] :
       {std::tuple{right, elbow_r, pose.hands.right}, std::tuple{left, elbow_l, pose.hands.left}}) {
    mesh.add(tubeThrough({shoulder, elbow}, 0.05 * k, 14));
    mesh.add(tubeThrough({elbow, hand}, 0.04 * k, 14));
  }
  return mesh.result();
}

}  // namespace tonus::viz
