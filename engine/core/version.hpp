#pragma once
#include <string_view>

namespace tonus {
// Semantic version of the engine, from the top-level CMake project().
std::string_view version();
}  // namespace tonus
