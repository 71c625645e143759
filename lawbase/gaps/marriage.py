"""Marriage: the minimum age for marriage against the requirements that list child marriage.

A requirement to criminalize (or protect against, prevent, define) the `child-marriage` conduct
is met when the minimum-marriage-age rule in force is 18 or more; the marriage-consent rules
in force are its evidence.
"""

from __future__ import annotations

import datetime as dt

from lawbase.kb import KnowledgeBase
from lawbase.model import Requirement

from .common import ADULT, COVERAGE_KINDS, evidence, rules_in_force, said, words
from .registry import Assessment, Reads, rule

CHILD_MARRIAGE = "child-marriage"  # the conduct tag this rule assesses instead of coverage


@rule(
    "marriage-age",
    COVERAGE_KINDS,
    heading="The minimum age for marriage",
    # a requirement any one of whose conducts meets it is assessed as a whole, by coverage.py
    select=lambda r: CHILD_MARRIAGE in r.conduct and r.conduct_match != "any",
    reads=Reads(rule_kinds=frozenset({"marriage-minimum-age", "marriage-consent"})),
)
def assess(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    return [minimum_age(kb, as_of, r) for r in reqs]


def minimum_age(kb: KnowledgeBase, as_of: dt.date, req: Requirement) -> Assessment:
    """The minimum age for marriage in force on the date, against one requirement."""
    rules = rules_in_force(kb, as_of, "marriage-minimum-age")
    consent = rules_in_force(kb, as_of, "marriage-consent")
    if not rules:
        return Assessment(
            "marriage-age", CHILD_MARRIAGE, "unknown",
            "The minimum age for marriage on this date is not recorded", "", [req],
            details={"why": "no minimum-marriage-age rule in force is recorded for this date"},
        )  # fmt: skip
    p, v, r = rules[0]
    ev = [evidence(kb, p, v, words("minimum age for marriage: {age}", age=r.age))]
    ev += [evidence(kb, cp, cv, said(cr)) for cp, cv, cr in consent]
    provisions = {p.id} | {cp.id for cp, _, _ in consent}
    if r.age is not None and r.age >= ADULT:
        return Assessment(
            "marriage-age",
            CHILD_MARRIAGE,
            "met",
            "No marriage below 18",
            "",
            [req],
            ev,
            {"age": r.age},
            provisions,
        )
    return Assessment(
        "marriage-age", CHILD_MARRIAGE, "gap",
        f"Children may marry from age {r.age}",
        "Set the minimum age for marriage at 18 without exception and make marriages of minors void.",
        [req], ev, {"age": r.age}, provisions,
    )  # fmt: skip
