#pragma once
// Every constant of the physiology layer, with its default. docs/physiology.md gives each one's
// source and evidence (V read in the paper, S secondary, A abstract, ASSUMPTION Tonus's choice);
// the research behind them is docs/research/D_physiology_parameters.md. A scenario may override
// any of them by name under `physiology:` (see parameterTable).
#include <string>
#include <vector>

#include "physiology/laws/fatigue.hpp"
#include "physiology/laws/metabolites.hpp"
#include "physiology/laws/perfusion.hpp"
#include "physiology/laws/reflex.hpp"
#include "physiology/laws/spinal_reflex.hpp"
#include "physiology/laws/strain_dose.hpp"
#include "physiology/laws/tissue_creep.hpp"

namespace tonus::physiology {

// Which account of pain and tone drives the involuntary floor (docs/physiology.md).
enum class ReflexModel {
  ViciousCycle,    // Johansson & Sojka 1991: afferent drive raises fusimotor gain and tone
  PainAdaptation,  // Lund et al. 1991: pain inhibits the agonist and co-activates antagonists
};

struct Parameters {
  ReflexModel reflex_model = ReflexModel::ViciousCycle;

  // Three-compartment fatigue, trunk (Frey-Law et al. 2012 Table 1 (V); r: Looft et al. 2018 (V),
  // the value for every region but the hand, no trunk data). rest_below ASSUMPTION: Looft's r
  // stands for reperfusion at rest; flow reaches no steady state above ~10-20 % MVC (research
  // note D 3.1), so recovery blends from R r at 0 to R at 20 % (docs/physiology.md: this keeps
  // ordinary postures sustainable, at the price of low-intensity endurance below ~18 %).
  law::FatigueRates fatigue{0.00755, 0.00075, 15.0, 0.20};
  // Women fatigue more slowly at equal relative effort: trunk extensors held 50 % MVC 1.39 times
  // longer (Clark et al. 2003 J Appl Physiol 94:2263 (A): 146 vs 105 s). The rates above are
  // taken for men (ASSUMPTION: they are a pooled fit; with them Tonus gives Lariviere et al.
  // 2006's men on their intermittent 40 % protocol); a woman's F is F times this factor.
  double female_fatigue_rate_factor = 1.0 / 1.39;

  // Flow: multifidus IMP 9 mmHg at rest, ~2.6 mmHg per % MVC (A); restriction from ~10 % MVC
  // (Sjogaard et al. 1988 (A)): onset 9 + 26 mmHg; occlusion at 55 % (50-64 %, Sadamoto et al.
  // 1983 (A)): 9 + 143 mmHg; passive term ASSUMPTION (a kyphotic back's erectors reach
  // 120-130 mmHg relaxed (A)); dilation and residual flow ASSUMPTION.
  law::PerfusionParameters perfusion{9.0, 260.0, 150.0, 35.0, 152.0, 10.0, 0.02};
  double walking_pump = 0.5;            // flow rise while walking (ASSUMPTION)
  double flow_per_degree = 0.2;         // flow change per deg C of tissue temperature (1.4-2x
                                        // for +2-3 C, A)

  // Metabolites: pH recovery half-time 5.2 min (A) -> tau = 450 s; unit: m = 1 for a fresh muscle
  // holding `metabolite_reference_activation` at steady state (ASSUMPTION).
  double metabolite_clearance_time = 450.0;
  double metabolite_reference_activation = 0.20;

  // Creep of the joints' passive tissues (ASSUMPTION after Solomonow et al.'s feline studies).
  law::CreepParameters creep{900.0, 1800.0};
  double strain_reference_moment = 10.0;  // [N m] passive moment counted as strain 1

  // Afferents (ASSUMPTION).
  law::AfferentParameters afferents{2.5, 2.0, 1.0, 0.4};
  // Stretch injury: afferent drive from fibres lengthening faster than `injury_velocity`
  // (ASSUMPTION: rapid stretch strains tissue and excites mechanosensitive afferents).
  double injury_velocity = 1.0;       // [lopt/s]
  double injury_per_velocity = 0.3;   // drive per lopt/s above it, per second of stretching
  double injury_recovery_time = 1200.0;  // [s]

  // Reflex tone (ASSUMPTION: no published constants for the loop; docs/physiology.md).
  // supported_share: relaxed, supported muscles are near silent; resting paraspinal EMG is not
  // raised in chronic low-back pain (Miller 1985 (A)), so a support takes most of the loop's
  // tone too (ASSUMPTION: 0.2).
  law::ToneParameters tone{0.01, 0.6, 2.5, 3.0, 2.0, 0.5, 0.2};
  double fusimotor_time = 120.0;  // [s] gamma settles over minutes (ASSUMPTION)
  double tone_time = 5.0;         // [s]
  law::BurstParameters burst{0.5, 0.15, 0.4};
  double burst_time = 0.15;       // [s]; the trunk's reflex responds within 50-70 ms (A)
  // Spinal stretch reflexes in forward phases (law/spinal_reflex.hpp): delays the midpoints of
  // the textbook short- (30-50 ms) and long-latency (50-80 ms) ranges (S, Matthews 1991 via
  // Miller et al. 2010); gains ASSUMPTIONS, the largest that keep the loops stable
  // (docs/forward.md); the spindles' share of a command, which their silence can withdraw, an
  // ASSUMPTION (docs/forward.md).
  law::SpinalReflexParameters spinal_reflex{{0.040, 0.25, 0.05}, {0.065, 0.5, 0.1}, 0.05, 0.6, 0.3};

