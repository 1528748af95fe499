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

double peakOf(const sim::RunResult& r, const sim::PhaseSummary& p, const char* channel) {
  const int c = r.channelIndex(channel);
  return c >= 0 && p.channels[c].duration > 0.0 ? p.channels[c].peak : 0.0;
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
  j["fatigue_max"] = peakOf(r, p, "fatigue_max");
  j["tone_max"] = peakOf(r, p, "tone_max");
  j["spasm_risk_max"] = peakOf(r, p, "spasm_risk");
  return j;
}

// Per-group physiology channels are many; the summary's `peak` keeps the whole-run ones.
bool isGroupChannel(const std::string& name) {
  for (const char* prefix : {"act_", "fatigue_", "capacity_", "flow_", "metabolite_", "tone_", "risk_"}) {
    if (name.rfind(prefix, 0) == 0 && name != "fatigue_max" && name != "tone_max") return true;
  }
  return name == "capacity_exceeded";
}

// Fixed decimals where they mean something; enough digits for doubles elsewhere.
void writeCsvNumber(std::ofstream& out, double x) {
  if (std::isfinite(x)) out << x;
  else out << "nan";
}

void checkWritten(const std::ofstream& out, const std::filesystem::path& path) {
  if (!out) throw UserError("could not write '" + path.string() + "'");
}

std::ofstream openForWriting(const std::filesystem::path& path) {
  std::ofstream out(path);
  checkWritten(out, path);
  return out;
}

}  // namespace

json summaryJson(const sim::RunResult& r) {
  json j;
  j["tonus_version"] = std::string(version());
  j["scenario"] = r.scenario;
  j["simulated_s"] = r.simulated_s;
  j["wall_s"] = r.wall_s;
  j["frames"] = r.frames;
  j["samples"] = r.sample_count;
  j["niosh_limits_N"] = {{"action_limit", sim::kNioshActionLimit}, {"max_permissible_limit", sim::kNioshMaxPermissibleLimit}};
  for (const sim::PhaseSummary& p : r.phases) j["phases"].push_back(phaseJson(r, p));
  json overall = phaseJson(r, r.overall);
  for (const char* key : {"niosh", "capacity_exceeded", "capacity_exceeded_s", "mean_activation", "fatigue_max", "tone_max"}) {
    j[key] = overall[key];
  }
  j["task_failure_s"] = r.task_failure ? json(*r.task_failure) : json(nullptr);
  json events = json::array();
  for (const sim::SpasmEvent& e : r.spasm_events) {
    events.push_back({{"muscle", e.muscle}, {"group", e.group}, {"region", e.region}, {"phase", e.phase},
                      {"start_s", e.start}, {"end_s", e.end}, {"duration_s", e.end - e.start}, {"peak_tone", e.peak_tone}});
  }
  j["spasm_events"] = events;
  j["spasm_risk"] = r.peak_risk.value;
  json contributors = json::object();
  for (int f = 0; f < physiology::kRiskFactorCount; ++f) {
    contributors[physiology::kRiskFactorNames[f]] = r.peak_risk.contributions[static_cast<std::size_t>(f)];
  }
  j["spasm_risk_peak"] = {{"value", r.peak_risk.value},  {"time_s", r.peak_risk.time}, {"muscle", r.peak_risk.muscle},
                          {"group", r.peak_risk.group}, {"phase", r.peak_risk.phase}, {"contributors", contributors}};
  json peak = json::object();
  for (std::size_t c = 0; c < r.channels.names.size(); ++c) {
    const std::string& name = r.channels.names[c];
    if (isGroupChannel(name)) continue;
    peak[name] = {{"value", r.overall.channels[c].peak}, {"time_s", r.overall.channels[c].peak_time}};
  }
  j["peak"] = peak;
  json stages = json::object();
  for (int s = 0; s < sim::kStageCount; ++s) stages[sim::kStageNames[s]] = r.stage_seconds[s];
  j["stage_seconds"] = stages;
  return j;
}

void writeSummary(const sim::RunResult& r, const std::filesystem::path& dir) {
  std::ofstream out = openForWriting(dir / "summary.json");
  out << std::setw(2) << summaryJson(r) << '\n';
  checkWritten(out, dir / "summary.json");
}

ResultsStream::ResultsStream(std::filesystem::path dir) : dir_(std::move(dir)) {}

void ResultsStream::start(const sim::RunLayout& layout) {
  layout_ = layout;
  timeseries_ = openForWriting(dir_ / "timeseries.csv");
  timeseries_ << "time_s,phase,phase_kind";
  for (const std::string& name : layout.channels.names) timeseries_ << ',' << name;
  timeseries_ << '\n' << std::setprecision(10);
  muscles_ = openForWriting(dir_ / "muscles.csv");
  muscles_ << "time_s,phase,muscle,group";
  for (const char* q : sim::kFascicleQuantityNames) muscles_ << ',' << q;
  muscles_ << '\n' << std::setprecision(7);
  // OpenSim storage format (.sto), version 1: activations over time, one column per muscle.
  activations_ = openForWriting(dir_ / "activations.sto");
  activations_ << "activations\nversion=1\nnRows=" << layout.sample_count << "\nnColumns=" << layout.fascicles.size() + 1
               << "\ninDegrees=no\nendheader\ntime";
  for (const std::string& f : layout.fascicles) activations_ << '\t' << f;
  activations_ << '\n' << std::setprecision(8);
}

void ResultsStream::add(const sim::Sample& s) {
  timeseries_ << s.time << ',' << s.phase << ',' << layout_.phase_kinds[static_cast<std::size_t>(s.phase)];
  for (double v : s.values) {
    timeseries_ << ',';
    writeCsvNumber(timeseries_, v);
  }
  timeseries_ << '\n';
  for (std::size_t f = 0; f < layout_.fascicles.size(); ++f) {
    const auto i = static_cast<Eigen::Index>(f);
    muscles_ << s.time << ',' << s.phase << ',' << layout_.fascicles[f] << ',' << layout_.fascicle_groups[f];
    for (const Eigen::VectorXf& q : s.fascicle) muscles_ << ',' << q[i];
    muscles_ << '\n';
  }
  activations_ << s.time;
  for (Eigen::Index f = 0; f < s.fascicle[sim::kActivation].size(); ++f) activations_ << '\t' << s.fascicle[sim::kActivation][f];
  activations_ << '\n';
}

void ResultsStream::close() {
  for (const auto& [out, name] : {std::pair{&timeseries_, "timeseries.csv"}, std::pair{&muscles_, "muscles.csv"},
                                  std::pair{&activations_, "activations.sto"}}) {
    out->flush();
    checkWritten(*out, dir_ / name);
    out->close();
  }
}

void writeTextFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out = openForWriting(path);
  out << text;
  checkWritten(out, path);
}

void writeResultFiles(const sim::RunResult& r, const std::filesystem::path& dir) {
  sim::RunLayout layout{r.scenario, r.channels, r.groups, r.fascicles, r.fascicle_groups, {},
                        static_cast<long>(r.samples.size())};
  for (const sim::PhaseSummary& p : r.phases) layout.phase_kinds.push_back(p.kind);
  ResultsStream stream(dir);
  stream.start(layout);
  for (const sim::Sample& s : r.samples) stream.add(s);
  stream.close();
  writeSummary(r, dir);
}

}  // namespace tonus::io
