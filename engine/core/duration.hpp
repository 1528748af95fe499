#pragma once
// Durations as people write them: 90s, 20min, 1.5h, 250ms, 2h30min, or a bare number of seconds.
#include <optional>
#include <string>

namespace tonus {

// Seconds, or nothing when the text is not a non-negative duration.
std::optional<double> parseDuration(const std::string& text);

}  // namespace tonus
