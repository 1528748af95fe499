#include "scenario/timeline.hpp"

#include <algorithm>
#include <cmath>

#include "body/kinematics.hpp"
#include "body/loads.hpp"
#include "input/error_collector.hpp"
#include "input/yaml_reader.hpp"
#include "scenario/lift_plan.hpp"

namespace tonus::scenario {
namespace {

constexpr double kDeg = M_PI / 180.0;
// Share of its largest flexion the lumbar spine takes in a lying knees-to-chest stretch (ASSUMPTION).
constexpr double kKneesToChestLumbarFraction = 0.85;

// Largest whole-trunk flexion the rhythm can share out without leaving a joint's range.
double maxTrunkFlexion(const body::SpineModel& model) {
  // The largest whole-trunk flexion (to 0.1 deg) whose joint angles all stay in range.
  const auto fits = [&](double flexion) {
    body::TrunkPosture p;
    p.flexion = flexion;
    return !body::checkRanges(model, body::jointAngles(model, p)).has_value();
  };
  double lo = 0.0, hi = M_PI;
  while (hi - lo > 0.1 * kDeg) (fits(0.5 * (lo + hi)) ? lo : hi) = 0.5 * (lo + hi);
  return 0.98 * lo;
}

// The whole-trunk flexion at which the joints above the pelvis bend `fraction` of what they can
// bend together (the rhythm's lumbar limit, or the largest trunk flexion's lumbar share).
double flexionForLumbarFraction(const body::SpineModel& model, double fraction, double max_trunk) {
  const auto lumbar = [&](double flexion) {
    body::TrunkPosture p;
    p.flexion = flexion;
    const Eigen::VectorXd q = body::jointAngles(model, p);
    double sum = 0.0;
    for (const auto& [segment, share] : model.rhythm().shares[body::kFlexion]) {
      if (model.segment(segment).parent >= 0) sum += q[3 * segment + body::kFlexion];
    }
    return sum;
  };
  const double target = fraction * lumbar(max_trunk);
  double lo = 0.0, hi = max_trunk;
  for (int i = 0; i < 50; ++i) (lumbar(0.5 * (lo + hi)) < target ? lo : hi) = 0.5 * (lo + hi);
  return 0.5 * (lo + hi);
}

double pelvisShare(const body::SpineModel& model) {
  for (const auto& [segment, share] : model.rhythm().shares[body::kFlexion]) {
    if (model.segment(segment).parent < 0) return share;
  }
  return 0.0;
}

body::TrunkPosture blend(const body::TrunkPosture& a, const body::TrunkPosture& b, double s) {
  const auto mix = [s](double x, double y) { return x + s * (y - x); };
  body::TrunkPosture out;
  out.flexion = mix(a.flexion, b.flexion);
  out.lateral_bending = mix(a.lateral_bending, b.lateral_bending);
  out.axial_rotation = mix(a.axial_rotation, b.axial_rotation);
  out.neck_flexion = mix(a.neck_flexion, b.neck_flexion);
  out.neck_lateral_bending = mix(a.neck_lateral_bending, b.neck_lateral_bending);
  out.neck_axial_rotation = mix(a.neck_axial_rotation, b.neck_axial_rotation);
  out.extra_pelvis_tilt = mix(a.extra_pelvis_tilt, b.extra_pelvis_tilt);
  out.extra_lumbar_flexion = mix(a.extra_lumbar_flexion, b.extra_lumbar_flexion);
  out.thigh_flexion = mix(a.thigh_flexion, b.thigh_flexion);
  return out;
}

double largestChange(const body::TrunkPosture& a, const body::TrunkPosture& b) {
  return std::max({std::fabs(a.flexion - b.flexion), std::fabs(a.lateral_bending - b.lateral_bending),
                   std::fabs(a.axial_rotation - b.axial_rotation), std::fabs(a.neck_flexion - b.neck_flexion),
                   std::fabs(a.extra_pelvis_tilt - b.extra_pelvis_tilt),
                   std::fabs(a.extra_lumbar_flexion - b.extra_lumbar_flexion)});
}

// Times within a phase where its posture is at an extreme, for the range check.
std::vector<double> extremeTimes(const PlannedPhase& pp) {
  const Phase& p = pp.phase;
  if (p.kind == PhaseKind::Lift) return {0.25 * p.cycle_s};
  if (p.kind == PhaseKind::Twist) {
    const double half = 1.875 * p.twist_angle / p.twist_peak_speed;
    return {half, twistRepDuration(p.twist_angle, p.twist_peak_speed) + half};
  }
  return {0.0};
}

}  // namespace

int referenceJoint(const body::SpineModel& model) {
  const int l5s1 = model.jointIndex("L5_S1");
  if (l5s1 >= 0) return l5s1;
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (model.segment(s).parent >= 0 && model.segment(model.segment(s).parent).parent < 0) return s;
  }
  return 0;
}

Timeline::Timeline(const Scenario& scenario, const body::SpineModel& model) {
  plan(scenario, model);
  input::ErrorCollector errors;
  checkRanges(model, errors);
  errors.throwIfAny();
}

Timeline::Timeline(const Scenario& scenario, const body::SpineModel& model, input::ErrorCollector& errors) {
  plan(scenario, model);
  checkRanges(model, errors);
}

