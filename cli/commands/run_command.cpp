// `tonus run [SCENARIO] [--out DIR] [--model FILE] [--quiet] [--render]`: the main job.
// Checks the scenario against its model first (every mistake at once; nothing is written on
// error), and the output folder (only a new, empty or Tonus-written one), then runs it into a
// staging folder that takes the output's place only when everything is written.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>

#include "activity.hpp"
#include "commands/commands.hpp"
#include "display.hpp"
#include "fault_injection.hpp"
#include "interrupt.hpp"
#include "results/output_directory.hpp"
#include "results/results_writer.hpp"
#include "results/run_folder.hpp"
#include "sim/prepared_run.hpp"
#include "sim/run.hpp"
#include "viz/charts.hpp"
#include "viz/picture.hpp"

namespace tonus::cli {
namespace {

struct RunOptions {
  std::string scenario;  // empty: the built-in default
  std::string out;       // empty: results/<scenario name>
  std::string model;
  bool quiet = false;
  bool render = false;
};

// A picture at the end of each phase, and the charts, into DIR/pictures.
void renderPictures(const std::filesystem::path& dir) {
  const results::RunRecord record = results::readRunRecord(dir);
  const sim::PoseReplay replay(record.scenario_text, record.model_text, &record.motion);
  const std::filesystem::path pictures = dir / "pictures";
  std::filesystem::create_directories(pictures);
  // Activation: what each phase asks of the muscles (tone, fatigue and risk are in the charts).
  viz::PictureOptions picture;
  picture.look = {viz::MuscleColour::Activation, viz::DiscColour::Compression, viz::View::Oblique, 960, 720, {}, false};
  for (std::size_t p = 0; p < record.phase_kinds.size(); ++p) {
    stopIfInterrupted();
    if (record.phase_end[p] <= record.phase_start[p]) continue;  // a drink takes no time
    // The last sample inside the phase.
    picture.time = std::min(record.phase_end[p], record.time.back());
    for (std::size_t k = 0; k < record.time.size(); ++k) {
      if (record.phase[k] == static_cast<int>(p)) picture.time = record.time[k];
    }
    // Numbered from 0, as summary.json and phases.csv number the phases.
    char name[96];
    std::snprintf(name, sizeof name, "phase_%02zu_%s.png", p, record.phase_kinds[p].c_str());
    viz::writePicture(record, replay, picture, pictures / name);
  }
  viz::writeCharts(record, viz::ChartOptions{}, pictures);
}

// Progress on stderr: on a terminal a bar redrawn in place (runs longer than a second); in a
// log or a pipe one line per tenth of the run, as `tonus sweep` does.
std::function<void(double, double)> progressReport(bool quiet) {
  if (quiet) return {};
  const auto started = std::chrono::steady_clock::now();
  if (!::isatty(::fileno(stderr))) {
    auto last_tenth = std::make_shared<int>(0);
    return [started, last_tenth](double fraction, double seconds_left) {
      const int tenth = static_cast<int>(10.0 * fraction + 1e-9);
      if (tenth <= *last_tenth) return;
      *last_tenth = tenth;
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::fprintf(stderr, "tonus run: %3d%% simulated, %.1f s elapsed, ~%.1f s left\n", 10 * tenth, elapsed,
                   seconds_left);
      std::fflush(stderr);
    };
  }
  return [started](double fraction, double seconds_left) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (elapsed < 1.0) return;
    const int width = 40, filled = static_cast<int>(fraction * width);
    std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(width - filled), '.') << "] " << std::setw(3)
              << static_cast<int>(100 * fraction) << "%  " << std::fixed << std::setprecision(1) << seconds_left
              << " s left " << (fraction >= 1.0 ? "\n" : "") << std::flush;
  };
}

// The files written (motion.csv with forward phases), for the last line of the report.
std::string filesWritten(const results::OutputChoice& c, bool forward) {
  std::string list = "summary.json";
  if (c.phases) list += ", phases.csv";
  if (c.timeseries) list += ", timeseries.csv";
  if (c.muscles) list += ", muscles.csv";
  if (c.sto) list += ", activations.sto";
  if (forward && c.timeseries) list += ", motion.csv";
  return list;
}

