#pragma once
// What `tonus model info` and `tonus model moment-arms` print: a model's bodies, degrees of
// freedom and muscle groups, and each group's moment arms at one joint in one posture, ready
// to set beside published values.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "body/model_spec.hpp"
#include "body/path_geometry.hpp"
#include "body/posture.hpp"
#include "body/subject.hpp"

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

// The groups' moment arms at the joint named `level` (e.g. "L4_L5") in a trunk posture, the
// thighs vertical. Throws UserError for an unknown joint or a posture beyond the joints' ranges.
std::vector<GroupMomentArm> momentArmsInPosture(const SpineModel& model, const std::string& level,
                                                const TrunkPosture& posture);

// A trunk posture from named angles in degrees: trunk_flexion_deg, lateral_bend_deg,
// axial_rotation_deg, neck_flexion_deg. Throws UserError naming an unknown or non-finite one.
TrunkPosture trunkPostureFromDegrees(const std::vector<std::pair<std::string, double>>& angles);

// The passive bands by group: how many, and whether any spans several joints.
struct LigamentGroup {
  std::string group;
  int bands = 0;
  bool spans_joints = false;
};
std::vector<LigamentGroup> ligamentGroups(const SpineModel& model);

// The joints that carry a disc, in the model's order.
std::vector<const JointSpec*> discJoints(const SpineModel& model);

// How many fascicles' passive curve starts at optimal length (docs/muscle.md).
int passiveFromOptimal(const SpineModel& model);

// What `tonus model info --json` prints (and Python's Model.info() returns).
nlohmann::json modelInfoJson(const SpineModel& model, const ModelSpec& spec);

// The subject a model is built for: each value given, else the model's reference subject's.
// Throws UserError for a sex other than "male"/"female", a height outside 1.0-2.3 m or a mass
// outside 30-200 kg (the ranges the command line accepts).
Subject subjectOf(const ModelSpec& spec, const std::optional<std::string>& sex, std::optional<double> height,
                  std::optional<double> mass);

}  // namespace tonus::body
