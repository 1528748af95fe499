#include "muscle/compliant_step.hpp"

#include <algorithm>

#include "muscle/laws/activation.hpp"

namespace tonus::muscle {

namespace {

// d(da/dt)/da of the activation law at each muscle, by a forward difference of the law itself.
Eigen::ArrayXd activationSlope(const MuscleBank& bank, const MuscleInputs& in, const MuscleState& state,
                               const Eigen::ArrayXd& step) {
  const MuscleParameters& p = bank.parameters();
  const double smoothing = bank.options().activation_smoothing;
  Eigen::ArrayXd slope(state.activation.size());
  for (Eigen::Index i = 0; i < slope.size(); ++i) {
    const auto rate = [&](double a) {
      return law::activationRate(in.excitation[i], a, p.activation_time_constant[i], p.deactivation_time_constant[i],
                                 smoothing);
    };
    slope[i] = (rate(state.activation[i] + step[i]) - rate(state.activation[i])) / step[i];
  }
  return slope;
}

}  // namespace

CompliantWork makeCompliantWork(const MuscleBank& bank) { return {bank.makeState(), bank.makeOutputs()}; }

namespace {

// Each state's rate nudged along itself gives the diagonal of the Jacobian; a nudge of 1e-4 of
// the state (at least 1e-6) stays within the curves' smooth range. `out` holds the rates at
// the state.
void slopes(const MuscleBank& bank, const MuscleInputs& in, const MuscleState& state, const MuscleOutputs& out,
            CompliantWork& work, Eigen::ArrayXd& force_slope, Eigen::ArrayXd& activation_slope, int threads) {
  const Eigen::ArrayXd force_step = (1e-4 * state.normalised_tendon_force.abs()).max(1e-6);
  work.probe.activation = state.activation;
  work.probe.normalised_tendon_force = state.normalised_tendon_force + force_step;
  bank.evaluate(in, work.probe, work.probe_out, threads);
  force_slope = (work.probe_out.tendon_force_rate - out.tendon_force_rate) / force_step;
  // Activation's own rate depends on nothing but activation and excitation: its slope is the
  // law's, by the same difference of the law alone.
  activation_slope = activationSlope(bank, in, state, (1e-4 * state.activation.abs()).max(1e-6));
}

// x + dt f / (1 - dt df/dx): only a decaying slope damps the step (a growing one stays explicit).
void update(double dt, const MuscleOutputs& rates, const Eigen::ArrayXd& force_slope,
            const Eigen::ArrayXd& activation_slope, MuscleState& state) {
  state.normalised_tendon_force =
      (state.normalised_tendon_force + dt * rates.tendon_force_rate / (1.0 - dt * force_slope.min(0.0))).max(0.0);
  state.activation =
      (state.activation + dt * rates.activation_rate / (1.0 - dt * activation_slope.min(0.0))).max(0.0).min(1.0);
}

}  // namespace

void compliantStep(const MuscleBank& bank, const MuscleInputs& in, double dt, MuscleState& state, MuscleOutputs& out,
                   CompliantWork& work, int threads) {
  bank.evaluate(in, state, out, threads);
  Eigen::ArrayXd force_slope, activation_slope;
  slopes(bank, in, state, out, work, force_slope, activation_slope, threads);
  update(dt, out, force_slope, activation_slope, state);
}

void compliantSteps(const MuscleBank& bank, const MuscleInputs& in, double dt, int substeps, MuscleState& state,
                    MuscleOutputs& out, CompliantWork& work, int threads) {
  bank.evaluate(in, state, out, threads);
  Eigen::ArrayXd force_slope, activation_slope;
  slopes(bank, in, state, out, work, force_slope, activation_slope, threads);
  const double h = dt / substeps;
  update(h, out, force_slope, activation_slope, state);
  for (int k = 1; k < substeps; ++k) {
    bank.evaluate(in, state, work.probe_out, threads);
    update(h, work.probe_out, force_slope, activation_slope, state);
  }
}

}  // namespace tonus::muscle
