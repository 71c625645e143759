"""The first corpus slice (CP 362, 367, 367 ter, 374 bis) as of 2001, 2018 and 2024.

Expected values come from shared/facts/chile-law.md §3.2, §3.11, §3.13 and §3.18; they are
checked through the public API and through `lawbase show --json`.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import run_cli

import lawbase

D2001, D2018, D2024 = dt.date(2001, 6, 1), dt.date(2018, 6, 1), dt.date(2024, 1, 1)

# (ref, date, in_force, [(offence id, victim age (from, under), conditions, min, max, fine)])
GOLDEN = [
    ("362", D2001, True, [("cl-cp/362", (0, 12), [], "P5Y1D", "P20Y", None)]),
    ("362", D2018, True, [("cl-cp/362", (0, 14), [], "P5Y1D", "P20Y", None)]),
    ("362", D2024, True, [("cl-cp/362", (0, 14), [], "P10Y1D", "P20Y", None)]),
    ("367", D2001, True, [("cl-cp/367", (0, 18), ["habituality", "abuse-of-authority-or-trust"], "P5Y1D", "P20Y", [21, 30])]),
    ("367", D2018, True, [("cl-cp/367", (0, 18), [], "P3Y1D", "P5Y", None)]),
    ("367", D2024, True, [("cl-cp/367", (0, 18), [], "P5Y1D", "P10Y", None)]),
    ("367 ter", D2001, False, []),
    ("367 ter", D2018, True, [("cl-cp/367-ter", (14, 18), [], "P3Y1D", "P5Y", None)]),
    ("367 ter", D2024, True, [("cl-cp/367-ter", (0, 18), [], "P3Y1D", "P5Y", None)]),
    ("374 bis", D2001, False, []),
    ("374 bis", dt.date(2010, 1, 1), True, [
        ("cl-cp/374-bis#distribution", (0, 18), [], "P541D", "P5Y", None),
        ("cl-cp/374-bis#possession", (0, 18), [], "P541D", "P3Y", None),
    ]),
    ("374 bis", D2018, True, [
        ("cl-cp/374-bis#distribution", (0, 18), [], "P3Y1D", "P5Y", None),
        ("cl-cp/374-bis#possession", (0, 18), [], "P541D", "P3Y", None),
    ]),
    ("374 bis", D2024, False, []),
]  # fmt: skip


def _facts(data: dict) -> tuple:  # type: ignore[type-arg]
    return (
        data["in_force"],
        [
            (
                o["id"],
                (o["victim_age"]["from"], o["victim_age"]["under"]),
                o["conditions"],
                o["penalty"]["min"],
                o["penalty"]["max"],
                _amounts(o["penalty"]["fine"]),
            )
            for o in data["offences"]
        ],
    )


def _amounts(fine):  # type: ignore[no-untyped-def]
    """A fine's amounts in UTM as the fact sheet writes them: [min] or [min, max]; None if no fine."""
    if fine is None:
        return None
    assert "utm" == fine["unit"] and "UTM" == fine["label"]
    return [fine["min"]] if fine["max"] is None else [fine["min"], fine["max"]]


@pytest.mark.parametrize(
    ("ref", "when", "in_force", "offences"), GOLDEN, ids=[f"{g[0]}@{g[1]}" for g in GOLDEN]
)
def test_slice_through_the_api(kb, ref, when, in_force, offences) -> None:  # type: ignore[no-untyped-def]
    """lawbase.show gives the fact sheet's penalty range, age band and force on each date."""
    assert (in_force, offences) == _facts(lawbase.show(kb, ref, when))


@pytest.mark.parametrize(
    ("ref", "when", "in_force", "offences"), GOLDEN, ids=[f"{g[0]}@{g[1]}" for g in GOLDEN]
)
def test_slice_through_the_cli(ref, when, in_force, offences) -> None:  # type: ignore[no-untyped-def]
    """`lawbase show REF --as-of DATE --json` gives the same answers."""
    result = run_cli("show", ref, "--as-of", when.isoformat(), "--json")
    assert result.code == 0, result.err
    assert (in_force, offences) == _facts(json.loads(result.out))


