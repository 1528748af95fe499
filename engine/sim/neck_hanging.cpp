// Hanging on the neck's passive tissues. A head bent far forward comes to rest where the neck's
// joint tissues and stretched extensors hold its weight; the flexors do not pull it further
// down, and the extensors fall silent (the cervical flexion-relaxation posture: Meyer, Berk &
// Anderson 1993; Pialasse, Dubois, Choquette, Lafond & Descarreaux 2009). Where the asked neck
// flexion would leave the muscles having to add flexion, the head bends only as far as the
// tissues balance (docs/model.md, "Hanging in deep flexion").
#include "sim/frame_solver.hpp"

namespace tonus::sim {

bool FrameSolver::mayNeckHang(const scenario::BodyTarget& target, const body::Motion& motion) const {
  const int neck = model_.neckSegment();
  if (neck < 0 || target.supported || target.exert_effort > 0.0) return false;
  return motion.q[3 * neck + body::kFlexion] > 0.0;
}

double FrameSolver::neckExcess(const Eigen::VectorXd& tau, const FrameResult& result) const {
  return excessAt(3 * model_.neckSegment() + body::kFlexion, tau, result);
}

body::Motion FrameSolver::settleNeck(const scenario::BodyTarget& target, const body::Motion& motion,
                                     std::vector<body::PointLoad>& applied, FrameResult& result, Eigen::VectorXd& tau) {
  const int dof = 3 * model_.neckSegment() + body::kFlexion;
  const double excess_at_target = neckExcess(tau, result);
  // Keep a share s of the asked neck flexion; the rest of the body stays where it is.
  const auto posture = [&](double s) {
    body::Motion m = motion;
    m.q[dof] *= s;
    return m;
  };
  // Upright the head leans on its extensors (the excess is negative there); it grows with flexion.
  const auto excess_of = [&](const Eigen::VectorXd& t, const FrameResult& r) { return neckExcess(t, r); };
  const double s = settleShare(target, posture, excess_of, 0.0, excess_at_target, applied, result, tau);
  result.neck_kept = s;
  return posture(s);
}

}  // namespace tonus::sim
