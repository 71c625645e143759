"""The analyses reproduce the fact sheet's gaps (G1–G18) on 2001-06-01, 2018-06-01 and 2024-01-01."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from lawbase import compare, gaps
from lawbase.corpus import yamlsafe

GOLDEN = yamlsafe.parse("gaps.yaml", (Path(__file__).parent / "golden" / "gaps.yaml").read_bytes()).value
DATES = {2001: dt.date(2001, 6, 1), 2018: dt.date(2018, 6, 1), 2024: dt.date(2024, 1, 1)}
CASES = [(g, row) for g, rows in GOLDEN.items() if isinstance(rows, list) for row in rows]


@pytest.fixture(scope="module")
def assessed(kb) -> dict[int, dict[str, Any]]:  # type: ignore[no-untyped-def]
    return {year: {a.id: a for a in gaps.assess(kb, when)} for year, when in DATES.items()}


def status(assessed: dict[Any, dict[str, Any]], when: Any, fid: str) -> str:
    """A finding's status on a date (keyed as the golden file keys its dates): met when a rule
    that stays silent when met made none, absent when none was made."""
    a = assessed[when].get(fid)
    if a is not None:
        return str(a.status)
    return "met" if fid.split(":", 1)[0] in gaps.silent_when_met() else "absent"


@pytest.mark.parametrize(("gap", "row"), CASES, ids=[f"{g}:{r['finding']}" for g, r in CASES])
def test_fact_sheet_gap_status_on_each_date(assessed, gap: str, row: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    """Each G finding is open, partial or closed on the dates the fact sheet says."""
    checked = [year for year in DATES if str(year) in row]  # the golden file's keys are text
    assert checked, row
    for year in checked:
        assert row[str(year)] == status(assessed, year, row["finding"]), (
            f"{gap} {row['finding']} on {DATES[year]}"
        )


@pytest.mark.parametrize(
    ("gap", "row"),
    [c for c in CASES if "closed_by" in c[1]],
    ids=lambda x: x if isinstance(x, str) else x["finding"],
)
def test_compare_names_the_law_that_closed_each_gap(kb, gap: str, row: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    years = [y for y in DATES if str(y) in row]
    start = next(y for y in years if row[str(y)] in ("gap", "partial"))
    end = next(y for y in years if y > start and row[str(y)] == "met")
    result = compare.compare(kb, DATES[start], DATES[end])
    closed = {c["id"]: c for c in result["gaps"]["closed"]}
    assert row["finding"] in closed, f"{gap}: {row['finding']} not closed between {start} and {end}"
    assert row["closed_by"] == [law["id"] for law in closed[row["finding"]]["laws"]]


def test_every_gap_of_the_fact_sheet_is_either_computed_or_explained() -> None:
    assert [f"G{i}" for i in range(1, 19)] == list(GOLDEN)
    for g, entry in GOLDEN.items():
        assert isinstance(entry, list) or entry.get("unsupported"), g


@pytest.mark.parametrize("when", DATES.values(), ids=str)
def test_every_finding_carries_evidence_requirement_and_sources(kb, when: dt.date) -> None:  # type: ignore[no-untyped-def]
    result = gaps.gaps(kb, when)
    assert result["findings"]
    for f in result["findings"]:
        assert {
            "id",
            "rule",
            "status",
            "title",
            "requirement",
            "instrument_status",
            "conduct",
            "evidence",
            "recommendation",
            "sources",
        } <= set(f)
        assert f["status"] in ("gap", "partial") and f["recommendation"], f["id"]
        assert f["evidence"], f["id"]
        for e in f["evidence"]:
            if e["version"] is not None:
                assert e["version"]["from"] and e["version"]["by"] and e["sources"], (f["id"], e)
        if f["rule"] != "dead-reference" or f["requirement"]:
            assert f["requirement"]["sources"], f["id"]


def test_the_opsc_was_signed_but_not_binding_in_2001(kb) -> None:  # type: ignore[no-untyped-def]
    result = gaps.gaps(kb, DATES[2001], ["un-opsc"])
    st = {f["instrument_status"]["status"]: f["instrument_status"]["in_force"] for f in result["findings"]}
    assert {"signed": False} == st


def test_a_production_gap_that_is_partial_is_computed_from_conditions(kb) -> None:  # type: ignore[no-untyped-def]
    """2001: under-12s covered outright; 12-17s only with force or estupro circumstances."""
    a = {x.id: x for x in gaps.assess(kb, DATES[2001])}["coverage:csam-production"]
    bands = [(b["from"], b["under"], b["status"]) for b in a.details["bands"]]
    assert [(0, 12, "full"), (12, 18, "conditional")] == bands


def test_against_restricts_the_requirements(kb) -> None:  # type: ignore[no-untyped-def]
    result = gaps.gaps(kb, DATES[2018], ["icmec-csam-criteria"])
    ids = {f["requirement"]["instrument"] for f in result["findings"]}
    assert {"icmec-csam-criteria"} == ids


def test_compare_tells_the_story_of_the_reforms(kb) -> None:  # type: ignore[no-untyped-def]
    """2001 → 2024: the reforms of 2004, 2011, 2019 and 2022 each appear with what they did."""
    result = compare.compare(kb, DATES[2001], DATES[2024])
    laws = {law["id"]: law for law in result["laws"]}
    for law in ("cl-ley-19927", "cl-ley-20507", "cl-ley-21160", "cl-ley-21522"):
        assert law in laws
    assert "CP art. 367 ter" in {p["label"] for p in result["provisions"]["added"]}
    assert "CP art. 374 bis" not in {p["label"] for p in result["provisions"]["added"]}
    assert {"CP art. 367 bis", "CP art. 365", "CP art. 366 quinquies"} <= {
        p["label"] for p in result["provisions"]["repealed"]
    } | {"CP art. 366 quinquies"}
    changed = {c["offence"]: c for c in result["penalties_changed"]}
    assert ("P10Y1D", "P20Y") == (changed["cl-cp/362"]["after"]["min"], changed["cl-cp/362"]["after"]["max"])
    ages = {c["offence"]: c for c in result["age_thresholds_changed"]}
    assert ("under 12", "under 14") == (ages["cl-cp/362"]["before"], ages["cl-cp/362"]["after"])
    closed = {c["id"] for c in result["gaps"]["closed"]}
    assert {"coverage:prostitution-client", "coverage:csam-possession", "unequal-by-sex:cl-cp/365"} <= closed


def test_markdown_reads_like_a_submission_with_footnotes(tmp_path: Path) -> None:
    r = run_cli("gaps", "--as-of", "2018-06-01", "--format", "md")
    assert 0 == r.code, r.err
    doc = r.out
    assert doc.startswith("# Sexual exploitation of children: gaps in Chile's legal framework")
    for heading in ("## Summary", "## Findings", "## Sources", "**Recommendation.**"):
        assert heading in doc
    used = set(re.findall(r"\[\^(\d+)\](?!:)", doc))
    defined = set(re.findall(r"^\[\^(\d+)\]:", doc, re.M))
    assert used and used == defined


def test_csv_has_one_row_per_finding_and_per_requirement_not_assessable() -> None:
    r = run_cli("gaps", "--as-of", "2018-06-01", "--format", "csv")
    assert r.out.startswith("\ufeff")  # the byte-order mark a spreadsheet reads as UTF-8
    rows = list(csv.reader(io.StringIO(r.out.removeprefix("\ufeff"))))
    j = json.loads(run_cli("gaps", "--as-of", "2018-06-01", "--json").out)
    assert len(j["findings"]) + len(j["not_assessed"]) + 1 == len(rows)
    status = rows[0].index("status")
    assert [row[status] for row in rows[1:]] == [f["status"] for f in j["findings"] + j["not_assessed"]]
    assert rows[0][0] == "as_of" and {row[0] for row in rows[1:]} == {"2018-06-01"}
    assert rows[0][-1] == "recommendations_made"


def test_every_rule_reads_requirement_kinds_the_vocabulary_declares(kb) -> None:  # type: ignore[no-untyped-def]
    """A rule keyed on a requirement kind nobody can write would never run."""
    for rule in gaps.RULES.values():
        assert rule.kinds, rule.name
        assert set() == rule.kinds - set(kb.vocabulary.requirement_kinds), rule.name


def test_a_rule_that_regroups_by_conduct_names_its_heading() -> None:
    """Per-conduct findings are titled by the rule's registered heading, with the conduct's label."""
    for rule in gaps.RULES.values():
        if rule.group_by_conduct:
            assert rule.heading is not None and "{label}" in rule.heading, rule.name
    assert "Limitation of the client offence" == gaps.RULES["limitation"].heading_for("the client offence")
    assert "Grooming as an offence" == gaps.RULES["coverage"].heading_for("grooming")


def test_the_sex_equality_rule_runs_only_for_a_non_discrimination_requirement(kb) -> None:  # type: ignore[no-untyped-def]
    """It is keyed on the requirement's kind, not on an instrument: without one selected, it is quiet."""
    with_crc = {a.rule for a in gaps.assess(kb, DATES[2001], ["un-crc"])}
    without = {a.rule for a in gaps.assess(kb, DATES[2001], ["un-opsc"])}
    assert "unequal-by-sex" in with_crc
    assert "unequal-by-sex" not in without


def test_a_dead_jurisdiction_reference_is_pinned_to_a_requirement_on_its_grounds(kb) -> None:  # type: ignore[no-untyped-def]
    """COT art. 6 N°10 cited the repealed art. 367 bis from 2011: the OPSC's art. 4(2)(a) first
    (treaties before benchmarks), a benchmark's own jurisdiction criterion when only it is chosen."""
    fid = "dead-reference:cl-cot/6->cl-cp/367-bis#minor-victim"
    every = {a.id: a for a in gaps.assess(kb, DATES[2018])}
    assert ["un-opsc/4-2-a"] == [r.id for r in every[fid].requirements]
    alone = {a.id: a for a in gaps.assess(kb, DATES[2018], ["ecpat-sectt-checklist"])}
    assert ["ecpat-sectt-checklist/1"] == [r.id for r in alone[fid].requirements]
