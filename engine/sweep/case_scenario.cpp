#include "sweep/case_scenario.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>

#include "input/yaml_reader.hpp"

namespace tonus::sweep {
namespace {

struct Step {
  std::string key;
  int index = -1;  // "timeline[2]": key timeline, index 2
};

std::vector<Step> stepsOf(const std::string& path, const Variation& v) {
  std::vector<Step> steps;
  std::size_t start = 0;
  const auto fail = [&](const std::string& why) {
    throw input::InputError(v.where.file + ":" + std::to_string(v.where.line) + ":" + std::to_string(v.where.column) +
                         ": vary." + v.path + ": " + why);
  };
  while (start <= path.size()) {
    const std::size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    Step step;
    const std::size_t bracket = part.find('[');
    if (bracket != std::string::npos) {
      if (part.back() != ']') fail("a list index must look like timeline[0]");
      const std::string digits = part.substr(bracket + 1, part.size() - bracket - 2);
      if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        fail("a list index must be a whole number, as in timeline[0]");
      }
      step.index = std::stoi(digits);
      part = part.substr(0, bracket);
    }
    if (part.empty()) fail("empty part in the path");
    step.key = part;
    steps.push_back(step);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return steps;
}

}  // namespace

std::string caseScenarioText(const Sweep& sweep, const Case& c) {
  YAML::Node root = YAML::Load(sweep.base_text);
  for (std::size_t j = 0; j < sweep.vary.size(); ++j) {
    const Variation& v = sweep.vary[j];
    const std::vector<Step> steps = stepsOf(v.path, v);
    const auto fail = [&](const std::string& why) {
      throw input::InputError(v.where.file + ":" + std::to_string(v.where.line) + ":" + std::to_string(v.where.column) +
                           ": vary." + v.path + ": " + why);
    };
    // Walk down, creating maps the base lacks; the last key takes the value.
    YAML::Node node = root;
    for (std::size_t s = 0; s < steps.size(); ++s) {
      const Step& step = steps[s];
      if (!node.IsMap() && !node.IsNull()) fail("'" + step.key + "' is not inside a map in the base scenario");
      const bool last = s + 1 == steps.size() && step.index < 0;
      if (last) {
        node[step.key] = c.values[j];
        break;
      }
      // A map the base lacks (condition:, say) is made.
      if (!node[step.key].IsDefined() || node[step.key].IsNull()) node[step.key] = YAML::Node(YAML::NodeType::Map);
      YAML::Node child = node[step.key];
      if (step.index >= 0) {
        if (!child.IsSequence() || step.index >= static_cast<int>(child.size())) {
          fail("the base scenario has no " + step.key + "[" + std::to_string(step.index) + "]");
        }
        if (s + 1 == steps.size()) fail("a path must end at a setting, not a list entry");
        // A YAML::Node's `=` overwrites the node it is bound to; reset() rebinds it.
        const YAML::Node element = child[static_cast<std::size_t>(step.index)];
        node.reset(element);
        continue;
      }
      node.reset(child);
    }
  }
  YAML::Emitter out;
  out << root;
  return out.c_str();
}

}  // namespace tonus::sweep
