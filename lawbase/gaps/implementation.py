"""Implementation: requirements met only by a provision that claims to meet them (`implements`).

Reporting duties, travel restrictions, and a benchmark's definitions that name no conduct are
met when a provision in force says it implements them, and a gap otherwise.
"""

from __future__ import annotations

import datetime as dt

from lawbase.kb import KnowledgeBase
from lawbase.model import Requirement

from .common import absence, evidence, words
from .registry import Assessment, rule

IMPLEMENTER_KINDS = frozenset({"report", "travel-restrictions"})


def _by_implementation(kb: KnowledgeBase, r: Requirement) -> bool:
    return r.kind in IMPLEMENTER_KINDS or (not r.conduct and kb.instruments[r.instrument].kind == "benchmark")


@rule("implementation", IMPLEMENTER_KINDS | {"define"})
def assess(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    return [_requirement(kb, as_of, r) for r in reqs if _by_implementation(kb, r)]


def _requirement(kb: KnowledgeBase, as_of: dt.date, req: Requirement) -> Assessment:
    impl = kb.implemented_by(req.id, as_of)
    if impl:
        ev = [evidence(kb, p, v, words("claims to meet this requirement")) for p, v in impl]
        return Assessment(
            "implementation",
            req.id,
            "met",
            f"{kb.label(req.id)} is met",
            "",
            [req],
            ev,
            {},
            {p.id for p, _ in impl},
        )
    return Assessment(
        "implementation", req.id, "gap",
        f"No provision meets {kb.label(req.id)}: {req.summary}",
        f"Adopt a provision that does this: {req.summary[0].lower()}{req.summary[1:]}",
        [req],
        [absence(words("no provision in force on the date is recorded as meeting this requirement"))],
    )  # fmt: skip
