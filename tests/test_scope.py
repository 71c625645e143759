"""Which State is assessed is the core's decision (lawbase.scope), and the library answers every
question the command line asks, with the same answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, run_cli

import lawbase
from lawbase import api
from lawbase import gaps as gapmod

WHEN = "2018-06-01"

# command line -> the same question through the library (kb is the shipped corpus)
QUESTIONS = {
    ("show", "367ter"): lambda kb, d: api.show(kb, "367ter", d),
    ("penalty", "367ter", "--history"): lambda kb, d: api.penalty(kb, "367ter", d, history=True),
    ("penalty", "--conduct", "csam-production"): lambda kb, d: api.penalties_for_conduct(
        kb, "csam-production", d
    ),
    ("search", "prostitución infantil", "--limit", "5"): lambda kb, d: api.search(
        kb, "prostitución infantil", d, limit=5
    ),
    ("gaps", "--against", "OPSC"): lambda kb, d: api.gaps(kb, d, against=["OPSC"]),
    ("coverage", "Palermo"): lambda kb, d: api.coverage(kb, "Palermo", d),
    ("compare", "2001-06-01", WHEN): lambda kb, d: api.compare(kb, api.dt.date(2001, 6, 1), d),
    ("age", "15"): lambda kb, d: api.age(kb, 15, d),
    ("refs", "366quinquies", "--depth", "2"): lambda kb, d: api.refs(kb, "366quinquies", d, depth=2),
    ("extradition", "367ter"): lambda kb, d: api.extradition(kb, "367ter", d),
    ("graph", "367ter", "--depth", "1"): lambda kb, d: api.graph(kb, "367ter", d, depth=1),
}


@pytest.mark.parametrize("args", list(QUESTIONS), ids=[" ".join(a) for a in QUESTIONS])
def test_the_library_answers_as_the_command_line(kb, args) -> None:  # type: ignore[no-untyped-def]
    """`lawbase <command> --json` and the library function print the same JSON."""
    as_of = [] if args[0] == "compare" else ["--as-of", WHEN]
    r = run_cli(*args, *as_of, "--json")
    assert 0 == r.code, r.err
    answer = QUESTIONS[args](kb, api.dt.date.fromisoformat(WHEN))
    assert json.loads(r.out) == json.loads(json.dumps(answer))


def test_validate_and_site_through_the_library_match_the_command_line(tmp_path: Path) -> None:
    """The two commands that take folders: the same summary, the same pages."""
    r = run_cli("validate", "--json")
    assert 0 == r.code, r.err
    assert json.loads(r.out) == api.validate(DATA)
    by_cli, by_lib = tmp_path / "cli", tmp_path / "lib"
    r = run_cli("site", str(by_cli), "--as-of", WHEN, "--json")
    assert 0 == r.code, r.err
    api.site(lawbase.load(DATA), by_lib, api.dt.date.fromisoformat(WHEN))
    pages = sorted(p.name for p in by_cli.iterdir() if p.is_file() and not p.name.startswith("."))
    assert pages == sorted(p.name for p in by_lib.iterdir() if p.is_file() and not p.name.startswith("."))
    assert all((by_cli / n).read_bytes() == (by_lib / n).read_bytes() for n in pages)


# a second State whose id sorts before Chile's, with a code that takes bare numbers and is also
# called "CP", and an offence with a conduct tag Chile's law also has
AA_CODE = """\
id: aa-cp
kind: code
jurisdiction: aa
title: {en: Criminal Code of Aa, es: Código Penal de Aa}
short: CP
aliases: [CP]
published: "1990-01-01"
summary: A fictional code, for tests.
sources:
  - {source: s1-sename-2001, pinpoint: "section 1", verified: false, reason: a test fixture, checked: "2026-12-02"}
"""
AA_JURISDICTION = """\
id: aa
label: Aa
courts: {en: the courts of Aa}
languages: [es]
references: {bare_numbers: aa-cp}
"""
AA_ARTICLE = """\
id: aa-cp/7
instrument: aa-cp
number: "7"
title: {en: Attempt, es: Tentativa}
versions:
  - from: "1990-01-01"
    by: aa-cp
    summary: A fictional rule, for tests.
    sources:
      - {source: s1-sename-2001, pinpoint: "section 1", verified: false, reason: a test fixture, checked: "2026-12-02"}
