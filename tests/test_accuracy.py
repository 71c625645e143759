"""Legal accuracy as a lawyer would check it: each class of error the independent review found,
tested across the corpus rather than on its one named example; and the horizon rule, that no
command turns "not recorded" into "none"."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from conftest import run_cli

from lawbase import gaps as gapmod
from lawbase import scope
from lawbase.scope import scoped

TODAY = dt.date(2026, 12, 2)
BEFORE_EVERYTHING = "1870-01-01"  # the Código Penal came into force on 1 Mar 1875


def _json(*args: str) -> Any:
    r = run_cli(*args, "--json")
    assert r.code in (0, 1), r.err
    return json.loads(r.out)


def _national(kb):  # type: ignore[no-untyped-def]
    home = scope.assessed(kb)
    return [p for p in kb.provisions.values() if kb.instruments[p.instrument].jurisdiction == home]


# --- every national version checked against a dated official text ---------------------------


def test_every_national_version_records_the_official_text_it_was_checked_against(kb) -> None:  # type: ignore[no-untyped-def]
    """A consolidated text's version in force during the version (its idVersion), or, where the
    register holds no consolidated text of the norm, the law that made or amended it, re-read."""
    unchecked = []
    for p in _national(kb):
        for v in p.versions:
            end = v.end or dt.date.max
            dated = any(c.version and v.start <= c.version < end for c in v.sources)
            law = any(
                kb.sources[c.source].published and c.checked >= dt.date(2026, 12, 2) and c.verified
                for c in v.sources
            )
            if not (dated or law):
                unchecked.append(f"{p.id} {v.start}")
    assert not unchecked, unchecked


def test_came_into_force_is_the_first_day_not_the_current_versions(kb) -> None:  # type: ignore[no-untyped-def]
    j = _json("show", "367 ter", "--as-of", "2024-01-01")
    assert j["version"]["from"] == "2022-12-30"
    assert j["came_into_force"] == "2004-01-14"
    for p in _national(kb):
        pit = kb.at(p, TODAY)
        if pit.state == "in-force" and not p.before:
            assert pit.came_into_force == p.versions[0].start, p.id
        if p.before:  # the record begins after the provision did: when it began is unknown
            assert pit.came_into_force is None, p.id


def test_a_first_recorded_version_is_not_an_amendment(kb) -> None:  # type: ignore[no-untyped-def]
    j = _json("compare", "2001-06-01", "2024-01-01")
    for key in ("added", "amended"):
        for e in j["provisions"][key]:
            inst = kb.provisions[e["id"]].instrument
            if kb.instruments[inst].kind == "code":  # a code does not amend itself
                assert inst not in {law["id"] for law in e["laws"]}, (key, e["label"], e["laws"])
    labels = {e["label"] for e in j["provisions"]["amended"]}
    assert "CP art. 21" in labels and "CP art. 21" not in {e["label"] for e in j["provisions"]["added"]}
    for e in j["provisions"]["first_recorded"]:
        p = kb.provisions[e["id"]]
        assert p.before and p.versions[0].by == p.instrument


def test_the_code_that_governs_extradition_is_the_one_of_the_facts_date() -> None:
    """After 16 Jun 2005 the Código Procesal Penal governs; the old code only older facts."""
    for when, old, new in (("2018-06-01", False, True), ("2003-06-01", True, False)):
        j = _json("extradition", "367 ter" if when > "2004" else "367", "--as-of", when)
        codes = {c["provision"]: c["governs_facts_of_date"] for o in j["offences"] for c in o["codes"]}
        assert codes["cl-cdpp/635"] is old, (when, codes)
        assert codes["cl-cpp/431"] is new, (when, codes)


def test_the_1900_treaty_with_the_united_states_stops_applying_in_2016() -> None:
    def applicable(when: str) -> Any:
        j = _json("extradition", "367 ter", "--as-of", when)
        return {t["treaty"]: t["applicable"] for t in j["offences"][0]["treaties"]}

    assert applicable("2010-01-01")["cl-us-extradition-1900"] is True
    later = applicable("2018-06-01")
    assert later["cl-us-extradition-1900"] is False and later["cl-us-extradition"] is True


# --- coverage through other offences ------------------------------------------------------


def _assessment(kb, when: str, aid: str) -> gapmod.Assessment:  # type: ignore[no-untyped-def]
    found = {a.id: a for a in gapmod.assess(kb, dt.date.fromisoformat(when))}
    return found[aid]


def _band_label(band: dict[str, Any]) -> str:
    return f"under {band['under']}" if band["from"] == 0 else f"{band['from']}–{band['under'] - 1}"


@pytest.mark.parametrize("when", ["2001-06-01", "2019-06-01"])
def test_a_paying_client_of_a_young_child_is_covered_through_rape_and_sexual_abuse(kb, when: str) -> None:  # type: ignore[no-untyped-def]
    a = _assessment(kb, when, "coverage:prostitution-client")
    youngest = a.details["bands"][0]
    assert youngest["from"] == 0 and youngest["status"] == "full" and youngest["through_other_offences"]
    through = {kb.provision_of(o) for o in youngest["offences"]}
    assert {"cl-cp/362", "cl-cp/366-bis"} <= through
    assert any("also punishes" in e["shows"] for e in a.evidence)
    young = _band_label(youngest)
    assert f"{young} (not at all)" not in a.title and f"children {young} through" in a.title


def test_before_2011_cross_border_procurement_counted_as_partial_trafficking_coverage(kb) -> None:  # type: ignore[no-untyped-def]
    a = _assessment(kb, "2005-06-01", "coverage:trafficking-sexual")
    assert a.status == "partial", a.title
    assert all(b["status"] == "conditional" for b in a.details["bands"])
    assert "cl-cp/367-bis" in a.provisions
    after = _assessment(kb, "2012-06-01", "coverage:trafficking-sexual")
    assert "cl-cp/367-bis" not in after.provisions


def test_labour_trafficking_is_a_conduct_the_corpus_expresses(kb) -> None:  # type: ignore[no-untyped-def]
    offences = [o for _, _, o in scoped(kb, "cl").offences_at(TODAY) if "trafficking-labour" in o.conduct]
    assert offences and all(o.id.startswith("cl-cp/411-quater") for o in offences)
    assert any(o.victim_age.lo == 0 and o.victim_age.under == 18 for o in offences)
    before = {f["id"]: f for f in gapmod.gaps(kb, dt.date(2005, 6, 1))["findings"]}
    assert before["coverage:trafficking-labour"]["status"] == "gap"  # 367 bis reached only prostitution
    required = {r["id"] for r in [before["coverage:trafficking-labour"]["requirement"]]}
    required |= {r["id"] for r in before["coverage:trafficking-labour"]["also_required_by"]}
    assert {"un-palermo/5", "ilo-c182/3-a"} <= required
    after = {f["id"] for f in gapmod.gaps(kb, dt.date(2012, 6, 1))["findings"]}
    assert "coverage:trafficking-labour" not in after


def test_a_benchmark_criterion_met_by_several_articles_together(kb) -> None:  # type: ignore[no-untyped-def]
    """ICMEC's criterion (3), technology-facilitated offences, was met before 2022 by the CSAM
    offences of arts. 366 quinquies and 374 bis, though no offence of live-streaming existed."""
    report = gapmod.gaps(kb, dt.date(2019, 6, 1))
    for f in report["findings"]:
        ids = [f["requirement"]["id"]] + [r["id"] for r in f["also_required_by"]] if f["requirement"] else []
        assert "icmec-csam-criteria/3" not in ids, f["title"]
        assert "icmec-csam-criteria/1" not in ids, f["title"]


def test_penalties_fixed_by_reference_are_filled_in(kb) -> None:  # type: ignore[no-untyped-def]
    """No offence or aggravated variant in force on any version's date is left without a penalty."""
    empty = []
    for p in _national(kb):
        for v in p.versions:
            for o in v.offences:
                for pen in [o.penalty, *(a.penalty for a in o.aggravated)]:
                    if not (pen.kind or pen.min or pen.max or pen.fine or pen.raise_degrees or pen.text):
                        empty.append(f"{o.id} {v.start}")
    assert not empty, empty
    j = _json("penalty", "367 bis", "--as-of", "2003-01-01")
    aggravated = j["versions"][0]["offences"][0]["aggravated"]
    assert aggravated and all(a["penalty"]["fine"] for a in aggravated)


