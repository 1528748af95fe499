// tonus.run and tonus.Result: a scenario run to its end with its samples kept, and the run's
// figures as the CLI writes them (summary.json, the time series, the per-fascicle series),
// as Python values and numpy arrays. The GIL is released while the engine runs.
#include <omp.h>
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>

#include "bindings.hpp"
#include "core/errors.hpp"
#include "results/results_writer.hpp"
#include "results/run_folder.hpp"
#include "sim/run.hpp"

namespace tonus::python {
namespace {

struct PyResult {
  std::shared_ptr<const sim::PreparedRun> prepared;
  sim::RunResult result;
};

// The run's per-fascicle quantity by name; "force" stands for muscles.csv's "force_N".
sim::FascicleQuantity quantityNamed(const std::string& name) {
  for (int q = 0; q < sim::kFascicleQuantityCount; ++q) {
    if (name == sim::kFascicleQuantityNames[q]) return static_cast<sim::FascicleQuantity>(q);
  }
  if (name == "force") return sim::kForce;
  std::string allowed;
  for (const char* known : sim::kFascicleQuantityNames) allowed += std::string(allowed.empty() ? "" : ", ") + known;
  throw UserError("fascicle_series: unknown quantity '" + name + "' (allowed: " + allowed + ", force)");
}

py::array_t<double> times(const PyResult& r) {
  py::array_t<double> out(static_cast<py::ssize_t>(r.result.samples.size()));
  for (std::size_t k = 0; k < r.result.samples.size(); ++k) out.mutable_at(static_cast<py::ssize_t>(k)) = r.result.samples[k].time;
  return out;
}

py::array_t<int> samplePhases(const PyResult& r) {
  py::array_t<int> out(static_cast<py::ssize_t>(r.result.samples.size()));
  for (std::size_t k = 0; k < r.result.samples.size(); ++k) out.mutable_at(static_cast<py::ssize_t>(k)) = r.result.samples[k].phase;
  return out;
}

py::array_t<double> channel(const PyResult& r, const std::string& name) {
  const int c = r.result.channelIndex(name);
  if (c < 0) throw UserError("channel: unknown channel '" + name + "' (Result.channels lists them)");
  py::array_t<double> out(static_cast<py::ssize_t>(r.result.samples.size()));
  for (std::size_t k = 0; k < r.result.samples.size(); ++k) {
    out.mutable_at(static_cast<py::ssize_t>(k)) = r.result.samples[k].values[static_cast<std::size_t>(c)];
  }
  return out;
}

// (samples, fascicles), single precision as the engine records them (muscles.csv's values).
py::array_t<float> fascicleSeries(const PyResult& r, const std::string& name) {
  const sim::FascicleQuantity q = quantityNamed(name);
  const auto rows = static_cast<py::ssize_t>(r.result.samples.size());
  const auto cols = static_cast<py::ssize_t>(r.result.fascicles.size());
  py::array_t<float> out({rows, cols});
  auto view = out.mutable_unchecked<2>();
  for (py::ssize_t k = 0; k < rows; ++k) {
    const Eigen::VectorXf& values = r.result.samples[static_cast<std::size_t>(k)].fascicle[q];
    for (py::ssize_t f = 0; f < cols; ++f) view(k, f) = values[f];
  }
  return out;
}

// The engine's progress, relayed with the GIL held; it is also where Ctrl-C stops a run. The
// callback is held as a bare handle (the caller's reference keeps it alive), since the engine
// copies its options without the GIL.
std::function<void(double, double)> progressRelay(py::handle callback) {
  return [callback](double fraction, double seconds_left) {
    py::gil_scoped_acquire locked;
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (!callback.is_none()) callback(fraction, seconds_left);
  };
}

PyResult run(const PyScenario& scenario, const std::optional<PyModel>& model, int threads, const py::object& progress) {
  if (threads < 1) throw UserError("threads: must be 1 or more, got " + std::to_string(threads));
  PyResult out;
  sim::RunOptions options;
  options.progress = progressRelay(progress);
  {
    py::gil_scoped_release unlocked;
    out.prepared = model ? std::make_shared<const sim::PreparedRun>(scenario.prepare(model->choice())) : scenario.prepared;
    // The muscle bank's OpenMP teams on this thread only; other Python threads keep their own.
    const int before = omp_get_max_threads();
    omp_set_num_threads(threads);
    try {
      out.result = sim::runScenario(out.prepared->scenario, *out.prepared->model, *out.prepared->timeline, options);
    } catch (...) {
      omp_set_num_threads(before);
      throw;
    }
    omp_set_num_threads(before);
  }
  return out;
}

void write(const PyResult& r, const std::filesystem::path& dir) {
  py::gil_scoped_release unlocked;
  results::writeKeptRun(*r.prepared, r.result, dir, {"tonus.Result.write", "Result.write", results::runInputs(*r.prepared)});
}

}  // namespace

void registerRun(py::module_& m) {
  py::class_<PyResult>(m, "Result", "A finished run: its summary, time series and per-fascicle series")
      .def_property_readonly(
          "summary", [](const PyResult& r) { return toPython(results::summaryJson(r.result)); },
          "A dict equal to the summary.json `tonus run` writes for the same run")
      .def_property_readonly("times", &times, "Sample times [s]")
      .def_property_readonly("sample_phases", &samplePhases, "Each sample's phase (as summary.json numbers them)")
      .def_property_readonly("channels", [](const PyResult& r) { return r.result.channels.names; },
                             "The time series' names, as timeseries.csv's columns")
      .def("channel", &channel, py::arg("name"), "One time series, e.g. channel('L4L5_compression_N')")
      .def_property_readonly("fascicles", [](const PyResult& r) { return r.result.fascicles; })
      .def_property_readonly("fascicle_groups", [](const PyResult& r) { return r.result.fascicle_groups; })
      .def("fascicle_series", &fascicleSeries, py::arg("quantity"),
           "Shape (samples, fascicles): activation, force (force_N), fatigue, capacity, flow, metabolite, tone or risk")
      .def_property_readonly(
          "phases", [](const PyResult& r) { return toPython(results::summaryJson(r.result)["phases"]); },
          "summary.json's phases: a list of dicts")
      .def_property_readonly("scenario_name", [](const PyResult& r) { return r.result.scenario; })
      .def("write", &write, py::arg("dir"),
           "The files `tonus run --out DIR` writes, into a folder that is new, empty or written by Tonus before");

  m.def("run", &run, py::arg("scenario"), py::arg("model") = py::none(), py::arg("threads") = 1,
        py::arg("progress") = py::none(),
        "Runs a scenario to its end (the GIL released meanwhile). model: the scenario's own when None. "
        "progress(fraction, seconds_left) is called now and then.");
}

}  // namespace tonus::python
