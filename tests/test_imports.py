"""Start-up is kept honest: each command loads only the heavy modules it needs (measured by
running it in a fresh process with `python -X importtime`, on a warm cache)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT

HEAVY = ("networkx", "rapidfuzz", "rich", "yaml", "jsonschema", "typer", "pydantic")

# command -> the heavy modules it may load; every other heavy module must stay unloaded
ALLOWED = {
    ("--help",): {"typer"},
    ("show", "367ter", "--json"): set(),
    ("show", "367ter"): {"rich"},
    ("penalty", "367ter", "--json"): set(),
    ("penalty", "367ter"): {"rich"},
    ("search", "client", "--json"): {"rapidfuzz"},
    ("gaps", "--json"): set(),
    ("gaps",): {"rich"},
    ("gaps", "--format", "md"): set(),
    ("coverage", "OPSC", "--json"): set(),
    ("compare", "2001-06-01", "2018-06-01", "--json"): set(),
    ("extradition", "367ter", "--json"): set(),
    ("graph", "367ter", "--format", "dot"): {"networkx"},
    ("refs", "367", "--json"): set(),
    ("age", "15", "--json"): set(),
    ("validate", "--json"): set(),
}


def loaded(args: tuple[str, ...]) -> set[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-X", "importtime", "-m", "lawbase", *args]
    subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, timeout=120)  # warms the cache
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = {m.group(1).split(".")[0] for m in re.finditer(r"\|\s+(\S+)\s*$", proc.stderr, re.M)}
    return names & set(HEAVY)


@pytest.mark.parametrize("args", list(ALLOWED), ids=[" ".join(a) for a in ALLOWED])
def test_each_command_loads_only_what_it_needs(args: tuple[str, ...]) -> None:
    extra = loaded(args) - ALLOWED[args]
    assert set() == extra, f"lawbase {' '.join(args)} loaded {sorted(extra)}"


def test_json_output_needs_no_rich_and_warm_runs_need_no_yaml() -> None:
    for args in (("show", "367ter", "--json"), ("gaps", "--json")):
        assert not loaded(args) & {"rich", "yaml"}
