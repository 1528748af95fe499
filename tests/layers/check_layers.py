#!/usr/bin/env python3
"""The engine's folders follow the data flow, lowest first; a file may include only its own
folder or one below it. Prints every include that runs upward and fails if there is one."""
import pathlib
import re
import sys

ORDER = ["core", "input", "muscle", "body", "recruit", "physiology", "scenario", "sim", "results", "sweep"]

engine = pathlib.Path(sys.argv[1])
folders = sorted(p.name for p in engine.iterdir() if p.is_dir())
unknown = [f for f in folders if f not in ORDER]
if unknown:
    sys.exit(f"engine folders not placed in the layer order: {unknown} (add them to ORDER in {__file__})")

upward = []
for path in sorted(engine.rglob("*")):
    if path.suffix not in (".hpp", ".cpp", ".in"):
        continue
    source = path.relative_to(engine).parts[0]
    for number, line in enumerate(path.read_text().splitlines(), 1):
        match = re.match(r'\s*#include "([a-z_]+)/', line)
        if match and match.group(1) in ORDER and ORDER.index(match.group(1)) > ORDER.index(source):
            upward.append(f"{path}:{number}: {source}/ includes {match.group(1)}/, which is above it")
print("\n".join(upward) if upward else f"no upward includes among {len(ORDER)} layers")
sys.exit(1 if upward else 0)
