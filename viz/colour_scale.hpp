#pragma once
// The range a picture's colour bar spans. By default it is the run's own: from zero to a round
// number just above the largest value the runs shown reach, so a desk day's low tone still
// spreads over the colours; `fixed` keeps the quantity's fixed scale (quantity.hpp) for pictures
// of different runs side by side; LOW:HIGH gives one.
#include <string>
#include <vector>

#include "quantity.hpp"
#include "results/run_record.hpp"

namespace tonus::viz {

struct Range {
  enum Kind { Run, Fixed, Given } kind = Run;
  double low = 0.0, high = 0.0;  // Given only
};
// "run", "fixed" or "LOW:HIGH" (numbers, LOW < HIGH); throws UserError otherwise.
Range rangeNamed(const std::string& text);

// The muscles' and discs' scales for pictures of these runs (the discs ignore a Given range,
// whose units are the muscles').
Scale muscleScale(MuscleColour colour, const Range& range, const std::vector<const results::RunRecord*>& runs);
Scale discScale(DiscColour colour, const Range& range, const std::vector<const results::RunRecord*>& runs);

// The smallest of 1, 2, 2.5 or 5 times a power of ten at or above x (x > 0).
double roundUp(double x);

// Tick values for a colour bar from low to high, 4 to 6 of them at a round step, and the
// number of decimals that writes every one of them the same way.
struct Ticks {
  std::vector<double> values;
  int decimals = 0;
};
Ticks ticksFor(double low, double high);

// How a bar writes its ticks, as a printf format ("%.2f"), and the ticks so written, from low to
// high ("0.00", "0.05", ...): the pictures' bars and the web lesson's.
std::string labelFormat(const Ticks& ticks);
std::vector<std::string> tickLabels(const Ticks& ticks);

}  // namespace tonus::viz
