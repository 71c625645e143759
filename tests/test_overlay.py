"""`--overlay DIR`: a bill tried before it passes (docs/bill-14440-07, the worked example).

The bill is Boletín N° 14.440-07, which became Ley 21.522 (D.O. 30 Dec 2022); tried as law from
1 Jun 2022, it must change what that law changed, and every answer must say it is hypothetical.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, run_cli

BILL = "docs/bill-14440-07"


def test_gaps_with_the_bill_say_what_it_would_close() -> None:
    r = run_cli("gaps", "--as-of", "2022-06-15", "--overlay", BILL, "--json")
    assert r.code == 0, r.err
    a = json.loads(r.out)
    h = a["hypothetical"]
    assert (h["bill"], h["reference"], h["as_if_from"]) == (
        "cl-bill-14440-07",
        "Boletín N° 14.440-07",
        "2022-06-01",
    )
    assert "cl-cp/367-quater" in h["provisions"] and h["sources"][0]["source"] == "leychile-ley-21522"
    closed = {c["id"] for c in a["bill_changes"]["closed"]}
    assert closed == {
        "coverage:csam-live-streaming",
        "dead-reference:cl-cot/6->cl-cp/367-bis#minor-victim",
        "limitation:csam-distribution",
    }
    assert a["bill_changes"]["opened"] == []
    plain = json.loads(run_cli("gaps", "--as-of", "2022-06-15", "--json").out)
    assert "hypothetical" not in plain and "bill_changes" not in plain
    assert len(plain["findings"]) == len(a["findings"]) + 3


def _closed(args: list[str]) -> dict[str, set[str]]:
    a = json.loads(run_cli("compare", *args, "--json").out)
    return {g["title"]: {law["id"] for law in g["laws"]} for g in a["gaps"]["closed"]}


def test_the_bill_changes_what_ley_21522_changed() -> None:
    bill = _closed(["2022-05-31", "2022-06-15", "--overlay", BILL])
    law = _closed(["2022-06-15", "2023-01-02"])
    assert all(by == {"cl-bill-14440-07"} for by in bill.values())
    assert set(bill) == {t for t, by in law.items() if "cl-ley-21522" in by}
    assert len(bill) == 7


def test_every_format_says_it_is_hypothetical() -> None:
    case = ["case", "366quinquies", "--facts", "2021-06-01", "--judgment", "2022-09-01", "--overlay", BILL]
    table = run_cli(*case)
    assert table.code == 0, table.err
    assert table.out.startswith(
        "HYPOTHETICAL: answered as if the bill Boletín N° 14.440-07 were law from 2022-06-01."
    )
    assert "2022-06-01 Boletín 14.440-07 (bill): CP art. 367 quáter inc. 2" in " ".join(table.out.split())
    md = run_cli(*case, "--format", "md", "--lang", "es")
    assert md.out.startswith("> **HIPOTÉTICO: respuesta como si el proyecto Boletín N° 14.440-07 fuera ley")
    csv = run_cli("gaps", "--as-of", "2022-06-15", "--overlay", BILL, "--format", "csv")
    assert csv.out.startswith('\ufeff"HYPOTHETICAL:') and csv.out.count("\ufeff") == 1
    drawing = run_cli("graph", "367ter", "--format", "svg", "--overlay", BILL)
    assert drawing.code == 2 and "cannot mark the answer as hypothetical" in drawing.err


def test_a_bad_overlay_is_named_in_one_line(tmp_path: Path) -> None:
    missing = run_cli("gaps", "--overlay", str(tmp_path / "nowhere"))
    assert missing.code == 2 and "is not a folder" in missing.err
    bill = tmp_path / "bill"
    shutil.copytree(ROOT / BILL, bill)
    target = bill / "articles" / "cl-cp" / "367-ter.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("summary_es:", "summary_es: [", 1), encoding="utf-8"
    )
    broken = run_cli("gaps", "--overlay", str(bill))
    assert broken.code == 2 and str(target) in broken.err and "Traceback" not in broken.err
    assert len(broken.err.strip().splitlines()) >= 1
    shutil.rmtree(bill)
    shutil.copytree(ROOT / BILL, bill)
    (bill / "instruments" / "cl-bill-14440-07.yaml").unlink()
    for f in (bill / "articles").rglob("*.yaml"):
        f.write_text(
            f.read_text(encoding="utf-8").replace("cl-bill-14440-07", "cl-ley-21522"), encoding="utf-8"
        )
    nobill = run_cli("gaps", "--overlay", str(bill))
    assert (
        nobill.code == 2 and "holds no instrument" in nobill.err and len(nobill.err.strip().splitlines()) == 1
    )


def _copy(tmp_path: Path) -> Path:
    bill = tmp_path / "bill"
    shutil.copytree(ROOT / BILL, bill)
    return bill


def test_a_bill_cannot_rewrite_or_drop_enacted_law(tmp_path: Path) -> None:
    """Found by trying it: an overlay that changed the 2004 penalty of art. 367 ter, or left out
    a version the corpus records, was answered as if that were the enacted law."""
    bill = _copy(tmp_path)
    ter = bill / "articles" / "cl-cp" / "367-ter.yaml"
    ter.write_text(
        ter.read_text(encoding="utf-8").replace("menor-maximo", "menor-minimo", 1), encoding="utf-8"
    )
    r = run_cli("penalty", "367ter", "--as-of", "2018-06-01", "--overlay", str(bill))
    assert r.code == 2 and f"{ter}: the version of 2004-01-14 (cl-ley-19927) differs" in r.err
    shutil.rmtree(bill)
    bill = _copy(tmp_path)
    early = bill / "articles" / "cl-cp" / "367-quater.yaml"
    early.write_text(early.read_text(encoding="utf-8").replace("2022-06-01", "2021-01-01"), encoding="utf-8")
    r = run_cli("show", "367quater", "--overlay", str(bill))
    assert r.code == 2 and "starts before the date the bill is tried from (2022-06-01)" in r.err
    two = run_cli("show", "367ter", "--overlay", BILL, "--overlay", BILL)
    assert two.code == 2 and "one bill at a time" in two.err


def test_the_site_and_validate_take_the_bill_too(tmp_path: Path) -> None:
    out = tmp_path / "www"
    r = run_cli("site", str(out), "--as-of", "2022-07-01", "--overlay", BILL)
    assert r.code == 0, r.err
    for page in ("index.html", "cl-cp--367-quater.html", "es/index.html", "laws.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert 'class="hypothetical" role="alert"' in text, page
        assert "<title>HYPOTHETICAL · " in text or "<title>HIPOTÉTICO · " in text, page
    assert "Boletín 14.440-07 (bill)" in (out / "cl-cp--367-quater.html").read_text(encoding="utf-8")
    v = run_cli("validate", "--overlay", BILL)
    assert v.code == 0 and v.out.startswith("HYPOTHETICAL:"), v.err