void Timeline::plan(const Scenario& scenario, const body::SpineModel& model) {
  double t = 0.0;
  BodyTarget previous;  // the scenario starts from upright standing
  for (std::size_t i = 0; i < scenario.phases.size(); ++i) {
    PlannedPhase pp;
    pp.phase = scenario.phases[i];
    pp.index = static_cast<int>(i);
    pp.start = t;
    pp.end = t + pp.phase.duration;
    pp.cyclic = pp.phase.kind == PhaseKind::Lift || pp.phase.kind == PhaseKind::Twist;
    pp.plan.pelvis_flexion_share = pelvisShare(model);
    pp.plan.max_trunk_flexion = maxTrunkFlexion(model);
    pp.plan.lumbar_flexion_limit = model.rhythm().lumbar_flexion_limit;
    pp.plan.lumbar_flexion_order = model.rhythm().lumbar_flexion_order;
    // A lying knees-to-chest stretch flexes the lumbar spine to most, not all, of its range.
    if (pp.phase.kind == PhaseKind::Stretch) {
      pp.plan.knees_to_chest_flexion = flexionForLumbarFraction(model, kKneesToChestLumbarFraction, pp.plan.max_trunk_flexion);
    }
    if (pp.phase.kind == PhaseKind::Lift) planLift(pp.phase, model, pp.plan);
    pp.entry = previous;
    // Moving into the new posture takes 0.5 s plus 1 s per 60 deg, at most 3 s and at most
    // half the phase (ASSUMPTION: unhurried everyday movement).
    const BodyTarget first = phaseTarget(pp.phase, pp.plan, 0.0);
    // Lying down, getting up or onto a test bench is not a trunk-angle blend: the posture
    // switches with the support.
    const bool switches_support = previous.supported != first.supported || previous.prone_over_edge != first.prone_over_edge;
    // A sudden event's phase starts at rest in its own posture (forward dynamics starts from a
    // still body; docs/forward.md): no blend into it.
    const double change = pp.phase.kind == PhaseKind::Drink || switches_support || runsForward(pp.phase) ? 0.0
                                                                                : largestChange(previous.posture, first.posture);
    pp.transition = change > 1e-9 ? std::min({0.5 + change / (60 * kDeg), 3.0, 0.5 * pp.phase.duration}) : 0.0;
    phases_.push_back(pp);
    const BodyTarget last = targetIn(static_cast<int>(i), pp.phase.duration);
    if (pp.phase.kind != PhaseKind::Drink) previous = last;
    t = pp.end;
  }
  duration_ = t;
}

int Timeline::phaseAt(double t) const {
  // The first phase with end > t (zero-length phases are passed over).
  const auto it = std::upper_bound(phases_.begin(), phases_.end(), t,
                                   [](double time, const PlannedPhase& p) { return time < p.end; });
  if (it == phases_.end()) {
    for (int i = static_cast<int>(phases_.size()) - 1; i >= 0; --i) {
      if (phases_[i].end > phases_[i].start) return i;
    }
    return static_cast<int>(phases_.size()) - 1;
  }
  return static_cast<int>(it - phases_.begin());
}

BodyTarget Timeline::targetIn(int index, double t) const {
  const PlannedPhase& pp = phases_[index];
  // Drinking keeps the body as the previous phase left it (seated stays seated, a shoulder bag
  // stays on), with the hands freed from what they held or pushed against.
  if (pp.phase.kind == PhaseKind::Drink) {
    BodyTarget keep = pp.entry;
    keep.hands_reaching = false;
    keep.hand_mass = keep.right_hand_mass = keep.left_hand_mass = 0.0;
    keep.exert_effort = 0.0;
    return keep;
  }
  BodyTarget target = phaseTarget(pp.phase, pp.plan, std::clamp(t, 0.0, pp.phase.duration));
  if (t < pp.transition) target.posture = blend(pp.entry.posture, target.posture, minimumJerk(t / pp.transition));
  return target;
}

BodyTarget Timeline::targetAt(double t) const {
  const int i = phaseAt(t);
  return targetIn(i, t - phases_[i].start);
}

double Timeline::stillFrom(int index) const {
  const PlannedPhase& pp = phases_[index];
  return pp.cyclic ? pp.end : pp.start + pp.transition;
}

void Timeline::checkRanges(const body::SpineModel& model, input::ErrorCollector& errors) const {
  // Every phase that leaves a joint's range is reported (repeated phases once).
  for (const PlannedPhase& pp : phases_) {
    errors.attempt([&] { checkPhaseRange(model, pp); });
  }
}

void Timeline::checkPhaseRange(const body::SpineModel& model, const PlannedPhase& pp) const {
  {
    for (double t : extremeTimes(pp)) {
      const BodyTarget target = phaseTarget(pp.phase, pp.plan, t);
      const auto bad = body::checkRanges(model, body::jointAngles(model, target.posture));
      if (!bad) continue;
      // Point at the angle the file gave for the part of the body that left its range.
      const bool neck = model.neckSegment() >= 0 && bad->dof.rfind(model.segment(model.neckSegment()).joint.name, 0) == 0;
      SourceRef at = pp.phase.where;
      for (const char* key : {"trunk_flexion_deg", "lateral_bend_deg", "axial_rotation_deg", "angle_deg", "neck_flexion_deg"}) {
        const bool neck_key = std::string(key) == "neck_flexion_deg";
        const auto found = pp.phase.angle_fields.find(key);
        if (found != pp.phase.angle_fields.end() && neck_key == neck) {
          at = found->second;
          break;
        }
      }
      const std::string field = at.field.empty() ? pp.phase.source : at.field;
      throw input::InputError(at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + field +
                               ": angle beyond the model's joint range (" + bad->describe() + "), got " + at.text,
                           {at.file, at.line, at.column, field});
    }
  }
}

}  // namespace tonus::scenario
