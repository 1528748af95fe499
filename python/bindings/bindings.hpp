#pragma once
// The parts of the `tonus._tonus` extension, and what they share: the Python objects that wrap
// a model and a scenario, and the conversion of the engine's JSON into Python values.
#include <pybind11/pybind11.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "body/model_spec.hpp"
#include "body/spine_model.hpp"
#include "sim/prepared_run.hpp"

namespace tonus::python {

namespace py = pybind11;

void registerErrors(py::module_& m);
void registerModel(py::module_& m);
void registerScenario(py::module_& m);
void registerRun(py::module_& m);
void registerSweep(py::module_& m);

// A model file (or the built-in one) built for one subject.
struct PyModel {
  body::ModelSpec spec;
  std::filesystem::path path;  // empty: the built-in model
  std::shared_ptr<const body::SpineModel> model;
  sim::ModelChoice choice() const { return path.empty() ? sim::ModelChoice::builtIn() : sim::ModelChoice(path); }
};

// A scenario read and checked against its own model; kept as written so that a run on another
// model prepares it again.
struct PyScenario {
  std::string text, display_name;
  std::filesystem::path path;  // empty: given as text
  std::shared_ptr<const sim::PreparedRun> prepared;
  sim::PreparedRun prepare(const sim::ModelChoice& model) const;
};

// The engine's JSON as Python values, numbers exactly (both sides print and read shortest
// round-trip decimals).
py::object toPython(const nlohmann::json& j);

}  // namespace tonus::python
