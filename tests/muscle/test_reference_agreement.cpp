// The vectorised batch kernel against the object-per-muscle scalar reference, which
// evaluates the same equations with the standard library's scalar math: every output
// agrees to 1e-9 relative for both laws and both tendon models over random states.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "muscle/bank_fixtures.hpp"
#include "muscle/reference/scalar_muscle.hpp"

namespace tonus::muscle {
namespace {

void expectClose(double bank, double ref, double scale, const char* what, int i) {
  EXPECT_NEAR(bank, ref, 1e-9 * std::max({std::fabs(bank), std::fabs(ref), scale})) << what << " muscle " << i;
}

void expectAgreement(CurveLaw law, TendonModel tendon) {
  const auto specs = testing::variedSpecs(257, 31);
  const BankOptions options{.law = law, .tendon = tendon};
  const MuscleBank bank(specs, options);
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  MuscleInputs in = bank.makeInputs();
  MuscleState state = bank.makeState();
  for (int i = 0; i < bank.size(); ++i) {
    in.length[i] = testing::pathLengthFor(specs[i], 0.5 + 1.2 * u01(rng));
    in.velocity[i] = (u01(rng) - 0.5) * 2.4 * bank.parameters().max_velocity_mps[i];  // some beyond vmax
    in.excitation[i] = u01(rng);
    state.activation[i] = u01(rng);
    state.normalised_tendon_force[i] = 1.5 * u01(rng);
  }
  MuscleOutputs out = bank.makeOutputs();
  bank.evaluate(in, state, out, 2);
  for (int i = 0; i < bank.size(); ++i) {
    const reference::ScalarMuscle muscle(specs[i], options);
    const auto r = muscle.evaluate(in.length[i], in.velocity[i], in.excitation[i], state.activation[i],
                                   state.normalised_tendon_force[i]);
    const double fmax = specs[i].max_isometric_force, vmax = bank.parameters().max_velocity_mps[i];
    expectClose(out.fibre_length[i], r.fibre_length, 0.01, "fibre_length", i);
    expectClose(out.norm_fibre_velocity[i], r.norm_fibre_velocity, 1.0, "norm_fibre_velocity", i);
    expectClose(out.fibre_velocity[i], r.fibre_velocity, vmax, "fibre_velocity", i);
    expectClose(out.cos_pennation[i], r.cos_pennation, 1.0, "cos_pennation", i);
    expectClose(out.tendon_length[i], r.tendon_length, 0.01, "tendon_length", i);
    expectClose(out.active_force_length[i], r.active_force_length, 1.0, "active_force_length", i);
    expectClose(out.passive_force_length[i], r.passive_force_length, 1.0, "passive_force_length", i);
    expectClose(out.force_velocity[i], r.force_velocity, 1.0, "force_velocity", i);
    expectClose(out.active_fibre_force[i], r.active_fibre_force, fmax, "active_fibre_force", i);
    expectClose(out.passive_fibre_force[i], r.passive_fibre_force, fmax, "passive_fibre_force", i);
    expectClose(out.tendon_force[i], r.tendon_force, fmax, "tendon_force", i);
    expectClose(out.force_per_activation[i], r.force_per_activation, fmax, "force_per_activation", i);
    expectClose(out.passive_force_along_tendon[i], r.passive_force_along_tendon, fmax, "passive_along", i);
    expectClose(out.activation_rate[i], r.activation_rate, 1.0 / specs[i].activation_time_constant, "activation_rate", i);
    expectClose(out.tendon_force_rate[i], r.tendon_force_rate, 1e3, "tendon_force_rate", i);
  }
}

TEST(ReferenceAgreement, DeGrooteCompliant) { expectAgreement(CurveLaw::DeGroote2016, TendonModel::Compliant); }
TEST(ReferenceAgreement, DeGrooteRigid) { expectAgreement(CurveLaw::DeGroote2016, TendonModel::Rigid); }
TEST(ReferenceAgreement, ThelenCompliant) { expectAgreement(CurveLaw::Thelen2003, TendonModel::Compliant); }
TEST(ReferenceAgreement, ThelenRigid) { expectAgreement(CurveLaw::Thelen2003, TendonModel::Rigid); }

}  // namespace
}  // namespace tonus::muscle
