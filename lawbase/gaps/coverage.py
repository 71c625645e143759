"""Coverage: is a conduct an offence for every child of the requirement's age band?

For each conduct of a requirement to criminalize, protect, prevent or define, and each age in
its band, the offences in force with that conduct that protect the age. An age protected only
by offences that need a condition (force, abuse, habituality ...) is *conditional*; an age no
offence protects is *uncovered*. All ages uncovered → gap; some conditional or uncovered →
partial; else met. The `child-marriage` conduct is the marriage rule's (marriage.py).
"""

from __future__ import annotations

import datetime as dt

from lawbase.kb import KnowledgeBase
from lawbase.model import Covers, Offence, Provision, Requirement, Version

from . import marriage
from .common import ADULT, COVERAGE_KINDS, absence, band, both, children, evidence, term, words
from .registry import Assessment, Evidence, FindingStatus, Reads, rule

# (provision, version, offence, unconditional, via): `via` is the offence's `also_covers` entry
# when it punishes the conduct though another offence names it, None when it carries the conduct
Hit = tuple[Provision, Version, Offence, bool, Covers | None]
Segment = tuple[int, int, str, list[Hit]]  # ages [from, under), full | conditional | none, hits


@rule(
    "coverage",
    COVERAGE_KINDS,
    heading="{Label} as an offence",
    select=lambda r: bool(r.conduct),
    reads=Reads(conduct=True),
)
def assess(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    out: list[Assessment] = []
    for r in reqs:
        if r.conduct_match == "any":  # assessed as a whole, marriage included
            each = [_conduct(kb, as_of, r, c) for c in r.conduct]
            met = [a for a in each if a.status == "met"]
            # a criterion any one of whose conducts meets it (several articles may): the others
            # are not findings under it, though other requirements may still ask for them
            out.extend(met or each)
        else:
            out.extend(_conduct(kb, as_of, r, c) for c in r.conduct if c != marriage.CHILD_MARRIAGE)
    return out


def _conduct(kb: KnowledgeBase, as_of: dt.date, req: Requirement, conduct: str) -> Assessment:
    if conduct == marriage.CHILD_MARRIAGE:
        return marriage.minimum_age(kb, as_of, req)
    return _coverage(kb, as_of, req, conduct)


def _offences_with(
    kb: KnowledgeBase, as_of: dt.date, conduct: str
) -> list[tuple[Provision, Version, Offence, Covers | None]]:
    out: list[tuple[Provision, Version, Offence, Covers | None]] = []
    for p, v, o in kb.offences_at(as_of):
        if conduct in o.conduct:
            out.append((p, v, o, None))
        out.extend((p, v, o, c) for c in o.also_covers if c.conduct == conduct)
    return out


def _hits(offences: list[tuple[Provision, Version, Offence, Covers | None]], age: int) -> list[Hit]:
    hits: list[Hit] = []
    for p, v, o, via in offences:
        if via is not None:
            if via.victim_age.contains(age):
                hits.append((p, v, o, not (o.conditions or via.conditions), via))
        elif o.victim_age.contains(age):
            hits.append((p, v, o, not o.conditions, None))
        # an aggravated variant can widen the ages an offence protects
        elif any(a.victim_age and a.victim_age.contains(age) for a in o.aggravated):
            hits.append((p, v, o, False, None))
    return hits


def coverage(kb: KnowledgeBase, as_of: dt.date, conduct: str, lo: int, under: int) -> list[Segment]:
    """Age segments [lo, under) with 'full', 'conditional' or 'none' and the offences behind them
    (a child under 14 raped by a "client" who paid is covered through rape, art. 362)."""
    offences = kb.on_date(as_of, ("offences-with", conduct), lambda: _offences_with(kb, as_of, conduct))
    # the segments follow from the offences alone: dates with the same offences in force (a
    # comparison's timeline) share them
    key = tuple((p.id, v.start, o.id, via) for p, v, o, via in offences)
    return kb.memo(("segments", conduct, lo, under, key), lambda: _segments(offences, lo, under))


def _segments(
    offences: list[tuple[Provision, Version, Offence, Covers | None]], lo: int, under: int
) -> list[Segment]:
    segments: list[Segment] = []
    for age in range(lo, under):
        hits = _hits(offences, age)
        status = "full" if any(h[3] for h in hits) else "conditional" if hits else "none"
        key = [(h[2].id, h[4] is None) for h in hits]
        if (
            segments
            and segments[-1][2] == status
            and [(h[2].id, h[4] is None) for h in segments[-1][3]] == key
        ):
            s = segments[-1]
            segments[-1] = (s[0], age + 1, s[2], s[3])
        else:
            segments.append((age, age + 1, status, hits))
    return segments


def _through(hits: list[Hit]) -> bool:
    """A band covered (as well as it is) only through offences that name other conduct."""
    best = [h for h in hits if h[3]] or hits
    return bool(best) and all(h[4] is not None for h in best)


def _evidence(kb: KnowledgeBase, segments: list[Segment], conduct: str) -> tuple[list[Evidence], set[str]]:
    """One entry per offence (and per way it covers the conduct) behind the segments."""
    ev: list[Evidence] = []
    provisions: set[str] = set()
    seen: set[tuple[str, bool]] = set()
    for *_, hits in segments:
        for p, v, o, unconditional, via in hits:
            if (o.id, via is None) in seen:
                continue
            seen.add((o.id, via is None))
            provisions.add(p.id)
            conditions = () if unconditional else o.conditions + (via.conditions if via else ())
            cond = (
                words(" only if: {conditions}", conditions=term(kb, "conditions", *conditions))
                if conditions
                else ""
            )
            name = o.name.es or o.name.en
            if via is None:
                shows = words(
                    "{name}: protects {children}{only_if}",
                    name=name,
                    children=children(o.victim_age),
                    only_if=cond,
                )
            else:
                shows = words(
                    "{name}: also punishes {conduct} against {children}{only_if} ({why})",
                    name=name, conduct=term(kb, "conduct", conduct), children=children(via.victim_age),
                    only_if=cond, why=both(via.why),
                )  # fmt: skip
            ev.append(evidence(kb, p, v, shows))
    return ev, provisions


def _coverage(kb: KnowledgeBase, as_of: dt.date, req: Requirement, conduct: str) -> Assessment:
    label = kb.vocabulary.conduct.get(conduct, conduct)
    lo = req.victim_age.lo if req.victim_age else 0
    under = req.victim_age.under if req.victim_age and req.victim_age.under else ADULT
    # every requirement naming the conduct and band asks the same: segments computed once a date
    segments = kb.on_date(
        as_of, ("coverage", conduct, lo, under), lambda: coverage(kb, as_of, conduct, lo, under)
    )
    ev, provisions = _evidence(kb, segments, conduct)
    bands = [
        {
            "from": s,
            "under": e,
            "status": st,
            "offences": [h[2].id for h in hits],
            "through_other_offences": st != "none" and _through(hits),
        }
        for s, e, st, hits in segments
    ]
    status, title, rec = _verdict(kb, segments, label, lo, under)
    if status == "gap":
        ev.append(
            absence(
                words(
                    "the law in force on {date} contains no offence of {conduct}",
                    date=as_of,
                    conduct=term(kb, "conduct", conduct),
                )
            )
        )
    return Assessment(
        "coverage", conduct, status, title, rec, [req], ev, {"conduct": conduct, "bands": bands}, provisions
    )


def _verdict(
    kb: KnowledgeBase, segments: list[Segment], label: str, lo: int, under: int
) -> tuple[FindingStatus, str, str]:
    """(status, title, recommendation) of a conduct's coverage."""
    statuses = {s for _, _, s, _ in segments}
    through = [
        f"children {band(s, e).removeprefix('aged ')} through "
        + ", ".join(dict.fromkeys(kb.label(h[0].id) for h in hits if h[3]))
        for s, e, st, hits in segments
        if st == "full" and _through(hits)
    ]
    if statuses == {"full"}:
        via_text = f" ({'; '.join(through)})" if through else ""
        return "met", f"{label.capitalize()} is an offence for every child {band(lo, under)}{via_text}", ""
    if statuses == {"none"}:
        return (
            "gap",
            f"No offence of {label} for children {band(lo, under)}",
            f"Make {label} an offence for every child {band(lo, under)}, without further conditions.",
        )
    parts = [
        f"{band(s, e)} ({'only under conditions' if st == 'conditional' else 'not at all'})"
        for s, e, st, _ in segments
        if st != "full"
    ]
    title = (
        f"{label.capitalize()}: children "
        + "; ".join(parts)
        + (f"; covered {'; '.join(through)}" if through else "")
    )
    rec = f"Make {label} an offence for every child {band(lo, under)} without requiring force, abuse or other conditions."
    return "partial", title, rec
