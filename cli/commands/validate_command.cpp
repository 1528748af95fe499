// `tonus validate FILE [--model FILE]`: checks a scenario (against its model's joint ranges),
// a sweep (every case, as `tonus sweep` would) or a model file; exits 0, or 2 with the file:line:col message.
#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "commands/model_choice.hpp"
#include "core/errors.hpp"
#include "io/yaml_reader.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/timeline.hpp"
#include "sim/run.hpp"
#include "sweep/runner.hpp"
#include "sweep/sampling.hpp"
#include "sweep/sweep_file.hpp"

namespace tonus::cli {
namespace {

struct ValidateOptions {
  std::string file, model;
};

void validate(const ValidateOptions& o) {
  try {
    const io::YamlNode root = io::YamlNode::loadFile(o.file);
    const auto format = root.find("format");
    if (format && format->isScalar() && format->asString().rfind("tonus-model", 0) == 0) {
      const body::ModelSpec spec = body::loadModelFile(o.file);
      const body::SpineModel model(spec, {spec.reference_sex, spec.reference_height, spec.reference_mass, 40.0});
      std::cout << o.file << ": valid model '" << spec.name << "' (" << model.segmentCount() << " bodies, "
                << model.fascicleCount() << " fascicles)\n";
      return;
    }
    if (root.has("base") && root.has("vary")) {
      const sweep::Sweep sweep = sweep::loadSweepFile(o.file);
      const std::vector<sweep::Case> cases = sweep::casesOf(sweep);
      sweep::checkCases(sweep, cases);
      std::cout << o.file << ": valid sweep '" << sweep.name << "' (" << cases.size() << " cases of " << sweep.base.string()
                << ")\n";
      return;
    }
    const scenario::Scenario s = scenario::loadScenarioFile(o.file);
    const body::ModelSpec spec = chooseModel(o.model, s);
    const body::SpineModel model(spec, sim::subjectFor(s, spec));
    const scenario::Timeline timeline(s, model);
    std::cout << o.file << ": valid scenario '" << s.name << "' (" << s.phases.size() << " phases, "
              << s.duration() / 60.0 << " min)\n";
  } catch (const UserError& e) {
    std::cerr << e.what() << "\n";
    throw ExitCode{kUserErrorExitCode};
  }
}

}  // namespace

void addValidateCommand(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario, sweep or model file");
  cmd->add_option("file", options->file, "Scenario, sweep or model file (YAML)")->required();
  cmd->add_option("--model", options->model, "Model to check a scenario against");
  cmd->callback([options] { validate(*options); });
}

}  // namespace tonus::cli
