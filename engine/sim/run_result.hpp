#pragma once
// What a run produces: samples at the scenario's sampling times, and statistics per phase and
// over the whole run (time-weighted means, peaks, time above the NIOSH compression limits).
#include <Eigen/Core>
#include <array>
#include <limits>
#include <string>
#include <vector>

#include "sim/frame_solver.hpp"

namespace tonus::sim {

// NIOSH low-back compression limits (Waters et al. 1993, Ergonomics 36:749; NIOSH 1981).
inline constexpr double kNioshActionLimit = 3400.0;         // [N]
inline constexpr double kNioshMaxPermissibleLimit = 6400.0;  // [N]

// Time-weighted mean and peak of one quantity.
struct Accumulator {
  double integral = 0.0, duration = 0.0;
  double peak = -std::numeric_limits<double>::infinity();
  double peak_time = 0.0;
  void add(double value, double dt, double time) {
    integral += value * dt;
    duration += dt;
    if (value > peak) peak = value, peak_time = time;
  }
  double mean() const { return duration > 0.0 ? integral / duration : (peak > -1e300 ? peak : 0.0); }
};

// One value per named channel: per disc joint, its loads; per muscle group, its activation.
struct Channels {
  std::vector<std::string> names;  // e.g. "L4L5_compression_N", "act_multifidus"
};

struct Sample {
  double time = 0.0;
  int phase = 0;
  std::vector<double> values;            // one per channel
  Eigen::VectorXf activation, force;     // per fascicle
};

struct Exposure {  // seconds above the NIOSH limits at one joint
  double above_action_limit = 0.0, above_max_permissible = 0.0;
};

struct PhaseSummary {
  int index = 0;
  std::string kind, source;
  double start = 0.0, end = 0.0;
  std::vector<Accumulator> channels;  // one per channel
  double capacity_exceeded_s = 0.0;
  double max_shortfall = 0.0, max_shortfall_percent = 0.0;
  std::vector<Exposure> niosh;        // per disc joint listed in RunResult::niosh_joints
};

struct RunResult {
  std::string scenario;
  double simulated_s = 0.0, wall_s = 0.0;
  long frames = 0;
  Channels channels;
  std::vector<std::string> groups;      // muscle groups, in channel order after the joint loads
  std::vector<std::string> fascicles;
  std::vector<std::string> fascicle_groups;  // per fascicle
  std::vector<std::string> niosh_joints;  // e.g. "L4L5", "L5S1"
  std::vector<Sample> samples;
  std::vector<PhaseSummary> phases;
  PhaseSummary overall;
  std::array<double, kStageCount> stage_seconds{};
  int channelIndex(const std::string& name) const;  // -1 if absent
};

}  // namespace tonus::sim
