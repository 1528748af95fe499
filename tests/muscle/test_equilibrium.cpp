// Equilibrium initialisation: at the solved state the tendon force equals the fibre force
// along the tendon, recomputed here from the laws and the solved geometry; extreme path
// lengths are clamped and reported, never thrown or returned as NaN.
#include <gtest/gtest.h>

#include <cmath>

#include "muscle/bank_fixtures.hpp"
#include "muscle/laws/degroote2016.hpp"
#include "muscle/laws/thelen2003.hpp"

namespace tonus::muscle {
namespace {

template <class Law>
void expectForceBalanceAcrossLengthsAndActivations(CurveLaw law) {
  const auto specs = testing::variedSpecs(40, 7);
  const MuscleBank bank(specs, {.law = law});
  const auto& p = bank.parameters();
  MuscleInputs in = bank.makeInputs();
  MuscleState state = bank.makeState();
  MuscleOutputs out = bank.makeOutputs();
  int checked = 0;
  for (double lm_target : {0.6, 0.8, 1.0, 1.2, 1.4}) {
    for (double activation : {0.01, 0.1, 0.5, 1.0}) {
      for (int i = 0; i < bank.size(); ++i) in.length[i] = testing::pathLengthFor(specs[i], lm_target) * 1.02;
      state.activation.setConstant(activation);
      const auto report = bank.equilibrate(in, state);
      ASSERT_EQ(report.count(EquilibriumStatus::NotConverged), 0) << report.describe(bank);
      bank.evaluate(in, state, out, 1);
      for (int i = 0; i < bank.size(); ++i) {
        SCOPED_TRACE(::testing::PrintToString(std::make_tuple(lm_target, activation, i)));
        const double fmax = p.max_isometric_force[i];
        const double ft = state.normalised_tendon_force[i];
        // Tendon side: the tendon curve at the solved tendon length gives the state's force.
        const double lt_norm = out.tendon_length[i] / p.tendon_slack_length[i];
        EXPECT_NEAR(Law::tendonForce(lt_norm, p.tendon_coeff_a[i], p.tendon_coeff_b[i]), ft, 1e-9);
        // Fibre side, from the laws at the solved fibre length and zero velocity.
        const double lm = out.norm_fibre_length[i];
        const double fibre = activation * Law::activeForceLength(lm) * Law::forceVelocity(0.0) +
                             Law::passiveForceLength(lm, p.passive_k_over_e0[i], p.passive_offset[i],
                                                     p.passive_inv_denom[i]);
        const double cos_a = out.cos_pennation[i];
        EXPECT_NEAR(ft * fmax, fibre * cos_a * fmax, 1e-8 * fmax);
        // Geometry closes: fibre along the tendon plus tendon is the path; thickness is constant.
        EXPECT_NEAR(out.fibre_length[i] * cos_a + out.tendon_length[i], in.length[i], 1e-12);
        EXPECT_NEAR(out.fibre_length[i] * std::sqrt(1 - cos_a * cos_a),
                    specs[i].optimal_fibre_length * std::sin(specs[i].pennation_at_optimal), 1e-9);
        // And nothing moves: the equilibrium is a fixed point of the dynamics.
        EXPECT_NEAR(out.tendon_force_rate[i], 0.0, 1e-6);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 40 * 5 * 4);
}

TEST(Equilibrium, DeGrooteForceBalance) { expectForceBalanceAcrossLengthsAndActivations<law::DeGroote2016>(CurveLaw::DeGroote2016); }
TEST(Equilibrium, ThelenForceBalance) { expectForceBalanceAcrossLengthsAndActivations<law::Thelen2003>(CurveLaw::Thelen2003); }

TEST(Equilibrium, MovingPathPutsTheVelocityInTheFibre) {
  const auto specs = testing::variedSpecs(24, 3);
  const MuscleBank bank(specs);
  MuscleInputs in = bank.makeInputs();
  MuscleState state = bank.makeState();
  MuscleOutputs out = bank.makeOutputs();
  state.activation.setConstant(0.4);
  for (int i = 0; i < bank.size(); ++i) {
    in.length[i] = testing::pathLengthFor(specs[i], 1.05);
    // A quarter of vmax, lengthening for even muscles and shortening for odd ones.
    in.velocity[i] = (i % 2 ? -0.25 : 0.25) * bank.parameters().max_velocity_mps[i];
  }
  const auto report = bank.equilibrate(in, state);
  ASSERT_EQ(report.count(EquilibriumStatus::Converged), bank.size()) << report.describe(bank);
  bank.evaluate(in, state, out, 1);
  for (int i = 0; i < bank.size(); ++i) {
    EXPECT_NEAR(out.fibre_velocity[i], in.velocity[i] * out.cos_pennation[i], 1e-9) << i;
    EXPECT_NEAR(out.tendon_force_rate[i], 0.0, 1e-6) << i;
    // Eccentric force exceeds concentric at the same length and activation.
    EXPECT_EQ(out.force_velocity[i] > 1.0, i % 2 == 0) << i;
  }
}

TEST(Equilibrium, ExtremeLengthsAreClampedAndReported) {
  auto specs = testing::variedSpecs(16, 11);
  const MuscleBank bank(specs);
  MuscleInputs in = bank.makeInputs();
  MuscleState state = bank.makeState();
  state.activation.setConstant(1.0);
  // Half the muscles on a path shorter than their slack tendon, half at three times their length.
  for (int i = 0; i < bank.size(); ++i) {
    in.length[i] = i < 8 ? 0.5 * specs[i].tendon_slack_length : 3.0 * testing::pathLengthFor(specs[i], 1.0);
  }
  const auto report = bank.equilibrate(in, state);
  EXPECT_EQ(report.count(EquilibriumStatus::FibreAtMinimumLength), 8) << report.describe(bank);
  EXPECT_EQ(report.count(EquilibriumStatus::FibreOverstretched), 8) << report.describe(bank);
  EXPECT_NE(report.describe(bank).find("muscle 'm0': fibre at minimum length"), std::string::npos);
  MuscleOutputs out = bank.makeOutputs();
  bank.evaluate(in, state, out, 1);
  for (int i = 0; i < bank.size(); ++i) {
    EXPECT_TRUE(std::isfinite(state.normalised_tendon_force[i])) << i;
    EXPECT_TRUE(std::isfinite(out.tendon_force[i])) << i;
    const auto flags = static_cast<unsigned>(out.flags[i]);
    EXPECT_EQ((flags & kFibreAtMinimumLength) != 0, i < 8) << i;
    EXPECT_EQ((flags & kFibreOverstretched) != 0, i >= 8) << i;
  }
}

TEST(Equilibrium, ConvergesInFewIterations) {
  const auto specs = testing::variedSpecs(200, 5);
  const MuscleBank bank(specs);
  MuscleInputs in = bank.makeInputs();
  MuscleState state = bank.makeState();
  state.activation.setConstant(0.3);
  for (int i = 0; i < bank.size(); ++i) in.length[i] = testing::pathLengthFor(specs[i], 0.7 + 0.003 * i);
  const auto report = bank.equilibrate(in, state);
  int worst = 0;
  for (int it : report.iterations) worst = std::max(worst, it);
  // Quadratic convergence from an O(1) start reaches the 1e-12 tolerance in 5-6 steps; 8 allows two
  // safeguard steps, while bisection (~41) or a Newton with a 10 % slope error (~12) would not pass.
  EXPECT_LE(worst, 8) << "safeguarded Newton should rarely fall back to bisection";
}

}  // namespace
}  // namespace tonus::muscle
