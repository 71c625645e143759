"""References as people type them, through the CLI (in process) and the library, for Chile and
Argentina: incisos, mistyped suffixes, laws named alone, treaty names, conduct tags, search."""

from __future__ import annotations

import json

import pytest

from lawbase import api, i18n
from lawbase.cli import main
from lawbase.errors import NotFound


@pytest.fixture(autouse=True)
def _locale_language() -> object:
    """--lang sets the language for the process: each test starts from the locale's."""
    yield
    i18n.set_language(None)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`lawbase ARGS` in this process: exit code, stdout, stderr."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def show_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    code, out, err = run(capsys, "show", *args, "--json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


# --- incisos ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "pid", "part"),
    [
        ("367 quáter inciso 3", "cl-cp/367-quater", "inc. 3"),
        ("367 quater inc. 2", "cl-cp/367-quater", "inc. 2"),
        ("art. 366 quáter inc. 2 del Código Penal", "cl-cp/366-quater", "inc. 2"),
        ("CP art. 367 quáter inc 1", "cl-cp/367-quater", "inc. 1"),
    ],
)
def test_an_inciso_resolves_to_its_article_and_marks_its_offences(
    capsys: pytest.CaptureFixture[str], typed: str, pid: str, part: str
) -> None:
    data = show_json(capsys, typed)
    assert (data["id"], data["part"]) == (pid, part)
    marked = [o for o in data["offences"] if o["id"] in data["part_offences"]]
    assert marked, "the offences of the inciso are named"
    assert all(part in o["part"] for o in marked)
    assert all(part not in (o["part"] or "") for o in data["offences"] if o not in marked)
    code, out, _ = run(capsys, "show", typed)
    assert code == 0
    assert f"{part}: {marked[0]['name']['en']}" in out


def test_an_inciso_the_corpus_does_not_split_is_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    """367 ter's offences name no inciso: the article is shown, and the note says so."""
    data = show_json(capsys, "367 ter inc. 2")
    assert data["id"] == "cl-cp/367-ter"
    assert data["part"] is None
    assert data["note"] and "inc. 2" in data["note"]


def test_an_inciso_the_article_lacks_exits_1_with_those_it_has(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "367 quáter inc. 9")
    assert code == 1 and out == ""
    assert "has no inc. 9" in err
    assert "CP art. 367 quáter inc. 1" in err and "CP art. 367 quáter inc. 3" in err
    assert err.count("\n") == 1


def test_penalty_of_an_inciso_lists_its_offences_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "penalty", "367 quáter inc. 2", "--json")
    assert code == 0, err
    data = json.loads(out)
    offences = data["versions"][0]["offences"]
    assert data["part"] == "inc. 2"
    assert offences and all("inc. 2" in o["part"] for o in offences)
    whole = json.loads(run(capsys, "penalty", "367 quáter", "--json")[1])
    assert len(whole["versions"][0]["offences"]) > len(offences)


def test_argentina_parrafos_and_incisos(capsys: pytest.CaptureFixture[str]) -> None:
    """Argentina's CP art. 128 is cited by párrafo, art. 145 ter by inciso."""
    data = show_json(capsys, "128 párr. 2", "--jurisdiction", "ar")
    assert (data["id"], data["part"]) == ("ar-cp/128", "párr. 2")
    assert data["part_offences"]
    data = show_json(capsys, "Artículo 145 ter inciso 1", "--jurisdiction", "ar")
    assert (data["id"], data["part"]) == ("ar-cp/145-ter", "inc. 1")
    code, _, err = run(capsys, "show", "128 párrafo 9", "--jurisdiction", "ar")
    assert code == 1 and "CP art. 128 párr. 1" in err


# --- mistyped and missing suffixes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "pid", "shown"),
    [
        ("367 tre", "cl-cp/367-ter", "367 tre"),
        ("Art 366quinq", "cl-cp/366-quinquies", "366 quinq"),
        ("367 quarter", "cl-cp/367-quater", "367 quarter"),
        ("367terr", "cl-cp/367-ter", "367 terr"),
    ],
)
def test_a_mistyped_suffix_shows_the_one_article_meant_with_a_note(
    capsys: pytest.CaptureFixture[str], typed: str, pid: str, shown: str
) -> None:
    data = show_json(capsys, typed)
    assert data["id"] == pid
    assert data["note"] == f"showing {data['label']}; you typed {shown}"
    code, out, err = run(capsys, "show", typed)
    assert code == 0 and "unknown instrument" not in out + err
    assert f"you typed {shown}" in out


def test_a_suffix_that_does_not_exist_exits_1_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    """'CP 367 octies bis' is not 367 octies: exit 1, 367 octies suggested first, each once."""
    code, out, err = run(capsys, "show", "CP 367 octies bis")
    assert code == 1 and out == ""
    assert err.startswith("lawbase: no article 367 octies bis (did you mean: CP art. 367 octies,")
    assert "cl-cp/" not in err  # labels, not "label, id"
    names = err.split("did you mean: ")[1].rstrip("?)\n").split(", ")
    assert len(names) == len(set(names))


