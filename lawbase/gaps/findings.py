"""An assessment as the documented `gaps --json` finding, with the recommendations made to the
State that concern it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from lawbase.kb import KnowledgeBase
from lawbase.model import Requirement
from lawbase.queries import citation
from lawbase.scope import assessed

from .registry import Assessment
from .wording import CRITERIA

if TYPE_CHECKING:
    from lawbase import shapes


def recommendations(kb: KnowledgeBase, a: Assessment, as_of: dt.date) -> list[shapes.RecommendationMade]:
    """The recommendations made to the State (UPR, treaty bodies) that concern what a finding is
    about: one of its requirements, provisions or offences. Those made after the date (where
    the review's date is recorded) are left out; one met by the date says when."""
    home = assessed(kb)
    subjects = {r.id for r in a.requirements} | a.provisions | {a.subject}
    out: list[shapes.RecommendationMade] = []
    for rec in kb.recommendations.values():
        if rec.jurisdiction != home or not subjects & set(rec.concerns):
            continue
        inst = kb.instruments.get(rec.instrument)
        if inst is None or inst.kind != "review":  # an NGO's own recommendations are benchmarks
            continue
        made = inst.adopted or inst.published
        if made and made > as_of:
            continue
        met = [m for m in rec.met_by if m.date <= as_of]
        out.append(
            {
                "id": rec.id,
                "review": inst.short,
                "review_title": inst.title.en,
                "made": made.isoformat() if made else None,
                "recommending": list(rec.recommending),
                "accepted": rec.accepted,
                "summary": rec.summary,
                "summary_es": rec.summary_es,
                "concerns": [c for c in rec.concerns if c in subjects],
                "met_on": met[-1].date.isoformat() if met else None,
                "sources": [citation(kb, c) for c in rec.sources],
            }
        )
    return out


def _requirement(kb: KnowledgeBase, r: Requirement) -> shapes.FindingRequirement:
    return {
        "id": r.id,
        "label": CRITERIA.sub("criterion ", kb.label(r.id)),
        "kind": r.kind,
        "mandatory": r.mandatory,
        "summary": r.summary,
        "summary_es": r.summary_in("es"),
        "conduct": list(r.conduct),
        "instrument": r.instrument,
        "sources": [citation(kb, c) for c in r.sources],
    }


def finding(kb: KnowledgeBase, a: Assessment, as_of: dt.date) -> shapes.Finding:
    """An assessment as the documented `gaps --json` finding."""
    home = assessed(kb)
    primary = a.requirements[0] if a.requirements else None
    sources: dict[tuple[str, str], shapes.Citation] = {}
    for r in a.requirements[:1]:
        for c in r.sources:
            sources.setdefault((c.source, c.pinpoint), citation(kb, c))
    for e in a.evidence:
        for s in e["sources"]:
            sources.setdefault((s["source"], s["pinpoint"]), s)
    from lawbase import i18n

    from .wording import detail_lines, headline
    from .wording import recommendation as recommend

    titles, lines, conducts = {}, {}, {}
    tags = a.details.get("conducts") or ([a.details["conduct"]] if a.details.get("conduct") else [])
    if not tags and a.subject in kb.vocabulary.conduct:  # child marriage: the rule's subject is a conduct
        tags = [a.subject]
    for lang in ("en", "es"):
        with i18n.use(lang):
            titles[lang] = headline(kb, a)
            lines[lang] = detail_lines(kb, a, as_of)
            conducts[lang] = [kb.vocabulary.label("conduct", c, lang) for c in tags]
        with i18n.use("es"):
            recommendation_es = recommend(kb, a, as_of)
    binding = primary is not None and kb.instruments[primary.instrument].kind == "treaty"
    return {
        "id": a.id,
        "rule": a.rule,
        "status": a.status,
        "title": titles["en"],
        "titles": {"en": titles["en"], "es": titles["es"]},
        "detail": a.title,
        "detail_lines": {"en": lines["en"], "es": lines["es"]},
        "conduct_labels": {"en": conducts["en"], "es": conducts["es"]},
        "binding": binding,
        "merged": list(a.details.get("merged", [a.id])),
        "recommendations": recommendations(kb, a, as_of),
        "requirement": _requirement(kb, primary) if primary else None,
        "also_required_by": [_requirement(kb, r) for r in a.requirements[1:]],
        "instrument_status": kb.instrument_status(primary.instrument, home, as_of) if primary else None,
        "conduct": a.details.get("conduct"),
        "subject": a.subject,
        # each rule writes its own keys (a test holds every finding to shapes.FindingDetails)
        "details": cast("shapes.FindingDetails", a.details),
        "evidence": a.evidence,
        "recommendation": a.recommendation,
        "recommendation_es": recommendation_es,
        "sources": list(sources.values()),
    }
