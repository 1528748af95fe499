#pragma once
// A run's folder as `tonus run --out` leaves it: the files the scenario's output.files asks
// for, and the scenario and model as they were (so pictures can rebuild the body exactly).
#include <filesystem>
#include <string>

#include "results/output_directory.hpp"
#include "sim/prepared_run.hpp"
#include "sim/run_result.hpp"

namespace tonus::results {

// The scenario and model texts a run used, into `dir`.
void writeRunInputs(const sim::PreparedRun& prepared, const std::filesystem::path& dir);

// What a run reads, never inside the reach of the folder it writes.
Inputs runInputs(const sim::PreparedRun& prepared);

// A finished run that kept its samples, written as a whole into `out`: new, empty, or written
// by Tonus before (else UserError, and nothing is touched).
void writeKeptRun(const sim::PreparedRun& prepared, const sim::RunResult& result, const std::filesystem::path& out,
                  const FolderRequest& request);

}  // namespace tonus::results
