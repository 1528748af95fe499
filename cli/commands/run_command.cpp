// `tonus run [--out DIR]`: the main job. Until scenario files arrive (issue 4) it runs the
// built-in isometric demonstration of the muscle solver and writes its time series.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "core/version.hpp"
#include "demo/isometric_demo.hpp"
#include "io/output_directory.hpp"

namespace tonus::cli {
namespace {

struct RunOptions {
  std::string out = "results/default";
};

void writeResults(const demo::IsometricDemoResult& r, const std::filesystem::path& dir) {
  std::ofstream csv(dir / "timeseries.csv");
  csv << "time_s,excitation,mean_activation,total_tendon_force_N\n" << std::setprecision(9);
  for (std::size_t k = 0; k < r.time.size(); ++k) {
    csv << r.time[k] << ',' << r.excitation[k] << ',' << r.mean_activation[k] << ',' << r.total_tendon_force[k] << '\n';
  }
  nlohmann::json summary = {
      {"tonus_version", std::string(version())},
      {"job", "isometric muscle-bank demonstration (built-in default)"},
      {"muscles", r.muscles},
      {"time_step_s", r.time_step},
      {"duration_s", r.time.back()},
      {"peak_total_force_N", r.peak_total_force},
      {"time_to_half_peak_s", r.time_to_half_peak},
      {"release_time_to_10pct_s", r.release_time_to_tenth},
      {"wall_seconds", r.wall_seconds},
  };
  std::ofstream(dir / "summary.json") << summary.dump(2) << '\n';
  if (!csv) throw UserError("could not write results to '" + dir.string() + "'");
}

}  // namespace

void addRunCommand(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* run = app.add_subcommand("run", "Run the main job (now: the built-in muscle demonstration)");
  run->add_option("--out", options->out, "Results directory (replaced atomically)")->capture_default_str();
  run->callback([options] {
    const demo::IsometricDemoResult result = demo::runIsometricDemo();
    io::writeDirectoryAtomically(options->out, [&](const std::filesystem::path& dir) { writeResults(result, dir); });
    std::cout << "tonus run: " << result.muscles << " muscles, " << result.time.size() << " steps in "
              << std::setprecision(3) << result.wall_seconds << " s; peak force " << std::setprecision(5)
              << result.peak_total_force << " N, half-rise " << result.time_to_half_peak << " s, release to 10% "
              << result.release_time_to_tenth << " s\n"
              << "results in " << options->out << "/ (timeseries.csv, summary.json)\n";
  });
}

}  // namespace tonus::cli
