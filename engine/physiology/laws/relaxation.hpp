#pragma once
// The exact solution of dx/dt = rate (target - x) over dt with target and rate held constant:
// every slow state of the physiology is a relaxation of this kind between steps, so a step of
// any length is stable and a constant input is integrated exactly.
#include <cmath>

namespace tonus::physiology::law {

inline double relax(double x, double target, double rate, double dt) {
  return target + (x - target) * std::exp(-rate * dt);
}

}  // namespace tonus::physiology::law
