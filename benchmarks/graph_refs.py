"""`graph --format json` linear in nodes and in bounded memory; `refs` and `extradition` on one
provision flat in corpus size (issue 13). Prints ratios with their targets.

    python benchmarks/graph_refs.py [--runs 5] [shipped=DIR 1k=DIR 10k=DIR 100k=DIR ...]

The default corpora are the shipped one and /tmp/bench/{c2,one10k,c200,one100k} where they exist
(one100k: `make_corpus.py /tmp/bench/one100k --jurisdictions 1 --provisions 100000`, the only
one whose graph has 100,000 provisions).

Each command runs in a fresh process (its wall time from start to exit; its peak RSS from
benchmarks/peak.py) against a cache built beforehand; the commands of a round run in a shuffled
order and medians are compared. The graph is measured twice on each corpus: for the corpus's own State (what
`lawbase graph` draws by default; on the make_corpus.py corpora that is the shipped State, so
the graph hardly grows) and for the largest synthetic State (`--jurisdiction j001`: 500
provisions in c2 and c200, all of them in a one-State corpus such as one10k), which is where
time per node and peak memory show. `measure()` is what benchmarks/run.py calls.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEAK = HERE / "peak.py"

GRAPH_LINEAR = 1.3  # time per node at the largest graph / at 10k (and at 1k)
GRAPH_PEAK_MIB = 1024  # peak RSS of the largest graph
POINT_FLAT = 1.5  # refs / extradition on one provision at the largest corpus / on the shipped one
REFS = ("refs", "COT 6", "--json")
EXTRADITION = ("extradition", "367ter", "--json")
SYNTHETIC = "j001"  # the first State make_corpus.py writes


def _run(python: str, env: dict[str, str], args: tuple[str, ...], out: Path) -> tuple[float, float]:
    """(wall seconds of the whole process, as a user waits for it; peak MiB) of one `lawbase
    ARGS`, its stdout written to `out` (benchmarks/peak.py reports the peak)."""
    with open(out, "wb") as fh:
        start = time.perf_counter()
        proc = subprocess.run(
            [python, str(PEAK), *args], env=env, cwd=ROOT, stdout=fh, stderr=subprocess.PIPE
        )
        seconds = time.perf_counter() - start
    line = next((x for x in proc.stderr.decode().splitlines() if x.startswith("PEAK ")), None)
    if proc.returncode not in (0, 1) or line is None:
        raise SystemExit(
            f"benchmark command failed ({proc.returncode}): lawbase {' '.join(args)}\n{proc.stderr.decode()[-2000:]}"
        )
    return seconds, float(line.split()[2])


def _nodes(path: Path) -> int:
    """Nodes in a `graph --format json` output (each node's first line is its id; edges have none)."""
    with open(path, "rb") as fh:
        return sum(1 for line in fh if line.startswith(b'      "id": '))


def _has_state(root: Path, state: str) -> bool:
    return (root / "jurisdictions" / f"{state}.yaml").exists()


def measure(corpora: dict[str, Path], python: str, env: dict[str, str], runs: int) -> dict[str, object]:
    """Medians of `runs` rounds over `corpora` (name -> folder; the first is the reference, the
    shipped corpus). Returns the figures and ratios it prints."""
    names = list(corpora)
    base = names[0]
    jobs: dict[tuple[str, str], tuple[str, ...]] = {}
    for name, root in corpora.items():
        data = ("--data", str(root))
        jobs[(name, "graph")] = ("graph", "--format", "json", *data)
        if _has_state(root, SYNTHETIC):
            jobs[(name, "graph-" + SYNTHETIC)] = (
                "graph",
                "--format",
                "json",
                "--jurisdiction",
                SYNTHETIC,
                *data,
            )
        jobs[(name, "refs")] = (*REFS, *data)
        jobs[(name, "extradition")] = (*EXTRADITION, *data)
    times: dict[tuple[str, str], list[float]] = {k: [] for k in jobs}
    peaks: dict[tuple[str, str], list[float]] = {k: [] for k in jobs}
    nodes: dict[tuple[str, str], int] = {}
    with tempfile.TemporaryDirectory(prefix="lawbase-graph-bench-") as tmp:
        out = Path(tmp) / "out"
        for root in corpora.values():  # warm each cache (a cold compile is not measured here)
            subprocess.run(
                [python, "-m", "lawbase", "validate", "--data", str(root)],
                env=env,
                cwd=ROOT,
                capture_output=True,
            )
        for _ in range(runs):
            order = list(jobs)
            random.shuffle(order)
            for key in order:
                seconds, peak = _run(python, env, jobs[key], out)
                times[key].append(seconds)
                peaks[key].append(peak)
                if key[1].startswith("graph") and key not in nodes:
                    nodes[key] = _nodes(out)
    med = {k: statistics.median(v) for k, v in times.items()}
    peak = {k: max(v) for k, v in peaks.items()}
    result: dict[str, object] = {
        "seconds": {f"{a} {b}": v for (a, b), v in med.items()},
        "peak_mib": {f"{a} {b}": v for (a, b), v in peak.items()},
        "nodes": {f"{a} {b}": v for (a, b), v in nodes.items()},
    }
    ok = True
    print(f"graph --format json (medians of {runs}; time per node in ms):")
    for key in jobs:
        if key[1].startswith("graph"):
            per = med[key] / nodes[key] * 1000
            print(
                f"  {key[0]:>8} {key[1]:<12} {nodes[key]:>8} nodes {med[key]:7.2f} s {per:7.4f} ms/node peak {peak[key]:7.1f} MiB"
            )
    # linearity: the largest synthetic-State graph against each smaller one with enough nodes
    big = [k for k in jobs if k[1] == "graph-" + SYNTHETIC]
    ratios: dict[str, float] = {}
    if len(big) >= 2:
        top = max(big, key=lambda k: nodes[k])
        for k in big:
            if k != top and nodes[k] >= 2000:
                r = (med[top] / nodes[top]) / (med[k] / nodes[k])
                ratios[f"graph per node {top[0]} / {k[0]}"] = r
                ok &= r <= GRAPH_LINEAR
                print(f"  per node {top[0]} / {k[0]}: {r:.2f} (target <= {GRAPH_LINEAR})")
        print(f"  peak at {top[0]}: {peak[top]:.0f} MiB (target <= {GRAPH_PEAK_MIB})")
        ok &= peak[top] <= GRAPH_PEAK_MIB
    print("point questions on one provision:")
    for what, args in (("refs", REFS), ("extradition", EXTRADITION)):
        print(f"  {' '.join(args)}: {med[(base, what)]:.3f} s on {base}")
        for name in names[1:]:
            r = med[(name, what)] / med[(base, what)]
            ratios[f"{what} {name} / {base}"] = r
            ok &= r <= POINT_FLAT
            print(f"    {name}: {med[(name, what)]:.3f} s, {r:.2f} x {base} (target <= {POINT_FLAT})")
    result["ratios"] = ratios
    result["ok"] = ok
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "corpora", nargs="*", metavar="NAME=DIR", help="the shipped corpus first, the largest last"
    )
    args = ap.parse_args(argv)
    pairs = args.corpora or [
        f"shipped={ROOT / 'data'}",
        "1k=/tmp/bench/c2",
        "10k=/tmp/bench/one10k",
        "100k=/tmp/bench/c200",
    ]
    corpora = {n: Path(d) for n, _, d in (p.partition("=") for p in pairs) if Path(d).is_dir()}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return 0 if measure(corpora, sys.executable, env, args.runs)["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
