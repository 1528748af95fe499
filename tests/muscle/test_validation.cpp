// Parameters are validated when the bank is built: the message names the muscle, the
// field, the rule and the offending value.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "core/errors.hpp"
#include "muscle/bank_fixtures.hpp"

namespace tonus::muscle {
namespace {

using ::testing::HasSubstr;

std::string errorFor(const std::function<void(MuscleSpec&)>& spoil, BankOptions options = {}) {
  auto specs = testing::variedSpecs(3);
  specs[1].name = "longissimus_L1_r";
  spoil(specs[1]);
  try {
    MuscleBank bank(specs, options);
  } catch (const ParameterError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Validation, NegativeForceNamesMuscleRuleAndValue) {
  EXPECT_EQ(errorFor([](MuscleSpec& s) { s.max_isometric_force = -5; }),
            "muscle 'longissimus_L1_r' (#1): max_isometric_force must be in (0, 20000] N, got -5");
}

TEST(Validation, EachFieldIsChecked) {
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.optimal_fibre_length = 0; }),
              HasSubstr("optimal_fibre_length must be in (0, 1] m, got 0"));
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.optimal_fibre_length = 12; }),  // cm typed as m
              HasSubstr("optimal_fibre_length must be in (0, 1] m, got 12"));
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.tendon_slack_length = -0.01; }),
              HasSubstr("tendon_slack_length must be in (0, 2] m, got -0.01"));
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.pennation_at_optimal = 15; }),  // degrees typed as radians
              HasSubstr("pennation_at_optimal must be in [0, 1.0472] rad (0..60 deg), got 15"));
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.max_contraction_velocity = 0; }),
              HasSubstr("max_contraction_velocity must be in (0, 30]"));
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.activation_time_constant = -0.015; }),
              HasSubstr("activation_time_constant must be in (0, 1] s, got -0.015"));
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.deactivation_time_constant = 0; }),
              HasSubstr("deactivation_time_constant must be in (0, 1] s, got 0"));
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.tendon_strain_at_max_force = 0.5; }),
              HasSubstr("tendon_strain_at_max_force must be in (0, 0.2] (strain), got 0.5"));
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.passive_strain_at_max_force = -0.6; }),
              HasSubstr("passive_strain_at_max_force must be in (0, 2] (strain), got -0.6"));
}

TEST(Validation, NotANumberIsRejected) {
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.max_isometric_force = NAN; }),
              HasSubstr("'longissimus_L1_r' (#1): max_isometric_force must be in (0, 20000] N, got nan"));
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.optimal_fibre_length = INFINITY; }), HasSubstr("got inf"));
}

TEST(Validation, NamesMustBeUniqueAndPresent) {
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.name = "m0"; }),
              HasSubstr("muscle 'm0' (#1): name must be unique"));
  EXPECT_THAT(errorFor([](MuscleSpec& s) { s.name.clear(); }), HasSubstr("muscle #1: name must not be empty"));
}

TEST(Validation, BankOptionsAreChecked) {
  EXPECT_THAT(errorFor([](MuscleSpec&) {}, {.minimum_activation = 0.0}),
              HasSubstr("minimum_activation must be in [0.0001, 0.1] with a compliant tendon, got 0"));
  EXPECT_THAT(errorFor([](MuscleSpec&) {}, {.activation_smoothing = -1.0}),
              HasSubstr("activation_smoothing must be in (0, 100], got -1"));
  EXPECT_EQ(errorFor([](MuscleSpec&) {}, {.tendon = TendonModel::Rigid, .minimum_activation = 0.0}), "(no error)");
}

TEST(Validation, ParameterErrorIsAUserError) {
  // The CLI maps UserError to exit code 2; parameter errors must be caught by that handler.
  try {
    MuscleBank({MuscleSpec{}});
    FAIL() << "a default (all-zero) spec must be rejected";
  } catch (const UserError& e) {
    EXPECT_THAT(e.what(), HasSubstr("name must not be empty"));
  }
}

}  // namespace
}  // namespace tonus::muscle
