#pragma once
// Muscle blood flow during contraction. Intramuscular pressure (IMP) rises about linearly with
// activation (multifidus: 9 mmHg at rest, ~2.6 mmHg per % of maximum) and with the passive
// tension of a stretched muscle (a flexed back's erectors reach 120-130 mmHg while relaxed);
// flow is unrestricted while IMP stays below an onset pressure (~10 % of maximum), falls as IMP
// rises beyond it, and stops at an occlusion pressure (~55 % of maximum). Working muscle also
// dilates its vessels (exercise hyperaemia), so flow first rises with activation, then falls:
//   Q / Q_rest = max(q_min, (1 + G a) patency),
//   patency = clamp((P_occ - IMP) / (P_occ - P_onset), 0, 1),
//   IMP = IMP_rest + k_a a + k_p f_PE.
// Sources and evidence: docs/physiology.md, "Blood flow".
#include <algorithm>

namespace tonus::physiology::law {

struct PerfusionParameters {
  double pressure_at_rest;         // IMP_rest [mmHg]
  double pressure_per_activation;  // k_a [mmHg per unit activation]
  double pressure_per_passive;     // k_p [mmHg per unit passive fibre force / max force]
  double onset_pressure;           // P_onset [mmHg]: flow starts to fall above it
  double occlusion_pressure;       // P_occ [mmHg]: inflow stops
  double dilation;                 // G [-]: flow rise per unit activation before compression
  double residual_flow;            // q_min [-]: what still trickles through an occluded muscle
};

inline double intramuscularPressure(const PerfusionParameters& p, double activation, double passive_force) {
  return p.pressure_at_rest + p.pressure_per_activation * std::max(0.0, activation) +
         p.pressure_per_passive * std::max(0.0, passive_force);
}

inline double patency(const PerfusionParameters& p, double pressure) {
  return std::clamp((p.occlusion_pressure - pressure) / (p.occlusion_pressure - p.onset_pressure), 0.0, 1.0);
}

// Flow relative to a relaxed, unstretched muscle's, before the pump and temperature factors.
inline double contractionFlow(const PerfusionParameters& p, double activation, double passive_force) {
  const double open = patency(p, intramuscularPressure(p, activation, passive_force));
  return std::max(p.residual_flow, (1.0 + p.dilation * std::max(0.0, activation)) * open);
}

// The activation at which a relaxed-length muscle's inflow starts to fall, and stops.
inline double restrictionActivation(const PerfusionParameters& p) {
  return (p.onset_pressure - p.pressure_at_rest) / p.pressure_per_activation;
}
inline double occlusionActivation(const PerfusionParameters& p) {
  return (p.occlusion_pressure - p.pressure_at_rest) / p.pressure_per_activation;
}

}  // namespace tonus::physiology::law
