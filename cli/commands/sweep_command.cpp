// `tonus sweep SWEEP.yaml --out DIR [--threads N] [--resume] [--timeseries] [--report]`:
// runs a sweep's cases, many at a time (OpenMP) and, under mpirun, across ranks, into
// DIR/results.sqlite. Every case is checked before anything is written; a killed sweep is
// finished by the same command with --resume.
#include <omp.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "activity.hpp"
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "display.hpp"
#include "fault_injection.hpp"
#include "interrupt.hpp"
#include "results/output_directory.hpp"
#include "results/results_writer.hpp"
#include "input/yaml_reader.hpp"
#include "sweep_support/mpi_cases.hpp"
#include "sweep_support/progress.hpp"
#include "sweep/report.hpp"
#include "sweep/results_store.hpp"
#include "sweep/runner.hpp"
#include "sweep/sampling.hpp"
#include "sweep/sweep_file.hpp"
#include "sweep/sweep_folder.hpp"
#include "viz/sensitivity_chart.hpp"

namespace tonus::cli {
namespace {

struct SweepOptions {
  std::string file, out;
  int threads = 0;  // 0: all the cores OpenMP sees (one per rank under MPI)
  bool resume = false, timeseries = false, report = false, quiet = false;
};

void writeReport(const SweepOptions& o, const sweep::Sweep& s, const sweep::ResultsStore& store, bool can_draw) {
  const sweep::Report report = sweep::makeReport(s, store);
  const std::filesystem::path dir = o.out;
  const results::Inputs inputs = {s.file, s.base};
  const auto text = [&](const char* name, const std::string& content) {
    results::writeFileAtomically(dir / name, inputs, "", [&](const std::filesystem::path& f) { results::writeTextFile(f, content); });
  };
  text("report.txt", sweep::reportText(report));
  text("report.json", sweep::reportJson(report).dump(2) + "\n");
  if (can_draw) viz::writeSensitivityChart(report, dir / "report_drivers.png");
  if (o.quiet) return;
  std::cout << "\n" << sweep::reportText(report) << "\nreport in " << o.out << "/report.txt, report.json"
            << (can_draw ? ", report_drivers.png" : "") << "\n";
  if (!can_draw) {
    std::cout << "(no X display under MPI: draw the chart with `tonus sweep " << o.file << " --out " << o.out
              << " --resume --report`)\n";
  }
}

// What a sweep about to run says: its size, what is already done, and how it is spread.
void announce(const sweep::SweepPlan& p, std::size_t finished, int threads, int ranks) {
  std::cout << "tonus sweep: " << p.sweep.name << ", " << p.cases.size() << " cases";
  if (finished > 0) std::cout << " (" << finished << " already done)";
  std::cout << ", " << threads << " thread" << (threads > 1 ? "s" : "");
  if (ranks > 1) std::cout << " per rank x " << ranks << " ranks";
  std::cout << "\n" << std::flush;
}

// Runs the queued cases on this process's threads and, beside them, serves the other ranks
// (if any) from a thread of its own. A failure under MPI stops every rank; on rank 0 the
// serving thread is the only one that calls MPI (MPI_THREAD_SERIALIZED), so a failure on the
// case threads asks it to abort rather than calling MPI_Abort beside it.
void runEverywhere(const sweep::SweepPlan& p, sweep::CaseQueue& queue, const SweepOptions& o, int threads, const MpiWorld* world,
                   const std::function<void(const sweep::CaseResult&)>& keep) {
  std::thread server;
  std::atomic<int> abort_request{0};
  if (world && world->size() > 1) {
    server = std::thread([&] {
      try {
        serveRanks(*world, [&] { return queue.take(); }, keep, abort_request);
      } catch (const std::exception& e) {
        std::cerr << "\ntonus: error: " << e.what() << "\n";
        world->abort(kUserErrorExitCode);
      }
    });
  }
  sweep::RunnerOptions options;
  options.threads = threads;
  options.keep_series = o.timeseries;
  options.next_case = [&] { return queue.take(); };
  options.deliver = keep;
  try {
    sweep::runCases(p.sweep, p.cases, options);
  } catch (const std::exception& e) {
    if (!world) throw;
    std::cerr << "\ntonus: error: " << e.what() << "\n";
    abort_request = kUserErrorExitCode;
    if (server.joinable()) server.join();  // while other ranks run, the server aborts them all
    world->abort(kUserErrorExitCode);      // only this thread calls MPI now
  }
  if (server.joinable()) server.join();
}

// Rank 0 (or the only process): plans, owns the store, runs cases and serves the other ranks.
void lead(const SweepOptions& o, const MpiWorld* world) {
  // Plan and prepare; the other ranks learn whether to go on.
  sweep::SweepPlan p;
  std::unique_ptr<sweep::ResultsStore> store;
  try {
    p = sweep::planSweep(o.file);
    sweep::prepareSweepFolder(o.out, p.sweep, o.resume);
    store = std::make_unique<sweep::ResultsStore>(std::filesystem::path(o.out) / "results.sqlite", p.sweep, true);
  } catch (...) {
    if (world) world->broadcast(kUserErrorExitCode);  // the other ranks stop quietly
    throw;
  }
  if (world) world->broadcast(0);
  const std::set<int> finished = store->finishedCases();
  // After Ctrl-C no case starts; those running finish and are stored, the rest wait for --resume.
  sweep::CaseQueue queue(p.cases, finished, [] { return interruptRequested(); });
  const int threads = o.threads > 0 ? o.threads : (world ? 1 : omp_get_max_threads());
  if (!o.quiet) announce(p, finished.size(), threads, world ? world->size() : 1);

  // Run, storing each case as it comes from any thread or rank.
  SweepProgress progress(static_cast<int>(p.cases.size()), static_cast<int>(finished.size()), o.quiet);
  int invalid = 0;
  std::mutex storing;
  FaultInjection fault("TONUS_FAULT_KILL_AFTER_STORED", "TONUS_FAULT_INTERRUPT_AFTER_STORED");
  const auto keep = [&](const sweep::CaseResult& result) {
    const std::lock_guard<std::mutex> lock(storing);
    store->store(result);
    invalid += result.status != "ok";
    progress.caseDone();
    fault.count();
  };
  const auto started = std::chrono::steady_clock::now();
  setActivity("running the sweep " + o.file + " (what is stored stays; finish it later with --resume)");
  runEverywhere(p, queue, o, threads, world, keep);
  progress.finish();
  stopIfInterrupted();

  // Say what was done, and report.
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!o.quiet) {
    std::printf("tonus sweep: %zu cases run in %.1f s", p.cases.size() - finished.size(), wall);
    if (invalid > 0) std::printf(" (%d invalid: see the cases table's message column)", invalid);
    std::printf("; results in %s/results.sqlite\n", o.out.c_str());
    std::fflush(stdout);
  }
  if (o.report) writeReport(o, p.sweep, *store, world == nullptr);
}

// Any other rank: runs the cases rank 0 hands it.
void follow(const SweepOptions& o, const MpiWorld& world) {
  if (world.broadcast(0) != 0) throw ExitCode{kUserErrorExitCode};
  try {
    const sweep::Sweep s = sweep::loadSweepFile(o.file);
    const std::vector<sweep::Case> cases = sweep::casesOf(s);
    sweep::runCases(s, cases, rankRunnerOptions(world, o.threads > 0 ? o.threads : 1, o.timeseries));
    sayDone(world);
  } catch (const std::exception& e) {
    std::cerr << "tonus: error (rank " << world.rank() << "): " << e.what() << "\n";
    world.abort(kUserErrorExitCode);
  }
}

void runSweep(const SweepOptions& o) {
  if (!MpiWorld::launched()) {
    if (o.report) ensureDisplay();
    lead(o, nullptr);
    return;
  }
  const MpiWorld world;
  if (world.rank() == 0) lead(o, &world);
  else follow(o, world);
}

}  // namespace

void addSweepCommand(CLI::App& app) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* cmd = app.add_subcommand("sweep", "Run a sweep: a base scenario over a grid or a sample of parameters");
  cmd->add_option("sweep", options->file, "Sweep file (YAML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", options->out, "Results directory (holds results.sqlite)")->required();
  cmd->add_option("--threads", options->threads, "Cases run at once per process (default: all cores; 1 per rank under MPI)")
      ->check(CLI::Range(1, 1024));
  cmd->add_flag("--resume", options->resume, "Finish the sweep already in --out (after a crash or a kill)");
  cmd->add_flag("--timeseries", options->timeseries, "Also keep each case's time series (table `series`)");
  cmd->add_flag("--report", options->report, "Write report.txt, report.json and report_drivers.png into --out");
  cmd->add_flag("--quiet", options->quiet, "No progress and no summary");
  cmd->callback([options] { runSweep(*options); });
}

}  // namespace tonus::cli
