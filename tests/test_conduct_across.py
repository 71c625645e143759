"""`penalty --conduct TAG --jurisdiction cl,ar`: each State's offences side by side, their ranges
in one unit (years), how each prescribes and whether it meets each extradition threshold of its
State's law; the limitation period is computed from the rules in force (Chile by offence class,
Argentina from the penalty's maximum within CP art. 62's bounds)."""

from __future__ import annotations

import datetime as dt
import json

from conftest import run_cli

from lawbase import api
from lawbase.scope import scoped


def _rows(kb, tag: str, day: str) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    return api.penalties_for_conduct(kb, tag, dt.date.fromisoformat(day), jurisdiction="cl,ar")["offences"]  # type: ignore[return-value]


def test_possession_side_by_side_today(kb) -> None:  # type: ignore[no-untyped-def]
    """Knowing possession: Chile's is imprescriptible (art. 94 bis) and extraditable; Argentina's
    (4 months to a year) prescribes in the 2-year floor of art. 62, suspended during minority
    (art. 67), and fails the midpoint test of Ley 24.767 art. 6."""
    rows = _rows(kb, "csam-possession", "2026-01-01")
    cl = [r for r in rows if r["jurisdiction"] == "cl"]
    ar = {r["offence"]["id"]: r for r in rows if r["jurisdiction"] == "ar"}
    assert cl and all(r["limitation"]["regime"] == "imprescriptible" for r in cl)
    knowing = ar["ar-cp/128#possession"]
    assert knowing["years"] == {"min": 0.33, "max": 1.0, "life": False}
    assert (knowing["limitation"]["regime"], knowing["limitation"]["period"]) == ("from-majority", "P2Y")
    assert [r["label"] for r in knowing["limitation"]["rules"]] == ["CP art. 62", "CP art. 67"]
    (art6,) = knowing["extradition"]
    assert (art6["label"], art6["qualifies"], art6["threshold"]["bound"]) == (
        "Ley 24.767 art. 6",
        False,
        "midpoint",
    )
    assert ar["ar-cp/128#possession-to-distribute"]["extradition"][0]["qualifies"] is True


def test_periods_follow_each_states_rule(kb) -> None:  # type: ignore[no-untyped-def]
    """In 2009 Chile's possession offence (374 bis, a simple delito) prescribed in 5 years; in
    Argentina production (6 months to 4 years) prescribed in 4, the maximum of its penalty."""
    rows = _rows(kb, "csam-production", "2009-01-01")
    ar = [r for r in rows if r["jurisdiction"] == "ar"]
    assert {r["limitation"]["period"] for r in ar} == {"P4Y"}
    cl = _rows(kb, "csam-possession", "2009-01-01")
    assert {r["limitation"]["period"] for r in cl if r["jurisdiction"] == "cl"} == {"P5Y"}


def test_a_life_penalty_takes_the_life_rule(kb) -> None:  # type: ignore[no-untyped-def]
    """Art. 124 (death of the victim, reclusión o prisión perpetua since 2004) prescribes in the
    15 years art. 62 inc. 1 gives perpetual penalties, not under the maximum-of-the-penalty rule."""
    view = scoped(kb, "ar")
    from lawbase import queries

    p = view.provisions["ar-cp/124"]
    pit = view.at(p, dt.date(2020, 1, 1))
    assert pit.version is not None
    (o,) = pit.version.offences
    term = queries.limitation(view, p, o, dt.date(2020, 1, 1))
    assert (term["period"], term["rules"][0]["label"]) == ("P15Y", "CP art. 62")


def test_the_command_line_compares_states() -> None:
    r = run_cli("penalty", "--conduct", "csam-possession", "--jurisdiction", "cl,ar", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert [j["id"] for j in data["jurisdictions"]] == ["cl", "ar"]
    t = run_cli("penalty", "--conduct", "csam-possession", "--jurisdiction", "cl,ar")
    assert "Argentina" in t.out and "Chile" in t.out and "prescribes in 2 years" in t.out
    bad = run_cli("penalty", "--conduct", "csam-possession", "--jurisdiction", "cl,zz")
    assert bad.code == 2 and "unknown jurisdiction 'zz'" in bad.err


def test_a_law_named_alone_shows_the_law(kb) -> None:  # type: ignore[no-untyped-def]
    """'Ley 26.364' is the reference people use for Argentina's trafficking law: `show` answers
    with the law, its dates, its sources and every article version it made; Chile's own laws
    answer the same way, and each State's view names only its own law."""
    law = api.show(kb, "Ley 26.364", dt.date(2020, 1, 1), jurisdiction="ar")
    assert (law["kind"], law["id"], law["published"]) == ("instrument", "ar-ley-26364", "2008-04-30")
    made = {(m["provision"], m["from"], m["status"]) for m in law["made"]}  # type: ignore[typeddict-item]
    assert ("ar-cp/145-bis", "2008-05-09", "in-force") in made
    assert ("ar-cp/127-bis", "2008-05-09", "repealed") in made
    cl = api.show(kb, "Ley 19.927", dt.date(2020, 1, 1))
    assert cl["kind"] == "instrument" and all(m["provision"].startswith("cl-") for m in cl["made"])  # type: ignore[typeddict-item]
    r = run_cli("show", "Ley 26.364")  # Chile's view: Argentina's law is not in it
    assert r.code == 1 and "Ley 26.364" in r.err


def test_compare_states_on_one_date(kb) -> None:  # type: ignore[no-untyped-def]
    """`compare 2019-01-01 --jurisdiction cl,ar`: each conduct's offences in each State, and the
    requirements on which the matrix gives them different statuses (and only those)."""
    day = dt.date(2019, 1, 1)
    c = api.compare_states(kb, day, jurisdiction="cl,ar")
    by = {x["conduct"]: x["offences"] for x in c["conducts"]}
    assert by["prostitution-client"]["ar"] == [] and by["prostitution-client"]["cl"]
    assert {r["provision"] for r in by["grooming"]["ar"]} == {"ar-cp/131"}
    m = api.matrix(kb, day, jurisdiction="cl,ar")
    cells = {r["id"]: r["cells"] for t in m["instruments"] for r in t["requirements"]}
    differ = {r["requirement"] for r in c["requirements_differ"]}
    assert differ == {rid for rid, cell in cells.items() if cell["cl"]["status"] != cell["ar"]["status"]}
    assert c["requirements_alike"] == len(cells) - len(differ)
    r = run_cli("compare", "2019-01-01", "--jurisdiction", "cl,ar")
    assert r.code == 0 and "Requirements on which they differ" in r.out
    one = run_cli("compare", "2019-01-01")
    assert one.code == 2 and "two dates, or one date and several States" in one.err


def test_the_references_people_type_for_argentine_law(kb) -> None:  # type: ignore[no-untyped-def]
    """Argentina's reference words resolve in its own view: 'CP 128', 'art. 128 del Código
    Penal', 'art. 145 bis', a bare number (its Penal Code), and a law named alone."""
    day = dt.date(2020, 1, 1)
    expected = {
        "CP 128": "ar-cp/128",
        "art. 128 del Código Penal": "ar-cp/128",
        "art. 145 bis": "ar-cp/145-bis",
        "145 ter": "ar-cp/145-ter",
        "Ley 24.767 art. 6": "ar-ley-24767/6",
        "CCyC 404": "ar-ccyc/404",
        "Ley 26.364": "ar-ley-26364",
    }
    for typed, ident in expected.items():
        assert api.show(kb, typed, day, jurisdiction="ar")["id"] == ident, typed
