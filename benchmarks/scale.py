"""The whole-corpus figures of issue 13, as ratios measured in one run (see benchmarks/README.md).

`run.py` calls `measure()`; each figure is a whole process run as a user runs it, timed with the
CPU time and peak memory the kernel reports for it and its children (`os.wait4`), so a compile's
workers count and a noisy neighbour's do not.

- site: seconds per page written at 10,000 provisions of one State against the shipped corpus;
- graph --format json: seconds per node at 1k, 10k and 100k, and the peak memory at 100k;
- warm validate at 100k against the code before this work (`--baseline REV`, default BASELINE);
- the cold compile's CPU time (every process) against parsing the same files with CSafeLoader.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graph_refs import _nodes

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# the last commit before issue 13's work: what "today" meant when the issue was filed
BASELINE = "1d86602"


@dataclass
class Run:
    """One process: wall and CPU seconds (user + system, its waited-for children included) and
    the peak resident memory of the largest of them, in MiB."""

    wall: float
    cpu: float
    peak_mib: float
    code: int


def run(cmd: list[str], env: dict[str, str], cwd: Path = ROOT, stdout: int | None = None) -> Run:
    """Run `cmd` to its end; a failure (exit status other than 0 or 1) stops the benchmark."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        env=env,
        cwd=cwd,
        stdout=stdout if stdout is not None else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}"
        )
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def baseline_tree(rev: str, into: Path) -> Path | None:
    """The package as it was at `rev`, unpacked into `into` (None outside a git checkout). A
    process started there imports that code: the folder it starts in comes first on its path."""
    # its package and the shipped corpus, whose schemas the package reads
    proc = subprocess.run(["git", "archive", rev, "lawbase", "data"], cwd=ROOT, capture_output=True)
    if proc.returncode != 0:
        return None
    into.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as fh:
        fh.write(proc.stdout)
        fh.seek(0)
        with tarfile.open(fileobj=fh) as tar:
            tar.extractall(into, filter="data")
    return into


