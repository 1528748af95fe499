// tonus.sweep: a sweep file's cases run into a folder (results.sqlite), as `tonus sweep` runs
// them on one machine. The folder is read back by tonus.open_sweep (tonus/_sweep.py).
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <exception>

#include "bindings.hpp"
#include "core/errors.hpp"
#include "sweep/sweep_folder.hpp"

namespace tonus::python {
namespace {

py::dict sweepIn(const std::filesystem::path& file, const std::filesystem::path& dir, int threads, bool resume,
                 bool timeseries, py::handle progress) {
  if (threads < 1) throw UserError("threads: must be 1 or more, got " + std::to_string(threads));
  sweep::LocalSweepOptions options;
  options.threads = threads;
  options.resume = resume;
  options.keep_series = timeseries;
  options.words = {"tonus.sweep", "out_dir", "resume=True"};
  // A Python error in the progress callback, or Ctrl-C, stops new cases; those running finish
  // and are stored (resume=True finishes the sweep), and the error is raised at the end.
  std::atomic<bool> stopping{false};
  std::exception_ptr error;
  std::size_t total = 0, done = 0;
  options.stop = [&] { return stopping.load(); };
  options.on_start = [&](std::size_t cases, std::size_t already) { total = cases, done = already; };
  options.on_case = [&](const sweep::CaseResult&) {
    ++done;
    py::gil_scoped_acquire locked;
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!progress.is_none()) progress(done, total);
    } catch (...) {
      if (!error) error = std::current_exception();
      stopping = true;
    }
  };
  sweep::LocalSweepOutcome outcome;
  {
    py::gil_scoped_release unlocked;
    outcome = sweep::runSweepInFolder(file, dir, options);
  }
  if (error) std::rethrow_exception(error);
  py::dict out;
  out["cases"] = outcome.cases;
  out["already_done"] = outcome.already_done;
  out["run"] = outcome.run;
  out["invalid"] = outcome.invalid;
  return out;
}

}  // namespace

void registerSweep(py::module_& m) {
  m.def("_sweep", &sweepIn, py::arg("sweep_path"), py::arg("out_dir"), py::arg("threads"), py::arg("resume"),
        py::arg("timeseries"), py::arg("progress"));
}

}  // namespace tonus::python
