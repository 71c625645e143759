"""Legal persons: which offences a corporate-liability rule in force reaches."""

from __future__ import annotations

import datetime as dt

from lawbase.kb import KnowledgeBase
from lawbase.model import Requirement

from .common import absence, child_offences, evidence, offence_names, rules_in_force, said, words
from .registry import Assessment, Evidence, FindingStatus, Reads, rule


@rule(
    "legal-persons",
    ("liability-legal-persons",),
    heading="Liability of legal persons",
    # money-laundering predicates are evidence only
    reads=Reads(rule_kinds=frozenset({"corporate-liability"})),
)
def assess(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    conducts = {c for r in reqs for c in r.conduct}
    liability = rules_in_force(kb, as_of, "corporate-liability")
    laundering = rules_in_force(kb, as_of, "money-laundering-predicate")
    offences = child_offences(kb, as_of, conducts)
    if not offences:
        return []
    covered: list[str] = []
    uncovered: list[str] = []
    for p, _v, o in offences:
        names = offence_names(kb, p, o)
        (covered if any(names & set(r.offences) for _, _, r in liability) else uncovered).append(o.id)
    ev: list[Evidence] = [evidence(kb, rp, rv, said(r)) for rp, rv, r in liability + laundering]
    provisions = {rp.id for rp, _, _ in liability + laundering}
    if not uncovered:
        title = "Legal persons are liable for every offence"
        return [
            Assessment(
                "legal-persons", "offences", "met", title, "", reqs, ev, {"covered": covered}, provisions
            )
        ]
    status: FindingStatus = "partial" if covered else "gap"
    labels = ", ".join(sorted({kb.label(kb.provision_of(o)) for o in uncovered}))
    if not ev:
        ev.append(
            absence(
                words(
                    "no rule making legal persons liable for these offences is recorded as in force on {date}",
                    date=as_of,
                )
            )
        )
    return [
        Assessment(
            "legal-persons", "offences", status,
            f"No liability of legal persons for {labels}",
            f"Extend the liability of legal persons to {labels}.",
            reqs, ev, {"covered": covered, "uncovered": uncovered}, provisions,
        )
    ]  # fmt: skip
