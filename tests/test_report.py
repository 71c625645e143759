"""The advocate's submission (`gaps --format md`) and spreadsheets (`--format csv`), read as an
advocate reads them: short titles a person writes, one fact one finding, the tense of the
report's date, no markup or codes in plain text, treaty obligations before benchmarks, a
provenance line; CSV with a byte-order mark and an as_of column; the coverage matrix never
contradicting itself; and all of it in Spanish with every string in the catalogue (the tests run
with LAWBASE_STRICT_I18N=1, so a string without its Spanish fails here)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from conftest import run_cli

from lawbase import api, i18n
from lawbase.gaps.wording import TITLE_MAX
from lawbase.render import markdown, table_csv

CASES = [
    ("cl", dt.date(2001, 6, 1)),
    ("cl", dt.date(2019, 6, 1)),
    ("cl", dt.date(2024, 1, 1)),
    ("ar", dt.date(2009, 1, 1)),
    ("ar", dt.date(2019, 1, 1)),
]
IDS = [f"{j}-{d}" for j, d in CASES]


@pytest.fixture(scope="module")
def reports(kb) -> dict[tuple[str, dt.date], Any]:  # type: ignore[no-untyped-def]
    return {(j, d): api.gaps(kb, d, jurisdiction=j) for j, d in CASES}


@pytest.mark.parametrize(("state", "day"), CASES, ids=IDS)
def test_titles_are_short_sentences_in_both_languages(reports, state, day) -> None:  # type: ignore[no-untyped-def]
    data = reports[(state, day)]
    for f in data["findings"] + data["not_assessed"]:
        for lang in ("en", "es"):
            title = f["titles"][lang]
            # Spanish runs about a tenth longer than English
            assert title and len(title) <= TITLE_MAX * (1.1 if lang == "es" else 1), (f["id"], title)
            assert title[0].isupper(), title
            assert " — " not in title and "; " not in title, title  # no concatenated detail
        assert f["title"] == f["titles"]["en"]


@pytest.mark.parametrize(("state", "day"), CASES, ids=IDS)
def test_the_state_and_its_courts_come_from_data(reports, state, day) -> None:  # type: ignore[no-untyped-def]
    data = reports[(state, day)]
    other = {"cl": ("Argentin", "argentin"), "ar": ("Chile", "chilen")}[state]
    for f in data["findings"]:
        for lang in ("en", "es"):
            assert not any(o in f["titles"][lang] for o in other), f["titles"][lang]
        if f["rule"] == "jurisdiction":
            assert {"cl": "Chilean courts", "ar": "Argentine courts"}[state] in f["title"]


@pytest.mark.parametrize(("state", "day"), CASES, ids=IDS)
def test_one_fact_is_one_finding(reports, state, day) -> None:  # type: ignore[no-untyped-def]
    """No two findings of one rule share their verdict, evidence and offences' provisions."""
    data = reports[(state, day)]
    seen: dict[Any, str] = {}
    for f in data["findings"]:
        offences = f["details"].get("offences")
        if not offences:
            continue
        key = (
            f["rule"],
            f["status"],
            frozenset(o.partition("#")[0] for o in offences),
            frozenset((d.get("regime"), str(sorted(d.get("nexus", {}).items()))) for d in offences.values()),
        )
        assert key not in seen, (f["id"], seen.get(key))
        seen[key] = f["id"]


def test_the_374_bis_limitation_and_jurisdiction_findings_are_one_each(reports) -> None:  # type: ignore[no-untyped-def]
    data = reports[("cl", dt.date(2019, 6, 1))]
    lim = [f for f in data["findings"] if f["rule"] == "limitation" and "CP art. 374 bis" in f["title"]]
    assert len(lim) == 1
    assert len(lim[0]["merged"]) == 5 and len(lim[0]["conduct_labels"]["en"]) == 5
    assert "limitation:csam-possession" in lim[0]["merged"]
    juris = [f for f in data["findings"] if f["rule"] == "jurisdiction" and "CP art. 374 bis" in f["title"]]
    assert len(juris) == 1 and len(juris[0]["merged"]) == 4
    # the finding's body lists the conducts
    doc = markdown.gaps(data)
    assert "Conducts: distributing or disseminating child sexual abuse material" in doc


