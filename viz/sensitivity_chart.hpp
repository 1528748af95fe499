#pragma once
// The sweep report's sensitivity ranking as a bar chart (PNG): per varied parameter, its
// standardised regression coefficient on each ranked output (peak L4/L5 compression, peak
// and mean spasm risk).
#include <filesystem>

#include "sweep/report.hpp"

namespace tonus::viz {

void writeSensitivityChart(const sweep::Report& report, const std::filesystem::path& out, int width = 900,
                           int height = 500);

}  // namespace tonus::viz
