"""What the Python tests share: the `tonus` command and the sources (from ctest's environment),
temporary folders, and running the command line for comparison."""
import json
import os
import subprocess
import tempfile
import unittest

TONUS = os.environ.get("TONUS_EXE", "")
SOURCE = os.environ.get("TONUS_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SCENARIOS = os.path.join(SOURCE, "scenarios")


def cli(*args, check=True):
    """Runs `tonus ARGS`; returns the completed process (stdout and stderr as text)."""
    if not TONUS:
        raise unittest.SkipTest("TONUS_EXE is not set (ctest sets it)")
    done = subprocess.run([TONUS, *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"tonus {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done


def cli_json(*args):
    return json.loads(cli(*args).stdout)


class TempDirTest(unittest.TestCase):
    """A test with a temporary folder self.tmp, removed afterwards."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="tonus_py_")
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()
