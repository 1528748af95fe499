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

// `model_file` empty: the scenario's own model, else the built-in one.
PreparedRun prepareRun(const std::filesystem::path& scenario_file, const std::filesystem::path& model_file = {});
PreparedRun prepareRunText(const std::string& scenario_text, const std::string& display_name,
                           const std::filesystem::path& model_file = {});
PreparedRun prepareDefaultRun(const std::filesystem::path& model_file = {});

}  // namespace tonus::sim
