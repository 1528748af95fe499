#include "body/model_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "body/kinematics.hpp"
#include "core/errors.hpp"

namespace tonus::body {

std::vector<GroupSummary> muscleGroups(const SpineModel& model) {
  std::vector<GroupSummary> out;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const FascicleInfo& info = model.fascicle(f);
    auto it = std::find_if(out.begin(), out.end(), [&](const GroupSummary& g) { return g.group == info.group; });
    if (it == out.end()) {
      out.push_back({info.group, info.region});
      it = out.end() - 1;
    }
    ++it->fascicles;
    it->pcsa += info.pcsa;
    it->max_force += model.muscles().parameters().max_isometric_force[f];
  }
  return out;
}

std::vector<GroupMomentArm> groupMomentArms(const SpineModel& model, const PathGeometry& geometry, int segment) {
  std::vector<GroupMomentArm> out;
  std::map<std::pair<std::string, char>, double> total_force;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    // Only fascicles that cross the joint: published moment arms are measured at that level.
    if (geometry.moment_arm.row(f).segment(3 * segment, 3).isZero(0.0)) continue;
    const FascicleInfo& info = model.fascicle(f);
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const GroupMomentArm& g) { return g.group == info.group && g.side == info.side; });
    if (it == out.end()) {
      out.push_back({info.group, info.side});
      it = out.end() - 1;
    }
    const double fmax = model.muscles().parameters().max_isometric_force[f];
    total_force[{info.group, info.side}] += fmax;
    for (int axis = 0; axis < 3; ++axis) {
      const double r = geometry.moment_arm(f, 3 * segment + axis);
      it->mean_moment_arm[axis] += fmax * r;
      it->max_moment[axis] += fmax * r;
    }
  }
  for (GroupMomentArm& g : out) {
    for (double& r : g.mean_moment_arm) r /= total_force[{g.group, g.side}];
  }
  return out;
}

std::vector<GroupMomentArm> momentArmsInPosture(const SpineModel& model, const std::string& level,
                                                const TrunkPosture& posture) {
  const int segment = model.jointIndex(level);
  if (segment < 0) throw UserError("level: unknown joint '" + level + "'");
  const Eigen::VectorXd q = jointAngles(model, posture);
  if (auto bad = checkRanges(model, q)) throw UserError("posture: " + bad->describe());
  MultibodyState state = model.makeState();
  model.multibody().setPositions(state, q);
  Kinematics kin;
  computeKinematics(model, state, kin);
  kin.hip_flexion = hipFlexion(model, q, 0.0);  // standing: the thighs vertical
  PathGeometry geometry;
  computePathGeometry(model, kin, geometry);
  return groupMomentArms(model, geometry, segment);
}

TrunkPosture trunkPostureFromDegrees(const std::vector<std::pair<std::string, double>>& angles) {
  constexpr double kDeg = M_PI / 180.0;
  TrunkPosture p;
  for (const auto& [key, value] : angles) {
    if (!std::isfinite(value)) throw UserError("posture: " + key + ": must be a finite number of degrees");
    if (key == "trunk_flexion_deg") p.flexion = value * kDeg;
    else if (key == "lateral_bend_deg") p.lateral_bending = value * kDeg;
    else if (key == "axial_rotation_deg") p.axial_rotation = value * kDeg;
    else if (key == "neck_flexion_deg") p.neck_flexion = value * kDeg;
    else throw UserError("posture: unknown key '" + key +
                         "' (allowed: trunk_flexion_deg, lateral_bend_deg, axial_rotation_deg, neck_flexion_deg)");
  }
  return p;
}

std::vector<LigamentGroup> ligamentGroups(const SpineModel& model) {
  std::vector<LigamentGroup> out;
  const Ligaments& L = model.ligaments();
  for (int i = 0; i < L.count(); ++i) {
    auto it = std::find_if(out.begin(), out.end(), [&](const LigamentGroup& g) { return g.group == L.group[i]; });
    if (it == out.end()) it = out.insert(out.end(), {L.group[i], 0, false});
    ++it->bands;
    it->spans_joints = it->spans_joints || L.single_joint[i] < 0.5;
  }
  return out;
}

