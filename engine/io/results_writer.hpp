#pragma once
// A run's results on disk (docs/scenarios.md, "Outputs"): summary.json, timeseries.csv,
// muscles.csv and activations.sto, written together into a directory that appears only once
// every file is complete.
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "sim/run_result.hpp"

namespace tonus::io {

nlohmann::json summaryJson(const sim::RunResult& result);

// Writes the four files into `dir` (which must exist).
void writeResultFiles(const sim::RunResult& result, const std::filesystem::path& dir);

// Writes them atomically into `target`, replacing what was there; `extra` may add files
// (pictures) to the same directory before it is swapped in.
void writeResults(const sim::RunResult& result, const std::filesystem::path& target,
                  const std::function<void(const std::filesystem::path&)>& extra = {});

}  // namespace tonus::io
