// Recruitment: where the muscles can carry the load the moments balance to 1e-6 and the
// solution is optimal (checked by the optimality conditions, independently of the method);
// where they cannot, the shortfall is least-squares, flagged and measured.
#include <gtest/gtest.h>

#include <limits>
#include <random>

#include <Eigen/QR>

#include "recruit/recruiter.hpp"

namespace tonus::recruit {
namespace {

// A random muscle-sharing problem: each muscle pulls mostly one way on each dof, as real ones do.
Problem randomProblem(int dofs, int muscles, unsigned seed, double demand) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Problem p;
  p.A.resize(dofs, muscles);
  for (int i = 0; i < muscles; ++i) {
    for (int j = 0; j < dofs; ++j) p.A(j, i) = 30.0 * u(rng);
  }
  p.b = Eigen::VectorXd::NullaryExpr(dofs, [&](Eigen::Index) { return demand * u(rng); });
  p.P = Eigen::MatrixXd::Identity(dofs, dofs);
  p.floor = Eigen::VectorXd::Constant(muscles, 0.01);
  p.capacity = Eigen::VectorXd::NullaryExpr(muscles, [&](Eigen::Index) { return 0.5 + 0.5 * std::fabs(u(rng)); });
  return p;
}

// KKT conditions of min sum (a/c)^2 s.t. A a = b, floor <= a <= c: with y = multipliers,
// 2 a_i / c_i^2 = (A^T y)_i where a_i is strictly inside, >= at the floor, <= at capacity.
void expectOptimal(const Problem& p, const Eigen::VectorXd& a) {
  // Recover y from the free muscles by least squares, then check every muscle against it.
  std::vector<int> free;
  for (int i = 0; i < a.size(); ++i) {
    if (a[i] > p.floor[i] + 1e-9 && a[i] < p.capacity[i] - 1e-9) free.push_back(i);
  }
  ASSERT_GE(static_cast<int>(free.size()), p.A.rows()) << "enough free muscles to pin the multipliers";
  Eigen::MatrixXd At(free.size(), p.A.rows());
  Eigen::VectorXd g(free.size());
  for (std::size_t k = 0; k < free.size(); ++k) {
    At.row(static_cast<Eigen::Index>(k)) = p.A.col(free[k]).transpose();
    g[static_cast<Eigen::Index>(k)] = 2 * a[free[k]] / (p.capacity[free[k]] * p.capacity[free[k]]);
  }
  const Eigen::VectorXd y = At.colPivHouseholderQr().solve(g);
  const Eigen::VectorXd pull = p.A.transpose() * y;
  for (int i = 0; i < a.size(); ++i) {
    const double gradient = 2 * a[i] / (p.capacity[i] * p.capacity[i]);
    if (a[i] <= p.floor[i] + 1e-9) EXPECT_GE(gradient, pull[i] - 1e-6) << "muscle " << i << " at its floor";
    else if (a[i] >= p.capacity[i] - 1e-9) EXPECT_LE(gradient, pull[i] + 1e-6) << "muscle " << i << " at capacity";
    else EXPECT_NEAR(gradient, pull[i], 1e-6) << "free muscle " << i;
  }
}

TEST(Recruiter, BalancesEveryDofWhereCapacitySuffices) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    const Problem p = randomProblem(21, 178, seed, 40.0);
    Recruiter r;
    const Solution s = r.solve(p);
    ASSERT_TRUE(s.converged) << seed;
    EXPECT_FALSE(s.capacity_exceeded) << seed;
    const Eigen::VectorXd residual = p.A * s.activation - p.b;
    EXPECT_LT(residual.cwiseAbs().maxCoeff(), 1e-6 * p.b.cwiseAbs().maxCoeff()) << seed;
    EXPECT_TRUE((s.activation.array() >= p.floor.array() - 1e-12).all());
    EXPECT_TRUE((s.activation.array() <= p.capacity.array() + 1e-12).all());
    expectOptimal(p, s.activation);
  }
}

