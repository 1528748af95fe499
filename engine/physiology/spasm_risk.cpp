#include "physiology/spasm_risk.hpp"

#include <algorithm>

#include "physiology/laws/strain_dose.hpp"

namespace tonus::physiology {
namespace {

double afferentOf(const Parameters& p, const DriveInputs& in) {
  return in.afferent_relief * law::afferentDrive(p.afferents, in.metabolites, in.creep, in.injury);
}

}  // namespace

double riskDrive(const Parameters& p, const DriveInputs& in) {
  return law::doseDrive(p.dose, in.static_effort, in.creep, in.gamma, afferentOf(p, in));
}

std::array<double, kRiskFactorCount> riskContributions(const Parameters& p, const DriveInputs& in, double risk) {
  const double drive = riskDrive(p, in);
  std::array<double, kRiskFactorCount> out{};
  if (drive <= 0.0) return out;
  const bool vicious = p.reflex_model == ReflexModel::ViciousCycle;
  const double afferent = afferentOf(p, in);
  for (int f = 0; f < kRiskFactorCount; ++f) {
    DriveInputs neutral = in;
    switch (f) {
      // As if the muscle were fresh: the same activation is a smaller effort.
      case kFatigue: neutral.static_effort = in.static_effort * in.capacity; break;
      case kPosture: neutral.creep = 0.0; break;
      case kRapidStretch: neutral.injury = 0.0; break;
      case kStress: neutral.gamma = in.gamma / in.stress_excitability; break;
      case kDehydration: neutral.gamma = in.gamma / in.hydration_excitability; break;
      case kElectrolytes: neutral.gamma = in.gamma / in.electrolyte_excitability; break;
    }
    // Less afferent drive also means less fusimotor gain in the vicious cycle.
    if (vicious && (f == kPosture || f == kRapidStretch)) {
      neutral.gamma = in.gamma * (1.0 + p.tone.pain_coupling * afferentOf(p, neutral)) / (1.0 + p.tone.pain_coupling * afferent);
    }
    out[static_cast<std::size_t>(f)] = risk * std::max(0.0, 1.0 - riskDrive(p, neutral) / drive);
  }
  return out;
}

}  // namespace tonus::physiology
