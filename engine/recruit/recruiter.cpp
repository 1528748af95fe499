#include "recruit/recruiter.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace tonus::recruit {
namespace {

// [N m]^2 / 2: the least intersegmental give the active-set method works with (E0 ~ 1.4e-6 N m).
constexpr double kLeastGive = 1e-12;

}  // namespace

// The Lagrangian's minimisers at one point of the dual, and the dual's gradient there.
struct Recruiter::Point {
  Eigen::VectorXd a, e, r, gradient;
};

double Recruiter::dual(const Problem& p, const Eigen::VectorXd& multipliers, Point& at) const {
  const Eigen::Index dofs = p.A.rows(), coords = p.P.rows();
  const Eigen::VectorXd& e2 = give_squared_;
  const double r2 = 0.5 * settings_.reserve_strength * settings_.reserve_strength;
  const auto w = multipliers.head(dofs);
  const auto z = multipliers.tail(coords);
  const Eigen::VectorXd y = w - p.P.transpose() * z;
  const Eigen::VectorXd pull = p.A.transpose() * y;
  at.a = (0.5 * pull.array() * p.capacity.array().square()).max(p.floor.array()).min(p.capacity.array()).matrix();
  at.e = e2.cwiseProduct(w);
  at.r = -r2 * z;
  const Eigen::VectorXd unmet = p.b - p.A * at.a;  // what the muscles leave at each dof
  at.gradient.resize(dofs + coords);
  at.gradient.head(dofs) = unmet - at.e;
  at.gradient.tail(coords) = at.r - p.P * unmet;
  const double cost = (at.a.array() / p.capacity.array()).square().sum();
  return y.dot(p.b) + cost - pull.dot(at.a) - 0.5 * w.dot(e2.cwiseProduct(w)) - 0.5 * r2 * z.squaredNorm();
}

void Recruiter::setGive(const Problem& p) {
  // E0^2 / 2 per dof: the problem's own where it gives them, else the one setting for all.
  if (p.give.size() == p.A.rows()) {
    give_squared_ = 0.5 * p.give.array().square();
  } else {
    const double e0 = settings_.intersegmental_strength;
    give_squared_.setConstant(p.A.rows(), 0.5 * e0 * e0);
  }
}

namespace {

// The symmetric (w, z) system for muscles with weights D (c^2/2 where free, 0 where held):
// [[M + e2 I, -M P^T], [-P M, P M P^T + r2 I]], M = A D A^T.
Eigen::MatrixXd systemMatrix(const Problem& p, const Eigen::VectorXd& free_weight, const Eigen::VectorXd& e2, double r2) {
  const Eigen::Index dofs = p.A.rows(), coords = p.P.rows();
  Eigen::MatrixXd h(dofs + coords, dofs + coords);
  // M = B B^T with B the free muscles' columns scaled by sqrt(D): held muscles add nothing, and
  // the symmetric rank update does half the work of a general product.
  Eigen::Index free = 0;
  for (Eigen::Index i = 0; i < free_weight.size(); ++i) free += free_weight[i] > 0.0;
  Eigen::MatrixXd B(dofs, free);
  for (Eigen::Index i = 0, j = 0; i < free_weight.size(); ++i) {
    if (free_weight[i] > 0.0) B.col(j++) = std::sqrt(free_weight[i]) * p.A.col(i);
  }
  Eigen::MatrixXd M = Eigen::MatrixXd::Zero(dofs, dofs);
  M.selfadjointView<Eigen::Lower>().rankUpdate(B);
  for (Eigen::Index j = 1; j < dofs; ++j) M.col(j).head(j) = M.row(j).head(j).transpose();
  const Eigen::MatrixXd MPt = M * p.P.transpose();
  h.topLeftCorner(dofs, dofs) = M;
  h.topLeftCorner(dofs, dofs).diagonal() += e2;
  h.topRightCorner(dofs, coords) = -MPt;
  h.bottomLeftCorner(coords, dofs) = -MPt.transpose();
  h.bottomRightCorner(coords, coords).noalias() = p.P * MPt;
  h.bottomRightCorner(coords, coords).diagonal().array() += r2;
  return h;
}

}  // namespace

