// Activation rise and fall against the closed-form times of the De Groote (2016) dynamics
// with a sharp switch: rising (u=1, a<u) da/dt = (1-a)/(tau_a (0.5+1.5a)) gives
// t(a) = tau_a (-2 ln(1-a) - 1.5a); falling (u=0) da/dt = -a (0.5+1.5a)/tau_d gives
// t(a) = 2 tau_d ln((0.5+1.5a)/(2a)). Integrated through the bank's batch evaluation.
#include <gtest/gtest.h>

#include <cmath>

#include "muscle/laws/activation.hpp"
#include "muscle/muscle_bank.hpp"

namespace tonus::muscle {
namespace {

// Time for activation to go from `start` to `target` under constant excitation (RK4).
double timeToReach(const MuscleBank& bank, double start, double excitation, double target) {
  MuscleInputs in = bank.makeInputs();
  MuscleState state = bank.makeState();
  MuscleOutputs out = bank.makeOutputs();
  in.excitation.setConstant(excitation);
  state.activation.setConstant(start);
  const auto rate = [&](double a) {
    state.activation[0] = a;
    bank.evaluate(in, state, out, 1);
    return out.activation_rate[0];
  };
  const double dt = 1e-5;
  double a = start, t = 0.0;
  const bool rising = target > start;
  while (rising ? a < target : a > target) {
    const double k1 = rate(a), k2 = rate(a + 0.5 * dt * k1), k3 = rate(a + 0.5 * dt * k2), k4 = rate(a + dt * k3);
    const double next = a + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    if (rising ? next >= target : next <= target) return t + dt * (target - a) / (next - a);
    a = next;
    t += dt;
    if (t > 10.0) break;
  }
  return t;
}

MuscleBank singleMuscle(double tau_act, double tau_deact, double smoothing) {
  MuscleSpec s;
  s.name = "erector";
  s.max_isometric_force = 500;
  s.optimal_fibre_length = 0.1;
  s.tendon_slack_length = 0.05;
  s.activation_time_constant = tau_act;
  s.deactivation_time_constant = tau_deact;
  return MuscleBank({s}, {.tendon = TendonModel::Rigid, .activation_smoothing = smoothing, .minimum_activation = 0.0});
}

TEST(ActivationDynamics, RiseTimeFollowsActivationTimeConstant) {
  for (double tau : {0.010, 0.015, 0.030}) {
    const MuscleBank bank = singleMuscle(tau, 0.060, 10.0);
    const double expected = tau * (-2 * std::log(0.5) - 1.5 * 0.5);  // 0.636 tau
    EXPECT_NEAR(timeToReach(bank, 0.0, 1.0, 0.5), expected, 0.005 * expected) << tau;
  }
}

TEST(ActivationDynamics, FallTimeFollowsDeactivationTimeConstant) {
  for (double tau : {0.040, 0.060, 0.100}) {
    const MuscleBank bank = singleMuscle(0.015, tau, 10.0);
    const double expected = 2 * tau * std::log((0.5 + 1.5 * 0.5) / (2 * 0.5));  // 0.446 tau
    EXPECT_NEAR(timeToReach(bank, 1.0, 0.0, 0.5), expected, 0.005 * expected) << tau;
  }
}

TEST(ActivationDynamics, PublishedSmoothingWouldBlurTheAsymmetry) {
  // With b = 0.1 (as printed in De Groote 2016) rise and fall both use a blend of the two
  // constants; the default b = 10 keeps rise ~4x faster than fall for tau_d = 4 tau_a.
  const double sharp_rise = timeToReach(singleMuscle(0.015, 0.060, 10.0), 0.0, 1.0, 0.5);
  const double blurred_rise = timeToReach(singleMuscle(0.015, 0.060, 0.1), 0.0, 1.0, 0.5);
  EXPECT_GT(blurred_rise, 1.5 * sharp_rise);
}

TEST(ActivationDynamics, SettlesAtTheExcitation) {
  const MuscleBank bank = singleMuscle(0.015, 0.060, 10.0);
  MuscleInputs in = bank.makeInputs();
  MuscleState state = bank.makeState();
  MuscleOutputs out = bank.makeOutputs();
  in.excitation.setConstant(0.37);
  state.activation.setConstant(0.37);
  bank.evaluate(in, state, out, 1);
  EXPECT_EQ(out.activation_rate[0], 0.0);
}

}  // namespace
}  // namespace tonus::muscle

namespace tonus::muscle::law {
namespace {

TEST(ActivationDynamics, OneDivisionFormEqualsThePublishedForm) {
  for (double u = 0.0; u <= 1.0; u += 0.05) {
    for (double a = 0.0; a <= 1.0; a += 0.05) {
      for (double b : {0.1, 10.0, 100.0}) {
        const double published = activationRatePublished(u, a, 0.015, 0.06, b);
        EXPECT_NEAR(activationRate(u, a, 0.015, 0.06, b), published, 1e-12 * std::max(1.0, std::fabs(published)))
            << u << " " << a << " " << b;
      }
    }
  }
}

}  // namespace
}  // namespace tonus::muscle::law
