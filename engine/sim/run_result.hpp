#pragma once
// What a run produces: samples at the scenario's sampling times, and statistics per phase and
// over the whole run (time-weighted means, peaks, time above the NIOSH compression limits),
// the task failure time, spasm episodes and the peak spasm risk with its contributors.
#include <Eigen/Core>
#include <array>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "physiology/spasm_risk.hpp"
#include "sim/risk_ranking.hpp"
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

// One value per named channel: per disc joint, its loads; per muscle group, its activation
// and physiology; whole-run indicators.
struct Channels {
  std::vector<std::string> names;  // e.g. "L4L5_compression_N", "act_multifidus", "tone_multifidus"
};

// Per-fascicle quantities of a sample, in this order in muscles.csv.
enum FascicleQuantity { kActivation, kForce, kFatigue, kCapacity, kFlow, kMetabolite, kTone, kRisk, kFascicleQuantityCount };
inline constexpr const char* kFascicleQuantityNames[kFascicleQuantityCount] = {
    "activation", "force_N", "fatigue", "capacity", "flow", "metabolite", "tone", "risk"};

struct Sample {
  double time = 0.0;
  int phase = 0;
  std::vector<double> values;  // one per channel
  std::array<Eigen::VectorXf, kFascicleQuantityCount> fascicle;  // each per fascicle
};

struct Exposure {  // seconds above the NIOSH limits at one joint
  double above_action_limit = 0.0, above_max_permissible = 0.0;
};

// How the solvers fared, frame by frame, over a phase or the run.
struct SolverCounts {
  long frames = 0;
  long recruitment_fallbacks = 0;  // frames the active-set method finished (recruit::Solution::fell_back)
  long recruitment_failures = 0;   // frames with no optimal answer (not converged, or NaN in the problem)
  long newton_not_converged = 0, cholesky_failed = 0, line_search_exhausted = 0, not_finite = 0;  // why
  long muscle_not_finite = 0;          // frames in which the bank flagged a fascicle non-finite
  long muscle_at_minimum_length = 0;   // ... held a fibre at its shortest (path too short)
  long muscle_overstretched = 0;       // ... found a fibre beyond 1.8 optimal lengths
  std::optional<double> first_failure;  // [s]
  void add(const FrameResult& frame, double time);
};

struct PhaseSummary {
  int index = 0;
  std::string kind, source;
  double start = 0.0, end = 0.0;
  std::vector<Accumulator> channels;  // one per channel
  double capacity_exceeded_s = 0.0;
  double max_shortfall = 0.0, max_shortfall_percent = 0.0;
  std::vector<Exposure> niosh;        // per disc joint listed in RunResult::niosh_joints
  SolverCounts solver;
  // Forward phases only (docs/forward.md): when the event struck [s], the onset of the lumbar
  // extensors' and of the abdominals' reflex response after it [ms] (their mean excitation
  // first 0.02 of max away from its level at the event), and the largest whole-trunk flexion.
  std::optional<double> event_time, reflex_latency_ms, abdominal_latency_ms, peak_trunk_flexion_deg;
};

struct SpasmEvent {
  std::string muscle, group, region;
  int phase = 0;  // where it began
  double start = 0.0, end = 0.0, peak_tone = 0.0;
};

// The highest spasm risk of the run: where, when, and what drove it.
struct PeakRisk {
  double value = 0.0, time = 0.0;
  std::string muscle, group;
  int phase = 0;
  std::array<double, physiology::kRiskFactorCount> contributions{};
};

// What a run's layout is, known before the first sample (for writers that stream).
struct RunLayout {
  std::string scenario;
  Channels channels;
  std::vector<std::string> groups;           // muscle groups, in channel order
  std::vector<std::string> fascicles, fascicle_groups;
  std::vector<std::string> phase_kinds;      // per timeline phase
  long sample_count = 0;
};

// A forward phase's body at one step of its integrator (motion.csv): what the movement was.
struct MotionSample {
  double time = 0.0;  // [s] the step's start
  int phase = 0;
  Eigen::VectorXd q;  // every joint angle [rad], in the model's dof order
  double trunk_flexion = 0.0;     // [rad] the thorax's forward inclination
  double l4l5_compression = 0.0;  // [N] (NaN without an L4/L5 disc)
  double extensors = 0.0, abdominals = 0.0;  // mean excitation of the lumbar erectors, the abdominal wall
};

struct RunResult {
  std::string scenario;
  double simulated_s = 0.0, wall_s = 0.0;
  long frames = 0;
  long sample_count = 0;  // written or kept
  Channels channels;
  std::vector<std::string> groups;
  std::vector<std::string> fascicles;
  std::vector<std::string> fascicle_groups;  // per fascicle
  std::vector<std::string> niosh_joints;     // e.g. "L4L5", "L5S1"
  std::vector<Sample> samples;               // empty when a sink took them
  std::vector<PhaseSummary> phases;
  PhaseSummary overall;
  std::optional<double> task_failure;        // [s] when the muscles first could not go on
  std::vector<SpasmEvent> spasm_events;
  PeakRisk peak_risk;
  std::vector<GroupRisk> risk_by_group;  // what drives the risk, most time at high risk first
  std::array<double, kStageCount> stage_seconds{};
  std::vector<std::string> dof_names;  // the model's, for motion.csv's columns
  std::vector<MotionSample> motion;    // every forward step, in time order (empty without forward phases)
  int channelIndex(const std::string& name) const;  // -1 if absent
};

}  // namespace tonus::sim
