"""Argentina's gaps (fact sheet §11, G1–G17) computed from its statutes by the same rules as
Chile's, on 2001-06-01, 2009-01-01, 2019-01-01 and today (tests/golden/gaps_ar.yaml); the gaps
the corpus cannot support say why, and what the data does show of them is checked here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from test_gaps import status

from lawbase import api, gaps
from lawbase.corpus import yamlsafe
from lawbase.scope import scoped

GOLDEN = yamlsafe.parse(
    "gaps_ar.yaml", (Path(__file__).parent / "golden" / "gaps_ar.yaml").read_bytes()
).value
DATES = {
    "2001": dt.date(2001, 6, 1),
    "2009": dt.date(2009, 1, 1),
    "2019": dt.date(2019, 1, 1),
    "today": dt.date.today(),
}
CASES = [(g, row) for g, rows in GOLDEN.items() if isinstance(rows, list) for row in rows]


@pytest.fixture(scope="module")
def ar(kb):  # type: ignore[no-untyped-def]
    return scoped(kb, "ar")


@pytest.fixture(scope="module")
def assessed(ar) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    return {key: {a.id: a for a in gaps.assess(ar, when)} for key, when in DATES.items()}


@pytest.mark.parametrize(("gap", "row"), CASES, ids=[f"{g}:{r['finding']}" for g, r in CASES])
def test_fact_sheet_gap_status_on_each_date(assessed, gap: str, row: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    for key in DATES:
        assert row[key] == status(assessed, key, row["finding"]), f"{gap} {row['finding']} on {DATES[key]}"


@pytest.mark.parametrize(
    ("gap", "row"),
    [c for c in CASES if "closed_by" in c[1]],
    ids=lambda x: x if isinstance(x, str) else x["finding"],
)
def test_compare_names_the_law_that_closed_each_gap(kb, gap: str, row: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    keys = list(DATES)
    start = next(k for k in keys if row[k] in ("gap", "partial"))
    end = next(k for k in keys[keys.index(start) :] if row[k] == "met")
    result = api.compare(kb, DATES[start], DATES[end], jurisdiction="ar")
    closed = {c["id"]: c for c in result["gaps"]["closed"]}
    assert row["finding"] in closed, f"{gap}: {row['finding']} not closed between {start} and {end}"
    assert row["closed_by"] == [law["id"] for law in closed[row["finding"]]["laws"]]


def test_every_gap_of_the_fact_sheet_is_either_computed_or_explained() -> None:
    assert [f"G{i}" for i in range(1, 18)] == list(GOLDEN)
    for g, entry in GOLDEN.items():
        assert isinstance(entry, list) or entry.get("unsupported"), g


@pytest.mark.parametrize("when", DATES.values(), ids=str)
def test_every_finding_names_argentine_law_and_courts_only(kb, when: dt.date) -> None:  # type: ignore[no-untyped-def]
    """Argentina's findings rest on Argentine provisions and the instruments both States share,
    never on Chile's law, treaties or the submission addressed to Chile; each carries evidence."""
    report = api.gaps(kb, when, jurisdiction="ar")
    for f in report["findings"]:
        assert f["evidence"], f["id"]
        for e in f["evidence"]:
            assert not (e["provision"] or "").startswith("cl-"), (f["id"], e["provision"])
        for r in [f["requirement"], *f["also_required_by"]]:
            assert r is None or r["instrument"] != "ngo-upr-2018-cl", f["id"]
        assert "Chile" not in f["title"] + f["recommendation"], f["id"]


def test_what_the_data_shows_of_the_unsupported_gaps(kb) -> None:  # type: ignore[no-untyped-def]
    """G2: no Argentine offence carries child sex tourism. G9: a 15-year-old may marry with a
    judicial dispensation under CCyC art. 404, with no floor below it."""
    today = dt.date.today()
    assert api.penalties_for_conduct(kb, "sectt", today, jurisdiction="ar")["offences"] == []
    assert api.show(kb, "CCyC 404", today, jurisdiction="ar")["in_force"] is True
    view = scoped(kb, "ar")
    pit = view.at(view.provisions["ar-ccyc/404"], today)
    assert pit.version is not None
    floors = [r.age for r in pit.version.rules if r.kind == "marriage-minimum-age"]
    assert floors == [0]  # no age below which a judge may not dispense