void report(const sim::RunResult& result, const std::string& name, const std::string& out, const results::OutputChoice& choice,
            bool rendered) {
  const int l4l5 = result.channelIndex("L4L5_compression_N");
  std::cout << "tonus run: " << name << ", " << result.simulated_s / 60.0 << " min simulated in " << std::setprecision(3)
            << result.wall_s << " s (" << result.frames << " frames)\n";
  if (l4l5 >= 0) {
    std::cout << "  L4/L5 compression: mean " << std::fixed << std::setprecision(0) << result.overall.channels[l4l5].mean()
              << " N, peak " << result.overall.channels[l4l5].peak << " N at " << result.overall.channels[l4l5].peak_time
              << " s\n";
  }
  if (result.overall.capacity_exceeded_s > 0.0) {
    std::cout << "  capacity exceeded for " << result.overall.capacity_exceeded_s << " s (see summary.json)\n";
  }
  if (result.task_failure) std::cout << "  task failure at " << *result.task_failure << " s\n";
  const sim::SolverCounts& solver = result.overall.solver;
  if (solver.recruitment_failures > 0) {
    std::cout << "  warning: the muscle recruitment found no optimal answer in " << solver.recruitment_failures << " of "
              << solver.frames << " frames, first at " << *solver.first_failure << " s (summary.json: solver)\n";
  }
  std::cout << "  spasm risk: peak " << std::setprecision(2) << result.peak_risk.value << " (" << result.peak_risk.muscle
            << " at " << std::setprecision(0) << result.peak_risk.time << " s); spasm episodes: "
            << result.spasm_events.size() << "\n";
  std::cout << "  results in " << out << "/ (" << filesWritten(choice, !result.motion.empty()) << ")\n";
  if (rendered) std::cout << "  pictures in " << out << "/pictures/\n";
}

void run(const RunOptions& o) {
  if (o.render) ensureDisplay();
  setActivity("reading the scenario " + (o.scenario.empty() ? std::string("(the built-in default)") : o.scenario));
  const sim::PreparedRun prepared =
      o.scenario.empty() ? sim::prepareDefaultRun(o.model) : sim::prepareRun(o.scenario, o.model);
  const scenario::Scenario& s = prepared.scenario;
  const results::OutputChoice choice = results::outputChoiceOf(s);
  if (o.render && !(choice.timeseries && choice.muscles)) {
    throw UserError("--render draws from timeseries.csv and muscles.csv, which the scenario's output.files leaves out");
  }
  results::FolderRequest request{"tonus run", "--out", results::runInputs(prepared)};
  if (o.out.empty()) request.option = "the default results folder";
  const std::string out = o.out.empty() ? "results/" + s.name : o.out;

  sim::RunOptions options;
  options.progress = progressReport(o.quiet);
  FaultInjection fault("TONUS_FAULT_KILL_AFTER_SAMPLES", "TONUS_FAULT_INTERRUPT_AFTER_SAMPLES",
                       "TONUS_FAULT_BUG_AFTER_SAMPLES");
  sim::RunResult result;
  setActivity("running " + (o.scenario.empty() ? std::string("the built-in default scenario") : o.scenario));
  // The time series stream into the staging folder as the run goes; it replaces `out`
  // only once the summary is written too.
  results::writeDirectoryAtomically(out, request, [&](const std::filesystem::path& dir) {
    results::ResultsStream stream(dir, choice);
    options.on_start = [&](const sim::RunLayout& layout) { stream.start(layout); };
    options.on_sample = [&](const sim::Sample& sample) {
      stopIfInterrupted();
      stream.add(sample);
      fault.count();
    };
    result = sim::runScenario(s, *prepared.model, *prepared.timeline, options);
    stream.close();
    results::writeSummary(result, dir, choice);
    // What the run used, so pictures and animations can rebuild the body exactly.
    results::writeRunInputs(prepared, dir);
    if (o.render) {
      setActivity("drawing the pictures of " + out);
      renderPictures(dir);
    }
    stopIfInterrupted();
  });
  if (!o.quiet) report(result, s.name, out, choice, o.render);
}

}  // namespace

void addRunCommand(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario (default: the built-in working morning)");
  cmd->add_option("scenario", options->scenario, "Scenario file (YAML)");
  cmd->add_option("--out", options->out,
                  "Results folder: new, empty, or written by Tonus before (default: results/<scenario name>)");
  cmd->add_option("--model", options->model, "Model file (default: the scenario's model, else the built-in one)");
  cmd->add_flag("--quiet", options->quiet, "No progress and no summary on stdout");
  cmd->add_flag("--render", options->render, "Also draw a picture at the end of each phase, and charts, into DIR/pictures");
  cmd->callback([options] { run(*options); });
}

}  // namespace tonus::cli
