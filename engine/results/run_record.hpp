#pragma once
// A finished run read back from its results directory, for pictures, animations, charts and
// ParaView: the samples' times and phases, every time-series channel, every fascicle's
// quantities per sample, and the scenario and model texts the run used (so the body's pose at
// any time can be rebuilt exactly). Anything missing, broken or from another version is an
// input::InputError naming the file; no content of the folder can crash the reader.
#include <Eigen/Core>
#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sim/pose_replay.hpp"
#include "sim/run_result.hpp"

namespace tonus::results {

struct RunRecord {
  std::filesystem::path dir;
  std::string scenario_name;
  std::string scenario_text, model_text;   // scenario.yaml, model.yaml as the run used them
  std::vector<double> time;                // per sample [s]
  std::vector<int> phase;                  // per sample
  std::vector<std::string> phase_kinds;    // per timeline phase
  std::vector<double> phase_start, phase_end;
  std::map<std::string, std::vector<double>> channels;  // timeseries.csv, per sample
  std::vector<std::string> fascicles, fascicle_groups;
  // muscles.csv's samples (every `muscles_every`, a subset of `time`) and, per quantity
  // (sim::FascicleQuantity), muscle samples x fascicles.
  std::vector<double> muscle_time;
  std::array<Eigen::MatrixXf, sim::kFascicleQuantityCount> fascicle;
  struct Spasm {
    std::string muscle;
    double start = 0.0, end = 0.0;
  };
  std::vector<Spasm> spasms;
  // motion.csv: a forward phase's body at every integrator step (empty without one).
  sim::RecordedMotion motion;

  // The sample at or just before t (clamped to the run), in `time` and in `muscle_time`.
  int sampleAt(double t) const;
  int muscleSampleAt(double t) const;
  const std::vector<double>& channel(const std::string& name) const;  // throws if absent
};

RunRecord readRunRecord(const std::filesystem::path& dir);

}  // namespace tonus::results