def test_accessory_penalties_are_shown_with_the_offences_they_attach_to() -> None:
    j = _json("show", "366 quinquies", "--as-of", "2019-06-01")
    acc = [a for o in j["offences"] for a in o["accessory"]]
    assert acc and all(a["provision"] == "cl-cp/372" for a in acc)
    r = run_cli("penalty", "362", "--as-of", "2019-06-01")
    assert "Accessory penalties" in r.out and "CP art. 372" in r.out
    adults = _json("show", "411 quater", "--as-of", "2019-06-01")
    assert not [a for o in adults["offences"] if o["victim_age"]["from"] >= 18 for a in o["accessory"]]


# --- versions the first release missed ------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "when", "law"),
    [
        ("374", "1990-01-01", "cl-dl-2059"),  # before Ley 19.617 the article had another penalty
        ("374", "2003-01-01", "cl-ley-19806"),  # as amended in 2002
        ("CC 107", "2022-06-01", "cl-ley-21400"),  # as amended in 2022
        ("21", "2018-01-01", "cl-ley-21020"),  # the later amendments of art. 21
        ("Ley 20.393 art. 1", "2010-01-01", "cl-ley-20393"),  # from 2009, not 2022
    ],
)
def test_versions_the_first_release_missed(ref: str, when: str, law: str) -> None:
    j = _json("show", ref, "--as-of", when)
    assert j["state"] == "in-force", j["state"]
    assert j["version"]["by"] == law


