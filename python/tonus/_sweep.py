"""tonus.sweep() runs a sweep into a folder; tonus.open_sweep() reads one back.

The folder is what `tonus sweep SWEEP.yaml --out DIR` writes (docs/sweeps.md): results.sqlite
with the tables `cases` (one row per case: its parameters and figures), `phases` (per case and
phase) and, when asked for, `series`.
"""
import os
import sqlite3

import numpy as np

from . import _tonus

_TABLES = ("cases", "phases", "series")


def sweep(sweep_path, out_dir, threads=None, resume=False, timeseries=False, progress=None):
    """Runs every case of a sweep file into out_dir (new, or with resume=True the folder of the
    same sweep left unfinished) on `threads` threads (default: every core), the GIL released.
    progress(done, total) is called after each case. Returns open_sweep(out_dir)."""
    _tonus._sweep(os.fspath(sweep_path), os.fspath(out_dir), threads or os.cpu_count() or 1, resume, timeseries,
                  progress)
    return open_sweep(out_dir)


def _column(values):
    """A column as a numpy array: integers when every value is one, float (None as NaN) when
    every value is a number or missing, else strings."""
    if values and all(isinstance(v, int) for v in values):
        return np.array(values, dtype=np.int64)
    if all(v is None or isinstance(v, (int, float)) for v in values):
        return np.array([np.nan if v is None else v for v in values], dtype=float)
    try:  # parameters are stored as written: numbers when they all read as numbers
        return np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    except (TypeError, ValueError):
        return np.array(["" if v is None else str(v) for v in values], dtype=object)


class SweepResults:
    """A sweep's results folder, read: .cases, .phases and .series as dicts of numpy arrays (one
    per column, in case order), .parameters (the varied parameters' columns), .info (the
    `sweep` table) and .to_pandas()."""

    def __init__(self, out_dir):
        self.path = os.fspath(out_dir)
        database = os.path.join(self.path, "results.sqlite")
        if not os.path.isfile(database):
            raise FileNotFoundError(f"{self.path}: no results.sqlite here (is it a `tonus sweep` folder?)")
        # Read-only, so a sweep still running beside it is not disturbed.
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
            self.info = dict(db.execute("SELECT key, value FROM sweep").fetchall())
            self.cases, self.phases, self.series = (self._table(db, t) for t in _TABLES)
        self.parameters = [c for c in self.cases if c.startswith("p_")]

    @staticmethod
    def _table(db, name):
        cursor = db.execute(f"SELECT * FROM {name} ORDER BY case_id")
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        return {n: _column([r[i] for r in rows]) for i, n in enumerate(names)}

    def __len__(self):
        return len(self.cases["case_id"])

    def to_pandas(self):
        """{'cases', 'phases', 'series'} as DataFrames (needs pandas)."""
        from ._frames import _pandas
        pd = _pandas()
        return {t: pd.DataFrame(getattr(self, t)) for t in _TABLES}

    def __repr__(self):
        return f"<tonus.SweepResults {self.info.get('name', '?')}: {len(self)} cases in {self.path}>"


def open_sweep(out_dir):
    """The results of a sweep folder (written by `tonus sweep` or tonus.sweep)."""
    return SweepResults(out_dir)
