#pragma once
// What drives the risk: how long each muscle group's spasm risk (its worst fascicle's) spent
// above 0.2, 0.5 and 0.8 over a run, and its peak; groups ranked by that time.
#include <array>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace tonus::sim {

inline constexpr std::array<double, 3> kRiskThresholds{0.2, 0.5, 0.8};

struct GroupRisk {
  std::string group;
  double peak = 0.0;
  std::array<double, kRiskThresholds.size()> above_s{};  // [s] above each threshold
};

class RiskRanking {
 public:
  RiskRanking(std::vector<std::string> groups, std::vector<int> group_of);
  // The fascicles' risk over a step of dt.
  void observe(const Eigen::VectorXd& risk, double dt);
  // Most time above 0.8 first, then above 0.5, then above 0.2, then the higher peak.
  std::vector<GroupRisk> ranked() const;

 private:
  std::vector<int> group_of_;
  std::vector<GroupRisk> groups_;
  std::vector<double> worst_;  // per group, this step
};

}  // namespace tonus::sim
