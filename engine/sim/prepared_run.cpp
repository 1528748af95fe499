#include "sim/prepared_run.hpp"

#include "body/model_file.hpp"
#include "input/error_collector.hpp"
#include "input/text_file.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/run.hpp"

namespace tonus::sim {
namespace {

// The model a scenario runs on: the one given, its own `model:`, or the built-in one.
std::filesystem::path modelPathFor(const scenario::Scenario& s, const ModelChoice& choice) {
  if (choice.built_in) return {};
  if (!choice.file.empty()) return choice.file;
  if (!s.model_file) return {};
  std::filesystem::path path = *s.model_file;
  if (path.is_relative()) path = std::filesystem::path(s.file).parent_path() / path;
  return path;
}

PreparedRun prepare(scenario::ScenarioReading reading, std::string text, std::filesystem::path scenario_path,
                    const ModelChoice& model_choice) {
  PreparedRun run;
  run.scenario = std::move(reading.scenario);
  run.scenario_text = std::move(text);
  run.scenario_path = std::move(scenario_path);
  input::ErrorCollector& errors = reading.errors;
  run.model_path = modelPathFor(run.scenario, model_choice);
  bool have_model = false;
  errors.attempt([&] {
    if (run.model_path.empty()) {
      run.spec = body::loadDefaultModel();
      run.model_text = body::defaultModelText();
    } else {
      run.spec = body::loadModelFile(run.model_path);
      run.model_text = input::readInputFile(run.model_path);
    }
    have_model = true;
  });
  // Postures are checked against the model's ranges even when other parts of the file are wrong.
  if (have_model) {
    try {
      run.model = std::make_unique<const body::SpineModel>(run.spec, subjectFor(run.scenario, run.spec));
      run.timeline = std::make_unique<const scenario::Timeline>(run.scenario, *run.model, errors);
    } catch (const input::InputError& e) {
      errors.add(e.entries());
    } catch (const UserError& e) {
      // The model's own parameters, rejected when it is built for this subject.
      const std::string where = run.model_path.empty() ? body::kDefaultModelName : run.model_path.string();
      const std::string message = e.what();
      // The model's messages name their file already; do not say it twice.
      errors.add({{{where, 0, 0, ""}, message.rfind(where + ":", 0) == 0 ? message : where + ": " + message}});
    }
  }
  errors.throwIfAny();
  return run;
}

}  // namespace

PreparedRun prepareRun(const std::filesystem::path& scenario_file, const ModelChoice& model) {
  std::string text = input::readInputFile(scenario_file);
  scenario::ScenarioReading reading = scenario::readScenarioText(text, scenario_file.string());
  return prepare(std::move(reading), std::move(text), scenario_file, model);
}

PreparedRun prepareRunText(const std::string& scenario_text, const std::string& display_name,
                           const ModelChoice& model) {
  return prepare(scenario::readScenarioText(scenario_text, display_name), scenario_text, {}, model);
}

PreparedRun prepareDefaultRun(const ModelChoice& model) {
  return prepareRunText(scenario::defaultScenarioText(), scenario::kDefaultScenarioName, model);
}

}  // namespace tonus::sim
