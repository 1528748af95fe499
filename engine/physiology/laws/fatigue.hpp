#pragma once
// Motor-unit fatigue: the three-compartment model (Xia & Frey-Law 2008, J Biomech 41:3046)
// with joint-specific rates (Frey-Law, Looft & Heitsman 2012, J Biomech 45:1803) and faster
// recovery at rest (Looft, Herkert & Frey-Law 2018, J Biomech 77:16). Units are resting (MR),
// active (MA) or fatigued (MF), fractions of the muscle summing to 1:
//   dMA/dt = C(t) - F MA,   dMR/dt = -C(t) + R MF,   dMF/dt = F MA - R MF.
// The controller C moves units between resting and active at L_D = L_R = 10 /s, a hundred
// times faster than F and R, so MA follows the target load TL within a fraction of a second.
// Tonus takes that limit: MA = min(TL, 1 - MF), and MF obeys the linear equation
//   dMF/dt = F MA - R' MF,
// which a step integrates exactly for a constant target. R' = R r at rest (target near zero).
// The muscle's capacity, the largest activation it can give now, is 1 - MF.
#include <algorithm>
#include <cmath>

#include "physiology/laws/relaxation.hpp"

namespace tonus::physiology::law {

struct FatigueRates {
  double fatigue;          // F [1/s]
  double recovery;         // R [1/s]
  double rest_multiplier;  // r [-]: R' = R r when resting
  double rest_below;       // target load under which the muscle counts as resting, blended linearly
};

// Recovery rate at a target load: R r at rest, falling linearly to R at `rest_below`
// (ASSUMPTION: Looft et al. apply r when the target is exactly zero; a postural muscle never
// is, and low-level contraction leaves flow, the reason for r, unrestricted).
inline double recoveryRate(const FatigueRates& k, double target) {
  const double resting = std::clamp(1.0 - target / k.rest_below, 0.0, 1.0);
  return k.recovery * (1.0 + (k.rest_multiplier - 1.0) * resting);
}

// MF after dt at a constant target load TL, exactly, including the switch to the regime where
// too few units are left to meet the target (MA = 1 - MF) if MF crosses 1 - TL within the step.
inline double fatigueStep(const FatigueRates& k, double fatigued, double target, double dt) {
  target = std::clamp(target, 0.0, 1.0);
  const double r = recoveryRate(k, target);
  const double F = k.fatigue;
  double t_left = dt;
  if (fatigued < 1.0 - target) {
    // MA = TL: MF relaxes toward F TL / R.
    const double goal = F * target / r;
    const double boundary = 1.0 - target;
    if (goal <= boundary) return relax(fatigued, goal, r, dt);
    // It reaches the boundary at t* = ln((goal - MF) / (goal - boundary)) / R.
    const double t_star = std::log((goal - fatigued) / (goal - boundary)) / r;
    if (t_star >= dt) return relax(fatigued, goal, r, dt);
    fatigued = boundary;
    t_left = dt - t_star;
  }
  // MA = 1 - MF: dMF/dt = F - (F + R) MF.
  return relax(fatigued, F / (F + r), F + r, t_left);
}

// How long a fresh muscle can hold a target load f (0 < f <= 1) before MA can no longer meet
// it (1 - MF = f): the endurance time of the three-compartment model [s]; infinite when the
// steady state F f / R stays below 1 - f.
inline double enduranceTime(const FatigueRates& k, double f) {
  const double r = recoveryRate(k, f);
  const double goal = k.fatigue * f / r;
  if (goal <= 1.0 - f) return INFINITY;
  return std::log(goal / (goal - (1.0 - f))) / r;
}

}  // namespace tonus::physiology::law