def median_runs(cmd: list[str], env: dict[str, str], runs: int, cwd: Path = ROOT) -> Run:
    """The run with the median wall time of `runs` runs (after one to warm caches)."""
    run(cmd, env, cwd)
    got = sorted((run(cmd, env, cwd) for _ in range(runs)), key=lambda r: r.wall)
    return got[len(got) // 2]


def measure(
    py: str,
    env: dict[str, str],
    work: Path,
    big: Path,
    one_state: dict[str, Path],
    runs: int,
    baseline: str | None,
) -> tuple[list[tuple[str, str, float, float]], list[str]]:
    """(rows, notes): rows are (key, label, ratio, target); notes are the figures behind them.
    `big` is the many-State corpus; `one_state` maps sizes ("1k", "10k", "100k") to corpora of
    one synthetic State, j001 (the graph and the site of a State grow only with its own law)."""
    rows: list[tuple[str, str, float, float]] = []
    notes: list[str] = []

    def lawbase(*args: str) -> list[str]:
        return [py, "-m", "lawbase", *args]

    # site: per page written, at 10,000 provisions of one State against the shipped corpus
    sizes = list(one_state)
    mid = sizes[-2]
    per_page = {}
    for name, extra in (
        ("shipped", []),
        (f"{mid} one State", ["--data", str(one_state[mid]), "--jurisdiction", "j001"]),
    ):
        out = work / f"site-{len(per_page)}"
        r = median_runs(lawbase("site", str(out), *extra), env, runs)
        pages = sum(1 for _ in out.rglob("*.html"))
        per_page[name] = r.wall / pages
        notes.append(
            f"site, {name}: {r.wall:.2f} s for {pages:,} pages ({1000 * per_page[name]:.2f} ms a page)"
        )
    rows.append(
        ("site", f"site, s per page at {mid} provisions of one State / on the shipped corpus",
         per_page[f"{mid} one State"] / per_page["shipped"], 1.5)
    )  # fmt: skip

    # graph --format json of one State's law: linear in nodes, bounded memory
    per_node = {}
    peak = 0.0
    for size, corpus in one_state.items():
        out = work / f"graph-{size}.json"
        cmd = lawbase("graph", "--format", "json", "--data", str(corpus), "--jurisdiction", "j001")
        got = []
        for _ in range(1 + (max(1, runs // 2) if size == sizes[-1] else runs)):  # the first warms the cache
            with open(out, "wb") as fh:
                got.append(run(cmd, env, stdout=fh.fileno()))
        nodes = _nodes(out)
        out.unlink()
        r = sorted(got[1:], key=lambda x: x.wall)[len(got[1:]) // 2]
        per_node[size] = r.wall / nodes
        peak = r.peak_mib
        notes.append(
            f"graph --format json, one State of {size}: {r.wall:.2f} s, {nodes:,} nodes, peak {r.peak_mib:.0f} MiB"
        )
    rows.append(
        ("graph", f"graph --format json, s per node, one State of {sizes[-1]} / of {mid}",
         per_node[sizes[-1]] / per_node[mid], 1.3)
    )  # fmt: skip
    rows.append(
        (
            "graph peak",
            f"graph --format json, one State of {sizes[-1]}: peak memory / 1 GiB",
            peak / 1024,
            1.0,
        )
    )

    # warm validate of the many-State corpus against the code before this work, each with a
    # cache of its own
    summary = subprocess.run(
        lawbase("validate", "--json", "--data", str(big)), env=env, cwd=ROOT, capture_output=True, check=True
    )
    n = json.loads(summary.stdout)["provisions"]
    tree = baseline_tree(baseline, work / "baseline") if baseline else None
    if tree is None:
        notes.append("warm validate: no baseline (not a git checkout, or --no-baseline)")
    else:
        base_env = {**env, "LAWBASE_CACHE_DIR": str(work / "baseline-cache")}
        (work / "baseline-cache").mkdir(exist_ok=True)
        validate = ["validate", "--data", str(big)]
        run(lawbase(*validate), base_env, cwd=tree)  # its own compile
        new_runs, old_runs = [], []
        for _ in range(max(2, runs // 2)):
            old_runs.append(run(lawbase(*validate), base_env, cwd=tree).wall)
            new_runs.append(run(lawbase(*validate), env).wall)
        new, old = statistics.median(new_runs), statistics.median(old_runs)
        notes.append(f"warm validate at {n:,} provisions: {new:.2f} s; at {baseline}: {old:.2f} s")
        rows.append(
            ("validate", f"warm validate at {n:,} provisions / the same at {baseline}", new / old, 0.5)
        )
        # point lookups stay where they were (within 10 %), both revisions on the baseline's
        # shipped corpus (a newer corpus may use fields the older code refuses)
        shipped = str(tree / "data")
        for key, args in (
            ("show", ["show", "367ter", "--json", "--data", shipped]),
            ("penalty", ["penalty", "367ter", "--json", "--data", shipped]),
            ("search", ["search", "client", "--json", "--data", shipped]),
            (f"show @{n:,}", ["show", "367ter", "--json", "--data", str(big)]),
        ):
            run(lawbase(*args), base_env, cwd=tree)
            run(lawbase(*args), env)
            new_runs, old_runs = [], []
            for _ in range(runs * 2):
                old_runs.append(run(lawbase(*args), base_env, cwd=tree).wall)
                new_runs.append(run(lawbase(*args), env).wall)
            new, old = statistics.median(new_runs), statistics.median(old_runs)
            rows.append(
                (f"point {key}", f"{' '.join(args[:-2])} (warm) / the same at {baseline}", new / old, 1.1)
            )
    return rows, notes


def cold_compile(
    py: str, env: dict[str, str], corpus: Path, work: Path
) -> tuple[list[tuple[str, str, float, float]], list[str]]:
    """The cold compile (`validate` on an empty cache) against parsing the same files with
    CSafeLoader alone in as many processes as the compile uses (parse_only.py), in wall time
    and in CPU time of every process: like with like."""
    parse = run([py, str(HERE / "parse_only.py"), str(corpus)], env)
    serial = run([py, str(HERE / "parse_only.py"), str(corpus), "--workers", "1"], env)
    cold_env = {**env, "LAWBASE_CACHE_DIR": str(work / "cold-cache")}
    (work / "cold-cache").mkdir(exist_ok=True)
    cold = run([py, "-m", "lawbase", "validate", "--data", str(corpus)], cold_env)
    if cold.code != 0:
        raise SystemExit("cold compile failed: the corpus does not validate")
    rows = [
        (
            "R4",
            "cold compile / CSafeLoader parse alone in as many processes, wall time",
            cold.wall / parse.wall,
            1.5,
        ),
        (
            "R4 cpu",
            "cold compile / CSafeLoader parse alone, CPU time of every process",
            cold.cpu / parse.cpu,
            1.2,
        ),
    ]
    notes = [
        f"cold compile: {cold.wall:.1f} s wall, {cold.cpu:.1f} s CPU, peak {cold.peak_mib:.0f} MiB (largest process); "
        f"CSafeLoader parse alone in as many processes: {parse.wall:.1f} s wall, {parse.cpu:.1f} s CPU "
        f"(in one process: {serial.wall:.1f} s wall, {serial.cpu:.1f} s CPU)"
    ]
    return rows, notes
