"""Strings from data cannot attack the reader: every output format escapes them."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

from lawbase import shapes
from lawbase.render import emit_json, table_csv, terminal
from lawbase.render.markdown import escape as md_escape

HOSTILE = (
    '<script>alert(1)</script> [click](javascript:alert(1)) \\" | `x` *y* _z_ ![img](http://evil/x.png)'
    " www.evil.example https://evil.example/a HTTP://EVIL.EXAMPLE ftp://evil.example"
    " mailto:x@evil.example someone@evil.example (www.evil.example)"
)
FORMULA = '=HYPERLINK("http://evil")'
# formulas behind a separator: a spreadsheet splitting on ';' or a tab starts a field there
SEPARATED = 'x;=HYPERLINK("http://evil") y,=1+1 z\t=2 w;@SUM(1) v; -3 u,"+4" t;\t\t=5'
STARTERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile(corpus: Path) -> Path:
    law = corpus / "instruments" / "cl-ley-19927.yaml"
    text = law.read_text(encoding="utf-8").replace(
        "short: Ley 19.927", "short: " + json.dumps("Ley 19.927 " + HOSTILE)
    )
    law.write_text(text, encoding="utf-8")
    art = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    text = art.read_text(encoding="utf-8").replace(
        "name: {es: obtención de servicios sexuales de menores,",
        "name: {es: " + json.dumps(FORMULA + " " + SEPARATED + " " + HOSTILE) + ",",
    )
    art.write_text(text, encoding="utf-8")
    return corpus


def run(corpus: Path, *args: str) -> str:
    r = run_cli(*args, "--data", str(corpus), env={"LAWBASE_CACHE_DIR": str(corpus.parent / "cache")})
    assert 0 == r.code, r.err
    return r.out


def test_markdown_escapes_markup_links_and_html(hostile: Path) -> None:
    out = run(hostile, "gaps", "--as-of", "2018-06-01", "--format", "md")
    assert "Ley 19.927" in out and "alert(1)" in out  # the text is there ...
    assert "<script>" not in out and "&lt;script&gt;" in out  # ... but inert
    assert "[click](javascript" not in out and "![img](" not in out
    assert not re.search(
        r"(?<!\\)\|", out.split("## Findings")[1].split("## Sources")[0].replace("| ", "").replace(" |", "")
    )


def fields(out: str, sep: str) -> list[str]:
    """Every field a spreadsheet splitting on `sep` could make of the CSV: read as CSV, and cut
    naively at each separator with quotes and spaces dropped (as a careless import would)."""
    found = [f for row in csv.reader(io.StringIO(out), delimiter=sep) for f in row]
    return found + [f.lstrip(' "') for line in out.splitlines() for f in line.split(sep)]


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_csv_neutralises_formulas_whatever_the_separator(hostile: Path, sep: str) -> None:
    """No field starts a formula, whether the spreadsheet splits on commas, semicolons or tabs."""
    out = run(hostile, "gaps", "--as-of", "2018-06-01", "--format", "csv")
    assert "HYPERLINK" in out
    bad = [f for f in fields(out, sep) if f.startswith(STARTERS)]
    assert [] == bad


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("text;=HYPERLINK(1)", "text;'=HYPERLINK(1)"),
        ("x,=1+1", "x,'=1+1"),
        ("x\t=1", "x\t'=1"),
        ("x\r=1", "x\r'=1"),
        ("x,\t=1", "x,'\t'=1"),
        ('x; "=1"', 'x;\' "=1"'),
        ("a-b, c; d", "a-b, c; d"),
        (None, ""),
    ],
)
def test_csv_cell_rule(value: str | None, expected: str) -> None:
    """A quote goes before each formula starter a field could begin with, and nowhere else."""
    assert expected == table_csv.cell(value)


def test_csv_neutralises_formulas(hostile: Path) -> None:
    out = run(hostile, "gaps", "--as-of", "2018-06-01", "--format", "csv")
    for row in csv.reader(io.StringIO(out)):
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@"), cell


@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_graph_formats_quote_everything(hostile: Path, fmt: str) -> None:
    out = run(hostile, "graph", "367ter", "--depth", "3", "--format", fmt, "--as-of", "2018-06-01")
    assert "Ley 19.927" in out
    if fmt == "dot":
        for line in out.splitlines()[3:-1]:
            # every string is a "..." run whose inner quotes are escaped: nothing breaks out of a
            # label (inside a quoted DOT string, <script> is plain text to Graphviz)
            stripped = re.sub(r'"(?:[^"\\]|\\.)*"', "S", line)
            assert '"' not in stripped and "\n" not in stripped, line
    else:
        assert "<script>" not in out and "javascript:" in out.replace("#58;", ":")
        for line in out.splitlines()[1:]:
            inner = re.findall(r'\["(.*)"\]', line)
            assert all('"' not in i for i in inner), line


def test_json_carries_the_text_verbatim_and_valid(hostile: Path) -> None:
    data = json.loads(run(hostile, "show", "367ter", "--as-of", "2018-06-01", "--json"))
    assert data["offences"][0]["name"]["es"].startswith(FORMULA)


def test_terminal_output_does_not_interpret_rich_markup(hostile: Path) -> None:
    out = run(hostile, "show", "367ter", "--as-of", "2018-06-01")
    assert "[click](javascript:alert(1))" in out or "javascript:alert(1)" in out


@pytest.mark.parametrize(
    "args",
    [
        ["show", "367ter"],
        ["penalty", "367ter", "--history"],
        ["search", "client"],
        ["search", "zzqqxxv"],
        ["validate"],
        ["gaps", "--as-of", "2018-06-01"],
        ["coverage", "OPSC"],
        ["compare", "2001-06-01", "2018-06-01"],
        ["age", "15"],
        ["refs", "367ter"],
        ["extradition", "367ter"],
        ["graph", "367ter", "--format", "json"],
    ],
)
def test_json_flag_prints_nothing_but_json(hostile: Path, args: list[str]) -> None:
    """Every command's `--json` stdout parses as one JSON document, hostile data included."""
    flags = [] if "--format" in args else ["--json"]
    r = run_cli(
        *args, *flags, "--data", str(hostile), env={"LAWBASE_CACHE_DIR": str(hostile.parent / "cache")}
    )
    assert r.code in (0, 1), r.err  # 1: an answer that found nothing ("no match")
    json.loads(r.out)


