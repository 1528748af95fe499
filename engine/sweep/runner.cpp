#include "sweep/runner.hpp"

#include <omp.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "body/model_file.hpp"
#include "input/yaml_reader.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/timeline.hpp"
#include "sim/run.hpp"
#include "sweep/case_scenario.hpp"

namespace tonus::sweep {
namespace {

// The model file a case uses: the base scenario's `model:` (relative to the base), else the
// default. Parsed once and shared read-only.
const body::ModelSpec& modelSpecFor(const Sweep& sweep, const scenario::Scenario& s) {
  static std::mutex guard;
  static std::map<std::string, std::unique_ptr<body::ModelSpec>> specs;
  std::filesystem::path path;
  if (s.model_file) {
    path = *s.model_file;
    if (path.is_relative()) path = sweep.base.parent_path() / path;
  }
  const std::lock_guard<std::mutex> lock(guard);
  auto& spec = specs[path.string()];
  if (!spec) spec = std::make_unique<body::ModelSpec>(path.empty() ? body::loadDefaultModel() : body::loadModelFile(path));
  return *spec;
}

// The compiled model of a subject shape (model file, sex, height, mass), built once and
// shared read-only by every case of that shape; a few dozen shapes are kept, since a
// population sweep rarely repeats one exactly while a task sweep repeats few.
std::shared_ptr<const body::SpineModel> modelFor(const body::ModelSpec& spec, const body::Subject& subject) {
  using Key = std::tuple<const body::ModelSpec*, int, double, double>;
  static std::mutex guard;
  static std::map<Key, std::shared_ptr<const body::SpineModel>> models;
  static std::deque<Key> order;
  constexpr std::size_t kept = 32;
  const Key key{&spec, static_cast<int>(subject.sex), subject.height, subject.mass};
  {
    const std::lock_guard<std::mutex> lock(guard);
    if (const auto it = models.find(key); it != models.end()) return it->second;
  }
  auto model = std::make_shared<const body::SpineModel>(spec, subject);
  const std::lock_guard<std::mutex> lock(guard);
  if (models.emplace(key, model).second) {
    order.push_back(key);
    if (order.size() > kept) {
      models.erase(order.front());
      order.pop_front();
    }
  }
  return model;
}

void fill(CaseResult& out, const sim::RunResult& r) {
  const auto peak = [&](const char* channel) {
    const int c = r.channelIndex(channel);
    return c >= 0 ? r.overall.channels[c].peak : 0.0;
  };
  out.peak_l4l5_compression = peak("L4L5_compression_N");
  out.peak_l4l5_idp = peak("L4L5_idp_MPa");
  out.peak_l5s1_compression = peak("L5S1_compression_N");
  const int l4l5 = r.channelIndex("L4L5_compression_N");
  out.mean_l4l5_compression = l4l5 >= 0 ? r.overall.channels[l4l5].mean() : 0.0;
  out.task_failure = r.task_failure;
  out.spasm_risk = r.peak_risk.value;
  const int risk = r.channelIndex("spasm_risk");
  out.spasm_risk_mean = risk >= 0 ? r.overall.channels[risk].mean() : 0.0;
  out.spasm_events = static_cast<int>(r.spasm_events.size());
  if (!r.spasm_events.empty()) out.first_spasm = r.spasm_events.front().start;
  out.capacity_exceeded_s = r.overall.capacity_exceeded_s;
  if (r.overall.niosh.size() >= 2) {
    out.l4l5_above_action_s = r.overall.niosh[0].above_action_limit;
    out.l4l5_above_max_s = r.overall.niosh[0].above_max_permissible;
    out.l5s1_above_action_s = r.overall.niosh[1].above_action_limit;
    out.l5s1_above_max_s = r.overall.niosh[1].above_max_permissible;
  }
  out.simulated_s = r.simulated_s;
  out.wall_s = r.wall_s;
  const auto phaseValue = [&](const sim::PhaseSummary& p, const char* channel, bool peak_value) {
    const int c = r.channelIndex(channel);
    if (c < 0 || p.channels[c].duration <= 0.0) return 0.0;
    return peak_value ? p.channels[c].peak : p.channels[c].mean();
  };
  for (const sim::PhaseSummary& p : r.phases) {
    out.phases.push_back({p.index, p.kind, p.start, p.end, phaseValue(p, "L4L5_compression_N", false),
                          phaseValue(p, "L4L5_compression_N", true), phaseValue(p, "L4L5_idp_MPa", true),
                          phaseValue(p, "fatigue_max", true), phaseValue(p, "tone_max", true),
                          phaseValue(p, "spasm_risk", true), p.capacity_exceeded_s});
  }
}

// A case made ready to run: its scenario, its subject's model and its checked timeline.
struct PreparedCase {
  scenario::Scenario scenario;
  std::shared_ptr<const body::SpineModel> model;
  std::unique_ptr<scenario::Timeline> timeline;
};

PreparedCase prepare(const Sweep& sweep, const Case& c) {
  PreparedCase p;
  const std::string label = sweep.name + " case " + std::to_string(c.id);
  p.scenario = scenario::loadScenarioText(caseScenarioText(sweep, c), label);
  const body::ModelSpec& spec = modelSpecFor(sweep, p.scenario);
  p.model = modelFor(spec, sim::subjectFor(p.scenario, spec));
  p.timeline = std::make_unique<scenario::Timeline>(p.scenario, *p.model);  // checks postures against joint ranges
  return p;
}

}  // namespace

void checkCase(const Sweep& sweep, const Case& c) { prepare(sweep, c); }

void checkCases(const Sweep& sweep, const std::vector<Case>& cases) {
  // Sampled values the model rejects are the sweep's mistake: name the first few and stop.
  std::string rejected;
  int count = 0;
  for (const Case& c : cases) {
    try {
      checkCase(sweep, c);
    } catch (const input::InputError& e) {
      if (++count > 3) continue;
      rejected += "\n  case " + std::to_string(c.id) + " (";
      for (std::size_t j = 0; j < sweep.vary.size(); ++j) rejected += (j ? ", " : "") + sweep.vary[j].path + " = " + c.values[j];
      rejected += "): " + std::string(e.what());
    }
  }
  if (count > 0) {
    throw input::InputError(sweep.file.string() + ": " + std::to_string(count) + " of " + std::to_string(cases.size()) +
                         " cases are not valid scenarios (narrow the ranges in `vary`):" + rejected);
  }
}

CaseResult runCase(const Sweep& sweep, const Case& c, bool keep_series) {
  CaseResult out;
  out.id = c.id;
  out.values = c.values;
  try {
    const PreparedCase prepared = prepare(sweep, c);
    const scenario::Scenario& s = prepared.scenario;
    const body::SpineModel& model = *prepared.model;
    const scenario::Timeline& timeline = *prepared.timeline;
    sim::RunOptions options;
    // Samples are not kept (a sweep stores figures), except the few series asked for.
    const auto index = [](const sim::RunLayout& layout, const char* name) {
      const auto& n = layout.channels.names;
      return static_cast<std::size_t>(std::find(n.begin(), n.end(), name) - n.begin());
    };
    std::array<std::size_t, 5> columns{};
    options.on_start = [&](const sim::RunLayout& layout) {
      columns = {index(layout, "L4L5_compression_N"), index(layout, "L4L5_idp_MPa"), index(layout, "spasm_risk"),
                 index(layout, "tone_max"), index(layout, "fatigue_max")};
    };
    options.on_sample = [&](const sim::Sample& sample) {
      if (!keep_series) return;
      out.series.push_back({sample.time, sample.values[columns[0]], sample.values[columns[1]], sample.values[columns[2]],
                            sample.values[columns[3]], sample.values[columns[4]]});
    };
    fill(out, sim::runScenario(s, model, timeline, options));
  } catch (const input::InputError& e) {
    out.status = "invalid";
    out.message = e.what();
    out.series.clear();
  }
  return out;
}

void runCases(const Sweep& sweep, const std::vector<Case>& cases, const RunnerOptions& options) {
  std::mutex next_guard, deliver_guard;
  std::exception_ptr failure;
#pragma omp parallel num_threads(options.threads)
  {
    while (true) {
      std::optional<int> next;
      {
        const std::lock_guard<std::mutex> lock(next_guard);
        if (failure) break;
        next = options.next_case();
      }
      if (!next) break;
      try {
        const CaseResult result = runCase(sweep, cases[static_cast<std::size_t>(*next)], options.keep_series);
        const std::lock_guard<std::mutex> lock(deliver_guard);
        options.deliver(result);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(next_guard);
        if (!failure) failure = std::current_exception();
      }
    }
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace tonus::sweep
