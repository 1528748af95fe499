#pragma once
// Spasm risk as a graded index over a sustained window (issue 13; docs/physiology.md, "Spasm
// risk"). A muscle accumulates a dose D of sustained strain and sheds it in rest:
//   static effort      dS/dt = (e - S) / tau,  tau = tau_S rising, tau_fall falling;
//                      e = a / c, less g while walking
//   drive              u = (S / S_ref + creep / C_ref) x gamma x (1 + w n)
//   dose               dD/dt = k u - D / tau_rec, tau_rec short in rest, long otherwise
//   risk               1 - exp(-D)
// S is the static level of the effort (Jonsson 1978's amplitude-distribution static level: what
// the muscle never lets go of): it builds over tau_S and drops within seconds in any pause, so
// intermittent work counts by its pauses and a hold by its whole effort. The effort is relative
// to the units still fresh (a/c), so fatigue raises it; gamma carries the
// reflex gain (stress, hydration, electrolytes, the vicious cycle); n the afferent drive of
// metabolites (sustained activation against reduced flow), joint creep and rapid stretch. No
// instantaneous posture or stretch enters: only states that build over minutes. The scale is
// calibrated so that the risk reads as the share of healthy people who would report low-back
// discomfort after the exposure (2 h of standing: one half); the law is a hypothesis.
#include <algorithm>
#include <cmath>

#include "physiology/laws/relaxation.hpp"

namespace tonus::physiology::law {

struct DoseParameters {
  double effort_window;     // tau_S [s]: how long an effort must last to count as sustained
  double effort_fall_time;  // tau_fall [s]: how fast a pause lowers the static level
  double effort_reference;  // S_ref: sustained effort giving unit drive
  double creep_reference;   // C_ref [strain units]: joint creep giving unit drive
  double rate;              // k [1/s]: dose per second at unit drive
  double recovery_active;   // tau_rec [s] while the body works or holds a posture
  double recovery_rest;     // tau_rec [s] lying or walking
  double gait_effort;       // g: the postural part of effort that gait makes rhythmic
  double afferent_weight;   // w: how much the small-fibre afferents (pain) multiply the drive
};

// The effort the static level follows: effort relative to the fresh units; in gait the postural
// part becomes rhythmic, with pauses the low-threshold units rest in, and only a load's excess
// stays static.
inline double staticEffortTarget(const DoseParameters& p, double activation, double capacity, bool walking) {
  const double effort = std::min(1.0, activation / std::max(capacity, 1e-3));
  return walking ? std::max(0.0, effort - p.gait_effort) : effort;
}

// The static level after dt with the effort held: it rises slowly and falls fast.
inline double staticEffortStep(const DoseParameters& p, double level, double effort, double dt) {
  return relax(level, effort, 1.0 / (effort > level ? p.effort_window : p.effort_fall_time), dt);
}

// Drive of the dose at a state; gamma the fusimotor gain, afferent n in [0, 1].
inline double doseDrive(const DoseParameters& p, double static_effort, double creep, double gamma, double afferent) {
  const double load = std::max(0.0, static_effort) / p.effort_reference + std::max(0.0, creep) / p.creep_reference;
  return load * std::max(0.0, gamma) * (1.0 + p.afferent_weight * std::clamp(afferent, 0.0, 1.0));
}

// The dose after dt at a constant drive: it relaxes toward k u tau_rec at rate 1/tau_rec.
inline double doseStep(const DoseParameters& p, double dose, double drive, bool resting, double dt) {
  const double recovery = resting ? p.recovery_rest : p.recovery_active;
  return relax(dose, p.rate * drive * recovery, 1.0 / recovery, dt);
}

// The risk index in [0, 1) from the dose.
inline double riskOfDose(double dose) { return 1.0 - std::exp(-std::max(0.0, dose)); }

}  // namespace tonus::physiology::law
