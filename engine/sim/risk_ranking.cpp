#include "sim/risk_ranking.hpp"

#include <algorithm>

namespace tonus::sim {

RiskRanking::RiskRanking(std::vector<std::string> groups, std::vector<int> group_of)
    : group_of_(std::move(group_of)), worst_(groups.size(), 0.0) {
  for (std::string& g : groups) groups_.push_back({std::move(g), 0.0, {}});
}

void RiskRanking::observe(const Eigen::VectorXd& risk, double dt) {
  std::fill(worst_.begin(), worst_.end(), 0.0);
  for (std::size_t f = 0; f < group_of_.size(); ++f) {
    double& w = worst_[static_cast<std::size_t>(group_of_[f])];
    w = std::max(w, risk[static_cast<Eigen::Index>(f)]);
  }
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    GroupRisk& r = groups_[g];
    r.peak = std::max(r.peak, worst_[g]);
    for (std::size_t k = 0; k < kRiskThresholds.size(); ++k) {
      if (worst_[g] > kRiskThresholds[k]) r.above_s[k] += dt;
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
