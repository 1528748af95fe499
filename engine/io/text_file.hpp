#pragma once
// A whole file as text, for readers that keep what they read (a run's scenario, a sweep's
// base): nothing when it cannot be read, so each caller says why in its own terms.
#include <filesystem>
#include <optional>
#include <string>

namespace tonus::io {

std::optional<std::string> readTextFile(const std::filesystem::path& path);

}  // namespace tonus::io
