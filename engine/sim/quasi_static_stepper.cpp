#include "sim/quasi_static_stepper.hpp"

#include <algorithm>

#include "physiology/step.hpp"

namespace tonus::sim {

// Differences of the smooth posture taken within the phase [start, end]. Inside, central
// differences; at a phase's edge one-sided ones, so that a posture that jumps between phases
// (lying down, getting up) is never differentiated across the jump.
body::Motion motionAt(const body::SpineModel& model, const scenario::Timeline& timeline,
                      const scenario::PlannedPhase& pp, double t, bool still) {
  const auto q = [&](double time) {
    return body::jointAngles(model, timeline.targetIn(pp.index, std::clamp(time, pp.start, pp.end) - pp.start).posture);
  };
  const double h = 1e-3;
  if (still || pp.end - pp.start < 2 * h) return body::Motion::still(q(t));
  // Three points 0, h, 2h apart inside the phase: centred on t where room allows (then the
  // middle one is t itself).
  const double first = std::clamp(t - h, pp.start, pp.end - 2 * h);
  const double at = t - (first + h);  // t's place relative to the middle point
  const Eigen::VectorXd q0 = q(first), q1 = q(first + h), q2 = q(first + 2 * h);
  body::Motion m = body::Motion::still(at == 0.0 ? q1 : q(t));
  m.qddot = (q2 - 2 * q1 + q0) / (h * h);
  m.qdot = (q2 - q0) / (2 * h) + at * m.qddot;
  return m;
}

QuasiStaticStepper::QuasiStaticStepper(const body::SpineModel& model, const scenario::Timeline& timeline,
                                       Eigen::VectorXd strength, recruit::Settings recruitment,
                                       scenario::Mechanics mechanics, StepSizes sizes)
    : model_(model), timeline_(timeline), sizes_(sizes), solver_(model, std::move(strength), recruitment, mechanics) {}

void QuasiStaticStepper::beginPhase(const scenario::PlannedPhase&) { mechanics_cached_ = false; }

MechanicsStep QuasiStaticStepper::step(const StepRequest& r) {
  const scenario::PlannedPhase& pp = *r.phase;
  const double t = r.time;
  MechanicsStep out;
  out.still = t >= r.still_from - 1e-12;
  // A still posture's mechanics are solved once; after that only the recruitment moves.
  if (out.still && mechanics_cached_) {
    out.frame = solver_.resolve(*r.floor, *r.capacity);
  } else {
    out.frame = solver_.solve(*r.target, motionAt(model_, timeline_, pp, t, out.still), *r.floor, *r.capacity);
  }
  mechanics_cached_ = out.still;
  // Moving: fast steps on a grid from the phase start. Holding: as long as the physiology
  // allows (fatigue moving by at most 0.005 per step), between 0.5 s and hold_step.
  if (out.still) {
    const double shortest = std::min(0.5, sizes_.hold_step);
    const double length = std::clamp(physiology::suggestedStep(*r.physiology, *r.state, out.frame.activation), shortest,
                                     sizes_.hold_step);
    out.until = std::min(pp.end, t + length);
  } else {
    out.until = std::min(r.still_from, pp.start + static_cast<double>(r.moving_steps + 1) * sizes_.fast_step);
  }
  // A sliver left before the phase's end joins this step.
  if (pp.end - out.until < 1e-9) out.until = pp.end;
  return out;
}

}  // namespace tonus::sim
