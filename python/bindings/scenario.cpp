// tonus.Scenario: a scenario file or YAML text, read and checked against its model the way
// `tonus run` and `tonus validate` check it (every mistake at once, as tonus.InputError).
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"

namespace tonus::python {

sim::PreparedRun PyScenario::prepare(const sim::ModelChoice& model) const {
  return path.empty() ? sim::prepareRunText(text, display_name, model) : sim::prepareRun(path, model);
}

namespace {

PyScenario read(std::string text, std::string display_name, std::filesystem::path path) {
  PyScenario s{std::move(text), std::move(display_name), std::move(path), nullptr};
  py::gil_scoped_release unlocked;
  s.prepared = std::make_shared<const sim::PreparedRun>(s.prepare({}));
  if (!s.path.empty()) s.text = s.prepared->scenario_text;
  return s;
}

}  // namespace

void registerScenario(py::module_& m) {
  py::class_<PyScenario>(m, "Scenario", "A scenario (Scenario.from_file(path) or Scenario.from_yaml(text))")
      .def_static(
          "from_file", [](const std::filesystem::path& path) { return read({}, path.string(), path); }, py::arg("path"),
          "Reads and checks a scenario file; raises tonus.InputError naming file, line and field")
      .def_static(
          "from_yaml", [](const std::string& text, const std::string& name) { return read(text, name, {}); },
          py::arg("text"), py::arg("name") = "<yaml>",
          "Reads and checks scenario text; `name` stands for the file in messages")
      .def_property_readonly("name", [](const PyScenario& s) { return s.prepared->scenario.name; })
      .def_property_readonly("text", [](const PyScenario& s) { return s.text; })
      .def_property_readonly("path", [](const PyScenario& s) -> py::object {
        return s.path.empty() ? py::none() : py::cast(s.path.string());
      })
      .def_property_readonly("duration_s", [](const PyScenario& s) { return s.prepared->timeline->duration(); })
      .def("__repr__", [](const PyScenario& s) {
        return "<tonus.Scenario " + s.prepared->scenario.name + (s.path.empty() ? "" : " from " + s.path.string()) + ">";
      });
}

}  // namespace tonus::python
