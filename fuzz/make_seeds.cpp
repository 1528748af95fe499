// The seed corpora of the fuzz targets, from the project's own files: the scenario library,
// the models, the library's sweeps (their base renamed to the target's base.yaml), and a short
// run's results folder packed as the run_record target reads it.
//   fuzz_seeds SOURCE_DIR OUT_DIR   ->   OUT_DIR/{scenario,model,sweep,run_record}/...
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "body/model_file.hpp"
#include "results/results_writer.hpp"
#include "input/text_file.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/run.hpp"

namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A 6-second run of the default model, written as a results folder and packed.
std::string packedRun(const fs::path& scratch) {
  const std::string scenario_text =
      "name: seed\ntimeline:\n  - stand: {duration: 2s}\n  - lift: {reps: 1, load_kg: 5, cycle_s: 2}\n"
      "  - sit: {duration: 2s}\noutput: {sample_every: 2s}\n";
  const tonus::scenario::Scenario s = tonus::scenario::loadScenarioText(scenario_text, "seed.yaml");
  const tonus::body::ModelSpec spec = tonus::body::loadDefaultModel();
  const tonus::body::SpineModel model(spec, tonus::sim::subjectFor(s, spec));
  const tonus::scenario::Timeline timeline(s, model);
  fs::create_directories(scratch);
  tonus::results::ResultsStream stream(scratch);
  tonus::sim::RunOptions options;
  options.on_start = [&](const tonus::sim::RunLayout& layout) { stream.start(layout); };
  options.on_sample = [&](const tonus::sim::Sample& sample) { stream.add(sample); };
  const tonus::sim::RunResult result = tonus::sim::runScenario(s, model, timeline, options);
  stream.close();
  tonus::results::writeSummary(result, scratch);
  std::string packed;
  const std::pair<const char*, std::string> files[] = {
      {"summary.json", tonus::input::readInputFile(scratch / "summary.json")}, {"scenario.yaml", scenario_text},
      {"model.yaml", tonus::body::defaultModelText()}, {"timeseries.csv", tonus::input::readInputFile(scratch / "timeseries.csv")},
      {"muscles.csv", tonus::input::readInputFile(scratch / "muscles.csv")}};
  for (const auto& [name, text] : files) packed += std::string("=== ") + name + "\n" + text;
  return packed;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fuzz_seeds SOURCE_DIR OUT_DIR\n";
    return 2;
  }
  const fs::path source = argv[1], out = argv[2];
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(source / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string text = tonus::input::readInputFile(entry.path());
    const bool is_sweep = text.find("\nvary:") != std::string::npos;
    const std::string name = entry.path().filename().string();
    if (is_sweep) write(out / "sweep" / name, std::regex_replace(text, std::regex("\nbase: [^\n]*"), "\nbase: base.yaml"));
    else write(out / "scenario" / name, text);
    ++count;
  }
  write(out / "model" / "spine.yaml", tonus::body::defaultModelText());
  write(out / "model" / "two_segment.yaml", tonus::input::readInputFile(source / "tests" / "models" / "two_segment.yaml"));
  write(out / "run_record" / "short_run.txt", packedRun(out / "scratch"));
  fs::remove_all(out / "scratch");
  std::cout << "fuzz_seeds: " << count + 3 << " seeds in " << out.string() << "\n";
  return 0;
}