def test_367_ter_did_not_exist_in_2001_and_says_when_it_came(kb) -> None:  # type: ignore[no-untyped-def]
    data = lawbase.show(kb, "367ter", D2001)
    assert (data["state"], data["came_into_force"], data["version"]) == ("not-yet", "2004-01-14", None)


def test_374_bis_is_repealed_today_with_the_law_that_did_it(kb) -> None:  # type: ignore[no-untyped-def]
    data = lawbase.show(kb, "374 bis", D2024)
    assert (
        data["in_force"], data["state"], data["repealed_on"], data["version"]["by"]
    ) == (False, "repealed", "2022-12-30", "cl-ley-21522")  # fmt: skip
    assert data["offences"] == []


def test_version_window_names_the_amending_law(kb) -> None:  # type: ignore[no-untyped-def]
    """The DESIGN example: 367 ter in 2018 is the 2004-01-14 → 2022-12-29 version by Ley 19.927."""
    v = lawbase.show(kb, "367ter", D2018)["version"]
    assert v == {
        "from": "2004-01-14",
        "until": "2022-12-29",
        "by": "cl-ley-19927",
        "by_title": "Ley 19.927",
        "status": "in-force",
    }


def test_aggravated_forms_of_367(kb) -> None:  # type: ignore[no-untyped-def]
    """2018: habituality, abuse or deceit → 5 y 1 d-20 y + 31-35 UTM; 2024: dependency or habituality."""
    agg18 = lawbase.show(kb, "367", D2018)["offences"][0]["aggravated"][0]
    agg24 = lawbase.show(kb, "367", D2024)["offences"][0]["aggravated"][0]
    assert (
        agg18["conditions"], agg18["penalty"]["min"], agg18["penalty"]["max"], _amounts(agg18["penalty"]["fine"])
    ) == (["habituality", "abuse-of-authority-or-trust", "deceit"], "P5Y1D", "P20Y", [31, 35])  # fmt: skip
    assert agg24["conditions"] == ["dependency", "habituality"]


def test_361_before_1999_is_not_recorded_rather_than_absent(kb) -> None:  # type: ignore[no-untyped-def]
    """Art. 361 existed before Ley 19.617 with other content: in_force is unknown, not false."""
    data = lawbase.show(kb, "361", dt.date(1995, 1, 1))
    assert (data["in_force"], data["state"]) == (None, "not-recorded")
    assert data["before"] and data["sources"]


def test_362_before_1999_is_its_1875_rule_without_an_offence(kb) -> None:  # type: ignore[no-untyped-def]
    """Art. 362 held from 1875 to 1999 only a rule on consummation (LeyChile version 1998-07-01)."""
    data = lawbase.show(kb, "362", dt.date(1995, 1, 1))
    assert (data["in_force"], data["state"]) == (True, "in-force")
    assert not data["offences"] and data["sources"]


def test_report_discrepancies_are_shown_with_the_authoritative_reading(kb) -> None:  # type: ignore[no-untyped-def]
    """S2 ¶19 says possession is '541 days to three years and one day'; the statute governs."""
    disc = lawbase.show(kb, "374 bis", D2018)["discrepancies"]
    assert any(d["citation"]["pinpoint"] == "¶19" and d["authoritative"] == "statute" for d in disc)


def test_every_answer_names_its_sources(kb) -> None:  # type: ignore[no-untyped-def]
    for ref in ("362", "367", "367 ter", "374 bis"):
        for when in (D2001, D2018, D2024):
            data = lawbase.show(kb, ref, when)
            if data["version"]:
                assert data["sources"], (ref, when)
                assert all(s["title"] and s["pinpoint"] and s["checked"] for s in data["sources"])