TEST(Recruiter, ShortfallIsFlaggedAndMeasured) {
  Problem p = randomProblem(6, 40, 9, 40.0);
  // Ask for far more than every muscle at capacity can give about dof 0.
  p.b[0] = 1.0 * p.A.row(0).cwiseAbs().dot(p.capacity) * 3.0;
  Recruiter r;
  const Solution s = r.solve(p);
  EXPECT_TRUE(s.converged);
  EXPECT_TRUE(s.capacity_exceeded);
  // The reserve takes exactly what the muscles leave: A a + reserve = b.
  EXPECT_LT((p.A * s.activation + s.reserve - p.b).cwiseAbs().maxCoeff(), 1e-6 * p.b.cwiseAbs().maxCoeff());
  // The muscles can supply at most b0 / 3 about dof 0 (b0 = 3 sum |A0i| c_i): the rest is short.
  EXPECT_GE(s.shortfall, (2.0 / 3.0) * p.b[0]);
  EXPECT_NEAR(s.shortfall_percent, 100.0 * s.shortfall / p.b.cwiseAbs().sum(), 1e-9);
  // The muscles that help dof 0 most are pushed to capacity.
  int at_capacity = 0;
  for (int i = 0; i < p.A.cols(); ++i) at_capacity += s.activation[i] > p.capacity[i] - 1e-9;
  EXPECT_GT(at_capacity, 5);
}

TEST(Recruiter, AnExcessTheFloorsForceIsNoShortfall) {
  // One dof, two muscles pulling opposite ways; the agonist's involuntary floor gives more than
  // the small demand, and the antagonist, at capacity, cannot cancel it: the reserve pushes
  // against the demand. Nothing of the demand is unmet, so there is no shortfall.
  Problem p;
  p.A = Eigen::MatrixXd(1, 2);
  p.A << 100.0, -10.0;
  p.b = Eigen::VectorXd::Constant(1, 5.0);
  p.P = Eigen::MatrixXd::Identity(1, 1);
  p.floor = Eigen::Vector2d(0.5, 0.0);  // 50 N m forced, 10 N m of antagonist at most
  p.capacity = Eigen::Vector2d(1.0, 1.0);
  Recruiter r;
  const Solution s = r.solve(p);
  EXPECT_LT(s.reserve[0], -30.0) << "the reserve holds back the excess";
  EXPECT_EQ(s.shortfall, 0.0);
  EXPECT_EQ(s.shortfall_percent, 0.0);
  EXPECT_FALSE(s.capacity_exceeded);
  // The same muscles asked for far more than they can give: the unmet part is measured, and the
  // percentage stays within 0-100 however large the demand.
  p.floor.setZero();
  p.b[0] = 1e6;
  const Solution short_of = r.solve(p);
  EXPECT_TRUE(short_of.capacity_exceeded);
  EXPECT_NEAR(short_of.shortfall, 1e6 - 100.0, 1e-3 * 1e6);
  EXPECT_GT(short_of.shortfall_percent, 99.9);
  EXPECT_LE(short_of.shortfall_percent, 100.0);
}

TEST(Recruiter, CoupledCoordinatesBalanceExactlyAndTheRestIsInternal) {
  Problem p = randomProblem(6, 60, 4, 30.0);
  // Two coordinates: dofs 0-2 move together with shares, dofs 3-5 with others.
  p.P = Eigen::MatrixXd::Zero(2, 6);
  p.P.row(0).head(3) << 0.5, 0.3, 0.2;
  p.P.row(1).tail(3) << 0.2, 0.3, 0.5;
  Recruiter r;
  const Solution s = r.solve(p);
  ASSERT_TRUE(s.converged);
  const Eigen::VectorXd carried = p.b - p.A * s.activation;  // what the joints' own tissues carry
  EXPECT_LT((carried - s.intersegmental).cwiseAbs().maxCoeff(), 1e-6 * p.b.cwiseAbs().maxCoeff());
  EXPECT_LT((p.P * carried).cwiseAbs().maxCoeff(), 1e-6 * p.b.cwiseAbs().maxCoeff())
      << "no net help along a coupled coordinate";
  EXPECT_FALSE(s.capacity_exceeded);
}

