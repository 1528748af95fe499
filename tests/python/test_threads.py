"""Runs release the GIL: two runs in two Python threads finish sooner than two in a row.

The ratio, not a time, is checked. With fair scheduling it holds on a busy machine too: beside
two other busy processes on two cores a lone run gets about 2/3 of a core and two runs 1/2
each, so two at once still finish ~1.5x sooner than two in a row.
"""
import os
import threading
import time
import unittest

import tonus  # noqa: E402

# Six stoop lifts: about 0.4 s of work on one core.
SCENARIO = """name: six-lifts
timeline:
  - lift: {reps: 6, load_kg: 12, style: stoop, cycle_s: 5, from_height_m: 0.1, to_height_m: 0.9}
output: {sample_every: 1s}
"""
REQUIRED_SPEEDUP = 1.3


def without_timings(summary):
    return {k: v for k, v in summary.items() if k not in ("wall_s", "stage_seconds")}


def two_in_a_row(scenario):
    start = time.perf_counter()
    results = [tonus.run(scenario), tonus.run(scenario)]
    return time.perf_counter() - start, results


def two_at_once(scenario):
    results = [None, None]

    def one(i):
        results[i] = tonus.run(scenario)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(2)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, results


class TwoThreads(unittest.TestCase):
    def test_two_threads_beat_two_in_a_row(self):
        if len(os.sched_getaffinity(0)) < 2:
            self.skipTest("one core: nothing to run side by side")
        scenario = tonus.Scenario.from_yaml(SCENARIO)
        tonus.run(scenario)  # warm: the first run pays for pages and caches
        ratios = []
        # The best of three rounds, each measured back to back, so a burst of other work on the
        # machine during one round does not decide the test.
        for _ in range(3):
            serial, serial_results = two_in_a_row(scenario)
            parallel, parallel_results = two_at_once(scenario)
            ratios.append(serial / parallel)
            # Side by side the runs give the same numbers as one after the other.
            for a, b in zip(serial_results, parallel_results):
                self.assertEqual(without_timings(a.summary), without_timings(b.summary))
            if ratios[-1] > REQUIRED_SPEEDUP:
                break
        print(f"two in a row / two at once: {', '.join(f'{r:.2f}' for r in ratios)}")
        self.assertGreater(max(ratios), REQUIRED_SPEEDUP)


if __name__ == "__main__":
    unittest.main()
