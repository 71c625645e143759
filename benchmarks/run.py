"""Benchmarks as ratios against floors measured in the same run (see benchmarks/README.md).

    python benchmarks/run.py                 # full: 10 interleaved runs, a 200 × 500 corpus
    python benchmarks/run.py --smoke         # CI: a 3 × 20 corpus, 2 runs, never fails on a ratio

Every command runs in a fresh process, as a user runs it; the commands of one round run in a
shuffled order and the medians of all rounds are compared, so a noisy neighbour slows floors
and lawbase alike. Warm runs use a cache built beforehand; the cold compile (R4) is measured
once against parsing the same files with yaml.CSafeLoader alone. Exit status 1 when a target is
missed (full mode only).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import refresh  # benchmarks/ is the folder of the script, first on its path
import scale

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable


def lawbase(*args: str) -> list[str]:
    return [PY, "-m", "lawbase", *args]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}"
        )
    return elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true", help="small corpus, 2 runs, report only")
    ap.add_argument("--runs", type=int, default=None)
    ap.add_argument("--jurisdictions", type=int, default=None)
    ap.add_argument("--provisions", type=int, default=None)
    ap.add_argument("--corpus", type=Path, default=None, help="reuse a corpus made by make_corpus.py")
    ap.add_argument(
        "--skip-cold", action="store_true", help="skip R4 (the cold compile takes minutes at full size)"
    )
    ap.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="make the corpora and their caches in this folder and reuse them on the next run",
    )
    ap.add_argument(
        "--baseline",
        default=scale.BASELINE,
        help=f"the revision the warm validate and point lookups are compared with (default {scale.BASELINE})",
    )
    ap.add_argument(
        "--no-baseline", action="store_true", help="skip the comparisons with the baseline revision"
    )
    args = ap.parse_args(argv)
    runs = args.runs or (2 if args.smoke else 10)
    nj = args.jurisdictions or (3 if args.smoke else 200)
    npv = args.provisions or (20 if args.smoke else 500)

    work = Path(tempfile.mkdtemp(prefix="lawbase-bench-"))
    try:
        return _bench(args, work, runs, nj, npv)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # also when a command fails


def _bench(args: argparse.Namespace, work: Path, runs: int, nj: int, npv: int) -> int:
    """Make or reuse the corpora, measure, print the tables; 1 when a target is missed."""
    kept = args.keep.resolve() if args.keep else work
    kept.mkdir(parents=True, exist_ok=True)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONDONTWRITEBYTECODE", "LAWBASE_DATA", "NO_COLOR", "PYTHONPATH")
    }
    env["LAWBASE_CACHE_DIR"] = str(kept / "cache")
    (kept / "cache").mkdir(exist_ok=True)
    env["COLUMNS"] = "120"

    # compared with a baseline revision, the corpora grow from the baseline's own shipped corpus,
    # which both revisions read (a newer corpus may use fields the older code refuses)
    base_data: list[str] = []
    if not args.no_baseline and args.corpus is None:
        tree = scale.baseline_tree(args.baseline, kept / "baseline-data")
        if tree is not None:
            base_data = ["--data", str(tree / "data")]

    def corpus(name: str, jurisdictions: int, provisions: int) -> Path:
        out = kept / name
        if not (out / "corpus.yaml").exists():
            shutil.rmtree(out, ignore_errors=True)
            subprocess.run(
                [PY, str(HERE / "make_corpus.py"), str(out), "--jurisdictions", str(jurisdictions),
                 "--provisions", str(provisions), *base_data],
                check=True, env=env, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        return out

    big = args.corpus or corpus(f"corpus-{nj}x{npv}", nj, npv)
    total = nj * npv
    # one State's law at three sizes, for the site and the graph (smoke: much smaller)
    one_state = (
        {"50": corpus("corpus-1x50", 1, 50), "200": corpus("corpus-1x200", 1, 200), "500": corpus("corpus-1x500", 1, 500)}
        if args.smoke
        else {"1k": corpus("corpus-1x1000", 1, 1000), "10k": corpus("corpus-1x10000", 1, 10000),
              "100k": corpus("corpus-1x100000", 1, 100000)}
    )  # fmt: skip

    cold_rows: list[tuple[str, str, float, float]] = []
    notes: list[str] = []
    if not args.skip_cold:
        cold_rows, notes = scale.cold_compile(PY, env, big, work)
        shutil.rmtree(work / "cold-cache", ignore_errors=True)

    commands = {
        "F0": [PY, "-c", "pass"],
        "F1": [PY, str(HERE / "floors" / "bare_typer.py"), "hello"],
        "F2": [PY, str(HERE / "floors" / "bare_typer.py"), "hello", "--load", "networkx"],
        "Frf": [PY, str(HERE / "floors" / "bare_typer.py"), "hello", "--load", "rapidfuzz"],
        "show_json": lawbase("show", "367ter", "--json"),
        "show_rich": lawbase("show", "367ter"),
        "penalty_json": lawbase("penalty", "367ter", "--json"),
        "gaps": lawbase("gaps", "--json"),
        "help": lawbase("--help"),
        "big_show": lawbase("show", "367ter", "--json", "--data", str(big)),
        "big_penalty": lawbase("penalty", "367ter", "--json", "--data", str(big)),
        "big_gaps": lawbase("gaps", "--json", "--data", str(big)),
        "big_search": lawbase("search", "client", "--json", "--data", str(big)),
        "compare": lawbase("compare", "2001-06-01", "2024-01-01", "--json"),
        "refs": lawbase("refs", "COT 6", "--json"),
        "big_refs": lawbase("refs", "COT 6", "--json", "--data", str(big)),
        "extradition": lawbase("extradition", "367ter", "--json"),
        "big_extradition": lawbase("extradition", "367ter", "--json", "--data", str(big)),
    }
    # warm every cache (and write bytecode) before measuring
    for name in ("show_json", "big_show"):
        timed(commands[name], env)
    for cmd in commands.values():
        timed(cmd, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    rng = random.Random(0)
    for _ in range(runs):
        order = list(commands)
        rng.shuffle(order)
        for name in order:
            samples[name].append(timed(commands[name], env))
    med = {name: statistics.median(vals) for name, vals in samples.items()}

    rows = [
        ("R0", "show --json (warm) / F0 python -c pass", med["show_json"] / med["F0"], 8.0),
        ("R1", "show --json (warm) / F1 bare typer app", med["show_json"] / med["F1"], 1.2),
        ("R1 rich", "show, terminal output (warm) / F1", med["show_rich"] / med["F1"], 1.5),
        ("R0 penalty", "penalty --json (warm) / F0 python -c pass", med["penalty_json"] / med["F0"], 8.0),
        ("R2", "gaps --json (warm) / F2 = F1 + import networkx", med["gaps"] / med["F2"], 1.2),
        (
            "R3 show",
            f"show at {total:,} provisions / show on the shipped corpus",
            med["big_show"] / med["show_json"],
            2.0,
        ),
        (
            "R3 penalty",
            f"penalty at {total:,} provisions / penalty on the shipped corpus",
            med["big_penalty"] / med["penalty_json"],
            2.0,
        ),
        (
            "R3 gaps",
            f"gaps for one jurisdiction at {total:,} / on the shipped corpus",
            med["big_gaps"] / med["gaps"],
            2.0,
        ),
        (
            "search",
            f"search at {total:,} provisions / F1 + import rapidfuzz",
            med["big_search"] / med["Frf"],
            1.5,
        ),
    ]
    rows += [
        ("compare", "compare 2001-06-01 2024-01-01 --json / gaps --json, the shipped corpus",
         med["compare"] / med["gaps"], 2.0),
        ("refs", f"refs \"COT 6\" at {total:,} provisions / on the shipped corpus", med["big_refs"] / med["refs"], 1.5),
        ("extradition", f"extradition 367ter at {total:,} provisions / on the shipped corpus",
         med["big_extradition"] / med["extradition"], 1.5),
    ]  # fmt: skip
    scale_rows, scale_notes = scale.measure(
        PY, env, work, big, one_state, max(1, runs // 3), None if args.no_baseline else args.baseline
    )
    rows += scale_rows + cold_rows
    notes += scale_notes
    # a save, an added and a removed file, made in place in the large corpus and undone
    fresh = refresh.measure(big, PY, env, max(2, runs // 3))
    for key, label in (
        ("show_saved", "show right after an editor-style save"),
        ("show_added", "show right after one file is added"),
        ("show_removed", "show right after that file is removed"),
        ("gaps_saved", "gaps --json right after an editor-style save"),
    ):
        rows.append(
            (
                f"refresh {key}",
                f"{label}, at {total:,} / warm",
                fresh[f"{key}_ratio"],
                refresh.TARGET,
            )
        )
    notes.append(
        f"refresh at {total:,}: show warm {fresh['show_warm']:.3f} s, after a save {fresh['show_saved']:.3f} s; "
        f"gaps warm {fresh['gaps_warm']:.3f} s, after a save {fresh['gaps_saved']:.3f} s"
    )

    print(
        f"lawbase benchmarks — {time.strftime('%Y-%m-%d')}, {runs} interleaved runs, medians; corpus {nj} × {npv} = {total:,} synthetic provisions + the shipped corpus"
    )
    print()
    print("| measure | ratio | target | ok |")
    print("|---|---|---|---|")
    missed = 0
    for key, label, ratio, target in rows:
        ok = ratio <= target
        missed += not ok
        print(f"| {key}: {label} | {ratio:.2f} | ≤ {target} | {'yes' if ok else 'NO'} |")
    print()
    print("| median (s) | " + " | ".join(med) + " |")
    print("|---" * (len(med) + 1) + "|")
    print("| | " + " | ".join(f"{v:.3f}" for v in med.values()) + " |")
    print()
    for note in notes:
        print(f"- {note}")
    if args.smoke:
        print("\nsmoke mode: ratios are reported, not enforced")
        return 0
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
