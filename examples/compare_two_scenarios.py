#!/usr/bin/env python3
"""Two scenarios side by side from Python: a slumped desk day against the same day sitting
upright against a backrest (docs/python.md walks through it).

    PYTHONPATH=build/release/python python3 examples/compare_two_scenarios.py --out results/example

It runs both, prints their summary figures, and, when matplotlib is installed, plots the
lumbar erectors' tone and the L4/L5 compression over the day into OUT/compare.png.
"""
import argparse
import os
import sys

import tonus

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "..", "scenarios")
# The lumbar erector spinae (longissimus, pars lumborum): where a slumped sitter's tone builds.
TONE_CHANNEL = "tone_longissimus_thoracis_pars_lumborum"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenarios", nargs="*", help="two scenario files (default: the desk day, slumped and upright)",
                        default=[os.path.join(SCENARIOS, "desk-day.yaml"),
                                 os.path.join(SCENARIOS, "desk-day-upright.yaml")])
    parser.add_argument("--out", default=".", help="folder for compare.png (default: here)")
    args = parser.parse_args()
    if len(args.scenarios) != 2:
        parser.error("give two scenario files, or none for the default pair")
    return args


def summarise(name, result):
    """The figures a researcher reads first, from the summary (equal to summary.json)."""
    s = result.summary
    l4l5 = s["peak"]["L4L5_compression_N"]
    print(f"{name:24s} L4/L5 peak {l4l5['value']:6.0f} N at {l4l5['time_s'] / 3600:4.1f} h   "
          f"tone max {s['tone_max']:.3f}   spasm risk peak {s['spasm_risk_peak']['value']:.2f}   "
          f"fatigue max {s['fatigue_max']:.3f}")


def plot(runs, path):
    """Tone and L4/L5 compression against time, one line per scenario."""
    import matplotlib
    matplotlib.use("Agg")  # a file, with or without a display
    import matplotlib.pyplot as plt

    figure, (tone, load) = plt.subplots(2, 1, sharex=True, figsize=(9, 6), constrained_layout=True)
    for (name, result), style in zip(runs, ("-", "--")):
        hours = result.times / 3600
        tone.plot(hours, result.channel(TONE_CHANNEL), style, label=name)
        load.plot(hours, result.channel("L4L5_compression_N"), style, label=name)
    tone.set_ylabel("tone, lumbar longissimus\n(fraction of max)")
    load.set_ylabel("L4/L5 compression [N]")
    load.set_xlabel("time [h]")
    tone.legend()
    tone.set_title("Two desk days: slumped against upright with a backrest")
    figure.savefig(path, dpi=110)
    plt.close(figure)


def main():
    args = arguments()
    try:
        scenarios = [tonus.Scenario.from_file(path) for path in args.scenarios]
    except tonus.InputError as mistake:
        sys.exit(f"error: {mistake}")
    runs = [(s.name, tonus.run(s)) for s in scenarios]
    for name, result in runs:
        summarise(name, result)
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print("matplotlib is not installed (Debian: apt install python3-matplotlib): no plot")
        return
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "compare.png")
    plot(runs, path)
    print(f"plot: {path}")


if __name__ == "__main__":
    main()
