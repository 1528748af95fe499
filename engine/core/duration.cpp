#include "core/duration.hpp"

#include <cctype>
#include <cmath>
#include <utility>

#include "core/number_text.hpp"

namespace tonus {

std::optional<double> parseDuration(const std::string& text) {
  static const std::pair<const char*, double> kUnits[] = {{"ms", 1e-3}, {"s", 1.0},     {"sec", 1.0},
                                                           {"min", 60.0}, {"h", 3600.0}, {"hr", 3600.0}};
  for (const auto& [suffix, scale] : kUnits) {
    const std::string sfx(suffix);
    if (text.size() > sfx.size() && text.compare(text.size() - sfx.size(), sfx.size(), sfx) == 0 &&
        std::isdigit(static_cast<unsigned char>(text[text.size() - sfx.size() - 1]))) {
      const auto value = parsePlainNumber(text.substr(0, text.size() - sfx.size()));
      if (value && std::isfinite(*value) && *value >= 0) return *value * scale;
    }
  }
  const auto bare = parsePlainNumber(text);
  if (bare && std::isfinite(*bare) && *bare >= 0) return *bare;
  // Compound: whole hours, minutes and seconds run together, largest first (2h30min, 1min30s).
  static const std::pair<const char*, double> kParts[] = {{"h", 3600.0}, {"min", 60.0}, {"s", 1.0}};
  std::size_t at = 0, next_unit = 0;
  double total = 0.0;
  while (at < text.size()) {
    std::size_t digits = at;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
    if (digits == at) return std::nullopt;
    bool matched = false;
    for (std::size_t u = next_unit; u < std::size(kParts) && !matched; ++u) {
      const std::string unit(kParts[u].first);
      if (text.compare(digits, unit.size(), unit) == 0) {
        total += std::stod(text.substr(at, digits - at)) * kParts[u].second;
        at = digits + unit.size();
        next_unit = u + 1;
        matched = true;
      }
    }
    if (!matched) return std::nullopt;
  }
  return total;
}

}  // namespace tonus
