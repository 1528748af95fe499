#pragma once
// Which model a command runs: --model, else the scenario's own `model:` (relative to the
// scenario file), else the built-in default.
#include <filesystem>
#include <string>

#include "body/model_file.hpp"
#include "scenario/scenario.hpp"

namespace tonus::cli {

inline body::ModelSpec chooseModel(const std::string& option, const scenario::Scenario& s) {
  if (!option.empty()) return body::loadModelFile(option);
  if (s.model_file) {
    std::filesystem::path path(*s.model_file);
    if (path.is_relative()) path = std::filesystem::path(s.file).parent_path() / path;
    return body::loadModelFile(path);
  }
  return body::loadDefaultModel();
}

}  // namespace tonus::cli
