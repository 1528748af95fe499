#pragma once
// What drives the risk: how long each muscle group's spasm risk (its worst fascicle's, as the
// group's `risk_` channel carries it) spent above 0.2, 0.5 and 0.8 over a run, and its peak;
// groups ranked by that time.
#include <array>
#include <string>
#include <vector>

namespace tonus::sim {

inline constexpr std::array<double, 3> kRiskThresholds{0.2, 0.5, 0.8};

struct GroupRisk {
  std::string group;
  double peak = 0.0;
  std::array<double, kRiskThresholds.size()> above_s{};  // [s] above each threshold
};

class RiskRanking {
 public:
  explicit RiskRanking(std::vector<std::string> groups);
  // The groups' risk over a step of dt, one value per group in the constructor's order.
  void observe(const double* group_risk, double dt);
  // Most time above 0.8 first, then above 0.5, then above 0.2, then the higher peak.
  std::vector<GroupRisk> ranked() const;

 private:
  std::vector<GroupRisk> groups_;
};

}  // namespace tonus::sim
