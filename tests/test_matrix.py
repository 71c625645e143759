"""`lawbase matrix`: requirements × States, side by side, every cell traceable to the findings
and provision versions behind it; the cells say what each State's gap list and coverage say."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from conftest import run_cli

from lawbase import api

DAY = dt.date(2019, 1, 1)
STATUSES = {"gap", "partial", "met", "not-recorded", "not-assessed"}


def test_every_requirement_for_every_state(kb) -> None:  # type: ignore[no-untyped-def]
    """Chile and Argentina side by side on the OPSC: one row per requirement, a cell per State,
    and a cell that is not met rests on findings with evidence."""
    m = api.matrix(kb, DAY, against=["OPSC"], jurisdiction="cl,ar")
    assert [j["id"] for j in m["jurisdictions"]] == ["cl", "ar"]
    (table,) = m["instruments"]
    assert table["instrument"] == "un-opsc"
    reqs = [r.id for r in kb.requirements.values() if r.instrument == "un-opsc"]
    assert sorted(r["id"] for r in table["requirements"]) == sorted(reqs)
    for row in table["requirements"]:
        assert set(row["cells"]) == {"cl", "ar"}
        for cell in row["cells"].values():
            assert cell["status"] in STATUSES
            if cell["status"] in ("gap", "partial", "met"):
                assert cell["findings"] and cell["findings"][0]["status"] == cell["status"]
            if cell["status"] in ("gap", "partial"):
                assert any(e["shows"] for f in cell["findings"] for e in f["evidence"])
            if cell["status"] == "met" and cell["findings"][0]["id"] == "silence":
                # met because the rules assessing it find nothing that falls short: it says so
                assert "nothing in force" in cell["findings"][0]["title"]
                assert "incumple" in cell["findings"][0]["title_es"]
            for f in cell["findings"]:
                for e in f["evidence"]:
                    if e["provision"]:  # a provision's version, and where it is read
                        assert e["version"] and e["version"]["from"]
                        assert e["sources"]


def test_a_cell_says_what_coverage_says(kb) -> None:  # type: ignore[no-untyped-def]
    """Chile's column is Chile's coverage of the OPSC (the findings of one engine)."""
    m = api.matrix(kb, DAY, against=["OPSC"], jurisdiction=["cl"])
    cov = api.coverage(kb, "OPSC", DAY, jurisdiction="cl")
    worded = {"unknown": "not-recorded"}  # the matrix's word for what the corpus cannot assess
    expected = {r["id"]: worded.get(r["status"], r["status"]) for r in cov["requirements"]}
    assert {r["id"]: r["cells"]["cl"]["status"] for r in m["instruments"][0]["requirements"]} == expected


def test_before_any_recorded_law_cells_are_not_recorded(kb) -> None:  # type: ignore[no-untyped-def]
    """Before the corpus records any Argentine law, no cell reads silence as a gap."""
    m = api.matrix(kb, dt.date(1880, 1, 1), against=["OPSC"], jurisdiction="ar")
    assert m["jurisdictions"][0]["assessable"] is False
    assert {c["status"] for r in m["instruments"][0]["requirements"] for c in r["cells"].values()} <= {
        "not-recorded",
        "not-assessed",
    }


def test_the_command_line_formats() -> None:
    """JSON is the library's answer; CSV has a row per requirement and State; the Markdown table
    has a column per State and a note for every finding it marks."""
    args = ("matrix", "--as-of", "2019-01-01", "--against", "OPSC", "--jurisdiction", "cl,ar")
    j = run_cli(*args, "--json")
    assert j.code == 0, j.err
    data = json.loads(j.out)
    n = len(data["instruments"][0]["requirements"])
    c = run_cli(*args, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(c.out)))
    assert len(rows) == 2 * n and {r["jurisdiction"] for r in rows} == {"Chile", "Argentina"}
    assert {r["status"] for r in rows} <= STATUSES
    md = run_cli(*args, "--format", "md").out
    assert "| Requirement | Chile | Argentina |" in md
    marks = set(re.findall(r"\[\^(f\d+)\](?!:)", md))
    notes = set(re.findall(r"^\[\^(f\d+)\]:", md, flags=re.M))
    assert marks and marks == notes
    t = run_cli(*args)
    assert t.code == 0 and "Argentina" in t.out and "OPSC 3(1)(b)" in t.out


def test_an_unknown_state_is_refused() -> None:
    r = run_cli("matrix", "--jurisdiction", "cl,xx")
    assert r.code == 2 and "unknown jurisdiction 'xx'" in r.err and "Traceback" not in r.err


def _files(folder):  # type: ignore[no-untyped-def]
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_comparison_site_holds_each_states_site_and_the_matrix(kb, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`site OUT --jurisdiction cl,ar`: OUT/cl and OUT/ar are each exactly the site of that State
    alone, and OUT/matrix.html links every cell's evidence to a page that exists; a rebuild
    leaves the same files."""
    out = tmp_path / "www"
    api.site(kb, out, DAY, jurisdiction="cl,ar")
    for state in ("cl", "ar"):
        alone = tmp_path / f"alone-{state}"
        api.site(kb, alone, DAY, jurisdiction=state)
        assert _files(out / state) == _files(alone), state
    html = (out / "matrix.html").read_text(encoding="utf-8")
    assert re.search(r"<th scope='col'>Chile</th>\s*<th scope='col'>Argentina</th>", html)
    links = re.findall(r'href="([^"#]+)', html) + re.findall(
        r'href="([^"#]+)', (out / "index.html").read_text()
    )
    local = [h for h in links if not h.startswith("https://")]
    assert any(h.startswith("ar/ar-cp--") for h in local)
    assert [] == [h for h in local if not (out / h).is_file()]
    before = _files(out)
    api.site(kb, out, DAY, jurisdiction="cl,ar")
    assert _files(out) == before