def test_markdown_turns_no_address_into_a_link(hostile: Path) -> None:
    """Bare addresses in data stay text in GitHub-flavoured Markdown: pandoc's GFM reader makes
    no link of them (the only links are lawbase's own footnote references)."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed")
    out = run(hostile, "gaps", "--as-of", "2018-06-01", "--format", "md")
    assert "evil.example" in out
    html = subprocess.run(
        [pandoc, "-f", "gfm", "-t", "html"], input=out, capture_output=True, text=True, check=True
    ).stdout
    assert "evil.example" in html
    assert [] == [a for a in re.findall(r"<a [^>]*>", html) if not re.search(r'href="#', a)]


def test_markdown_escape_breaks_every_autolink_form() -> None:
    """What cmark-gfm links on sight - `scheme://`, `www.` and `@` - is never left as it was."""
    out = md_escape("see www.x.org, HTTPS://x.org/a and a.b@x.org; awww.x.org is a word")
    assert "see www\\.x.org, HTTPS\\://x.org/a and a.b<!-- -->@x.org; awww.x.org is a word" == out


def test_json_writer_refuses_what_is_not_json(capsys: pytest.CaptureFixture[str]) -> None:
    """NaN and Infinity would print as bare words no JSON parser takes: the writer raises instead."""
    with pytest.raises(ValueError, match="not JSON compliant"):
        emit_json({"x": math.inf})
    assert "" == capsys.readouterr().out


RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
EVIL = "a\x1b]52;c;SGVsbG8=\x07b\x1b]8;;http://evil\x1b\\c\x1b[2J\u202ed\x9b"


def test_terminal_renders_controls_as_escapes(capsys: pytest.CaptureFixture[str]) -> None:
    """Printed text, table cells, dim Text and tree labels all show controls as escapes."""
    terminal.search(
        {"results": [], "query": EVIL, "as_of": "2018-06-01"}
    )  # prints nothing: "no match" is on stderr
    row: shapes.SearchHit = {
        "id": "x", "label": EVIL, "score": 100.0, "matched": {"field": "title", "text": EVIL},
        "kind": "provision", "title": {"en": EVIL, "es": None}, "in_force": True, "state": "in-force",
    }  # fmt: skip
    terminal.search({"results": [row], "query": "q", "as_of": "2018-06-01"})
    node: shapes.RefsNode = {
        "id": "x", "provision": "x", "label": "x", "relation": "root", "why": None, "in_force": True,
        "state": "in-force", "cycle": False, "repeat": False, "children": [],
    }  # fmt: skip
    leaf: shapes.RefsNode = {**node, "label": EVIL, "relation": "refers-to", "why": EVIL}
    tree: shapes.RefsAnswer = {
        "id": "x", "label": EVIL, "as_of": "2018-06-01", "reverse": False, "depth": 1, "truncated": False,
        "tree": {**node, "children": [leaf]},
    }  # fmt: skip
    terminal.refs(tree)
    out = capsys.readouterr().out
    assert [] == RAW.findall(out)
    assert 6 == out.count("\\x1b]52;c;SGVsbG8=\\x07b") and "\\u202ed\\x9b" in out


def test_echoed_arguments_cannot_drive_the_terminal(corpus: Path) -> None:
    """A reference, a date or an option value echoed back in an error is one inert line."""
    env = {"LAWBASE_CACHE_DIR": str(corpus.parent / "cache")}
    for args in (
        ["show", EVIL],
        ["penalty", "367ter", "--as-of", EVIL],
        ["graph", "367ter", "--format", EVIL],
    ):
        r = run_cli(*args, "--data", str(corpus), env=env)
        assert r.code in (1, 2), r.err
        assert ([], 1) == (RAW.findall(r.err), len(r.err.splitlines())), r.err
        assert "\\x1b]52;c;SGVsbG8=\\x07b" in r.err


def test_json_output_escapes_what_a_terminal_would_act_on(corpus: Path) -> None:
    """--json echoes the query; C1 and bidi controls in it are \\u escapes, the value unchanged."""
    r = run_cli(
        "search", EVIL, "--json", "--data", str(corpus), env={"LAWBASE_CACHE_DIR": str(corpus.parent / "c")}
    )
    assert [] == RAW.findall(r.out)
    assert EVIL == json.loads(r.out)["query"]
