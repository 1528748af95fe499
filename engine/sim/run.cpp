#include "sim/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "physiology/spasm_detector.hpp"
#include "physiology/step.hpp"
#include "sim/channels.hpp"

namespace tonus::sim {
namespace {

using Clock = std::chrono::steady_clock;

// Statistics of one phase (or the whole run) as steps covering [time, time + dt) arrive.
void accumulate(PhaseSummary& s, const FrameResult& frame, const std::vector<double>& values, const Layout& l,
                double time, double dt) {
  for (std::size_t c = 0; c < values.size(); ++c) s.channels[c].add(values[c], dt, time);
  if (frame.capacity_exceeded) s.capacity_exceeded_s += dt;
  s.solver.add(frame, time);
  s.max_shortfall = std::max(s.max_shortfall, frame.shortfall);
  s.max_shortfall_percent = std::max(s.max_shortfall_percent, frame.shortfall_percent);
  const int niosh[] = {l.l4l5, l.l5s1};
  for (std::size_t k = 0; k < 2; ++k) {
    if (niosh[k] < 0) continue;
    const double compression = frame.joints[l.discs[niosh[k]]].compression;
    if (compression > kNioshActionLimit) s.niosh[k].above_action_limit += dt;
    if (compression > kNioshMaxPermissibleLimit) s.niosh[k].above_max_permissible += dt;
  }
}

PhaseSummary emptySummary(std::size_t channels) {
  PhaseSummary s;
  s.channels.assign(channels, Accumulator{});
  s.niosh.assign(2, Exposure{});
  return s;
}

// Joint angles, rates and accelerations of the timeline at t, from differences of the smooth
// posture taken within the phase [start, end] (exactly still where the body holds). Inside,
// central differences; at a phase's edge one-sided ones, so that a posture that jumps between
// phases (lying down, getting up) is never differentiated across the jump.
body::Motion motionAt(const body::SpineModel& model, const scenario::Timeline& timeline, const scenario::PlannedPhase& pp,
                      double t, bool still) {
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

// Each joint's passive-tissue strain: its largest passive moment over the reference.
Eigen::VectorXd jointStrain(const body::SpineModel& model, const Eigen::VectorXd& passive_moment, double reference) {
  Eigen::VectorXd strain = Eigen::VectorXd::Zero(model.segmentCount());
  for (int s = 0; s < model.segmentCount(); ++s) strain[s] = passive_moment.segment(3 * s, 3).cwiseAbs().maxCoeff() / reference;
  return strain;
}

physiology::Therapy therapyOf(const scenario::BodyTarget& target) {
  switch (target.therapy) {
    case scenario::PhaseKind::Heat: return physiology::Therapy::Heat;
    case scenario::PhaseKind::Cold: return physiology::Therapy::Cold;
    case scenario::PhaseKind::Massage: return physiology::Therapy::Massage;
    default: return physiology::Therapy::None;
  }
}

// Task failure: the first time the muscles left more than `margin` percent of the demand unmet
// for `persist` seconds on end (a brief or slight shortfall is not an inability to go on).
class TaskFailureWatch {
 public:
  TaskFailureWatch(double margin_percent, double persist) : margin_(margin_percent), persist_(persist) {}
  void observe(double shortfall_percent, double time, double dt) {
    if (failure_) return;
    if (!(shortfall_percent > margin_)) {
      since_.reset();
      return;
    }
    if (!since_) since_ = time;
    if (time + dt - *since_ >= persist_ - 1e-12) failure_ = since_;
  }
  std::optional<double> failure() const { return failure_; }

 private:
  double margin_, persist_;
  std::optional<double> since_, failure_;
};

}  // namespace

void SolverCounts::add(const FrameResult& f, double time) {
  ++frames;
  recruitment_fallbacks += f.recruitment_fell_back;
  recruitment_failures += f.recruitment_failed;
  newton_not_converged += (f.recruitment_issues & recruit::kNewtonNotConverged) != 0;
  cholesky_failed += (f.recruitment_issues & recruit::kCholeskyFailed) != 0;
  line_search_exhausted += (f.recruitment_issues & recruit::kLineSearchExhausted) != 0;
  not_finite += (f.recruitment_issues & recruit::kNotFinite) != 0;
  muscle_not_finite += f.muscles_not_finite > 0;
  muscle_at_minimum_length += f.muscles_at_minimum_length > 0;
  muscle_overstretched += f.muscles_overstretched > 0;
  if (f.recruitment_failed && !first_failure) first_failure = time;
}

int RunResult::channelIndex(const std::string& name) const {
  const auto it = std::find(channels.names.begin(), channels.names.end(), name);
  return it == channels.names.end() ? -1 : static_cast<int>(it - channels.names.begin());
}

body::Subject subjectFor(const scenario::Scenario& scenario, const body::ModelSpec& spec) {
  body::Subject s{spec.reference_sex, spec.reference_height, spec.reference_mass, 40.0};
  if (scenario.subject_given) s = scenario.subject;
  return s;
}

RunResult runScenario(const scenario::Scenario& scenario, const body::SpineModel& model,
                      const scenario::Timeline& timeline, const RunOptions& options) {
  const auto started = Clock::now();
  const Layout layout = layoutOf(model);
  const int n = model.fascicleCount();
  RunResult result;
  result.scenario = scenario.name;
  result.channels = channelsOf(model, layout);
  result.groups = layout.groups;
  for (int f = 0; f < n; ++f) {
    result.fascicles.push_back(model.fascicle(f).name);
    result.fascicle_groups.push_back(model.fascicle(f).group);
  }
  if (layout.l4l5 >= 0) result.niosh_joints.push_back("L4L5");
  if (layout.l5s1 >= 0) result.niosh_joints.push_back("L5S1");
  const std::size_t channel_count = result.channels.names.size();
  result.overall = emptySummary(channel_count);
  result.overall.kind = "overall";
  result.overall.end = timeline.duration();

  const double T = timeline.duration();
  const double dt_sample = scenario.sample_every;
  const long last_sample = static_cast<long>(std::floor(T / dt_sample + 1e-9));
  if (options.on_start) {
    RunLayout run_layout{scenario.name, result.channels, result.groups, result.fascicles, result.fascicle_groups, {},
                         last_sample + 1};
    for (const auto& pp : timeline.phases()) run_layout.phase_kinds.push_back(scenario::toString(pp.phase.kind));
    options.on_start(run_layout);
  }

  // Trunk muscles take the scenario's core strength; the neck keeps its own.
  Eigen::VectorXd strength(n);
  for (int f = 0; f < n; ++f) strength[f] = model.fascicle(f).region == "neck" ? 1.0 : scenario.condition.core_strength;
  FrameSolver solver(model, strength, options.recruitment, scenario.mechanics);
  const physiology::PhysiologyModel body_physiology(model, scenario.condition, scenario.physiology);
  const physiology::Parameters& params = body_physiology.parameters();
  physiology::PhysiologyState state = physiology::initialState(body_physiology);
  physiology::PhysiologyView view;
  physiology::SpasmDetector spasms(n, params);
  TaskFailureWatch failure_watch(params.task_failure_margin, params.task_failure_persist);
  RiskRanking risk_ranking(layout.groups);
  // The channels carry each group's risk in a block, in the layout's group order.
  const auto group_risk_at = static_cast<std::size_t>(result.channelIndex("risk_" + layout.groups.front()));
  double physiology_seconds = 0.0, outputs_seconds = 0.0;

  long next_sample = 0;
  const auto sampleTime = [&](long k) { return std::min(T, static_cast<double>(k) * dt_sample); };
  // Every sampling time not yet recorded up to `to` (exclusive, or inclusive at the run's end)
  // gets this step: steps are contiguous, so those times lie in the step.
  const auto record = [&](const FrameResult& frame, const std::vector<double>& values, int phase, double to,
                          bool include_end) {
    while (next_sample <= last_sample) {
      const double ts = sampleTime(next_sample);
      if (ts > to + 1e-9 || (!include_end && ts > to - 1e-9)) break;
      Sample s;
      s.time = ts;
      s.phase = phase;
      s.values = values;
      s.fascicle[kActivation] = frame.activation.cast<float>();
      s.fascicle[kForce] = frame.force.cast<float>();
      s.fascicle[kFatigue] = state.fatigued.matrix().cast<float>();
      s.fascicle[kCapacity] = view.capacity.cast<float>();
      s.fascicle[kFlow] = view.flow.cast<float>();
      s.fascicle[kMetabolite] = state.metabolites.matrix().cast<float>();
      s.fascicle[kTone] = (state.tone + state.burst).matrix().cast<float>();
      s.fascicle[kRisk] = view.risk.cast<float>();
      if (options.on_sample) options.on_sample(s);
      else result.samples.push_back(std::move(s));
      ++next_sample;
      ++result.sample_count;
    }
  };

  auto last_report = Clock::now();
  int last_tenth = 0;
  const auto& phases = timeline.phases();
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const scenario::PlannedPhase& pp = phases[i];
    PhaseSummary summary = emptySummary(channel_count);
    summary.index = pp.index;
    summary.kind = scenario::toString(pp.phase.kind);
    summary.source = pp.phase.source;
    summary.start = pp.start;
    summary.end = pp.end;
    if (pp.phase.kind == scenario::PhaseKind::Drink) physiology::drink(state, pp.phase.drink_litres);
    const bool last_phase = i + 1 == phases.size();
    const double still_from = std::min(timeline.stillFrom(static_cast<int>(i)), pp.end);
    // Moving steps count k on a grid anchored at the phase start.
    long k = 0;
    bool mechanics_cached = false;
    double t = pp.start;
    while (t < pp.end - 1e-12) {
      const bool still = t >= still_from - 1e-12;
      const scenario::BodyTarget target = timeline.targetIn(static_cast<int>(i), t - pp.start);
      // Physiology -> bounds; mechanics and recruitment within them.
      const auto limits_started = Clock::now();
      physiology::limits(body_physiology, state, view);
      physiology_seconds += std::chrono::duration<double>(Clock::now() - limits_started).count();
      const FrameResult frame = still && mechanics_cached
                                    ? solver.resolve(view.floor, view.capacity)
                                    : solver.solve(target, motionAt(model, timeline, pp, t, still), view.floor, view.capacity);
      mechanics_cached = still;
      // Moving: 10 ms steps on a grid from the phase start. Holding: as long as the physiology
      // allows (fatigue moving by at most 0.005 per step), between 0.5 s and hold_step.
      double until;
      if (still) {
        const double shortest = std::min(0.5, options.hold_step);
        const double step = std::clamp(physiology::suggestedStep(body_physiology, state, frame.activation), shortest,
                                       options.hold_step);
        until = std::min(pp.end, t + step);
      } else {
        until = std::min(still_from, pp.start + static_cast<double>(k + 1) * options.fast_step);
      }
      if (pp.end - until < 1e-9) until = pp.end;
      const double dt = until - t;
      const Eigen::VectorXd strain = jointStrain(model, frame.joint_tissue_moment, params.strain_reference_moment);
      physiology::StepInputs inputs;
      inputs.activation = &frame.activation;
      inputs.fibre_length = &frame.fibre_length;
      inputs.fibre_velocity = &frame.fibre_velocity;
      inputs.passive_force = &frame.passive_force;
      inputs.joint_strain = &strain;
      inputs.walking = target.walking;
      inputs.stretching = target.stretching;
      inputs.supported = target.supported;
      inputs.back_supported = target.backrest;
      inputs.therapy = therapyOf(target);
      inputs.therapy_elapsed = t - pp.start;

      // The outputs of [t, t + dt): the frame, and the physiology as the step begins.
      auto clock = Clock::now();
      physiology::report(body_physiology, state, inputs, view);
      physiology_seconds += std::chrono::duration<double>(Clock::now() - clock).count();
      clock = Clock::now();
      const std::vector<double> values = channelValues(frame, state, view, layout);
      accumulate(summary, frame, values, layout, t, dt);
      accumulate(result.overall, frame, values, layout, t, dt);
      record(frame, values, pp.index, until, last_phase && until >= pp.end - 1e-12);
      spasms.observe(t, dt, state.tone, frame.activation, view.floor);
      failure_watch.observe(frame.shortfall_percent, t, dt);
      risk_ranking.observe(values.data() + group_risk_at, dt);
      Eigen::Index worst = 0;
      if (view.risk.maxCoeff(&worst) > result.peak_risk.value) {
        PeakRisk& peak = result.peak_risk;
        peak.value = view.risk[worst];
        peak.time = t;
        peak.muscle = model.fascicle(static_cast<int>(worst)).name;
        peak.group = model.fascicle(static_cast<int>(worst)).group;
        peak.phase = pp.index;
        peak.contributions = physiology::riskContributions(body_physiology, state, static_cast<int>(worst));
      }
      outputs_seconds += std::chrono::duration<double>(Clock::now() - clock).count();
      // The physiology over the step, with the recruited activations held.
      clock = Clock::now();
      physiology::advance(body_physiology, inputs, dt, state);
      physiology_seconds += std::chrono::duration<double>(Clock::now() - clock).count();

      ++result.frames;
      ++k;
      if (!still && until >= still_from - 1e-12) k = 0;
      t = until;
      // Progress every 100 ms of wall time, and at every tenth of the simulated time (for logs).
      const int tenth = T > 0.0 ? static_cast<int>(10.0 * t / T) : 10;
      if (options.progress && (Clock::now() - last_report > std::chrono::milliseconds(100) || tenth > last_tenth)) {
        last_report = Clock::now();
        last_tenth = tenth;
        const double elapsed = std::chrono::duration<double>(last_report - started).count();
        const double fraction = T > 0.0 ? t / T : 1.0;
        options.progress(fraction, fraction > 0.0 ? elapsed * (1.0 - fraction) / fraction : 0.0);
      }
    }
    result.phases.push_back(std::move(summary));
  }
  spasms.finish(T);
  for (const physiology::SpasmEpisode& e : spasms.episodes()) {
    SpasmEvent event;
    event.muscle = model.fascicle(e.fascicle).name;
    event.group = model.fascicle(e.fascicle).group;
    event.region = model.fascicle(e.fascicle).region;
    event.phase = timeline.phaseAt(e.start);
    event.start = e.start;
    event.end = e.end;
    event.peak_tone = e.peak_tone;
    result.spasm_events.push_back(event);
  }
  result.task_failure = failure_watch.failure();
  result.risk_by_group = risk_ranking.ranked();
  result.simulated_s = T;
  result.stage_seconds = solver.stageSeconds();
  result.stage_seconds[kPhysiology] = physiology_seconds;
  result.stage_seconds[kOutputs] = outputs_seconds;
  result.wall_s = std::chrono::duration<double>(Clock::now() - started).count();
  if (options.progress) options.progress(1.0, 0.0);
  return result;
}

}  // namespace tonus::sim
