#pragma once
// Sweep files written into a fresh temporary directory for each test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "input/yaml_reader.hpp"
#include "sweep/sweep_file.hpp"

namespace tonus::sweep::testing {

// A short base scenario whose first phase is a lift, as in the issue's example sweep.
inline const char* kLiftingBase = R"(name: stoop-lifting
subject: {sex: male, height_m: 1.78, mass_kg: 80}
# The extensors alone balance added load (Runner.ACaseGivesTheFiguresOfADirectRun's lever bound).
mechanics: {intra_abdominal_pressure: false}
timeline:
  - lift: {reps: 2, load_kg: 15, style: stoop, cycle_s: 5, from_height_m: 0.1, to_height_m: 0.9}
  - repeat:
      times: 2
      timeline:
        - stand: {duration: 10s}
        - sit: {duration: 10s, style: slumped}
output: {sample_every: 5s}
)";

class TempDir {
 public:
  TempDir() {
    std::random_device seed;
    path_ = std::filesystem::temp_directory_path() / ("tonus_sweep_test_" + std::to_string(seed()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

// A sweep over the lifting base with the given lines after `vary:` (and the lines before it).
inline Sweep sweepWith(const TempDir& dir, const std::string& head, const std::string& vary) {
  dir.write("stoop-lifting.yaml", kLiftingBase);
  return loadSweepFile(dir.write("sweep.yaml", "name: test-sweep\nbase: stoop-lifting.yaml\n" + head + "vary:\n" + vary));
}

// The message of the InputError a sweep file raises ("" if none).
inline std::string sweepError(const TempDir& dir, const std::string& text) {
  dir.write("stoop-lifting.yaml", kLiftingBase);
  try {
    loadSweepFile(dir.write("bad.yaml", text));
  } catch (const input::InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace tonus::sweep::testing
