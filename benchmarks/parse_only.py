"""The R4 floor: parse every corpus file with yaml.CSafeLoader and nothing else."""

import sys
import time
from pathlib import Path

import yaml

root = Path(sys.argv[1])
start = time.perf_counter()
n = 0
for path in sorted(root.rglob("*.yaml")):
    with open(path, "rb") as fh:
        yaml.load(fh, Loader=yaml.CSafeLoader)  # noqa: TID251 - the safe C loader is the floor itself
    n += 1
sys.stderr.write(f"PARSED {n} {time.perf_counter() - start:.3f}\n")
