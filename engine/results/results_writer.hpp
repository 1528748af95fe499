#pragma once
// A run's results on disk (docs/scenarios.md, "Outputs"): summary.json and phases.csv, and the
// time series timeseries.csv (every sample), muscles.csv and activations.sto (every
// `muscles_every`), each only when the scenario's output.files asks for it. The time series
// stream as the run produces samples (a 24-hour run does not hold its samples in memory); the
// summaries follow at the end. Callers write into a staging directory that replaces the target
// only when all is complete (io/output_directory.hpp).
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "scenario/scenario.hpp"
#include "sim/run_result.hpp"

namespace tonus::results {

// Which files a run writes and how often the per-fascicle ones take a sample.
struct OutputChoice {
  bool timeseries = true, muscles = true, sto = true, phases = true;
  long muscles_stride = 1;  // every this many samples (and the last one)
};

// What a scenario's output.files and muscles_every ask for.
OutputChoice outputChoiceOf(const scenario::Scenario& scenario);

nlohmann::json summaryJson(const sim::RunResult& result);
// summary.json, and phases.csv when chosen.
void writeSummary(const sim::RunResult& result, const std::filesystem::path& dir, const OutputChoice& choice = {});
// motion.csv: every forward step's time, trunk flexion, L4/L5 compression, the lumbar
// erectors' and abdominals' mean excitation and every joint angle [deg] (docs/scenarios.md).
void writeMotion(const sim::RunResult& result, const std::filesystem::path& file);
// The per-phase figures of summary.json as one flat table, a row per phase and one for the run.
std::string phasesCsv(const sim::RunResult& result);

// The time-series files, one sample at a time.
class ResultsStream {
 public:
  explicit ResultsStream(std::filesystem::path dir, OutputChoice choice = {});
  void start(const sim::RunLayout& layout);
  void add(const sim::Sample& sample);
  void close();  // flushes and checks every file was written

 private:
  bool takesMuscles(long sample) const;
  std::filesystem::path dir_;
  OutputChoice choice_;
  sim::RunLayout layout_;
  long next_sample_ = 0;
  std::ofstream timeseries_, muscles_, activations_;
};

// A text file, checked.
void writeTextFile(const std::filesystem::path& path, const std::string& text);

// The chosen files from a result that kept its samples, into `dir` (which must exist): the same
// bytes as a run that streamed them.
void writeResultFiles(const sim::RunResult& result, const std::filesystem::path& dir, const OutputChoice& choice = {});

}  // namespace tonus::results
