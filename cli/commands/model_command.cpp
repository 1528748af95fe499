// `tonus model info [MODEL] [--json]` and `tonus model moment-arms [MODEL] --posture ... --level ...`:
// what a model contains, and its muscles' lever arms, for comparison with published values.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "body/kinematics.hpp"
#include "body/model_file.hpp"
#include "body/model_report.hpp"
#include "body/posture.hpp"
#include "commands/commands.hpp"
#include "commands/subject_options.hpp"
#include "core/errors.hpp"

namespace tonus::cli {
namespace {

constexpr double kDeg = M_PI / 180.0;

struct ModelOptions {
  std::string model;  // empty: the built-in default
  SubjectOptions subject;
  bool json = false;
  std::string posture = "standing";
  std::string level = "L4_L5";
};

body::ModelSpec loadSpec(const ModelOptions& o) {
  return o.model.empty() ? body::loadDefaultModel() : body::loadModelFile(o.model);
}

// "standing" or comma-separated key=value degrees: trunk_flexion_deg, lateral_bend_deg,
// axial_rotation_deg, neck_flexion_deg.
body::TrunkPosture parsePosture(const std::string& text) {
  body::TrunkPosture p;
  if (text == "standing") return p;
  std::stringstream items(text);
  std::string item;
  while (std::getline(items, item, ',')) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) throw UserError("--posture: '" + item + "' is not key=value (degrees)");
    const std::string key = item.substr(0, eq);
    double value = 0.0;
    try {
      std::size_t used = 0;
      value = std::stod(item.substr(eq + 1), &used);
      if (used != item.size() - eq - 1 || !std::isfinite(value)) throw std::invalid_argument("");
    } catch (const std::exception&) {
      throw UserError("--posture: " + key + ": must be a number of degrees, got '" + item.substr(eq + 1) + "'");
    }
    if (key == "trunk_flexion_deg") p.flexion = value * kDeg;
    else if (key == "lateral_bend_deg") p.lateral_bending = value * kDeg;
    else if (key == "axial_rotation_deg") p.axial_rotation = value * kDeg;
    else if (key == "neck_flexion_deg") p.neck_flexion = value * kDeg;
    else throw UserError("--posture: unknown key '" + key +
                         "' (allowed: trunk_flexion_deg, lateral_bend_deg, axial_rotation_deg, neck_flexion_deg)");
  }
  return p;
}

// The passive bands by group: how many, and the joints they cross (one-joint or spanning).
struct LigamentGroup {
  std::string group;
  int bands = 0;
  bool spans_joints = false;
};
std::vector<LigamentGroup> ligamentGroups(const body::SpineModel& model) {
  std::vector<LigamentGroup> out;
  const body::Ligaments& L = model.ligaments();
  for (int i = 0; i < L.count(); ++i) {
    auto it = std::find_if(out.begin(), out.end(), [&](const LigamentGroup& g) { return g.group == L.group[i]; });
    if (it == out.end()) it = out.insert(out.end(), {L.group[i], 0, false});
    ++it->bands;
    it->spans_joints = it->spans_joints || L.single_joint[i] < 0.5;
  }
  return out;
}

// The joints that carry a disc, in the model's order.
std::vector<const body::JointSpec*> discJoints(const body::SpineModel& model) {
  std::vector<const body::JointSpec*> out;
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (model.segment(s).joint.is_disc) out.push_back(&model.segment(s).joint);
  }
  return out;
}

// How many fascicles' passive curve starts at optimal length (docs/muscle.md): its offset is
// then exactly 1, where the De Groote curve as OpenSim has it leaves 1.8 % at optimal length.
int passiveFromOptimal(const body::SpineModel& model) {
  const auto& offset = model.muscles().parameters().passive_offset;
  int n = 0;
  for (int f = 0; f < model.fascicleCount(); ++f) n += offset[f] == 1.0 ? 1 : 0;
  return n;
}

