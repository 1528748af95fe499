#include "physiology/parameters.hpp"

namespace tonus::physiology {

law::MetaboliteParameters metaboliteLaw(const Parameters& p) {
  const double a_ref = p.metabolite_reference_activation;
  return {p.metabolite_clearance_time, law::contractionFlow(p.perfusion, a_ref, 0.0) / (a_ref * p.metabolite_clearance_time)};
}

std::vector<ParameterEntry> parameterTable(Parameters& p) {
  // Ranges keep each constant physically meaningful; the reflex loop's may vary widely, as its
  // constants are assumptions a researcher will want to explore.
  return {
      {"fatigue_rate", &p.fatigue.fatigue, 1e-5, 1.0, "1/s"},
      {"recovery_rate", &p.fatigue.recovery, 1e-6, 1.0, "1/s"},
      {"rest_recovery_multiplier", &p.fatigue.rest_multiplier, 1.0, 100.0, ""},
      {"rest_below_activation", &p.fatigue.rest_below, 1e-3, 0.5, ""},
      {"female_fatigue_rate_factor", &p.female_fatigue_rate_factor, 0.1, 10.0, ""},
      {"pressure_at_rest_mmhg", &p.perfusion.pressure_at_rest, 0.0, 60.0, "mmHg"},
      {"pressure_per_activation_mmhg", &p.perfusion.pressure_per_activation, 10.0, 1000.0, "mmHg"},
      {"pressure_per_passive_force_mmhg", &p.perfusion.pressure_per_passive, 0.0, 2000.0, "mmHg"},
      {"flow_onset_pressure_mmhg", &p.perfusion.onset_pressure, 0.0, 300.0, "mmHg"},
      {"occlusion_pressure_mmhg", &p.perfusion.occlusion_pressure, 10.0, 400.0, "mmHg"},
      {"flow_dilation", &p.perfusion.dilation, 0.0, 100.0, ""},
      {"residual_flow", &p.perfusion.residual_flow, 1e-3, 1.0, ""},
      {"walking_pump", &p.walking_pump, 0.0, 5.0, ""},
      {"flow_per_degree", &p.flow_per_degree, 0.0, 1.0, "1/C"},
      {"metabolite_clearance_time_s", &p.metabolite_clearance_time, 10.0, 36000.0, "s"},
      {"metabolite_reference_activation", &p.metabolite_reference_activation, 0.01, 1.0, ""},
      {"creep_loading_time_s", &p.creep.loading_time, 1.0, 1e6, "s"},
      {"creep_recovery_time_s", &p.creep.recovery_time, 1.0, 1e6, "s"},
      {"strain_reference_moment_nm", &p.strain_reference_moment, 0.1, 1000.0, "N m"},
      {"afferent_metabolite_half", &p.afferents.metabolite_half, 0.01, 100.0, ""},
      {"afferent_metabolite_exponent", &p.afferents.metabolite_exponent, 0.5, 10.0, ""},
      {"afferent_strain_half", &p.afferents.strain_half, 0.01, 100.0, ""},
      {"afferent_strain_weight", &p.afferents.strain_weight, 0.0, 1.0, ""},
      {"injury_velocity", &p.injury_velocity, 0.0, 100.0, "lopt/s"},
      {"injury_per_velocity", &p.injury_per_velocity, 0.0, 100.0, ""},
      {"injury_recovery_time_s", &p.injury_recovery_time, 1.0, 1e6, "s"},
      {"tone_resting", &p.tone.resting, 0.0, 0.2, ""},
      {"tone_span", &p.tone.span, 0.0, 1.0, ""},
      {"tone_gain_half", &p.tone.gain_half, 0.01, 100.0, ""},
      {"tone_exponent", &p.tone.exponent, 0.5, 10.0, ""},
      {"pain_coupling", &p.tone.pain_coupling, 0.0, 100.0, ""},
      {"spindle_length_gain", &p.tone.length_gain, 0.0, 5.0, ""},
      {"fusimotor_time_s", &p.fusimotor_time, 0.1, 1e5, "s"},
      {"tone_time_s", &p.tone_time, 0.01, 1e4, "s"},
      {"burst_threshold", &p.burst.threshold, 0.0, 100.0, "lopt/s"},
      {"burst_gain", &p.burst.gain, 0.0, 10.0, ""},
      {"burst_limit", &p.burst.limit, 0.0, 1.0, ""},
      {"burst_time_s", &p.burst_time, 0.01, 10.0, "s"},
      {"stress_tone", &p.stress_tone, 0.0, 0.2, ""},
      {"stress_excitability", &p.stress_excitability, 0.0, 5.0, ""},
      {"dehydration_excitability", &p.dehydration_excitability, 0.0, 1.0, "1/%"},
      {"low_sodium_excitability", &p.low_sodium_excitability, 0.0, 2.0, ""},
      {"low_potassium_excitability", &p.low_potassium_excitability, 0.0, 2.0, ""},
      {"low_calcium_excitability", &p.low_calcium_excitability, 0.0, 2.0, ""},
      {"low_magnesium_excitability", &p.low_magnesium_excitability, 0.0, 2.0, ""},
      {"cold_ambient_excitability", &p.cold_ambient_excitability, 0.0, 1.0, "1/C"},
      {"sweat_per_degree_l_h", &p.sweat_per_degree, 0.0, 2.0, "L/h/C"},
      {"water_absorption_time_s", &p.water_absorption_time, 1.0, 1e5, "s"},
      {"stretch_inhibition", &p.stretch_inhibition, 0.0, 1.0, ""},
      {"stretch_relief", &p.stretch_relief, 0.0, 1.0, ""},
      {"stretch_onset_time_s", &p.stretch_onset_time, 0.1, 1e4, "s"},
      {"stretch_recovery_time_s", &p.stretch_recovery_time, 1.0, 1e5, "s"},
      {"heat_warming_c", &p.heat_warming, 0.0, 10.0, "C"},
      {"cold_cooling_c", &p.cold_cooling, 0.0, 20.0, "C"},
      {"ice_on_time_s", &p.ice_on_time, 1.0, 1e5, "s"},
      {"tissue_warming_time_s", &p.tissue_warming_time, 1.0, 1e5, "s"},
      {"tissue_rewarming_time_s", &p.tissue_rewarming_time, 1.0, 1e5, "s"},
      {"temperature_gain_per_degree", &p.temperature_gain_per_degree, 0.0, 0.5, "1/C"},
      {"massage_relief", &p.massage_relief, 0.0, 1.0, ""},
      {"massage_recovery_time_s", &p.massage_recovery_time, 1.0, 1e5, "s"},
      {"massage_flow", &p.massage_flow, 0.1, 3.0, ""},
      {"pain_inhibition", &p.pain_inhibition, 0.0, 0.9, ""},
      {"pain_coactivation", &p.pain_coactivation, 0.0, 0.5, ""},
      {"spasm_threshold", &p.spasm_threshold, 0.01, 1.0, ""},
      {"spasm_min_duration_s", &p.spasm_min_duration, 0.0, 1e5, "s"},
      {"spasm_persist_s", &p.spasm_persist, 0.0, 1e5, "s"},
      {"task_failure_margin_percent", &p.task_failure_margin, 0.0, 100.0, "%"},
      {"task_failure_persist_s", &p.task_failure_persist, 0.0, 1e4, "s"},
  };
}

}  // namespace tonus::physiology
