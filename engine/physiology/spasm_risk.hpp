#pragma once
// Spasm risk: the graded index of the strain a muscle has sustained over the last minutes to
// hours (law/strain_dose.hpp; docs/physiology.md, "Spasm risk"). Here: the dose's drive from a
// muscle's state, and what each factor adds to the risk.
#include <array>

#include "physiology/parameters.hpp"

namespace tonus::physiology {

// One muscle's state, as the dose's drive sees it.
struct DriveInputs {
  double static_effort = 0.0;  // S: static level of effort relative to the fresh units (a / c)
  double capacity = 1.0;          // 1 - MF
  double creep = 0.0;             // largest creep of the joints it spans
  double metabolites = 0.0;       // metabolite index
  double injury = 0.0;            // afferent drive from rapid stretch
  double gamma = 1.0;             // fusimotor gain (the state's)
  double afferent_relief = 1.0;   // massage on the afferent drive
  // Excitability, factor by factor (their product scales the fusimotor gain).
  double stress_excitability = 1.0, hydration_excitability = 1.0, electrolyte_excitability = 1.0;
};

// The drive u of the muscle's strain dose.
double riskDrive(const Parameters& p, const DriveInputs& in);

// What each factor adds to a muscle's risk: the risk times the share of the drive that would
// vanish with that factor made neutral. Factors interact, so the parts need not sum to the risk.
enum RiskFactor { kFatigue, kPosture, kRapidStretch, kStress, kDehydration, kElectrolytes, kRiskFactorCount };
inline constexpr const char* kRiskFactorNames[kRiskFactorCount] = {"fatigue", "posture", "rapid_stretch",
                                                                  "stress", "dehydration", "electrolytes"};
std::array<double, kRiskFactorCount> riskContributions(const Parameters& p, const DriveInputs& in, double risk);

}  // namespace tonus::physiology