def test_suggestions_name_each_candidate_once(kb) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound) as exc:
        kb.resolve("367 zzz")
    assert exc.value.suggestions
    assert not any("/" in s for s in exc.value.suggestions)
    assert len(set(exc.value.suggestions)) == len(exc.value.suggestions)


def test_argentina_mistyped_suffix(capsys: pytest.CaptureFixture[str]) -> None:
    data = show_json(capsys, "145 tre", "--jurisdiction", "ar")
    assert data["id"] == "ar-cp/145-ter"
    assert "you typed 145 tre" in data["note"]
    code, _, err = run(capsys, "show", "125 bis bis", "--jurisdiction", "ar")
    assert code == 1 and "no article 125 bis bis" in err and "CP art. 125 bis" in err


def test_the_notes_have_their_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "367 tre", "--lang", "es")
    assert code == 0, err
    assert "usted escribió 367 tre" in out
    code, _, err = run(capsys, "show", "367 quáter inc. 9", "--lang", "es")
    assert code == 1 and "no tiene inc. 9" in err


# --- laws ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["Ley 21.522", "ley 21522", "Ley N° 21.522", "Ley Nº 21.522", "Law No. 21.522"]
)
def test_a_law_is_shown_by_its_name(capsys: pytest.CaptureFixture[str], typed: str) -> None:
    data = show_json(capsys, typed)
    assert (data["kind"], data["id"]) == ("instrument", "cl-ley-21522")


def test_a_law_says_what_it_added_amended_and_repealed(capsys: pytest.CaptureFixture[str]) -> None:
    data = show_json(capsys, "Ley 21.522")
    assert (data["number"], data["published"], data["in_force"]) == ("21.522", "2022-12-30", "2022-12-30")
    assert data["gazette"] == "D.O."
    change = {m["provision"]: m["change"] for m in data["made"]}
    assert change["cl-cp/367-quater"] == "added"  # new in §6 bis
    assert change["cl-cp/367-ter"] == "amended"  # widened to every person under 18
    assert change["cl-cp/374-bis"] == "repealed"
    assert change["cl-cp/366-quinquies"] == "repealed"
    code, out, _ = run(capsys, "show", "Ley 21.522")
    assert code == 0
    assert "D.O. 2022-12-30; in force 2022-12-30" in out
    added, amended, repealed = (
        out.index(h) for h in ("Articles it added", "Articles it amended", "Articles it repealed")
    )
    assert added < out.index("CP art. 367 quáter: from 2022-12-30") < amended
    assert amended < out.index("CP art. 367 ter: from 2022-12-30") < repealed
    assert repealed < out.index("CP art. 374 bis: from 2022-12-30")


def test_argentina_law_that_added_an_article_in_a_repealed_place(capsys: pytest.CaptureFixture[str]) -> None:
    """Ley 26.904 added a new art. 131 where Ley 25.087 had repealed the old one."""
    data = show_json(capsys, "Ley 26.904", "--jurisdiction", "ar")
    assert (data["id"], data["gazette"], data["published"]) == ("ar-ley-26904", "B.O.", "2013-12-11")
    assert [(m["provision"], m["change"], m["from"]) for m in data["made"]] == [
        ("ar-cp/131", "added", "2013-12-20")
    ]
    code, out, err = run(capsys, "show", "ley nº 26904", "--jurisdiction", "ar", "--lang", "es")
    assert code == 0, err
    assert "Artículos que agregó" in out


@pytest.mark.parametrize(
    ("query", "jurisdiction", "law"),
    [("21.522", "cl", "cl-ley-21522"), ("ley 21522", "cl", "cl-ley-21522"), ("26.904", "ar", "ar-ley-26904")],
)
def test_search_finds_a_law_by_its_number(kb, query: str, jurisdiction: str, law: str) -> None:  # type: ignore[no-untyped-def]
    answer = api.search(kb, query, jurisdiction=jurisdiction)
    assert answer["results"][0]["id"] == law
    assert answer["results"][0]["kind"] == "instrument"


def test_search_lists_suffixes_in_legal_order(kb) -> None:  # type: ignore[no-untyped-def]
    labels = [r["label"] for r in api.search(kb, "367", limit=20)["results"]]
    order = ["CP art. 367 bis", "CP art. 367 ter", "CP art. 367 quáter", "CP art. 367 quinquies",
             "CP art. 367 sexies", "CP art. 367 septies", "CP art. 367 octies"]  # fmt: skip
    found = [x for x in labels if x in order]
    assert found == [x for x in order if x in found] and len(found) >= 5


def test_no_match_is_said_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "zzzqqqxx")
    assert code == 1
    assert out.strip() == ""
    assert err.lower().count("no match") == 1


