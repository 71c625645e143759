"""The R4 floor: parse every corpus file with yaml.CSafeLoader and nothing else.

    python benchmarks/parse_only.py CORPUS [--workers N]

With `--workers N` the files are parsed in N processes, handed out as the cold compile hands
them to its workers (a fork-started process pool, corpus/cache.COMPILE_CHUNK files at a
time), so that the compile and its floor are compared like with like: the same number of processes sharing the same cores
(two processes on two hyperthreads each run slower than one alone, in wall time and in CPU
time). The default is the number of processes the compile uses for this many files.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import gc
import multiprocessing
import os
import sys
import time
from pathlib import Path

import yaml

CHUNK = 256  # files per task, as corpus/cache.COMPILE_CHUNK (not imported: the floor loads no lawbase)


def parse(path: str) -> int:
    with open(path, "rb") as fh:
        yaml.load(fh, Loader=yaml.CSafeLoader)  # noqa: TID251 - the safe C loader is the floor itself
    return 1


def compile_workers(files: int) -> int:
    """How many processes the cold compile uses for this many files (corpus/cache.compile_all)."""
    workers = min(os.cpu_count() or 1, 8)
    return 1 if workers < 2 or files < 400 else workers


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args(argv)
    paths = [str(p) for p in sorted(args.corpus.rglob("*.yaml"))]
    workers = args.workers or compile_workers(len(paths))
    start = time.perf_counter()
    if workers == 1:
        n = sum(map(parse, paths))
    else:
        ctx = multiprocessing.get_context("fork")
        with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=gc.disable) as pool:
            n = sum(pool.map(parse, paths, chunksize=CHUNK))
    sys.stderr.write(f"PARSED {n} {workers} {time.perf_counter() - start:.3f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
