#include "colour_scale.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/errors.hpp"
#include "frame.hpp"

namespace tonus::viz {
namespace {

// The largest finite value of a run's fascicle quantity, over every sample and fascicle.
double largestFascicleValue(const results::RunRecord& run, MuscleColour colour) {
  const Eigen::MatrixXf& values = run.fascicle[fascicleQuantityOf(colour)];
  double top = 0.0;
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    if (std::isfinite(values.data()[i])) top = std::max(top, static_cast<double>(values.data()[i]));
  }
  return top;
}

double largestDiscValue(const results::RunRecord& run, DiscColour colour) {
  const std::string suffix = colour == DiscColour::Compression ? "_compression_N" : "_idp_MPa";
  double top = 0.0;
  for (const auto& [name, values] : run.channels) {
    // Disc channels are named by their level (L4L5_compression_N), not totals such as C7T1's.
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    for (double v : values) {
      if (std::isfinite(v)) top = std::max(top, v);
    }
  }
  return top;
}

// A run-wide scale: zero to the rounded largest value, but never finer than a twentieth of the
// fixed scale, so that a run at rest is not painted as if it were busy.
Scale runScale(const Scale& fixed, double largest) {
  const double floor = fixed.high / 20.0;
  return {0.0, roundUp(std::max(largest, floor)), fixed.title};
}

}  // namespace

Range rangeNamed(const std::string& text) {
  if (text == "run") return {};
  if (text == "fixed") return {Range::Fixed};
  const std::size_t colon = text.find(':');
  if (colon != std::string::npos) {
    const std::string a = text.substr(0, colon), b = text.substr(colon + 1);
    char* end_a = nullptr;
    char* end_b = nullptr;
    const double low = std::strtod(a.c_str(), &end_a), high = std::strtod(b.c_str(), &end_b);
    if (!a.empty() && !b.empty() && *end_a == '\0' && *end_b == '\0' && std::isfinite(low) && std::isfinite(high) &&
        low < high) {
      return {Range::Given, low, high};
    }
  }
  throw UserError("--range must be 'run', 'fixed' or LOW:HIGH with LOW < HIGH (such as 0:0.05), got '" + text + "'");
}

Scale muscleScale(MuscleColour colour, const Range& range, const std::vector<const results::RunRecord*>& runs) {
  const Scale fixed = scaleOf(colour);
  if (range.kind == Range::Fixed || (range.kind == Range::Run && fixed.whole_in_run)) return fixed;
  if (range.kind == Range::Given) return {range.low, range.high, fixed.title};
  double largest = 0.0;
  for (const results::RunRecord* run : runs) largest = std::max(largest, largestFascicleValue(*run, colour));
  return runScale(fixed, largest);
}

Scale discScale(DiscColour colour, const Range& range, const std::vector<const results::RunRecord*>& runs) {
  const Scale fixed = scaleOf(colour);
  if (range.kind == Range::Fixed) return fixed;
  double largest = 0.0;
  for (const results::RunRecord* run : runs) largest = std::max(largest, largestDiscValue(*run, colour));
  return runScale(fixed, largest);
}

double roundUp(double x) {
  const double power = std::pow(10.0, std::floor(std::log10(x)));
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * power >= x * (1.0 - 1e-12)) return m * power;
  }
  return 10.0 * power;
}

Ticks ticksFor(double low, double high) {
  Ticks ticks;
  // The step: the round number that gives 4 to 6 ticks (5 intervals or fewer).
  const double step = roundUp((high - low) / 5.0);
  const double first = std::ceil(low / step - 1e-9) * step;
  for (double v = first; v <= high + 1e-9 * step; v += step) ticks.values.push_back(std::fabs(v) < 1e-12 * step ? 0.0 : v);
  // Decimals: enough for the step (2.5 needs one more than its power of ten).
  const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
  ticks.decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)) + (std::fabs(mantissa - 2.5) < 1e-9 ? 1 : 0));
  return ticks;
}

std::string labelFormat(const Ticks& ticks) { return "%." + std::to_string(ticks.decimals) + "f"; }

std::vector<std::string> tickLabels(const Ticks& ticks) {
  std::vector<std::string> labels;
  const std::string format = labelFormat(ticks);
  char text[64];
  for (const double v : ticks.values) {
    std::snprintf(text, sizeof text, format.c_str(), v);
    labels.emplace_back(text);
  }
  return labels;
}

}  // namespace tonus::viz
