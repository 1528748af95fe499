// Forward dynamics through Simbody's integrators (Multibody::integrate): a pendulum swings
// with its textbook period; the joint torques inverse dynamics gives hold the spine still in
// forward dynamics (the two directions of the same equations agree); fixed-step integrators
// converge on one another as the step shrinks.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "body/model_file.hpp"
#include "body/multibody.hpp"
#include "body/spine_model.hpp"

namespace tonus::body {
namespace {

constexpr double kGravity = 9.80665;

// No forces but gravity's.
const ForceModel kNoForces = [](const Eigen::VectorXd&, const Eigen::VectorXd&, AppliedForces&) {};

TEST(ForwardDynamics, APendulumSwingsWithItsTextbookPeriod) {
  // A 2 kg bob 0.5 m below a gimbal on ground, swinging in flexion by 0.05 rad.
  MultibodySegment bob{-1, Vec3d::Zero(), 2.0, Vec3d(0.0, -0.5, 0.0), Eigen::Matrix3d::Identity() * 0.01};
  const Multibody body({bob});
  MultibodyState state = body.makeState();
  Eigen::VectorXd q = Eigen::VectorXd::Zero(3);
  q[0] = 0.05;
  body.setMotion(state, q, Eigen::VectorXd::Zero(3));
  // T = 2 pi sqrt(I_pivot / (m g L)), with the finite-amplitude factor 1 + theta^2 / 16.
  const double pivot_inertia = 0.01 + 2.0 * 0.25;
  const double period = 2.0 * std::numbers::pi * std::sqrt(pivot_inertia / (2.0 * kGravity * 0.5)) * (1.0 + 0.05 * 0.05 / 16.0);
  // Downward zero crossings of the swing, located by linear interpolation between 1 ms steps.
  std::vector<double> crossings;
  double previous = q[0];
  while (state.time() < 3.5 * period) {
    body.integrate(state, 1e-3, 1e-3, BodyIntegrator::RungeKutta3, kGravity, kNoForces);
    const double now = state.q()[0];
    if (previous > 0.0 && now <= 0.0) crossings.push_back(state.time() - 1e-3 * now / (now - previous));
    previous = now;
  }
  // At T/4, 5T/4, 9T/4 and 13T/4.
  ASSERT_EQ(crossings.size(), 4u);
  EXPECT_NEAR(crossings[0], period / 4.0, 1e-3 * period);
  EXPECT_NEAR((crossings[3] - crossings[0]) / 3.0, period, 1e-4 * period);
  EXPECT_NEAR(state.q()[1], 0.0, 1e-12);  // no lateral swing appears from nowhere
}

// Each segment's weight as a wrench about its origin, in ground.
std::vector<Wrench> weights(const Multibody& body, const MultibodyState& state, const std::vector<MultibodySegment>& segs) {
  std::vector<Eigen::Matrix3d> rotation;
  std::vector<Vec3d> origin;
  body.poses(state, rotation, origin);
  std::vector<Wrench> w(segs.size());
  for (std::size_t i = 0; i < segs.size(); ++i) {
    w[i].force = Vec3d(0.0, -segs[i].mass * kGravity, 0.0);
    w[i].moment = (rotation[i] * segs[i].centre_of_mass).cross(w[i].force);
  }
  return w;
}

struct SpineFixture {
  ModelSpec spec = loadDefaultModel();
  SpineModel model{spec, {Sex::Male, 1.75, 75.0, 40.0}};
  std::vector<MultibodySegment> segments;
  SpineFixture() {
    for (int s = 0; s < model.segmentCount(); ++s) segments.push_back(model.multibody().segment(s));
  }
  // A posture bent forward and a little to the side and turned, at rest.
  Eigen::VectorXd bent() const {
    Eigen::VectorXd q = Eigen::VectorXd::Zero(model.dofCount());
    for (int s = 1; s < model.segmentCount(); ++s) {
      q[3 * s] = 0.08;
      q[3 * s + 1] = 0.02;
      q[3 * s + 2] = -0.03;
    }
    return q;
  }
};

TEST(ForwardDynamics, InverseDynamicsTorquesHoldTheSpineStill) {
  SpineFixture f;
  const Multibody& body = f.model.multibody();
  MultibodyState state = body.makeState();
  const Eigen::VectorXd q0 = f.bent(), zero = Eigen::VectorXd::Zero(q0.size());
  body.setMotion(state, q0, zero);
  const Eigen::VectorXd tau = body.inverseDynamics(state, zero, weights(body, state, f.segments));
  const ForceModel holding = [&](const Eigen::VectorXd&, const Eigen::VectorXd&, AppliedForces& out) { out.mobility = tau; };
  MultibodyState held = state, falling = state;
  for (int k = 0; k < 300; ++k) {
    body.integrate(held, 1e-3, 1e-3, BodyIntegrator::RungeKutta3, kGravity, holding);
    body.integrate(falling, 1e-3, 1e-3, BodyIntegrator::RungeKutta3, kGravity, kNoForces);
  }
  EXPECT_NEAR(held.time(), 0.3, 1e-12);
  EXPECT_LT((held.q() - q0).cwiseAbs().maxCoeff(), 1e-6);
  EXPECT_LT(held.qddot().cwiseAbs().maxCoeff(), 1e-4);
  // Without the torques the same spine falls visibly: the test above can tell.
  EXPECT_GT((falling.q() - q0).cwiseAbs().maxCoeff(), 0.05);
}

TEST(ForwardDynamics, FixedStepIntegratorsConvergeAsTheStepShrinks) {
  SpineFixture f;
  const Multibody& body = f.model.multibody();
  // Every joint a damped spring about upright (stiff enough to keep the fall small).
  const ForceModel springs = [](const Eigen::VectorXd& q, const Eigen::VectorXd& qdot, AppliedForces& out) {
    out.mobility = -300.0 * q - 0.5 * qdot;
  };
  const auto after = [&](BodyIntegrator kind, double step) {
    MultibodyState state = body.makeState();
    body.setMotion(state, f.bent(), Eigen::VectorXd::Zero(f.model.dofCount()));
    body.integrate(state, 0.2, step, kind, kGravity, springs);
    return Eigen::VectorXd(state.q());
  };
  const Eigen::VectorXd reference = after(BodyIntegrator::RungeKutta3, 1e-5);
  const double rk3 = (after(BodyIntegrator::RungeKutta3, 1e-3) - reference).cwiseAbs().maxCoeff();
  const double rk3_half = (after(BodyIntegrator::RungeKutta3, 5e-4) - reference).cwiseAbs().maxCoeff();
  const double euler = (after(BodyIntegrator::SemiExplicitEuler, 1e-3) - reference).cwiseAbs().maxCoeff();
  const double euler_half = (after(BodyIntegrator::SemiExplicitEuler, 5e-4) - reference).cwiseAbs().maxCoeff();
  // Third order: halving the step cuts the error ~8x (at least 5x); first order ~2x.
  EXPECT_GT(rk3 / rk3_half, 5.0);
  EXPECT_GT(euler / euler_half, 1.6);
  EXPECT_LT(euler / euler_half, 2.6);
  EXPECT_LT(rk3, euler);
  EXPECT_GT((reference - f.bent()).cwiseAbs().maxCoeff(), 0.01);  // the spine did move
}

}  // namespace
}  // namespace tonus::body
