"""What people type resolves to one id, accents and case ignored; articles sort naturally."""

from __future__ import annotations

import pytest

from lawbase import refs
from lawbase.errors import NotFound


@pytest.mark.parametrize(
    "typed",
    ["367ter", "367 ter", "Art. 367-ter", "ART. 367 TER", "Artículo 367 ter", "CP 367 ter", "art 367ter",
     "Código Penal 367 ter", "art. 367 ter del Código Penal", "C.P. art. 367 ter", "cl-cp/367-ter"],
)  # fmt: skip
def test_spellings_of_367_ter_resolve_to_one_id(kb, typed: str) -> None:  # type: ignore[no-untyped-def]
    """Every way a lawyer writes art. 367 ter lands on cl-cp/367-ter."""
    assert kb.resolve(typed).id == "cl-cp/367-ter"


@pytest.mark.parametrize(
    ("typed", "instrument", "slug"),
    [
        ("411 quater", None, "411-quater"),
        ("411 quáter", None, "411-quater"),
        ("411 QUÁTER", None, "411-quater"),
        ("OPSC 3(1)(c)", "opsc", "3-1-c"),
        ("OPSC 3 (1) (c)", "opsc", "3-1-c"),
        ("CRC 34", "crc", "34"),
        ("COT 6", "cot", "6"),
        ("368 bis A", None, "368-bis-a"),
        ("Artículo 366 quinquies", None, "366-quinquies"),
    ],
)
def test_references_parse_into_instrument_and_slug(kb, typed: str, instrument: str | None, slug: str) -> None:  # type: ignore[no-untyped-def]
    """The parser takes a typed reference apart, with the corpus's words for 'article' (Chile's
    'artículo'); resolution against a corpus happens later."""
    parsed = refs.parse(typed, words=kb.reference_syntax)
    assert parsed is not None
    assert (instrument, slug) == (parsed.instrument, parsed.slugs()[0])


def test_sub_paragraphs_fall_back_to_the_article() -> None:
    """'OPSC 3(1)(c)' tries 3-1-c, then 3-1, then 3."""
    parsed = refs.parse("OPSC 3(1)(c)")
    assert parsed is not None
    assert parsed.slugs() == ["3-1-c", "3-1", "3"]


def test_a_law_number_is_not_read_as_the_article(kb) -> None:  # type: ignore[no-untyped-def]
    """In 'Ley 19.927 art. 9' the article is 9, once the law's name is known."""
    parsed = refs.parse("Ley 19.927 art. 9", aliases=("Ley 19.927",), words=kb.reference_syntax)
    assert parsed is not None
    assert parsed.number == 9


def test_latin_ordinals_sort_naturally() -> None:
    """bis < ter < quáter < quinquies < sexies < septies < octies, and all before the next number."""
    shuffled = [
        "368",
        "367 octies",
        "367 ter",
        "367",
        "367 septies",
        "367 bis",
        "367 quinquies",
        "367 quáter",
        "367 sexies",
        "36",
    ]
    assert sorted(shuffled, key=refs.number_key) == [
        "36", "367", "367 bis", "367 ter", "367 quáter", "367 quinquies", "367 sexies",
        "367 septies", "367 octies", "368",
    ]  # fmt: skip


def test_provisions_are_kept_in_natural_order(kb) -> None:  # type: ignore[no-untyped-def]
    cp = [pid for pid in kb.provisions if pid.startswith("cl-cp/")]
    assert cp == sorted(cp, key=refs.id_key)
    assert cp.index("cl-cp/367") < cp.index("cl-cp/367-ter") < cp.index("cl-cp/374-bis")


def test_unknown_reference_suggests_the_closest(kb) -> None:  # type: ignore[no-untyped-def]
    """A typo gets 'did you mean'; an unknown number gets the nearest articles."""
    with pytest.raises(NotFound) as exc:
        kb.resolve("CP art. 367 tre bis")
    assert exc.value.suggestions and "CP art. 367 ter" in exc.value.suggestions
    with pytest.raises(NotFound) as exc:
        kb.resolve("999")
    assert exc.value.suggestions


def test_text_without_a_number_is_not_found(kb) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound):
        kb.resolve("the client offence")


@pytest.mark.parametrize(
    ("number", "slug"), [("367 ter", "367-ter"), ("411 quáter", "411-quater"), ("3(1)(c)", "3-1-c"), (6, "6")]
)
def test_slugs(number: str, slug: str) -> None:
    assert slug == refs.slug(number)


@pytest.mark.parametrize(
    ("typed", "ident"),
    [
        ("411 quater", "cl-cp/411-quater"),
        ("411 quáter", "cl-cp/411-quater"),
        ("OPSC 3(1)(c)", "un-opsc/3-1-c"),
        ("opsc 3 (1)(c)", "un-opsc/3-1-c"),
        ("CRC 34", "un-crc/34"),
        ("COT 6", "cl-cot/6"),
        ("COT art. 6 N°10", "cl-cot/6"),
        ("Código Orgánico de Tribunales 6", "cl-cot/6"),
        ("CPP 431", "cl-cpp/431"),
        ("LMC 5", "cl-lmc/5"),
        ("Ley 19.846 art. 30", "cl-ley-19846/30"),
    ],
)
def test_references_across_instruments_resolve_against_the_corpus(kb, typed: str, ident: str) -> None:  # type: ignore[no-untyped-def]
    assert ident == kb.resolve(typed).id


def test_a_partial_match_says_what_it_dropped(kb) -> None:  # type: ignore[no-untyped-def]
    """'COT 6 N°10' shows art. 6 and says N°10 is not a separate entry."""
    resolved = kb.resolve("COT 6 N°10")
    assert resolved.note and "n°10" in resolved.note


def test_an_article_answers_before_its_requirement(kb) -> None:  # type: ignore[no-untyped-def]
    """'CRC 34' is the article (with its requirements), not one of them."""
    assert ("un-crc/34", "provision") == (kb.resolve("CRC 34").id, kb.resolve("CRC 34").kind)
    assert "requirement" == kb.resolve("OPSC 3(1)(c)").kind
