// Inverse dynamics against a hand calculation; joint loads that balance every body and agree
// with Simbody's generalised forces through the moment arms.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "body/body_fixtures.hpp"
#include "body/dynamics.hpp"
#include "body/posture.hpp"

namespace tonus::body {
namespace {

constexpr double kDeg = M_PI / 180.0;

struct TwoSegment {
  ModelSpec spec = testing::twoSegmentSpec();
  SpineModel model{spec, testing::referenceOf(spec)};
};

// Generalised forces with the arms hanging and a 10 kg mass at a fixed point in ground.
Eigen::VectorXd holdLoad(const SpineModel& model, const Eigen::VectorXd& q) {
  auto posed = testing::pose(model, q);
  std::vector<PointLoad> loads = armWeight(model, posed.kin, hangingHands(model, posed.kin));
  loads.push_back(heldMass(model, 10.0, Vec3d(0.5, 0.3, 0.0), "box"));
  const Motion still = Motion::still(q);
  setMotion(model, posed.state, still);
  return inverseDynamics(model, posed.state, posed.kin, still, loads);
}

TEST(InverseDynamics, HeldLoadInStandingMatchesHandCalculation) {
  const TwoSegment m;
  // 80 kg subject, g = 10: trunk 32 kg with its centre 0.02 m in front of the joint, arms
  // hanging straight below the shoulders (no lever), 10 kg held 0.5 m in front of both joints.
  const double trunk = 32.0 * 10.0 * 0.02, box = 10.0 * 10.0 * 0.5;
  const Eigen::VectorXd tau = holdLoad(m.model, Eigen::VectorXd::Zero(6));
  EXPECT_NEAR(tau[3 + kFlexion], -(trunk + box), 1e-9) << "lumbar joint must extend";
  EXPECT_NEAR(tau[0 + kFlexion], -(trunk + box), 1e-9) << "pelvis centre of mass is over the hips";
  EXPECT_NEAR(tau[3 + kLateralBending], 0.0, 1e-9);
  EXPECT_NEAR(tau[3 + kAxialRotation], 0.0, 1e-9);
}

TEST(InverseDynamics, HeldLoadWithFlexedTrunkMatchesHandCalculation) {
  const TwoSegment m;
  Eigen::VectorXd q = Eigen::VectorXd::Zero(6);
  q[3 + kFlexion] = 30 * kDeg;
  // Flexing 30 deg turns (x, y) above the joint into (x cos + y sin, ...).
  const double c = std::cos(30 * kDeg), s = std::sin(30 * kDeg);
  const double trunk = 32.0 * 10.0 * (0.02 * c + 0.25 * s);
  const double arms = 8.0 * 10.0 * (0.40 * s);  // shoulders 0.40 m up the trunk, arms hang below them
  const double box = 10.0 * 10.0 * 0.5;
  const Eigen::VectorXd tau = holdLoad(m.model, q);
  EXPECT_NEAR(tau[3 + kFlexion], -(trunk + arms + box), 1e-9);
}

TEST(InverseDynamics, SpinningUpTheTrunkCostsItsMomentOfInertia) {
  // No gravity lever in standing at rest except the centre-of-mass offset; an angular
  // acceleration about the lumbar flexion axis adds (I_com + m d^2) * alpha.
  const TwoSegment m;
  const Eigen::VectorXd q = Eigen::VectorXd::Zero(6);
  auto posed = testing::pose(m.model, q);
  Motion motion = Motion::still(q);
  setMotion(m.model, posed.state, motion);
  const double static_tau = inverseDynamics(m.model, posed.state, posed.kin, motion, {})[3];
  motion.qddot[3 + kFlexion] = 2.0;
  const double dynamic_tau = inverseDynamics(m.model, posed.state, posed.kin, motion, {})[3];
  const double inertia = 32.0 * (0.11 * 0.11 + 0.02 * 0.02 + 0.25 * 0.25);  // r_z of gyration, parallel axes
  EXPECT_NEAR(dynamic_tau - static_tau, inertia * 2.0, 1e-9);
}

struct Scenario {
  ModelSpec spec = loadDefaultModel();
  SpineModel model{spec, testing::referenceOf(spec)};
  testing::Posed posed;
  Motion motion;
  std::vector<PointLoad> loads;
  Eigen::VectorXd tensions;

