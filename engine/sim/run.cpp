#include "sim/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace tonus::sim {
namespace {

using Clock = std::chrono::steady_clock;

// Joint names as column prefixes: L4_L5 -> L4L5.
std::string shortName(const std::string& joint) {
  std::string out;
  for (char c : joint) {
    if (c != '_') out += c;
  }
  return out;
}

// The run's fixed layout: which joints are discs, which muscles form which group.
struct Layout {
  std::vector<int> discs;            // segment indices whose joint is a disc
  std::vector<std::string> groups;
  std::vector<int> group_of;         // per fascicle
  std::vector<double> group_weight;  // per fascicle: its share of its group's max force
  int l4l5 = -1, l5s1 = -1;          // positions in `discs`
};

Layout layoutOf(const body::SpineModel& model) {
  Layout l;
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (!model.segment(s).joint.is_disc) continue;
    if (model.segment(s).joint.name == "L4_L5") l.l4l5 = static_cast<int>(l.discs.size());
    if (model.segment(s).joint.name == "L5_S1") l.l5s1 = static_cast<int>(l.discs.size());
    l.discs.push_back(s);
  }
  std::map<std::string, double> total;
  const auto& fmax = model.muscles().parameters().max_isometric_force;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const std::string& g = model.fascicle(f).group;
    auto it = std::find(l.groups.begin(), l.groups.end(), g);
    if (it == l.groups.end()) it = l.groups.insert(l.groups.end(), g);
    l.group_of.push_back(static_cast<int>(it - l.groups.begin()));
    total[g] += fmax[f];
  }
  for (int f = 0; f < model.fascicleCount(); ++f) l.group_weight.push_back(fmax[f] / total[model.fascicle(f).group]);
  return l;
}

Channels channelsOf(const body::SpineModel& model, const Layout& l) {
  Channels c;
  for (int s : l.discs) {
    const std::string j = shortName(model.segment(s).joint.name);
    for (const char* q : {"_compression_N", "_shear_ap_N", "_shear_lat_N", "_moment_flexion_Nm", "_moment_lateral_Nm",
                          "_moment_axial_Nm", "_idp_MPa"}) {
      c.names.push_back(j + q);
    }
  }
  for (const std::string& g : l.groups) c.names.push_back("act_" + g);
  c.names.push_back("intersegmental_max_Nm");
  c.names.push_back("capacity_exceeded");
  c.names.push_back("shortfall_Nm");
  return c;
}

std::vector<double> channelValues(const FrameResult& frame, const Layout& l) {
  std::vector<double> v;
  for (int s : l.discs) {
    const body::JointLoad& j = frame.joints[s];
    v.insert(v.end(), {j.compression, j.shear_anterior, j.shear_lateral, j.moment_flexion, j.moment_lateral,
                       j.moment_axial, j.pressure * 1e-6});
  }
  std::vector<double> groups(l.groups.size(), 0.0);
  for (std::size_t f = 0; f < l.group_of.size(); ++f) groups[l.group_of[f]] += l.group_weight[f] * frame.activation[f];
  v.insert(v.end(), groups.begin(), groups.end());
  v.push_back(frame.intersegmental.cwiseAbs().maxCoeff());
  v.push_back(frame.capacity_exceeded ? 1.0 : 0.0);
  v.push_back(frame.shortfall);
  return v;
}

// Statistics of one phase (or the whole run) as frames covering [time, time + dt) arrive.
void accumulate(PhaseSummary& s, const FrameResult& frame, const std::vector<double>& values, const Layout& l,
                double time, double dt) {
  for (std::size_t c = 0; c < values.size(); ++c) s.channels[c].add(values[c], dt, time);
  if (frame.capacity_exceeded) s.capacity_exceeded_s += dt;
  s.max_shortfall = std::max(s.max_shortfall, frame.shortfall);
  s.max_shortfall_percent = std::max(s.max_shortfall_percent, frame.shortfall_percent);
  const int niosh[] = {l.l4l5, l.l5s1};
  for (std::size_t k = 0; k < 2; ++k) {
    if (niosh[k] < 0) continue;
    const double compression = frame.joints[l.discs[niosh[k]]].compression;
    if (compression > kNioshActionLimit) s.niosh[k].above_action_limit += dt;
    if (compression > kNioshMaxPermissibleLimit) s.niosh[k].above_max_permissible += dt;
  }
}

PhaseSummary emptySummary(std::size_t channels) {
  PhaseSummary s;
  s.channels.assign(channels, Accumulator{});
  s.niosh.assign(2, Exposure{});
  return s;
}

// Joint angles, rates and accelerations of the timeline at t (central differences of the
// smooth posture; exactly still where the body holds).
body::Motion motionAt(const body::SpineModel& model, const scenario::Timeline& timeline, double t, bool still) {
  const auto q = [&](double time) {
    return body::jointAngles(model, timeline.targetAt(std::clamp(time, 0.0, timeline.duration())).posture);
  };
  body::Motion m = body::Motion::still(q(t));
  if (still) return m;
  const double h = 1e-3;
  const Eigen::VectorXd before = q(t - h), after = q(t + h);
  m.qdot = (after - before) / (2 * h);
  m.qddot = (after - 2 * m.q + before) / (h * h);
  return m;
}

}  // namespace

