"""Equality: offences that treat the same conduct differently by the sex of those involved.

Assessed when a requirement of kind `non-discrimination` is selected: every offence in force
that applies only when both are of the same sex (the reserved condition `same-sex`) is a gap.
"""

from __future__ import annotations

import datetime as dt

from lawbase import penalties
from lawbase.kb import KnowledgeBase
from lawbase.model import Requirement

from .common import evidence, span, words
from .registry import Assessment, rule

SAME_SEX = "same-sex"  # the offence condition this rule looks for


@rule("unequal-by-sex", ("non-discrimination",), silent_when_met=True)
def assess(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    if not reqs:
        return []
    out = []
    for p, v, o in kb.offences_at(as_of):
        if SAME_SEX not in o.conditions:
            continue
        r = penalties.resolve(kb.scale_for(p), o.penalty)
        shows = words(
            "{name}: {penalty} ({range}), only if of the same sex",
            name=o.name.es or o.name.en,
            penalty=r.text,
            range=span(r),
        )
        out.append(
            Assessment(
                "unequal-by-sex",
                o.id,
                "gap",
                f"{kb.label(p.id)} punishes sexual conduct with a minor only when both are of the same sex",
                f"Repeal {kb.label(p.id)}: the same conduct may not be treated differently by the sex of those involved.",
                list(reqs),
                [evidence(kb, p, v, shows)],
                {},
                {p.id},
            )
        )
    return out
