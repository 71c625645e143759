"""`lawbase check`: a text's claims about the law, checked against it.

Done when (issue 16): run on both source reports at their dates it re-finds every discrepancy the
corpus records for them, and a paragraph of correct statements draws no contradiction. The
expected verdicts below were read in the statutes: CP art. 365 (1999–2022) carries reclusión menor
en sus grados mínimo a medio, 61 days to 3 years; art. 374 bis inc. 2 (2013–2022) presidio menor
en su grado medio, 541 days to 3 years; art. 367 bis (1995–2011) punished a minor victim with the
penalties of art. 367 (presidio mayor, 5 years and 1 day to 20 years); in 2001 the production of
pornographic material with children under 12 was art. 366 quáter inc. 2, not art. 366.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli

from lawbase.check import check, sentences, to_duration

SOURCES = ROOT.parent / "shared" / "sources"
REPORTS = {  # the two source reports, at the dates they speak of (their own dates)
    "s1-sename-2001": (SOURCES / "000_552efb9fdca9471e.txt", dt.date(2001, 6, 1)),
    "s2-ecpat-upr-2018": (SOURCES / "004_948bb17a203cf115.txt", dt.date(2018, 6, 1)),
}
TEXTS = Path(__file__).parent / "texts"


def recorded_for(kb: Any, source: str) -> set[tuple[str, str]]:
    """Every discrepancy the corpus records for a source: (provision, what the source says)."""
    return {
        (p.id, d.says)
        for p in kb.provisions.values()
        for v in p.versions
        for d in v.discrepancies
        if d.citation.source == source
    }


def found(answer: Any) -> set[tuple[str, str]]:
    return {(c["provision"], c["discrepancy"]["says"]) for c in answer["claims"] if c["discrepancy"]}


def by_provision(answer: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in answer["claims"]:
        out.setdefault(c["provision"] or "", []).append(c["verdict"])
    return out


def test_durations_in_words() -> None:
    assert to_duration("three years and one day") == "P3Y1D"
    assert to_duration("5 years plus one day") == "P5Y1D"
    assert to_duration("541 days") == "P541D"
    assert to_duration("tres años y un día") == "P3Y1D"
    assert to_duration("sixty-one days") == "P61D"


def test_sentences_keep_their_lines_and_mend_page_breaks() -> None:
    text = "# Title\n\nFirst sentence here. Second one\nruns on.\n\nA word broken maxi-\n\nimum here.\n"
    got = [(s.line, s.text) for s in sentences(text)]
    assert got == [
        (1, "Title"),
        (3, "First sentence here."),
        (3, "Second one runs on."),
        (6, "A word broken maxiimum here."),
    ]


@pytest.mark.skipif(not SOURCES.exists(), reason="the source reports are in ../shared")
@pytest.mark.parametrize("source", sorted(REPORTS))
def test_every_recorded_discrepancy_is_found_again(kb: Any, source: str) -> None:
    path, when = REPORTS[source]
    answer = check(kb.view("cl", load=True), path, when)
    expected = recorded_for(kb, source)
    assert expected, source
    assert expected <= found(answer), expected - found(answer)


@pytest.mark.skipif(not SOURCES.exists(), reason="the source reports are in ../shared")
def test_the_2018_report_verdicts(kb: Any) -> None:
    path, when = REPORTS["s2-ecpat-upr-2018"]
    a = check(kb.view("cl", load=True), path, when)
    v = by_provision(a)
    assert v["cl-cp/365"] == ["contradicts"]  # 61 days to three years and one day: it ends at 3 years
    assert v["cl-cp/374-bis"] == ["contradicts"]  # 541 days to three years and one day: likewise
    assert v["cl-cot/6"] == ["contradicts"]  # COT art. 6 N°10 extended jurisdiction since 2004
    assert "contradicts" in v["cl-cp/366-quinquies"]  # virtual material: covered since Ley 20.526
    for right in ("cl-cp/367-ter", "cl-cp/367", "cl-cp/362", "cl-cp/411-quater", "cl-cdpp/647"):
        assert set(v[right]) == {"agrees"}, right
    c365 = next(c for c in a["claims"] if c["provision"] == "cl-cp/365")
    assert (c365["line"], c365["suggestion"]) == (103, "61 days – 3 years")
    assert c365["claimed"] == {"min": "P61D", "max": "P3Y1D"}
    assert a["counts"] == {"agrees": 8, "contradicts": 4, "cannot-tell": 0}


@pytest.mark.skipif(not SOURCES.exists(), reason="the source reports are in ../shared")
def test_the_2001_report_verdicts(kb: Any) -> None:
    path, when = REPORTS["s1-sename-2001"]
    a = check(kb.view("cl", load=True), path, when)
    v = by_provision(a)
    assert v["cl-cp/367"] == ["agrees"]
    assert v["cl-cp/367-bis"] == ["contradicts"]  # a minor victim: the penalties of art. 367
    bis = next(c for c in a["claims"] if c["provision"] == "cl-cp/367-bis")
    assert bis["suggestion"] == "5 years and 1 day – 20 years"
    wrong_article = next(c for c in a["claims"] if c["provision"] == "cl-cp/366-quater")
    assert (
        wrong_article["verdict"] == "contradicts"
        and wrong_article["suggestion"] == "CP art. 366 quáter inc. 2"
    )
    # "there is no sanction for ... the customer": true in 2001 (the client offence came in 2004)
    assert any(c["kind"] == "offence" and c["verdict"] == "agrees" for c in a["claims"])


def test_correct_statements_draw_no_contradiction(kb: Any) -> None:
    a = check(kb.view("cl", load=True), TEXTS / "correct-2018.md", dt.date(2018, 6, 1))
    assert a["counts"]["contradicts"] == 0, [c["claim"] for c in a["claims"] if c["verdict"] == "contradicts"]
    assert a["counts"]["agrees"] >= 6
    # the Spanish name of a penalty is read as its range
    assert any(c["provision"] == "cl-cp/366-quinquies" and c["verdict"] == "agrees" for c in a["claims"])


def test_wrong_statements_are_contradicted(kb: Any) -> None:
    a = check(kb.view("cl", load=True), TEXTS / "wrong-2018.md", dt.date(2018, 6, 1))
    assert [c["verdict"] for c in a["claims"]] == ["contradicts"] * 3
    assert [c["line"] for c in a["claims"]] == [1, 4, 6]


def test_the_same_claims_on_another_date(kb: Any) -> None:
    """Before Ley 19.927 (14 Jan 2004) there was no art. 367 ter: a text citing it then is wrong."""
    a = check(kb.view("cl", load=True), TEXTS / "correct-2018.md", dt.date(2003, 6, 1))
    ter = next(c for c in a["claims"] if c["claim"].startswith("Article 367 ter"))
    assert ter["verdict"] == "contradicts" and "not in force" in (ter["statute"] or "")


def test_cli_lines_exit_codes_and_formats() -> None:
    ok = run_cli("check", str(TEXTS / "correct-2018.md"), "--as-of", "2018-06-01")
    assert ok.code == 0, ok.err
    first = ok.out.splitlines()[0]
    assert first.startswith(f"{TEXTS / 'correct-2018.md'}:3: Article 367 ter of the Penal Code: ")
    assert ": agrees — " in first
    bad = run_cli("check", str(TEXTS / "wrong-2018.md"), "--as-of", "2018-06-01")
    assert bad.code == 1 and bad.err.strip() == "lawbase: 3 claim(s) contradict the law on 2018-06-01"
    md = run_cli(
        "check", str(TEXTS / "wrong-2018.md"), "--as-of", "2018-06-01", "--format", "md", "--lang", "es"
    )
    assert "## Afirmaciones que la ley contradice (3)" in md.out and "[^1]:" in md.out
    js = json.loads(run_cli("check", str(TEXTS / "wrong-2018.md"), "--as-of", "2018-06-01", "--json").out)
    assert set(js) == {"file", "as_of", "jurisdiction", "claims", "counts"}
    assert set(js["claims"][0]) == {
        "line", "sentence", "kind", "claim", "verdict", "provision", "label", "version", "statute",
        "statute_es", "suggestion", "suggestion_es", "claimed", "discrepancy", "sources",
    }  # fmt: skip


def test_bad_files_get_one_line(tmp_path: Path) -> None:
    missing = run_cli("check", str(tmp_path / "nope.md"))
    assert missing.code == 2 and "cannot be read" in missing.err and len(missing.err.splitlines()) == 1
    binary = tmp_path / "x.md"
    binary.write_bytes(b"ok\n\xff\xfe bad")
    r = run_cli("check", str(binary))
    assert r.code == 2 and f"{binary}:2:1: text: not UTF-8 text" in r.err and "Traceback" not in r.err


def test_argentina_in_spanish(kb: Any, tmp_path: Path) -> None:
    """CP art. 128 (Ley 26.388, 2008): prisión de seis meses a cuatro años for producing the
    material; art. 125 bis (Ley 25.087, 1999): cuatro a diez años. A range whose low bound gives
    no unit ("de cuatro a diez años") takes the high bound's."""
    text = tmp_path / "ar.md"
    text.write_text(
        "El artículo 128 del Código Penal reprime con prisión de seis meses a cuatro años al que produjere "
        "representaciones de menores de dieciocho años.\n\nEl artículo 125 bis castiga la promoción de la "
        "prostitución de menores con prisión de cuatro a diez años. El artículo 125 bis la castiga con "
        "prisión de tres a diez años.\n",
        encoding="utf-8",
    )
    a = check(kb.view("ar", load=True), text, dt.date(2010, 6, 1))
    assert [(c["provision"], c["verdict"]) for c in a["claims"]] == [
        ("ar-cp/128", "agrees"),
        ("ar-cp/125-bis", "agrees"),
        ("ar-cp/125-bis", "contradicts"),
    ]
    assert a["claims"][2]["claimed"] == {"min": "P3Y", "max": "P10Y"}


