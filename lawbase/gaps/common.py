"""What several gap rules read from the law in force, and how they cite it as evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from lawbase import i18n, penalties
from lawbase.i18n import t
from lawbase.kb import KnowledgeBase
from lawbase.model import AgeInterval, Offence, Provision, Requirement, Rule, Text, Version, in_lang

from .registry import Evidence

# the requirement kinds that ask the law to reach a conduct (coverage.py, and marriage.py for
# child marriage)
COVERAGE_KINDS = frozenset({"criminalize", "protect", "prevent", "define"})

# Who is a child for the requirements: a person under 18 (CRC art. 1, OPSC, ILO C182), whatever
# the State's own age of majority. That age is data (the `age-of-majority` rule, e.g. CC art. 26),
# but it is not the treaties' child: it varies by State and by date (21 in Chile until 1993), and
# the corpus may not record it on the date assessed.
ADULT = 18


def child_offences(
    kb: KnowledgeBase, as_of: dt.date, conducts: Iterable[str]
) -> list[tuple[Provision, Version, Offence]]:
    """Offences in force that carry one of the conducts and protect at least one child."""
    wanted = set(conducts)
    return [
        (p, v, o) for p, v, o in kb.offences_at(as_of) if wanted & set(o.conduct) and o.victim_age.lo < ADULT
    ]


# What an evidence line shows, as a function that words it in the current language: the rules
# call it once under each (i18n.use), so the line reaches a reader in English and in Spanish.
Shows = Callable[[], str]


def worded(shows: Shows) -> tuple[str, str]:
    """(English, Spanish) of an evidence line."""
    with i18n.use("en"):
        en = shows()
    with i18n.use("es"):
        es = shows()
    return en, es


def words(template: str, **fields: object) -> Shows:
    """An evidence line from a catalogue template (lawbase/i18n): a field may be a function of
    the language (`said`, `term`, `children`, `span`, `both`), called under each."""

    def shows() -> str:
        return t(template, **{k: v() if callable(v) else v for k, v in fields.items()})

    return shows


def said(record: object, field: str = "summary") -> Shows:
    """A record's own free text (a rule's summary, say), in the reader's language."""
    return lambda: in_lang(record, field, i18n.current()) or ""


def both(text: Text) -> Shows:
    """A short text of the corpus in English and Spanish, in the reader's language."""
    return lambda: text.best(i18n.current())


def term(kb: KnowledgeBase, vocabulary: str, *tags: str) -> Shows:
    """Vocabulary terms' labels (a comma-separated list), in the reader's language."""
    return lambda: ", ".join(kb.vocabulary.label(vocabulary, tag, i18n.current()) for tag in tags)


def children(age: AgeInterval) -> Shows:
    """The children an age range protects ("children under 14", "niños de 14 a 17 años")."""
    from .wording import band_text

    def words_() -> str:
        if age.under is None and not age.lo:
            return t("children of any age")
        return band_text(age.lo, age.under)

    return words_


def span(r: penalties.PenaltyRange) -> Shows:
    """A resolved penalty's range in the reader's language ('3 años y 1 día – 5 años')."""
    return lambda: range_words(r)


def evidence(kb: KnowledgeBase, p: Provision, v: Version, shows: Shows) -> Evidence:
    """A trace entry: the provision version that made a rule fire, with its sources. Built once
    per run for each version and wording, however many findings and dates cite it (shared: a
    caller never changes it)."""
    with i18n.use("en"):
        en = shows()
    # keyed by the English wording, as before: the Spanish is worded once, when the entry is built
    return kb.memo(("evidence", p.id, v.start, en), lambda: _evidence(kb, p, v, en, shows))


def _evidence(kb: KnowledgeBase, p: Provision, v: Version, en: str, shows: Shows) -> Evidence:
    from lawbase.queries import citation, version_window

    with i18n.use("es"):
        es = shows()
    return {
        "provision": p.id,
        "label": kb.label(p.id),
        "version": version_window(kb, v),
        "shows": en,
        "shows_es": es,
        "sources": [citation(kb, c) for c in v.sources],
    }


def absence(shows: Shows) -> Evidence:
    """A trace entry for what the law does not contain: no provision to cite."""
    en, es = worded(shows)
    return {"provision": None, "label": None, "version": None, "shows": en, "shows_es": es, "sources": []}


def range_words(r: penalties.PenaltyRange) -> str:
    """A resolved penalty's range in the reader's language ('3 años y 1 día – 5 años'; '? – ?'
    for one with no bounds, as PenaltyRange.range_text says it)."""
    from lawbase.render.text import bounds_text

    return bounds_text(r.min, r.max, r.life) or t("{low} – {high}", low="?", high="?")


def band(lo: int, under: int) -> str:
    """Ages [lo, under) as a finding words them: "under 14", "aged 14–17", "aged 17"."""
    if lo == 0:
        return f"under {under}"
    return f"aged {lo}–{under - 1}" if under - lo > 1 else f"aged {lo}"


def rules_in_force(kb: KnowledgeBase, as_of: dt.date, kind: str) -> list[tuple[Provision, Version, Rule]]:
    """The rules of a kind in the versions in force on the date."""
    return [(p, v, r) for p, v in kb.in_force_at(as_of) for r in v.rules if r.kind == kind]


def offence_names(kb: KnowledgeBase, p: Provision, o: Offence) -> set[str]:
    """Ids that denote this offence in a list: its own id, its provision, its aggravated keys."""
    return {o.id, p.id} | {f"{p.id}#{a.key}" for a in o.aggravated if a.key}


def offence_label(kb: KnowledgeBase, p: Provision, o: Offence) -> str:
    """An offence as a sentence names it: "CP art. 367 ter", or, where its article defines
    several, "the offence of acquiring or storing … (CP art. 374 bis)" (never a part key)."""
    label = kb.label(p.id)
    if "#" not in o.id and kb.label(o.id) == label:
        return label
    return f"the offence of {o.name.en or o.name.es} ({label})"


def applies(rule: Rule, as_of: dt.date) -> bool:
    """A rule bounded to facts of a period applies to facts committed on `as_of`."""
    if rule.facts_from and as_of < rule.facts_from:
        return False
    return not (rule.facts_until and as_of > rule.facts_until)


# the requirement kinds that ask for the thing itself before those that ask for a definition:
# the requirement a finding answers is listed first
_KIND_RANK = {"criminalize": 0, "establish-jurisdiction": 0, "protect": 1, "prevent": 1, "define": 2}


def instrument_rank(kb: KnowledgeBase, req: Requirement) -> tuple[int, int, int, str]:
    """The order requirements are listed in: treaties first, then benchmarks; within each, the
    requirement that asks for the thing itself (to criminalise it) before one that asks to
    define it, and a requirement about few conducts before one about many, then by id. So
    live streaming is filed under "criminalise every manifestation", not "define a child"."""
    kind = kb.instruments[req.instrument].kind
    return ({"treaty": 0, "benchmark": 1}.get(kind, 2), _KIND_RANK.get(req.kind, 1), len(req.conduct), req.id)
