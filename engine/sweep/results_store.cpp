#include "sweep/results_store.hpp"

#include <sqlite3.h>

#include <cmath>
#include <memory>

#include "core/errors.hpp"

namespace tonus::sweep {
namespace {

// A prepared statement that finalises itself.
struct Statement {
  sqlite3_stmt* handle = nullptr;
  Statement(sqlite3* db, const std::string& sql, const std::filesystem::path& file) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &handle, nullptr) != SQLITE_OK) {
      throw UserError(file.string() + ": " + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(handle); }
  void bind(int i, double v) { sqlite3_bind_double(handle, i, v); }
  void bind(int i, int v) { sqlite3_bind_int(handle, i, v); }
  void bind(int i, const std::string& v) { sqlite3_bind_text(handle, i, v.c_str(), -1, SQLITE_TRANSIENT); }
  void bind(int i, const std::optional<double>& v) {
    if (v) bind(i, *v);
    else sqlite3_bind_null(handle, i);
  }
};

// The figure columns of `cases`, in order after the parameters.
const char* const kFigures[] = {"peak_L4L5_compression_N", "peak_L4L5_idp_MPa", "peak_L5S1_compression_N",
                                "mean_L4L5_compression_N", "task_failure_s",     "spasm_risk",  "spasm_risk_mean",
                                "spasm_events",            "first_spasm_s",      "capacity_exceeded_s",
                                "L4L5_above_action_limit_s", "L4L5_above_max_permissible_s",
                                "L5S1_above_action_limit_s", "L5S1_above_max_permissible_s", "simulated_s", "wall_s"};

}  // namespace

std::string ResultsStore::parameterColumn(const std::string& path) {
  std::string column = "p_";
  // Punctuation becomes one underscore: timeline[0].lift.load_kg -> p_timeline_0_lift_load_kg.
  for (char c : path) {
    if (std::isalnum(static_cast<unsigned char>(c))) column += c;
    else if (column.back() != '_') column += '_';
  }
  while (column.back() == '_') column.pop_back();
  return column;
}

