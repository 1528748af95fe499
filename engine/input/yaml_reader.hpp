#pragma once
// Reading model and scenario files with errors a researcher can act on: every failure names
// the file, line and column, the field's path and the rule, and what was found:
//   models/spine.yaml:42:7: segments[3].mass_percent.male: must be > 0, got -3
// Maps reject keys they do not know, so a typo is an error rather than a silent default, and a
// key given twice is an error at its second place (YAML readers otherwise keep one silently).
#include <yaml-cpp/yaml.h>

#include <array>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace tonus::input {

// Where in a file something was found.
struct SourceLocation {
  std::string file;
  int line = 0, column = 0;  // 1-based; 0 when unknown
  std::string field;         // e.g. "timeline[2].sit.style"
};

// One or more user errors located in input files; what() gives one line for each.
class InputError : public UserError {
 public:
  struct Entry {
    SourceLocation where;
    std::string message;  // the whole line, "file:line:col: field: rule, got value"
  };
  explicit InputError(const std::string& message, SourceLocation where = {});
  explicit InputError(std::vector<Entry> entries);
  const std::vector<Entry>& entries() const { return entries_; }
  // The first error's place.
  const SourceLocation& where() const { return entries_.front().where; }

 private:
  static std::string joined(const std::vector<Entry>& entries);
  std::vector<Entry> entries_;
};

// What a YAML file holds, told by its top-level keys: so that a model given where a scenario
// is expected (or the reverse) is named for what it is.
enum class FileKind { Scenario, Sweep, Model, Unknown };
const char* toString(FileKind kind);

class YamlNode {
 public:
  // Parses a file or text; syntax errors become InputError with their position. Keys given
  // twice in a map are kept as duplicateKeys() of the document for the reader to report.
  static YamlNode loadFile(const std::filesystem::path& file);
  static YamlNode loadString(const std::string& text, const std::string& display_name);

  // Every key given twice in a map of the whole document, at its second place.
  const std::vector<InputError::Entry>& duplicateKeys() const;
  FileKind kind() const;
  // Throws InputError when the document is not of kind `expected`, saying what it is instead.
  void expectKind(FileKind expected) const;

  const std::string& file() const;
  const std::string& path() const { return path_; }
  int line() const;    // 1-based
  int column() const;  // 1-based

  bool isMap() const { return node_.IsMap(); }
  bool isSequence() const { return node_.IsSequence(); }
  bool isScalar() const { return node_.IsScalar(); }
  bool isNull() const { return node_.IsNull(); }

  // Map access. `at` requires the key; `find` returns nothing when it is absent.
  YamlNode at(const std::string& key) const;
  std::optional<YamlNode> find(const std::string& key) const;
  bool has(const std::string& key) const { return find(key).has_value(); }
  // Every key of this map must be one of `allowed` (all the others are reported at once).
  void allowOnlyKeys(std::initializer_list<const char*> allowed) const;
  void allowOnlyKeys(const std::vector<std::string>& allowed) const;
  // Keys in file order, and the node of each.
  std::vector<std::pair<std::string, YamlNode>> entries() const;

  // Sequence access.
  std::size_t size() const;
  YamlNode operator[](std::size_t i) const;
  std::vector<YamlNode> items() const;

  // Scalars, each checked as it is read.
  std::string asString() const;
  std::string asChoice(std::initializer_list<const char*> choices) const;
  std::string asChoice(const std::vector<std::string>& choices) const;
  // One of a few names, each standing for a value: asOneOf(n, {{"left", Side::Left}, ...}).
  template <class T>
  T asOneOf(std::initializer_list<std::pair<const char*, T>> options) const {
    std::vector<std::string> names;
    for (const auto& option : options) names.emplace_back(option.first);
    const std::string chosen = asChoice(names);
    for (const auto& option : options) {
      if (chosen == option.first) return option.second;
    }
    return options.begin()->second;  // not reached: asChoice accepted one of the names
  }
  bool asBool() const;
  double asNumber() const;                                   // any finite number
  double asNumberIn(double lo, double hi, const char* unit = "") const;  // lo <= x <= hi
  double asPositive(const char* unit = "") const;            // x > 0
  double asNonNegative(const char* unit = "") const;         // x >= 0
  int asIntegerIn(int lo, int hi) const;
  std::array<double, 3> asVec3() const;                      // [x, y, z], finite
  // A duration such as 90s, 20min, 8h, 1.5h, 250ms, or a bare number of seconds.
  double asDurationSeconds() const;

  // Throws InputError "file:line:col: path: rule, got <this node's text>".
  [[noreturn]] void fail(const std::string& rule) const;
  // Throws InputError "file:line:col: path: message" (no "got").
  [[noreturn]] void failPlain(const std::string& message) const;
  // The node's text as the user wrote it (flow style for maps and sequences).
  std::string text() const;
  SourceLocation location() const;

 private:
  struct Document;
  YamlNode(YAML::Node node, std::shared_ptr<const Document> document, std::string path, YAML::Mark mark);
  YamlNode child(const YAML::Node& node, const std::string& path) const;
  static YamlNode load(const std::function<YAML::Node()>& parse, const std::string& name);

  YAML::Node node_;
  std::shared_ptr<const Document> document_;
  std::string path_;
  YAML::Mark mark_;  // where this node starts (or its parent, for a missing key)
};

}  // namespace tonus::input
