#pragma once
// Spasm risk: how close a muscle's reflex loop is to sustaining a spasm by itself. For a tone T
// held only by the loop, the muscle would settle to metabolites m*(T), afferent drive n(m*),
// fusimotor gain gamma*(n) and tone T*(gamma*); where T*(T) >= T at a tone above the spasm
// threshold, a high-tone state sustains itself once reached. The risk is the largest
// T*(T) / T over tones from the threshold to twice it, capped at 1: 1 means the loop can hold a
// spasm now; 0.5 means it would regenerate only half of it.
#include <array>

#include "physiology/parameters.hpp"

namespace tonus::physiology {

// One muscle's situation, as the loop sees it.
struct LoopInputs {
  double capacity = 1.0;        // 1 - MF
  double creep = 0.0;           // largest creep of the joints it spans
  double injury = 0.0;          // drive from rapid stretch
  double passive_force = 0.0;   // passive fibre force / max force
  double fibre_length = 1.0;    // relative to upright standing
  double flow_factor = 1.0;     // pump, temperature, massage
  double relief = 1.0;          // stretch and temperature on the fusimotor gain
  double afferent_relief = 1.0; // massage on the afferent drive
  // Excitability, factor by factor (their product scales the fusimotor gain).
  double stress_excitability = 1.0, hydration_excitability = 1.0, electrolyte_excitability = 1.0,
         ambient_excitability = 1.0;
  double stress_tone = 0.0;     // resting tone added by stress
};

double spasmRisk(const Parameters& p, const law::MetaboliteParameters& metabolites, const LoopInputs& in);

// What each factor adds to a muscle's risk: the risk minus the risk with that factor made
// neutral. Factors interact, so the parts need not sum to the risk.
enum RiskFactor { kFatigue, kPosture, kRapidStretch, kStress, kDehydration, kElectrolytes, kRiskFactorCount };
inline constexpr const char* kRiskFactorNames[kRiskFactorCount] = {"fatigue", "posture", "rapid_stretch",
                                                                  "stress", "dehydration", "electrolytes"};
std::array<double, kRiskFactorCount> riskContributions(const Parameters& p, const law::MetaboliteParameters& metabolites,
                                                       const LoopInputs& in);

}  // namespace tonus::physiology
