"""Limitation: does each offence prescribe when the victim was a child?

Each offence is imprescriptible (a rule of kind `imprescriptible` names it: met), has its
period counted from the victim's majority (`limitation-from-majority`: partial), or prescribes
under the ordinary periods (`limitation-period`: gap).
"""

from __future__ import annotations

import datetime as dt

from lawbase.kb import KnowledgeBase
from lawbase.model import Offence, Provision, Requirement, Rule, Version

from .common import (
    applies,
    child_offences,
    evidence,
    offence_label,
    offence_names,
    rules_in_force,
    said,
    words,
)
from .registry import Assessment, Reads, rule

InForce = list[tuple[Provision, Version, Rule]]


@rule(
    "limitation",
    ("no-limitation-period",),
    heading="Limitation of {label}",
    group_by_conduct=True,
    reads=Reads(
        rule_kinds=frozenset(
            {"limitation-period", "limitation-from-majority", "imprescriptible", "limitation-start"}
        ),
        conduct=True,
    ),
)
def assess(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    conducts = {c for r in reqs for c in r.conduct}
    regimes = {
        kind: [x for x in rules_in_force(kb, as_of, kind) if applies(x[2], as_of)]
        for kind in ("imprescriptible", "limitation-from-majority")
    }
    ordinary = rules_in_force(kb, as_of, "limitation-period")
    return [_offence(kb, p, v, o, regimes, ordinary, reqs) for p, v, o in child_offences(kb, as_of, conducts)]


def _offence(
    kb: KnowledgeBase,
    p: Provision,
    v: Version,
    o: Offence,
    regimes: dict[str, InForce],
    ordinary: InForce,
    reqs: list[Requirement],
) -> Assessment:
    names = offence_names(kb, p, o)
    label, name = kb.label(o.id), o.name.es or o.name.en
    ev = [evidence(kb, p, v, words("the offence: {name}", name=name))]
    hit = next(((rp, rv, r) for rp, rv, r in regimes["imprescriptible"] if names & set(r.offences)), None)
    if hit:
        ev.append(evidence(kb, hit[0], hit[1], said(hit[2])))
        details = {"regime": "imprescriptible", "conduct_tags": o.conduct}
        return Assessment(
            "limitation", o.id, "met", f"{label} is imprescriptible", "", [], ev, details, {p.id, hit[0].id}
        )
    late = next(
        ((rp, rv, r) for rp, rv, r in regimes["limitation-from-majority"] if names & set(r.offences)), None
    )
    relevant = [r for r in reqs if set(r.conduct) & set(o.conduct)]
    if late:
        ev.append(evidence(kb, late[0], late[1], said(late[2])))
        return Assessment(
            "limitation", o.id, "partial",
            f"{label} ({name}) prescribes, counted from the victim's 18th birthday",
            f"Make {offence_label(kb, p, o)} imprescriptible when the victim was a child.",
            relevant, ev, {"regime": "from-majority", "conduct_tags": o.conduct}, {p.id, late[0].id},
        )  # fmt: skip
    provisions = {p.id}
    for rp, rv, r in ordinary:
        ev.append(evidence(kb, rp, rv, said(r)))
        provisions.add(rp.id)
    return Assessment(
        "limitation", o.id, "gap",
        f"{label} ({name}) prescribes under the ordinary rules",
        f"Make {offence_label(kb, p, o)} imprescriptible when the victim was a child, or at least count the period from the victim's 18th birthday.",
        relevant, ev, {"regime": "ordinary", "conduct_tags": o.conduct}, provisions,
    )  # fmt: skip
