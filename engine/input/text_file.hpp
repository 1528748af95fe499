#pragma once
// A whole file as text, for readers that keep what they read (a run's scenario, a sweep's
// base): nothing when it cannot be read, so each caller says why in its own terms; or, for an
// input the user named, an input::InputError that says why (not found, a folder, unreadable).
#include <filesystem>
#include <optional>
#include <string>

namespace tonus::input {

std::optional<std::string> readTextFile(const std::filesystem::path& path);
std::string readInputFile(const std::filesystem::path& path);

}  // namespace tonus::input
