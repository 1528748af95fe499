#include "sweep/case_result_json.hpp"

namespace tonus::sweep {
namespace {

nlohmann::json optional(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }
std::optional<double> optionalFrom(const nlohmann::json& j) {
  return j.is_null() ? std::nullopt : std::optional<double>(j.get<double>());
}

}  // namespace

nlohmann::json toJson(const CaseResult& r) {
  nlohmann::json j = {{"id", r.id},
                      {"values", r.values},
                      {"status", r.status},
                      {"message", r.message},
                      {"peak_l4l5_compression", r.peak_l4l5_compression},
                      {"peak_l4l5_idp", r.peak_l4l5_idp},
                      {"peak_l5s1_compression", r.peak_l5s1_compression},
                      {"mean_l4l5_compression", r.mean_l4l5_compression},
                      {"task_failure", optional(r.task_failure)},
                      {"spasm_risk", r.spasm_risk},
                      {"spasm_risk_mean", r.spasm_risk_mean},
                      {"spasm_events", r.spasm_events},
                      {"first_spasm", optional(r.first_spasm)},
                      {"capacity_exceeded_s", r.capacity_exceeded_s},
                      {"niosh", {r.l4l5_above_action_s, r.l4l5_above_max_s, r.l5s1_above_action_s, r.l5s1_above_max_s}},
                      {"simulated_s", r.simulated_s},
                      {"wall_s", r.wall_s}};
  // Phases and series as rows of numbers: compact, since a series may be long.
  nlohmann::json phases = nlohmann::json::array();
  for (const PhaseFigures& p : r.phases) {
    phases.push_back({p.index, p.kind, p.start, p.end, p.l4l5_compression_mean, p.l4l5_compression_peak, p.l4l5_idp_peak,
                      p.fatigue_max, p.tone_max, p.spasm_risk_max, p.capacity_exceeded_s});
  }
  j["phases"] = phases;
  nlohmann::json series = nlohmann::json::array();
  for (const SeriesPoint& s : r.series) {
    series.push_back({s.time, s.l4l5_compression, s.l4l5_idp, s.spasm_risk, s.tone_max, s.fatigue_max});
  }
  j["series"] = series;
  return j;
}

CaseResult caseResultFromJson(const nlohmann::json& j) {
  CaseResult r;
  r.id = j.at("id").get<int>();
  r.values = j.at("values").get<std::vector<std::string>>();
  r.status = j.at("status").get<std::string>();
  r.message = j.at("message").get<std::string>();
  r.peak_l4l5_compression = j.at("peak_l4l5_compression").get<double>();
  r.peak_l4l5_idp = j.at("peak_l4l5_idp").get<double>();
  r.peak_l5s1_compression = j.at("peak_l5s1_compression").get<double>();
  r.mean_l4l5_compression = j.at("mean_l4l5_compression").get<double>();
  r.task_failure = optionalFrom(j.at("task_failure"));
  r.spasm_risk = j.at("spasm_risk").get<double>();
  r.spasm_risk_mean = j.at("spasm_risk_mean").get<double>();
  r.spasm_events = j.at("spasm_events").get<int>();
  r.first_spasm = optionalFrom(j.at("first_spasm"));
  r.capacity_exceeded_s = j.at("capacity_exceeded_s").get<double>();
  const auto& niosh = j.at("niosh");
  r.l4l5_above_action_s = niosh.at(0).get<double>();
  r.l4l5_above_max_s = niosh.at(1).get<double>();
  r.l5s1_above_action_s = niosh.at(2).get<double>();
  r.l5s1_above_max_s = niosh.at(3).get<double>();
  r.simulated_s = j.at("simulated_s").get<double>();
  r.wall_s = j.at("wall_s").get<double>();
  for (const auto& p : j.at("phases")) {
    r.phases.push_back({p.at(0).get<int>(), p.at(1).get<std::string>(), p.at(2).get<double>(), p.at(3).get<double>(),
                        p.at(4).get<double>(), p.at(5).get<double>(), p.at(6).get<double>(), p.at(7).get<double>(),
                        p.at(8).get<double>(), p.at(9).get<double>(), p.at(10).get<double>()});
  }
  for (const auto& s : j.at("series")) {
    r.series.push_back({s.at(0).get<double>(), s.at(1).get<double>(), s.at(2).get<double>(), s.at(3).get<double>(),
                        s.at(4).get<double>(), s.at(5).get<double>()});
  }
  return r;
}

}  // namespace tonus::sweep
