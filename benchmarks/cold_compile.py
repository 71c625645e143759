"""R4: the cold compile against its floor, paired run by run, as CPU and wall ratios.

    python benchmarks/cold_compile.py CORPUS [--runs 3]

Each round runs, one after the other, `lawbase validate --data CORPUS` with an empty cache
folder (a cold compile) and benchmarks/parse_only.py with as many worker processes as the
compile uses (the floor: yaml.CSafeLoader alone). CPU is user + system time of every process
(a process's own and its workers', which it waits for); wall is the elapsed time. The ratios are
medians over the rounds of each round's ratio, so that a busy moment on a shared machine weighs
on both runs of a pair rather than on one. Targets (issue 13, R4): CPU at most 1.2x, wall at
most 1.5x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CPU_TARGET, WALL_TARGET = 1.2, 1.5


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds of the process and the children it waited for, wall seconds) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return usage.ru_utime + usage.ru_stime, wall


def measure(corpus: Path, runs: int = 3, python: str = sys.executable) -> dict[str, float]:
    """Paired rounds of cold compile and floor over `corpus`; medians of the figures and ratios."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    rounds: list[tuple[float, float, float, float]] = []
    floor_cmd = [python, str(ROOT / "benchmarks" / "parse_only.py"), str(corpus)]
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="lawbase-r4-") as cache:
            os.chmod(cache, 0o700)
            cpu, wall = _run(
                [python, "-m", "lawbase", "validate", "--data", str(corpus)],
                {**env, "LAWBASE_CACHE_DIR": cache},
            )
        floor_cpu, floor_wall = _run(floor_cmd, env)
        rounds.append((cpu, wall, floor_cpu, floor_wall))
    med = statistics.median
    return {
        "compile_cpu": med(r[0] for r in rounds),
        "compile_wall": med(r[1] for r in rounds),
        "floor_cpu": med(r[2] for r in rounds),
        "floor_wall": med(r[3] for r in rounds),
        "cpu_ratio": med(r[0] / r[2] for r in rounds),
        "wall_ratio": med(r[1] / r[3] for r in rounds),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    m = measure(args.corpus, args.runs)
    print(f"cold compile  cpu {m['compile_cpu']:7.2f} s  wall {m['compile_wall']:7.2f} s")
    print(f"floor         cpu {m['floor_cpu']:7.2f} s  wall {m['floor_wall']:7.2f} s")
    print(
        f"ratio         cpu {m['cpu_ratio']:7.2f}x (target {CPU_TARGET}x)  wall {m['wall_ratio']:5.2f}x (target {WALL_TARGET}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
