"""What the terminal prints is fit for a person (issue 15): at 80 columns no word is split (every
word of the narrow output is a word of the same command's output at 400 columns), and no
vocabulary code (a tag with a hyphen: simple-delito, in-force, sale-of-children, minor-victim)
ever reaches the reader, in English or in Spanish (rendered in strict mode: a string with no
Spanish fails)."""

from __future__ import annotations

import re

import pytest
from conftest import DATA

from lawbase import cli, i18n
from lawbase.corpus.loader import load

COMMANDS: list[list[str]] = [
    ["show", "367ter", "--as-of", "2024-01-01"],
    ["show", "411bis", "--as-of", "2024-01-01"],
    ["show", "366 quinquies", "--as-of", "2024-01-01"],
    ["show", "COT 6", "--as-of", "2019-06-01"],
    ["show", "OPSC", "--as-of", "2019-06-01"],
    ["show", "Ley 21.522"],
    ["penalty", "367ter", "--as-of", "2024-01-01"],
    ["penalty", "367ter", "--history"],
    ["penalty", "367ter", "--history", "--brief"],
    ["penalty", "366 quinquies", "--as-of", "2024-01-01"],
    ["penalty", "411bis", "--as-of", "2024-01-01"],
    ["penalty", "--conduct", "csam-possession", "--as-of", "2018-06-01"],
    ["penalty", "--conduct", "csam-possession", "--jurisdiction", "cl,ar"],
    ["age", "15", "--as-of", "2018-06-01"],
    ["gaps", "--as-of", "2019-06-01"],
    ["coverage", "OPSC", "--as-of", "2019-06-01"],
    ["compare", "2001-06-01", "2024-01-01"],
    ["compare", "2019-01-01", "--jurisdiction", "cl,ar"],
    ["matrix", "--as-of", "2019-01-01", "--against", "OPSC", "--jurisdiction", "cl,ar"],
    ["refs", "COT 6", "--depth", "2"],
    ["refs", "374bis", "--reverse"],
    ["search", "trata"],
    ["extradition", "367ter"],
    [
        "case",
        "366quinquies",
        "--facts",
        "2018-05-10",
        "--judgment",
        "2024-03-01",
        "--victim-born",
        "2004-02-01",
    ],
    ["case", "411quater", "--facts", "2018-05-01", "--judgment", "2024-03-01", "--victim-born", "2002-01-01"],
    ["case", "367quater", "--facts", "2021-06-01"],
    ["check", "tests/texts/wrong-2018.md", "--as-of", "2018-06-01"],
    ["validate"],
    ["show", "CP 119", "--jurisdiction", "ar"],
    ["penalty", "367", "--as-of", "2018-06-01"],
    ["penalty", "--conduct", "grooming"],
    ["age", "15", "--jurisdiction", "ar"],
    ["gaps", "--jurisdiction", "ar", "--as-of", "2019-01-01"],
    ["coverage", "CRC", "--as-of", "2019-06-01"],
    ["matrix", "--as-of", "2019-01-01"],
    ["search", "pornografía"],
]

PUNCT = "\"'.,;:()[]{}¿?¡!«»“”‘’…•↳▶✓—–─│├└-"


def _words(text: str) -> set[str]:
    return {w.strip(PUNCT) for w in text.split()} - {""}


@pytest.fixture(scope="module")
def codes() -> set[str]:
    """Every vocabulary tag and scale class id with a hyphen (a code, not a word)."""
    kb = load(DATA)
    voc = kb.vocabulary
    found: set[str] = set()
    for name in (
        "jurisdictions",
        "conduct",
        "conditions",
        "nexus",
        "requirement_kinds",
        "themes",
        "rule_kinds",
    ):
        found |= {tag for tag in getattr(voc, name) if "-" in tag}
    for scale in kb.scales.values():
        found |= {cid for cid in scale.classes if "-" in cid}
    found |= {"in-force", "not-yet", "not-recorded", "not-assessed", "minor-victim"}
    return found


def _render(args: list[str], lang: str, columns: int, monkeypatch: pytest.MonkeyPatch, capsys) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", str(columns))
    capsys.readouterr()
    try:
        cli.main([*args, "--lang", lang])
    except SystemExit as e:
        assert e.code in (0, None, 1), f"{args}: exit {e.code}"
    finally:
        i18n.set_language(None)
    out = capsys.readouterr()
    assert "Traceback" not in out.err, out.err
    return out.out


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_no_split_word_and_no_code(args: list[str], lang: str, codes: set[str], monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    narrow = _render(args, lang, 80, monkeypatch, capsys)
    wide = _render(args, lang, 400, monkeypatch, capsys)
    assert narrow.strip(), f"{args}: nothing printed"
    split = sorted(_words(narrow) - _words(wide))
    assert not split, f"{args} ({lang}) at 80 columns has words the 400-column output lacks: {split[:20]}"
    for text in (narrow, wide):
        tokens = {w.strip(PUNCT.replace("-", "")) for w in text.split()}
        leaked = sorted(tokens & codes)
        assert not leaked, f"{args} ({lang}) shows vocabulary codes: {leaked}"
        assert "Status for" not in text
        assert not re.search(r"\([a-z][a-z0-9]*(?:-[a-z0-9]+)+\)", text), (
            f"{args} ({lang}): a code in brackets"
        )