def test_what_an_advocate_writes(kb: Any, tmp_path: Path) -> None:
    """Found by trying it: correct claims that were called wrong (numbers written as words or
    with the suffix attached, two articles in one sentence, list items, "3 years 1 day") and
    code blocks that were checked. Every claim below is right in 2018 except the one marked."""
    text = tmp_path / "draft.md"
    text.write_text(
        "Article 367ter punishes the client with 3 years 1 day to 5 years. Art. 374bis punishes possession "
        "with five hundred and forty-one days to three years.\n"
        "\n"
        "- Article 362 punishes rape of a child under 14 with five years and one day to twenty years.\n"
        "- Article 374 bis punishes possession with 541 days to three years.\n"
        "\n"
        "Articles 365 and 362 punish with 61 days to three years and five years and one day to twenty years "
        "respectively.\n"
        "\n"
        "Article 362 punishes the rape of a child under 14 with five years and one day to twenty years; "
        "article 374 bis punishes possession with 541 days to three years.\n"
        "\n"
        "El artículo 374 bis sanciona el almacenamiento con quinientos cuarenta y un días a tres años.\n"
        "\n"
        "```\nArticle 365 punishes it with 1 day to 2 days.\n```\n"
        "<!-- Article 365 punishes it with 1 day to 2 days. -->\n"
        "| Article | Penalty |\n|---|---|\n| Article 365 | 61 days to three years |\n"
        "| Article 367 ter | 541 days to 3 years |\n",  # the last row is wrong: it is 3 years and 1 day to 5
        encoding="utf-8",
    )
    a = check(kb.view("cl", load=True), text, dt.date(2018, 6, 1))
    got = [(c["line"], c["provision"], c["verdict"]) for c in a["claims"]]
    assert got == [
        (1, "cl-cp/367-ter", "agrees"),
        (1, "cl-cp/374-bis", "agrees"),
        (3, "cl-cp/362", "agrees"),
        (4, "cl-cp/374-bis", "agrees"),
        (6, "cl-cp/365", "agrees"),
        (6, "cl-cp/362", "agrees"),
        (8, "cl-cp/362", "agrees"),
        (8, "cl-cp/374-bis", "agrees"),
        (10, "cl-cp/374-bis", "agrees"),
        (18, "cl-cp/365", "agrees"),
        (19, "cl-cp/367-ter", "contradicts"),
    ], got
    assert all(c["claim"] != c["discrepancy"]["says"] for c in a["claims"] if c["discrepancy"])
