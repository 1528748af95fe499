#include "results/run_record.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/file_name.hpp"
#include "core/number_text.hpp"
#include "input/text_file.hpp"
#include "input/yaml_reader.hpp"

namespace tonus::results {
namespace {

// The most fascicle-samples read back (a 24-hour run at 1 s with 178 fascicles is 15 M).
constexpr std::size_t kMostFascicleValues = 200'000'000;

std::string readText(const std::filesystem::path& path) {
  std::optional<std::string> text = input::readTextFile(path);
  if (!text) {
    throw input::InputError(path.string() + ": cannot read it; is " + path.parent_path().string() +
                     " a results folder written by `tonus run` (with this file among its output.files)?");
  }
  return std::move(*text);
}

[[noreturn]] void broken(const std::filesystem::path& file, const std::string& why) {
  throw input::InputError(file.string() + ": " + why + "; was it written by `tonus run` of this version?");
}

// Splits a CSV line on commas (the results' numeric files never quote).
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
  if (!value) throw input::InputError(file.string() + ":" + std::to_string(line) + ": not a number: '" + std::string(text) + "'");
  return *value;
}

// A sample's time: finite, not before the previous one.
double sampleTime(std::string_view text, const std::vector<double>& times, const std::filesystem::path& file,
                  std::size_t line) {
  const double t = number(text, file, line);
  if (!std::isfinite(t) || (!times.empty() && t < times.back())) {
    throw input::InputError(file.string() + ":" + std::to_string(line) + ": time " + std::string(text) +
                     " is not a finite time after the previous sample's");
  }
  return t;
}

int phaseNumber(std::string_view text, const RunRecord& r, const std::filesystem::path& file, std::size_t line) {
  const double p = number(text, file, line);
  if (!(p >= 0 && p < static_cast<double>(r.phase_kinds.size())) || p != std::floor(p)) {
    throw input::InputError(file.string() + ":" + std::to_string(line) + ": phase " + std::string(text) +
                     " is not one of summary.json's " + std::to_string(r.phase_kinds.size()) + " phases");
  }
  return static_cast<int>(p);
}

// The header of a per-sample table (timeseries.csv, motion.csv): time_s,phase,phase_kind, then
// its columns.
std::vector<std::string> sampleHeader(std::istringstream& in, const std::filesystem::path& file) {
  std::string line;
  std::vector<std::string_view> cells;
  std::getline(in, line);
  splitCsv(line, cells);
  std::vector<std::string> header(cells.begin(), cells.end());
  if (header.size() < 3 || header[0] != "time_s" || header[1] != "phase") {
    throw input::InputError(file.string() + ":1: expected a header starting time_s,phase,phase_kind");
  }
  return header;
}

// The next non-empty row's cells (false at the end); a row of the wrong width is an error.
bool nextRow(std::istringstream& in, std::string& line, std::vector<std::string_view>& cells, std::size_t width,
             const std::filesystem::path& file, std::size_t& row) {
  while (std::getline(in, line)) {
    ++row;
    if (line.empty()) continue;
    splitCsv(line, cells);
    if (cells.size() != width) {
      throw input::InputError(file.string() + ":" + std::to_string(row) + ": " + std::to_string(cells.size()) +
                              " cells, the header has " + std::to_string(width));
    }
    return true;
  }
  return false;
}

void readTimeseries(RunRecord& r) {
  const std::filesystem::path file = r.dir / "timeseries.csv";
  std::istringstream in(readText(file));
  const std::vector<std::string> header = sampleHeader(in, file);
  for (std::size_t c = 3; c < header.size(); ++c) {
    if (r.channels.count(header[c])) broken(file, "column '" + header[c] + "' appears twice");
    r.channels[header[c]];
  }
  std::vector<std::vector<double>*> columns;
  for (std::size_t c = 3; c < header.size(); ++c) columns.push_back(&r.channels[header[c]]);
  std::string line;
  std::vector<std::string_view> cells;
  std::size_t row = 1;
  while (nextRow(in, line, cells, header.size(), file, row)) {
    r.time.push_back(sampleTime(cells[0], r.time, file, row));
    r.phase.push_back(phaseNumber(cells[1], r, file, row));
    for (std::size_t c = 3; c < cells.size(); ++c) columns[c - 3]->push_back(number(cells[c], file, row));
  }
}

// motion.csv, where the run had forward phases: its joint-angle columns in degrees.
void readMotion(RunRecord& r) {
  const std::filesystem::path file = r.dir / "motion.csv";
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return;
  std::istringstream in(readText(file));
  const std::vector<std::string> header = sampleHeader(in, file);
  std::vector<std::size_t> angle_columns;
  for (std::size_t c = 3; c < header.size(); ++c) {
    const std::string& name = header[c];
    if (name.size() > 4 && name.compare(name.size() - 4, 4, "_deg") == 0 && name.find('.') != std::string::npos) {
      r.motion.dofs.push_back(name.substr(0, name.size() - 4));
      angle_columns.push_back(c);
    }
  }
  constexpr double kRad = M_PI / 180.0;
  std::string line;
  std::vector<std::string_view> cells;
  std::size_t row = 1;
  while (nextRow(in, line, cells, header.size(), file, row)) {
    r.motion.time.push_back(sampleTime(cells[0], r.motion.time, file, row));
    r.motion.phase.push_back(phaseNumber(cells[1], r, file, row));
    Eigen::VectorXd q(static_cast<Eigen::Index>(angle_columns.size()));
    for (std::size_t k = 0; k < angle_columns.size(); ++k) {
      const double degrees = number(cells[angle_columns[k]], file, row);
      if (!std::isfinite(degrees)) broken(file, "line " + std::to_string(row) + " has an angle that is not a number");
      q[static_cast<Eigen::Index>(k)] = degrees * kRad;
    }
    r.motion.q.push_back(std::move(q));
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
    throw input::InputError(file.string() + ":1: expected time_s,phase,muscle,group and the " + std::to_string(quantities) +
                     " quantities of docs/scenarios.md");
  }
  // Rows come sample by sample, fascicle by fascicle in model order; the first sample's rows
  // name the fascicles.
  std::vector<std::array<float, sim::kFascicleQuantityCount>> values;
  std::size_t row = 1;
  std::string current_time;
  std::size_t within = 0;  // the row's place in its sample
  while (std::getline(in, line)) {
    ++row;
    if (line.empty()) continue;
    splitCsv(line, cells);
    if (cells.size() != 4 + quantities) throw input::InputError(file.string() + ":" + std::to_string(row) + ": wrong number of cells");
    if (r.muscle_time.empty() || cells[0] != current_time) {
      current_time = std::string(cells[0]);
      r.muscle_time.push_back(sampleTime(cells[0], r.muscle_time, file, row));
      within = 0;
    }
    if (r.muscle_time.size() == 1) {
      r.fascicles.emplace_back(cells[2]);
      r.fascicle_groups.emplace_back(cells[3]);
    } else if (within >= r.fascicles.size() || cells[2] != r.fascicles[within]) {
      throw input::InputError(file.string() + ":" + std::to_string(row) + ": fascicle '" + std::string(cells[2]) +
                       "' out of the order of the first sample's");
    }
    ++within;
    std::array<float, sim::kFascicleQuantityCount> v{};
    for (std::size_t q = 0; q < quantities; ++q) v[q] = static_cast<float>(number(cells[4 + q], file, row));
    values.push_back(v);
    if (values.size() > kMostFascicleValues) broken(file, "more rows than any run writes");
  }
  const std::size_t n = r.fascicles.size(), samples = r.muscle_time.size();
  if (n == 0 || values.size() != n * samples) {
    throw input::InputError(file.string() + ": " + std::to_string(values.size()) + " rows, expected " + std::to_string(n) +
                     " fascicles x " + std::to_string(samples) + " samples");
  }
  for (std::size_t q = 0; q < quantities; ++q) {
    r.fascicle[q].resize(static_cast<Eigen::Index>(samples), static_cast<Eigen::Index>(n));
    for (std::size_t s = 0; s < samples; ++s) {
      for (std::size_t f = 0; f < n; ++f) {
        r.fascicle[q](static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(f)) = values[s * n + f][q];
      }
    }
  }
}

// The scenario's name names files (the .pvd of a ParaView export): a plain name or "run".
std::string plainName(const std::string& name) { return whyNotPlainFileName(name) ? "run" : name; }

void readSummary(RunRecord& r) {
  const std::filesystem::path file = r.dir / "summary.json";
  try {
    const nlohmann::json j = nlohmann::json::parse(readText(file));
    if (!j.is_object() || !j.contains("phases") || !j.at("phases").is_array() || j.at("phases").empty()) {
      broken(file, "no list of phases");
    }
    const auto scenario = j.find("scenario");
    r.scenario_name = plainName(scenario != j.end() && scenario->is_string() ? scenario->get<std::string>() : "");
    for (const auto& p : j.at("phases")) {
      const double start = p.at("start_s").get<double>(), end = p.at("end_s").get<double>();
      if (!std::isfinite(start) || !(end >= start)) broken(file, "a phase ends before it starts");
      r.phase_kinds.push_back(p.at("kind").get<std::string>());
      r.phase_start.push_back(start);
      r.phase_end.push_back(end);
    }
    if (j.contains("spasm_events")) {
      for (const auto& e : j.at("spasm_events")) {
        r.spasms.push_back({e.at("muscle").get<std::string>(), e.at("start_s").get<double>(), e.at("end_s").get<double>()});
      }
    }
  } catch (const nlohmann::json::parse_error& e) {
    broken(file, std::string("not valid JSON (") + e.what() + ")");
  } catch (const nlohmann::json::exception& e) {
    broken(file, std::string("not a run's summary (") + e.what() + ")");
  }
}

}  // namespace

int RunRecord::sampleAt(double t) const {
  const auto it = std::upper_bound(time.begin(), time.end(), t + 1e-9);
  return std::max(0, static_cast<int>(it - time.begin()) - 1);
}

int RunRecord::muscleSampleAt(double t) const {
  const auto it = std::upper_bound(muscle_time.begin(), muscle_time.end(), t + 1e-9);
  return std::max(0, static_cast<int>(it - muscle_time.begin()) - 1);
}

const std::vector<double>& RunRecord::channel(const std::string& name) const {
  const auto it = channels.find(name);
  if (it == channels.end()) throw input::InputError((dir / "timeseries.csv").string() + ": no column '" + name + "'");
  return it->second;
}

RunRecord readRunRecord(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw input::InputError(dir.string() + ": no such results folder (give the folder `tonus run --out` wrote)");
  }
  RunRecord r;
  r.dir = dir;
  readSummary(r);
  r.scenario_text = readText(dir / "scenario.yaml");
  r.model_text = readText(dir / "model.yaml");
  readTimeseries(r);
  readMuscles(r);
  readMotion(r);
  if (r.time.empty()) throw input::InputError((dir / "timeseries.csv").string() + ": no samples");
  return r;
}

}  // namespace tonus::results
