#pragma once
// Which model a command runs: --model, else the scenario's own `model:` (relative to the
// scenario file), else the built-in default; with the text it came from, which a run keeps
// beside its results so pictures can rebuild the body exactly.
#include <filesystem>
#include <optional>
#include <string>

#include "body/model_file.hpp"
#include "io/text_file.hpp"
#include "io/yaml_reader.hpp"
#include "scenario/scenario.hpp"

namespace tonus::cli {

struct ModelChoice {
  body::ModelSpec spec;
  std::string text;  // the model file as written
};

inline std::string fileText(const std::filesystem::path& path) {
  std::optional<std::string> text = io::readTextFile(path);
  if (!text) throw io::InputError(path.string() + ": cannot read the file");
  return std::move(*text);
}

inline ModelChoice chooseModelWithText(const std::string& option, const scenario::Scenario& s) {
  std::filesystem::path path;
  if (!option.empty()) {
    path = option;
  } else if (s.model_file) {
    path = *s.model_file;
    if (path.is_relative()) path = std::filesystem::path(s.file).parent_path() / path;
  } else {
    return {body::loadDefaultModel(), body::defaultModelText()};
  }
  return {body::loadModelFile(path), fileText(path)};
}

inline body::ModelSpec chooseModel(const std::string& option, const scenario::Scenario& s) {
  return chooseModelWithText(option, s).spec;
}

}  // namespace tonus::cli