std::vector<const JointSpec*> discJoints(const SpineModel& model) {
  std::vector<const JointSpec*> out;
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (model.segment(s).joint.is_disc) out.push_back(&model.segment(s).joint);
  }
  return out;
}

int passiveFromOptimal(const SpineModel& model) {
  const auto& offset = model.muscles().parameters().passive_offset;
  int n = 0;
  for (int f = 0; f < model.fascicleCount(); ++f) n += offset[f] == 1.0 ? 1 : 0;
  return n;
}

nlohmann::json modelInfoJson(const SpineModel& model, const ModelSpec& spec) {
  const auto groups = muscleGroups(model);
  double total_force = 0.0;
  for (const auto& g : groups) total_force += g.max_force;
  nlohmann::json j;
  j["name"] = model.name();
  j["source"] = spec.source;
  j["subject"] = {{"sex", toString(model.subject().sex)}, {"height_m", model.subject().height},
                  {"mass_kg", model.subject().mass}};
  j["total_mass_kg"] = model.totalMass();
  for (int s = 0; s < model.segmentCount(); ++s) {
    const auto& seg = model.segment(s);
    j["bodies"].push_back({{"name", seg.name}, {"parent", seg.parent < 0 ? "ground" : model.segment(seg.parent).name},
                           {"joint", seg.joint.name}, {"mass_kg", seg.mass}});
  }
  for (int d = 0; d < model.dofCount(); ++d) j["degrees_of_freedom"].push_back(model.dofName(d));
  j["arms_mass_kg"] = model.armsMass();
  j["fascicles"] = model.fascicleCount();
  for (const auto& g : groups) {
    j["muscle_groups"].push_back({{"group", g.group}, {"region", g.region}, {"fascicles", g.fascicles},
                                  {"pcsa_cm2", g.pcsa * 1e4}, {"max_force_N", g.max_force}});
  }
  j["total_max_force_N"] = total_force;
  j["ligament_groups"] = nlohmann::json::array();
  for (const auto& g : ligamentGroups(model)) {
    j["ligament_groups"].push_back({{"group", g.group}, {"bands", g.bands}, {"spans_joints", g.spans_joints}});
  }
  j["discs"] = nlohmann::json::array();
  for (const JointSpec* joint : discJoints(model)) {
    j["discs"].push_back({{"joint", joint->name}, {"area_cm2", joint->disc_area * 1e4},
                          {"swelling_pressure_MPa", joint->disc_swelling_pressure * 1e-6}});
  }
  j["fascicles_passive_from_optimal_length"] = passiveFromOptimal(model);
  j["abdominal_pressure_area_cm2"] = model.abdomen() ? nlohmann::json(model.abdomen()->area * 1e4) : nlohmann::json(nullptr);
  j["thigh_points"] = nlohmann::json::array();
  for (const auto& [name, point] : spec.thigh_landmarks) j["thigh_points"].push_back(name);
  return j;
}

Subject subjectOf(const ModelSpec& spec, const std::optional<std::string>& sex, std::optional<double> height,
                  std::optional<double> mass) {
  Subject s;
  if (sex && *sex != "male" && *sex != "female") throw UserError("sex: must be male or female, got '" + *sex + "'");
  // The negated comparisons also refuse NaN.
  if (height && !(*height >= 1.0 && *height <= 2.3)) {
    throw UserError("height: must be between 1.0 and 2.3 m, got " + std::to_string(*height));
  }
  if (mass && !(*mass >= 30.0 && *mass <= 200.0)) {
    throw UserError("mass: must be between 30 and 200 kg, got " + std::to_string(*mass));
  }
  s.sex = sex ? (*sex == "female" ? Sex::Female : Sex::Male) : spec.reference_sex;
  s.height = height.value_or(spec.reference_height);
  s.mass = mass.value_or(spec.reference_mass);
  return s;
}

}  // namespace tonus::body
