#include "sim/run.hpp"

#include <algorithm>

#include "physiology/step.hpp"

namespace tonus::sim {
namespace {

using Clock = std::chrono::steady_clock;

// Each joint's passive-tissue strain: its largest passive moment over the reference.
void jointStrain(const body::SpineModel& model, const Eigen::VectorXd& passive_moment, double reference,
                 Eigen::VectorXd& strain) {
  strain.resize(model.segmentCount());
  for (int s = 0; s < model.segmentCount(); ++s) strain[s] = passive_moment.segment(3 * s, 3).cwiseAbs().maxCoeff() / reference;
}

physiology::Therapy therapyOf(const scenario::BodyTarget& target) {
  switch (target.therapy) {
    case scenario::PhaseKind::Heat: return physiology::Therapy::Heat;
    case scenario::PhaseKind::Cold: return physiology::Therapy::Cold;
    case scenario::PhaseKind::Massage: return physiology::Therapy::Massage;
    default: return physiology::Therapy::None;
  }
}

// Trunk muscles take the scenario's core strength; the neck keeps its own.
Eigen::VectorXd strengthOf(const scenario::Scenario& scenario, const body::SpineModel& model) {
  Eigen::VectorXd strength(model.fascicleCount());
  for (int f = 0; f < model.fascicleCount(); ++f)
    strength[f] = model.fascicle(f).region == "neck" ? 1.0 : scenario.condition.core_strength;
  return strength;
}

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

body::Subject subjectFor(const scenario::Scenario& scenario, const body::ModelSpec& spec) {
  body::Subject s{spec.reference_sex, spec.reference_height, spec.reference_mass, 40.0};
  if (scenario.subject_given) s = scenario.subject;
  return s;
}

Run::Run(const scenario::Scenario& scenario, const body::SpineModel& model, const scenario::Timeline& timeline,
         RunOptions options)
    : scenario_(scenario),
      model_(model),
      timeline_(timeline),
      options_(std::move(options)),
      physiology_(model, scenario.condition, scenario.physiology),
      quasi_static_(std::make_unique<QuasiStaticStepper>(model, timeline, strengthOf(scenario, model),
                                                         options_.recruitment, scenario.mechanics,
                                                         StepSizes{options_.fast_step, options_.hold_step})),
      recorder_(scenario, model, timeline, physiology_, options_.on_sample),
      started_(Clock::now()),
      last_report_(started_) {
  state_.physiology = physiology::initialState(physiology_);
  const auto& phases = timeline.phases();
  if (std::any_of(phases.begin(), phases.end(), [](const scenario::PlannedPhase& pp) { return scenario::runsForward(pp.phase); })) {
    forward_ = std::make_unique<ForwardStepper>(model, timeline, strengthOf(scenario, model), options_.recruitment,
                                                scenario.mechanics, options_.forward);
  }
  if (options_.on_start) options_.on_start(recorder_.layout());
  settlePhase();
}

void Run::settlePhase() {
  const auto& phases = timeline_.phases();
  while (state_.phase < phases.size()) {
    const scenario::PlannedPhase& pp = phases[state_.phase];
    if (!state_.phase_open) {
      state_.phase_open = true;
      state_.moving_steps = 0;
      state_.time = pp.start;
      recorder_.beginPhase(pp);
      stepper_ = scenario::runsForward(pp.phase) ? forward_.get() : quasi_static_.get();
      stepper_->beginPhase(pp);
      if (pp.phase.kind == scenario::PhaseKind::Drink) physiology::drink(state_.physiology, pp.phase.drink_litres);
    }
    if (state_.time < pp.end - 1e-12) return;
    recorder_.endPhase();
    state_.phase_open = false;
    ++state_.phase;
  }
}

void Run::step() {
  if (finished()) return;
  const scenario::PlannedPhase& pp = phase();
  const double t = state_.time;
  const double still_from = std::min(timeline_.stillFrom(pp.index), pp.end);
  const scenario::BodyTarget target = timeline_.targetIn(pp.index, t - pp.start);

  // The physiology bounds what the muscles may do now (unchanged while a forward phase's
  // physiology waits for its next step).
  auto clock = Clock::now();
  if (state_.physiology_behind.duration() == 0.0) physiology::limits(physiology_, state_.physiology, state_.view);
  physiology_seconds_ += secondsSince(clock);

  // The body over the step: its mechanics and recruitment within those bounds.
  StepRequest request{&pp, &target, t, still_from, state_.moving_steps, &physiology_, &state_.physiology,
                      &state_.view.floor, &state_.view.capacity};
  const MechanicsStep body = stepper_->step(request);
  const FrameResult& frame = body.frame;
  const double dt = body.until - t;
  const physiology::StepInputs inputs = physiologyInputs(frame, target, t);
  // A forward phase's physiology steps every `physiology_step`, and on the phase's first and
  // last steps (so a run that begins with one has a full report from its first step).
  const bool physiology_due = stepper_ != forward_.get() || t <= pp.start + 1e-12 ||
                              state_.physiology_behind.duration() + dt >= options_.forward.physiology_step - 1e-12 ||
                              body.until >= pp.end - 1e-12;

  // The outputs of [t, t + dt): the frame, and the physiology as the step begins.
  clock = Clock::now();
  if (physiology_due) physiology::report(physiology_, state_.physiology, inputs, state_.view);
  physiology_seconds_ += secondsSince(clock);
  const bool ends_run = state_.phase + 1 == timeline_.phases().size() && body.until >= pp.end - 1e-12;
  recorder_.observe({pp.index, t, dt, ends_run, &frame, &state_.physiology, &state_.view,
                     body.excitation.size() > 0 ? &body.excitation : nullptr, body.trunk_flexion, body.event_time,
                     body.q.size() > 0 ? &body.q : nullptr});

  // The physiology over the step (and those it waited through), with the recruited activations held.
  clock = Clock::now();
  if (!physiology_due) {
    state_.physiology_behind.add(inputs, dt);
  } else if (state_.physiology_behind.duration() == 0.0) {
    physiology::advance(physiology_, inputs, dt, state_.physiology);
  } else {
    state_.physiology_behind.add(inputs, dt);
    const double waited = state_.physiology_behind.duration();
    physiology::advance(physiology_, state_.physiology_behind.take(inputs), waited, state_.physiology);
  }
  physiology_seconds_ += secondsSince(clock);

  // The clock moves on; a finished phase closes and the next begins.
  ++state_.steps;
  ++state_.moving_steps;
  if (!body.still && body.until >= still_from - 1e-12) state_.moving_steps = 0;
  state_.time = body.until;
  settlePhase();
  reportProgress();
}

// What the physiology reads of the step: the frame's muscles and joints, and what the body is
// doing (walking, lying, leaning back, a therapy).
physiology::StepInputs Run::physiologyInputs(const FrameResult& frame, const scenario::BodyTarget& target,
                                             double time) {
  const scenario::PlannedPhase& pp = phase();
  jointStrain(model_, frame.joint_tissue_moment, physiology_.parameters().strain_reference_moment, state_.joint_strain);
  physiology::StepInputs inputs;
  inputs.activation = &frame.activation;
  inputs.fibre_length = &frame.fibre_length;
  inputs.fibre_velocity = &frame.fibre_velocity;
  inputs.passive_force = &frame.passive_force;
  inputs.joint_strain = &state_.joint_strain;
  inputs.walking = target.walking;
  inputs.stretching = target.stretching;
  inputs.supported = target.supported;
  inputs.back_supported = target.backrest;
  inputs.therapy = therapyOf(target);
  inputs.therapy_elapsed = time - pp.start;
  return inputs;
}

// Progress every 100 ms of wall time, and at every tenth of the simulated time (for logs).
void Run::reportProgress() {
  if (!options_.progress) return;
  const double T = timeline_.duration();
  const double t = finished() ? T : state_.time;
  const int tenth = T > 0.0 ? static_cast<int>(10.0 * t / T) : 10;
  if (Clock::now() - last_report_ <= std::chrono::milliseconds(100) && tenth <= last_tenth_) return;
  last_report_ = Clock::now();
  last_tenth_ = tenth;
  const double elapsed = std::chrono::duration<double>(last_report_ - started_).count();
  const double fraction = T > 0.0 ? t / T : 1.0;
  options_.progress(fraction, fraction > 0.0 ? elapsed * (1.0 - fraction) / fraction : 0.0);
}

RunResult Run::finish() {
  RunResult result = recorder_.finish(timeline_.duration());
  result.stage_seconds = quasi_static_->stageSeconds();
  if (forward_) {
    for (int s = 0; s < kStageCount; ++s) result.stage_seconds[s] += forward_->stageSeconds()[s];
  }
  result.stage_seconds[kPhysiology] = physiology_seconds_;
  result.stage_seconds[kOutputs] = recorder_.seconds();
  result.wall_s = secondsSince(started_);
  if (options_.progress) options_.progress(1.0, 0.0);
  return result;
}

RunResult runScenario(const scenario::Scenario& scenario, const body::SpineModel& model,
                      const scenario::Timeline& timeline, const RunOptions& options) {
  Run run(scenario, model, timeline, options);
  while (!run.finished()) run.step();
  return run.finish();
}

}  // namespace tonus::sim