# --- treaty names and conduct tags --------------------------------------------------------------


@pytest.mark.parametrize("name", ["usa", "Chile–US", "Chile-US", "Estados Unidos", "cl-us-extradition"])
def test_a_treaty_by_name(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, err = run(capsys, "extradition", "367 ter", "--treaty", name, "--json")
    assert code == 0, err
    treaties = [t["treaty"] for t in json.loads(out)["offences"][0]["treaties"]]
    assert treaties == ["cl-us-extradition"]


def test_a_treaty_name_two_treaties_fit_means_the_one_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    """'usa' names the 1900 and 2013 treaties: in 2000 the older one."""
    code, out, err = run(capsys, "extradition", "367", "--treaty", "usa", "--as-of", "2000-01-01", "--json")
    assert code == 0, err
    assert [t["treaty"] for t in json.loads(out)["offences"][0]["treaties"]] == ["cl-us-extradition-1900"]


def test_argentina_treaty_names(capsys: pytest.CaptureFixture[str]) -> None:
    for name, ident in (("Estados Unidos", "ar-us-extradition"), ("España", "ar-es-extradition")):
        code, out, err = run(capsys, "extradition", "125", "--jurisdiction", "ar", "--treaty", name, "--json")
        assert code == 0, err
        assert [t["treaty"] for t in json.loads(out)["offences"][0]["treaties"]] == [ident]


def test_an_unknown_treaty_suggests_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "extradition", "367 ter", "--treaty", "zzzz")
    assert code == 1
    assert "Chile–US Extradition Treaty" in err and "cl-us-extradition" not in err


@pytest.mark.parametrize("jurisdiction", ["cl", "ar"])
def test_an_unknown_conduct_lists_the_close_tags(
    capsys: pytest.CaptureFixture[str], jurisdiction: str
) -> None:
    code, out, err = run(capsys, "penalty", "--conduct", "child-pornography", "--jurisdiction", jurisdiction)
    assert code == 2 and out == ""
    assert "csam-production" in err and "csam-distribution" in err
    assert "data/vocabulary.yaml" in err
    assert "grooming" not in err


def test_conduct_help_says_where_the_tags_are(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "penalty", "--help")
    assert "vocabulary.yaml" in " ".join(out.split())


def test_an_article_not_in_the_corpus_suggests_those_numbered_so(kb) -> None:  # type: ignore[no-untyped-def]
    """'368 bis A' names 368 bis first; '999' the articles numbered nearest."""
    with pytest.raises(NotFound) as exc:
        kb.resolve("368 bis A")
    assert exc.value.suggestions[0] == "CP art. 368 bis"
    with pytest.raises(NotFound) as exc:
        kb.resolve("999")
    assert "CP art. 411 quáter" in exc.value.suggestions


def test_more_than_one_suffix_word_is_never_read_as_one_article(capsys: pytest.CaptureFixture[str]) -> None:
    for typed in ("367 tre bis", "CP art. 367 tre bis"):
        code, out, err = run(capsys, "show", typed)
        assert code == 1 and out == ""
        assert "no article 367 tre bis (did you mean: CP art. 367 ter?)" in err


def test_reference_errors_in_spanish_name_jurisdictions_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    """Another State's law named: its name, not only its code; in Spanish too."""
    code, _, err = run(capsys, "show", "LMC 5", "--jurisdiction", "ar")
    assert code == 1 and "the law of Chile (cl), not of Argentina (ar)" in err
    code, _, err = run(capsys, "show", "zz 9", "--lang", "es")
    assert code == 1 and "instrumento desconocido 'zz'" in err


@pytest.mark.parametrize(
    ("command", "typed", "jurisdiction"),
    [("penalty", "Ley 21.522", "cl"), ("refs", "Ley 26.904", "ar"), ("extradition", "OPSC", "cl")],
)
def test_a_law_named_where_an_article_is_asked_for_exits_1(
    capsys: pytest.CaptureFixture[str], command: str, typed: str, jurisdiction: str
) -> None:
    code, out, err = run(capsys, command, typed, "--jurisdiction", jurisdiction)
    assert (code, out) == (1, "")
    assert "names a whole instrument" in err and f"lawbase show '{typed}'" in err
    assert "internal error" not in err


def test_penalty_says_which_article_a_mistyped_suffix_was_read_as(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "penalty", "367 tre")
    assert code == 0, err
    assert "showing CP art. 367 ter; you typed 367 tre" in out


def test_against_takes_a_title_in_either_language(kb) -> None:  # type: ignore[no-untyped-def]
    from lawbase.resolve import has_requirements, instruments

    for name in ("Convention on the Rights of the Child", "Convención sobre los Derechos del Niño", "CRC"):
        assert instruments(kb, [name], has_requirements(kb), "--against") == ["un-crc"], name
