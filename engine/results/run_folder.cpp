#include "results/run_folder.hpp"

#include "results/results_writer.hpp"

namespace tonus::results {

void writeRunInputs(const sim::PreparedRun& prepared, const std::filesystem::path& dir) {
  writeTextFile(dir / "scenario.yaml", prepared.scenario_text);
  writeTextFile(dir / "model.yaml", prepared.model_text);
}

Inputs runInputs(const sim::PreparedRun& prepared) {
  Inputs inputs;
  if (!prepared.scenario_path.empty()) inputs.push_back(prepared.scenario_path);
  if (!prepared.model_path.empty()) inputs.push_back(prepared.model_path);
  return inputs;
}

void writeKeptRun(const sim::PreparedRun& prepared, const sim::RunResult& result, const std::filesystem::path& out,
                  const FolderRequest& request) {
  writeDirectoryAtomically(out, request, [&](const std::filesystem::path& dir) {
    writeResultFiles(result, dir, outputChoiceOf(prepared.scenario));
    writeRunInputs(prepared, dir);
  });
}

}  // namespace tonus::results
