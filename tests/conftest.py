"""Shared fixtures: a quiet, wide terminal, the shipped corpus, a scratch copy of it, CLI runners."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# rich colours and wraps output unless told otherwise; tests read plain, wide text
os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "200"
os.environ.pop("LAWBASE_DATA", None)
# English unless a test asks for Spanish; a Spanish string missing from the catalogues fails
os.environ.pop("LAWBASE_LANG", None)
os.environ["LC_ALL"] = "C.UTF-8"
os.environ["LAWBASE_STRICT_I18N"] = "1"
# a cache of our own, so tests never read or write the user's
os.environ["LAWBASE_CACHE_DIR"] = tempfile.mkdtemp(prefix="lawbase-test-cache-")


@pytest.fixture(scope="session")
def kb():  # type: ignore[no-untyped-def]
    """The shipped corpus, loaded once."""
    import lawbase

    return lawbase.load(DATA)


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Path]:
    """A scratch copy of the shipped corpus named `data`, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    yield target


@dataclass
class Result:
    code: int
    out: str
    err: str


MEMORY_LIMIT = 2 * 1024**3  # bytes of address space a hostile input may make lawbase use
TIME_LIMIT = 60  # seconds


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, bounded: bool = False
) -> Result:
    """Run `python -m lawbase ARGS` in a fresh process, as a user would; `bounded` caps its
    memory at MEMORY_LIMIT and its time at TIME_LIMIT (for hostile inputs)."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "lawbase", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=TIME_LIMIT if bounded else 120,
        preexec_fn=_limit_memory if bounded else None,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli
