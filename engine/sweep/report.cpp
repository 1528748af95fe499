#include "sweep/report.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/number_text.hpp"

namespace tonus::sweep {
namespace {

// The design's columns: numeric parameters as they are, listed text values as 0/1 per level
// beyond the first. `owner` maps each column to its parameter, `contrast` names a 0/1 column's
// level against the first.
void designOf(const Sweep& sweep, const std::vector<std::vector<std::string>>& values, Eigen::MatrixXd& x,
              std::vector<int>& owner, std::vector<std::string>& contrast) {
  std::vector<Eigen::VectorXd> columns;
  const auto n = static_cast<Eigen::Index>(values.size());
  for (std::size_t j = 0; j < sweep.vary.size(); ++j) {
    bool numeric = true;
    Eigen::VectorXd column(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto v = parsePlainNumber(values[static_cast<std::size_t>(i)][j]);
      if (!v) numeric = false;
      else column[i] = *v;
    }
    if (numeric) {
      columns.push_back(column);
      owner.push_back(static_cast<int>(j));
      contrast.emplace_back();
      continue;
    }
    // Levels in the order the sweep lists them (so "female vs male" reads the same every run).
    std::vector<std::string> levels;
    const Distribution& d = sweep.vary[j].distribution;
    for (const std::string& v : d.values) {
      if (std::any_of(values.begin(), values.end(), [&](const auto& row) { return row[j] == v; })) levels.push_back(v);
    }
    for (const auto& row : values) {
      if (std::find(levels.begin(), levels.end(), row[j]) == levels.end()) levels.push_back(row[j]);
    }
    for (std::size_t l = 1; l < levels.size(); ++l) {
      for (Eigen::Index i = 0; i < n; ++i) column[i] = values[static_cast<std::size_t>(i)][j] == levels[l] ? 1.0 : 0.0;
      columns.push_back(column);
      owner.push_back(static_cast<int>(j));
      contrast.push_back(levels[l] + " vs " + levels[0]);
    }
  }
  x.resize(n, static_cast<Eigen::Index>(columns.size()));
  for (std::size_t c = 0; c < columns.size(); ++c) x.col(static_cast<Eigen::Index>(c)) = columns[c];
}

OutputDrivers driversOf(const Sweep& sweep, const std::string& output, const Eigen::MatrixXd& x, const std::vector<int>& owner,
                        const std::vector<std::string>& contrast, const std::vector<double>& y_values) {
  OutputDrivers out;
  out.output = output;
  const auto n = static_cast<Eigen::Index>(y_values.size());
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) y[i] = y_values[static_cast<std::size_t>(i)];
  // Standardise; columns without spread carry no information.
  const auto standardise = [](Eigen::VectorXd v) -> std::optional<Eigen::VectorXd> {
    const double mean = v.mean();
    const double sd = std::sqrt((v.array() - mean).square().sum() / static_cast<double>(std::max<Eigen::Index>(1, v.size() - 1)));
    if (!(sd > 1e-12)) return std::nullopt;
    return Eigen::VectorXd((v.array() - mean) / sd);
  };
  const auto ys = standardise(y);
  if (!ys) {
    out.note = "no spread in " + output + " across the cases";
    return out;
  }
  std::vector<Eigen::Index> used;
  Eigen::MatrixXd xs(n, 0);
  for (Eigen::Index c = 0; c < x.cols(); ++c) {
    if (auto s = standardise(x.col(c))) {
      xs.conservativeResize(n, xs.cols() + 1);
      xs.col(xs.cols() - 1) = *s;
      used.push_back(c);
    }
  }
  if (n < xs.cols() + 3) {
    out.note = "too few cases (" + std::to_string(n) + ") for " + std::to_string(xs.cols()) + " varied quantities";
    return out;
  }
  const Eigen::VectorXd beta = xs.colPivHouseholderQr().solve(*ys);
  const Eigen::VectorXd residual = *ys - xs * beta;
  out.r_squared = 1.0 - residual.squaredNorm() / ys->squaredNorm();
  std::vector<Driver> drivers(sweep.vary.size());
  for (std::size_t j = 0; j < sweep.vary.size(); ++j) drivers[j].parameter = sweep.vary[j].path;
  for (std::size_t k = 0; k < used.size(); ++k) {
    Driver& d = drivers[static_cast<std::size_t>(owner[static_cast<std::size_t>(used[k])])];
    if (std::fabs(beta[static_cast<Eigen::Index>(k)]) > std::fabs(d.src)) {
      d.src = beta[static_cast<Eigen::Index>(k)];
      d.contrast = contrast[static_cast<std::size_t>(used[k])];
    }
  }
  std::sort(drivers.begin(), drivers.end(), [](const Driver& a, const Driver& b) { return std::fabs(a.src) > std::fabs(b.src); });
  out.ranked = drivers;
  return out;
}

}  // namespace

