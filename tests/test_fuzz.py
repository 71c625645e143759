"""Fuzzing: whatever a user types or a hand-edit does to a file, lawbase answers or says why in
one line; it never fails with an unhandled exception."""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout, suppress
from pathlib import Path

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawbase import refs
from lawbase.cli import main
from lawbase.corpus import loader
from lawbase.errors import DataError, NotFound

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(st.text(max_size=60))
def test_reference_parsing_never_raises(text: str) -> None:
    refs.parse(text)
    refs.slug(text)
    refs.number_key(text)


@FUZZ
@given(
    st.one_of(
        st.text(max_size=40),
        st.from_regex(
            r"(CP|OPSC|CRC|COT|Ley 19\.927|art\.?)? ?[0-9]{1,4} ?(bis|ter|quáter|quinquies)? ?(\([0-9a-z]\)){0,3}",
            fullmatch=True,
        ),
    )
)
def test_resolving_a_reference_answers_or_says_not_found(kb, text: str) -> None:  # type: ignore[no-untyped-def]
    with suppress(NotFound):
        kb.resolve(text)


COMMANDS = [
    "show",
    "penalty",
    "search",
    "gaps",
    "coverage",
    "compare",
    "age",
    "refs",
    "extradition",
    "graph",
    "validate",
    "site",
]
OPTIONS = ["--json", "--as-of", "--data", "--history", "--conduct", "--limit", "--format", "--against", "--depth",
           "--reverse", "--treaty", "--jurisdiction", "--help", "-x", "--"]  # fmt: skip
WORDS = st.one_of(
    st.sampled_from(OPTIONS),
    st.sampled_from(
        [
            "367ter",
            "OPSC 3(1)(c)",
            "2018-06-01",
            "2018-13-40",
            "md",
            "csv",
            "dot",
            "svg",
            "html",
            "0",
            "-5",
            "99999",
            "cl",
            "zz",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12),
)


@FUZZ
@given(st.sampled_from(COMMANDS), st.lists(WORDS, max_size=5))
def test_any_arguments_end_in_an_answer_or_a_one_line_error(command: str, words: list[str]) -> None:
    if "--data" in words:  # never let the fuzzer point lawbase at an arbitrary folder
        words = [w for w in words if w != "--data"]
    out, err = io.StringIO(), io.StringIO()
    code = 0
    # `site` writes a folder named by its argument: let it write into a scratch folder only
    with (
        tempfile.TemporaryDirectory() as scratch,
        contextlib.chdir(scratch),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        try:
            main([command, *words])
        except SystemExit as exc:
            code = int(exc.code or 0)
    assert code in (0, 1, 2), (command, words, err.getvalue())
    assert "Traceback" not in err.getvalue()
    if code:
        assert err.getvalue().strip(), (command, words)


MUTATIONS = st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "char", "truncate", "colon"])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA, root)
    return root


@FUZZ
@given(st.sampled_from(["articles/cl-cp/367-ter.yaml", "articles/cl-cot/6.yaml", "instruments/un-opsc.yaml", "vocabulary.yaml"]),
       MUTATIONS, st.integers(min_value=0, max_value=10_000), st.text(max_size=3))  # fmt: skip
def test_a_mutated_corpus_loads_or_fails_cleanly(
    scratch: Path, name: str, how: str, where: int, extra: str
) -> None:
    path = scratch / name
    original = (DATA / name).read_text(encoding="utf-8")
    lines = original.split("\n")
    i = where % len(lines)
    if how == "delete":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[i])
    elif how == "swap":
        j = (i + 1) % len(lines)
        lines[i], lines[j] = lines[j], lines[i]
    elif how == "indent":
        lines[i] = "  " + lines[i]
    elif how == "dedent":
        lines[i] = lines[i].lstrip()
    elif how == "char":
        pos = where % (len(original) or 1)
        text = original[:pos] + extra + original[pos + 1 :]
        lines = text.split("\n")
    elif how == "truncate":
        lines = lines[:i]
    else:
        lines[i] = lines[i].replace(":", "", 1)
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        loader.load(scratch)
    except DataError as exc:
        assert exc.problems and all(p.file for p in exc.problems)
    finally:
        path.write_text(original, encoding="utf-8")
