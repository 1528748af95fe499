// Same inputs, same bits, whatever the thread count; and a muscle's result does not depend
// on where in the bank (which SIMD lane, which thread's block) it sits. Each test that claims
// something across threads checks that the threads really took part: a bank takes a thread
// per 512 muscles (kMusclesPerThread), so these banks are large enough for 2 and 3.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "muscle/bank_fixtures.hpp"

namespace tonus::muscle {
namespace {

std::vector<const Eigen::ArrayXd*> arrays(const MuscleOutputs& o) {
  return {&o.fibre_length, &o.norm_fibre_length, &o.fibre_velocity, &o.norm_fibre_velocity, &o.cos_pennation,
          &o.tendon_length, &o.active_force_length, &o.passive_force_length, &o.force_velocity,
          &o.active_fibre_force, &o.passive_fibre_force, &o.tendon_force, &o.force_per_activation,
          &o.passive_force_along_tendon, &o.activation_rate, &o.tendon_force_rate, &o.flags};
}

bool bitIdentical(const Eigen::ArrayXd& a, const Eigen::ArrayXd& b, int n) {
  return std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(n)) == 0;
}

void randomise(const MuscleBank& bank, const std::vector<MuscleSpec>& specs, MuscleInputs& in, MuscleState& s) {
  std::mt19937_64 rng(1234);
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  for (int i = 0; i < bank.size(); ++i) {
    in.length[i] = testing::pathLengthFor(specs[i], 0.6 + 0.9 * u01(rng));
    in.velocity[i] = (u01(rng) - 0.5) * bank.parameters().max_velocity_mps[i];
    in.excitation[i] = u01(rng);
    s.activation[i] = u01(rng);
  }
}

TEST(Determinism, EvaluateIsBitIdenticalForOneTwoAndThreeThreads) {
  for (TendonModel tendon : {TendonModel::Compliant, TendonModel::Rigid}) {
    const auto specs = testing::variedSpecs(3 * kMusclesPerThread + 5, 77);
    const MuscleBank bank(specs, {.tendon = tendon});
    MuscleInputs in = bank.makeInputs();
    MuscleState state = bank.makeState();
    randomise(bank, specs, in, state);
    bank.equilibrate(in, state, 1);
    MuscleOutputs one = bank.makeOutputs(), two = bank.makeOutputs(), three = bank.makeOutputs();
    ASSERT_EQ(bank.evaluate(in, state, one, 1), 1);
    ASSERT_EQ(bank.evaluate(in, state, two, 2), 2) << "a real team of two";
    ASSERT_EQ(bank.evaluate(in, state, three, 3), 3) << "a real team of three";
    const auto a1 = arrays(one), a2 = arrays(two), a3 = arrays(three);
    for (std::size_t k = 0; k < a1.size(); ++k) {
      EXPECT_TRUE(bitIdentical(*a1[k], *a2[k], bank.size())) << "output array " << k << " " << toString(tendon);
      EXPECT_TRUE(bitIdentical(*a1[k], *a3[k], bank.size())) << "output array " << k << " " << toString(tendon);
    }
  }
}

TEST(Determinism, EquilibrateIsBitIdenticalForOneAndTwoThreads) {
  const auto specs = testing::variedSpecs(500, 3);
  const MuscleBank bank(specs);
  MuscleInputs in = bank.makeInputs();
  MuscleState s1 = bank.makeState();
  randomise(bank, specs, in, s1);
  MuscleState s2 = s1;
  ASSERT_EQ(bank.equilibrate(in, s1, 1).threads, 1);
  ASSERT_EQ(bank.equilibrate(in, s2, 2).threads, 2) << "a real team of two";
  EXPECT_TRUE(bitIdentical(s1.normalised_tendon_force, s2.normalised_tendon_force, bank.size()));
}

TEST(Determinism, ResultDoesNotDependOnPositionInTheBank) {
  // The same muscle alone (padded lanes around it) and at the end of a big bank, in the last
  // thread's block.
  const auto specs = testing::variedSpecs(2 * kMusclesPerThread + 37, 9);
  const MuscleBank big(specs);
  const MuscleBank alone({specs.back()});
  MuscleInputs in_big = big.makeInputs(), in_alone = alone.makeInputs();
  MuscleState s_big = big.makeState(), s_alone = alone.makeState();
  randomise(big, specs, in_big, s_big);
  const int last = big.size() - 1;
  in_alone.length[0] = in_big.length[last];
  in_alone.velocity[0] = in_big.velocity[last];
  in_alone.excitation[0] = in_big.excitation[last];
  s_alone.activation[0] = s_big.activation[last];
  s_alone.normalised_tendon_force[0] = s_big.normalised_tendon_force[last] = 0.3;
  MuscleOutputs o_big = big.makeOutputs(), o_alone = alone.makeOutputs();
  ASSERT_EQ(big.evaluate(in_big, s_big, o_big, 2), 2);
  alone.evaluate(in_alone, s_alone, o_alone, 1);
  const auto ab = arrays(o_big), aa = arrays(o_alone);
  for (std::size_t k = 0; k < ab.size(); ++k) EXPECT_EQ((*ab[k])[last], (*aa[k])[0]) << "output array " << k;
}

TEST(Determinism, NaNInputIsFlaggedAndStaysInItsMuscle) {
  const auto specs = testing::variedSpecs(16, 1);
  const MuscleBank bank(specs);
  MuscleInputs in = bank.makeInputs();
  MuscleState state = bank.makeState();
  state.activation.setConstant(0.2);
  bank.equilibrate(in, state);
  in.length[5] = NAN;
  MuscleOutputs out = bank.makeOutputs();
  bank.evaluate(in, state, out, 1);
  for (int i = 0; i < bank.size(); ++i) {
    EXPECT_EQ((static_cast<unsigned>(out.flags[i]) & kNotFinite) != 0, i == 5) << i;
    if (i != 5) {
      EXPECT_TRUE(std::isfinite(out.tendon_force_rate[i])) << i;
    }
  }
}

TEST(Determinism, WrongBufferSizeIsAProgrammingErrorNotACrash) {
  const MuscleBank bank(testing::variedSpecs(5));
  MuscleInputs in = bank.makeInputs();
  in.length.resize(3);
  MuscleState state = bank.makeState();
  MuscleOutputs out = bank.makeOutputs();
  EXPECT_THROW(static_cast<void>(bank.evaluate(in, state, out)), std::invalid_argument);
}

}  // namespace
}  // namespace tonus::muscle
