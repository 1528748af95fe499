"""examples/compare_two_scenarios.py, as a new user runs it: both scenarios summarised, and a
plot with a line for each (matplotlib's first two colours) when matplotlib is installed."""
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import support  # noqa: E402

EXAMPLE = os.path.join(support.SOURCE, "examples", "compare_two_scenarios.py")
BLUE, ORANGE = (0x1F, 0x77, 0xB4), (0xFF, 0x7F, 0x0E)  # matplotlib's C0 and C1


def pixels_near(image, colour, tolerance=8):
    rgb = (image[..., :3] * 255).round()
    return int(np.all(np.abs(rgb - colour) <= tolerance, axis=-1).sum())


class Example(unittest.TestCase):
    def test_runs_and_plots(self):
        with tempfile.TemporaryDirectory() as out:
            done = subprocess.run([sys.executable, EXAMPLE, "--out", out], capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn("desk-day ", done.stdout)
            self.assertIn("desk-day-upright ", done.stdout)
            try:
                import matplotlib.image
            except ImportError:
                self.assertIn("matplotlib is not installed", done.stdout)
                return
            image = matplotlib.image.imread(os.path.join(out, "compare.png"))
            self.assertGreater(image.shape[1], 800)
            self.assertGreater(pixels_near(image, BLUE), 500)
            self.assertGreater(pixels_near(image, ORANGE), 500)

    def test_a_mistake_is_one_line(self):
        with tempfile.TemporaryDirectory() as out:
            bad = os.path.join(out, "bad.yaml")
            with open(bad, "w") as f:
                f.write("name: bad\ntimeline:\n  - sit: {duration: 1h, style: sprawled}\n")
            done = subprocess.run([sys.executable, EXAMPLE, bad, bad, "--out", out], capture_output=True, text=True)
            self.assertEqual(done.returncode, 1)
            self.assertTrue(done.stderr.startswith(f"error: {bad}:3:"), done.stderr)


if __name__ == "__main__":
    unittest.main()
