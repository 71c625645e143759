"""Fuzzy search (the only module that imports rapidfuzz, and only when a search runs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple, Protocol

from .refs import alias_key, fold, id_key, law_name, search_words

if TYPE_CHECKING:
    from .model import Instrument, Requirement, Vocabulary
    from .provisions import ProvisionSource


class Searched(Protocol):
    """What a search reads of a knowledge base (kb.KnowledgeBase is one; this module does not
    import it, so the knowledge base may use `closest` for its suggestions)."""

    @property
    def provisions(self) -> ProvisionSource: ...

    @property
    def requirements(self) -> Mapping[str, Requirement]: ...

    @property
    def vocabulary(self) -> Vocabulary: ...

    @property
    def jurisdictions(self) -> frozenset[str] | None: ...

    def label(self, pid: str) -> str: ...

    def in_scope(self, ident: str) -> bool: ...


MIN_SCORE = 70.0


class Hit(NamedTuple):
    """One search result: the provision or requirement, the text that matched, and how well."""

    id: str
    score: float
    field: str
    matched: str


def closest(query: str, choices: list[str], limit: int = 3) -> list[str]:
    """The `limit` choices nearest to `query` (accents and case ignored), best first."""
    from rapidfuzz import fuzz, process

    folded = [fold(c) for c in choices]
    found = process.extract(fold(query), folded, scorer=fuzz.WRatio, limit=limit, score_cutoff=50)
    return [choices[i] for _, _, i in found]


def similarity(a: str, b: str) -> float:
    """How alike two sentences are, 0-100, accents and case ignored and word order free (the
    shorter one's words found in the longer one count most): a claim against a recorded one."""
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(fold(a), fold(b)))


def index(kb: Searched, only: list[str] | None = None) -> list[tuple[str, str, str]]:
    """(id, field, text) rows: numbers, titles in both languages, offence names, keywords."""
    rows: list[tuple[str, str, str]] = []
    if only is not None:
        kb.provisions.preload(only)
    pairs = ((pid, kb.provisions[pid]) for pid in only) if only is not None else kb.provisions.items()
    for pid, p in pairs:
        label = kb.label(pid)
        rows.append((pid, "number", label))
        rows.append((pid, "number", p.number))
        rows.append((pid, "title.en", p.title.en))
        if p.title.es:
            rows.append((pid, "title.es", p.title.es))
        for kw in p.keywords:
            rows.append((pid, "keyword", kw))
        for v in p.versions:
            if v.title:
                rows.append((pid, "title.en", v.title.en))
                if v.title.es:
                    rows.append((pid, "title.es", v.title.es))
            for o in v.offences:
                rows.append((pid, "offence.en", o.name.en))
                if o.name.es:
                    rows.append((pid, "offence.es", o.name.es))
                for tag in o.conduct:
                    for kw in kb.vocabulary.keywords.get(tag, ()):
                        rows.append((pid, "conduct", kw))
    for rid, r in kb.requirements.items():
        rows.append((rid, "number", kb.label(rid)))
        rows.append((rid, "requirement", r.summary))
    return list(dict.fromkeys(rows))


def candidates(
    provisions: ProvisionSource, query: str, limit: int = 120, jurisdictions: frozenset[str] | None = None
) -> list[str] | None:
    """The provisions sharing a word, or a near spelling of one, with the query, best first, from
    the source's full-text index (None: it has none, and every provision is scored), among the
    provisions of `jurisdictions` (None: all). A corpus read through its cache has one, so a
    search over 100,000 provisions scores a few hundred."""
    known = provisions.search_words()
    if known is None:
        return None
    tokens = search_words(query)
    if not tokens:
        return []
    from rapidfuzz import fuzz, process

    terms: set[str] = set()
    for tok in tokens:
        if tok in known:
            terms.add(tok)
        if len(tok) >= 3:
            near = process.extract(tok, known, scorer=fuzz.ratio, limit=5, score_cutoff=70)
            terms |= {w for w, _, _ in near}
    return provisions.with_words(terms, limit, jurisdictions) if terms else []


def search(kb: Searched, query: str, limit: int = 10) -> list[Hit]:
    """The best-matching provisions and requirements, one hit per id, best first."""
    from rapidfuzz import fuzz, process

    # the law in view only: another State's provision is no answer to a question about this one
    rows = [
        r
        for r in index(kb, candidates(kb.provisions, query, jurisdictions=kb.jurisdictions))
        if kb.in_scope(r[0])
    ]
    texts = [fold(t) for _, _, t in rows]
    q = fold(query)
    found = process.extract(q, texts, scorer=fuzz.WRatio, limit=None, score_cutoff=60)
    words = search_words(query) or q.split()
    best: dict[str, Hit] = {}
    for _, score, i in found:
        ident, fieldname, text = rows[i]
        # every word typed should appear (fuzzily) in the text: "child pornography" must not
        # rank a title that shares only "child"
        text_words = search_words(texts[i])
        covered = sum(1 for w in words if any(fuzz.ratio(w, t) >= 80 for t in text_words))
        score = float(score) * covered / len(words)
        # an exact word hit outranks a fuzzy one of the same score
        bonus = 5.0 if q in texts[i].split() or q == texts[i] else 0.0
        if score < MIN_SCORE:
            continue
        hit = Hit(ident, min(100.0, score + bonus), fieldname, text)
        if ident not in best or hit.score > best[ident].score:
            best[ident] = hit
    # equal scores in the law's own order: 367 bis, ter, quáter, quinquies ... octies, 368
    ranked = sorted(best.values(), key=lambda h: (-h.score, id_key(h.id)))
    return ranked[:limit]


def instruments_named(instruments: Mapping[str, Instrument], query: str) -> list[str]:
    """The ids of the laws, codes and treaties a query names: by id, short name, alias or
    title ('Ley 21.522', 'OPSC'), or by the law's number alone ('21.522', '21522')."""
    key = alias_key(law_name(query))
    digits = "".join(c for c in query if c.isdigit())
    bare_number = len(digits) >= 3 and all(c.isdigit() or c in ". " for c in query.strip())
    out = []
    for inst in instruments.values():
        names = {inst.id, inst.short, *inst.aliases, inst.title.en, inst.title.es or ""}
        if key in {alias_key(n) for n in names if n} or (
            bare_number and inst.number and "".join(c for c in inst.number if c.isdigit()) == digits
        ):
            out.append(inst.id)
    return sorted(out)
