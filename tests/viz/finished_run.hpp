#pragma once
// A scenario run and written to a results folder, as `tonus run` writes it, read back for drawing.
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "body/model_file.hpp"
#include "results/results_writer.hpp"
#include "results/run_record.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/pose_replay.hpp"
#include "sim/run.hpp"

namespace tonus::viz {

struct FinishedRun {
  std::filesystem::path dir;
  results::RunRecord record;
  std::unique_ptr<sim::PoseReplay> replay;

  FinishedRun(const std::string& tag, const std::string& text) {
    dir = std::filesystem::temp_directory_path() / ("tonus_" + tag + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const scenario::Scenario s = scenario::loadScenarioText(text, tag + ".yaml");
    const body::ModelSpec spec = body::loadDefaultModel();
    const body::SpineModel model(spec, sim::subjectFor(s, spec));
    const sim::RunResult result = sim::runScenario(s, model, scenario::Timeline(s, model));
    results::writeResultFiles(result, dir);
    results::writeTextFile(dir / "scenario.yaml", text);
    results::writeTextFile(dir / "model.yaml", body::defaultModelText());
    record = results::readRunRecord(dir);
    replay = std::make_unique<sim::PoseReplay>(record.scenario_text, record.model_text, &record.motion);
  }
  ~FinishedRun() { std::filesystem::remove_all(dir); }
  FinishedRun(const FinishedRun&) = delete;
  FinishedRun& operator=(const FinishedRun&) = delete;
};

}  // namespace tonus::viz
