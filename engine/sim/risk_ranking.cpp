#include "sim/risk_ranking.hpp"

#include <algorithm>

namespace tonus::sim {

RiskRanking::RiskRanking(std::vector<std::string> groups) {
  for (std::string& g : groups) groups_.push_back({std::move(g), 0.0, {}});
}

void RiskRanking::observe(const double* group_risk, double dt) {
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    GroupRisk& r = groups_[g];
    r.peak = std::max(r.peak, group_risk[g]);
    for (std::size_t k = 0; k < kRiskThresholds.size(); ++k) {
      if (group_risk[g] > kRiskThresholds[k]) r.above_s[k] += dt;
    }
  }
}

std::vector<GroupRisk> RiskRanking::ranked() const {
  std::vector<GroupRisk> out = groups_;
  std::stable_sort(out.begin(), out.end(), [](const GroupRisk& a, const GroupRisk& b) {
    for (std::size_t k = kRiskThresholds.size(); k-- > 0;) {
      if (a.above_s[k] != b.above_s[k]) return a.above_s[k] > b.above_s[k];
    }
    return a.peak > b.peak;
  });
  return out;
}

}  // namespace tonus::sim
