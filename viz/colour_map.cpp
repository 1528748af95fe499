#include "colour_map.hpp"

#include <vtkLookupTable.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace tonus::viz {
namespace {

// Stops of a blue-to-red ramp, evenly spaced in [0, 1].
constexpr std::array<Rgb, 6> kStops = {{{0.10, 0.15, 0.55},
                                        {0.10, 0.45, 0.85},
                                        {0.15, 0.75, 0.70},
                                        {0.55, 0.85, 0.25},
                                        {0.98, 0.80, 0.15},
                                        {0.85, 0.10, 0.10}}};

// The discs' stops: a sequential light-to-dark ramp of warm colours.
constexpr std::array<Rgb, 5> kDiscStops = {{{0.96, 0.96, 0.92},
                                            {0.99, 0.88, 0.45},
                                            {0.96, 0.60, 0.20},
                                            {0.80, 0.30, 0.08},
                                            {0.45, 0.10, 0.05}}};

// Linear interpolation between evenly spaced stops.
template <std::size_t N>
Rgb interpolate(const std::array<Rgb, N>& stops, double x) {
  x = std::isfinite(x) ? std::clamp(x, 0.0, 1.0) : 0.0;
  const double scaled = x * (N - 1);
  const std::size_t i = std::min(N - 2, static_cast<std::size_t>(scaled));
  const double u = scaled - static_cast<double>(i);
  const Rgb& a = stops[i];
  const Rgb& b = stops[i + 1];
  return {a.r + u * (b.r - a.r), a.g + u * (b.g - a.g), a.b + u * (b.b - a.b)};
}

}  // namespace

Rgb colourAt(double x) { return interpolate(kStops, x); }

Rgb discColourAt(double x) { return interpolate(kDiscStops, x); }

std::vector<Rgb> muscleStops() { return {kStops.begin(), kStops.end()}; }

std::vector<Rgb> discStops() { return {kDiscStops.begin(), kDiscStops.end()}; }

vtkSmartPointer<vtkLookupTable> lookupTable(double low, double high, Rgb (*map)(double)) {
  auto table = vtkSmartPointer<vtkLookupTable>::New();
  constexpr int kEntries = 256;
  table->SetNumberOfTableValues(kEntries);
  table->SetRange(low, high);
  for (int i = 0; i < kEntries; ++i) {
    const Rgb c = map(static_cast<double>(i) / (kEntries - 1));
    table->SetTableValue(i, c.r, c.g, c.b, 1.0);
  }
  table->Build();
  return table;
}

}  // namespace tonus::viz
