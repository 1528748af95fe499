#pragma once
// Reading a scenario file (docs/scenarios.md) into a Scenario. Everything that can be checked
// without a model is checked here, with file:line:col messages (input::InputError); the
// postures are checked against a model's joint ranges by Timeline (timeline.hpp).
#include <filesystem>
#include <string>

#include "input/error_collector.hpp"
#include "scenario/scenario.hpp"

namespace tonus::scenario {

// A scenario read as far as it goes: what could be read, and every mistake met on the way, so
// that a caller can add the mistakes only a model can find (joint ranges) and report them all.
struct ScenarioReading {
  Scenario scenario;
  input::ErrorCollector errors;
};
ScenarioReading readScenarioFile(const std::filesystem::path& file);
ScenarioReading readScenarioText(const std::string& text, const std::string& display_name);

// The same, throwing one input::InputError with every mistake.
Scenario loadScenarioFile(const std::filesystem::path& file);
Scenario loadScenarioText(const std::string& text, const std::string& display_name);

// The built-in default scenario (scenarios/default.yaml at build time).
Scenario loadDefaultScenario();
const std::string& defaultScenarioText();
inline constexpr const char* kDefaultScenarioName = "scenarios/default.yaml (built in)";

}  // namespace tonus::scenario
