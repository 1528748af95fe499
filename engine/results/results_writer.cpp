#include "results/results_writer.hpp"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "core/errors.hpp"
#include "core/version.hpp"
#include "results/output_directory.hpp"

namespace tonus::results {
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
  // Every lumbar level's compression, so a comparison can be read where it was measured (an implant at L1).
  for (const char* name : {"L4L5_compression_N", "L5S1_compression_N", "L4L5_idp_MPa", "L4L5_shear_ap_N",
                           "L5S1_shear_ap_N", "T12L1_compression_N", "L1L2_compression_N", "L2L3_compression_N",
                           "L3L4_compression_N", "C7T1_compression_N", "exert_moment_Nm", "backrest_force_N",
                           "abdominal_pressure_kPa", "ligament_tension_N", "arm_support_force_N"}) {
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
  // A forward phase's response to its event (null where none was seen).
  if (p.peak_trunk_flexion_deg) {
    const auto optional = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    j["event_s"] = optional(p.event_time);
    j["reflex_latency_ms"] = optional(p.reflex_latency_ms);
    j["abdominal_latency_ms"] = optional(p.abdominal_latency_ms);
    j["peak_trunk_flexion_deg"] = *p.peak_trunk_flexion_deg;
  }
  j["fatigue_max"] = peakOf(r, p, "fatigue_max");
  j["tone_max"] = peakOf(r, p, "tone_max");
  j["spasm_risk_max"] = peakOf(r, p, "spasm_risk");
  j["recruitment_fallbacks"] = p.solver.recruitment_fallbacks;
  j["recruitment_failures"] = p.solver.recruitment_failures;
  return j;
}

// How the solvers fared over the run: every frame's recruitment and muscle-bank flags, counted.
json solverJson(const sim::SolverCounts& c) {
  return {{"frames", c.frames},
          {"recruitment",
           {{"fallbacks", c.recruitment_fallbacks},
            {"failures", c.recruitment_failures},
            {"newton_not_converged", c.newton_not_converged},
            {"cholesky_failed", c.cholesky_failed},
            {"line_search_exhausted", c.line_search_exhausted},
            {"not_finite", c.not_finite},
            {"first_failure_s", c.first_failure ? json(*c.first_failure) : json(nullptr)}}},
          {"muscle_bank",
           {{"frames_not_finite", c.muscle_not_finite},
            {"frames_fibre_at_minimum_length", c.muscle_at_minimum_length},
            {"frames_fibre_overstretched", c.muscle_overstretched}}}};
}

// A CSV cell: numbers as they are, text quoted when it holds a comma or a quote.
std::string csvText(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// Per-group physiology channels are many; the summary's `peak` keeps the whole-run ones.
bool isGroupChannel(const std::string& name) {
  for (const char* prefix : {"act_", "fatigue_", "capacity_", "flow_", "metabolite_", "tone_", "risk_"}) {
    if (name.rfind(prefix, 0) == 0 && name != "fatigue_max" && name != "tone_max") return true;
  }
  return name == "capacity_exceeded";
}

// Numbers in general format at the stream's precision (10 significant digits in
// timeseries.csv); "nan" for non-finite values.
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
  j["solver"] = solverJson(r.overall.solver);
  j["spasm_risk_peak"] = {{"value", r.peak_risk.value},  {"time_s", r.peak_risk.time}, {"muscle", r.peak_risk.muscle},
                          {"group", r.peak_risk.group}, {"phase", r.peak_risk.phase}, {"contributors", contributors}};
  // What drives the risk: per muscle group, time above each threshold, most first.
  json ranking = json::array();
  for (const sim::GroupRisk& g : r.risk_by_group) {
    ranking.push_back({{"group", g.group},
                       {"peak", g.peak},
                       {"above_0_2_s", g.above_s[0]},
                       {"above_0_5_s", g.above_s[1]},
                       {"above_0_8_s", g.above_s[2]}});
  }
  j["risk_by_group"] = ranking;
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

void writeSummary(const sim::RunResult& r, const std::filesystem::path& dir, const OutputChoice& choice) {
  std::ofstream out = openForWriting(dir / "summary.json");
  out << std::setw(2) << summaryJson(r) << '\n';
  checkWritten(out, dir / "summary.json");
  if (choice.phases) writeTextFile(dir / "phases.csv", phasesCsv(r));
  if (choice.timeseries && !r.motion.empty()) writeMotion(r, dir / "motion.csv");
}

void writeMotion(const sim::RunResult& r, const std::filesystem::path& file) {
  std::ofstream out = openForWriting(file);
  out << "time_s,phase,phase_kind,trunk_flexion_deg,L4L5_compression_N,excitation_lumbar_extensors,excitation_abdominals";
  for (const std::string& dof : r.dof_names) out << ',' << dof << "_deg";
  out << '\n' << std::setprecision(9);
  const auto kind = [&](int phase) {
    for (const sim::PhaseSummary& p : r.phases)
      if (p.index == phase) return p.kind;
    return std::string("?");
  };
  constexpr double kDeg = 180.0 / M_PI;
  for (const sim::MotionSample& m : r.motion) {
    out << m.time << ',' << m.phase << ',' << kind(m.phase) << ',' << m.trunk_flexion * kDeg << ',';
    writeCsvNumber(out, m.l4l5_compression);
    out << ',' << m.extensors << ',' << m.abdominals;
    for (Eigen::Index d = 0; d < m.q.size(); ++d) out << ',' << m.q[d] * kDeg;
    out << '\n';
  }
  checkWritten(out, file);
}

std::string phasesCsv(const sim::RunResult& r) {
  // The loads of summary.json's phases, then the physiology, then exposure and solver counts.
  const char* loads[] = {"L4L5_compression_N", "L5S1_compression_N", "L4L5_idp_MPa", "L4L5_shear_ap_N",
                         "L5S1_shear_ap_N", "T12L1_compression_N", "C7T1_compression_N"};
  std::ostringstream out;
  out << std::setprecision(10) << "phase,kind,source,start_s,end_s";
  for (const char* name : loads) {
    if (r.channelIndex(name) >= 0) out << ',' << name << "_mean," << name << "_peak";
  }
  out << ",fatigue_max,tone_max,spasm_risk_max,capacity_exceeded_s,max_shortfall_Nm,max_shortfall_percent";
  for (const std::string& joint : r.niosh_joints) out << ',' << joint << "_above_action_limit_s," << joint << "_above_max_permissible_s";
  for (const std::string& g : r.groups) out << ",act_" << g << "_mean";
  out << ",recruitment_fallbacks,recruitment_failures\n";
  const auto row = [&](const sim::PhaseSummary& p, const std::string& index) {
    out << index << ',' << csvText(p.kind) << ',' << csvText(p.source) << ',' << p.start << ',' << p.end;
    for (const char* name : loads) {
      const int c = r.channelIndex(name);
      if (c < 0) continue;
      if (p.channels[c].duration > 0.0) out << ',' << p.channels[c].mean() << ',' << p.channels[c].peak;
      else out << ",,";
    }
    out << ',' << peakOf(r, p, "fatigue_max") << ',' << peakOf(r, p, "tone_max") << ',' << peakOf(r, p, "spasm_risk") << ','
        << p.capacity_exceeded_s << ',' << p.max_shortfall << ',' << p.max_shortfall_percent;
    for (std::size_t k = 0; k < r.niosh_joints.size(); ++k) {
      out << ',' << p.niosh[k].above_action_limit << ',' << p.niosh[k].above_max_permissible;
    }
    for (const std::string& g : r.groups) {
      const int c = r.channelIndex("act_" + g);
      out << ',';
      if (p.channels[c].duration > 0.0) out << p.channels[c].mean();
    }
    out << ',' << p.solver.recruitment_fallbacks << ',' << p.solver.recruitment_failures << '\n';
  };
  for (const sim::PhaseSummary& p : r.phases) row(p, std::to_string(p.index));
  row(r.overall, "all");
  return out.str();
}

ResultsStream::ResultsStream(std::filesystem::path dir, OutputChoice choice) : dir_(std::move(dir)), choice_(choice) {}

bool ResultsStream::takesMuscles(long sample) const {
  return sample % choice_.muscles_stride == 0 || sample == layout_.sample_count - 1;
}

void ResultsStream::start(const sim::RunLayout& layout) {
  layout_ = layout;
  next_sample_ = 0;
  if (choice_.timeseries) {
    timeseries_ = openForWriting(dir_ / "timeseries.csv");
    timeseries_ << "time_s,phase,phase_kind";
    for (const std::string& name : layout.channels.names) timeseries_ << ',' << name;
    timeseries_ << '\n' << std::setprecision(10);
  }
  if (choice_.muscles) {
    muscles_ = openForWriting(dir_ / "muscles.csv");
    muscles_ << "time_s,phase,muscle,group";
    for (const char* q : sim::kFascicleQuantityNames) muscles_ << ',' << q;
    muscles_ << '\n' << std::setprecision(7);
  }
  if (choice_.sto) {
    long rows = 0;
    for (long k = 0; k < layout.sample_count; ++k) rows += takesMuscles(k);
    // OpenSim storage format (.sto), version 1: activations over time, one column per muscle.
    activations_ = openForWriting(dir_ / "activations.sto");
    activations_ << "activations\nversion=1\nnRows=" << rows << "\nnColumns=" << layout.fascicles.size() + 1
                 << "\ninDegrees=no\nendheader\ntime";
    for (const std::string& f : layout.fascicles) activations_ << '\t' << f;
    activations_ << '\n' << std::setprecision(8);
  }
}

void ResultsStream::add(const sim::Sample& s) {
  const long sample = next_sample_++;
  if (choice_.timeseries) {
    timeseries_ << s.time << ',' << s.phase << ',' << layout_.phase_kinds[static_cast<std::size_t>(s.phase)];
    for (double v : s.values) {
      timeseries_ << ',';
      writeCsvNumber(timeseries_, v);
    }
    timeseries_ << '\n';
  }
  if (!takesMuscles(sample)) return;
  if (choice_.muscles) {
    for (std::size_t f = 0; f < layout_.fascicles.size(); ++f) {
      const auto i = static_cast<Eigen::Index>(f);
      muscles_ << s.time << ',' << s.phase << ',' << layout_.fascicles[f] << ',' << layout_.fascicle_groups[f];
      for (const Eigen::VectorXf& q : s.fascicle) muscles_ << ',' << q[i];
      muscles_ << '\n';
    }
  }
  if (choice_.sto) {
    activations_ << s.time;
    for (Eigen::Index f = 0; f < s.fascicle[sim::kActivation].size(); ++f) {
      activations_ << '\t' << s.fascicle[sim::kActivation][f];
    }
    activations_ << '\n';
  }
}

void ResultsStream::close() {
  const std::pair<std::ofstream*, const char*> files[] = {
      {&timeseries_, "timeseries.csv"}, {&muscles_, "muscles.csv"}, {&activations_, "activations.sto"}};
  const bool chosen[] = {choice_.timeseries, choice_.muscles, choice_.sto};
  for (std::size_t k = 0; k < 3; ++k) {
    if (!chosen[k]) continue;
    files[k].first->flush();
    checkWritten(*files[k].first, dir_ / files[k].second);
    files[k].first->close();
  }
}

void writeTextFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out = openForWriting(path);
  out << text;
  checkWritten(out, path);
}

OutputChoice outputChoiceOf(const scenario::Scenario& s) {
  OutputChoice choice;
  choice.timeseries = s.writes(scenario::OutputFile::Timeseries);
  choice.muscles = s.writes(scenario::OutputFile::Muscles);
  choice.sto = s.writes(scenario::OutputFile::Sto);
  choice.phases = s.writes(scenario::OutputFile::Phases);
  choice.muscles_stride = s.musclesStride();
  return choice;
}

void writeResultFiles(const sim::RunResult& r, const std::filesystem::path& dir, const OutputChoice& choice) {
  sim::RunLayout layout{r.scenario, r.channels, r.groups, r.fascicles, r.fascicle_groups, {},
                        static_cast<long>(r.samples.size())};
  for (const sim::PhaseSummary& p : r.phases) layout.phase_kinds.push_back(p.kind);
  ResultsStream stream(dir, choice);
  stream.start(layout);
  for (const sim::Sample& s : r.samples) stream.add(s);
  stream.close();
  writeSummary(r, dir, choice);
}

}  // namespace tonus::results
