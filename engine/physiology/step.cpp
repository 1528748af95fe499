#include "physiology/step.hpp"

#include <algorithm>
#include <cmath>

#include "physiology/laws/relaxation.hpp"

namespace tonus::physiology {
namespace {

// Whole-body multipliers at a state, split by where they act.
struct Factors {
  double hydration_excitability;
  double relief_back, relief_elsewhere;    // on the fusimotor gain
  double flow_back, flow_elsewhere;        // before the walking pump
  double pump;                             // trunk muscles while walking
  double afferent_relief_back;             // massage and warmth
};

Factors factorsOf(const PhysiologyModel& model, const PhysiologyState& s, const StepInputs* in) {
  const Parameters& p = model.parameters();
  Factors f{};
  f.hydration_excitability = 1.0 + p.dehydration_excitability * s.dehydration;
  // A held stretch inhibits the reflex while it lasts; its after-effect fades over minutes.
  const double stretch = (1.0 - p.stretch_relief * s.stretch_effect) * (in && in->stretching ? 1.0 - p.stretch_inhibition : 1.0);
  // Warmth speeds spindles and cooling slows them (M); both scale with the back's temperature.
  const double thermal_gain = std::max(0.2, 1.0 + p.temperature_gain_per_degree * s.back_temperature);
  f.relief_back = stretch * thermal_gain;
  f.relief_elsewhere = stretch;
  const bool massaging = in && in->therapy == Therapy::Massage;
  f.flow_back = std::max(0.2, 1.0 + p.flow_per_degree * s.back_temperature) * (massaging ? p.massage_flow : 1.0);
  f.flow_elsewhere = 1.0;
  f.pump = in && in->walking ? 1.0 + p.walking_pump : 1.0;
  // Massage and warmth both gate the back's small-fibre afferents (the warmth's part fades as
  // the tissue cools).
  f.afferent_relief_back = (1.0 - p.massage_relief * s.massage_effect) *
                           std::max(0.0, 1.0 - p.heat_afferent_relief * std::max(0.0, s.back_temperature));
  return f;
}

double spannedCreep(const PhysiologyModel& model, const PhysiologyState& s, int f) {
  double creep = 0.0;
  for (int j : model.jointsSpanned(f)) creep = std::max(creep, s.creep[j]);
  return creep;
}

double afferentOf(const PhysiologyModel& model, const PhysiologyState& s, const Factors& k, int f) {
  const double relief = model.onTheBack(f) ? k.afferent_relief_back : 1.0;
  return relief * law::afferentDrive(model.parameters().afferents, s.metabolites[f], spannedCreep(model, s, f), s.injury[f]);
}

double excitabilityOf(const PhysiologyModel& model, const Factors& k) {
  return model.stressExcitability() * model.electrolyteExcitability() * model.ambientExcitability() *
         k.hydration_excitability;
}

// A fascicle's state as the strain dose's drive sees it (for the risk's contributors).
DriveInputs driveInputs(const PhysiologyModel& model, const PhysiologyState& s, const Factors& k, int f) {
  DriveInputs d;
  d.static_effort = s.static_effort[f];
  d.capacity = std::max(1e-3, 1.0 - s.fatigued[f]);
  d.creep = spannedCreep(model, s, f);
  d.metabolites = s.metabolites[f];
  d.injury = s.injury[f];
  d.gamma = s.gamma[f];
  d.afferent_relief = model.onTheBack(f) ? k.afferent_relief_back : 1.0;
  d.stress_excitability = model.stressExcitability();
  d.hydration_excitability = k.hydration_excitability;
  d.electrolyte_excitability = model.electrolyteExcitability();
  return d;
}

// Temperature the back is driven toward now: a heat wrap warms it; ice cools it for the
// first ice_on_time of a cold phase, then comes off.
double backTemperatureTarget(const Parameters& p, const StepInputs& in) {
  if (in.therapy == Therapy::Heat) return p.heat_warming;
  if (in.therapy == Therapy::Cold && in.therapy_elapsed < p.ice_on_time) return -p.cold_cooling;
  return 0.0;
}

}  // namespace

std::array<double, kRiskFactorCount> riskContributions(const PhysiologyModel& model, const PhysiologyState& s, int f) {
  const Factors k = factorsOf(model, s, nullptr);
  return riskContributions(model.parameters(), driveInputs(model, s, k, f), law::riskOfDose(s.dose[f]));
}

PhysiologyState initialState(const PhysiologyModel& model) {
  const Parameters& p = model.parameters();
  const int n = model.fascicleCount();
  PhysiologyState s;
  s.fatigued = Eigen::ArrayXd::Zero(n);
  s.injury = Eigen::ArrayXd::Zero(n);
  s.burst = Eigen::ArrayXd::Zero(n);
  s.creep = Eigen::ArrayXd::Zero(model.jointCount());
  s.dose = Eigen::ArrayXd::Zero(n);
  s.dehydration = model.condition().dehydration_percent;
  const Factors k = factorsOf(model, s, nullptr);
  const double gamma = excitabilityOf(model, k);
  const double tone = law::toneTarget(p.tone, gamma, 1.0) + model.stressTone();
  s.gamma = Eigen::ArrayXd::Constant(n, gamma);
  s.tone = Eigen::ArrayXd::Constant(n, tone);
  s.metabolites = Eigen::ArrayXd::Constant(
      n, law::metaboliteSteadyState(model.metabolites(), tone, law::contractionFlow(p.perfusion, tone, 0.0)));
  // The afferent drive of the resting metabolites sets the loop's own resting gain and tone.
  for (int f = 0; f < n; ++f) {
    const double drive = law::afferentDrive(p.afferents, s.metabolites[f], 0.0, 0.0);
    s.gamma[f] = law::fusimotorTarget(p.tone, gamma, 1.0, drive, p.reflex_model == ReflexModel::ViciousCycle);
    s.tone[f] = law::toneTarget(p.tone, s.gamma[f], 1.0) + model.stressTone();
  }
  // A rested subject's recent effort is its resting tone.
  s.static_effort = s.tone;
  return s;
}

void limits(const PhysiologyModel& model, const PhysiologyState& s, PhysiologyView& view) {
  const Parameters& p = model.parameters();
  const int n = model.fascicleCount();
  const Factors k = factorsOf(model, s, nullptr);
  view.capacity.resize(n);
  view.floor.resize(n);
  view.afferent.resize(n);
  for (int f = 0; f < n; ++f) view.afferent[f] = afferentOf(model, s, k, f);
  const bool adapting = p.reflex_model == ReflexModel::PainAdaptation;
  // Pain adaptation: pain inhibits the painful muscle and co-activates its antagonists.
  Eigen::VectorXd coactivation = Eigen::VectorXd::Zero(n);
  if (adapting) coactivation = p.pain_coactivation * (model.antagonists() * view.afferent);
  for (int f = 0; f < n; ++f) {
    const double fresh = 1.0 - s.fatigued[f];
    view.capacity[f] = adapting ? fresh * (1.0 - p.pain_inhibition * view.afferent[f]) : fresh;
    const double involuntary = s.tone[f] + s.burst[f] + coactivation[f];
    // The floor is what the nervous system drives involuntarily; the bank's minimum activation is
    // a numerical guard of its compliant kernel, not a muscle's resting activity.
    view.floor[f] = std::min(view.capacity[f], std::max(0.0, involuntary));
  }
}

void advance(const PhysiologyModel& model, const StepInputs& in, double dt, PhysiologyState& s) {
  if (dt <= 0.0) return;
  const Parameters& p = model.parameters();
  const Factors k = factorsOf(model, s, &in);
  const double excitability = excitabilityOf(model, k);
  const bool vicious = p.reflex_model == ReflexModel::ViciousCycle;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const double a = std::clamp((*in.activation)[f], 0.0, 1.0);
    const double capacity = std::max(1e-3, 1.0 - s.fatigued[f]);
    const double dose_drive =
        law::doseDrive(p.dose, s.static_effort[f], spannedCreep(model, s, f), s.gamma[f], afferentOf(model, s, k, f));
    // Flow and metabolites.
    const double flow_factor = (model.onTheBack(f) ? k.flow_back : k.flow_elsewhere) * (model.inTheTrunk(f) ? k.pump : 1.0);
    const double flow = law::contractionFlow(p.perfusion, a, (*in.passive_force)[f]) * flow_factor;
    s.metabolites[f] = law::metaboliteStep(model.metabolites(), s.metabolites[f], std::min(1.0, a / capacity), flow, dt);
    // Fatigue, with the activation as the target load.
    s.fatigued[f] = law::fatigueStep(p.fatigue, s.fatigued[f], a, dt);
    // Rapid stretch raises the injury drive; it fades over tens of minutes.
    const double rate = p.injury_per_velocity * std::max(0.0, (*in.fibre_velocity)[f] - p.injury_velocity);
    s.injury[f] = (1.0 - (1.0 - s.injury[f]) * std::exp(-rate * dt)) * std::exp(-dt / p.injury_recovery_time);
    // The reflex loop: afferent drive -> fusimotor gain -> tone; stretch velocity -> burst.
    const double afferent = afferentOf(model, s, k, f);
    const double relief = model.onTheBack(f) ? k.relief_back : k.relief_elsewhere;
    const double gamma_target = law::fusimotorTarget(p.tone, excitability, relief, afferent, vicious);
    s.gamma[f] = law::relax(s.gamma[f], gamma_target, 1.0 / p.fusimotor_time, dt);
    const double stretch = (*in.fibre_length)[f] / model.standingFibreLength(f);
    // A surface under the whole body, or a chair back under the trunk, takes over the muscles'
    // postural work; the loop recruits only from the units fatigue has left.
    const bool resting = in.supported || (in.back_supported && model.inTheTrunk(f));
    const double tone_target = capacity * (law::toneTarget(p.tone, s.gamma[f], stretch, resting) + model.stressTone());
    s.tone[f] = law::relax(s.tone[f], tone_target, 1.0 / p.tone_time, dt);
    const double burst_target = law::burstTarget(p.burst, s.gamma[f], (*in.fibre_velocity)[f]);
    s.burst[f] = law::relax(s.burst[f], burst_target, 1.0 / p.burst_time, dt);
    // The strain dose, with the drive of the state as the step began held; lying and walking
    // shed it fastest.
    s.static_effort[f] =
        law::staticEffortStep(p.dose, s.static_effort[f], law::staticEffortTarget(p.dose, a, capacity, in.walking), dt);
    s.dose[f] = law::doseStep(p.dose, s.dose[f], dose_drive, in.supported || in.walking, dt);
  }
  // Joints: their passive tissues creep toward the current strain.
  for (int j = 0; j < model.jointCount(); ++j) s.creep[j] = law::creepStep(p.creep, s.creep[j], (*in.joint_strain)[j], dt);
  // Whole body: a held stretch's after-effect, massage, the back's temperature, hydration.
  s.stretch_effect = in.stretching ? law::relax(s.stretch_effect, 1.0, 1.0 / p.stretch_onset_time, dt)
                                   : law::relax(s.stretch_effect, 0.0, 1.0 / p.stretch_recovery_time, dt);
  s.massage_effect = in.therapy == Therapy::Massage ? law::relax(s.massage_effect, 1.0, 1.0 / 60.0, dt)
                                                    : law::relax(s.massage_effect, 0.0, 1.0 / p.massage_recovery_time, dt);
  const double warm_target = backTemperatureTarget(p, in);
  const double warm_time = warm_target != 0.0 ? p.tissue_warming_time : p.tissue_rewarming_time;
  s.back_temperature = law::relax(s.back_temperature, warm_target, 1.0 / warm_time, dt);
  const double absorbed = s.water_to_absorb * (1.0 - std::exp(-dt / p.water_absorption_time));
  s.water_to_absorb -= absorbed;
  const double sweat = p.sweat_per_degree * std::max(0.0, model.condition().ambient_temperature_c - 24.0) * dt / 3600.0;
  // Capped at 10 % of body mass, the scenario's own limit (beyond it the model means nothing).
  s.dehydration = std::clamp(s.dehydration + 100.0 * (sweat - absorbed) / model.bodyMass(), 0.0, 10.0);
}

