// Path geometry: analytic moment arms against finite differences of path length, in many
// postures of the default model; lengthening velocity against the time derivative of length.
#include <gtest/gtest.h>

#include <random>

#include "body/body_fixtures.hpp"
#include "body/posture.hpp"

namespace tonus::body {
namespace {

// Random joint angles inside every joint's range.
Eigen::VectorXd randomPosture(const SpineModel& model, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  Eigen::VectorXd q(model.dofCount());
  for (int d = 0; d < model.dofCount(); ++d) {
    const JointSpec& j = model.segment(d / 3).joint;
    q[d] = 0.8 * (j.range_min[d % 3] + (j.range_max[d % 3] - j.range_min[d % 3]) * u01(rng));
  }
  return q;
}

TEST(PathGeometry, MomentArmsMatchFiniteDifferencesOfLength) {
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  std::mt19937_64 rng(3);
  const double h = 1e-6;
  for (int trial = 0; trial < 4; ++trial) {
    const Eigen::VectorXd q = trial == 0 ? Eigen::VectorXd::Zero(model.dofCount()) : randomPosture(model, rng);
    const auto posed = testing::pose(model, q);
    double worst = 0.0;
    int crossing = 0;
    for (int d = 0; d < model.dofCount(); ++d) {
      Eigen::VectorXd plus = q, minus = q;
      plus[d] += h;
      minus[d] -= h;
      const Eigen::VectorXd fd = -(testing::pose(model, plus).geometry.length - testing::pose(model, minus).geometry.length) / (2 * h);
      worst = std::max(worst, (fd - posed.geometry.moment_arm.col(d)).cwiseAbs().maxCoeff());
      crossing += static_cast<int>((posed.geometry.moment_arm.col(d).array().abs() > 1e-4).count());
    }
    EXPECT_LT(worst, 1e-8) << "trial " << trial << " [m]";
    EXPECT_GT(crossing, 500) << "moment arms should not be trivially zero";
  }
}

TEST(PathGeometry, LengtheningVelocityIsTheRateOfChangeOfLength) {
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  std::mt19937_64 rng(8);
  const Eigen::VectorXd q = randomPosture(model, rng);
  Eigen::VectorXd qdot = Eigen::VectorXd::Random(model.dofCount());
  const double dt = 1e-6;
  const Eigen::VectorXd v = lengtheningVelocity(testing::pose(model, q).geometry, qdot);
  const Eigen::VectorXd fd =
      (testing::pose(model, q + dt * qdot).geometry.length - testing::pose(model, q - dt * qdot).geometry.length) / (2 * dt);
  EXPECT_LT((v - fd).cwiseAbs().maxCoeff(), 1e-7);
}

TEST(PathGeometry, ExtensorsAndFlexorsPullTheRightWay) {
  // Sign conventions end to end: in standing, every erector and multifidus fascicle crossing
  // L4/L5 extends it (negative flexion moment arm) and the rectus abdominis flexes it.
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  const auto posed = testing::pose(model, Eigen::VectorXd::Zero(model.dofCount()));
  const int flex = 3 * model.jointIndex("L4_L5") + kFlexion;
  int checked = 0;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const double r = posed.geometry.moment_arm(f, flex);
    if (std::fabs(r) < 1e-6) continue;
    const std::string& group = model.fascicle(f).group;
    if (group == "multifidus" || group.rfind("longissimus", 0) == 0 || group.rfind("iliocostalis", 0) == 0) {
      EXPECT_LT(r, -0.02) << model.fascicle(f).name;
      ++checked;
    }
    if (group == "rectus_abdominis") {
      EXPECT_GT(r, 0.08) << model.fascicle(f).name;
      ++checked;
    }
  }
  EXPECT_GT(checked, 40);
}

TEST(PathGeometry, TheObliquesTwistTheTrunkTheirOwnWays) {
  // Standard anatomy: the external oblique's fibres run down and forward, so it turns the trunk
  // to the other side; the internal oblique's run up and forward, across them, so it turns the
  // trunk to its own side. Every slip must do so at every joint it crosses, standing (two
  // internal-oblique slips once rose backward and turned the trunk the wrong way).
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  const auto posed = testing::pose(model, Eigen::VectorXd::Zero(model.dofCount()));
  int checked = 0;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const std::string& group = model.fascicle(f).group;
    const int own_side = model.fascicle(f).name.back() == 'r' ? 1 : -1;  // turning right is positive
    const int way = group == "internal_oblique" ? own_side : group == "external_oblique" ? -own_side : 0;
    if (way == 0) continue;
    for (const char* joint : {"T12_L1", "L1_L2", "L2_L3", "L3_L4", "L4_L5", "L5_S1"}) {
      const double r = posed.geometry.moment_arm(f, 3 * model.jointIndex(joint) + kAxialRotation);
      EXPECT_GT(way * r, 0.005) << model.fascicle(f).name << " at " << joint;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 24 * 6);
}

}  // namespace
}  // namespace tonus::body
