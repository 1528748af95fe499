#include "io/results_writer.hpp"

#include <cmath>
#include <fstream>
#include <iomanip>

#include "core/errors.hpp"
#include "core/version.hpp"
#include "io/output_directory.hpp"

namespace tonus::io {
namespace {

using nlohmann::json;

json meanAndPeak(const sim::Accumulator& a) {
  if (a.duration <= 0.0) return nullptr;
  return {{"mean", a.mean()}, {"peak", a.peak}};
}

json phaseJson(const sim::RunResult& r, const sim::PhaseSummary& p) {
  json j = {{"index", p.index}, {"kind", p.kind}, {"source", p.source}, {"start_s", p.start}, {"end_s", p.end}};
  for (const char* name : {"L4L5_compression_N", "L5S1_compression_N", "L4L5_idp_MPa", "L4L5_shear_ap_N",
                           "L5S1_shear_ap_N", "T12L1_compression_N", "C7T1_compression_N"}) {
    const int c = r.channelIndex(name);
    if (c >= 0) j[name] = meanAndPeak(p.channels[c]);
  }
  json groups = json::object();
  for (const std::string& g : r.groups) {
    const int c = r.channelIndex("act_" + g);
    groups[g] = p.channels[c].duration > 0.0 ? json(p.channels[c].mean()) : json(nullptr);
  }
  j["mean_activation"] = groups;
  j["capacity_exceeded"] = p.capacity_exceeded_s > 0.0;
  j["capacity_exceeded_s"] = p.capacity_exceeded_s;
  j["max_shortfall_Nm"] = p.max_shortfall;
  j["max_shortfall_percent"] = p.max_shortfall_percent;
  json niosh = json::object();
  for (std::size_t k = 0; k < r.niosh_joints.size(); ++k) {
    niosh[r.niosh_joints[k]] = {{"above_action_limit_s", p.niosh[k].above_action_limit},
                                {"above_max_permissible_s", p.niosh[k].above_max_permissible}};
  }
  j["niosh"] = niosh;
  return j;
}

// Fixed decimals where they mean something; enough digits for doubles elsewhere.
void writeCsvNumber(std::ofstream& out, double x) {
  if (std::isfinite(x)) out << x;
  else out << "nan";
}

void checkWritten(const std::ofstream& out, const std::filesystem::path& path) {
  if (!out) throw UserError("could not write '" + path.string() + "'");
}

}  // namespace

json summaryJson(const sim::RunResult& r) {
  json j;
  j["tonus_version"] = std::string(version());
  j["scenario"] = r.scenario;
  j["simulated_s"] = r.simulated_s;
  j["wall_s"] = r.wall_s;
  j["frames"] = r.frames;
  j["samples"] = r.samples.size();
  j["niosh_limits_N"] = {{"action_limit", sim::kNioshActionLimit}, {"max_permissible_limit", sim::kNioshMaxPermissibleLimit}};
  for (const sim::PhaseSummary& p : r.phases) j["phases"].push_back(phaseJson(r, p));
  json overall = phaseJson(r, r.overall);
  j["niosh"] = overall["niosh"];
  j["capacity_exceeded"] = overall["capacity_exceeded"];
  j["capacity_exceeded_s"] = overall["capacity_exceeded_s"];
  j["mean_activation"] = overall["mean_activation"];
  json peak = json::object();
  for (std::size_t c = 0; c < r.channels.names.size(); ++c) {
    const std::string& name = r.channels.names[c];
    if (name.rfind("act_", 0) == 0 || name == "capacity_exceeded") continue;
    peak[name] = {{"value", r.overall.channels[c].peak}, {"time_s", r.overall.channels[c].peak_time}};
  }
  j["peak"] = peak;
  json stages = json::object();
  for (int s = 0; s < sim::kStageCount; ++s) stages[sim::kStageNames[s]] = r.stage_seconds[s];
  j["stage_seconds"] = stages;
  return j;
}

void writeResultFiles(const sim::RunResult& r, const std::filesystem::path& dir) {
  {
    std::ofstream out(dir / "summary.json");
    out << std::setw(2) << summaryJson(r) << '\n';
    checkWritten(out, dir / "summary.json");
  }
  {
    std::ofstream out(dir / "timeseries.csv");
    out << "time_s,phase,phase_kind";
    for (const std::string& name : r.channels.names) out << ',' << name;
    out << '\n' << std::setprecision(10);
    for (const sim::Sample& s : r.samples) {
      out << s.time << ',' << s.phase << ',' << r.phases[s.phase].kind;
      for (double v : s.values) {
        out << ',';
        writeCsvNumber(out, v);
      }
      out << '\n';
    }
    checkWritten(out, dir / "timeseries.csv");
  }
  {
    std::ofstream out(dir / "muscles.csv");
    out << "time_s,phase,muscle,group,activation,force_N\n" << std::setprecision(7);
    for (const sim::Sample& s : r.samples) {
      for (std::size_t f = 0; f < r.fascicles.size(); ++f) {
        out << s.time << ',' << s.phase << ',' << r.fascicles[f] << ',' << r.fascicle_groups[f] << ','
            << s.activation[static_cast<Eigen::Index>(f)] << ',' << s.force[static_cast<Eigen::Index>(f)] << '\n';
      }
    }
    checkWritten(out, dir / "muscles.csv");
  }
  {
    // OpenSim storage format (.sto), version 1: activations over time, one column per muscle.
    std::ofstream out(dir / "activations.sto");
    out << "activations\nversion=1\nnRows=" << r.samples.size() << "\nnColumns=" << r.fascicles.size() + 1
        << "\ninDegrees=no\nendheader\ntime";
    for (const std::string& f : r.fascicles) out << '\t' << f;
    out << '\n' << std::setprecision(8);
    for (const sim::Sample& s : r.samples) {
      out << s.time;
      for (Eigen::Index f = 0; f < s.activation.size(); ++f) out << '\t' << s.activation[f];
      out << '\n';
    }
    checkWritten(out, dir / "activations.sto");
  }
}

void writeResults(const sim::RunResult& result, const std::filesystem::path& target,
                  const std::function<void(const std::filesystem::path&)>& extra) {
  writeDirectoryAtomically(target, [&](const std::filesystem::path& dir) {
    writeResultFiles(result, dir);
    if (extra) extra(dir);
  });
}

}  // namespace tonus::io
