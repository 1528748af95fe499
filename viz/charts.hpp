#pragma once
// Charts of a run over time (VTK charts, PNG): the muscle groups' tone and fatigue, L4/L5 disc
// pressure against Wilke's in-vivo levels, the spasm risk, and lumbar compression against the
// NIOSH limits; each with the phases shaded and named and spasm episodes marked.
#include <filesystem>
#include <string>
#include <vector>

#include "results/run_record.hpp"

namespace tonus::viz {

struct ChartOptions {
  int width = 1000, height = 500;
  int groups = 6;  // the groups that reach the highest values are drawn
};

// The files writeCharts writes, in order.
inline constexpr const char* kChartFiles[] = {"chart_tone.png", "chart_fatigue.png", "chart_pressure.png",
                                              "chart_risk.png", "chart_compression.png"};

// Each phase's shading band, counting only the phases that take time: bands alternate by it, so a
// phase that takes none (a drink) does not swap the shading of every band after it.
std::vector<int> phaseBands(const results::RunRecord& record);

// Writes the kChartFiles into dir (which must exist); returns their paths.
std::vector<std::filesystem::path> writeCharts(const results::RunRecord& record, const ChartOptions& options,
                                               const std::filesystem::path& dir);

}  // namespace tonus::viz
