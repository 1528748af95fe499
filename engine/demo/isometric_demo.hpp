#pragma once
// The built-in demonstration `tonus run` performs until scenario files exist: a trunk-sized
// bank of generic units ramps up to a sustained isometric contraction and releases it.
// It exercises activation dynamics, equilibrium and the batch kernel together.
#include <vector>

namespace tonus::demo {

struct IsometricDemoResult {
  int muscles = 0;
  double time_step = 0.0;                 // [s]
  std::vector<double> time;               // [s]
  std::vector<double> excitation;         // [-] common drive to every unit
  std::vector<double> mean_activation;    // [-]
  std::vector<double> total_tendon_force; // [N] sum over units
  double peak_total_force = 0.0;          // [N]
  double time_to_half_peak = 0.0;         // [s] after the ramp starts
  double release_time_to_tenth = 0.0;     // [s] after the drive drops, to 10% of peak
  double wall_seconds = 0.0;
};

IsometricDemoResult runIsometricDemo();

}  // namespace tonus::demo
