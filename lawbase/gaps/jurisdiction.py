"""Jurisdiction: can the State's courts try each offence committed abroad, on each nexus asked for?

For each offence in force with a required conduct, each required nexus (offender nationality,
residence, victim nationality) against the extraterritorial rules in force: listed with the
nexus → full; only through a general rule that needs offender *and* victim to be nationals, or
a restricted case (material made with the State's minors) → partial; else none.
"""

from __future__ import annotations

import datetime as dt

from lawbase.kb import KnowledgeBase
from lawbase.model import JurisdictionRule, Offence, Provision, Requirement, Version
from lawbase.scope import assessed

from .common import child_offences, evidence, offence_label, offence_names, said, term, words
from .registry import Assessment, Evidence, FindingStatus, Reads, rule

InForce = list[tuple[Provision, Version, JurisdictionRule]]


def extraterritorial(r: Requirement) -> bool:
    """A requirement to establish jurisdiction beyond the territory, over some conduct."""
    return bool(r.conduct and set(r.nexus) - {"territory"})


@rule(
    "jurisdiction",
    ("establish-jurisdiction",),
    heading="Extraterritorial jurisdiction over {label}",
    group_by_conduct=True,
    select=extraterritorial,
    reads=Reads(jurisdiction=True, conduct=True),
)
def assess(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    nexuses = [n for n in dict.fromkeys(n for r in reqs for n in r.nexus) if n != "territory"]
    if not nexuses:
        return []
    conducts = {c for r in reqs for c in r.conduct}
    rules: InForce = [(p, v, j) for p, v in kb.in_force_at(as_of) for j in v.extends_jurisdiction]
    return [_offence(kb, p, v, o, rules, nexuses, reqs) for p, v, o in child_offences(kb, as_of, conducts)]


def _reach(names: set[str], nexus: str, rules: InForce) -> str:
    """How far the rules in force reach an offence (known by `names`) on one nexus."""
    best = "none"
    for _, _, j in rules:
        if j.scope == "listed" and names & set(j.offences):
            if nexus in j.nexus:
                best = "full"
            elif "material-of-national-minors" in j.nexus and best == "none":
                best = "restricted"
        elif (
            j.scope == "all-offences"
            and "offender-and-victim-nationality" in j.nexus
            and nexus in ("offender-nationality", "victim-nationality")
            and best == "none"
        ):
            best = "partial"
    return best


def _offence(
    kb: KnowledgeBase,
    p: Provision,
    v: Version,
    o: Offence,
    rules: InForce,
    nexuses: list[str],
    reqs: list[Requirement],
) -> Assessment:
    names = offence_names(kb, p, o)
    per = {nexus: _reach(names, nexus, rules) for nexus in nexuses}
    name = o.name.es or o.name.en
    ev: list[Evidence] = [
        evidence(
            kb,
            p,
            v,
            words("the offence: {name}, {conduct}", name=name, conduct=term(kb, "conduct", o.conduct[0])),
        )
    ]
    provisions = {p.id}
    for rp, rv, j in rules:
        if (j.scope == "listed" and names & set(j.offences)) or j.scope == "all-offences":
            template = "{part} ({nexus})" if j.part else "{nexus}"
            if j.restriction:
                template += ": {restriction}"
            ev.append(
                evidence(
                    kb,
                    rp,
                    rv,
                    words(
                        template,
                        part=j.part,
                        nexus=term(kb, "nexus", *j.nexus),
                        restriction=said(j, "restriction"),
                    ),
                )
            )
            provisions.add(rp.id)
    statuses = set(per.values())
    status: FindingStatus = "met" if statuses == {"full"} else "gap" if "none" in statuses else "partial"
    missing = [n for n, s in per.items() if s != "full"]
    nexus_label = kb.vocabulary.nexus
    title = (
        f"{kb.label(o.id)} ({name}) — " + "; ".join(f"{nexus_label.get(n, n)}: {per[n]}" for n in missing)
        if missing
        else f"{kb.label(o.id)}"
    )
    rec = (
        (
            f"Give {kb.courts(assessed(kb))} jurisdiction over {offence_label(kb, p, o)} committed abroad when "
            + ", or when ".join(nexus_label.get(n, n) for n in missing)
            + "."
        )
        if missing
        else ""
    )
    relevant = [r for r in reqs if set(r.conduct) & set(o.conduct) and set(r.nexus) - {"territory"}]
    details = {"nexus": per, "conduct_tags": o.conduct}
    return Assessment("jurisdiction", o.id, status, title, rec, relevant, ev, details, provisions)
