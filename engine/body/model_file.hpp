#pragma once
// Reading a model file (format tonus-model/1, documented in docs/model.md) into a ModelSpec.
// Everything is validated here, at load: an unknown key, an unknown parent or attachment
// body, a missing landmark, a negative mass, a zero fibre length, a rhythm that does not sum
// to one... each is an input::InputError naming file, line, column and field (exit code 2).
#include <filesystem>
#include <string>

#include "body/model_spec.hpp"

namespace tonus::body {

ModelSpec loadModelFile(const std::filesystem::path& file);
ModelSpec loadModelText(const std::string& text, const std::string& display_name);

// The default model shipped inside the executable (models/spine.yaml at build time).
ModelSpec loadDefaultModel();
const std::string& defaultModelText();
inline constexpr const char* kDefaultModelName = "models/spine.yaml (built in)";

}  // namespace tonus::body
