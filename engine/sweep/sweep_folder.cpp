#include "sweep/sweep_folder.hpp"

#include "core/errors.hpp"
#include "results/output_directory.hpp"
#include "results/results_writer.hpp"
#include "sweep/results_store.hpp"
#include "sweep/runner.hpp"
#include "sweep/sampling.hpp"
#include "sweep/sweep_file.hpp"

namespace tonus::sweep {

SweepPlan planSweep(const std::filesystem::path& file) {
  SweepPlan p{loadSweepFile(file), {}};
  p.cases = casesOf(p.sweep);
  checkCases(p.sweep, p.cases);
  return p;
}

void prepareSweepFolder(const std::filesystem::path& dir, const Sweep& s, bool resume, const FolderWords& words) {
  const results::Inputs inputs = {s.file, s.base};
  std::error_code ec;
  if (std::filesystem::exists(dir / "results.sqlite", ec)) {
    if (!results::isTonusFolder(dir)) {
      throw UserError(words.out + " " + dir.string() + ": holds a results.sqlite that Tonus did not write (the folder has no " +
                      std::string(results::kManifestName) + "); choose another " + words.out);
    }
    if (!resume) {
      throw UserError(dir.string() + " already holds a sweep: add " + words.resume + " to finish it, or choose another " +
                      words.out);
    }
    return;
  }
  // Made whole in a staging folder, so a folder that exists always holds a store.
  results::writeDirectoryAtomically(dir, {words.command, words.out, inputs}, [&](const std::filesystem::path& staging) {
    results::writeTextFile(staging / "sweep.yaml", s.text);
    results::writeTextFile(staging / "base.yaml", s.base_text);
    ResultsStore(staging / "results.sqlite", s, false);
  });
}

CaseQueue::CaseQueue(const std::vector<Case>& cases, const std::set<int>& finished, std::function<bool()> stop)
    : stop_(std::move(stop)) {
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (!finished.count(cases[i].id)) pending_.push_back(static_cast<int>(i));
  }
}

std::optional<int> CaseQueue::take() {
  const std::lock_guard<std::mutex> lock(guard_);
  if (pending_.empty() || (stop_ && stop_())) return std::nullopt;
  const int next = pending_.front();
  pending_.pop_front();
  return next;
}

LocalSweepOutcome runSweepInFolder(const std::filesystem::path& sweep_file, const std::filesystem::path& dir,
                                   const LocalSweepOptions& options) {
  const SweepPlan p = planSweep(sweep_file);
  prepareSweepFolder(dir, p.sweep, options.resume, options.words);
  ResultsStore store(dir / "results.sqlite", p.sweep, true);
  const std::set<int> finished = store.finishedCases();
  LocalSweepOutcome outcome{p.cases.size(), finished.size(), 0, 0};
  if (options.on_start) options.on_start(p.cases.size(), finished.size());
  CaseQueue queue(p.cases, finished, options.stop);
  // Each case is stored as it comes, from whichever thread ran it.
  std::mutex storing;
  RunnerOptions runner;
  runner.threads = options.threads;
  runner.keep_series = options.keep_series;
  runner.next_case = [&] { return queue.take(); };
  runner.deliver = [&](const CaseResult& result) {
    const std::lock_guard<std::mutex> lock(storing);
    store.store(result);
    ++outcome.run;
    outcome.invalid += result.status != "ok";
    if (options.on_case) options.on_case(result);
  };
  runCases(p.sweep, p.cases, runner);
  return outcome;
}

}  // namespace tonus::sweep
