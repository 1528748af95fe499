#include "io/run_record.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/number_text.hpp"
#include "io/text_file.hpp"
#include "io/yaml_reader.hpp"

namespace tonus::io {
namespace {

std::string readText(const std::filesystem::path& path) {
  std::optional<std::string> text = readTextFile(path);
  if (!text) {
    throw InputError(path.string() + ": cannot read it; is " + path.parent_path().string() +
                     " a results directory written by `tonus run`?");
  }
  return std::move(*text);
}

// Splits a CSV line on commas (the results files never quote).
void splitCsv(const std::string& line, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    out.emplace_back(line.data() + start, (comma == std::string::npos ? line.size() : comma) - start);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

double number(std::string_view text, const std::filesystem::path& file, std::size_t line) {
  if (text == "nan") return NAN;
  const std::optional<double> value = parsePlainNumber(text);
  if (!value) throw InputError(file.string() + ":" + std::to_string(line) + ": not a number: '" + std::string(text) + "'");
  return *value;
}

void readTimeseries(RunRecord& r) {
  const std::filesystem::path file = r.dir / "timeseries.csv";
  std::istringstream in(readText(file));
  std::string line;
  std::vector<std::string_view> cells;
  std::getline(in, line);
  splitCsv(line, cells);
  const std::vector<std::string> header(cells.begin(), cells.end());
  if (header.size() < 3 || header[0] != "time_s" || header[1] != "phase") {
    throw InputError(file.string() + ":1: expected a header starting time_s,phase,phase_kind");
  }
  for (std::size_t c = 3; c < header.size(); ++c) r.channels[header[c]];
  std::vector<std::vector<double>*> columns;
  for (std::size_t c = 3; c < header.size(); ++c) columns.push_back(&r.channels[header[c]]);
  std::size_t row = 1;
  while (std::getline(in, line)) {
    ++row;
    if (line.empty()) continue;
    splitCsv(line, cells);
    if (cells.size() != header.size()) {
      throw InputError(file.string() + ":" + std::to_string(row) + ": " + std::to_string(cells.size()) +
                       " cells, the header has " + std::to_string(header.size()));
    }
    r.time.push_back(number(cells[0], file, row));
    r.phase.push_back(static_cast<int>(number(cells[1], file, row)));
    for (std::size_t c = 3; c < cells.size(); ++c) columns[c - 3]->push_back(number(cells[c], file, row));
  }
}

void readMuscles(RunRecord& r) {
  const std::filesystem::path file = r.dir / "muscles.csv";
  std::istringstream in(readText(file));
  std::string line;
  std::vector<std::string_view> cells;
  std::getline(in, line);
  splitCsv(line, cells);
  const std::size_t quantities = sim::kFascicleQuantityCount;
  if (cells.size() != 4 + quantities || cells[2] != "muscle") {
    throw InputError(file.string() + ":1: expected time_s,phase,muscle,group and the " + std::to_string(quantities) +
                     " quantities of docs/scenarios.md");
  }
  // Rows come sample by sample, fascicle by fascicle in model order.
  std::vector<std::array<float, sim::kFascicleQuantityCount>> values;
  std::size_t row = 1;
  std::string first_time;
  bool first_sample = true;
  while (std::getline(in, line)) {
    ++row;
    if (line.empty()) continue;
    splitCsv(line, cells);
    if (cells.size() != 4 + quantities) throw InputError(file.string() + ":" + std::to_string(row) + ": wrong number of cells");
    // The first sample's rows name the fascicles.
    if (row == 2) first_time = std::string(cells[0]);
    if (first_sample && cells[0] != first_time) first_sample = false;
    if (first_sample) {
      r.fascicles.emplace_back(cells[2]);
      r.fascicle_groups.emplace_back(cells[3]);
    }
    std::array<float, sim::kFascicleQuantityCount> v{};
    for (std::size_t q = 0; q < quantities; ++q) v[q] = static_cast<float>(number(cells[4 + q], file, row));
    values.push_back(v);
  }
  const std::size_t n = r.fascicles.size();
  if (n == 0 || values.size() != n * r.time.size()) {
    throw InputError(file.string() + ": " + std::to_string(values.size()) + " rows, expected " + std::to_string(n) +
                     " fascicles x " + std::to_string(r.time.size()) + " samples of timeseries.csv");
  }
  for (std::size_t q = 0; q < quantities; ++q) {
    r.fascicle[q].resize(static_cast<Eigen::Index>(r.time.size()), static_cast<Eigen::Index>(n));
    for (std::size_t s = 0; s < r.time.size(); ++s) {
      for (std::size_t f = 0; f < n; ++f) r.fascicle[q](static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(f)) = values[s * n + f][q];
    }
  }
}

void readSummary(RunRecord& r) {
  const std::filesystem::path file = r.dir / "summary.json";
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(readText(file));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file.string() + ": not valid JSON (" + e.what() + ")");
  }
  r.scenario_name = j.value("scenario", "");
  for (const auto& p : j.at("phases")) {
    r.phase_kinds.push_back(p.at("kind").get<std::string>());
    r.phase_start.push_back(p.at("start_s").get<double>());
    r.phase_end.push_back(p.at("end_s").get<double>());
  }
  if (j.contains("spasm_events")) {
    for (const auto& e : j.at("spasm_events")) {
      r.spasms.push_back({e.at("muscle").get<std::string>(), e.at("start_s").get<double>(), e.at("end_s").get<double>()});
    }
  }
}

}  // namespace

int RunRecord::sampleAt(double t) const {
  const auto it = std::upper_bound(time.begin(), time.end(), t + 1e-9);
  return std::max(0, static_cast<int>(it - time.begin()) - 1);
}

const std::vector<double>& RunRecord::channel(const std::string& name) const {
  const auto it = channels.find(name);
  if (it == channels.end()) throw InputError((dir / "timeseries.csv").string() + ": no column '" + name + "'");
  return it->second;
}

RunRecord readRunRecord(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw InputError(dir.string() + ": no such results directory");
  RunRecord r;
  r.dir = dir;
  readSummary(r);
  r.scenario_text = readText(dir / "scenario.yaml");
  r.model_text = readText(dir / "model.yaml");
  readTimeseries(r);
  readMuscles(r);
  if (r.time.empty()) throw InputError((dir / "timeseries.csv").string() + ": no samples");
  return r;
}

}  // namespace tonus::io
