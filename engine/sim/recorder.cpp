#include "sim/recorder.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "physiology/step.hpp"

namespace tonus::sim {

using Clock = std::chrono::steady_clock;

void TaskFailureWatch::observe(double shortfall_percent, double time, double dt) {
  if (failure_) return;
  if (!(shortfall_percent > margin_)) {
    since_.reset();
    return;
  }
  if (!since_) since_ = time;
  if (time + dt - *since_ >= persist_ - 1e-12) failure_ = since_;
}

Recorder::Recorder(const scenario::Scenario& scenario, const body::SpineModel& model,
                   const scenario::Timeline& timeline, const physiology::PhysiologyModel& physiology,
                   std::function<void(const Sample&)> on_sample)
    : model_(model),
      timeline_(timeline),
      physiology_(physiology),
      on_sample_(std::move(on_sample)),
      layout_(layoutOf(model)),
      sample_every_(scenario.sample_every),
      last_sample_(static_cast<long>(std::floor(timeline.duration() / scenario.sample_every + 1e-9))),
      spasms_(model.fascicleCount(), physiology.parameters()),
      failure_watch_(physiology.parameters().task_failure_margin, physiology.parameters().task_failure_persist),
      risk_ranking_(layout_.groups) {
  RunResult& r = result_;
  r.scenario = scenario.name;
  r.channels = channelsOf(model, layout_);
  r.groups = layout_.groups;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    r.fascicles.push_back(model.fascicle(f).name);
    r.fascicle_groups.push_back(model.fascicle(f).group);
  }
  if (layout_.l4l5 >= 0) r.niosh_joints.push_back("L4L5");
  if (layout_.l5s1 >= 0) r.niosh_joints.push_back("L5S1");
  for (int d = 0; d < model.dofCount(); ++d) r.dof_names.push_back(model.dofName(d));
  r.overall = emptySummary();
  r.overall.kind = "overall";
  r.overall.end = timeline.duration();
  // Onsets are read, as in the sudden-loading studies' EMG, from the lumbar erector spinae
  // (multifidus, longissimus and iliocostalis pars lumborum) and the abdominal wall.
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const body::FascicleInfo& info = model.fascicle(f);
    if (info.region == "abdominal") abdominals_.push_back(f);
    if (info.region == "lumbar" && (info.group == "multifidus" || info.group.find("pars_lumborum") != std::string::npos))
      lumbar_extensors_.push_back(f);
  }
  // The channels carry each group's risk in a block, in the layout's group order.
  group_risk_at_ = static_cast<std::size_t>(r.channelIndex("risk_" + layout_.groups.front()));
}

RunLayout Recorder::layout() const {
  RunLayout l{result_.scenario, result_.channels, result_.groups, result_.fascicles, result_.fascicle_groups, {},
              last_sample_ + 1};
  for (const auto& pp : timeline_.phases()) l.phase_kinds.push_back(scenario::toString(pp.phase.kind));
  return l;
}

PhaseSummary Recorder::emptySummary() const {
  PhaseSummary s;
  s.channels.assign(result_.channels.names.size(), Accumulator{});
  s.niosh.assign(2, Exposure{});
  return s;
}

void Recorder::beginPhase(const scenario::PlannedPhase& pp) {
  phase_ = emptySummary();
  extensors_at_event_.reset();
  abdominals_at_event_.reset();
  phase_.index = pp.index;
  phase_.kind = scenario::toString(pp.phase.kind);
  phase_.source = pp.phase.source;
  phase_.start = pp.start;
  phase_.end = pp.end;
}

void Recorder::endPhase() { result_.phases.push_back(std::move(phase_)); }

void Recorder::observe(const StepRecord& step) {
  const auto started = Clock::now();
  const FrameResult& frame = *step.frame;
  const std::vector<double> values = channelValues(frame, *step.state, *step.view, layout_);
  accumulate(phase_, frame, values, step.time, step.dt);
  accumulate(result_.overall, frame, values, step.time, step.dt);
  takeSamples(step, values);
  spasms_.observe(step.time, step.dt, step.state->tone, frame.activation, step.view->floor);
  failure_watch_.observe(frame.shortfall_percent, step.time, step.dt);
  risk_ranking_.observe(values.data() + group_risk_at_, step.dt);
  notePeakRisk(step);
  if (step.excitation) noteResponse(step);
  ++result_.frames;
  seconds_ += std::chrono::duration<double>(Clock::now() - started).count();
}

// Statistics of one phase (or the whole run) as steps covering [time, time + dt) arrive.
void Recorder::accumulate(PhaseSummary& s, const FrameResult& frame, const std::vector<double>& values, double time,
                          double dt) const {
  for (std::size_t c = 0; c < values.size(); ++c) s.channels[c].add(values[c], dt, time);
  if (frame.capacity_exceeded) s.capacity_exceeded_s += dt;
  s.solver.add(frame, time);
  s.max_shortfall = std::max(s.max_shortfall, frame.shortfall);
  s.max_shortfall_percent = std::max(s.max_shortfall_percent, frame.shortfall_percent);
  const int niosh[] = {layout_.l4l5, layout_.l5s1};
  for (std::size_t k = 0; k < 2; ++k) {
    if (niosh[k] < 0) continue;
    const double compression = frame.joints[layout_.discs[niosh[k]]].compression;
    if (compression > kNioshActionLimit) s.niosh[k].above_action_limit += dt;
    if (compression > kNioshMaxPermissibleLimit) s.niosh[k].above_max_permissible += dt;
  }
}

