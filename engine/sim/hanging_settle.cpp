// Hanging on the passive tissues. The lumbar rhythm shares a trunk angle between the hips and
// the spine as muscles steer it; in deep bending the spine instead flexes only until its
// ligaments, fascia and stretched muscles balance the weight above, and the hips take the rest
// (the flexion-relaxation posture). Where the rhythm's lumbar flexion would leave the passive
// tissues holding more than gravity asks, so that the abdominals would have to pull the spine
// further down, the frame is solved at the lumbar flexion where they just balance
// (docs/model.md, "Hanging in deep flexion"). Its root finder, settleShare, also settles a head
// bent far forward on the neck (neck_hanging.cpp).
#include <algorithm>
#include <cmath>

#include "sim/frame_solver.hpp"

namespace tonus::sim {
namespace {

constexpr int kMostIterations = 12;

// The share s in [lo, hi] at which the muscles' excess moment f(s) crosses zero, f rising with
// s (f(lo) < 0 < f(hi)): regula falsi with the Illinois rule, a handful of frame evaluations.
template <class Excess>
double balanceRoot(double lo, double f_lo, double hi, double f_hi, const Excess& f, double tolerance, int iterations) {
  double s = lo;
  int side = 0;
  for (int i = 0; i < iterations; ++i) {
    s = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
    const double value = f(s);
    if (std::fabs(value) < tolerance) break;
    if (value > 0.0) {
      hi = s, f_hi = value;
      if (side == 1) f_lo *= 0.5;
      side = 1;
    } else {
      lo = s, f_lo = value;
      if (side == -1) f_hi *= 0.5;
      side = -1;
    }
  }
  return s;
}

}  // namespace

bool FrameSolver::mayHang(const scenario::BodyTarget& target, const body::Motion& motion) const {
  if (target.supported || target.backrest || target.exert_effort > 0.0) return false;
  double lumbar = 0.0;
  for (const auto& [segment, share] : model_.rhythm().shares[body::kFlexion]) {
    if (model_.segment(segment).parent >= 0) lumbar += motion.q[3 * segment + body::kFlexion];
  }
  return lumbar > 0.0;
}

double FrameSolver::hangingExcess(const Eigen::VectorXd& tau, const FrameResult& result) const {
  double excess = 0.0;
  for (const auto& [segment, share] : model_.rhythm().shares[body::kFlexion]) {
    if (model_.segment(segment).parent < 0) continue;
    const int dof = 3 * segment + body::kFlexion;
    excess += share * excessAt(dof, tau, result);
  }
  return excess;
}

double FrameSolver::excessAt(int dof, const Eigen::VectorXd& tau, const FrameResult& result) const {
  return tau[dof] + result.passive_joint_moment[dof] - geometry_.moment_arm.col(dof).dot(passive_force_);
}

body::Motion FrameSolver::settleHanging(const scenario::BodyTarget& target, const body::Motion& motion,
                                        std::vector<body::PointLoad>& applied, FrameResult& result,
                                        Eigen::VectorXd& tau) {
  int pelvis = -1;
  double lumbar = 0.0;
  for (const auto& [segment, share] : model_.rhythm().shares[body::kFlexion]) {
    if (model_.segment(segment).parent < 0) pelvis = segment;
    else lumbar += motion.q[3 * segment + body::kFlexion];
  }
  if (pelvis < 0) return motion;
  const double excess_at_target = hangingExcess(tau, result);

  // Keep a share s of the lumbar flexion and turn the pelvis by the rest, so the thorax keeps
  // its inclination; the pelvis may not pass the end of its range.
  const int pelvis_dof = 3 * pelvis + body::kFlexion;
  const double pelvis_room = model_.segment(pelvis).joint.range_max[body::kFlexion] - motion.q[pelvis_dof];
  const auto posture = [&](double s) {
    body::Motion m = motion;
    for (const auto& [segment, share] : model_.rhythm().shares[body::kFlexion]) {
      if (segment != pelvis) m.q[3 * segment + body::kFlexion] *= s;
    }
    m.q[pelvis_dof] += (1.0 - s) * lumbar;
    return m;
  };
  const double lo = std::clamp(1.0 - pelvis_room / lumbar, 0.0, 1.0);
  const auto excess_of = [&](const Eigen::VectorXd& t, const FrameResult& r) { return hangingExcess(t, r); };
  const double s = settleShare(target, posture, excess_of, lo, excess_at_target, applied, result, tau);
  result.lumbar_kept = s;
  return posture(s);
}

double FrameSolver::settleShare(const scenario::BodyTarget& target, const std::function<body::Motion(double)>& posture,
                                const std::function<double(const Eigen::VectorXd&, const FrameResult&)>& excess_of,
                                double lo, double excess_as_asked, std::vector<body::PointLoad>& applied,
                                FrameResult& result, Eigen::VectorXd& tau) {
  // The whole frame's mechanics at a share s, abdominal pressure included.
  double evaluated = 1.0;
  const auto excess = [&](double s) {
    evaluated = s;
    const body::Motion m = posture(s);
    mechanicsAt(target, m, applied, result);
    tau = inverseDynamics(target, m, applied, result);
    return excess_of(tau, result);
  };
  // Regula falsi with the Illinois rule between the least share allowed and the asked posture.
  const double f_lo = excess(lo);
  const double s = f_lo < 0.0 ? balanceRoot(lo, f_lo, 1.0, excess_as_asked, excess, kHangingTolerance, kMostIterations) : lo;
  // Leave the mechanics at the share chosen (the last one tried may differ).
  if (evaluated != s) excess(s);
  return s;
}

}  // namespace tonus::sim