"""


def _with_second_state(corpus: Path, *, declared: bool) -> Path:
    (corpus / "jurisdictions" / "aa.yaml").write_text(AA_JURISDICTION, encoding="utf-8")
    (corpus / "instruments" / "aa-cp.yaml").write_text(AA_CODE, encoding="utf-8")
    (corpus / "articles" / "aa-cp").mkdir()
    (corpus / "articles" / "aa-cp" / "7.yaml").write_text(AA_ARTICLE, encoding="utf-8")
    if not declared:
        (corpus / "corpus.yaml").unlink()
    return corpus


def test_a_second_state_sorting_first_does_not_replace_the_declared_one(corpus: Path) -> None:
    """corpus.yaml's default_jurisdiction, not the alphabet, decides: Chile's answers stay."""
    _with_second_state(corpus, declared=True)
    for args in (("gaps", "--as-of", WHEN), ("show", "7"), ("show", "CP 7"), ("coverage", "OPSC")):
        mine = run_cli(*args, "--json", "--data", str(corpus))
        shipped = run_cli(*args, "--json")
        assert 0 == mine.code, mine.err
        assert shipped.out == mine.out, args


def test_a_corpus_of_two_states_without_a_default_asks_which(corpus: Path) -> None:
    """No declaration and two States' law: exit 2 and one line saying how to choose."""
    _with_second_state(corpus, declared=False)
    r = run_cli("gaps", "--data", str(corpus))
    assert 2 == r.code
    assert 1 == len(r.err.splitlines())
    states = sorted({"aa", *lawbase.load(DATA).national_jurisdictions()})
    assert f"{len(states)} jurisdictions ({', '.join(states)})" in r.err and "--jurisdiction" in r.err
    chosen = run_cli("gaps", "--json", "--as-of", WHEN, "--jurisdiction", "cl", "--data", str(corpus))
    assert 0 == chosen.code, chosen.err
    shipped, mine = json.loads(run_cli("gaps", "--json", "--as-of", WHEN).out), json.loads(chosen.out)
    del shipped["title"], mine["title"]  # the title is corpus.yaml's, removed here
    assert shipped == mine


def test_the_other_state_answers_for_itself(corpus: Path) -> None:
    """--jurisdiction aa: its own article, and no Chilean provision in its view."""
    _with_second_state(corpus, declared=True)
    kb = lawbase.load(corpus)
    assert "aa-cp/7" == api.show(kb, "7", jurisdiction="aa")["id"]
    assert "cl-cp/7" == api.show(kb, "CP 7")["id"]
    view = api.gaps(kb, api.dt.date.fromisoformat(WHEN), jurisdiction="aa")
    assert "aa" == view["jurisdiction"]["id"]
    cited = json.dumps(view)
    assert "cl-cp/" not in cited and "cl-cot/" not in cited


def test_the_library_scopes_an_analysis_as_the_command_line_does(corpus: Path) -> None:
    """lawbase.gaps.gaps on a whole two-State corpus assesses the declared State only, as the
    CLI does (it used to pool both States' law)."""
    _with_second_state(corpus, declared=True)
    kb = lawbase.load(corpus)
    when = api.dt.date.fromisoformat(WHEN)
    r = run_cli("gaps", "--json", "--as-of", WHEN, "--data", str(corpus))
    assert json.loads(r.out) == json.loads(json.dumps(gapmod.gaps(kb, when)))
    assert json.loads(r.out) == json.loads(json.dumps(api.gaps(kb, when)))


def test_an_unknown_jurisdiction_is_refused_in_one_line() -> None:
    """A typo gets a suggestion and exit 2, from every command that takes --jurisdiction."""
    r = run_cli("gaps", "--jurisdiction", "cll")
    assert 2 == r.code
    assert "unknown jurisdiction 'cll'" in r.err and "cl" in r.err
    with pytest.raises(lawbase.UsageError):
        api.age(lawbase.load(DATA), 15, jurisdiction="cll")


def test_another_states_treaties_are_not_applied(corpus: Path) -> None:
    """An extradition treaty only Chile has taken steps in is no treaty of the other State's."""
    _with_second_state(corpus, declared=True)
    kb = lawbase.load(corpus)
    with pytest.raises(lawbase.NotFound):
        api.extradition(kb, "7", treaty="cl-us-extradition", jurisdiction="aa")
    assert api.extradition(kb, "367ter", treaty="cl-us-extradition")["offences"][0]["treaties"]


def test_a_submission_about_one_state_is_no_yardstick_for_another(kb) -> None:  # type: ignore[no-untyped-def]
    """The 2018 NGO submission to Chile's UPR is addressed to Chile (`addressed_to`): Chile's gap
    list cites it, Argentina's never does, and the matrix compares the States on the yardsticks
    both are held to."""
    when = api.dt.date(2024, 1, 1)

    def cited(j: str) -> set[str]:
        out = set()
        for f in api.gaps(kb, when, jurisdiction=j)["findings"]:
            for r in [f["requirement"], *f["also_required_by"]]:
                if r:
                    out.add(r["instrument"])
        return out

    assert "ngo-upr-2018-cl" in cited("cl")
    assert "ngo-upr-2018-cl" not in cited("ar")
    both = [t["instrument"] for t in api.matrix(kb, when, jurisdiction="cl,ar")["instruments"]]
    assert "ngo-upr-2018-cl" not in both and "un-opsc" in both
    assert "ngo-upr-2018-cl" in [
        t["instrument"] for t in api.matrix(kb, when, jurisdiction="cl")["instruments"]
    ]