  // Condition (weak evidence; ASSUMPTIONS scaled from the reviews in docs/physiology.md).
  double stress_tone = 0.025;             // resting tone added at stress 1 (trapezius +1-3 % (A))
  double stress_excitability = 0.3;       // fusimotor gain added at stress 1
  double dehydration_excitability = 0.02; // per % of body mass lost
  double low_sodium_excitability = 0.05;
  double low_potassium_excitability = 0.05;
  double low_calcium_excitability = 0.10;
  double low_magnesium_excitability = 0.08;
  double cold_ambient_excitability = 0.01;  // per deg C below 18 C
  double sweat_per_degree = 0.05;           // [L/h per deg C above 24 C]
  double water_absorption_time = 900.0;     // [s]

  // Reliefs (docs/physiology.md gives the evidence for each).
  double stretch_inhibition = 0.5;     // fusimotor gain lowered while a stretch is held (the
                                       // H-reflex is strongly inhibited during it, A)
  double stretch_relief = 0.15;        // ... and after it (stiffness -11-15 %, A)
  double stretch_onset_time = 30.0;    // [s]
  double stretch_recovery_time = 300.0;  // [s]: stiffness back within 10-20 min (A)
  double heat_warming = 2.0;           // [deg C] at the back muscles under a heat wrap (A: +2-3 C)
  double cold_cooling = 4.0;           // [deg C] at 3 cm under 20 min of ice (A: 2.4-6.2 C)
  double ice_on_time = 1200.0;         // [s]: ice is applied for 20 min, then taken off
  double tissue_warming_time = 600.0;  // [s] toward the applied temperature
  double tissue_rewarming_time = 1800.0;  // [s] back to normal once removed (A: cooling continues)
  double temperature_gain_per_degree = 0.05;  // fusimotor gain change per deg C (M: cooling
                                              // slows spindle discharge)
  double heat_afferent_relief = 0.05;  // afferent drive lowered per deg C of warmth (ASSUMPTION:
                                       // thermoreceptors gate pain; heat wraps' short-term
                                       // analgesia, French et al. 2006 (A))
  double massage_relief = 0.10;        // afferent drive lowered during massage (low-quality, M)
  double massage_recovery_time = 600.0;  // [s]
  double massage_flow = 0.9;           // flow during massage (Wiltshire et al. 2010 (A): lower)

  // Pain adaptation (Lund et al. 1991; Farina et al. 2005: -13 % EMG (A)).
  double pain_inhibition = 0.15;       // agonist capacity lowered at full afferent drive
  double pain_coactivation = 0.03;     // antagonist floor added at full afferent drive

  // Spasm risk, the strain dose (law/strain_dose.hpp; docs/physiology.md). Window, reference
  // effort and creep, and the recovery times ASSUMPTIONS; the rate k is CALIBRATED so that the
  // reference man standing 2 h reaches 0.5, the share of healthy people who develop low-back pain
  // in 2 h of standing (pooled 54 %, 40-81 % across studies; docs/physiology.md).
  law::DoseParameters dose{600.0, 2.0, 0.05, 0.25, 0.94e-4, 3600.0, 300.0, 0.05, 3.0};

  // Spasm and task failure (ASSUMPTION: no published threshold, D section 8).
  double spasm_threshold = 0.15;      // tone [fraction of max]
  double spasm_min_duration = 60.0;   // [s] above it
  double spasm_persist = 20.0;        // [s] of it with the voluntary demand below the tone
  // Task failure (ASSUMPTION after endurance protocols, which end a hold once the force stays
  // clearly below its target for a few seconds): more than the margin of the demand unmet, for
  // the persistence on end.
  double task_failure_margin = 10.0;  // [% of the demand]
  double task_failure_persist = 3.0;  // [s]
};

// The metabolite law's constants: its clearance time, and the production that makes m = 1 the
// steady state of a fresh, relaxed-length muscle holding the reference activation.
law::MetaboliteParameters metaboliteLaw(const Parameters& p);

// A named, range-checked entry for overriding a parameter from a scenario.
struct ParameterEntry {
  const char* name;
  double* value;
  double min, max;
  const char* unit;
};
std::vector<ParameterEntry> parameterTable(Parameters& p);

}  // namespace tonus::physiology
