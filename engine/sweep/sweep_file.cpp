#include "sweep/sweep_file.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>

#include "input/error_collector.hpp"
#include "input/text_file.hpp"
#include "input/yaml_reader.hpp"

namespace tonus::sweep {
namespace {

// The most cases a sweep may hold, by sampling or by grid.
constexpr int kMostCases = 1000000;

using input::YamlNode;

std::string baseText(const std::filesystem::path& path, const YamlNode& where) {
  std::optional<std::string> text = input::readTextFile(path);
  if (!text) where.fail("names a base scenario that cannot be read (" + path.string() + ")");
  return std::move(*text);
}

std::vector<std::string> listOf(const YamlNode& n, std::size_t at_least) {
  if (!n.isSequence() || n.size() < at_least) n.fail("must be a list of at least " + std::to_string(at_least) + " values");
  std::vector<std::string> values;
  for (const YamlNode& v : n.items()) values.push_back(v.asString());
  return values;
}

Distribution readDistribution(const YamlNode& n);

// {given: subject.sex, male: {...}, female: {...}}: one plain distribution per level.
Distribution readConditional(const YamlNode& n) {
  Distribution d;
  d.kind = Distribution::Kind::Conditional;
  d.given = n.at("given").asString();
  for (const auto& [level, body] : n.entries()) {
    if (level == "given") continue;
    d.levels.push_back(level);
    d.by_level.push_back(readDistribution(body));
    if (d.by_level.back().kind == Distribution::Kind::Conditional) body.fail("cannot itself be conditional");
  }
  if (d.levels.empty()) n.fail("must give a distribution for each value of '" + d.given + "'");
  return d;
}

Distribution readDistribution(const YamlNode& n) {
  if (n.isMap() && n.has("given")) return readConditional(n);
  if (!n.isMap() || n.entries().size() != 1) {
    n.fail("must be one distribution: {uniform: [min, max]}, {normal: {mean, sd, min, max}}, {choice: [...]}, {grid: [...]}"
           " or {given: path, <value>: distribution, ...}");
  }
  n.allowOnlyKeys({"uniform", "normal", "choice", "grid"});
  const auto [kind, body] = n.entries().front();
  Distribution d;
  if (kind == "uniform") {
    d.kind = Distribution::Kind::Uniform;
    if (!body.isSequence() || body.size() != 2) body.fail("must be [min, max]");
    d.low = body[0].asNumber();
    d.high = body[1].asNumber();
    if (!(d.low < d.high)) body.fail("must be [min, max] with min < max");
  } else if (kind == "normal") {
    d.kind = Distribution::Kind::Normal;
    body.allowOnlyKeys({"mean", "sd", "min", "max"});
    d.mean = body.at("mean").asNumber();
    d.sd = body.at("sd").asPositive();
    d.low = body.at("min").asNumber();
    d.high = body.at("max").asNumber();
    if (!(d.low < d.high) || d.mean < d.low || d.mean > d.high) body.fail("must have min < max and the mean between them");
  } else {
    d.kind = kind == "choice" ? Distribution::Kind::Choice : Distribution::Kind::Grid;
    d.values = listOf(body, 1);
  }
  return d;
}

// A conditional's `given` must name an earlier choice or grid, and cover each of its values.
void resolveGiven(Variation& v, const std::vector<Variation>& earlier, const YamlNode& node) {
  Distribution& d = v.distribution;
  const auto it = std::find_if(earlier.begin(), earlier.end(), [&](const Variation& e) { return e.path == d.given; });
  if (it == earlier.end()) node.at("given").fail("must name a parameter varied above this one");
  const Distribution& on = it->distribution;
  if (!on.listed()) {
    node.at("given").fail("must name a parameter varied by choice or grid");
  }
  d.given_index = static_cast<std::size_t>(it - earlier.begin());
  std::vector<Distribution> ordered;
  for (const std::string& value : on.values) {
    const auto level = std::find(d.levels.begin(), d.levels.end(), value);
    if (level == d.levels.end()) node.failPlain("has no distribution for " + d.given + " = " + value);
    ordered.push_back(d.by_level[static_cast<std::size_t>(level - d.levels.begin())]);
  }
  for (const std::string& level : d.levels) {
    if (std::find(on.values.begin(), on.values.end(), level) == on.values.end()) {
      node.at(level).fail("is not a value of " + d.given + " (" + it->where.text + ")");
    }
  }
  d.levels = on.values;
  d.by_level = std::move(ordered);
}

// A short fingerprint of texts (FNV-1a, 64 bits, in hex): enough to tell a changed sweep.
std::string fingerprintOf(const std::string& a, const std::string& b) {
  std::uint64_t h = 1469598103934665603ull;
  for (const std::string* s : {&a, &b}) {
    for (unsigned char c : *s) h = (h ^ c) * 1099511628211ull;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

}  // namespace

Sweep loadSweepFile(const std::filesystem::path& file) {
  // Read once: the text is parsed, fingerprinted and copied into the results directory.
  std::optional<std::string> text = input::readInputFile(file);
  const YamlNode root = YamlNode::loadString(*text, file.string());
  root.expectKind(input::FileKind::Sweep);
  if (!root.isMap()) root.fail("must be a sweep: a map with name, base and vary");
  Sweep s;
  s.file = file;
  s.text = std::move(*text);
  input::ErrorCollector errors(root);
  errors.attempt([&] { root.allowOnlyKeys({"name", "description", "base", "method", "samples", "seed", "vary"}); });
  errors.attempt([&] { s.name = root.at("name").asString(); });
  errors.attempt([&] {
    if (auto d = root.find("description")) d->asString();
  });
  errors.attempt([&] {
    const YamlNode base = root.at("base");
    s.base = base.asString();
    if (s.base.is_relative()) s.base = file.parent_path() / s.base;
    s.base_text = baseText(s.base, base);
  });
  errors.attempt([&] {
    if (auto m = root.find("method")) {
      s.method = m->asChoice({"latin_hypercube", "grid"}) == "grid" ? Method::Grid : Method::LatinHypercube;
    }
  });
  errors.attempt([&] {
    if (s.method == Method::LatinHypercube) s.samples = root.at("samples").asIntegerIn(2, kMostCases);
    else if (auto n = root.find("samples")) n->fail("is for latin_hypercube; a grid runs every combination");
  });
  errors.attempt([&] {
    if (auto n = root.find("seed")) s.seed = static_cast<std::uint64_t>(n->asIntegerIn(0, 2147483647));
  });
  errors.attempt([&] {
    const YamlNode vary = root.at("vary");
    if (!vary.isMap() || vary.entries().empty()) vary.fail("must map parameter paths to distributions");
    for (const auto& [path, node] : vary.entries()) {
      errors.attempt([&, &path = path, &node = node] {
        Variation v;
        v.path = path;
        v.where = {node.file(), node.line(), node.column(), node.path(), node.text()};
        v.distribution = readDistribution(node);
        if (s.method == Method::Grid && !v.distribution.listed()) {
          node.fail("a grid sweep needs lists of values ({grid: [...]} or {choice: [...]}), not a distribution");
        }
        if (v.distribution.kind == Distribution::Kind::Conditional) resolveGiven(v, s.vary, node);
        s.vary.push_back(v);
      });
    }
  });
  errors.attempt([&] {
    // A grid runs every combination: its size is the product of the lists, kept countable.
    if (s.method != Method::Grid || s.vary.empty()) return;
    double combinations = 1.0;
    for (const Variation& v : s.vary) combinations *= static_cast<double>(v.distribution.values.size());
    if (combinations > kMostCases) {
      root.at("vary").failPlain("a grid of " + std::to_string(static_cast<long long>(std::min(combinations, 1e18))) +
                                " combinations; a sweep runs at most " + std::to_string(kMostCases) + " cases");
    }
  });
  errors.throwIfAny();
  s.fingerprint = fingerprintOf(s.text, s.base_text);
  return s;
}

}  // namespace tonus::sweep
