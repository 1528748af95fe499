#pragma once
// The parts of a person and their surroundings that the mechanics does not model but a student
// must see: legs whose hips, knees and feet follow the posture, arms with elbows reaching the
// hands, the floor, a chair with its backrest, a desk, and a translucent outline of the body.
// All in the body's drawing frame (the pelvis fixed; the floor rises when the hips sink).
#include <vtkSmartPointer.h>

#include <utility>
#include <vector>

#include "body/spine_model.hpp"
#include "sim/pose_replay.hpp"

class vtkPolyData;

namespace tonus::viz {

// Where the legs stand at this pose, in the body's drawing frame.
struct LegsDrawn {
  double floor_y = 0.0;  // the floor's height
  struct Side {
    body::Vec3d hip, knee, ankle;
  } right, left;
};
LegsDrawn legsAt(const body::SpineModel& model, const sim::Pose& pose);

// What the figure is built of, so the pictures and the web lesson draw the same: rods (a tube
// between two points, or a ball where they meet) and blocks (boxes square to the body's frame).
struct Rod {
  body::Vec3d a, b;
  double radius = 0.0;
};
struct Block {
  body::Vec3d centre, size;
};
struct Props {
  std::vector<Rod> rods;
  std::vector<Block> blocks;
};
vtkSmartPointer<vtkPolyData> meshOf(const Props& props);

// Thighs, shanks, knees and feet (Drillis & Contini's proportions, body/legs.hpp).
Props legsProps(const body::SpineModel& model, const LegsDrawn& legs);

// The hip joint's centre in the pelvis's frame [m], on one side (+1 right, -1 left; 0 the
// midpoint): where the drawn femur meets the pelvis, 8.5 cm either side of the midline for the
// reference stature, scaled with it (ASSUMPTION, as the pelvis drawing).
body::Vec3d hipJointInPelvis(const body::SpineModel& model, double side);

// Where the elbows are (right, left): on their support (a desk, the knees), or bent outward and
// back where the hands are nearer the shoulders than the arm's length, straight where they are not.
std::pair<body::Vec3d, body::Vec3d> elbowsAt(const body::SpineModel& model, const sim::Pose& pose);
// The upper arm's length, shoulder to elbow [m] (Drillis & Contini's share of the arm).
double upperArmLength(const body::SpineModel& model);

// Upper arms and forearms from the shoulders to the hands, with shoulders, elbows and hands.
Props armsProps(const body::SpineModel& model, const sim::Pose& pose);

// The floor under the feet, or, lying, the bed under the back (or front), or the test bench
// under the legs of a trunk held out over its edge.
Props floorProps(const body::SpineModel& model, const sim::Pose& pose, const LegsDrawn& legs);
// The chair (seat, legs, a backrest when the pose has one) and a desk under resting forearms.
Props furnitureProps(const body::SpineModel& model, const sim::Pose& pose, const LegsDrawn& legs);

// A soft envelope of the trunk, head, arms and legs, drawn translucent over the skeleton.
vtkSmartPointer<vtkPolyData> outlineMesh(const body::SpineModel& model, const sim::Pose& pose, const LegsDrawn& legs);

}  // namespace tonus::viz
