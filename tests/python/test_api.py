"""tonus from Python against the `tonus` command: the same numbers, files and errors."""
import filecmp
import json
import math
import os
import signal
import subprocess
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import support  # noqa: E402
import tonus  # noqa: E402

SHORT_LIFT = """name: short-lifting
subject: {sex: male, height_m: 1.78, mass_kg: 80}
timeline:
  - lift: {reps: 2, load_kg: 15, style: stoop, cycle_s: 5, from_height_m: 0.1, to_height_m: 0.9}
  - stand: {duration: 10s}
output: {sample_every: 1s}
"""

RESULT_FILES = ["summary.json", "phases.csv", "timeseries.csv", "muscles.csv", "activations.sto",
                "scenario.yaml", "model.yaml"]


# The wall-clock seconds, in all and per stage of the step, differ between any two runs.
TIMINGS = ("wall_s", "stage_seconds")


def without_wall_time(summary):
    """summary.json but its wall-clock timings."""
    return {k: v for k, v in summary.items() if k not in TIMINGS}


class SameAsCommandLine(support.TempDirTest):
    """A run from Python gives the numbers and files `tonus run` gives, bit for bit."""

    def check_same(self, scenario_path, extra_files=()):
        cli_dir = os.path.join(self.tmp, "cli")
        support.cli("run", scenario_path, "--out", cli_dir, "--quiet")
        result = tonus.run(tonus.Scenario.from_file(scenario_path))
        with open(os.path.join(cli_dir, "summary.json")) as f:
            cli_summary = json.load(f)
        self.assertEqual(without_wall_time(result.summary), without_wall_time(cli_summary))
        py_dir = os.path.join(self.tmp, "py")
        result.write(py_dir)
        for name in RESULT_FILES[1:] + list(extra_files):
            with self.subTest(file=name):
                self.assertTrue(filecmp.cmp(os.path.join(cli_dir, name), os.path.join(py_dir, name), shallow=False),
                                f"{name} differs between tonus run and Result.write")
        return result

    def test_desk_day(self):
        self.check_same(os.path.join(support.SCENARIOS, "desk-day.yaml"))

    def test_forward_phases_and_motion(self):
        # Forward (muscle-driven) phases also write motion.csv.
        result = self.check_same(os.path.join(support.SCENARIOS, "sudden-catch.yaml"), ["motion.csv"])
        self.assertIsNotNone(result.summary["phases"][1].get("reflex_latency_ms"))

    def test_channel_equals_timeseries_csv(self):
        result = tonus.run(tonus.Scenario.from_yaml(SHORT_LIFT))
        result.write(os.path.join(self.tmp, "out"))
        table = np.genfromtxt(os.path.join(self.tmp, "out", "timeseries.csv"), delimiter=",", names=True,
                              dtype=None, encoding="utf-8")
        np.testing.assert_array_equal(table["time_s"], result.times)
        # The CSV holds 10 significant digits: the arrays agree to half a unit in the tenth.
        np.testing.assert_allclose(table["L4L5_compression_N"], result.channel("L4L5_compression_N"), rtol=5e-10,
                                   atol=0)

    def test_model_option_as_command_line(self):
        model_path = os.path.join(support.SOURCE, "models", "spine.yaml")
        scenario_path = os.path.join(self.tmp, "lift.yaml")
        with open(scenario_path, "w") as f:
            f.write(SHORT_LIFT)
        cli_dir = os.path.join(self.tmp, "cli")
        support.cli("run", scenario_path, "--model", model_path, "--out", cli_dir, "--quiet")
        result = tonus.run(tonus.Scenario.from_file(scenario_path), model=tonus.Model.from_file(model_path))
        with open(os.path.join(cli_dir, "summary.json")) as f:
            self.assertEqual(without_wall_time(result.summary), without_wall_time(json.load(f)))

    def test_model_info_and_moment_arms(self):
        model = tonus.Model.default(sex="female", height=1.62)
        self.assertEqual(model.info(), support.cli_json("model", "info", "--json", "--sex", "female", "--height", "1.62"))
        arms = model.moment_arms("L4_L5", trunk_flexion_deg=30, axial_rotation_deg=10)
        cli_arms = support.cli_json("model", "moment-arms", "--level", "L4_L5", "--sex", "female", "--height", "1.62",
                                    "--posture", "trunk_flexion_deg=30,axial_rotation_deg=10", "--json")
        self.assertEqual(arms["group"], [g["group"] for g in cli_arms["groups"]])
        self.assertEqual(arms["side"], [g["side"] for g in cli_arms["groups"]])
        for axis in ("flexion", "lateral_bending", "axial_rotation"):
            np.testing.assert_array_equal(arms["moment_arm_cm_" + axis],
                                          [g["moment_arm_cm"][axis] for g in cli_arms["groups"]])
            np.testing.assert_array_equal(arms["max_moment_Nm_" + axis],
                                          [g["max_moment_Nm"][axis] for g in cli_arms["groups"]])


