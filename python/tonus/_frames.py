"""Result.to_pandas(): a run's tables as pandas DataFrames (pandas is optional)."""


def _pandas():
    try:
        import pandas
    except ImportError as missing:
        raise ImportError("Result.to_pandas() needs pandas (Debian: apt install python3-pandas); "
                          "the numpy arrays need nothing more") from missing
    return pandas


def result_frames(result):
    """A dict of DataFrames: 'timeseries' (one row per sample, as timeseries.csv: time_s, phase,
    phase_kind and every channel), 'phases' (summary.json's phases) and 'muscles' (one row per sample, a
    column per (quantity, fascicle), indexed by time_s)."""
    pd = _pandas()
    phases = result.phases
    kinds = [phases[p]["kind"] for p in result.sample_phases]
    timeseries = pd.DataFrame({"time_s": result.times, "phase": result.sample_phases, "phase_kind": kinds})
    timeseries = pd.concat([timeseries, pd.DataFrame({c: result.channel(c) for c in result.channels})], axis=1)
    phases = pd.DataFrame(phases)
    quantities = ["activation", "force_N", "fatigue", "capacity", "flow", "metabolite", "tone", "risk"]
    muscles = pd.concat({q: pd.DataFrame(result.fascicle_series(q), columns=result.fascicles) for q in quantities},
                        axis=1, names=["quantity", "fascicle"])
    muscles.index = pd.Index(result.times, name="time_s")
    return {"timeseries": timeseries, "phases": phases, "muscles": muscles}
