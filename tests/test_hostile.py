"""Hostile corpora that cannot be fixture files: huge, deep, looping, binary or foreign files.
Each must end in a clean error (exit 2, file and line where the input has lines, no traceback),
within the memory and time bounds of conftest.run_cli(bounded=True), writing nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, ROOT, run_cli

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


# --- files lawbase may not read ----------------------------------------------------------------
# CI runs as root, who reads every file: these tests run the CLI with the privilege dropped.


def _world_reachable(path: Path) -> bool:
    """True when user nobody can reach and read `path` (every folder above it searchable)."""
    real = path.resolve()
    if not real.stat().st_mode & stat.S_IROTH:
        return False
    return all(p.stat().st_mode & stat.S_IXOTH for p in real.parents)


def _drop_dac_capabilities() -> None:
    """Stay root but lose CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so file modes apply."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [
            ("effective", ctypes.c_uint32),
            ("permitted", ctypes.c_uint32),
            ("inheritable", ctypes.c_uint32),
        ]

    header, data = Header(0x20080522, 0), (Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    keep = ~((1 << 1) | (1 << 2)) & 0xFFFFFFFF  # CAP_DAC_OVERRIDE = 1, CAP_DAC_READ_SEARCH = 2
    data[0].effective &= keep
    data[0].permitted &= keep
    data[0].inheritable &= keep
    for cap in (1, 2):  # out of the bounding set too, or exec would give them back to root
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


NOBODY = 65534
_AS_NOBODY = os.geteuid() == 0 and all(
    _world_reachable(p) for p in (Path(sys.executable), ROOT / "lawbase" / "__init__.py", Path(yaml.__file__))
)


def _unprivileged() -> None:
    """In the child, before exec: run as nobody (the plan) or, when nobody cannot reach Python
    (an interpreter under /root, as on some dev machines), as root without the file-permission
    override. Either way a file with mode 000 cannot be read."""
    if os.geteuid() != 0:
        return
    if _AS_NOBODY:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    else:
        _drop_dac_capabilities()


@pytest.fixture
def shared_corpus() -> Iterator[Path]:
    """A copy of the shipped corpus that an unprivileged user can read, with a cache folder it
    can write (pytest's own tmp_path is private to root)."""
    base = Path(tempfile.mkdtemp(prefix="lawbase-unprivileged-"))
    base.chmod(0o755)
    shutil.copytree(DATA, base / "data")
    (base / "cache").mkdir(mode=0o777)
    (base / "cache").chmod(0o777)
    if os.geteuid() == 0:
        for folder, dirs, files in os.walk(base):
            for name in [*dirs, *files, ""]:
                os.chown(os.path.join(folder, name), NOBODY, NOBODY)
    yield base / "data"
    for folder, dirs, _files in os.walk(base):
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o755)
    shutil.rmtree(base)


def validate_unprivileged(corpus: Path) -> tuple[int, list[str]]:
    cache = corpus.parent / "cache"
    proc = subprocess.run(
        [sys.executable, "-m", "lawbase", "validate", str(corpus)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, preexec_fn=_unprivileged,
        env={**os.environ, "LAWBASE_CACHE_DIR": str(cache), "NO_COLOR": "1"},
    )  # fmt: skip
    assert "Traceback" not in proc.stderr and "" == proc.stdout
    assert [] == list(cache.iterdir())  # no cache of a corpus that could not be read
    return proc.returncode, proc.stderr.splitlines()


def test_an_unreadable_file(shared_corpus: Path) -> None:
    """A file without read permission is one located problem, exit 2 - also when CI runs as root."""
    path = shared_corpus / "articles" / "cl-cp" / "362.yaml"
    path.chmod(0)
    code, lines = validate_unprivileged(shared_corpus)
    assert 2 == code
    assert [
        "data/articles/cl-cp/362.yaml: (file): cannot read file: Permission denied",
        "1 problem in 1 file",
    ] == lines


def test_an_unreadable_folder_is_reported_once(shared_corpus: Path) -> None:
    """`chmod 000 articles/cl-cp` gave ~23 errors, every reference into it 'unknown'; now one."""
    (shared_corpus / "articles" / "cl-cp").chmod(0)
    code, lines = validate_unprivileged(shared_corpus)
    assert 2 == code
    assert [
        "data/articles/cl-cp: (file): cannot read folder: Permission denied",
        "1 problem in 1 file",
    ] == lines


def test_a_file_unreadable_only_when_read_does_not_cascade(corpus: Path) -> None:
    """A file the walk found but the read failed on (the race the walk cannot close) fails its
    kind: references into it are not reported as dangling."""
    import lawbase.corpus.loader as loader
    from lawbase.errors import DataError

    target = corpus / "articles" / "cl-cp" / "361.yaml"
    real = loader._read_bytes

    def flaky(path: Path) -> bytes | int:
        if path == target:
            raise PermissionError(13, "Permission denied")
        return real(path)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(loader, "_read_bytes", flaky)
        with pytest.raises(DataError) as caught:
            loader.load(corpus)
    assert ["data/articles/cl-cp/361.yaml: (file): cannot read file: Permission denied"] == [
        str(p) for p in caught.value.problems
    ]


# --- files that are not regular files -------------------------------------------------------


def _make_socket(path: Path) -> None:
    import socket

    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (os.mkfifo, "a FIFO"),
        (lambda p: os.symlink("/dev/zero", p), "a character device"),
        (_make_socket, "a socket"),
    ],
    ids=["fifo", "symlink-to-dev-zero", "socket"],
)
def test_only_regular_files_are_read(corpus: Path, make: Any, what: str) -> None:
    """A FIFO would hang every command and /dev/zero would fill memory: both are located problems."""
    make(corpus / FILE)
    code, lines = validate(corpus)
    assert 2 == code
    assert f"data/{FILE}: (file): not a regular file ({what})" == lines[0]
    assert "1 problem in 1 file" == lines[-1]


