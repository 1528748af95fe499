#pragma once
// Varied but physiological muscle banks for the tests: fibre lengths, tendon lengths,
// pennation and forces spanning the trunk muscles' ranges, drawn from a fixed seed.
#include <random>
#include <string>
#include <vector>

#include "muscle/muscle_bank.hpp"

namespace tonus::muscle::testing {

inline std::vector<MuscleSpec> variedSpecs(int n, unsigned seed = 42) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  std::vector<MuscleSpec> specs;
  for (int i = 0; i < n; ++i) {
    MuscleSpec s;
    s.name = "m";
    s.name += std::to_string(i);
    s.max_isometric_force = 50.0 + 1500.0 * u01(rng);
    s.optimal_fibre_length = 0.03 + 0.25 * u01(rng);
    s.tendon_slack_length = s.optimal_fibre_length * (0.05 + 2.5 * u01(rng));
    s.pennation_at_optimal = 0.45 * u01(rng);
    s.max_contraction_velocity = 8.0 + 4.0 * u01(rng);
    s.activation_time_constant = 0.010 + 0.010 * u01(rng);
    s.deactivation_time_constant = 0.040 + 0.030 * u01(rng);
    s.tendon_strain_at_max_force = 0.03 + 0.04 * u01(rng);
    s.passive_strain_at_max_force = 0.5 + 0.2 * u01(rng);
    specs.push_back(s);
  }
  return specs;
}

// Path length that puts the fibre of unit i at `norm_fibre_length` with a slack tendon.
inline double pathLengthFor(const MuscleSpec& s, double norm_fibre_length) {
  const double lm = norm_fibre_length * s.optimal_fibre_length;
  const double h = s.optimal_fibre_length * std::sin(s.pennation_at_optimal);
  return std::sqrt(std::max(lm * lm - h * h, 0.0)) + s.tendon_slack_length;
}

}  // namespace tonus::muscle::testing
