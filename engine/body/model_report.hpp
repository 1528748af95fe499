#pragma once
// What `tonus model info` and `tonus model moment-arms` print: a model's bodies, degrees of
// freedom and muscle groups, and each group's moment arms at one joint in one posture, ready
// to set beside published values.
#include <string>
#include <vector>

#include "body/path_geometry.hpp"

namespace tonus::body {

struct GroupSummary {
  std::string group, region;
  int fascicles = 0;        // both sides
  double pcsa = 0.0;        // [m^2] both sides, scaled to the subject
  double max_force = 0.0;   // [N] both sides
};
std::vector<GroupSummary> muscleGroups(const SpineModel& model);

// A group's moment arms at one joint for one side ('r', 'l' or 'm'): the force-weighted mean
// over its fascicles that cross the joint, and the moment the side could make at full
// activation, per axis. Groups with no fascicle across the joint are left out.
struct GroupMomentArm {
  std::string group;
  char side = 'r';
  double mean_moment_arm[3] = {0, 0, 0};  // [m] flexion, lateral bending, axial rotation
  double max_moment[3] = {0, 0, 0};       // [N m] sum of Fmax * r (sign gives the direction)
};
std::vector<GroupMomentArm> groupMomentArms(const SpineModel& model, const PathGeometry& geometry, int segment);

}  // namespace tonus::body