def test_a_top_level_file_that_is_a_device(corpus: Path) -> None:
    """vocabulary.yaml pointing at /dev/zero is refused too, and its absence does not cascade."""
    (corpus / "vocabulary.yaml").unlink()
    os.symlink("/dev/zero", corpus / "vocabulary.yaml")
    code, lines = validate(corpus)
    assert 2 == code
    assert [
        "data/vocabulary.yaml: (file): not a regular file (a character device)",
        "1 problem in 1 file",
    ] == lines


def test_the_reader_does_not_block_on_a_fifo_swapped_in_after_the_walk(tmp_path: Path) -> None:
    """Opening is non-blocking and fstat decides, so a FIFO that replaces a file is refused at once."""
    fifo = tmp_path / "swapped.yaml"
    os.mkfifo(fifo)
    code = (
        "import sys; from pathlib import Path; from lawbase.corpus.loader import _read_bytes\n"
        "try:\n    _read_bytes(Path(sys.argv[1]))\nexcept OSError as exc:\n    print(exc)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=20, cwd=ROOT
    )
    assert "not a regular file (a FIFO)" == proc.stdout.strip(), proc.stderr


# --- quadratic and factorial work ------------------------------------------------------------


def _provision(number: str, extra: str) -> str:
    return (
        f'id: cl-cp/{number}\ninstrument: cl-cp\nnumber: "{number}"\n'
        "title: {en: a provision of a hostile corpus}\n"
        'versions:\n  - from: "2004-01-14"\n    by: cl-ley-19927\n    summary: x\n'
        '    sources: [{source: dl-321, pinpoint: x, verified: true, checked: "2026-11-23"}]\n' + extra
    )


def test_refs_over_a_citation_clique_is_small_and_marks_cycles(corpus: Path) -> None:
    """Twelve provisions citing each other made a tree of 11! paths; now each is expanded once."""
    numbers = [str(n) for n in range(900, 912)]
    for n in numbers:
        cites = "".join(f'      - {{to: "cl-cp/{m}", why: "cites"}}\n' for m in numbers if m != n)
        (corpus / "articles" / "cl-cp" / f"{n}.yaml").write_text(
            _provision(n, "    refers_to:\n" + cites), encoding="utf-8"
        )
    cache = corpus.parent / "cache"
    start = time.monotonic()
    r = run_cli(
        "refs", "900", "--depth", "10", "--data", str(corpus), "--json",
        env={"LAWBASE_CACHE_DIR": str(cache)}, bounded=True,
    )  # fmt: skip
    assert 0 == r.code, r.err
    assert time.monotonic() - start < 30
    tree = json.loads(r.out)["tree"]
    assert 11 == len(tree["children"])

    def walk(n: dict[str, Any]) -> list[dict[str, Any]]:
        return [n] + [m for c in n["children"] for m in walk(c)]

    nodes = walk(tree)
    assert 1 + 11 + 11 * 11 == len(nodes)  # the root, its citations, and theirs as leaves
    expanded = [n["provision"] for n in nodes if n["children"]]
    assert sorted(expanded) == sorted(set(expanded))  # each provision's citations shown once
    grandchildren = [g for c in tree["children"] for g in c["children"]]
    assert {"cl-cp/900"} == {g["provision"] for g in grandchildren if g["cycle"]}
    assert all(g["repeat"] != g["cycle"] for g in grandchildren)
    assert not json.loads(r.out)["truncated"]