// Every sampling time not yet recorded up to the step's end (exclusive, or inclusive at the
// run's end) gets this step: steps are contiguous, so those times lie in the step.
void Recorder::takeSamples(const StepRecord& step, const std::vector<double>& values) {
  const double to = step.time + step.dt;
  const double duration = timeline_.duration();
  while (next_sample_ <= last_sample_) {
    const double ts = std::min(duration, static_cast<double>(next_sample_) * sample_every_);
    if (ts > to + 1e-9 || (!step.ends_run && ts > to - 1e-9)) break;
    const FrameResult& frame = *step.frame;
    const physiology::PhysiologyState& state = *step.state;
    const physiology::PhysiologyView& view = *step.view;
    Sample s;
    s.time = ts;
    s.phase = step.phase;
    s.values = values;
    s.fascicle[kActivation] = frame.activation.cast<float>();
    s.fascicle[kForce] = frame.force.cast<float>();
    s.fascicle[kFatigue] = state.fatigued.matrix().cast<float>();
    s.fascicle[kCapacity] = view.capacity.cast<float>();
    s.fascicle[kFlow] = view.flow.cast<float>();
    s.fascicle[kMetabolite] = state.metabolites.matrix().cast<float>();
    s.fascicle[kTone] = (state.tone + state.burst).matrix().cast<float>();
    s.fascicle[kRisk] = view.risk.cast<float>();
    if (on_sample_) on_sample_(s);
    else result_.samples.push_back(std::move(s));
    ++next_sample_;
    ++result_.sample_count;
  }
}

// The highest risk so far, with what drove it in that fascicle.
void Recorder::notePeakRisk(const StepRecord& step) {
  Eigen::Index worst = 0;
  if (!(step.view->risk.maxCoeff(&worst) > result_.peak_risk.value)) return;
  PeakRisk& peak = result_.peak_risk;
  const int f = static_cast<int>(worst);
  peak.value = step.view->risk[worst];
  peak.time = step.time;
  peak.muscle = model_.fascicle(f).name;
  peak.group = model_.fascicle(f).group;
  peak.phase = step.phase;
  peak.contributions = physiology::riskContributions(physiology_, *step.state, f);
}

namespace {

double meanOf(const Eigen::VectorXd& values, const std::vector<int>& which) {
  double sum = 0.0;
  for (int f : which) sum += values[f];
  return which.empty() ? 0.0 : sum / static_cast<double>(which.size());
}

// Onset rule: the mean excitation first 0.02 of max beyond its level at the event, in the
// direction the event drives it (a rise; a fall, or shut-off, for muscles it unloads).
constexpr double kOnsetChange = 0.02;

// Whether an event unloads the trunk's extensors (a released load, a push backwards), so that
// their response is a shut-off rather than an onset.
bool unloadsExtensors(const scenario::Phase& phase) {
  return phase.kind == scenario::PhaseKind::Release ||
         (phase.kind == scenario::PhaseKind::Perturb && phase.perturb_direction == scenario::PerturbDirection::Backward);
}

}  // namespace

void Recorder::noteResponse(const StepRecord& step) {
  if (step.trunk_flexion) {
    const double degrees = *step.trunk_flexion * 180.0 / M_PI;
    phase_.peak_trunk_flexion_deg = std::max(phase_.peak_trunk_flexion_deg.value_or(-1e300), degrees);
  }
  const double extensors = meanOf(*step.excitation, lumbar_extensors_), abdominals = meanOf(*step.excitation, abdominals_);
  // The movement at the integrator's resolution.
  if (step.q) {
    const double l4l5 = layout_.l4l5 >= 0 ? step.frame->joints[layout_.discs[layout_.l4l5]].compression : NAN;
    result_.motion.push_back({step.time, step.phase, *step.q, step.trunk_flexion.value_or(0.0), l4l5, extensors, abdominals});
  }
  if (!step.event_time || step.time < *step.event_time - 1e-12) return;
  phase_.event_time = step.event_time;
  if (!extensors_at_event_) extensors_at_event_ = extensors, abdominals_at_event_ = abdominals;
  const double since_ms = (step.time - *step.event_time) * 1000.0;
  const double extensor_sign = unloadsExtensors(timeline_.phases()[static_cast<std::size_t>(step.phase)].phase) ? -1.0 : 1.0;
  if (!phase_.reflex_latency_ms && extensor_sign * (extensors - *extensors_at_event_) > kOnsetChange)
    phase_.reflex_latency_ms = since_ms;
  if (!phase_.abdominal_latency_ms && abdominals - *abdominals_at_event_ > kOnsetChange)
    phase_.abdominal_latency_ms = since_ms;
}

RunResult Recorder::finish(double end_time) {
  spasms_.finish(end_time);
  for (const physiology::SpasmEpisode& e : spasms_.episodes()) {
    SpasmEvent event;
    event.muscle = model_.fascicle(e.fascicle).name;
    event.group = model_.fascicle(e.fascicle).group;
    event.region = model_.fascicle(e.fascicle).region;
    event.phase = timeline_.phaseAt(e.start);
    event.start = e.start;
    event.end = e.end;
    event.peak_tone = e.peak_tone;
    result_.spasm_events.push_back(event);
  }
  result_.task_failure = failure_watch_.failure();
  result_.risk_by_group = risk_ranking_.ranked();
  result_.simulated_s = end_time;
  return std::move(result_);
}

}  // namespace tonus::sim
