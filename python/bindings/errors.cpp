// The engine's errors as Python exceptions: a mistake in an input file becomes
// tonus.InputError with the CLI's `file:line:col: field: ...` text and its place as attributes;
// any other mistake of the user's becomes tonus.Error (a ValueError); a folder or file the
// system refused becomes OSError.
#include <filesystem>

#include "bindings.hpp"
#include "core/errors.hpp"
#include "input/yaml_reader.hpp"

namespace tonus::python {
namespace {

// Raises `cls(message, **attributes)` from the pure-Python classes in tonus/_errors.py.
void raise(const char* cls_name, const std::string& message, const py::dict& attributes) {
  const py::object cls = py::module_::import("tonus._errors").attr(cls_name);
  const py::object error = cls(message, **attributes);
  PyErr_SetObject(cls.ptr(), error.ptr());
}

void raiseInputError(const input::InputError& e) {
  py::list entries;
  for (const input::InputError::Entry& entry : e.entries()) {
    entries.append(py::dict(py::arg("file") = entry.where.file, py::arg("line") = entry.where.line,
                            py::arg("column") = entry.where.column, py::arg("field") = entry.where.field,
                            py::arg("message") = entry.message));
  }
  const input::SourceLocation& where = e.where();
  raise("InputError", e.what(),
        py::dict(py::arg("file") = where.file, py::arg("line") = where.line, py::arg("column") = where.column,
                 py::arg("field") = where.field, py::arg("entries") = entries));
}

}  // namespace

void registerErrors(py::module_&) {
  // The most derived first: pybind11 tries translators from the last registered.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const std::filesystem::filesystem_error& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    } catch (const UserError& e) {
      raise("Error", e.what(), py::dict());
    }
  });
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const input::InputError& e) {
      raiseInputError(e);
    }
  });
}

py::object toPython(const nlohmann::json& j) {
  return py::module_::import("json").attr("loads")(j.dump());
}

}  // namespace tonus::python