Report makeReport(const Sweep& sweep, const ResultsStore& store) {
  Report report;
  report.sweep = sweep.name;
  const std::vector<double> failure = store.figure("task_failure_s"), events = store.figure("spasm_events");
  const std::vector<double> l4l5 = store.figure("L4L5_above_action_limit_s"), l5s1 = store.figure("L5S1_above_action_limit_s");
  const std::vector<double> exceeded = store.figure("capacity_exceeded_s"), risk = store.figure("spasm_risk");
  Capability& c = report.capability;
  c.cases = static_cast<int>(failure.size());
  c.invalid = static_cast<int>(store.finishedCases().size()) - c.cases;
  int completed = 0, under = 0, calm = 0, all = 0, below_half = 0;
  for (std::size_t i = 0; i < failure.size(); ++i) {
    // Capable, as 3DSSPP counts it: the muscles could supply every frame's demand, and never gave out.
    const bool ok = std::isnan(failure[i]) && exceeded[i] <= 0.0, safe = l4l5[i] <= 0.0 && l5s1[i] <= 0.0, no_spasm = events[i] == 0.0;
    completed += ok, under += safe, calm += no_spasm, all += ok && safe && no_spasm;
    below_half += risk[i] < 0.5;
  }
  if (c.cases > 0) {
    c.completed = static_cast<double>(completed) / c.cases;
    c.under_niosh = static_cast<double>(under) / c.cases;
    c.without_spasm = static_cast<double>(calm) / c.cases;
    c.all_three = static_cast<double>(all) / c.cases;
    c.risk_below_half = static_cast<double>(below_half) / c.cases;
  }
  Eigen::MatrixXd x;
  std::vector<int> owner;
  std::vector<std::string> contrast;
  designOf(sweep, store.parameterValues(), x, owner, contrast);
  for (const char* output : {"peak_L4L5_compression_N", "spasm_risk", "spasm_risk_mean"}) {
    report.outputs.push_back(driversOf(sweep, output, x, owner, contrast, store.figure(output)));
  }
  return report;
}

std::string reportText(const Report& r) {
  char line[256];
  std::string text = "Sweep " + r.sweep + ": " + std::to_string(r.capability.cases) + " cases run";
  if (r.capability.invalid > 0) text += " (" + std::to_string(r.capability.invalid) + " more invalid, see the cases table)";
  text += "\n\nCapable (share of cases):\n";
  const std::pair<const char*, double> shares[] = {{"did the task within capacity, no failure", r.capability.completed},
                                                   {"never above the NIOSH action limit (3.4 kN)", r.capability.under_niosh},
                                                   {"no spasm episode", r.capability.without_spasm},
                                                   {"all three", r.capability.all_three},
                                                   {"spasm risk below 0.5 (half would ache)", r.capability.risk_below_half}};
  for (const auto& [label, share] : shares) {
    std::snprintf(line, sizeof line, "  %-44s %5.1f %%\n", label, 100 * share);
    text += line;
  }
  for (const OutputDrivers& o : r.outputs) {
    text += "\nWhat drives " + o.output;
    if (!o.note.empty()) {
      text += ": " + o.note + "\n";
      continue;
    }
    std::snprintf(line, sizeof line, " (standardised regression coefficients, R^2 = %.2f):\n", o.r_squared);
    text += line;
    for (const Driver& d : o.ranked) {
      const std::string name = d.contrast.empty() ? d.parameter : d.parameter + " (" + d.contrast + ")";
      std::snprintf(line, sizeof line, "  %-48s %+.3f\n", name.c_str(), d.src);
      text += line;
    }
  }
  return text;
}

nlohmann::json reportJson(const Report& r) {
  nlohmann::json j;
  j["sweep"] = r.sweep;
  j["cases"] = r.capability.cases;
  j["invalid_cases"] = r.capability.invalid;
  j["capable"] = {{"completed", r.capability.completed}, {"under_niosh_action_limit", r.capability.under_niosh},
                  {"without_spasm", r.capability.without_spasm}, {"all_three", r.capability.all_three},
                  {"risk_below_half", r.capability.risk_below_half}};
  for (const OutputDrivers& o : r.outputs) {
    nlohmann::json drivers = nlohmann::json::array();
    for (const Driver& d : o.ranked) {
      drivers.push_back({{"parameter", d.parameter}, {"src", d.src}, {"contrast", d.contrast}});
    }
    j["drivers"][o.output] = {{"r_squared", o.r_squared}, {"ranked", drivers}, {"note", o.note}};
  }
  return j;
}

}  // namespace tonus::sweep
