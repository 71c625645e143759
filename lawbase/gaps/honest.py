"""Findings the corpus cannot make: a gap or partial finding that law the corpus does not record
on the date may answer (KnowledgeBase.not_recorded) becomes "unknown", and says why."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lawbase.i18n import t
from lawbase.kb import KnowledgeBase
from lawbase.model import Provision, Version
from lawbase.queries import unrecorded_json

from .common import absence, words
from .registry import RULES, Assessment


def unrecorded(kb: KnowledgeBase, as_of: dt.date, a: Assessment) -> list[Provision]:
    """The provisions not recorded on the date that would bear on the assessment: what the rule
    reads (its registered `reads`)."""
    reads = RULES[a.rule].reads if a.rule in RULES else None
    if reads is None:
        return []
    # coverage and the per-conduct rules are about one conduct (see gaps._by_conduct)
    conducts = {a.details.get("conduct") or a.subject} if reads.conduct else set()

    def relevant(v: Version) -> bool:
        return (
            any(r.kind in reads.rule_kinds for r in v.rules)
            or (reads.jurisdiction and bool(v.extends_jurisdiction))
            or any(
                conducts & set(o.conduct) or any(c.conduct in conducts for c in o.also_covers)
                for o in v.offences
            )
        )

    return kb.not_recorded(as_of, relevant)


def subject_title(kb: KnowledgeBase, a: Assessment) -> str:
    """What an assessment is about, without a verdict (for one the corpus cannot make)."""
    conduct = a.details.get("conduct") or a.subject
    label = kb.vocabulary.conduct.get(conduct, conduct)
    registered = RULES.get(a.rule)
    if registered is not None and registered.heading is not None:
        return registered.heading_for(label)
    return a.requirements[0].summary if a.requirements else a.title


def not_assessable(kb: KnowledgeBase, a: Assessment, **why: Any) -> None:
    """Turn a would-be finding into one the corpus cannot assess: no verdict, no recommendation,
    and what it would have said kept in `details.would_be`."""
    a.details = {**a.details, "would_be": a.status, **why}
    a.status, a.title, a.recommendation = "unknown", subject_title(kb, a), ""


def honest(kb: KnowledgeBase, as_of: dt.date, a: Assessment) -> Assessment:
    """A gap or partial finding that unrecorded law may answer becomes 'unknown', saying so."""
    if a.status not in ("gap", "partial"):
        return a
    missing = unrecorded(kb, as_of, a)
    if not missing:
        return a
    names = [(kb.label(p.id), kb.recorded_from(p)) for p in missing]
    not_assessable(kb, a, not_recorded=unrecorded_json(kb, missing))
    listed = lambda: ", ".join(t("{provision} (recorded from {date})", provision=n, date=d) for n, d in names)  # noqa: E731
    a.evidence = [
        *a.evidence,
        absence(words("the corpus does not record what {names} said on {date}", names=listed, date=as_of)),
    ]
    return a
