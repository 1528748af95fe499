#pragma once
// The sweep's results in one SQLite file (DIR/results.sqlite): `sweep` (what was run), `cases`
// (one row per case: parameters and figures), `phases` (per case and phase) and, on request,
// `series`. Each case is written in one transaction, so a sweep killed at any moment leaves
// only whole cases, and --resume runs exactly those missing. One process writes (rank 0 under
// MPI); the write-ahead log lets readers (a user's sqlite3 session) look while it runs.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "sweep/case_result.hpp"
#include "sweep/sweep.hpp"

struct sqlite3;

namespace tonus::sweep {

class ResultsStore {
 public:
  // Opens or creates the database. A new one records the sweep; an existing one must have
  // been made by the same sweep (same fingerprint) when `resume`, and is refused otherwise.
  ResultsStore(const std::filesystem::path& file, const Sweep& sweep, bool resume);
  ~ResultsStore();
  ResultsStore(const ResultsStore&) = delete;
  ResultsStore& operator=(const ResultsStore&) = delete;

  std::set<int> finishedCases() const;
  void store(const CaseResult& result);  // one transaction; a case already there is an error

  // Whole columns of `cases`, for reports: the parameter texts and the named figures.
  std::vector<std::vector<std::string>> parameterValues() const;  // per case, per variation
  std::vector<double> figure(const std::string& column) const;     // per case (ok cases), NaN for NULL
  static std::string parameterColumn(const std::string& path);     // "p_subject_height_m"

 private:
  // The schema, and this sweep's fingerprint written or checked.
  void createOrCheck(const Sweep& sweep);
  void execute(const std::string& sql) const;
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
  std::vector<std::string> parameter_columns_;
};

}  // namespace tonus::sweep