def test_the_palermo_protocol_entered_into_force_for_chile_not_only_was_ratified(kb) -> None:  # type: ignore[no-untyped-def]
    st = kb.instrument_status("un-palermo", "cl", dt.date(2005, 6, 1))
    assert st["in_force"] is True
    assert st["since"] == "2004-12-29"
    assert kb.instrument_status("un-palermo", "cl", dt.date(2004, 12, 1))["in_force"] is not True


# --- honest horizons --------------------------------------------------------------------------


def test_before_the_corpus_records_any_national_law_gaps_cannot_assess() -> None:
    j = _json("gaps", "--as-of", BEFORE_EVERYTHING)
    assert j["assessable"] is False and j["findings"] == [] and j["not_assessed"]
    md = run_cli("gaps", "--as-of", BEFORE_EVERYTHING, "--format", "md").out
    assert "cannot assess" in md and "## Not assessable on this date" in md
    assert "No gap was found" not in md


def test_no_command_reads_an_unrecorded_text_as_none(kb) -> None:  # type: ignore[no-untyped-def]
    """On a date before a provision's record begins, the commands that would have counted it say
    it is not recorded: age, gaps, coverage, compare, extradition and show (Chile's law: the
    commands answer for Chile by default)."""
    unrecorded = scoped(kb, "cl").not_recorded(dt.date(1990, 1, 1))
    assert unrecorded, "the shipped corpus has provisions recorded only from after 1990"
    labels = {kb.label(p.id) for p in unrecorded}
    age = _json("age", "15", "--as-of", "1990-01-01")
    assert {x["label"] for x in age["not_recorded"]} & labels
    assert "Not recorded on this date" in run_cli("age", "15", "--as-of", "1990-01-01").out
    comp = _json("compare", "1990-01-01", "2024-01-01")
    assert {x["label"] for x in comp["not_recorded"]["from"]} == labels
    g = _json("gaps", "--as-of", "1990-01-01")
    for f in g["findings"]:  # a stated gap may rest on no provision that is not recorded then
        for e in f["evidence"]:
            assert e.get("provision") not in {p.id for p in unrecorded} or e.get("version"), f["id"]
    for f in g["not_assessed"]:  # each names what is not recorded (the marriage rule says why)
        assert f["details"].get("not_recorded") or f["details"].get("why"), f["id"]
    cov = _json("coverage", "crc", "--as-of", "1990-01-01")
    assert "not_recorded" in cov
    for p in unrecorded:
        j = _json("show", p.id, "--as-of", "1990-01-01")
        assert j["state"] == "not-recorded" and j["in_force"] is None and j["recorded_from"], p.id