def test_a_list_of_50000_items_is_checked_in_linear_time(corpus: Path) -> None:
    """uniqueItems used a list (50,000 items took 40 s); a set takes a second."""
    path = corpus / "articles" / "cl-cp" / "362.yaml"
    text = path.read_text(encoding="utf-8")
    keywords = "keywords:\n" + "".join(f"  - kw{i}\n" for i in range(50_000)) + "  - kw7\n"
    path.write_text(re.sub(r"^keywords: .*\n", lambda _: keywords, text, flags=re.M), encoding="utf-8")
    start = time.monotonic()
    code, lines = validate(corpus)
    assert time.monotonic() - start < 15
    assert 2 == code
    assert [
        "data/articles/cl-cp/362.yaml:50012:5: keywords[50000]: repeats text 'kw7'",
        "1 problem in 1 file",
    ] == lines


def test_suggestions_are_linear_and_skip_what_cannot_be_a_typo() -> None:
    """A 129 KB word gets no suggestion (and no time); 50,000 choices take well under a second."""
    from lawbase.corpus.schema import suggest

    choices = [f"tag-{i}" for i in range(50_000)] + ["rape"]
    start = time.monotonic()
    assert "" == suggest("3" * 129_000, choices)
    assert " (did you mean 'rape'?)" == suggest("rpae", choices)
    assert " (did you mean 'tag-49999'?)" == suggest("tag-49999x", choices)
    # near-misses of 130 characters against 50,000 alike: difflib took 52 s here
    alike = [f"offence-{i}-" + "ab" * 60 for i in range(50_000)]
    assert suggest("offence-x-" + "ba" * 60, alike).startswith(" (did you mean 'offence-")
    assert time.monotonic() - start < 3


@pytest.mark.parametrize(
    ("command", "what"), [("show", "reference"), ("refs", "reference"), ("search", "search text")]
)
def test_a_129_kb_argument_is_refused_in_one_line(command: str, what: str) -> None:
    """A pasted 129,000-digit "article number" used to end in an internal error (int conversion)."""
    r = run_cli(command, "3" * 129_000, bounded=True)
    assert 2 == r.code
    assert [
        f"lawbase: the {what} is 129,000 characters long; lawbase takes at most 1,000"
    ] == r.err.splitlines()


def _fifteen_thousand_versions(corpus: Path) -> None:
    """Art. 362 rewritten with 15,000 versions, one a day from 1960."""
    path = corpus / "articles" / "cl-cp" / "362.yaml"
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("versions:")]
    day = dt.date(1960, 1, 1)
    versions = "".join(
        f'- {{from: "{day + dt.timedelta(days=i)}", by: cl-ley-19617, summary: v, sources: '
        '[{source: dl-321, pinpoint: x, verified: true, checked: "2026-11-23"}]}\n'
        for i in range(15_000)
    )
    path.write_text(head + "versions:\n" + versions, encoding="utf-8")


def test_compare_over_15000_versions_in_one_file(corpus: Path) -> None:
    """The gap analysis ran once per version start (15,000 times, minutes); now once per state."""
    _fifteen_thousand_versions(corpus)
    r = run_cli(
        "compare", "1960-01-01", "2020-01-01", "--data", str(corpus), "--json",
        env={"LAWBASE_CACHE_DIR": str(corpus.parent / "cache")}, bounded=True,
    )  # fmt: skip
    assert 0 == r.code, r.err[-2000:]
    amended = json.loads(r.out)["provisions"]["amended"]
    assert 14_999 == len(next(p for p in amended if p["id"] == "cl-cp/362")["laws"])  # after the first


