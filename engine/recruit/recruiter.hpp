#pragma once
// Muscle force sharing for one frame: the activations that supply the joint moments the
// passive tissues leave over, minimising the sum of squared activations relative to each
// muscle's current capacity (Crowninshield & Brand 1981's criterion, capacity-weighted).
//
//   minimise   sum_i (a_i / c_i)^2  +  sum_j (e_j / E0)^2  +  sum_k (r_k / R0)^2
//   subject to sum_i A_ji a_i + e_j = b_j    for every recruited dof j       (moment balance)
//              sum_j P_kj e_j      = r_k    for every coupled coordinate k  (no net help)
//              floor_i <= a_i <= c_i
//
// A_ji is muscle i's moment about dof j per unit activation, b_j the moment muscles must add
// (inverse dynamics minus passive joint and passive muscle moments). e_j is what the joint's
// intersegmental tissues (small deep muscles, ligaments) carry beyond their passive curve:
// cheap in small amounts (E0 = 20 N m, or per dof as the problem gives) but internal, summing to zero along each coupled
// coordinate P_k (the lumbar rhythm's shares; each neck dof on its own). r_k are reserves of a
// very weak actuator (R0 = 1e-3 N m): negligible while muscles can balance the load, taking
// the least-squares shortfall when they cannot, which is then flagged. With P = identity the
// balance is exact at every dof.
//
// Solved in its dual: for multipliers (y, z) the Lagrangian's minimisers are
//   a_i = clamp(c_i^2 (A^T y)_i / 2, floor_i, c_i),  e = E0^2 (y + P^T z) / 2,  r = -R0^2 z / 2;
// the dual is concave and piecewise quadratic, and a semismooth Newton method with a
// backtracking line search finds its maximum in a few (dofs + coordinates)-sized Cholesky
// solves, warm-started from the previous frame. It works in w = y + P^T z and z: when the
// muscles cannot cope, y and P^T z grow huge and nearly cancel, and w keeps that exact.
// Semismooth Newton can cycle between active sets where the problem is degenerate (at the edge
// of the muscles' capacity), its Cholesky factorisation can fail where the system is singular,
// and its line search can run out; in each case a primal active-set method (Nocedal & Wright
// 2006, ch. 16.5) finishes from its point, solving with a pivoted LDL^T that copes with
// singular systems. Every fallback and every failure is reported in the Solution.
#include <Eigen/Core>
#include <vector>

namespace tonus::recruit {

struct Problem {
  Eigen::MatrixXd A;          // dofs x muscles [N m per unit activation]
  Eigen::VectorXd b;          // dofs [N m]
  Eigen::MatrixXd P;          // coordinates x dofs: how the dofs move together
  Eigen::VectorXd floor;      // muscles: least activation (involuntary tone, bank minimum)
  Eigen::VectorXd capacity;   // muscles: most activation (1 - fatigued fraction), > 0
  // dofs: each joint's intersegmental give E0 [N m]; empty: Settings::intersegmental_strength.
  Eigen::VectorXd give;
};

// Why Newton handed over to the active-set method (bits), or why no solution was found.
enum RecruitmentIssue : unsigned {
  kNewtonNotConverged = 1u << 0,   // still cycling after Settings::newton_iterations
  kCholeskyFailed = 1u << 1,       // the Newton system was not positive definite
  kLineSearchExhausted = 1u << 2,  // no step raised the dual
  kActiveSetNotConverged = 1u << 3,  // Settings::max_iterations reached: the answer is not optimal
  kNotFinite = 1u << 4,            // NaN or infinity in the problem: muscles held at their floor
};

struct Solution {
  Eigen::VectorXd activation;     // muscles
  Eigen::VectorXd intersegmental; // dofs [N m] carried by the joint's own tissues (e)
  Eigen::VectorXd reserve;        // coordinates [N m], what the muscles could not supply
  int iterations = 0;
  bool converged = false;          // optimal to the tolerance, by either method
  bool fell_back = false;          // the active-set method finished (see issues)
  unsigned issues = 0;             // RecruitmentIssue bits
  bool capacity_exceeded = false;
  double shortfall = 0.0;          // demand left unmet, summed over coordinates [N m]
  double shortfall_percent = 0.0;  // of the demand, sum |P b|: 0 to 100
};

struct Settings {
  double intersegmental_strength = 20.0;  // E0 [N m] (ASSUMPTION, docs/recruitment.md)
  // delta0 [rad]: how far a joint may stray from the rhythm's share before its passive tissues
  // count as "give" (a joint of passive stiffness K gives max(E0, K delta0); docs/recruitment.md).
  double intersegmental_angle = 5.0 * 3.14159265358979323846 / 180.0;
  double reserve_strength = 1e-3;        // R0 [N m]
  double tolerance = 1e-9;               // on the residuals, relative to 1 + |b|
  int newton_iterations = 15;       // before handing over to the active-set method
  int max_iterations = 500;         // active-set steps
  double exceeded_threshold = 1e-2;      // [N m] unmet demand above which a frame is flagged
};

// Keeps the multipliers between frames (a warm start); one per run, not shared by threads.
class Recruiter {
 public:
  explicit Recruiter(Settings settings = {}) : settings_(settings) {}
  Solution solve(const Problem& problem);
  void reset() { multipliers_.resize(0); }

 private:
  struct Point;
  double dual(const Problem& p, const Eigen::VectorXd& w, Point& at) const;
  void setGive(const Problem& p);  // give_squared_ for this problem
  // (w, z) solving the equality-constrained problem with the muscles flagged `fixed` held at
  // their current activation.
  Eigen::VectorXd solveFixed(const Problem& p, const std::vector<signed char>& fixed, const Eigen::VectorXd& a) const;
  bool activeSet(const Problem& p, Eigen::VectorXd& a, int& iterations) const;
  // The active-set finish from activations `a`, filling the solution.
  void finishWithActiveSet(const Problem& p, Eigen::VectorXd a, Solution& s);

  Settings settings_;
  Eigen::VectorXd multipliers_;  // (w, z) with w = y + P^T z
  Eigen::VectorXd give_squared_;  // E0^2 / 2 per dof of the problem being solved
};

}  // namespace tonus::recruit
