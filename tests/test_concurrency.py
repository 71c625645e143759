"""Ten processes started at once on a cold cache give identical answers and leave one good cache."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _show(corpus: Path) -> list[str]:
    """The lookup every process runs: same command, same corpus, so answers must be identical."""
    return [
        sys.executable,
        "-m",
        "lawbase",
        "show",
        "367ter",
        "--as-of",
        "2018-06-01",
        "--json",
        "--data",
        str(corpus),
    ]


def test_ten_processes_at_once(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "NO_COLOR": "1", "LAWBASE_CACHE_DIR": str(cache)}
    cmd = _show(corpus)
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
        for _ in range(10)
    ]
    results = [(p.wait(timeout=180), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    codes = {code for code, _, _ in results}
    outputs = {out for _, out, _ in results}
    assert {0} == codes, [err for _, _, err in results]
    assert 1 == len(outputs)
    files = list(cache.glob("*.sqlite"))
    assert 1 == len(files) and not list(cache.glob(".lawbase-*"))  # no temporary file left behind
    db = sqlite3.connect(files[0])
    assert "1" == dict(db.execute("SELECT key, value FROM meta"))["complete"]


def test_concurrent_refreshes_after_an_edit(corpus: Path, tmp_path: Path) -> None:
    """An edit seen by ten processes at once is compiled once and answered the same by all."""
    cache = tmp_path / "cache"
    env = {**os.environ, "NO_COLOR": "1", "LAWBASE_CACHE_DIR": str(cache)}
    base = _show(corpus)
    subprocess.run(base, check=True, capture_output=True, env=env, cwd=ROOT)
    path = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("(the client offence)", "(EDITED)"), encoding="utf-8"
    )
    procs = [
        subprocess.Popen(base, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
        for _ in range(10)
    ]
    results = [(p.wait(timeout=180), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert {0} == {c for c, _, _ in results}, [e for _, _, e in results]
    assert 1 == len({o for _, o, _ in results})
    assert b"(EDITED)" in results[0][1]