int RunResult::channelIndex(const std::string& name) const {
  const auto it = std::find(channels.names.begin(), channels.names.end(), name);
  return it == channels.names.end() ? -1 : static_cast<int>(it - channels.names.begin());
}

body::Subject subjectFor(const scenario::Scenario& scenario, const body::ModelSpec& spec) {
  body::Subject s{spec.reference_sex, spec.reference_height, spec.reference_mass, 40.0};
  if (scenario.subject_given) s = scenario.subject;
  return s;
}

RunResult runScenario(const scenario::Scenario& scenario, const body::SpineModel& model,
                      const scenario::Timeline& timeline, const RunOptions& options) {
  const auto started = Clock::now();
  const Layout layout = layoutOf(model);
  RunResult result;
  result.scenario = scenario.name;
  result.channels = channelsOf(model, layout);
  result.groups = layout.groups;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    result.fascicles.push_back(model.fascicle(f).name);
    result.fascicle_groups.push_back(model.fascicle(f).group);
  }
  if (layout.l4l5 >= 0) result.niosh_joints.push_back("L4L5");
  if (layout.l5s1 >= 0) result.niosh_joints.push_back("L5S1");
  const std::size_t channel_count = result.channels.names.size();
  result.overall = emptySummary(channel_count);
  result.overall.kind = "overall";
  result.overall.end = timeline.duration();

  // Trunk muscles take the scenario's core strength; the neck keeps its own.
  Eigen::VectorXd strength(model.fascicleCount());
  for (int f = 0; f < model.fascicleCount(); ++f) {
    strength[f] = model.fascicle(f).region == "neck" ? 1.0 : scenario.condition.core_strength;
  }
  FrameSolver solver(model, strength, options.recruitment);
  const Eigen::VectorXd floor =
      Eigen::VectorXd::Constant(model.fascicleCount(), model.muscles().options().minimum_activation);
  const Eigen::VectorXd capacity = Eigen::VectorXd::Ones(model.fascicleCount());

  const double T = timeline.duration();
  const double dt_sample = scenario.sample_every;
  long next_sample = 0;
  const auto sampleTime = [&](long k) { return std::min(T, static_cast<double>(k) * dt_sample); };
  const long last_sample = static_cast<long>(std::floor(T / dt_sample + 1e-9));

  const auto record = [&](const FrameResult& frame, const std::vector<double>& values, int phase, double from, double to,
                          bool include_end) {
    // Every sampling time in [from, to) (or [from, to] at the end of the run) gets this frame.
    while (next_sample <= last_sample) {
      const double ts = sampleTime(next_sample);
      if (ts < from - 1e-9) {
        ++next_sample;
        continue;
      }
      if (ts > to + 1e-9 || (!include_end && ts > to - 1e-9)) break;
      Sample s;
      s.time = ts;
      s.phase = phase;
      s.values = values;
      s.activation = frame.activation.cast<float>();
      s.force = frame.force.cast<float>();
      result.samples.push_back(std::move(s));
      ++next_sample;
    }
  };

  auto last_report = Clock::now();
  const auto& phases = timeline.phases();
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const scenario::PlannedPhase& pp = phases[i];
    PhaseSummary summary = emptySummary(channel_count);
    summary.index = pp.index;
    summary.kind = scenario::toString(pp.phase.kind);
    summary.source = pp.phase.source;
    summary.start = pp.start;
    summary.end = pp.end;
    const bool last_phase = i + 1 == phases.size();
    const double still_from = timeline.stillFrom(static_cast<int>(i));
    double t = pp.start;
    while (t < pp.end - 1e-12) {
      const bool still = t >= still_from - 1e-12;
      // A still stretch is one frame held to the phase's end; a moving one steps at 100 Hz,
      // landing on every sampling time and on the end of the transition.
      double until = still ? pp.end : std::min({t + options.fast_step, still_from, pp.end});
      if (!still && next_sample <= last_sample) {
        const double ts = sampleTime(next_sample);
        if (ts > t + 1e-9 && ts < until) until = ts;
      }
      const scenario::BodyTarget target = timeline.targetIn(static_cast<int>(i), t - pp.start);
      const FrameResult frame = solver.solve(target, motionAt(model, timeline, t, still), floor, capacity);
      const std::vector<double> values = channelValues(frame, layout);
      accumulate(summary, frame, values, layout, t, until - t);
      accumulate(result.overall, frame, values, layout, t, until - t);
      record(frame, values, pp.index, t, until, last_phase && until >= pp.end - 1e-12);
      ++result.frames;
      t = until;
      if (options.progress && Clock::now() - last_report > std::chrono::milliseconds(100)) {
        last_report = Clock::now();
        const double elapsed = std::chrono::duration<double>(last_report - started).count();
        const double fraction = T > 0.0 ? t / T : 1.0;
        options.progress(fraction, fraction > 0.0 ? elapsed * (1.0 - fraction) / fraction : 0.0);
      }
    }
    result.phases.push_back(std::move(summary));
  }
  result.simulated_s = T;
  result.stage_seconds = solver.stageSeconds();
  result.wall_s = std::chrono::duration<double>(Clock::now() - started).count();
  if (options.progress) options.progress(1.0, 0.0);
  return result;
}

}  // namespace tonus::sim