def test_a_text_is_never_projected_back_past_the_oldest_version_read(kb) -> None:  # type: ignore[no-untyped-def]
    for p in kb.provisions.values():
        if p.before_same_text:
            assert p.before_since is not None and p.before_since < p.versions[0].start, p.id
            day_before = p.before_since - dt.timedelta(days=1)
            assert kb.at(p, day_before).state == "not-recorded", p.id


def test_a_gap_that_unrecorded_law_may_answer_is_not_stated(kb, corpus) -> None:  # type: ignore[no-untyped-def]
    """Make the corporate-liability law start in 2022 with an unrecorded earlier text, as the
    first release had it: the 2019 finding on legal persons becomes 'not assessable'."""
    import lawbase

    f = corpus / "articles" / "cl-ley-20393" / "1.yaml"
    text = f.read_text(encoding="utf-8")
    cut = text.index("versions:\n")
    first_2022 = text.index('  - from: "2022-02-12"')
    before = (
        "before:\n  summary: The text before 2022 is not recorded here.\n  sources:\n"
        '    - {source: leychile-ley-20393, pinpoint: "art. 1", verified: true, checked: "2026-12-02"}\n'
    )
    f.write_text(text[:cut] + before + "versions:\n" + text[first_2022:], encoding="utf-8")
    kb2 = lawbase.load(corpus)
    report = gapmod.gaps(kb2, dt.date(2019, 6, 1))
    assert not [x for x in report["findings"] if x["rule"] == "legal-persons"]
    unknown = [x for x in report["not_assessed"] if x["rule"] == "legal-persons"]
    assert unknown and unknown[0]["details"]["would_be"] == "gap"
    assert [m["provision"] for m in unknown[0]["details"]["not_recorded"]] == ["cl-ley-20393/1"]


# --- the UN and UPR side ----------------------------------------------------------------------


def test_gaps_show_the_upr_recommendations_each_finding_answers() -> None:
    j = _json("gaps", "--as-of", "2019-06-01")
    recs = [r for f in j["findings"] for r in f["recommendations"]]
    assert recs and all(r["review"] == "UPR 2014" for r in recs)
    assert any("Iran" in r["recommending"] and r["accepted"] for r in recs)
    md = run_cli("gaps", "--as-of", "2019-06-01", "--format", "md").out
    assert "**UPR 2014 recommendation.** By Iran, accepted:" in md
    early = _json("gaps", "--as-of", "2010-01-01")
    assert not [r for f in early["findings"] for r in f["recommendations"]]  # not yet made


def test_extradition_and_the_site_keep_the_horizon(kb, tmp_path) -> None:  # type: ignore[no-untyped-def]
    unrecorded = scoped(kb, "cl").not_recorded(dt.date(1990, 1, 1))
    p = unrecorded[0]
    j = _json("extradition", p.id, "--as-of", "1990-01-01")
    assert j["state"] == "not-recorded" and j["recorded_from"] and j["offences"] == []
    out = run_cli("extradition", p.id, "--as-of", "1990-01-01").out
    assert "does not record this provision's text on this date" in out
    early = _json("extradition", "367", "--as-of", BEFORE_EVERYTHING)
    assert early["state"] == "not-yet" and early["offences"] == []
    site = tmp_path / "site"
    r = run_cli("site", str(site), "--as-of", "1990-01-01")
    assert r.code == 0, r.err
    page = (site / f"{p.id.replace('/', '--')}.html").read_text(encoding="utf-8")
    assert "The corpus records this provision from" in page
    gaps_page = (site / "gaps.html").read_text(encoding="utf-8")
    assert (
        "Not assessable on 1990-01-01" in gaps_page
        or not _json("gaps", "--as-of", "1990-01-01")["not_assessed"]
    )
