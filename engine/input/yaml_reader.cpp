#include "input/yaml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>

#include "core/duration.hpp"
#include "core/number_text.hpp"
#include "input/text_file.hpp"

namespace tonus::input {
namespace {

std::string position(const std::string& file, const YAML::Mark& mark) {
  std::ostringstream s;
  s << file;
  if (mark.line >= 0) s << ':' << mark.line + 1 << ':' << mark.column + 1;
  return s.str();
}

// Edit distance, for "did you mean" on unknown keys and choices.
int editDistance(const std::string& a, const std::string& b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean 'x'?)" when one option is close to what was written, else "".
std::string suggestion(const std::string& written, const std::vector<std::string>& options) {
  std::string best;
  int best_distance = 1 << 30;
  for (const auto& option : options) {
    const int d = editDistance(written, option);
    if (d < best_distance) best_distance = d, best = option;
  }
  const int allowed = std::max(2, static_cast<int>(written.size()) / 3);
  return best_distance <= allowed ? " (did you mean '" + best + "'?)" : "";
}

std::string joinKeys(const std::vector<std::string>& keys) {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) out += (i ? ", " : "") + keys[i];
  return out;
}

// Strict number parsing: the whole scalar must be a number (YAML's .nan/.inf included, so
// they can be named in the error rather than slipping through as strings).
std::optional<double> parseNumber(const std::string& text) {
  if (text == ".nan" || text == ".NaN" || text == ".NAN" || text == "nan" || text == "NaN") return NAN;
  if (text == ".inf" || text == "+.inf" || text == ".Inf" || text == "inf") return HUGE_VAL;
  if (text == "-.inf" || text == "-.Inf" || text == "-inf") return -HUGE_VAL;
  return parsePlainNumber(text);
}

std::string formatNumber(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

}  // namespace

InputError::InputError(const std::string& message, SourceLocation where)
    : UserError(message), entries_{{std::move(where), message}} {}

InputError::InputError(std::vector<Entry> entries) : UserError(joined(entries)), entries_(std::move(entries)) {
  if (entries_.empty()) entries_.push_back({{}, "(no error)"});
}

std::string InputError::joined(const std::vector<Entry>& entries) {
  std::string all;
  for (const Entry& e : entries) all += (all.empty() ? "" : "\n") + e.message;
  return all;
}

const char* toString(FileKind kind) {
  switch (kind) {
    case FileKind::Scenario: return "scenario";
    case FileKind::Sweep: return "sweep";
    case FileKind::Model: return "model";
    case FileKind::Unknown: return "unknown";
  }
  return "unknown";
}

struct YamlNode::Document {
  std::string file;
  std::vector<InputError::Entry> duplicates;
};

namespace {

// Deeper than any Tonus file goes; also where a map that holds itself (through an alias) stops.
constexpr int kMaxDepth = 64;

// Every key given twice in a map (and every key that is not a plain name), at its place.
void findDuplicateKeys(const YAML::Node& node, const std::string& file, const std::string& path, int depth,
                       std::vector<InputError::Entry>& out) {
  if (depth > kMaxDepth) {
    const std::string where = position(file, node.Mark());
    out.push_back({{file, node.Mark().line + 1, node.Mark().column + 1, path},
                   where + ": " + (path.empty() ? "(document)" : path) + ": nested more than " +
                       std::to_string(kMaxDepth) + " levels deep (or holds itself through an alias)"});
    return;
  }
  if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      findDuplicateKeys(node[i], file, path + "[" + std::to_string(i) + "]", depth + 1, out);
    }
    return;
  }
  if (!node.IsMap()) return;
  std::vector<std::pair<std::string, YAML::Mark>> seen;
  for (const auto& kv : node) {
    const YAML::Mark mark = kv.first.Mark();
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    const std::string where = path.empty() ? key : path + "." + key;
    const SourceLocation at{file, mark.line + 1, mark.column + 1, where};
    if (!kv.first.IsScalar()) {
      out.push_back({at, position(file, mark) + ": " + (path.empty() ? "(document)" : path) +
                             ": keys must be plain names, not lists or maps"});
      continue;
    }
    const auto first = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == key; });
    if (first != seen.end()) {
      out.push_back({at, position(file, mark) + ": " + where + ": duplicate key (first given at line " +
                             std::to_string(first->second.line + 1) + "); give each key once"});
    } else {
      seen.emplace_back(key, mark);
    }
    findDuplicateKeys(kv.second, file, where, depth + 1, out);
  }
}

}  // namespace

