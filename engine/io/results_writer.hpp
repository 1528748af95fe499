#pragma once
// A run's results on disk (docs/scenarios.md, "Outputs"): summary.json, timeseries.csv,
// muscles.csv and activations.sto. The three time series stream as the run produces samples
// (a 24-hour run at 1 s does not hold its samples in memory); the summary follows at the end.
// Callers write into a staging directory that replaces the target only when all is complete.
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/run_result.hpp"

namespace tonus::io {

nlohmann::json summaryJson(const sim::RunResult& result);
void writeSummary(const sim::RunResult& result, const std::filesystem::path& dir);

// The time-series files, one sample at a time.
class ResultsStream {
 public:
  explicit ResultsStream(std::filesystem::path dir);
  void start(const sim::RunLayout& layout);
  void add(const sim::Sample& sample);
  void close();  // flushes and checks every file was written

 private:
  std::filesystem::path dir_;
  sim::RunLayout layout_;
  std::ofstream timeseries_, muscles_, activations_;
};

// A text file, checked.
void writeTextFile(const std::filesystem::path& path, const std::string& text);

// All four files from a result that kept its samples, into `dir` (which must exist).
void writeResultFiles(const sim::RunResult& result, const std::filesystem::path& dir);

}  // namespace tonus::io
