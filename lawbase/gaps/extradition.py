"""Extradition: is each offence extraditable, and does extradition still need double criminality?

* extraditability: each offence against the thresholds of the law that governs on the date
  (active and passive), and against each applicable treaty's threshold;
* double criminality: the treaties in force that require it and the grounds a court checks.
"""

from __future__ import annotations

import datetime as dt

from lawbase import penalties
from lawbase.kb import KnowledgeBase
from lawbase.model import Instrument, Offence, Provision, Requirement, Rule, Version
from lawbase.scope import assessed

from .common import (
    Shows,
    applies,
    child_offences,
    evidence,
    offence_label,
    rules_in_force,
    said,
    span,
    worded,
    words,
)
from .registry import Assessment, Evidence, Reads, rule


def _code_thresholds(kb: KnowledgeBase, as_of: dt.date) -> list[tuple[Provision, Version, Rule]]:
    """The extradition thresholds of the law that governs facts of `as_of`, for requests made
    by the State (active) and to it (passive): an offence below either is not extraditable in
    that direction (Argentina states only a passive one, Ley 24.767 art. 6)."""
    return [
        (p, v, r)
        for p, v, r in rules_in_force(kb, as_of, "extradition-threshold")
        if r.threshold is not None and applies(r, as_of)
    ]


def _treaties(kb: KnowledgeBase, as_of: dt.date) -> list[Instrument]:
    """Extradition treaties the State had taken a step in by the date, and not left."""
    home = assessed(kb)
    return [
        i
        for i in kb.instruments.values()
        if i.extradition is not None and kb.instrument_status(i.id, home, as_of)["in_force"] is not False
        and any(e.date and e.date <= as_of for e in i.status)
    ]  # fmt: skip


@rule(
    "extraditability",
    ("make-extraditable",),
    heading="Extraditability of {label}",
    group_by_conduct=True,
    silent_when_met=True,
    select=lambda r: bool(r.conduct),
    reads=Reads(rule_kinds=frozenset({"extradition-threshold", "extradition-procedure-scope"}), conduct=True),
)
def assess_extraditability(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    conducts = {c for r in reqs for c in r.conduct}
    thresholds = _code_thresholds(kb, as_of)
    treaties = _treaties(kb, as_of)
    out = []
    for p, v, o in child_offences(kb, as_of, conducts):
        a = _offence(kb, p, v, o, thresholds, treaties, reqs)
        if a is not None:
            out.append(a)
    return out


def _offence(
    kb: KnowledgeBase,
    p: Provision,
    v: Version,
    o: Offence,
    thresholds: list[tuple[Provision, Version, Rule]],
    treaties: list[Instrument],
    reqs: list[Requirement],
) -> Assessment | None:
    """A gap when the offence fails a threshold, None when it passes them all."""
    scale = kb.scale_for(p)
    failed = []
    ev = [
        evidence(
            kb, p, v, words("the offence carries {range}", range=span(penalties.resolve(scale, o.penalty)))
        )
    ]
    provisions = {p.id}
    for tp, tv, r in thresholds:
        assert r.threshold is not None
        ok = penalties.meets(scale, o.penalty, r.threshold)
        verdict = "{rule}: met" if ok else "{rule}: not met"
        ev.append(evidence(kb, tp, tv, words(verdict, rule=said(r))))
        provisions.add(tp.id)
        if not ok:
            failed.append(kb.label(tp.id))
    for t in treaties:
        assert t.extradition is not None
        threshold = t.extradition.threshold
        if threshold is not None and not penalties.meets(scale, o.penalty, threshold):
            failed.append(t.short)
    if not failed:
        return None
    title = (
        f"{kb.label(o.id)} ({o.name.es or o.name.en}) does not reach the extradition threshold of "
        + ", ".join(failed)
    )
    rec = f"Raise the penalty of {offence_label(kb, p, o)} or lower the threshold so that the offence is extraditable."
    relevant = [r for r in reqs if set(r.conduct) & set(o.conduct)]
    details = {"fails": failed, "conduct_tags": o.conduct}
    return Assessment("extraditability", o.id, "gap", title, rec, relevant, ev, details, provisions)


def _duration(text: str | None) -> Shows:
    from lawbase.render.text import duration

    return lambda: duration(text)


@rule(
    "double-criminality",
    ("no-double-criminality",),
    heading="Extradition without double criminality",
    silent_when_met=True,
    reads=Reads(rule_kinds=frozenset({"extradition-grounds"})),
)
def assess_double_criminality(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    from lawbase.queries import citation

    treaties = [t for t in _treaties(kb, as_of) if t.extradition and t.extradition.double_criminality]
    grounds = rules_in_force(kb, as_of, "extradition-grounds")
    if not treaties and not grounds:
        return []
    ev: list[Evidence] = []
    for t in treaties:
        assert t.extradition is not None
        th = t.extradition.threshold
        if th is None:
            en, es = worded(words("requires double criminality"))
        else:
            en, es = worded(
                words(
                    "requires double criminality; an offence is extraditable when its {bound} is {comparison} {limit}",
                    bound=words(penalties.BOUND_WORDS.get(th.bound, "penalty")),
                    comparison=words({">": "more than", ">=": "at least"}.get(th.comparison, th.comparison)),
                    limit=_duration(th.duration),
                )
            )
        sources = [citation(kb, c) for c in t.extradition.sources]
        ev.append(
            {
                "provision": t.id,
                "label": t.short,
                "version": None,
                "shows": en,
                "shows_es": es,
                "sources": sources,
            }
        )
    provisions = set()
    for p, v, r in grounds:
        ev.append(evidence(kb, p, v, said(r)))
        provisions.add(p.id)
    title = "Extradition for sexual offences against children still depends on double criminality"
    rec = "Remove the double-criminality requirement for sexual offences against children, in the law and in treaty practice."
    details = {"treaties": [t.id for t in treaties]}
    return [Assessment("double-criminality", "extradition", "gap", title, rec, reqs, ev, details, provisions)]
