#pragma once
// A scenario made ready to run: read, its model chosen (the one given, else the scenario's own
// `model:` relative to the scenario file, else the built-in one) and built for its subject, and
// its timeline planned. Every mistake is reported together in one input::InputError, in file
// order: the scenario's and the model file's, and postures beyond the model's joint ranges.
#include <filesystem>
#include <memory>
#include <string>

#include "body/model_spec.hpp"
#include "body/spine_model.hpp"
#include "scenario/scenario.hpp"
#include "scenario/timeline.hpp"

namespace tonus::sim {

// Which model a run uses: a file, the scenario's own (`model:`, else the built-in one) when no
// file is named, or the built-in one whatever the scenario says.
struct ModelChoice {
  ModelChoice() = default;
  ModelChoice(std::filesystem::path model_file) : file(std::move(model_file)) {}  // empty: the scenario's own
  ModelChoice(const std::string& model_file) : file(model_file) {}
  ModelChoice(const char* model_file) : file(model_file) {}
  static ModelChoice builtIn() {
    ModelChoice c;
    c.built_in = true;
    return c;
  }
  std::filesystem::path file;
  bool built_in = false;
};

struct PreparedRun {
  scenario::Scenario scenario;
  std::string scenario_text;          // as written, kept beside the results
  std::filesystem::path scenario_path;  // empty: given as text (the built-in default)
  std::filesystem::path model_path;   // empty: the built-in model
  std::string model_text;             // as written, kept beside the results
  body::ModelSpec spec;
  std::unique_ptr<const body::SpineModel> model;
  std::unique_ptr<const scenario::Timeline> timeline;
};

PreparedRun prepareRun(const std::filesystem::path& scenario_file, const ModelChoice& model = {});
PreparedRun prepareRunText(const std::string& scenario_text, const std::string& display_name,
                           const ModelChoice& model = {});
PreparedRun prepareDefaultRun(const ModelChoice& model = {});

}  // namespace tonus::sim
