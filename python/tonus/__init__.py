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
from ._tonus import Model, Result, Scenario, __version__, run  # noqa: E402
from ._frames import result_frames as _result_frames  # noqa: E402
from ._sweep import SweepResults, open_sweep, sweep  # noqa: E402

Result.to_pandas = _result_frames

__all__ = ["Error", "InputError", "Model", "Result", "Scenario", "SweepResults", "__version__", "open_sweep", "run",
           "sweep"]