Eigen::VectorXd Recruiter::solveFixed(const Problem& p, const std::vector<signed char>& fixed, const Eigen::VectorXd& a) const {
  const Eigen::Index dofs = p.A.rows();
  // A joint with no give at all (E0 = 0) leaves the multipliers of a dof with no free muscle
  // undetermined; the least give keeps them defined without changing the answer measurably.
  const Eigen::VectorXd e2 = give_squared_.cwiseMax(kLeastGive);
  const double r2 = 0.5 * settings_.reserve_strength * settings_.reserve_strength;
  Eigen::VectorXd free_weight(p.A.cols());
  Eigen::VectorXd held = Eigen::VectorXd::Zero(p.A.cols());
  for (Eigen::Index i = 0; i < p.A.cols(); ++i) {
    free_weight[i] = fixed[static_cast<std::size_t>(i)] ? 0.0 : 0.5 * p.capacity[i] * p.capacity[i];
    if (fixed[static_cast<std::size_t>(i)]) held[i] = a[i];
  }
  // Balance with the held muscles' moments taken off the demand: rhs (b~, -P b~).
  const Eigen::VectorXd rest = p.b - p.A * held;
  Eigen::VectorXd rhs(dofs + p.P.rows());
  rhs.head(dofs) = rest;
  rhs.tail(p.P.rows()) = -p.P * rest;
  // Pivoted LDL^T: a singular system (a dof no free muscle crosses, no intersegmental give)
  // still gets the least solution along its null space.
  return systemMatrix(p, free_weight, e2, r2).ldlt().solve(rhs);
}

bool Recruiter::activeSet(const Problem& p, Eigen::VectorXd& a, int& iterations) const {
  const Eigen::Index dofs = p.A.rows(), muscles = p.A.cols();
  // Working set: muscles held at a bound (-1 floor, +1 capacity); any a in the box is feasible,
  // since the joints' tissues and the reserves take whatever the muscles leave.
  std::vector<signed char> at(static_cast<std::size_t>(muscles), 0);
  for (Eigen::Index i = 0; i < muscles; ++i) {
    a[i] = std::clamp(a[i], p.floor[i], p.capacity[i]);
    if (a[i] <= p.floor[i]) at[static_cast<std::size_t>(i)] = -1;
    else if (a[i] >= p.capacity[i]) at[static_cast<std::size_t>(i)] = 1;
  }
  for (; iterations < settings_.max_iterations; ++iterations) {
    const Eigen::VectorXd wz = solveFixed(p, at, a);
    const Eigen::VectorXd y = wz.head(dofs) - p.P.transpose() * wz.tail(p.P.rows());
    const Eigen::VectorXd pull = p.A.transpose() * y;  // the balance's price of each muscle's activation
    // Target activations of the free muscles, and how far toward them we can go in the box.
    double step = 1.0;
    Eigen::Index blocking = -1;
    signed char blocking_side = 0;
    Eigen::VectorXd target = a;
    for (Eigen::Index i = 0; i < muscles; ++i) {
      if (at[static_cast<std::size_t>(i)]) continue;
      target[i] = 0.5 * p.capacity[i] * p.capacity[i] * pull[i];
      const double d = target[i] - a[i];
      const double room = d < 0 ? (p.floor[i] - a[i]) / d : d > 0 ? (p.capacity[i] - a[i]) / d : 1.0;
      if (room < step) step = room, blocking = i, blocking_side = d < 0 ? -1 : 1;
    }
    a += step * (target - a);
    if (blocking >= 0) {  // a bound stops the step: hold that muscle exactly there
      a[blocking] = blocking_side < 0 ? p.floor[blocking] : p.capacity[blocking];
      at[static_cast<std::size_t>(blocking)] = blocking_side;
      continue;
    }
    // At the subproblem's minimum: release the held muscle whose bound is most in the way.
    Eigen::Index release = -1;
    double worst = 1e-12;
    for (Eigen::Index i = 0; i < muscles; ++i) {
      const signed char side = at[static_cast<std::size_t>(i)];
      if (!side) continue;
      // The objective's slope minus the balance's price: positive at the floor means raising
      // the activation would not pay; negative at capacity means lowering would not.
      const double slope = 2.0 * a[i] / (p.capacity[i] * p.capacity[i]) - pull[i];
      const double violation = side < 0 ? -slope : slope;
      if (violation > worst) worst = violation, release = i;
    }
    if (release < 0) return true;
    at[static_cast<std::size_t>(release)] = 0;
  }
  return false;
}

void Recruiter::finishWithActiveSet(const Problem& p, Eigen::VectorXd a, Solution& s) {
  const Eigen::Index dofs = p.A.rows(), coords = p.P.rows(), muscles = p.A.cols();
  const Eigen::VectorXd e2 = give_squared_.cwiseMax(kLeastGive);
  const double r2 = 0.5 * settings_.reserve_strength * settings_.reserve_strength;
  s.fell_back = true;
  s.converged = activeSet(p, a, s.iterations);
  if (!s.converged) s.issues |= kActiveSetNotConverged;
  // With the muscles fixed, the joints' tissues and reserves take what is left optimally.
  std::vector<signed char> all(static_cast<std::size_t>(muscles), 1);
  const Eigen::VectorXd wz = solveFixed(p, all, a);
  s.activation = a;
  s.intersegmental = e2.cwiseProduct(wz.head(dofs));
  s.reserve = -r2 * wz.tail(coords);
  multipliers_ = wz;
}

