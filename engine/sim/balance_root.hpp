#pragma once
// Where a hanging posture balances: the share s in [lo, hi] at which the muscles' excess moment
// f(s) crosses zero, f rising with s (f(lo) < 0 < f(hi)). Regula falsi with the Illinois rule:
// a handful of frame evaluations, each a full mechanics pass (sim/hanging_settle.cpp,
// sim/neck_hanging.cpp).
#include <cmath>

namespace tonus::sim {

template <class Excess>
double balanceRoot(double lo, double f_lo, double hi, double f_hi, const Excess& f, double tolerance, int iterations) {
  double s = lo;
  int side = 0;
  for (int i = 0; i < iterations; ++i) {
    s = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
    const double value = f(s);
    if (std::fabs(value) < tolerance) break;
    if (value > 0.0) {
      hi = s, f_hi = value;
      if (side == 1) f_lo *= 0.5;
      side = 1;
    } else {
      lo = s, f_lo = value;
      if (side == -1) f_hi *= 0.5;
      side = -1;
    }
  }
  return s;
}

}  // namespace tonus::sim