YamlNode::YamlNode(YAML::Node node, std::shared_ptr<const Document> document, std::string path, YAML::Mark mark)
    : node_(std::move(node)), document_(std::move(document)), path_(std::move(path)), mark_(mark) {}

YamlNode YamlNode::load(const std::function<YAML::Node()>& parse, const std::string& name) {
  auto document = std::make_shared<Document>();
  document->file = name;
  YAML::Node root;
  try {
    root = parse();
  } catch (const YAML::Exception& e) {
    throw InputError(position(name, e.mark) + ": YAML syntax error: " + e.msg,
                     {name, e.mark.line + 1, e.mark.column + 1, ""});
  }
  findDuplicateKeys(root, name, "", 0, document->duplicates);
  // An alias shared by two places reports its mistakes once.
  auto& d = document->duplicates;
  std::stable_sort(d.begin(), d.end(), [](const auto& a, const auto& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
  d.erase(std::unique(d.begin(), d.end(), [](const auto& a, const auto& b) { return a.message == b.message; }), d.end());
  const YAML::Mark start = root.IsDefined() ? root.Mark() : YAML::Mark();
  return YamlNode(root, document, "", start);
}

YamlNode YamlNode::loadFile(const std::filesystem::path& file) {
  const std::string text = readInputFile(file);
  return load([&] { return YAML::Load(text); }, file.string());
}

YamlNode YamlNode::loadString(const std::string& text, const std::string& display_name) {
  return load([&] { return YAML::Load(text); }, display_name);
}

const std::string& YamlNode::file() const { return document_->file; }
const std::vector<InputError::Entry>& YamlNode::duplicateKeys() const { return document_->duplicates; }

FileKind YamlNode::kind() const {
  if (!node_.IsMap()) return FileKind::Unknown;
  const auto format = find("format");
  if (format && format->isScalar() && format->node_.Scalar().rfind("tonus-model", 0) == 0) return FileKind::Model;
  if (has("base") && has("vary")) return FileKind::Sweep;
  if (has("timeline")) return FileKind::Scenario;
  return FileKind::Unknown;
}

void YamlNode::expectKind(FileKind expected) const {
  const FileKind found = kind();
  if (found == expected || found == FileKind::Unknown) return;
  const char* what = found == FileKind::Model  ? "a model file (it has format: tonus-model/...)"
                     : found == FileKind::Sweep ? "a sweep file (it has base: and vary:)"
                                                : "a scenario file (it has a timeline:)";
  // The hint names both ways in, since the command line and Python read files alike.
  const char* hint = found == FileKind::Model  ? "; pass a model with --model (model= in Python)"
                     : found == FileKind::Sweep ? "; run a sweep with `tonus sweep` (tonus.sweep in Python)"
                                                : "; run a scenario with `tonus run` (tonus.run in Python), or give it to "
                                                  "a sweep as its base";
  throw InputError(file() + ": this is " + what + ", not a " + toString(expected) + hint, location());
}

int YamlNode::line() const { return mark_.line + 1; }
int YamlNode::column() const { return mark_.column + 1; }

SourceLocation YamlNode::location() const { return {file(), mark_.line >= 0 ? line() : 0, mark_.line >= 0 ? column() : 0, path_}; }

YamlNode YamlNode::child(const YAML::Node& node, const std::string& path) const {
  const YAML::Mark mark = node.IsDefined() && node.Mark().line >= 0 ? node.Mark() : mark_;
  return YamlNode(node, document_, path, mark);
}

std::string YamlNode::text() const {
  if (!node_.IsDefined() || node_.IsNull()) return "(nothing)";
  if (node_.IsScalar()) return node_.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node_;
  return out.c_str();
}

void YamlNode::fail(const std::string& rule) const {
  throw InputError(position(file(), mark_) + ": " + (path_.empty() ? "(document)" : path_) + ": " + rule + ", got " +
                       text(),
                   location());
}

void YamlNode::failPlain(const std::string& message) const {
  throw InputError(position(file(), mark_) + ": " + (path_.empty() ? "(document)" : path_) + ": " + message, location());
}

YamlNode YamlNode::at(const std::string& key) const {
  auto found = find(key);
  if (!found) {
    if (!isMap()) fail("must be a map with key '" + key + "'");
    failPlain("missing required key '" + key + "'");
  }
  return *found;
}

std::optional<YamlNode> YamlNode::find(const std::string& key) const {
  if (!node_.IsMap()) return std::nullopt;
  const YAML::Node value = node_[key];
  if (!value.IsDefined()) return std::nullopt;
  return child(value, path_.empty() ? key : path_ + "." + key);
}

void YamlNode::allowOnlyKeys(std::initializer_list<const char*> allowed) const {
  allowOnlyKeys(std::vector<std::string>(allowed.begin(), allowed.end()));
}

void YamlNode::allowOnlyKeys(const std::vector<std::string>& allowed) const {
  if (!node_.IsMap()) fail("must be a map");
  std::vector<InputError::Entry> unknown;
  for (const auto& kv : node_) {
    if (!kv.first.IsScalar()) continue;  // reported with the duplicate keys
    const std::string key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      const std::string where = path_.empty() ? key : path_ + "." + key;
      const YAML::Mark mark = kv.first.Mark();
      unknown.push_back({{file(), mark.line + 1, mark.column + 1, where},
                         position(file(), mark) + ": " + where + ": unknown key" + suggestion(key, allowed) +
                             " (allowed: " + joinKeys(allowed) + ")"});
    }
  }
  if (!unknown.empty()) throw InputError(std::move(unknown));
}

std::vector<std::pair<std::string, YamlNode>> YamlNode::entries() const {
  if (!node_.IsMap()) fail("must be a map");
  std::vector<std::pair<std::string, YamlNode>> out;
  for (const auto& kv : node_) {
    if (!kv.first.IsScalar()) continue;  // reported with the duplicate keys
    const std::string key = kv.first.Scalar();
    out.emplace_back(key, child(kv.second, path_.empty() ? key : path_ + "." + key));
  }
  return out;
}

std::size_t YamlNode::size() const {
  if (!node_.IsSequence()) fail("must be a list");
  return node_.size();
}

YamlNode YamlNode::operator[](std::size_t i) const {
  if (!node_.IsSequence()) fail("must be a list");
  return child(node_[i], path_ + "[" + std::to_string(i) + "]");
}

std::vector<YamlNode> YamlNode::items() const {
  std::vector<YamlNode> out;
  for (std::size_t i = 0; i < size(); ++i) out.push_back((*this)[i]);
  return out;
}

std::string YamlNode::asString() const {
  if (!node_.IsScalar()) fail("must be a single value");
  return node_.Scalar();
}

std::string YamlNode::asChoice(std::initializer_list<const char*> choices) const {
  return asChoice(std::vector<std::string>(choices.begin(), choices.end()));
}

std::string YamlNode::asChoice(const std::vector<std::string>& options) const {
  const std::string value = asString();
  if (std::find(options.begin(), options.end(), value) == options.end()) {
    fail("must be one of " + joinKeys(options) + suggestion(value, options));
  }
  return value;
}

bool YamlNode::asBool() const {
  const std::string value = asString();
  if (value == "true" || value == "yes" || value == "on") return true;
  if (value == "false" || value == "no" || value == "off") return false;
  fail("must be true or false");
}

double YamlNode::asNumber() const {
  if (!node_.IsScalar()) fail("must be a number");
  const auto value = parseNumber(node_.Scalar());
  if (!value) fail("must be a number");
  if (!std::isfinite(*value)) fail("must be a finite number");
  return *value;
}

double YamlNode::asNumberIn(double lo, double hi, const char* unit) const {
  const double x = asNumber();
  if (x < lo || x > hi) {
    fail("must be in [" + formatNumber(lo) + ", " + formatNumber(hi) + "]" + (*unit ? std::string(" ") + unit : ""));
  }
  return x;
}

double YamlNode::asPositive(const char* unit) const {
  const double x = asNumber();
  if (!(x > 0)) fail(std::string("must be > 0") + (*unit ? std::string(" ") + unit : ""));
  return x;
}

double YamlNode::asNonNegative(const char* unit) const {
  const double x = asNumber();
  if (!(x >= 0)) fail(std::string("must be >= 0") + (*unit ? std::string(" ") + unit : ""));
  return x;
}

int YamlNode::asIntegerIn(int lo, int hi) const {
  const double x = asNumber();
  if (x != std::floor(x) || x < lo || x > hi) {
    fail("must be a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
  return static_cast<int>(x);
}

std::array<double, 3> YamlNode::asVec3() const {
  if (!node_.IsSequence() || node_.size() != 3) fail("must be a list of three numbers [x, y, z]");
  return {(*this)[0].asNumber(), (*this)[1].asNumber(), (*this)[2].asNumber()};
}

double YamlNode::asDurationSeconds() const {
  if (const auto seconds = parseDuration(asString())) return *seconds;
  fail("must be a duration such as 90s, 20min, 8h or a number of seconds >= 0");
}

}  // namespace tonus::input
