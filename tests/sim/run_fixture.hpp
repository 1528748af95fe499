#pragma once
// A default model for a 75 kg man and a scenario text run on it: the fixture the forward
// tests share.
#include <string>

#include "body/model_file.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/run.hpp"

namespace tonus::sim {

struct RunFixture {
  body::ModelSpec spec = body::loadDefaultModel();
  body::SpineModel model{spec, {body::Sex::Male, 1.75, 75.0, 40.0}};

  RunResult run(const std::string& text, RunOptions options = {}) const {
    const scenario::Scenario s = scenario::loadScenarioText(text, "event.yaml");
    const scenario::Timeline timeline(s, model);
    return runScenario(s, model, timeline, options);
  }
};

}  // namespace tonus::sim