ResultsStore::ResultsStore(const std::filesystem::path& file, const Sweep& sweep, bool resume) : file_(file) {
  const bool existed = std::filesystem::exists(file);
  if (existed && !resume) {
    throw UserError(file.string() + " already exists: add --resume to finish that sweep, or choose another --out");
  }
  if (sqlite3_open(file.string().c_str(), &db_) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "no memory";
    sqlite3_close(db_);  // SQLite hands out a connection even when opening fails
    db_ = nullptr;
    throw UserError(file.string() + ": cannot open (" + why + ")");
  }
  // A refusal below (another sweep's store) must not leave the connection open.
  try {
    createOrCheck(sweep);
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

void ResultsStore::createOrCheck(const Sweep& sweep) {
  const std::filesystem::path& file = file_;
  sqlite3_busy_timeout(db_, 600000);
  for (const Variation& v : sweep.vary) parameter_columns_.push_back(parameterColumn(v.path));
  execute("PRAGMA journal_mode=WAL");
  execute("PRAGMA synchronous=NORMAL");
  // The schema; IF NOT EXISTS lets several processes open a new file together.
  std::string cases = "CREATE TABLE IF NOT EXISTS cases (case_id INTEGER PRIMARY KEY, status TEXT NOT NULL, message TEXT";
  for (const std::string& c : parameter_columns_) cases += ", " + c + " TEXT";
  for (const char* f : kFigures) cases += std::string(", ") + f + " REAL";
  cases += ")";
  execute("BEGIN IMMEDIATE");
  execute("CREATE TABLE IF NOT EXISTS sweep (key TEXT PRIMARY KEY, value TEXT)");
  execute(cases);
  execute("CREATE TABLE IF NOT EXISTS phases (case_id INTEGER, phase INTEGER, kind TEXT, start_s REAL, end_s REAL, "
          "L4L5_compression_mean_N REAL, L4L5_compression_peak_N REAL, L4L5_idp_peak_MPa REAL, fatigue_max REAL, "
          "tone_max REAL, spasm_risk_max REAL, capacity_exceeded_s REAL, PRIMARY KEY (case_id, phase))");
  execute("CREATE TABLE IF NOT EXISTS series (case_id INTEGER, time_s REAL, L4L5_compression_N REAL, L4L5_idp_MPa REAL, "
          "spasm_risk REAL, tone_max REAL, fatigue_max REAL)");
  {
    Statement get(db_, "SELECT value FROM sweep WHERE key = 'fingerprint'", file_);
    if (sqlite3_step(get.handle) == SQLITE_ROW) {
      const std::string stored = reinterpret_cast<const char*>(sqlite3_column_text(get.handle, 0));
      if (stored != sweep.fingerprint) {
        execute("ROLLBACK");
        throw UserError(file.string() + " holds another sweep (or the sweep or its base scenario changed since): "
                        "resume only the same sweep, or choose another --out");
      }
    } else {
      Statement put(db_, "INSERT INTO sweep (key, value) VALUES (?, ?)", file_);
      const std::pair<std::string, std::string> rows[] = {
          {"fingerprint", sweep.fingerprint}, {"name", sweep.name}, {"sweep_file", sweep.file.string()},
          {"base", sweep.base.string()}, {"method", sweep.method == Method::Grid ? "grid" : "latin_hypercube"},
          {"samples", std::to_string(sweep.samples)}, {"seed", std::to_string(sweep.seed)}};
      for (const auto& [key, value] : rows) {
        sqlite3_reset(put.handle);
        put.bind(1, key);
        put.bind(2, value);
        if (sqlite3_step(put.handle) != SQLITE_DONE) throw UserError(file_.string() + ": " + sqlite3_errmsg(db_));
      }
      for (std::size_t j = 0; j < sweep.vary.size(); ++j) {
        sqlite3_reset(put.handle);
        put.bind(1, "parameter_" + std::to_string(j));
        put.bind(2, sweep.vary[j].path);
        if (sqlite3_step(put.handle) != SQLITE_DONE) throw UserError(file_.string() + ": " + sqlite3_errmsg(db_));
      }
    }
  }
  execute("COMMIT");
}

ResultsStore::~ResultsStore() { sqlite3_close(db_); }

void ResultsStore::execute(const std::string& sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw UserError(file_.string() + ": " + message);
  }
}

std::set<int> ResultsStore::finishedCases() const {
  std::set<int> ids;
  Statement get(db_, "SELECT case_id FROM cases", file_);
  while (sqlite3_step(get.handle) == SQLITE_ROW) ids.insert(sqlite3_column_int(get.handle, 0));
  return ids;
}

void ResultsStore::store(const CaseResult& r) {
  execute("BEGIN IMMEDIATE");
  try {
    std::string sql = "INSERT INTO cases (case_id, status, message";
    for (const std::string& c : parameter_columns_) sql += ", " + c;
    for (const char* f : kFigures) sql += std::string(", ") + f;
    sql += ") VALUES (?, ?, ?";
    for (std::size_t i = 0; i < parameter_columns_.size() + std::size(kFigures); ++i) sql += ", ?";
    sql += ")";
    Statement put(db_, sql, file_);
    int i = 1;
    put.bind(i++, r.id);
    put.bind(i++, r.status);
    put.bind(i++, r.message);
    for (const std::string& v : r.values) put.bind(i++, v);
    if (r.status == "ok") {
      const std::optional<double> figures[] = {r.peak_l4l5_compression, r.peak_l4l5_idp, r.peak_l5s1_compression,
                                               r.mean_l4l5_compression, r.task_failure, r.spasm_risk, r.spasm_risk_mean,
                                               static_cast<double>(r.spasm_events), r.first_spasm, r.capacity_exceeded_s,
                                               r.l4l5_above_action_s, r.l4l5_above_max_s, r.l5s1_above_action_s,
                                               r.l5s1_above_max_s, r.simulated_s, r.wall_s};
      for (const auto& f : figures) put.bind(i++, f);
    }
    if (sqlite3_step(put.handle) != SQLITE_DONE) throw UserError(file_.string() + ": case " + std::to_string(r.id) + ": " + sqlite3_errmsg(db_));
    Statement phase(db_, "INSERT INTO phases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", file_);
    for (const PhaseFigures& p : r.phases) {
      sqlite3_reset(phase.handle);
      int k = 1;
      phase.bind(k++, r.id);
      phase.bind(k++, p.index);
      phase.bind(k++, p.kind);
      for (double v : {p.start, p.end, p.l4l5_compression_mean, p.l4l5_compression_peak, p.l4l5_idp_peak, p.fatigue_max,
                       p.tone_max, p.spasm_risk_max, p.capacity_exceeded_s}) {
        phase.bind(k++, v);
      }
      if (sqlite3_step(phase.handle) != SQLITE_DONE) throw UserError(file_.string() + ": " + sqlite3_errmsg(db_));
    }
    Statement series(db_, "INSERT INTO series VALUES (?, ?, ?, ?, ?, ?, ?)", file_);
    for (const SeriesPoint& s : r.series) {
      sqlite3_reset(series.handle);
      int k = 1;
      series.bind(k++, r.id);
      for (double v : {s.time, s.l4l5_compression, s.l4l5_idp, s.spasm_risk, s.tone_max, s.fatigue_max}) series.bind(k++, v);
      if (sqlite3_step(series.handle) != SQLITE_DONE) throw UserError(file_.string() + ": " + sqlite3_errmsg(db_));
    }
    execute("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<std::vector<std::string>> ResultsStore::parameterValues() const {
  std::vector<std::vector<std::string>> rows;
  if (parameter_columns_.empty()) return rows;
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < parameter_columns_.size(); ++i) sql += (i ? ", " : "") + parameter_columns_[i];
  sql += " FROM cases WHERE status = 'ok' ORDER BY case_id";
  Statement get(db_, sql, file_);
  while (sqlite3_step(get.handle) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int c = 0; c < static_cast<int>(parameter_columns_.size()); ++c) {
      const unsigned char* text = sqlite3_column_text(get.handle, c);
      row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    rows.push_back(row);
  }
  return rows;
}

std::vector<double> ResultsStore::figure(const std::string& column) const {
  std::vector<double> values;
  Statement get(db_, "SELECT " + column + " FROM cases WHERE status = 'ok' ORDER BY case_id", file_);
  while (sqlite3_step(get.handle) == SQLITE_ROW) {
    values.push_back(sqlite3_column_type(get.handle, 0) == SQLITE_NULL ? NAN : sqlite3_column_double(get.handle, 0));
  }
  return values;
}

}  // namespace tonus::sweep
