"""Strings from data cannot attack the reader: every output format escapes them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import run_cli

HOSTILE = '<script>alert(1)</script> [click](javascript:alert(1)) \\" | `x` *y* _z_ ![img](http://evil/x.png)'
FORMULA = '=HYPERLINK("http://evil")'


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
        "name: {es: " + json.dumps(FORMULA + " " + HOSTILE) + ",",
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
