"""Hostile corpora that cannot be fixture files: huge, deep, looping, binary or foreign files.
Each must end in a clean error (exit 2, file and line where the input has lines, no traceback),
within the memory and time bounds of conftest.run_cli(bounded=True), writing nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_cli

FILE = "articles/cl-cp/999.yaml"


def validate(corpus: Path) -> tuple[int, list[str]]:
    cache = corpus.parent / "cache"
    before = sorted(p.relative_to(corpus) for p in corpus.rglob("*") if not p.is_symlink())
    r = run_cli("validate", str(corpus), env={"LAWBASE_CACHE_DIR": str(cache)}, bounded=True)
    assert "Traceback" not in r.err and "" == r.out
    assert before == sorted(p.relative_to(corpus) for p in corpus.rglob("*") if not p.is_symlink())
    assert not cache.exists() or not list(cache.iterdir())
    return r.code, r.err.splitlines()


def test_a_50_mb_file_is_refused_before_parsing(corpus: Path) -> None:
    with open(corpus / FILE, "wb") as fh:
        fh.write(b"id: cl-cp/999\nsummary: " + b"x" * (50 * 1024 * 1024) + b"\n")
    code, lines = validate(corpus)
    assert 2 == code
    assert lines[0].startswith(
        "data/articles/cl-cp/999.yaml:1:1: (file): file is 50.0 MiB; a corpus file may be at most 2 MiB"
    )


@pytest.mark.parametrize("levels", [5_000, 30_000])
def test_deep_nesting_is_refused_with_a_position(corpus: Path, levels: int) -> None:
    (corpus / FILE).write_text("id: " + "[" * levels + "]" * levels + "\n", encoding="utf-8")
    code, lines = validate(corpus)
    assert 2 == code
    assert "nesting deeper than 40 levels" in lines[0] and lines[0].startswith(
        "data/articles/cl-cp/999.yaml:1:"
    )


def test_block_nesting_too(corpus: Path) -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(300)) + " " * 300 + "v\n"
    (corpus / FILE).write_text(text, encoding="utf-8")
    code, lines = validate(corpus)
    assert 2 == code and "nesting deeper" in lines[0]


def test_a_symlink_loop_in_the_data_folder(corpus: Path) -> None:
    os.symlink("loop-b", corpus / "articles" / "cl-cp" / "loop-a.yaml")
    os.symlink("loop-a.yaml", corpus / "articles" / "cl-cp" / "loop-b")
    os.symlink("..", corpus / "articles" / "up")
    code, lines = validate(corpus)
    assert 2 == code
    assert any("loop-a.yaml: (file): broken or looping symbolic link" in line for line in lines)
    assert any("articles/up: (file): a symbolic link to a folder is not followed" in line for line in lines)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("articles/cl-cp/notes.txt", "not a corpus file: only .yaml files belong in articles/"),
        ("articles/cl-cp/367-quinquies.yml", "(use the .yaml extension)"),
        ("instruments/logo.png", "not a corpus file"),
        ("notes.md", "unexpected file or folder 'notes.md'"),
        ("articles/stray.yaml", "files belong directly in articles/<instrument>/"),
    ],
)
def test_files_that_do_not_belong(corpus: Path, name: str, expected: str) -> None:
    (corpus / name).write_bytes(b"\x89PNG\r\n\x1a\n" if name.endswith(".png") else b"x: 1\n")
    code, lines = validate(corpus)
    assert 2 == code
    assert any(line.startswith(f"data/{name}: (file): ") and expected in line for line in lines), lines


def test_a_leading_byte_order_mark_is_accepted(corpus: Path) -> None:
    path = corpus / "articles" / "cl-cp" / "362.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    r = run_cli(
        "show",
        "362",
        "--data",
        str(corpus),
        "--json",
        env={"LAWBASE_CACHE_DIR": str(corpus.parent / "c")},
        bounded=True,
    )
    assert 0 == r.code, r.err


def test_a_binary_file_posing_as_an_instrument(corpus: Path) -> None:
    (corpus / "instruments" / "blob.yaml").write_bytes(os.urandom(4096).replace(b"\xef\xbb\xbf", b""))
    code, lines = validate(corpus)
    assert 2 == code
    assert lines[0].startswith("data/instruments/blob.yaml:")


def test_an_unreadable_file(corpus: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = corpus / "articles" / "cl-cp" / "362.yaml"
    path.chmod(0)
    code, lines = validate(corpus)
    assert 2 == code and "cannot read file" in lines[0]


CONTROL = ("\x1b", "\x07", "\r", "\u202e")


@pytest.mark.parametrize(
    "name",
    [
        "9\nforged.yaml:1:1: id: forged.yaml",
        "9\x1b]52;c;SGVsbG8=\x07.yaml",
        "9\x1b[2J\r\u202elmth.yaml",
    ],
)
def test_a_file_name_cannot_forge_a_problem_line(corpus: Path, name: str) -> None:
    """A corpus file named with a newline, ESC or a bidi override is one escaped problem line."""
    (corpus / "articles" / "cl-cp" / name).write_bytes(b"x: [\n")
    code, lines = validate(corpus)
    assert 2 == code
    assert [] == [line for line in lines if any(c in line for c in CONTROL)]
    assert not any(line.startswith("forged") for line in lines)
    assert lines[-1].endswith("file") and lines[-1].startswith(f"{len(lines) - 1} problem")


def test_a_value_cannot_forge_a_problem_line(corpus: Path) -> None:
    """A value quoted in a message, line feed and all, stays on its problem's line."""
    path = corpus / "articles" / "cl-cp" / "362.yaml"
    text = path.read_text(encoding="utf-8")
    forged = '"cl-cp/362\\ndata/articles/cl-cp/1.yaml:1:1: id: forged"'
    path.write_text(text.replace("id: cl-cp/362", f"id: {forged}", 1), encoding="utf-8")
    code, lines = validate(corpus)
    assert 2 == code
    assert 1 == len(lines) - 1 == int(lines[-1].split()[0]), lines
    assert "'cl-cp/362\\ndata/articles/cl-cp/1.yaml:1:1: id: forged' is not" in lines[0]
