// The legs' two-link geometry: lengths kept, the knee in front, straight when out of reach.
#include <gtest/gtest.h>

#include <cmath>

#include "body/legs.hpp"

namespace tonus::body {
namespace {

TEST(Legs, ProportionsOfStature) {
  // Drillis & Contini: thigh 0.245 H, shank 0.246 H, ankle 0.039 H; the straight leg puts the
  // hip at 0.530 H (the greater trochanter's height in the same table).
  const LegLengths legs = legLengths(1.80, 80.0);
  EXPECT_NEAR(legs.thigh, 0.441, 1e-9);
  EXPECT_NEAR(legs.shank, 0.4428, 1e-9);
  EXPECT_NEAR((legs.ankle_height + legs.shank + legs.thigh) / 1.80, 0.530, 1e-9);
  EXPECT_NEAR(legs.thigh_mass, 8.0, 1e-9);
  EXPECT_NEAR(legs.shank_foot_mass, 4.88, 1e-9);
}

TEST(Legs, TheKneeBendsForwardAndKeepsBothLengths) {
  const LegLengths legs = legLengths(1.75, 75.0);
  const Eigen::Vector2d ankle(0.0, legs.ankle_height), hip(-0.2, 0.45);
  const LegPose pose = legBetween(legs, ankle, hip);
  EXPECT_FALSE(pose.straight);
  EXPECT_NEAR((pose.knee - pose.ankle).norm(), legs.shank, 1e-9);
  EXPECT_NEAR((pose.hip - pose.knee).norm(), legs.thigh, 1e-9);
  // In front of the line from ankle to hip.
  const Eigen::Vector2d line = hip - ankle, to_knee = pose.knee - ankle;
  EXPECT_LT(line.x() * to_knee.y() - line.y() * to_knee.x(), 0.0);
  EXPECT_GT(pose.knee.x(), 0.0);
  // The knee angle by the law of cosines on the ankle-hip distance.
  const double d = line.norm();
  const double inner = std::acos((legs.thigh * legs.thigh + legs.shank * legs.shank - d * d) / (2 * legs.thigh * legs.shank));
  EXPECT_NEAR(pose.knee_flexion, M_PI - inner, 1e-9);
}

TEST(Legs, AHipOutOfReachLeavesTheLegStraight) {
  const LegLengths legs = legLengths(1.75, 75.0);
  const LegPose pose = legBetween(legs, {0.0, legs.ankle_height}, {0.0, 2.0});
  EXPECT_TRUE(pose.straight);
  EXPECT_NEAR(pose.knee_flexion, 0.0, 1e-12);
  EXPECT_NEAR(pose.hip.y(), legs.ankle_height + legs.shank + legs.thigh, 1e-9);
}

}  // namespace
}  // namespace tonus::body
