"""Golden tables of point-in-time facts drawn from the fact sheets (Chile's, and Argentina's on
2001-06-01, 2009-01-01, 2019-01-01 and today), each re-read in the primary text, through the API
and the CLI. `today` is the day the test runs; `not-recorded` says the article existed on the
date but the corpus does not record its text then."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

import lawbase

GOLDEN = Path(__file__).parent / "golden"
TABLES = {"point_in_time.csv": "cl", "point_in_time_ar.csv": "ar"}  # table -> the State it is about


def rows() -> list[dict[str, str]]:
    out = []
    for name, state in TABLES.items():
        text = (GOLDEN / name).read_text(encoding="utf-8")
        lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
        for row in csv.DictReader(lines):
            row["jurisdiction"] = state
            if row["date"] == "today":
                row["date"] = dt.date.today().isoformat()
            out.append(row)
    return out


ROWS = rows()
IDS = [f"{r['jurisdiction']}:{r['ref']}@{r['date']}:{r['min'] or r['in_force']}" for r in ROWS]


def candidates(data: dict[str, Any]) -> list[tuple[dict[str, Any] | None, dict[str, Any]]]:
    """(victim age, penalty) of every offence and aggravated variant in the answer."""
    out = []
    for o in data["offences"]:
        out.append((o["victim_age"], o["penalty"]))
        for a in o["aggravated"]:
            out.append((a["victim_age"] or o["victim_age"], a["penalty"]))
    return out


def holds(row: dict[str, str], data: dict[str, Any]) -> bool:
    if row["in_force"] == "not-recorded":
        if data["state"] != "not-recorded":
            return False
    elif data["in_force"] is not (row["in_force"] == "true"):
        return False
    if not row["min"]:
        return True
    for age, pen in candidates(data):
        if (pen["min"], pen["max"]) != (row["min"], row["max"]):
            continue
        if row["age_from"]:
            under = int(row["age_under"]) if row["age_under"] else None
            if age != {"from": int(row["age_from"]), "under": under}:
                continue
        return True
    return False


def test_the_table_has_at_least_40_facts_on_the_three_dates() -> None:
    on_dates = [
        r
        for r in ROWS
        if r["jurisdiction"] == "cl" and r["date"] in ("2001-06-01", "2018-06-01", "2024-01-01")
    ]
    assert len(on_dates) >= 40


def test_argentinas_table_has_facts_on_each_of_its_four_dates() -> None:
    today = dt.date.today().isoformat()
    ar = [r for r in ROWS if r["jurisdiction"] == "ar"]
    for day in ("2001-06-01", "2009-01-01", "2019-01-01", today):
        assert len([r for r in ar if r["date"] == day]) >= 40, day


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_fact_through_the_api(kb, row) -> None:  # type: ignore[no-untyped-def]
    data = lawbase.show(kb, row["ref"], dt.date.fromisoformat(row["date"]), jurisdiction=row["jurisdiction"])
    assert holds(row, data), (
        f"fact sheet {row['factsheet']}: {row} not in {candidates(data)} (in_force={data['in_force']})"
    )


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_fact_through_the_cli(row) -> None:  # type: ignore[no-untyped-def]
    """The same facts through `lawbase show REF --as-of DATE --json`."""
    result = run_cli(
        "show", row["ref"], "--as-of", row["date"], "--jurisdiction", row["jurisdiction"], "--json"
    )
    assert 0 == result.code, result.err
    assert holds(row, json.loads(result.out))
