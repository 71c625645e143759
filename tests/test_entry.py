"""The fast path (show, penalty, search, gaps without typer) answers exactly as the typer CLI."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

from lawbase.entry import fast_parse

CASES = [
    ["show", "367ter", "--json"],
    ["show", "Art. 367-ter", "--as-of", "2018-06-01"],
    ["show", "--as-of=2001-06-01", "367 ter", "--json"],
    ["show", "367 tre"],
    ["show", "367ter", "--as-of", "2018-02-30"],
    ["penalty", "367", "--history", "--json"],
    ["penalty", "--conduct", "csam-possession", "--as-of", "2018-06-01"],
    ["penalty", "--conduct", "csam-posession"],
    ["search", "client", "--json"],
    ["search", "zzqqxxv", "--json"],
    ["search", "cliente", "--limit", "3"],
    ["gaps", "--as-of", "2018-06-01", "--against", "OPSC", "--json"],
    ["gaps", "--format", "md", "--as-of", "2001-06-01"],
    ["gaps", "--format", "csv"],
    ["gaps", "--against", "atlantis"],
]


def run(prefix: list[str], args: list[str]) -> tuple[int, str, str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    proc = subprocess.run(
        [sys.executable, *prefix, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c) for c in CASES])
def test_fast_path_and_typer_agree(args: list[str]) -> None:
    assert fast_parse(args) is not None, "this case should take the fast path"
    fast = run(["-m", "lawbase"], args)
    full = run(["-c", "import sys; from lawbase.cli import main; main(sys.argv[1:])"], args)
    assert full == fast


@pytest.mark.parametrize(
    "args",
    [["show"], ["show", "a", "b"], ["show", "367ter", "--help"], ["show", "367ter", "--as-of"], ["penalty", "367", "--history", "--bogus"],
     ["search", "x", "--limit", "0"], ["gaps", "--format", "pdf"], ["show", "367ter", "--json", "--as-of", "2018-06-01", "--as-of", "2019-01-01"], []],
)  # fmt: skip
def test_anything_unusual_goes_to_typer(args: list[str]) -> None:
    assert fast_parse(args) is None
