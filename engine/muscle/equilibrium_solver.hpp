#pragma once
// Muscle-tendon equilibrium for one compliant unit: find the normalised tendon force f such
// that the tendon (stretched to carry f) leaves the fibre at the length where it pulls f
// along the tendon. Bracketed Newton: Newton steps while they stay inside a sign-change
// bracket and the slope is positive, bisection otherwise, so it cannot fail to converge.
#include <algorithm>
#include <cmath>

#include "muscle/kernel_settings.hpp"
#include "muscle/muscle_bank.hpp"

namespace tonus::muscle::equilibrium {

struct Result {
  double normalised_tendon_force;
  EquilibriumStatus status;
  int iterations;
  double residual;
};

// Geometry and force of the fibre for a trial tendon force (normalised by Fmax).
struct FibreAtTrial {
  double force_along;        // (a f_L f_V + f_PE) cos(alpha) [-]
  double slope;              // d force_along / d tendon force [-]
  double norm_fibre_length;  // [-]
  bool at_minimum_length;
};

template <class Law>
struct UnitProblem {
  const MuscleParameters& p;
  int i;
  double path_length, path_velocity, activation;

  FibreAtTrial fibreAt(double ft) const {
    const double lts = p.tendon_slack_length[i];
    const double lopt = p.optimal_fibre_length[i];
    const double ta = p.tendon_coeff_a[i], tb = p.tendon_coeff_b[i];
    const double along_raw = path_length - Law::tendonLength(ft, ta, tb) * lts;
    const bool at_min = along_raw < p.min_fibre_length_along[i];
    const double along = std::max(along_raw, p.min_fibre_length_along[i]);
    const double lm_abs = std::sqrt(along * along + p.thickness_sq[i]);
    const double cos_a = along / lm_abs;
    const double lm = lm_abs / lopt;
    // At equilibrium the fibre takes the whole path velocity (tendon velocity ~ 0).
    const double v = std::clamp(path_velocity * cos_a / p.max_velocity_mps[i], -1.0, 1.0);
    const double pk = p.passive_k_over_e0[i], po = p.passive_offset[i], pd = p.passive_inv_denom[i];
    const double fv = Law::forceVelocity(v);
    const double fibre = activation * Law::activeForceLength(lm) * fv + Law::passiveForceLength(lm, pk, po, pd);
    const double stiffness = (activation * Law::activeForceLengthSlope(lm) * fv +
                              Law::passiveForceLengthSlope(lm, pk, po, pd)) / lopt;
    // d(F cos a)/d along = F' cos^2 a + F sin^2 a / l_m   (constant thickness)
    const double d_along = stiffness * cos_a * cos_a + fibre * (1.0 - cos_a * cos_a) / lm_abs;
    const double d_along_d_ft = at_min ? 0.0 : -lts / Law::tendonStiffnessAtForce(ft, ta, tb);
    return {fibre * cos_a, d_along * d_along_d_ft, lm, at_min};
  }
};

template <class Law>
Result solve(const MuscleParameters& p, const kernel::Settings& k, int i, double path_length,
             double path_velocity, double activation_state) {
  constexpr int kMaxIterations = 200;
  constexpr double kTolerance = 1e-12;
  const UnitProblem<Law> unit{p, i, path_length, path_velocity,
                              std::clamp(activation_state, k.minimum_activation, 1.0)};

  // Bracket: at f = 0 the fibre pulls at least as much as the tendon (g <= 0); above the
  // largest force the fibre could ever produce here, the tendon pulls more (g > 0).
  const FibreAtTrial slack = unit.fibreAt(0.0);
  double lo = 0.0;
  double hi = 1.1 * unit.activation * Law::forceVelocity(1.0) + slack.force_along + 1.0;
  double ft = std::min(slack.force_along, hi);  // rigid-tendon estimate
  FibreAtTrial at = slack;
  double g = 0.0;
  int it = 0;
  for (; it < kMaxIterations; ++it) {
    at = unit.fibreAt(ft);
    g = ft - at.force_along;
    if (std::fabs(g) <= kTolerance * std::max(1.0, ft)) break;
    (g < 0.0 ? lo : hi) = ft;
    if (hi - lo <= 1e-15 * std::max(1.0, hi)) break;
    const double slope = 1.0 - at.slope;
    const double newton = slope > 0.0 ? ft - g / slope : lo - 1.0;
    ft = (newton > lo && newton < hi) ? newton : 0.5 * (lo + hi);
  }

  EquilibriumStatus status = EquilibriumStatus::Converged;
  if (it == kMaxIterations) {
    status = EquilibriumStatus::NotConverged;
  } else if (at.at_minimum_length) {
    status = EquilibriumStatus::FibreAtMinimumLength;
  } else if (at.norm_fibre_length > kernel::kOverstretchedNormFibreLength) {
    status = EquilibriumStatus::FibreOverstretched;
  }
  return {ft, status, it + 1, std::fabs(g)};
}

}  // namespace tonus::muscle::equilibrium