def test_the_requirement_shown_first_is_the_one_the_finding_answers(reports) -> None:  # type: ignore[no-untyped-def]
    data = reports[("cl", dt.date(2019, 6, 1))]
    by_id = {f["id"]: f for f in data["findings"]}
    assert by_id["coverage:csam-live-streaming"]["requirement"]["kind"] == "criminalize"
    assert by_id["coverage:sale-of-children"]["requirement"]["label"] == "OPSC 3(1)(a)(i)"


def _md(data: Any, lang: str = "en") -> str:
    with i18n.use(lang):
        return markdown.gaps(data)


@pytest.mark.parametrize(("state", "day"), CASES, ids=IDS)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_submission_reads_as_plain_prose(reports, state, day, lang) -> None:  # type: ignore[no-untyped-def]
    data = reports[(state, day)]
    doc = _md(data, lang)
    assert not re.search(r"&(amp|gt|lt|quot|#\d+);", doc), "an HTML entity in plain text"
    assert ">=" not in doc and "<=" not in doc
    assert not re.search(r"(?<!\.)\.\.(?!\.)", doc), "a double full stop"
    assert not re.search(r"\btoday\b|\bhoy\b", doc), "'today' in a dated report"
    assert "is repealed on" not in doc and "which is repealed" not in doc
    assert "criteria 5" not in doc
    assert "The corpus:" not in doc and "carries the conduct" not in doc
    assert "None" not in doc
    # a sentence that ends starts the next with a capital (abbreviations aside)
    abbreviations = {
        "art",
        "arts",
        "inc",
        "e.g",
        "i.e",
        "vol",
        "p",
        "pp",
        "cf",
        "No",
        "N°",
        "Nº",
        "ed",
        "op",
        "para",
        "paras",
    }
    low = [
        m.group()
        for m in re.finditer(r"(\S+)\. ([a-z]\w*)", doc)
        if m.group(1).split("(")[-1] not in abbreviations and not re.fullmatch(r".*\b[a-z]", m.group(1))
    ]
    assert not low, low[:5]


def test_the_submission_has_provenance_and_treaties_before_benchmarks(reports) -> None:  # type: ignore[no-untyped-def]
    data = reports[("cl", dt.date(2019, 6, 1))]
    doc = _md(data)
    assert "Generated by lawbase " in doc and "as the law stood on 2019-06-01" in doc
    assert re.search(r"The sources cited were last checked on \d{4}-\d\d-\d\d\.", doc)
    treaty, bench = doc.index("### Treaty obligations"), doc.index("### Benchmarks")
    assert treaty < bench
    body = doc[treaty:bench]
    assert "A benchmark, not a binding instrument" not in body
    assert "Binding on Chile since" in body
    # the summary table's rows are short: it fits a page
    table = [ln for ln in doc.split("## Findings")[0].splitlines() if ln.startswith("| ")]
    assert table and max(len(ln) for ln in table) < TITLE_MAX + 50


