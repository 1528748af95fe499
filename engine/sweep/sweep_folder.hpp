#pragma once
// A sweep run into a folder on this machine, as `tonus sweep` and Python's tonus.sweep run it:
// every case checked before anything is written; the folder (the sweep and base scenario as
// they were, and results.sqlite) made whole before any case runs; cases handed out one at a
// time to threads, each stored as it finishes, so a stopped sweep is finished by resuming.
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sweep/case_result.hpp"
#include "sweep/sweep.hpp"

namespace tonus::sweep {

// The sweep and its cases, every case checked as a run would check it (input::InputError).
struct SweepPlan {
  Sweep sweep;
  std::vector<Case> cases;
};
SweepPlan planSweep(const std::filesystem::path& file);

// How the caller names the folder and resuming, for messages ("--out", "--resume" on the
// command line; Python's argument names there).
struct FolderWords {
  std::string command = "tonus sweep", out = "--out", resume = "--resume";
};

// Makes `dir` ready: a new folder holding the sweep, its base and an empty store, or, with
// `resume`, the folder of the same sweep as it was left. Throws UserError for a folder that
// holds another sweep without `resume`, or a results.sqlite Tonus did not write.
void prepareSweepFolder(const std::filesystem::path& dir, const Sweep& sweep, bool resume, const FolderWords& words = {});

// Case numbers still to run, handed out one at a time to threads (and to other MPI ranks).
// Once `stop` says so, no case starts; those running finish and are stored.
class CaseQueue {
 public:
  CaseQueue(const std::vector<Case>& cases, const std::set<int>& finished, std::function<bool()> stop = {});
  std::optional<int> take();

 private:
  std::mutex guard_;
  std::deque<int> pending_;
  std::function<bool()> stop_;
};

struct LocalSweepOptions {
  int threads = 1;
  bool resume = false, keep_series = false;
  FolderWords words;
  std::function<bool()> stop;                            // checked before each case starts
  std::function<void(const CaseResult&)> on_case;        // after each is stored, never two at once
  std::function<void(std::size_t total, std::size_t already_done)> on_start;
};

struct LocalSweepOutcome {
  std::size_t cases = 0, already_done = 0, run = 0, invalid = 0;
};

// Plans, prepares the folder and runs every case not yet stored, on `threads` threads.
LocalSweepOutcome runSweepInFolder(const std::filesystem::path& sweep_file, const std::filesystem::path& dir,
                                   const LocalSweepOptions& options);

}  // namespace tonus::sweep
