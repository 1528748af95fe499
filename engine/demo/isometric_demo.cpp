#include "demo/isometric_demo.hpp"

#include <chrono>
#include <cmath>
#include <string>

#include "muscle/muscle_bank.hpp"

namespace tonus::demo {
namespace {

constexpr int kUnits = 238;
constexpr double kDuration = 5.0;    // [s]
constexpr double kTimeStep = 1e-3;   // [s]
constexpr double kRampStart = 0.5, kRampEnd = 1.5, kRelease = 3.5;  // [s]
constexpr double kHoldExcitation = 0.6;

// Generic trunk-like units spread over the ranges of the paraspinal and abdominal muscles
// (fascicles 4-30 cm, tendons up to twice the fibre, 0-20 deg pennation). Illustrative only:
// the anatomical model with sourced parameters is models/ (issue 3).
std::vector<muscle::MuscleSpec> genericTrunkUnits() {
  std::vector<muscle::MuscleSpec> specs;
  for (int i = 0; i < kUnits; ++i) {
    const double u = (i + 0.5) / kUnits;
    muscle::MuscleSpec s;
    s.name = "unit_" + std::to_string(i);
    s.max_isometric_force = 40.0 + 560.0 * std::fmod(7.0 * u, 1.0);
    s.optimal_fibre_length = 0.04 + 0.26 * std::fmod(3.0 * u, 1.0);
    s.tendon_slack_length = s.optimal_fibre_length * (0.1 + 1.9 * std::fmod(5.0 * u, 1.0));
    s.pennation_at_optimal = 0.35 * std::fmod(11.0 * u, 1.0);
    specs.push_back(s);
  }
  return specs;
}

double excitationAt(double t) {
  if (t < kRampStart) return 0.0;
  if (t < kRampEnd) return kHoldExcitation * (t - kRampStart) / (kRampEnd - kRampStart);
  return t < kRelease ? kHoldExcitation : 0.0;
}

}  // namespace

IsometricDemoResult runIsometricDemo() {
  const auto started = std::chrono::steady_clock::now();
  const muscle::MuscleBank bank(genericTrunkUnits());
  muscle::MuscleInputs in = bank.makeInputs();  // every unit held at its slack length
  muscle::MuscleState state = bank.makeState();
  muscle::MuscleOutputs out = bank.makeOutputs();
  bank.equilibrate(in, state);

  IsometricDemoResult r;
  r.muscles = bank.size();
  r.time_step = kTimeStep;
  const int steps = static_cast<int>(std::lround(kDuration / kTimeStep));
  for (int k = 0; k <= steps; ++k) {
    const double t = k * kTimeStep;
    in.excitation.setConstant(excitationAt(t));
    // Isometric and slow: the tendon sits at equilibrium with the current activation.
    bank.equilibrate(in, state);
    bank.evaluate(in, state, out);
    r.time.push_back(t);
    r.excitation.push_back(in.excitation[0]);
    r.mean_activation.push_back(state.activation.head(bank.size()).mean());
    r.total_tendon_force.push_back(out.tendon_force.head(bank.size()).sum());
    // Activation advances with the bank's rates (explicit Euler; dt is 1/15 of tau_act).
    state.activation += kTimeStep * out.activation_rate;
  }

  // Rise and release times of the summed force, the demonstration's headline figures.
  for (double f : r.total_tendon_force) r.peak_total_force = std::max(r.peak_total_force, f);
  for (std::size_t k = 0; k < r.time.size(); ++k) {
    if (r.time_to_half_peak == 0.0 && r.total_tendon_force[k] >= 0.5 * r.peak_total_force) {
      r.time_to_half_peak = r.time[k] - kRampStart;
    }
    if (r.time[k] > kRelease && r.total_tendon_force[k] <= 0.1 * r.peak_total_force) {
      r.release_time_to_tenth = r.time[k] - kRelease;
      break;
    }
  }
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace tonus::demo
