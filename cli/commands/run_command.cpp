// `tonus run [SCENARIO] [--out DIR] [--model FILE] [--quiet]`: the main job. Validates the
// scenario against the model first (nothing is written on error), runs it, and writes the
// results directory atomically.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "commands/model_choice.hpp"
#include "display.hpp"
#include "io/output_directory.hpp"
#include "io/results_writer.hpp"
#include "scenario/scenario_file.hpp"
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
  const io::RunRecord record = io::readRunRecord(dir);
  const sim::PoseReplay replay(record.scenario_text, record.model_text);
  const std::filesystem::path pictures = dir / "pictures";
  std::filesystem::create_directories(pictures);
  // Activation: what each phase asks of the muscles (tone, fatigue and risk are in the charts).
  viz::PictureOptions picture;
  picture.look = {viz::MuscleColour::Activation, viz::DiscColour::Compression, viz::View::Oblique, 960, 720};
  for (std::size_t p = 0; p < record.phase_kinds.size(); ++p) {
    if (record.phase_end[p] <= record.phase_start[p]) continue;  // a drink takes no time
    // The last sample inside the phase.
    picture.time = std::min(record.phase_end[p], record.time.back());
    for (std::size_t k = 0; k < record.time.size(); ++k) {
      if (record.phase[k] == static_cast<int>(p)) picture.time = record.time[k];
    }
    char name[96];
    std::snprintf(name, sizeof name, "phase_%02zu_%s.png", p + 1, record.phase_kinds[p].c_str());
    viz::writePicture(record, replay, picture, pictures / name);
  }
  viz::writeCharts(record, viz::ChartOptions{}, pictures);
}

// A one-line progress bar on stderr, for terminals and runs longer than a second.
std::function<void(double, double)> progressBar(bool quiet) {
  if (quiet || !::isatty(::fileno(stderr))) return {};
  const auto started = std::chrono::steady_clock::now();
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

void run(const RunOptions& o) {
  if (o.render) ensureDisplay();
  const scenario::Scenario s = o.scenario.empty() ? scenario::loadDefaultScenario() : scenario::loadScenarioFile(o.scenario);
  const std::string scenario_text = o.scenario.empty() ? scenario::defaultScenarioText() : fileText(o.scenario);
  const ModelChoice chosen = chooseModelWithText(o.model, s);
  const body::ModelSpec& spec = chosen.spec;
  const body::SpineModel model(spec, sim::subjectFor(s, spec));
  const scenario::Timeline timeline(s, model);  // checks every posture against the joint ranges
  sim::RunOptions options;
  options.progress = progressBar(o.quiet);
  const std::string out = o.out.empty() ? "results/" + s.name : o.out;
  sim::RunResult result;
  // The time series stream into the staging directory as the run goes; it replaces `out`
  // only once the summary is written too.
  io::writeDirectoryAtomically(out, [&](const std::filesystem::path& dir) {
    io::ResultsStream stream(dir);
    options.on_start = [&](const sim::RunLayout& layout) { stream.start(layout); };
    options.on_sample = [&](const sim::Sample& sample) { stream.add(sample); };
    result = sim::runScenario(s, model, timeline, options);
    stream.close();
    io::writeSummary(result, dir);
    // What the run used, so pictures and animations can rebuild the body exactly.
    io::writeTextFile(dir / "scenario.yaml", scenario_text);
    io::writeTextFile(dir / "model.yaml", chosen.text);
    if (o.render) renderPictures(dir);
  });
  if (o.quiet) return;
  const int l4l5 = result.channelIndex("L4L5_compression_N");
  std::cout << "tonus run: " << s.name << ", " << result.simulated_s / 60.0 << " min simulated in " << std::setprecision(3)
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
  std::cout << "  spasm risk: peak " << std::setprecision(2) << result.peak_risk.value << " (" << result.peak_risk.muscle
            << " at " << std::setprecision(0) << result.peak_risk.time << " s); spasm episodes: "
            << result.spasm_events.size() << "\n";
  std::cout << "  results in " << out << "/ (summary.json, timeseries.csv, muscles.csv, activations.sto)\n";
  if (o.render) std::cout << "  pictures in " << out << "/pictures/\n";
}

}  // namespace

void addRunCommand(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario (default: the built-in working morning)");
  cmd->add_option("scenario", options->scenario, "Scenario file (YAML)");
  cmd->add_option("--out", options->out, "Results directory (default: results/<scenario name>)");
  cmd->add_option("--model", options->model, "Model file (default: the scenario's model, else the built-in one)");
  cmd->add_flag("--quiet", options->quiet, "No progress bar and no summary on stdout");
  cmd->add_flag("--render", options->render, "Also draw a picture at the end of each phase, and charts, into DIR/pictures");
  cmd->callback([options] { run(*options); });
}

}  // namespace tonus::cli
