// `tonus validate FILE [--model FILE]`: checks a scenario (against its model's joint ranges),
// a sweep (every case, as `tonus sweep` would) or a model file, telling which by its keys;
// exits 0, or 2 with every file:line:col mistake at once.
#include <iostream>
#include <memory>

#include "activity.hpp"
#include "body/model_file.hpp"
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "input/yaml_reader.hpp"
#include "sim/prepared_run.hpp"
#include "sweep/runner.hpp"
#include "sweep/sampling.hpp"
#include "sweep/sweep_file.hpp"

namespace tonus::cli {
namespace {

struct ValidateOptions {
  std::string file, model;
};

void validate(const ValidateOptions& o) {
  setActivity("checking " + o.file);
  try {
    const input::YamlNode root = input::YamlNode::loadFile(o.file);
    const input::FileKind kind = root.kind();
    if (kind == input::FileKind::Model) {
      if (!o.model.empty()) throw UserError("--model is for checking a scenario; " + o.file + " is itself a model file");
      const body::ModelSpec spec = body::loadModelFile(o.file);
      const body::SpineModel model(spec, {spec.reference_sex, spec.reference_height, spec.reference_mass, 40.0});
      std::cout << o.file << ": valid model '" << spec.name << "' (" << model.segmentCount() << " bodies, "
                << model.fascicleCount() << " fascicles)\n";
      return;
    }
    if (kind == input::FileKind::Sweep) {
      if (!o.model.empty()) throw UserError("--model is for checking a scenario; " + o.file + " is a sweep file");
      const sweep::Sweep sweep = sweep::loadSweepFile(o.file);
      const std::vector<sweep::Case> cases = sweep::casesOf(sweep);
      sweep::checkCases(sweep, cases);
      std::cout << o.file << ": valid sweep '" << sweep.name << "' (" << cases.size() << " cases of " << sweep.base.string()
                << ")\n";
      return;
    }
    const sim::PreparedRun run = sim::prepareRun(o.file, o.model);
    std::cout << o.file << ": valid scenario '" << run.scenario.name << "' (" << run.scenario.phases.size()
              << " phases, " << run.scenario.duration() / 60.0 << " min)\n";
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