def test_the_site_over_15000_versions_in_one_file(corpus: Path, tmp_path: Path) -> None:
    """Each version's block rebuilt the whole list of versions and found its version by a linear
    scan (over ten minutes for 15,000); now a version costs its own block (seconds)."""
    _fifteen_thousand_versions(corpus)
    www = tmp_path / "www"
    r = run_cli(
        "site", str(www), "--as-of", "2024-01-01", "--data", str(corpus),
        env={"LAWBASE_CACHE_DIR": str(corpus.parent / "cache")}, bounded=True,
    )  # fmt: skip
    assert 0 == r.code, r.err[-2000:]
    # a page per version, each with a few of its neighbours on its timeline, and the article's
    # own page with the whole timeline
    assert 15_000 == len(list(www.glob("cl-cp--362.????-??-??.html")))
    page = (www / "cl-cp--362.html").read_text(encoding="utf-8")
    assert 15_000 == page.count('<span class="dates">')
    one = (www / "cl-cp--362.1990-01-01.html").read_text(encoding="utf-8")
    assert one.count('<span class="dates">') < 20


# --- output that cannot be written, arguments that are not text ------------------------------


def test_a_closed_stdout_is_one_line_and_exit_74() -> None:
    """`lawbase show 367ter >&-` used to end in a traceback (sys.stdout is None)."""
    proc = subprocess.run(
        [sys.executable, "-m", "lawbase", "show", "367ter"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=60,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert 74 == proc.returncode
    assert ["lawbase: cannot write the answer: standard output is closed"] == proc.stderr.splitlines()


@pytest.mark.parametrize("args", [("gaps",), ("gaps", "--format", "md"), ("show", "367ter", "--json")])
def test_a_closed_pipe_ends_quietly_with_141(args: tuple[str, ...]) -> None:
    """`lawbase gaps | head -1` exited 1 ("nothing found"); it is now 141, as for a SIGPIPE."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written: the first write fails
    proc = subprocess.run(
        [sys.executable, "-m", "lawbase", *args], stdout=write, stderr=subprocess.PIPE, text=True,
        cwd=ROOT, timeout=60,
    )  # fmt: skip
    os.close(write)
    assert 141 == proc.returncode
    assert "" == proc.stderr


@pytest.mark.parametrize("args", [("gaps", "--format", "md"), ("gaps",), ("show", "367ter")])
def test_a_full_disk_is_one_line_and_exit_74(args: tuple[str, ...]) -> None:
    """`lawbase gaps --format md > /dev/full` used to be an internal error (exit 70)."""
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "lawbase", *args], stdout=full, stderr=subprocess.PIPE, text=True,
            cwd=ROOT, timeout=60,
        )  # fmt: skip
    assert 74 == proc.returncode
    assert ["lawbase: cannot write the answer: No space left on device"] == proc.stderr.splitlines()


def test_an_output_encoding_without_the_text() -> None:
    """PYTHONIOENCODING=ascii: JSON comes out as \\u escapes; text is one line and exit 74."""
    env = {"PYTHONIOENCODING": "ascii"}
    r = run_cli("show", "367ter", "--json", env=env)
    assert 0 == r.code and r.out.isascii()
    assert "cl-cp/367-ter" == json.loads(r.out)["id"]
    r = run_cli("show", "367ter", env=env)
    assert 74 == r.code
    assert 1 == len(r.err.splitlines()) and "set PYTHONIOENCODING=utf-8" in r.err
    assert "" == r.out  # nothing half-written
    assert 0 == run_cli("gaps", "--format", "md", env={"LC_ALL": "C", "PYTHONIOENCODING": ""}).code


@pytest.mark.parametrize(
    "args",
    [
        (b"show", b"367ter", b"--data", b"\xffdir"),
        (b"refs", b"367ter", b"--data", b"\xffdir"),
        (b"show", b"36\xff"),
    ],
    ids=["fast-path-data", "typer-data", "reference"],
)
def test_arguments_that_are_not_utf8(args: tuple[bytes, ...]) -> None:
    """A non-UTF-8 --data folder was an internal error; any such argument is now a usage error."""
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"lawbase", *args], capture_output=True, cwd=ROOT, timeout=60
    )
    assert 2 == proc.returncode
    shown = args[-1].decode("utf-8", "backslashreplace")
    assert [f"lawbase: argument '{shown}' is not valid UTF-8 text"] == proc.stderr.decode().splitlines()


def test_a_file_name_that_is_not_utf8(corpus: Path) -> None:
    """A corpus file whose name is not UTF-8 cannot be an id: a located problem, not a crash."""
    os.rename(
        corpus / "articles" / "cl-cp" / "362.yaml", os.fsencode(corpus / "articles" / "cl-cp") + b"/\xff.yaml"
    )
    code, lines = validate(corpus)
    assert 2 == code
    assert "data/articles/cl-cp/\\xff.yaml: (file): the name is not valid UTF-8" in lines


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