def test_the_submission_renders_with_pandoc(reports, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    src = tmp_path / "g.md"
    src.write_text(_md(reports[("cl", dt.date(2019, 6, 1))]), encoding="utf-8")
    out = subprocess.run(
        ["pandoc", str(src), "-t", "plain"], capture_output=True, text=True, check=True
    ).stdout
    assert "Chilean courts have no jurisdiction over" in out
    assert "&amp;" not in out and "to today" not in out


def test_the_spanish_submission_is_in_spanish(reports) -> None:  # type: ignore[no-untyped-def]
    doc = _md(reports[("cl", dt.date(2019, 6, 1))], "es")
    for word in (
        "## Resumen",
        "## Hallazgos",
        "### Obligaciones de tratados",
        "**Requisito.**",
        "**Recomendación.**",
    ):
        assert word in doc
    for english in ("## Summary", "## Findings", "**Requirement.**", "Binding on", "Generated by"):
        assert english not in doc
    recs = [ln for ln in doc.splitlines() if ln.startswith("**Recomendación.**")]
    assert recs and not [
        r for r in recs if re.search(r"\*\* (Make|Give|Set|Remove|Extend|Repeal|Amend|Adopt|Raise) ", r)
    ]
    # the evidence lines quote the corpus's own (English) summaries for now; the frame is Spanish
    assert "El derecho vigente al 2019-06-01:" in doc


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff"), "no byte-order mark"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_csv_has_a_bom_and_an_as_of_column(kb, reports, lang) -> None:  # type: ignore[no-untyped-def]
    day = dt.date(2019, 6, 1)
    with i18n.use(lang):
        tables = {
            "gaps": table_csv.gaps(reports[("cl", day)]),
            "coverage": table_csv.coverage(api.coverage(kb, "CRC", day, jurisdiction="cl")),
            "conduct": table_csv.penalties_for_conduct(api.penalties_for_conduct(kb, "grooming", day)),
            "penalty": table_csv.penalty(api.penalty(kb, "367ter", day)),
            "matrix": table_csv.matrix(api.matrix(kb, day, against=["un-opsc"])),
        }
    for name, text in tables.items():
        rows = _rows(text)
        assert len(rows) > 1, name
        assert rows[0][0] == {"en": "as_of", "es": "fecha"}[lang], name
        assert {r[0] for r in rows[1:]} == {"2019-06-01"}, name
        assert not any(c.startswith("None") or " None " in c for r in rows for c in r), name


def test_gaps_csv_has_labels_not_codes(reports) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(table_csv.gaps(reports[("cl", dt.date(2019, 6, 1))]))
    head = rows[0]
    conduct = head.index("conduct")
    cells = [r[conduct] for r in rows[1:] if r[conduct]]
    assert cells and not any(re.fullmatch(r"[a-z]+(-[a-z]+)+", c) for c in cells)
    with i18n.use("es"):
        es = _rows(table_csv.gaps(reports[("cl", dt.date(2019, 6, 1))]))
    assert es[0][:3] == ["fecha", "id", "estado"] and "brecha" in {r[2] for r in es[1:]}


def test_the_cli_writes_csv_for_coverage_and_penalties() -> None:
    for args in (
        ("coverage", "CRC", "--as-of", "2019-06-01"),
        ("penalty", "--conduct", "grooming", "--as-of", "2019-06-01"),
        ("penalty", "367ter", "--as-of", "2019-06-01"),
    ):
        r = run_cli(*args, "--format", "csv")
        assert r.code == 0, r.err
        rows = _rows(r.out)
        assert rows[0][0] == "as_of" and len(rows) > 1


def test_the_coverage_matrix_never_contradicts_itself(kb) -> None:  # type: ignore[no-untyped-def]
    """A row that is not met says what falls short; a provision's cell is its weakest part, so a
    provision that meets part of a requirement only under conditions is never 'full'."""
    for inst, day in (("CRC", dt.date(2019, 6, 1)), ("OPSC", dt.date(2019, 6, 1)), ("OPSC", dt.date.today())):
        data = api.coverage(kb, inst, day, jurisdiction="cl")
        for r in data["requirements"]:
            if r["status"] in ("gap", "partial"):
                assert any(a["status"] == r["status"] for a in r["assessments"]), r["label"]
            for pid, how in r["cells"].items():
                parts = [p["status"] for p in r["parts"] if p["provision"] == pid]
                assert parts, (r["label"], pid)
                if how == "full":
                    assert set(parts) == {"full"}, (r["label"], pid, parts)
        rows = _rows(table_csv.coverage(data))
        head = rows[0]
        for row in rows[1:]:
            status, short = row[head.index("status")], row[head.index("shortfalls")]
            if status in ("gap", "partly met"):
                assert short, row[:3]
            for label, value in zip(head[6:], row[6:], strict=True):
                assert label.split(" art. ")[0] and (not value or ": " in value), (label, value)
    crc = api.coverage(kb, "CRC", dt.date(2019, 6, 1), jurisdiction="cl")
    row = next(r for r in crc["requirements"] if r["label"] == "CRC 34(a)")
    assert row["status"] == "partial" and row["cells"]["cl-cp/366-quater"] == "conditional"


def test_the_matrix_document_in_spanish(kb) -> None:  # type: ignore[no-untyped-def]
    data = api.matrix(kb, dt.date(2019, 6, 1), against=["un-opsc"])
    with i18n.use("es"):
        doc = markdown.matrix(data)
    assert doc.startswith("# Requisitos × Estados:") and "| Requisito |" in doc and "## Notas" in doc
    assert "Not assessed" not in doc and "Partly met" not in doc and ".." not in doc.replace("...", "")


def test_a_catch_all_requirement_says_which_part_the_finding_answers(reports) -> None:  # type: ignore[no-untyped-def]
    doc = _md(reports[("cl", dt.date(2019, 6, 1))])
    assert "NGO UPR 2018 21-a, as it bears on marriage of a person under 18:" in doc
    with i18n.use("es"):
        assert "en lo que respecta a" in markdown.gaps(reports[("cl", dt.date(2019, 6, 1))])
