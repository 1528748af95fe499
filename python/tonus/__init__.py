"""Tonus from Python: run scenarios, read their results as numpy arrays, run sweeps.

    import tonus
    result = tonus.run(tonus.Scenario.from_file("scenarios/desk-day.yaml"))
    result.summary["overall"]                # as summary.json
    result.channel("L4L5_compression_N")     # a numpy array over result.times

A thin layer over the engine the `tonus` command runs: the same numbers, the same errors
(tonus.InputError carries the file, line, column and field), the same files (Result.write).
See docs/python.md.
"""
import os as _os

# libgomp reads OMP_WAIT_POLICY once, when it loads with the extension below. A passive wait
# keeps idle OpenMP threads from spinning on a core another run needs (docs/performance.md,
# "A busy core"). The user's own choice wins.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from ._errors import Error, InputError  # noqa: E402
from ._tonus import Model, Result, Scenario, __version__  # noqa: E402
from ._tonus import run as _run  # noqa: E402
from ._frames import result_frames as _result_frames  # noqa: E402
from ._sweep import SweepResults, open_sweep, sweep  # noqa: E402

Result.to_pandas = _result_frames


def run(scenario, model=None, threads=1, progress=None):
    """Runs a scenario to its end and returns its Result (the GIL released meanwhile).

    scenario: a Scenario, or the path of a scenario file. model: None for the scenario's own
    (its `model:`, else the built-in one), a Model, or the path of a model file. threads: the
    OpenMP threads a run may use (runs are single-threaded today: run several in Python threads
    to use several cores). progress(fraction, seconds_left) is called now and then; an exception
    it raises (or Ctrl-C) stops the run.
    """
    if isinstance(scenario, (str, _os.PathLike)):
        scenario = Scenario.from_file(scenario)
    if isinstance(model, (str, _os.PathLike)):
        model = Model.from_file(model)
    return _run(scenario, model, threads, progress)


__all__ = ["Error", "InputError", "Model", "Result", "Scenario", "SweepResults", "__version__", "open_sweep", "run",
           "sweep"]
