#pragma once
// Reading a sweep file, checked like every input: file:line:col: field: rule, got value.
#include <filesystem>

#include "sweep/sweep.hpp"

namespace tonus::sweep {

Sweep loadSweepFile(const std::filesystem::path& file);

}  // namespace tonus::sweep
