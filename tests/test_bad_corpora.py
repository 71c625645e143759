"""One broken file per loader failure mode: each must fail validation with the exact location.

Each tests/bad/<case>.yaml starts with two comment lines:
    # target: <path inside the corpus the file is written to>
    # expect: <file>:<line>:<col>: <field>: <start of the message>
The case is written into a scratch copy of the shipped corpus and `lawbase validate` is run.
A YAML syntax error is expected by its position and lawbase's own "YAML syntax error" only: the
words after it are libyaml's, which a new release may change (README.md, "New releases").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

BAD = Path(__file__).parent / "bad"
CASES = sorted(BAD.glob("*.yaml"))


def header(case: Path) -> tuple[str, str]:
    lines = case.read_bytes().split(b"\n")
    target = lines[0].decode().removeprefix("# target: ").strip()
    expect = lines[1].decode().removeprefix("# expect: ").strip()
    return target, expect


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_file_is_reported_with_file_line_column_and_field(case: Path, corpus: Path) -> None:
    """The problem line names file:line:col and the field; exit 2; no traceback; nothing run."""
    target, expect = header(case)
    (corpus / target).write_bytes(case.read_bytes())
    before = sorted(p.relative_to(corpus) for p in corpus.rglob("*"))
    cache = corpus.parent / "cache"
    result = run_cli(
        "validate", str(corpus), cwd=corpus.parent, env={"LAWBASE_CACHE_DIR": str(cache)}, bounded=True
    )
    assert result.code == 2, result.err
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    expected = "data/" + expect
    assert any(line.startswith(expected) for line in lines), f"expected {expected!r} in:\n{result.err}"
    assert lines[-1].endswith(("file", "files")) and "problem" in lines[-1]
    # nothing written, nothing executed (the python-tag case would create this file)
    assert sorted(p.relative_to(corpus) for p in corpus.rglob("*")) == before
    assert [] == [p.name for p in cache.glob("*")] if cache.exists() else True  # no cache of a bad corpus
    assert not (corpus.parent / "lawbase-pwned").exists()


def test_every_loader_failure_mode_has_a_case() -> None:
    """The catalogue covers each failure mode the loader promises to catch."""
    modes = {
        "duplicate-key", "anchor", "alias", "python-tag", "custom-tag", "unknown-key",
        "date-not-iso", "date-impossible", "wrong-type", "invalid-utf8", "not-a-mapping",
        "empty", "duplicate-id", "id-not-path", "dangling-law", "dangling-source",
        "dangling-provision", "dangling-offence", "dangling-requirement", "versions-unordered",
        "versions-overlap", "version-without-source", "unknown-conduct", "unknown-degree",
        "second-item-bad", "syntax-unclosed", "escaped-control", "escaped-control-key",
        "escaped-bidi", "bidi-character", "line-separator", "cr-line-breaks", "number-too-large",
        "number-infinite", "id-trailing-newline",
    }  # fmt: skip
    assert modes <= {c.stem for c in CASES}
