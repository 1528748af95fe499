#include "physiology/spasm_risk.hpp"

#include <algorithm>

namespace tonus::physiology {

double spasmRisk(const Parameters& p, const law::MetaboliteParameters& metabolites, const LoopInputs& in) {
  const double excitability =
      in.stress_excitability * in.hydration_excitability * in.electrolyte_excitability * in.ambient_excitability;
  const bool vicious = p.reflex_model == ReflexModel::ViciousCycle;
  const double capacity = std::max(in.capacity, 1e-3);
  // Tones from the spasm threshold to twice it (where spasms live): at each, the tone the
  // loop would hold on to.
  double worst = 0.0;
  constexpr int kSteps = 6;
  const double top = std::min(1.0, 2.0 * p.spasm_threshold);
  for (int k = 0; k < kSteps; ++k) {
    const double tone = p.spasm_threshold + (top - p.spasm_threshold) * k / (kSteps - 1);
    const double flow = law::contractionFlow(p.perfusion, tone, in.passive_force) * in.flow_factor;
    const double m = law::metaboliteSteadyState(metabolites, std::min(1.0, tone / capacity), flow);
    const double n = in.afferent_relief * law::afferentDrive(p.afferents, m, in.creep, in.injury);
    const double gamma = law::fusimotorTarget(p.tone, excitability, in.relief, n, vicious);
    const double held = law::toneTarget(p.tone, gamma, in.fibre_length) + in.stress_tone;
    worst = std::max(worst, held / tone);
  }
  return std::min(1.0, worst);
}

std::array<double, kRiskFactorCount> riskContributions(const Parameters& p, const law::MetaboliteParameters& metabolites,
                                                       const LoopInputs& in) {
  const double risk = spasmRisk(p, metabolites, in);
  std::array<double, kRiskFactorCount> out{};
  for (int f = 0; f < kRiskFactorCount; ++f) {
    LoopInputs neutral = in;
    switch (f) {
      case kFatigue: neutral.capacity = 1.0; break;
      case kPosture:
        neutral.creep = 0.0;
        neutral.passive_force = 0.0;
        neutral.fibre_length = 1.0;
        break;
      case kRapidStretch: neutral.injury = 0.0; break;
      case kStress:
        neutral.stress_excitability = 1.0;
        neutral.stress_tone = 0.0;
        break;
      case kDehydration: neutral.hydration_excitability = 1.0; break;
      case kElectrolytes: neutral.electrolyte_excitability = 1.0; break;
    }
    out[static_cast<std::size_t>(f)] = risk - spasmRisk(p, metabolites, neutral);
  }
  return out;
}

}  // namespace tonus::physiology
