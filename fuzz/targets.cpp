#include "targets.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "body/model_file.hpp"
#include "input/error_collector.hpp"
#include "results/run_record.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/timeline.hpp"
#include "sim/run.hpp"
#include "sweep/runner.hpp"
#include "sweep/sampling.hpp"
#include "sweep/sweep_file.hpp"

namespace tonus::fuzz {
namespace {

namespace fs = std::filesystem;

// The most cases a fuzzed sweep draws (a sweep may hold a million; drawing them is not the point).
constexpr std::size_t kMostDrawnCases = 2000;

std::string text(const std::uint8_t* data, std::size_t size) { return std::string(reinterpret_cast<const char*>(data), size); }

// The default model, read once, and its compilations per subject, a few kept.
const body::ModelSpec& defaultSpec() {
  static const body::ModelSpec spec = body::loadDefaultModel();
  return spec;
}
const body::SpineModel& modelFor(const body::Subject& subject) {
  static std::map<std::tuple<int, double, double>, std::unique_ptr<body::SpineModel>> models;
  const auto key = std::make_tuple(static_cast<int>(subject.sex), subject.height, subject.mass);
  if (models.size() > 16 && !models.count(key)) models.clear();
  auto& model = models[key];
  if (!model) model = std::make_unique<body::SpineModel>(defaultSpec(), subject);
  return *model;
}

// A folder of this process's own for the files a target writes, removed when it exits.
const fs::path& scratch() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("tonus_fuzz_" + std::to_string(::getpid()));
    fs::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(scratch(), ec);
    });
    return d;
  }();
  return dir;
}

void writeFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

}  // namespace

void scenario(const std::uint8_t* data, std::size_t size) {
  scenario::ScenarioReading reading = scenario::readScenarioText(text(data, size), "fuzz.yaml");
  if (!reading.errors.empty()) return;
  const scenario::Scenario& s = reading.scenario;
  const scenario::Timeline timeline(s, modelFor(sim::subjectFor(s, defaultSpec())), reading.errors);
  // The planned motion at each phase's start and middle: what a run would ask first.
  for (const scenario::PlannedPhase& pp : timeline.phases()) {
    timeline.targetAt(pp.start);
    timeline.targetAt(0.5 * (pp.start + pp.end));
  }
}

void model(const std::uint8_t* data, std::size_t size) {
  const body::ModelSpec spec = body::loadModelText(text(data, size), "fuzz.yaml");
  const body::SpineModel built(spec, {spec.reference_sex, spec.reference_height, spec.reference_mass, 40.0});
  static_cast<void>(built.fascicleCount());
}

void sweep(const std::uint8_t* data, std::size_t size) {
  const fs::path dir = scratch() / "sweep";
  fs::create_directories(dir);
  writeFile(dir / "base.yaml",
            "name: fuzz-base\nsubject: {sex: male, height_m: 1.78, mass_kg: 80}\ntimeline:\n"
            "  - lift: {reps: 1, load_kg: 10, style: stoop}\n  - stand: {duration: 5s, trunk_flexion_deg: 10}\n");
  writeFile(dir / "sweep.yaml", text(data, size));
  const sweep::Sweep s = sweep::loadSweepFile(dir / "sweep.yaml");
  // Drawing a million cases is allowed but not what is fuzzed here.
  const std::size_t cases = s.method == sweep::Method::Grid ? 1 : static_cast<std::size_t>(s.samples);
  if (cases > kMostDrawnCases) return;
  const std::vector<sweep::Case> drawn = sweep::casesOf(s);
  for (std::size_t i = 0; i < drawn.size() && i < 3; ++i) {
    try {
      sweep::checkCase(s, drawn[i]);
    } catch (const input::InputError&) {
      // A sampled value the model rejects: the sweep's mistake, named to the user.
    }
  }
}

void runRecord(const std::uint8_t* data, std::size_t size) {
  const fs::path dir = scratch() / "results";
  fs::remove_all(dir);
  fs::create_directories(dir);
  // Sections "=== <name>\n": only the files a results folder holds.
  const std::string all = text(data, size);
  const std::string marker = "=== ";
  std::size_t at = all.find(marker);
  while (at != std::string::npos) {
    const std::size_t name_end = all.find('\n', at);
    if (name_end == std::string::npos) break;
    const std::string name = all.substr(at + marker.size(), name_end - at - marker.size());
    const std::size_t next = all.find("\n" + marker, name_end);
    const std::string content = all.substr(name_end + 1, next == std::string::npos ? std::string::npos : next - name_end);
    if (name == "summary.json" || name == "scenario.yaml" || name == "model.yaml" || name == "timeseries.csv" ||
        name == "muscles.csv") {
      writeFile(dir / name, content);
    }
    at = next == std::string::npos ? next : next + 1;
  }
  const results::RunRecord record = results::readRunRecord(dir);
  record.sampleAt(record.time.back());
  record.muscleSampleAt(record.time.back());
}

}  // namespace tonus::fuzz
