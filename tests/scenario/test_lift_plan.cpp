// Where a lift starts: the hands reach the load, a squat's load clears the knees, and the body
// stands balanced over its feet.
#include <gtest/gtest.h>

#include "body/model_file.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/timeline.hpp"

namespace tonus::scenario {
namespace {

struct Lift {
  body::ModelSpec spec = body::loadDefaultModel();
  body::SpineModel model{spec, {spec.reference_sex, spec.reference_height, spec.reference_mass, 40.0}};
  PhasePlan plan(const std::string& lift) {
    const Scenario s = loadScenarioText("name: l\ntimeline:\n  - lift: {reps: 1, load_kg: 10, from_height_m: 0.05, " + lift + "}\n", "l");
    return Timeline(s, model).phases()[0].plan;
  }
};

TEST(LiftPlan, AStoopKeepsTheKneesStraight) {
  Lift l;
  const PhasePlan stoop = l.plan("style: stoop");
  EXPECT_EQ(stoop.lift_hip_drop, 0.0);
  EXPECT_NEAR(stoop.lift_legs.knee_flexion, 0.0, 1e-9);
  // Balanced over the foot, the hips move back behind the ankle.
  EXPECT_LT(stoop.lift_legs.hip.x(), -0.05);
}

TEST(LiftPlan, ASquatSinksTheHipsAndPutsTheLoadInFrontOfTheKnees) {
  Lift l;
  const PhasePlan stoop = l.plan("style: stoop");
  const PhasePlan squat = l.plan("style: squat");
  const PhasePlan between = l.plan("style: squat, between_knees: true");
  EXPECT_GT(squat.lift_hip_drop, 0.3);
  EXPECT_GT(squat.lift_legs.knee_flexion, 90.0 * M_PI / 180.0);
  EXPECT_LT(squat.lift_flexion, stoop.lift_flexion);
  // The knee lies in front of the ankle (the shin leans forward) and the load sits beyond it,
  // further from the spine than in the stoop; between the knees it comes closer again.
  EXPECT_GT(squat.lift_legs.knee.x(), 0.0);
  EXPECT_GT(squat.lift_pick.x(), stoop.lift_pick.x() + 0.1);
  EXPECT_LT(between.lift_pick.x(), squat.lift_pick.x() - 0.1);
  EXPECT_LT(between.lift_flexion, squat.lift_flexion);
}

TEST(LiftPlan, AHalfSquatBendsTheKneesAsFarAsAskedAndTheTrunkTheRest) {
  Lift l;
  const PhasePlan half = l.plan("style: squat, knee_flexion_deg: 45");
  const PhasePlan deeper = l.plan("style: squat, knee_flexion_deg: 90");
  EXPECT_NEAR(half.lift_legs.knee_flexion * 180.0 / M_PI, 45.0, 0.1);
  EXPECT_NEAR(deeper.lift_legs.knee_flexion * 180.0 / M_PI, 90.0, 0.1);
  EXPECT_LT(half.lift_hip_drop, deeper.lift_hip_drop);
  EXPECT_GE(half.lift_flexion, deeper.lift_flexion);
}

TEST(LiftPlan, BetweenTheKneesNeedsASquat) {
  try {
    loadScenarioText("name: l\ntimeline:\n  - lift: {reps: 1, style: stoop, between_knees: true}\n", "l.yaml");
    FAIL() << "a stoop with the load between the knees was accepted";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("timeline[0].lift.between_knees: needs style: squat"), std::string::npos) << e.what();
  }
}

TEST(LiftPlan, AKneeAngleNeedsASquatAndARange) {
  const auto errorOf = [](const std::string& lift) {
    try {
      loadScenarioText("name: l\ntimeline:\n  - lift: {reps: 1, " + lift + "}\n", "l.yaml");
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_NE(errorOf("style: stoop, knee_flexion_deg: 45").find("timeline[0].lift.knee_flexion_deg: needs style: squat"),
            std::string::npos);
  EXPECT_NE(errorOf("style: squat, knee_flexion_deg: 170").find("timeline[0].lift.knee_flexion_deg"), std::string::npos);
  EXPECT_EQ(errorOf("style: squat, knee_flexion_deg: 60"), "(accepted)");
}

}  // namespace
}  // namespace tonus::scenario
