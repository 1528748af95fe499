"""Nothing leaks across 1,000 small runs: the resident set grows by less than a few MB.

A run that left its result behind (samples for 178 fascicles, the model's state) would leak
tens of kB each, tens of MB over a thousand runs.
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tonus  # noqa: E402

SMALL = """name: small
timeline:
  - stand: {duration: 20s}
  - sit: {duration: 20s, style: slumped}
output: {sample_every: 5s}
"""
RUNS = 1000
ALLOWED_GROWTH_MB = 4.0


def resident_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class NoLeak(unittest.TestCase):
    def test_thousand_runs(self):
        scenario = tonus.Scenario.from_yaml(SMALL)
        # Warm up: the allocator's arenas and the first-touch pages settle.
        for _ in range(100):
            tonus.run(scenario).summary
        before = resident_mb()
        for _ in range(RUNS):
            result = tonus.run(scenario)
            result.fascicle_series("tone")
            result.summary
        grown = resident_mb() - before
        print(f"resident set grew {grown:.2f} MB over {RUNS} runs")
        self.assertLess(grown, ALLOWED_GROWTH_MB)

    def test_scenarios_read_and_refused(self):
        # Reading builds the model (~10 ms): 300 of each is enough to see a leak of one.
        bad = SMALL.replace("20s", "-20s")
        for _ in range(50):
            tonus.Scenario.from_yaml(SMALL)
        before = resident_mb()
        for _ in range(300):
            tonus.Scenario.from_yaml(SMALL)
            with self.assertRaises(tonus.InputError):
                tonus.Scenario.from_yaml(bad)
        grown = resident_mb() - before
        print(f"resident set grew {grown:.2f} MB over 300 scenarios read and 300 refused")
        self.assertLess(grown, ALLOWED_GROWTH_MB)


if __name__ == "__main__":
    unittest.main()
