// `tonus export-osim [MODEL] [--sex ... --height ... --mass ...] --out spine.osim` and
// `tonus export-osim --motion RESULTS --out spine.osim`: the model as an OpenSim 4 model, and
// with --motion the run's own model and its joint angles as spine.mot beside it, to load in
// OpenSim with the run's activations.sto (docs/opensim.md).
#include <fstream>
#include <iostream>
#include <memory>

#include "activity.hpp"
#include "body/model_file.hpp"
#include "commands/commands.hpp"
#include "commands/subject_options.hpp"
#include "core/errors.hpp"
#include "results/opensim_model.hpp"
#include "results/opensim_motion.hpp"
#include "results/output_directory.hpp"
#include "results/run_record.hpp"

namespace tonus::cli {
namespace {

struct ExportOsimOptions {
  std::string model, motion, out;
  SubjectOptions subject;
};

void writeText(const std::filesystem::path& target, const results::Inputs& inputs, const std::string& text) {
  results::writeFileAtomically(target, inputs, "--out", [&](const std::filesystem::path& staging) {
    std::ofstream file(staging, std::ios::binary);
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!file) throw UserError("could not write '" + target.string() + "'");
  });
}

void exportOsim(const ExportOsimOptions& o) {
  const std::filesystem::path out(o.out);
  if (out.extension() != ".osim") throw UserError("--out must name an OpenSim model file ending .osim, got '" + o.out + "'");
  if (o.motion.empty()) {
    const body::ModelSpec spec = o.model.empty() ? body::loadDefaultModel() : body::loadModelFile(o.model);
    const body::SpineModel model(spec, o.subject.resolve(spec));
    results::Inputs inputs;
    if (!o.model.empty()) inputs.push_back(o.model);
    writeText(out, inputs, results::openSimModel(model, o.model.empty() ? "the built-in models/spine.yaml" : o.model));
    std::cout << "tonus export-osim: " << out.string() << " (" << model.segmentCount() << " bodies, "
              << model.dofCount() << " coordinates, " << model.fascicleCount() << " muscles, "
              << model.ligaments().count() << " ligaments)\n";
    return;
  }
  // A run's model is its own model.yaml, built for its scenario's subject.
  if (!o.model.empty() || !o.subject.sex.empty() || o.subject.height || o.subject.mass) {
    throw UserError("--motion: the run's own model and subject are used (its model.yaml and scenario.yaml); leave out "
                    "MODEL, --sex, --height and --mass");
  }
  setActivity("reading the results folder " + o.motion);
  const results::RunRecord record = results::readRunRecord(o.motion);
  const sim::PoseReplay replay(record.scenario_text, record.model_text, &record.motion);
  std::filesystem::path motion_file = out;
  motion_file.replace_extension(".mot");
  const results::Inputs inputs = {o.motion};
  // Both targets checked before either is written.
  results::checkFileTarget(out, inputs, "--out");
  results::checkFileTarget(motion_file, inputs, "--out");
  writeText(out, inputs, results::openSimModel(replay.model(), "the run in " + o.motion));
  setActivity("writing the joint angles of " + o.motion);
  writeText(motion_file, inputs, results::openSimMotion(record, replay));
  std::cout << "tonus export-osim: " << out.string() << " (the run's model, " << replay.model().fascicleCount()
            << " muscles) and " << motion_file.string() << " (" << record.time.size()
            << " frames); load both in OpenSim with " << (std::filesystem::path(o.motion) / "activations.sto").string()
            << "\n";
}

}  // namespace

void addExportOsimCommand(CLI::App& app) {
  auto o = std::make_shared<ExportOsimOptions>();
  CLI::App* cmd = app.add_subcommand("export-osim", "Write a model (or a run's model and motion) for OpenSim 4");
  cmd->add_option("model", o->model, "Model file (default: the built-in models/spine.yaml)");
  cmd->add_option("--motion", o->motion,
                  "Results directory written by `tonus run`: export its model and subject, and its joint angles as "
                  "OUT with .mot");
  cmd->add_option("--out", o->out, "The OpenSim model file to write, such as spine.osim")->required();
  addSubjectOptions(*cmd, o->subject);
  cmd->callback([o] { exportOsim(*o); });
}

}  // namespace tonus::cli
