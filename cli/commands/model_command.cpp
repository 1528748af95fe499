// `tonus model info [MODEL] [--json]` and `tonus model moment-arms [MODEL] --posture ... --level ...`:
// what a model contains, and its muscles' lever arms, for comparison with published values.
#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "body/model_file.hpp"
#include "body/model_report.hpp"
#include "commands/commands.hpp"
#include "commands/subject_options.hpp"
#include "core/errors.hpp"

namespace tonus::cli {
namespace {

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
  if (text == "standing") return {};
  std::vector<std::pair<std::string, double>> angles;
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
    angles.emplace_back(key, value);
  }
  return body::trunkPostureFromDegrees(angles);
}

void printInfo(const body::SpineModel& model, const body::ModelSpec& spec, bool json) {
  const auto groups = body::muscleGroups(model);
  const auto ligaments = body::ligamentGroups(model);
  double total_force = 0.0;
  for (const auto& g : groups) total_force += g.max_force;
  if (json) {
    std::cout << body::modelInfoJson(model, spec).dump(2) << "\n";
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
  std::cout << "  passive fibre force starting at optimal length: " << body::passiveFromOptimal(model) << " of "
            << model.fascicleCount() << " fascicles\n";
  std::cout << "\ndiscs (endplate area, swelling pressure with no load):\n" << std::setprecision(2);
  for (const body::JointSpec* joint : body::discJoints(model)) {
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
  const auto rows = body::momentArmsInPosture(model, o.level, parsePosture(o.posture));
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