void printInfo(const body::SpineModel& model, const body::ModelSpec& spec, bool json) {
  const auto groups = body::muscleGroups(model);
  const auto ligaments = ligamentGroups(model);
  double total_force = 0.0;
  for (const auto& g : groups) total_force += g.max_force;
  if (json) {
    nlohmann::json j;
    j["name"] = model.name();
    j["source"] = spec.source;
    j["subject"] = {{"sex", body::toString(model.subject().sex)}, {"height_m", model.subject().height},
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
    for (const auto& g : ligaments) {
      j["ligament_groups"].push_back({{"group", g.group}, {"bands", g.bands}, {"spans_joints", g.spans_joints}});
    }
    j["discs"] = nlohmann::json::array();
    for (const body::JointSpec* joint : discJoints(model)) {
      j["discs"].push_back({{"joint", joint->name}, {"area_cm2", joint->disc_area * 1e4},
                            {"swelling_pressure_MPa", joint->disc_swelling_pressure * 1e-6}});
    }
    j["fascicles_passive_from_optimal_length"] = passiveFromOptimal(model);
    j["abdominal_pressure_area_cm2"] = model.abdomen() ? nlohmann::json(model.abdomen()->area * 1e4) : nlohmann::json(nullptr);
    j["thigh_points"] = nlohmann::json::array();
    for (const auto& [name, point] : spec.thigh_landmarks) j["thigh_points"].push_back(name);
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << std::fixed << std::setprecision(2);
  std::cout << "model " << model.name() << " (" << spec.source << ")\n"
            << "subject: " << body::toString(model.subject().sex) << ", " << model.subject().height << " m, "
            << model.subject().mass << " kg; modelled mass " << model.totalMass() << " kg (arms "
            << model.armsMass() << " kg)\n\nbodies:\n";
  for (int s = 0; s < model.segmentCount(); ++s) {
    const auto& seg = model.segment(s);
    std::cout << "  " << std::left << std::setw(10) << seg.name << " on " << std::setw(8)
              << (seg.parent < 0 ? "ground" : model.segment(seg.parent).name) << " joint " << std::setw(7)
              << seg.joint.name << std::right << std::setw(7) << seg.mass << " kg\n";
  }
  std::cout << "\ndegrees of freedom: " << model.dofCount() << " (flexion, lateral_bending, axial_rotation per joint)\n"
            << "\nmuscle groups (both sides):\n";
  for (const auto& g : groups) {
    std::cout << "  " << std::left << std::setw(38) << g.group << std::setw(10) << g.region << std::right << std::setw(4)
              << g.fascicles << " fascicles " << std::setw(7) << g.pcsa * 1e4 << " cm2 " << std::setw(8)
              << std::setprecision(0) << g.max_force << " N\n"
              << std::setprecision(2);
  }
  std::cout << "  total: " << model.fascicleCount() << " fascicles, " << std::setprecision(0) << total_force
            << " N\n";
  std::cout << "  passive fibre force starting at optimal length: " << passiveFromOptimal(model) << " of "
            << model.fascicleCount() << " fascicles\n";
  std::cout << "\ndiscs (endplate area, swelling pressure with no load):\n" << std::setprecision(2);
  for (const body::JointSpec* joint : discJoints(model)) {
    std::cout << "  " << std::left << std::setw(8) << joint->name << std::right << std::setw(7) << joint->disc_area * 1e4
              << " cm2 " << std::setprecision(3) << std::setw(7) << joint->disc_swelling_pressure * 1e-6 << " MPa\n"
              << std::setprecision(2);
  }
  if (!ligaments.empty()) {
    std::cout << "\nligaments and fascia (tension-only bands):\n";
    for (const auto& g : ligaments) {
      std::cout << "  " << std::left << std::setw(38) << g.group << std::right << std::setw(4) << g.bands
                << (g.spans_joints ? " bands, spanning several joints\n" : " bands, one joint each\n");
    }
  }
  if (model.abdomen()) {
    std::cout << "\nintra-abdominal pressure: acts over " << std::setprecision(0) << model.abdomen()->area * 1e4
              << " cm2 between the diaphragm and the pelvic floor\n";
  }
  if (!spec.thigh_landmarks.empty()) {
    std::cout << "\npoints on the thighs (turning with the hips' flexion):";
    for (const auto& [name, point] : spec.thigh_landmarks) std::cout << " " << name;
    std::cout << "\n";
  }
}

void printMomentArms(const body::SpineModel& model, const ModelOptions& o) {
  const int segment = model.jointIndex(o.level);
  if (segment < 0) throw UserError("--level: unknown joint '" + o.level + "'");
  const Eigen::VectorXd q = body::jointAngles(model, parsePosture(o.posture));
  if (auto bad = body::checkRanges(model, q)) throw UserError("--posture: " + bad->describe());
  body::MultibodyState state = model.makeState();
  model.multibody().setPositions(state, q);
  body::Kinematics kin;
  body::computeKinematics(model, state, kin);
  kin.hip_flexion = body::hipFlexion(model, q, 0.0);  // standing: the thighs vertical
  body::PathGeometry geometry;
  body::computePathGeometry(model, kin, geometry);
  const auto rows = body::groupMomentArms(model, geometry, segment);
  if (o.json) {
    nlohmann::json j;
    j["joint"] = o.level;
    j["posture"] = o.posture;
    for (const auto& r : rows) {
      j["groups"].push_back({{"group", r.group}, {"side", std::string(1, r.side)},
                             {"moment_arm_cm", {{"flexion", 100 * r.mean_moment_arm[0]},
                                                {"lateral_bending", 100 * r.mean_moment_arm[1]},
                                                {"axial_rotation", 100 * r.mean_moment_arm[2]}}},
                             {"max_moment_Nm", {{"flexion", r.max_moment[0]}, {"lateral_bending", r.max_moment[1]},
                                                {"axial_rotation", r.max_moment[2]}}}});
    }
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << "moment arms at " << o.level << ", posture " << o.posture
            << " (force-weighted mean per group and side; positive = flexes, bends right, turns right)\n"
            << std::left << std::setw(38) << "group" << " side " << std::right << std::setw(9) << "flex cm"
            << std::setw(9) << "lat cm" << std::setw(9) << "axial cm" << std::setw(10) << "flex Nm" << std::setw(9)
            << "lat Nm" << std::setw(10) << "axial Nm\n";
  std::cout << std::fixed << std::setprecision(2);
  for (const auto& r : rows) {
    std::cout << std::left << std::setw(38) << r.group << "   " << r.side << "  " << std::right << std::setw(9)
              << 100 * r.mean_moment_arm[0] << std::setw(9) << 100 * r.mean_moment_arm[1] << std::setw(9)
              << 100 * r.mean_moment_arm[2] << std::setprecision(1) << std::setw(10) << r.max_moment[0]
              << std::setw(9) << r.max_moment[1] << std::setw(9) << r.max_moment[2] << "\n"
              << std::setprecision(2);
  }
}

}  // namespace

void addModelCommand(CLI::App& app) {
  auto options = std::make_shared<ModelOptions>();
  CLI::App* model_cmd = app.add_subcommand("model", "Inspect a spine model");
  model_cmd->require_subcommand(1);

  CLI::App* info = model_cmd->add_subcommand("info", "Bodies, degrees of freedom and muscle groups of a model");
  info->add_option("model", options->model, "Model file (default: the built-in models/spine.yaml)");
  info->add_flag("--json", options->json, "Print JSON");
  addSubjectOptions(*info, options->subject);
  info->callback([options] {
    const body::ModelSpec spec = loadSpec(*options);
    const body::SpineModel model(spec, options->subject.resolve(spec));
    printInfo(model, spec, options->json);
  });

  CLI::App* arms = model_cmd->add_subcommand("moment-arms", "Moment arms of each muscle group at one joint");
  arms->add_option("model", options->model, "Model file (default: the built-in models/spine.yaml)");
  arms->add_option("--posture", options->posture,
                   "standing, or key=value degrees: trunk_flexion_deg, lateral_bend_deg, axial_rotation_deg, "
                   "neck_flexion_deg (comma-separated)")
      ->capture_default_str();
  arms->add_option("--level", options->level, "Joint, e.g. L4_L5, L5_S1, C7_T1")->capture_default_str();
  arms->add_flag("--json", options->json, "Print JSON");
  addSubjectOptions(*arms, options->subject);
  arms->callback([options] {
    const body::ModelSpec spec = loadSpec(*options);
    const body::SpineModel model(spec, options->subject.resolve(spec));
    printMomentArms(model, *options);
  });
}

}  // namespace tonus::cli
