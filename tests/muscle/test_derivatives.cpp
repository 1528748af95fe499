// State derivatives against finite differences: advancing the tendon-force state by its
// rate and the path by its velocity must move the fibre at the fibre velocity the kernel
// reports; tendon force must change with activation at the reported slope.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "muscle/bank_fixtures.hpp"

namespace tonus::muscle {
namespace {

struct Frame {
  MuscleInputs in;
  MuscleState state;
};

// Random compliant-tendon states away from the clamps: fibre near its working range,
// moderate path speeds, tendon force a little off equilibrium so the fibre moves.
Frame randomFrame(const MuscleBank& bank, const std::vector<MuscleSpec>& specs, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  Frame f{bank.makeInputs(), bank.makeState()};
  for (int i = 0; i < bank.size(); ++i) {
    f.in.length[i] = testing::pathLengthFor(specs[i], 0.8 + 0.4 * u01(rng));
    f.in.velocity[i] = (u01(rng) - 0.5) * 0.4 * bank.parameters().max_velocity_mps[i];
    f.state.activation[i] = 0.1 + 0.8 * u01(rng);
  }
  bank.equilibrate(f.in, f.state);
  for (int i = 0; i < bank.size(); ++i) f.state.normalised_tendon_force[i] *= 0.97 + 0.06 * u01(rng);
  return f;
}

void expectFibreMovesAtReportedVelocity(CurveLaw law) {
  const auto specs = testing::variedSpecs(64, 21);
  const MuscleBank bank(specs, {.law = law});
  const Frame f = randomFrame(bank, specs, 99);
  MuscleOutputs now = bank.makeOutputs(), ahead = bank.makeOutputs(), behind = bank.makeOutputs();
  bank.evaluate(f.in, f.state, now, 1);

  const double h = 1e-6;  // [s]
  Frame fwd = f, back = f;
  fwd.in.length += h * f.in.velocity;
  back.in.length -= h * f.in.velocity;
  fwd.state.normalised_tendon_force += h * now.tendon_force_rate;
  back.state.normalised_tendon_force -= h * now.tendon_force_rate;
  bank.evaluate(fwd.in, fwd.state, ahead, 1);
  bank.evaluate(back.in, back.state, behind, 1);

  int moving = 0;
  for (int i = 0; i < bank.size(); ++i) {
    ASSERT_EQ(static_cast<unsigned>(now.flags[i]) & kVelocityClamped, 0u) << "frame should avoid the clamp, muscle " << i;
    const double fd = (ahead.fibre_length[i] - behind.fibre_length[i]) / (2 * h);
    const double scale = bank.parameters().max_velocity_mps[i];
    EXPECT_NEAR(fd, now.fibre_velocity[i], 1e-6 * scale) << "muscle " << i;
    const double fd_tendon = (ahead.tendon_length[i] - behind.tendon_length[i]) / (2 * h);
    EXPECT_NEAR(fd_tendon, f.in.velocity[i] - now.fibre_velocity[i] / now.cos_pennation[i], 1e-6 * scale) << i;
    if (std::fabs(now.fibre_velocity[i]) > 1e-3 * scale) ++moving;
  }
  EXPECT_GT(moving, bank.size() / 2) << "the test needs fibres that actually move";
}

TEST(StateDerivatives, DeGrooteFibreVelocityMatchesFiniteDifference) {
  expectFibreMovesAtReportedVelocity(CurveLaw::DeGroote2016);
}
TEST(StateDerivatives, ThelenFibreVelocityMatchesFiniteDifference) {
  expectFibreMovesAtReportedVelocity(CurveLaw::Thelen2003);
}

TEST(StateDerivatives, RigidTendonForcePerActivationMatchesFiniteDifference) {
  const auto specs = testing::variedSpecs(48, 5);
  const MuscleBank bank(specs, {.tendon = TendonModel::Rigid});
  Frame f{bank.makeInputs(), bank.makeState()};
  for (int i = 0; i < bank.size(); ++i) {
    f.in.length[i] = testing::pathLengthFor(specs[i], 0.7 + 0.01 * i);
    f.in.velocity[i] = 0.01 * (i - 24) * bank.parameters().max_velocity_mps[i];
    f.state.activation[i] = 0.5;
  }
  MuscleOutputs now = bank.makeOutputs(), up = bank.makeOutputs(), down = bank.makeOutputs();
  bank.evaluate(f.in, f.state, now, 1);
  const double h = 1e-5;
  Frame plus = f, minus = f;
  plus.state.activation += h;
  minus.state.activation -= h;
  bank.evaluate(plus.in, plus.state, up, 1);
  bank.evaluate(minus.in, minus.state, down, 1);
  for (int i = 0; i < bank.size(); ++i) {
    const double fd = (up.tendon_force[i] - down.tendon_force[i]) / (2 * h);
    EXPECT_NEAR(fd, now.force_per_activation[i], 1e-6 * specs[i].max_isometric_force) << i;
    EXPECT_NEAR(now.tendon_force[i], 0.5 * now.force_per_activation[i] + now.passive_force_along_tendon[i],
                1e-9 * specs[i].max_isometric_force) << i;
  }
}

TEST(StateDerivatives, CompliantForcePerActivationIsTheFibreSlopeAlongTheTendon) {
  // At a fixed fibre state, fibre force along the tendon is a*force_per_activation + passive:
  // raising activation at the same state raises the fibre's pull by exactly that slope.
  const auto specs = testing::variedSpecs(32, 8);
  const MuscleBank bank(specs);
  Frame f = randomFrame(bank, specs, 4);
  MuscleOutputs out = bank.makeOutputs();
  bank.evaluate(f.in, f.state, out, 1);
  for (int i = 0; i < bank.size(); ++i) {
    const double a = f.state.activation[i];
    const double along = (out.active_fibre_force[i] + out.passive_fibre_force[i]) * out.cos_pennation[i];
    EXPECT_NEAR(along, a * out.force_per_activation[i] + out.passive_force_along_tendon[i], 1e-9 * specs[i].max_isometric_force);
    // Equal to tendon force when the velocity is not clamped (explicit formulation).
    if ((static_cast<unsigned>(out.flags[i]) & kVelocityClamped) == 0) {
      EXPECT_NEAR(along, out.tendon_force[i], 1e-8 * specs[i].max_isometric_force) << i;
    }
  }
}

}  // namespace
}  // namespace tonus::muscle
