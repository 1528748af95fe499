// Rigid and compliant tendons: they must agree when the tendon is stiff, and must not
// when a long compliant tendon takes up real stretch (so the test can tell them apart).
#include <gtest/gtest.h>

#include <cmath>

#include "muscle/bank_fixtures.hpp"

namespace tonus::muscle {
namespace {

// Largest relative difference in tendon force between the two tendon models at equilibrium.
double worstRelativeDifference(const std::vector<MuscleSpec>& specs, CurveLaw law) {
  const MuscleBank compliant(specs, {.law = law, .tendon = TendonModel::Compliant});
  const MuscleBank rigid(specs, {.law = law, .tendon = TendonModel::Rigid});
  MuscleInputs in = compliant.makeInputs();
  MuscleState cs = compliant.makeState(), rs = rigid.makeState();
  MuscleOutputs co = compliant.makeOutputs(), ro = rigid.makeOutputs();
  double worst = 0.0;
  for (double lm : {0.7, 0.9, 1.0, 1.1, 1.3}) {
    for (double a : {0.05, 0.3, 1.0}) {
      for (int i = 0; i < compliant.size(); ++i) in.length[i] = testing::pathLengthFor(specs[i], lm);
      cs.activation.setConstant(a);
      rs.activation.setConstant(a);
      compliant.equilibrate(in, cs);
      compliant.evaluate(in, cs, co, 1);
      rigid.evaluate(in, rs, ro, 1);
      for (int i = 0; i < compliant.size(); ++i) {
        const double scale = std::max(ro.tendon_force[i], 0.05 * specs[i].max_isometric_force);
        worst = std::max(worst, std::fabs(co.tendon_force[i] - ro.tendon_force[i]) / scale);
      }
    }
  }
  return worst;
}

TEST(TendonModels, StiffCompliantTendonAgreesWithRigid) {
  for (CurveLaw law : {CurveLaw::DeGroote2016, CurveLaw::Thelen2003}) {
    auto specs = testing::variedSpecs(32, 17);
    for (auto& s : specs) s.tendon_strain_at_max_force = 1e-4;
    EXPECT_LT(worstRelativeDifference(specs, law), 0.01) << toString(law);
  }
}

TEST(TendonModels, LongCompliantTendonDiffersFromRigid) {
  auto specs = testing::variedSpecs(32, 17);
  for (auto& s : specs) {
    s.tendon_slack_length = 3.0 * s.optimal_fibre_length;
    s.tendon_strain_at_max_force = 0.05;
  }
  EXPECT_GT(worstRelativeDifference(specs, CurveLaw::DeGroote2016), 0.1);
}

}  // namespace
}  // namespace tonus::muscle