class Shapes(unittest.TestCase):
    """Arrays have one row per sample and one column per fascicle."""

    @classmethod
    def setUpClass(cls):
        cls.result = tonus.run(tonus.Scenario.from_yaml(SHORT_LIFT))

    def test_times_and_channels(self):
        r = self.result
        n = r.summary["samples"]
        self.assertEqual(r.times.shape, (n,))
        self.assertTrue(np.all(np.diff(r.times) > 0))
        self.assertEqual(r.sample_phases.shape, (n,))
        self.assertIn("L4L5_compression_N", r.channels)
        for name in r.channels:
            self.assertEqual(r.channel(name).shape, (n,), name)

    def test_fascicle_series(self):
        r = self.result
        shape = (len(r.times), len(r.fascicles))
        self.assertEqual(len(r.fascicles), tonus.Model.default().info()["fascicles"])
        for quantity in ("activation", "force", "fatigue", "tone", "risk", "force_N", "flow", "metabolite", "capacity"):
            with self.subTest(quantity=quantity):
                series = r.fascicle_series(quantity)
                self.assertEqual(series.shape, shape)
                self.assertTrue(np.all(np.isfinite(series)))
        np.testing.assert_array_equal(r.fascicle_series("force"), r.fascicle_series("force_N"))
        # Lifting 15 kg stooped activates the back muscles somewhere.
        self.assertGreater(r.fascicle_series("activation").max(), 0.1)

    def test_phases_are_the_summarys(self):
        self.assertEqual(self.result.phases, self.result.summary["phases"])
        self.assertEqual([p["kind"] for p in self.result.phases], ["lift", "stand"])

    def test_unknown_names_are_errors(self):
        with self.assertRaisesRegex(tonus.Error, r"unknown quantity 'tension'.*activation"):
            self.result.fascicle_series("tension")
        with self.assertRaisesRegex(tonus.Error, r"unknown channel 'L9L10_compression_N'"):
            self.result.channel("L9L10_compression_N")

    def test_to_pandas(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas is not installed")
        frames = self.result.to_pandas()
        n, f = len(self.result.times), len(self.result.fascicles)
        self.assertEqual(frames["timeseries"].shape, (n, 3 + len(self.result.channels)))
        self.assertEqual(list(frames["timeseries"].columns[:3]), ["time_s", "phase", "phase_kind"])
        self.assertEqual(frames["muscles"].shape, (n, 8 * f))
        np.testing.assert_array_equal(frames["muscles"]["tone"].to_numpy(), self.result.fascicle_series("tone"))
        self.assertEqual(len(frames["phases"]), 2)


class InputErrors(support.TempDirTest):
    """Bad input raises tonus.InputError with the command line's text and its place."""

    BAD = "name: bad\ntimeline:\n  - stand: {duration: 5min}\n  - sit: {duration: 10min, style: sprawled}\n"

    def test_line_column_field_and_text(self):
        path = os.path.join(self.tmp, "bad.yaml")
        with open(path, "w") as f:
            f.write(self.BAD)
        with self.assertRaises(tonus.InputError) as caught:
            tonus.Scenario.from_file(path)
        e = caught.exception
        self.assertEqual((e.file, e.line, e.field), (path, 4, "timeline[1].sit.style"))
        self.assertGreater(e.column, 1)
        self.assertTrue(str(e).startswith(f"{path}:4:{e.column}: timeline[1].sit.style"), str(e))
        # The command line says exactly the same.
        done = support.cli("validate", path, check=False)
        self.assertEqual(done.returncode, 2)
        self.assertIn(str(e), done.stderr)

    def test_every_mistake_listed(self):
        text = "name: bad\ntimeline:\n  - stand: {duration: -5min}\n  - sit: {duration: 10min, stye: slumped}\n"
        with self.assertRaises(tonus.InputError) as caught:
            tonus.Scenario.from_yaml(text, name="two.yaml")
        lines = [entry["line"] for entry in caught.exception.entries]
        self.assertEqual(lines, [3, 4])
        self.assertEqual(caught.exception.line, 3)
        self.assertIsInstance(caught.exception, ValueError)

    def test_model_file_errors(self):
        path = os.path.join(self.tmp, "model.yaml")
        with open(path, "w") as f:
            f.write("name: broken\nsegments: 3\n")
        with self.assertRaises(tonus.InputError) as caught:
            tonus.Model.from_file(path)
        self.assertEqual(caught.exception.file, path)
        self.assertGreater(caught.exception.line, 0)

    def test_a_file_of_another_kind_says_how_to_pass_it(self):
        with self.assertRaisesRegex(tonus.InputError, r"this is a model file .* not a scenario; .*model= in Python"):
            tonus.Scenario.from_file(os.path.join(support.SOURCE, "models", "spine.yaml"))
        with self.assertRaisesRegex(tonus.InputError, r"this is a scenario file .* not a model; .*tonus.run in Python"):
            tonus.Model.from_file(os.path.join(support.SCENARIOS, "desk-day.yaml"))

    def test_missing_file(self):
        with self.assertRaisesRegex(tonus.Error, "no-such.yaml"):
            tonus.Scenario.from_file(os.path.join(self.tmp, "no-such.yaml"))

    def test_bad_arguments(self):
        model = tonus.Model.default()
        with self.assertRaisesRegex(tonus.Error, "posture: unknown key 'trunk_flex'"):
            model.moment_arms("L4_L5", trunk_flex=30)
        with self.assertRaisesRegex(tonus.Error, "level: unknown joint 'L9_L10'"):
            model.moment_arms("L9_L10")
        with self.assertRaisesRegex(tonus.Error, "posture: .*finite"):
            model.moment_arms("L4_L5", trunk_flexion_deg=math.nan)
        with self.assertRaisesRegex(tonus.Error, "height: must be between 1.0 and 2.3 m"):
            tonus.Model.default(height=17.5)
        with self.assertRaisesRegex(tonus.Error, "sex: must be male or female"):
            tonus.Model.default(sex="f")
        with self.assertRaisesRegex(tonus.Error, "threads: must be 1 or more"):
            tonus.run(tonus.Scenario.from_yaml(SHORT_LIFT), threads=0)


class Writing(support.TempDirTest):
    """Result.write follows `tonus run --out`'s rules: never a folder Tonus did not write."""

    def test_refuses_a_users_folder_and_replaces_its_own(self):
        result = tonus.run(tonus.Scenario.from_yaml(SHORT_LIFT))
        mine = os.path.join(self.tmp, "thesis")
        os.makedirs(mine)
        with open(os.path.join(mine, "chapter1.tex"), "w") as f:
            f.write("precious")
        with self.assertRaisesRegex(tonus.Error, "thesis"):
            result.write(mine)
        self.assertEqual(os.listdir(mine), ["chapter1.tex"])
        out = os.path.join(self.tmp, "out")
        result.write(out)
        result.write(out)  # its own: replaced whole
        self.assertTrue(os.path.isfile(os.path.join(out, "summary.json")))
        self.assertFalse([n for n in os.listdir(self.tmp) if n.startswith(".")], "staging folders left behind")


class Progress(unittest.TestCase):
    def test_fractions_rise_to_one(self):
        seen = []
        tonus.run(tonus.Scenario.from_file(os.path.join(support.SCENARIOS, "desk-day.yaml")),
                  progress=lambda fraction, left: seen.append(fraction))
        self.assertGreater(len(seen), 2)
        self.assertEqual(seen, sorted(seen))
        self.assertEqual(seen[-1], 1.0)

    def test_paths_for_scenario_and_model(self):
        path = os.path.join(support.SCENARIOS, "desk-day.yaml")
        model = os.path.join(support.SOURCE, "models", "spine.yaml")
        by_path = tonus.run(path, model=model)
        by_object = tonus.run(tonus.Scenario.from_file(path), model=tonus.Model.from_file(model))
        self.assertEqual(without_wall_time(by_path.summary), without_wall_time(by_object.summary))

    def test_an_error_in_the_callback_stops_the_run(self):
        def refuse(fraction, left):
            raise KeyError("stop here")
        with self.assertRaisesRegex(KeyError, "stop here"):
            tonus.run(tonus.Scenario.from_file(os.path.join(support.SCENARIOS, "desk-day.yaml")), progress=refuse)


class Stopping(unittest.TestCase):
    """Ctrl-C stops a run in Python as it stops `tonus run`: KeyboardInterrupt from inside the
    run, not after it (the run's last progress report before it stopped is far from the end)."""

    CHILD = """
import sys, tonus
scenario = tonus.Scenario.from_file(sys.argv[1])
def progress(fraction, seconds_left):
    # Noted before "started" is said: the signal may land at the callback's next line.
    first = progress.last is None
    progress.last = fraction
    if first:
        print("started", flush=True)
progress.last = None
try:
    tonus.run(scenario, progress=progress)
    print("finished", flush=True)
except KeyboardInterrupt:
    print(f"interrupted after {progress.last}", flush=True)
    sys.exit(130)
"""

    def test_ctrl_c(self):
        # A nurse's 8-hour shift: seconds of work, so the signal lands early in the run.
        path = os.path.join(support.SCENARIOS, "nurse-shift.yaml")
        child = subprocess.Popen([sys.executable, "-c", self.CHILD, path], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        self.assertEqual(child.stdout.readline().strip(), "started")
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=120)
        self.assertEqual(child.returncode, 130, err)
        last = float(out.split("interrupted after ")[1])
        self.assertLess(last, 0.9, "the run went on to its end before Ctrl-C was seen")


class Sweeps(support.TempDirTest):
    """tonus.sweep stores what `tonus sweep` stores; open_sweep reads it back as arrays."""

    SWEEP = """name: py-sweep
base: base.yaml
method: latin_hypercube
samples: 4
seed: 4
vary:
  subject.sex: {choice: [male, female]}
  timeline[0].lift.load_kg: {uniform: [0, 25]}
"""

    def test_same_as_command_line(self):
        with open(os.path.join(self.tmp, "base.yaml"), "w") as f:
            f.write(SHORT_LIFT)
        sweep_path = os.path.join(self.tmp, "sweep.yaml")
        with open(sweep_path, "w") as f:
            f.write(self.SWEEP)
        support.cli("sweep", sweep_path, "--out", os.path.join(self.tmp, "cli"), "--threads", "1", "--quiet")
        done = []
        py = tonus.sweep(sweep_path, os.path.join(self.tmp, "py"), threads=2,
                         progress=lambda n, total: done.append((n, total)))
        cli = tonus.open_sweep(os.path.join(self.tmp, "cli"))
        self.assertEqual(sorted(done), [(1, 4), (2, 4), (3, 4), (4, 4)])
        self.assertEqual(len(py), 4)
        self.assertEqual(py.parameters, ["p_subject_sex", "p_timeline_0_lift_load_kg"])
        self.assertEqual(py.cases["p_subject_sex"].dtype, object)
        self.assertEqual(py.cases["case_id"].dtype, np.int64)
        for column, values in cli.cases.items():
            if column != "wall_s":
                np.testing.assert_array_equal(py.cases[column], values, err_msg=column)
        for column, values in cli.phases.items():
            np.testing.assert_array_equal(py.phases[column], values, err_msg=column)
        self.assertEqual(py.series["case_id"].shape, (0,))
        # Again into the same folder: refused, and resume=True has nothing left to run.
        with self.assertRaisesRegex(tonus.Error, "already holds a sweep: add resume=True"):
            tonus.sweep(sweep_path, os.path.join(self.tmp, "py"))
        self.assertEqual(len(tonus.sweep(sweep_path, os.path.join(self.tmp, "py"), resume=True)), 4)

    def test_open_sweep_of_a_folder_without_one(self):
        with self.assertRaisesRegex(FileNotFoundError, "no results.sqlite"):
            tonus.open_sweep(self.tmp)


if __name__ == "__main__":
    unittest.main()
