#pragma once
// What a sweep keeps of each case: its parameters, how it went, its summary figures and its
// per-phase figures (and, on request, a few time series).
#include <optional>
#include <string>
#include <vector>

namespace tonus::sweep {

struct PhaseFigures {
  int index = 0;
  std::string kind;
  double start = 0.0, end = 0.0;
  double l4l5_compression_mean = 0.0, l4l5_compression_peak = 0.0, l4l5_idp_peak = 0.0;
  double fatigue_max = 0.0, tone_max = 0.0, spasm_risk_max = 0.0, capacity_exceeded_s = 0.0;
};

struct SeriesPoint {
  double time = 0.0, l4l5_compression = 0.0, l4l5_idp = 0.0, spasm_risk = 0.0, tone_max = 0.0, fatigue_max = 0.0;
};

struct CaseResult {
  int id = 0;
  std::vector<std::string> values;  // per variation
  std::string status = "ok";        // ok | invalid
  std::string message;              // why a case is invalid
  double peak_l4l5_compression = 0.0, peak_l4l5_idp = 0.0, peak_l5s1_compression = 0.0;
  double mean_l4l5_compression = 0.0;
  std::optional<double> task_failure;
  double spasm_risk = 0.0;       // the run's peak (a brisk stretch may touch 1 briefly)
  double spasm_risk_mean = 0.0;  // its average over the run: the sustained state of the loops
  int spasm_events = 0;
  std::optional<double> first_spasm;
  double capacity_exceeded_s = 0.0;
  double l4l5_above_action_s = 0.0, l4l5_above_max_s = 0.0, l5s1_above_action_s = 0.0, l5s1_above_max_s = 0.0;
  double simulated_s = 0.0, wall_s = 0.0;
  std::vector<PhaseFigures> phases;
  std::vector<SeriesPoint> series;  // empty unless asked for
};

}  // namespace tonus::sweep