TEST(Recruiter, WarmStartNeedsFewerIterations) {
  const Problem p = randomProblem(21, 178, 3, 40.0);
  Recruiter r;
  const int cold = r.solve(p).iterations;
  Problem q = p;
  q.b *= 1.01;  // the next frame, a little different
  const Solution warm = r.solve(q);
  EXPECT_LE(warm.iterations, cold);
  EXPECT_LE(warm.iterations, 3);
  // The warm start changes the path, not the answer.
  Recruiter fresh;
  const Solution cold_q = fresh.solve(q);
  EXPECT_LT((warm.activation - cold_q.activation).cwiseAbs().maxCoeff(), 1e-8);
}

TEST(Recruiter, TheActiveSetFallbackGivesNewtonsAnswer) {
  // Newton denied its iterations must hand over, say so, and reach the same optimum.
  for (unsigned seed = 1; seed <= 3; ++seed) {
    const Problem p = randomProblem(21, 178, seed, 40.0);
    const Solution newton = Recruiter().solve(p);
    ASSERT_TRUE(newton.converged && !newton.fell_back) << seed;
    Settings no_newton;
    no_newton.newton_iterations = 0;
    const Solution fallback = Recruiter(no_newton).solve(p);
    EXPECT_TRUE(fallback.fell_back) << seed;
    EXPECT_TRUE(fallback.converged) << seed;
    EXPECT_EQ(fallback.issues, kNewtonNotConverged) << seed;
    EXPECT_LT((fallback.activation - newton.activation).cwiseAbs().maxCoeff(), 1e-7) << seed;
    expectOptimal(p, fallback.activation);
  }
}

TEST(Recruiter, AFailedCholeskyFallsBackAndStillSolves) {
  // No intersegmental give (E0 = 0) and a dof no muscle crosses: Newton's system is singular,
  // its Cholesky factorisation fails, and the active-set method (pivoted LDL^T) finishes.
  Problem p = randomProblem(6, 40, 11, 20.0);
  p.A.row(5).setZero();
  p.b[5] = 0.0;
  Settings rigid;
  rigid.intersegmental_strength = 0.0;
  const Solution s = Recruiter(rigid).solve(p);
  EXPECT_TRUE(s.fell_back);
  EXPECT_TRUE(s.issues & kCholeskyFailed) << s.issues;
  EXPECT_TRUE(s.converged);
  EXPECT_FALSE(s.capacity_exceeded);
  EXPECT_LT((p.A * s.activation - p.b).cwiseAbs().maxCoeff(), 1e-6 * p.b.cwiseAbs().maxCoeff());
  // The same optimum as a tiny give lets Newton find (the criterion barely changes).
  Settings tiny;
  tiny.intersegmental_strength = 1e-4;
  const Solution newton = Recruiter(tiny).solve(p);
  ASSERT_TRUE(newton.converged && !newton.fell_back);
  EXPECT_LT((s.activation - newton.activation).cwiseAbs().maxCoeff(), 1e-5);
}

TEST(Recruiter, ANaNInTheProblemIsReportedAndDoesNotPoisonTheNextFrame) {
  Problem p = randomProblem(6, 40, 2, 20.0);
  Recruiter r;
  const Solution good = r.solve(p);
  Problem bad = p;
  bad.b[2] = std::numeric_limits<double>::quiet_NaN();
  const Solution s = r.solve(bad);
  EXPECT_FALSE(s.converged);
  EXPECT_EQ(s.issues, kNotFinite);
  EXPECT_TRUE(s.capacity_exceeded);
  EXPECT_TRUE(s.activation.allFinite());
  EXPECT_EQ(s.activation, p.floor) << "muscles held at their floor";
  // The warm start is not poisoned: the next good frame gives the good answer.
  const Solution again = r.solve(p);
  EXPECT_TRUE(again.converged);
  EXPECT_LT((again.activation - good.activation).cwiseAbs().maxCoeff(), 1e-8);
}

TEST(Recruiter, AnActiveSetThatRunsOutIsAFailureNotASilence) {
  // Too few steps for the active-set method to place 178 muscles: reported, never hidden.
  const Problem p = randomProblem(21, 178, 5, 40.0);
  Settings starved;
  starved.newton_iterations = 0;
  starved.max_iterations = 3;
  const Solution s = Recruiter(starved).solve(p);
  EXPECT_TRUE(s.fell_back);
  EXPECT_FALSE(s.converged);
  EXPECT_TRUE(s.issues & kActiveSetNotConverged) << s.issues;
}

}  // namespace
}  // namespace tonus::recruit