Solution Recruiter::solve(const Problem& p) {
  const Eigen::Index dofs = p.A.rows(), coords = p.P.rows(), muscles = p.A.cols(), n = dofs + coords;
  setGive(p);
  const Eigen::VectorXd& e2 = give_squared_;
  const double r2 = 0.5 * settings_.reserve_strength * settings_.reserve_strength;
  if (multipliers_.size() != n || !multipliers_.allFinite()) multipliers_ = Eigen::VectorXd::Zero(n);
  Solution s;
  // A NaN upstream (a bad posture, a broken muscle) must not spread through the warm start.
  if (!p.A.allFinite() || !p.b.allFinite() || !p.floor.allFinite() || !p.capacity.allFinite()) {
    s.issues = kNotFinite;
    s.activation = p.floor.array().isFinite().select(p.floor, 0.0);
    s.intersegmental = Eigen::VectorXd::Zero(dofs);
    s.reserve = Eigen::VectorXd::Zero(coords);
    s.capacity_exceeded = true;
    s.shortfall = s.shortfall_percent = std::numeric_limits<double>::quiet_NaN();
    multipliers_.setZero();
    return s;
  }
  const double scale = 1.0 + p.b.cwiseAbs().maxCoeff();

  Point at, trial;
  double value = dual(p, multipliers_, at);
  Eigen::VectorXd free_weight(muscles);
  Eigen::MatrixXd hessian(n, n);
  for (s.iterations = 0; s.iterations < settings_.newton_iterations; ++s.iterations) {
    if (at.gradient.cwiseAbs().maxCoeff() <= settings_.tolerance * scale) {
      s.converged = true;
      break;
    }
    // Negated generalised Hessian of the dual; F = muscles strictly inside their bounds.
    for (Eigen::Index i = 0; i < muscles; ++i) {
      const bool free = at.a[i] > p.floor[i] && at.a[i] < p.capacity[i];
      free_weight[i] = free ? 0.5 * p.capacity[i] * p.capacity[i] : 0.0;
    }
    hessian = systemMatrix(p, free_weight, e2, r2);
    const Eigen::LLT<Eigen::MatrixXd> cholesky(hessian);
    if (cholesky.info() != Eigen::Success) {
      s.issues |= kCholeskyFailed;
      break;
    }
    const Eigen::VectorXd step = cholesky.solve(at.gradient);
    // Backtracking line search: the dual must rise (Armijo, with the step's predicted gain).
    double t = 1.0;
    const double predicted = at.gradient.dot(step);
    bool rose = false;
    for (int k = 0; k < 40; ++k, t *= 0.5) {
      const double trial_value = dual(p, multipliers_ + t * step, trial);
      if (trial_value >= value + 1e-4 * t * predicted) {
        multipliers_ += t * step;
        value = trial_value;
        std::swap(at, trial);
        rose = true;
        break;
      }
    }
    if (!rose) {
      s.issues |= kLineSearchExhausted;
      break;
    }
  }
  if (s.converged) {
    s.activation = at.a;
    s.intersegmental = at.e;
    s.reserve = at.r;
  } else {
    if (!(s.issues & (kCholeskyFailed | kLineSearchExhausted))) s.issues |= kNewtonNotConverged;
    finishWithActiveSet(p, at.a, s);
  }
  // Along each coordinate the muscles supply the demand less the reserve. The unmet part is the
  // reserve along the demand, at most the demand: a reserve against it holds back an
  // involuntary excess (tone the load did not ask for), which is no shortfall of capacity.
  const Eigen::VectorXd demand = p.P * p.b;
  s.shortfall = 0.0;
  for (Eigen::Index k = 0; k < demand.size(); ++k) {
    const double along = demand[k] >= 0.0 ? s.reserve[k] : -s.reserve[k];
    s.shortfall += std::clamp(along, 0.0, std::fabs(demand[k]));
  }
  const double asked = demand.cwiseAbs().sum();
  s.shortfall_percent = asked > 0.0 ? 100.0 * s.shortfall / asked : 0.0;
  s.capacity_exceeded = s.shortfall > settings_.exceeded_threshold;
  return s;
}

}  // namespace tonus::recruit
