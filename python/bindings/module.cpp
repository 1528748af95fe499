// The `tonus._tonus` extension: the engine's runs, models, scenarios and sweeps for Python.
// Each part registers itself; the pure-Python package `tonus` (tonus/__init__.py) re-exports
// them. Nothing here models anything: every figure comes from the engine as the CLI gets it.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "core/version.hpp"

PYBIND11_MODULE(_tonus, m) {
  m.doc() = "Tonus engine bindings (use the `tonus` package)";
  m.attr("__version__") = std::string(tonus::version());
  tonus::python::registerErrors(m);
  tonus::python::registerModel(m);
  tonus::python::registerScenario(m);
  tonus::python::registerRun(m);
  tonus::python::registerSweep(m);
}
