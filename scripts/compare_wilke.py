#!/usr/bin/env python3
"""Tonus's L4/L5 intradiscal pressure against Wilke et al. 1999 (Spine 24:755), as a table.

Usage: scripts/compare_wilke.py [path/to/tonus]   (default build/release/tonus)
Runs scenarios/validation/wilke-1999.yaml and prints a Markdown table for docs/validation.md.
Static activities compare the phase mean; lifts compare the phase peak, as Wilke reports peaks.
"""
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
# (phase index in the scenario, activity, Wilke's L4/L5 pressure [MPa], statistic)
WILKE_1999 = [
    (0, "lying supine", 0.10, "mean"),
    (1, "lying prone", 0.10, "mean"),
    (2, "lying on the side", 0.12, "mean"),
    (3, "relaxed standing", 0.50, "mean"),
    (4, "standing, flexed forward (40 deg assumed)", 1.10, "mean"),
    (6, "sitting relaxed, no backrest", 0.46, "mean"),
    (7, "sitting slouched", 0.30, "mean"),
    (8, "sitting, maximum flexion (tying shoes)", 0.83, "mean"),
    (9, "walking", 0.53, "mean"),  # Wilke: 0.53-0.65
    (10, "lifting 20 kg, round flexed back", 2.30, "peak"),
    (11, "lifting 20 kg, knees bent", 1.70, "peak"),
    (12, "holding 20 kg close to the body", 1.10, "mean"),
]


def main() -> int:
    tonus = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build/release/tonus")
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "wilke"
        subprocess.run([tonus, "run", str(ROOT / "scenarios/validation/wilke-1999.yaml"), "--out", str(out), "--quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        summary = json.loads((out / "summary.json").read_text())
    print("| activity | Wilke 1999 [MPa] | Tonus [MPa] | Tonus / Wilke | Tonus L4/L5 compression [N] |")
    print("|---|---|---|---|---|")
    for index, activity, measured, statistic in WILKE_1999:
        phase = summary["phases"][index]
        pressure = phase["L4L5_idp_MPa"][statistic]
        compression = phase["L4L5_compression_N"][statistic]
        print(f"| {activity} ({statistic}) | {measured:.2f} | {pressure:.2f} | {pressure / measured:.2f} | {compression:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
