#pragma once
// Charts of a run over time (VTK charts, PNG): the muscle groups' tone and fatigue, L4/L5 disc
// pressure, and the spasm risk; each with the phases shaded and spasm episodes marked.
#include <filesystem>
#include <string>
#include <vector>

#include "io/run_record.hpp"

namespace tonus::viz {

struct ChartOptions {
  int width = 1000, height = 500;
  int groups = 6;  // the groups that reach the highest values are drawn
};

// Writes chart_tone.png, chart_fatigue.png, chart_pressure.png and chart_risk.png into dir;
// returns their paths.
std::vector<std::filesystem::path> writeCharts(const io::RunRecord& record, const ChartOptions& options,
                                               const std::filesystem::path& dir);

}  // namespace tonus::viz
