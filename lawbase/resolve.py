"""What a person types, as ids: the one place an instrument's name becomes its id.

`--against`, `--treaty` and `coverage INSTRUMENT` all take an instrument's id, short name or one
of its aliases ("OPSC", "Palermo"), among the instruments that make sense for the question
(those with requirements, those with extradition terms) and in the law in view. Failing those,
the words of a name: every word typed is a word of the instrument's short name, an alias or its
title in either language ("Chile–US", "Estados Unidos"), or the initials of consecutive words
of one ("usa": United States of America), or within a letter or two of one ("Mercosr").
When a name fits several instruments, `prefer` (the one binding on the date, say) may pick one.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import NotFound
from .i18n import t
from .kb import KnowledgeBase
from .model import Instrument, Vocabulary
from .refs import search_words

# words that carry no name ("the", "de"): dropped from what is typed, skipped in initials
_FUNCTION_WORDS = frozenset(
    {"the", "of", "and", "between", "on", "for", "to", "a", "de", "la", "el", "los", "las", "y", "del",
     "entre", "para", "en", "e", "o", "sobre", "al"}
)  # fmt: skip


def has_requirements(kb: KnowledgeBase) -> Callable[[Instrument], bool]:
    owners = {r.instrument for r in kb.requirements.values()}
    return lambda inst: inst.id in owners


def is_extradition_treaty(inst: Instrument) -> bool:
    return inst.extradition is not None


def instrument(
    kb: KnowledgeBase,
    name: str,
    admits: Callable[[Instrument], bool],
    missing: str,
    prefer: Callable[[Instrument], bool] | None = None,
) -> str:
    """The id of the one instrument `admits` accepts that `name` names; else NotFound with
    `missing` (e.g. "--against: no instrument 'X'") and the names of those nearest (or of all
    that would have done)."""
    pool = sorted(i.id for i in kb.instruments.values() if admits(i) and kb.in_scope(i.id))
    if name in pool:
        return name
    hits = [i for i in kb.instruments_named(name) if i in pool] or by_words(kb, name, pool)
    if len(hits) > 1 and prefer is not None:
        preferred = [h for h in hits if prefer(kb.instruments[h])]
        hits = preferred if len(preferred) == 1 else hits
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise NotFound(
            t("'{name}' names more than one instrument", name=name), [kb.instruments[h].short for h in hits]
        )
    from .search import closest

    shorts = [kb.instruments[i].short for i in pool]
    raise NotFound(missing, closest(name, shorts, 5) or shorts)


def _names(inst: Instrument) -> list[str]:
    return [n for n in (inst.short, *inst.aliases, inst.title.en, inst.title.es) if n]


def _initials(words: list[str]) -> set[str]:
    """The initials of every run of two or more consecutive words but function words."""
    letters = "".join(w[0] for w in words if w not in _FUNCTION_WORDS and not w.isdigit())
    return {letters[i:j] for i in range(len(letters)) for j in range(i + 2, len(letters) + 1)}


def _fits(w: str, words: set[str], initials: set[str]) -> bool:
    from rapidfuzz import fuzz

    return (
        w in words
        or (len(w) >= 2 and w in initials)
        or (len(w) >= 5 and any(fuzz.ratio(w, x) >= 85 for x in words))
    )


def by_words(kb: KnowledgeBase, name: str, pool: list[str]) -> list[str]:
    """The instruments of `pool` every word of `name` is a word of (see the module's doc)."""
    typed = [w for w in search_words(name) if w not in _FUNCTION_WORDS]
    if not typed:
        return []
    out = []
    for ident in pool:
        names = [search_words(n) for n in _names(kb.instruments[ident])]
        words = {w for ws in names for w in ws}
        initials = set().union(*(_initials(ws) for ws in names))
        if all(_fits(w, words, initials) for w in typed):
            out.append(ident)
    return out


def instruments(
    kb: KnowledgeBase, names: list[str] | None, admits: Callable[[Instrument], bool], option: str
) -> list[str] | None:
    """Each of `names` as an id (None stays None: every instrument)."""
    if not names:
        return None
    return [
        instrument(kb, n, admits, t("{option}: no instrument '{name}'", option=option, name=n)) for n in names
    ]


def close_conduct_tags(vocabulary: Vocabulary, typed: str, limit: int = 5) -> list[str]:
    """The conduct tags nearest to an unknown one, matched on the tags, their labels and their
    keywords ("child-pornography" -> csam-production, csam-distribution), best first."""
    from rapidfuzz import fuzz

    text = " ".join(search_words(typed))
    if not text:
        return []
    scored = []
    for order, (tag, label) in enumerate(vocabulary.conduct.items()):
        names = [tag.replace("-", " "), label, *vocabulary.keywords.get(tag, ())]
        best = max(fuzz.WRatio(text, " ".join(search_words(n))) for n in names)
        if best >= 88:
            scored.append((-best, order, tag))
    return [tag for _, _, tag in sorted(scored)[:limit]]
