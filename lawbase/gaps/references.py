"""Dead references: rules in force (jurisdiction, limitation, liability ...) that name a provision
no longer in force (`KnowledgeBase.operative_references`).

A dead reference in a rule that extends jurisdiction is pinned to the selected requirement to
establish jurisdiction abroad on one of the rule's grounds (treaties first); the others stand
on their own, and are shown only when no instrument is chosen.
"""

from __future__ import annotations

import datetime as dt

from lawbase.kb import KnowledgeBase, OperativeReference
from lawbase.model import JurisdictionRule, Requirement

from .common import evidence, instrument_rank, words
from .registry import Assessment, rule


def _pinned(kb: KnowledgeBase, ref: OperativeReference, reqs: list[Requirement]) -> list[Requirement]:
    """The requirement a dead reference of this rule fails, if any was selected."""
    if not isinstance(ref.rule, JurisdictionRule):
        return []
    grounds = set(ref.rule.nexus) - {"territory"}
    asking = [r for r in reqs if grounds & set(r.nexus)]
    return [min(asking, key=lambda r: instrument_rank(kb, r))] if asking else []


@rule("dead-reference", ("establish-jurisdiction",), silent_when_met=True, decides=False)
def assess(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    out = []
    for ref in kb.operative_references(as_of):
        target, p = ref.target, ref.provision
        tid = kb.provision_of(target)
        if tid not in kb.provisions:
            continue
        tp = kb.provisions[tid]
        tpit = kb.at(tp, as_of)
        if tpit.state not in ("repealed", "not-yet"):
            continue
        by = kb.instruments[tpit.version.by].short if tpit.version is not None else None
        if tpit.state == "repealed":
            year = tpit.repealed_on.year if tpit.repealed_on else None
            template = (
                "cites {target}, repealed in {year} by {law}" if by else "cites {target}, repealed in {year}"
            )
            shows = words(template, target=kb.label(tid), year=year, law=by)
        else:
            shows = words(
                "cites {target}, which had not yet come into force on {date}",
                target=kb.label(tid),
                date=as_of,
            )
        ev = [evidence(kb, p, ref.version, shows)]
        if tpit.version is not None:
            ev.append(
                evidence(
                    kb,
                    tp,
                    tpit.version,
                    words(
                        "{target} was repealed on {date} by {law}",
                        target=kb.label(tid),
                        date=tpit.repealed_on,
                        law=by,
                    ),
                )
            )
        out.append(
            Assessment(
                "dead-reference",
                f"{p.id}->{target}",
                "gap",
                f"{kb.label(p.id)} still cites {kb.label(target)}, which is no longer in force",
                f"Amend {kb.label(p.id)} so that it cites the provisions now in force.",
                _pinned(kb, ref, reqs),
                ev,
                {"from": p.id, "to": target},
                {p.id, tid},
            )
        )
    return out
