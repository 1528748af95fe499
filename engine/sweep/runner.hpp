#pragma once
// Running a sweep's cases: many at a time on one machine (OpenMP threads, each running whole
// cases), pulling case numbers from a source that may be shared with other processes (MPI),
// and handing each finished case to whoever keeps it (the results store, or the MPI rank that
// owns it).
#include <functional>
#include <optional>
#include <vector>

#include "sweep/case_result.hpp"
#include "sweep/sweep.hpp"

namespace tonus::sweep {

// Builds a case's scenario, model and timeline as a run would, throwing input::InputError if any
// is invalid: a sweep checks all its cases before it starts.
void checkCase(const Sweep& sweep, const Case& c);

// Checks every case; if any is invalid, throws input::InputError naming the sweep file, how many
// cases are bad, and the first three with their values and the reason.
void checkCases(const Sweep& sweep, const std::vector<Case>& cases);

// One case, start to finish. A case whose scenario is invalid (a sampled angle beyond a joint's
// range, say) comes back with status "invalid" and the message, not as an error.
CaseResult runCase(const Sweep& sweep, const Case& c, bool keep_series);

struct RunnerOptions {
  int threads = 1;
  bool keep_series = false;
  // The next case to run (an index into `cases`), or nothing when all are taken. Called from
  // several threads, never at once.
  std::function<std::optional<int>()> next_case;
  // Each finished case. Called from several threads, never at once.
  std::function<void(const CaseResult&)> deliver;
};

// Returns when no case is left; the first exception any thread meets stops all and is rethrown.
void runCases(const Sweep& sweep, const std::vector<Case>& cases, const RunnerOptions& options);

}  // namespace tonus::sweep