void report(const PhysiologyModel& model, const PhysiologyState& s, const StepInputs& in, PhysiologyView& view) {
  const Parameters& p = model.parameters();
  const int n = model.fascicleCount();
  const Factors k = factorsOf(model, s, &in);
  view.flow.resize(n);
  view.afferent.resize(n);
  view.risk.resize(n);
  for (int f = 0; f < n; ++f) {
    const double flow_factor = (model.onTheBack(f) ? k.flow_back : k.flow_elsewhere) * (model.inTheTrunk(f) ? k.pump : 1.0);
    view.flow[f] = law::contractionFlow(p.perfusion, (*in.activation)[f], (*in.passive_force)[f]) * flow_factor;
    view.afferent[f] = afferentOf(model, s, k, f);
    view.risk[f] = law::riskOfDose(s.dose[f]);
  }
}

double suggestedStep(const PhysiologyModel& model, const PhysiologyState& s, const Eigen::VectorXd& activation,
                     double tolerance) {
  const law::FatigueRates& k = model.parameters().fatigue;
  double fastest = 0.0;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const double a = std::clamp(activation[f], 0.0, 1.0);
    fastest = std::max(fastest, std::fabs(k.fatigue * a - law::recoveryRate(k, a) * s.fatigued[f]));
  }
  return fastest > 0.0 ? tolerance / fastest : INFINITY;
}

void drink(PhysiologyState& state, double litres) { state.water_to_absorb += litres; }

}  // namespace tonus::physiology