  explicit Scenario(unsigned seed) : posed(testing::pose(model, Eigen::VectorXd::Zero(model.dofCount()))) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    TrunkPosture p;
    p.flexion = 25 * kDeg;
    p.lateral_bending = 8 * kDeg * u(rng);
    p.axial_rotation = 15 * kDeg * u(rng);
    p.neck_flexion = 20 * kDeg;
    motion = Motion::still(jointAngles(model, p));
    for (int d = 0; d < model.dofCount(); ++d) {
      motion.qdot[d] = 0.3 * u(rng);
      motion.qddot[d] = 2.0 * u(rng);
    }
    posed = testing::pose(model, motion.q);
    setMotion(model, posed.state, motion);
    loads = armWeight(model, posed.kin, hangingHands(model, posed.kin));
    loads.push_back(heldMass(model, 12.0, posed.kin.origin[0] + Vec3d(0.45, 0.9, 0.1), "box"));
    tensions.resize(model.fascicleCount());
    for (int f = 0; f < model.fascicleCount(); ++f) tensions[f] = 200.0 * (1.0 + u(rng));
  }
};

TEST(JointLoads, EveryBodyIsInBalance) {
  const Scenario s(11);
  const BodyWrenches w = bodyWrenches(s.model, s.posed.state, s.posed.kin, s.posed.geometry, s.tensions,
                                      s.motion.qddot, s.loads);
  const auto joints = jointLoads(s.model, s.posed.kin, w);
  const auto& kin = s.posed.kin;
  for (int b = 0; b < s.model.segmentCount(); ++b) {
    // Own loads + the parent's reaction + what the children push back, about b's origin.
    Vec3d force = w.force[b] + joints[b].reaction_force;
    Vec3d moment = w.moment[b] + joints[b].reaction_moment;
    double scale = w.force[b].norm() + joints[b].reaction_force.norm();
    for (int c = 0; c < s.model.segmentCount(); ++c) {
      if (s.model.segment(c).parent != b) continue;
      force -= joints[c].reaction_force;
      moment -= joints[c].reaction_moment + (kin.origin[c] - kin.origin[b]).cross(joints[c].reaction_force);
      scale += joints[c].reaction_force.norm();
    }
    EXPECT_LT(force.norm(), 1e-9 * scale) << s.model.segment(b).name;
    EXPECT_LT(moment.norm(), 1e-9 * scale) << s.model.segment(b).name;
  }
}

TEST(JointLoads, JointMomentsAgreeWithSimbodyThroughTheMomentArms) {
  // What a joint's tissues must carry about its axes is what inverse dynamics asks for, less
  // what the muscles provide: reaction . axis = tau_ID - sum_i r_i F_i, at every dof.
  const Scenario s(5);
  const Eigen::VectorXd tau = inverseDynamics(s.model, s.posed.state, s.posed.kin, s.motion, s.loads);
  const Eigen::VectorXd muscle = s.posed.geometry.moment_arm.transpose() * s.tensions;
  const BodyWrenches w = bodyWrenches(s.model, s.posed.state, s.posed.kin, s.posed.geometry, s.tensions,
                                      s.motion.qddot, s.loads);
  const auto joints = jointLoads(s.model, s.posed.kin, w);
  for (int d = 0; d < s.model.dofCount(); ++d) {
    const double carried = joints[d / 3].reaction_moment.dot(s.posed.kin.axis[d]);
    EXPECT_NEAR(carried, tau[d] - muscle[d], 1e-9 * (std::fabs(tau[d]) + muscle.cwiseAbs().maxCoeff()))
        << s.model.dofName(d);
  }
}

TEST(JointLoads, StandingDiscIsCompressedByTheWeightAbove) {
  // With no muscle force and no motion, L4/L5 carries the weight of everything above it.
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  const Eigen::VectorXd q = Eigen::VectorXd::Zero(model.dofCount());
  auto posed = testing::pose(model, q);
  setMotion(model, posed.state, Motion::still(q));
  const auto loads = armWeight(model, posed.kin, hangingHands(model, posed.kin));
  const BodyWrenches w = bodyWrenches(model, posed.state, posed.kin, posed.geometry,
                                      Eigen::VectorXd::Zero(model.fascicleCount()), Eigen::VectorXd::Zero(q.size()), loads);
  const int l4l5 = model.jointIndex("L4_L5");
  double above = model.armsMass();
  for (int s = l4l5; s < model.segmentCount(); ++s) above += model.segment(s).mass;
  const JointLoad load = jointLoads(model, posed.kin, w)[l4l5];  // a copy: the vector is a temporary
  const double weight = above * model.gravity();
  const double incl = model.segment(l4l5).joint.disc_inclination;
  EXPECT_NEAR(load.compression, weight * std::cos(incl), 1e-9 * weight);
  EXPECT_NEAR(load.shear_anterior, weight * std::sin(incl), 1e-9 * weight);
  EXPECT_NEAR(load.shear_lateral, 0.0, 1e-9 * weight);
  // The nucleus's pressure: its swelling pressure plus Nachemson's 1.5 F / A.
  const JointSpec& disc = model.segment(l4l5).joint;
  EXPECT_GT(disc.disc_swelling_pressure, 0.0);
  EXPECT_NEAR(load.pressure, disc.disc_swelling_pressure + 1.5 * load.compression / disc.disc_area, 1e-9 * load.pressure);
}

// A relaxed arm propped at its rest is a bar hinged at the shoulder: by the lever rule the rest
// carries the weight's lever over its own, and the shoulder the remainder, straight down.
TEST(RestingArms, TheRestCarriesTheWeightsLeverOverItsOwn) {
  const TwoSegment m;
  const Eigen::VectorXd q = Eigen::VectorXd::Zero(6);
  const auto posed = testing::pose(m.model, q);
  const auto [right, left] = shoulders(m.model, posed.kin);
  const double side = 0.5 * m.model.armsMass() * m.model.gravity(), c = m.model.arms().com_fraction;
  const Vec3d forward(0.4, -0.3, 0.0), elbow(0.2, -0.3, 0.0);
  const auto shoulderShare = [&](const HandPositions& hands, const HandPositions& rests) {
    const std::vector<PointLoad> loads = restingArmWeight(m.model, posed.kin, hands, rests);
    EXPECT_EQ(loads.size(), 2u);
    EXPECT_NEAR((loads[0].point - right).norm(), 0.0, 1e-12) << "the trunk feels the arm at the shoulder";
    EXPECT_NEAR(loads[0].force.x(), 0.0, 1e-12);
    return -loads[0].force.y() / side;
  };
  // Hands resting where they are: the rest carries the centre of mass's share of the arm.
  EXPECT_NEAR(shoulderShare({right + forward, left + forward}, {right + forward, left + forward}), 1.0 - c, 1e-12);
  // Forearms on a desk from the elbow on: the desk carries more than the centre's share.
  const double lever = c * forward.x() / elbow.x();
  EXPECT_NEAR(shoulderShare({right + forward, left + forward}, {right + elbow, left + elbow}), 1.0 - lever, 1e-12);
  // A rest directly below the shoulder props the arm like a hanging one resting on its hand.
  const Vec3d below(0.0, -0.5, 0.0);
  EXPECT_NEAR(shoulderShare({right + below, left + below}, {right + below, left + below}), 1.0 - c, 1e-12);
  // The centre beyond the rest (a hand hanging past the knee): the rest carries it all.
  EXPECT_NEAR(shoulderShare({right + 3.0 * forward, left + 3.0 * forward}, {right + 0.5 * forward, left + 0.5 * forward}), 0.0,
              1e-12);
}

}  // namespace
}  // namespace tonus::body
