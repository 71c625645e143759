"""The typer question (benchmarks/README.md): what the fast path saves on `show 367ter --json`.

    python benchmarks/parsers.py                           # fast path vs the typer app, this typer
    python benchmarks/parsers.py --other /tmp/v028/bin/python   # and a venv with another typer

Paired whole-process runs on a warm cache, in a shuffled order each round: the fast path
(`python -m lawbase`), the same command line forced through the typer app
(`lawbase.cli.main(fast=False)`) with this interpreter's typer and, with --other, with the typer
of another interpreter that has lawbase installed (editable, from this checkout). Prints the
median CPU time (user + system, of the child) and wall time of each.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["show", "367ter", "--json"]
TYPER = "import sys; from lawbase.cli import main; main(sys.argv[1:], fast=False)"
VERSION = "import typer; print(typer.__version__)"


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--other", help="another Python with lawbase and another typer installed")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # see README
    pythons = [sys.executable, *([args.other] if args.other else [])]
    variants = {
        "F0 python -c pass": [sys.executable, "-c", "pass"],
        "fast path": [sys.executable, "-m", "lawbase", *ARGS],
    }
    for py in pythons:
        version = subprocess.run(
            [py, "-c", VERSION], capture_output=True, text=True, check=True
        ).stdout.strip()
        variants[f"typer {version}"] = [py, "-c", TYPER, *ARGS]
    for cmd in variants.values():  # warm the cache and the bytecode
        measure(cmd, env)
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    wall: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.runs):
        for name in random.sample(list(variants), len(variants)):
            c, w = measure(variants[name], env)
            cpu[name].append(c)
            wall[name].append(w)
    print(f"`{' '.join(ARGS)}`, {args.runs} paired runs, medians:")
    for name in variants:
        print(
            f"  {name:22s} CPU {statistics.median(cpu[name]):.3f} s   wall {statistics.median(wall[name]):.3f} s"
        )


if __name__ == "__main__":
    main()
