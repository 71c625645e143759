"""Gap analysis: each requirement assessed against the law in force on a date.

Every assessment is computed from data, never typed in:

* **coverage** (requirements to criminalize / protect / prevent / define a conduct): for each
  conduct tag and each age in the requirement's band, the offences in force with that tag that
  protect the age. An age protected only by offences that need a condition (force, abuse,
  habituality ...) is *conditional*; an age no offence protects is *uncovered*. All ages
  uncovered → gap; some conditional or uncovered → partial; else met.
  `child-marriage` is assessed from the minimum-marriage-age rule instead of offences.
* **jurisdiction**: for each offence in force with a required conduct, each required nexus
  (offender nationality, residence, victim nationality) against the extraterritorial rules in
  force (COT art. 6): listed with the nexus → full; only through a general rule that needs
  offender *and* victim to be nationals (N°6), or a restricted case → partial; else none.
* **extradition**: each offence against the procedure code's threshold that governs on the
  date, and against each applicable treaty's threshold; double criminality per treaty.
* **limitation**: each offence imprescriptible (94 bis), counted from majority (369 quáter), or
  under the ordinary periods.
* **legal persons**: which offences a corporate-liability rule reaches.
* **unequal treatment by sex**, **marriage below 18**, **dead references** (a rule citing a
  provision that is no longer in force), and requirements no provision claims to implement.

Assessments that reach the same conclusion about the same subject for several requirements are
merged into one finding that lists every requirement (treaties first, then benchmarks).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import penalties
from .kb import KnowledgeBase
from .model import Covers, JurisdictionRule, Offence, Provision, Requirement, Rule, Version
from .queries import unrecorded_json
from .scope import assessed, scoped

COVERAGE_KINDS = {"criminalize", "protect", "prevent", "define"}
IMPLEMENTER_KINDS = {"report", "travel-restrictions"}
ADULT = 18

JSON = dict[str, Any]


@dataclass
class Assessment:
    """One requirement (or several) assessed on one subject: met, partial or gap."""

    rule: str
    subject: str  # the conduct, offence or topic assessed
    status: str  # met | partial | gap
    title: str
    recommendation: str
    requirements: list[Requirement] = field(default_factory=list)
    evidence: list[JSON] = field(default_factory=list)
    details: JSON = field(default_factory=dict)
    provisions: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.subject}"


# ---------------------------------------------------------------------------------------------
# helpers


def _sexual_exploitation_offences(
    kb: KnowledgeBase, as_of: dt.date, conducts: Iterable[str]
) -> list[tuple[Provision, Version, Offence]]:
    """Offences in force that carry one of the conducts and protect at least one child."""
    wanted = set(conducts)
    return [
        (p, v, o) for p, v, o in kb.offences_at(as_of) if wanted & set(o.conduct) and o.victim_age.lo < ADULT
    ]


def evidence(kb: KnowledgeBase, p: Provision, v: Version, shows: str) -> JSON:
    """A trace entry: the provision version that made a rule fire, with its sources."""
    from .queries import citation, version_window

    return {
        "provision": p.id,
        "label": kb.label(p.id),
        "version": version_window(kb, v),
        "shows": shows,
        "sources": [citation(kb, c) for c in v.sources],
    }


def _band(lo: int, under: int) -> str:
    if lo == 0:
        return f"under {under}"
    return f"aged {lo}–{under - 1}" if under - lo > 1 else f"aged {lo}"


def _rules_in_force(kb: KnowledgeBase, as_of: dt.date, kind: str) -> list[tuple[Provision, Version, Rule]]:
    out: list[tuple[Provision, Version, Rule]] = []
    for p in kb.provisions.values():
        pit = kb.at(p, as_of)
        if pit.state == "in-force" and pit.version is not None:
            out.extend((p, pit.version, r) for r in pit.version.rules if r.kind == kind)
    return out


def _names(kb: KnowledgeBase, p: Provision, o: Offence) -> set[str]:
    """Ids that denote this offence in a list: its own id, its provision, its aggravated keys."""
    return {o.id, p.id} | {f"{p.id}#{a.key}" for a in o.aggravated if a.key}


def _applies(rule: Rule, as_of: dt.date) -> bool:
    """A rule bounded to facts of a period applies to facts committed on `as_of`."""
    if rule.facts_from and as_of < rule.facts_from:
        return False
    return not (rule.facts_until and as_of > rule.facts_until)


# ---------------------------------------------------------------------------------------------
# coverage


Hit = tuple[Provision, Version, Offence, bool, Covers | None]


def coverage(
    kb: KnowledgeBase, as_of: dt.date, conduct: str, lo: int, under: int
) -> list[tuple[int, int, str, list[Hit]]]:
    """Age segments [lo, under) with 'full', 'conditional' or 'none' and the offences behind them:
    (provision, version, offence, unconditional, via) where `via` is the offence's `also_covers`
    entry when it punishes the conduct though another offence names it (rape of a child under
    14 whose "client" paid), None when the offence itself carries the conduct."""
    offences: list[tuple[Provision, Version, Offence, Covers | None]] = []
    for p, v, o in kb.offences_at(as_of):
        if conduct in o.conduct:
            offences.append((p, v, o, None))
        offences.extend((p, v, o, c) for c in o.also_covers if c.conduct == conduct)
    rows: list[tuple[str, list[Hit]]] = []
    for age in range(lo, under):
        hits: list[Hit] = []
        for p, v, o, via in offences:
            if via is not None:
                if via.victim_age.contains(age):
                    hits.append((p, v, o, not (o.conditions or via.conditions), via))
            elif o.victim_age.contains(age):
                hits.append((p, v, o, not o.conditions, None))
            else:
                # an aggravated variant can widen the ages an offence protects
                for a in o.aggravated:
                    if a.victim_age and a.victim_age.contains(age):
                        hits.append((p, v, o, False, None))
                        break
        status = "full" if any(h[3] for h in hits) else "conditional" if hits else "none"
        rows.append((status, hits))
    segments: list[tuple[int, int, str, list[Hit]]] = []
    for age, (status, hits) in zip(range(lo, under), rows, strict=True):
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


def _assess_coverage(kb: KnowledgeBase, as_of: dt.date, req: Requirement, conduct: str) -> Assessment:
    label = kb.vocabulary.conduct.get(conduct, conduct)
    lo = req.victim_age.lo if req.victim_age else 0
    under = req.victim_age.under if req.victim_age and req.victim_age.under else ADULT
    if conduct == "child-marriage":
        return _assess_marriage(kb, as_of, req)
    segments = coverage(kb, as_of, conduct, lo, under)
    statuses = {s for _, _, s, _ in segments}
    ev: list[JSON] = []
    provisions: set[str] = set()
    seen: set[tuple[str, bool]] = set()
    for *_, hits in segments:
        for p, v, o, unconditional, via in hits:
            if (o.id, via is None) in seen:
                continue
            seen.add((o.id, via is None))
            provisions.add(p.id)
            conditions = o.conditions + (via.conditions if via else ())
            cond = (
                ""
                if unconditional
                else " only if: " + ", ".join(kb.vocabulary.conditions.get(c, c) for c in conditions)
            )
            name = o.name.es or o.name.en
            if via is None:
                shows = f"{name}: protects children {o.victim_age.label()}{cond}"
            else:
                shows = f"{name}: also punishes {label} against children {via.victim_age.label()}{cond} ({via.why.en})"
            ev.append(evidence(kb, p, v, shows))
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
    through = [
        f"children {_band(s, e).removeprefix('aged ')} through "
        + ", ".join(dict.fromkeys(kb.label(h[0].id) for h in hits if h[3]))
        for s, e, st, hits in segments
        if st == "full" and _through(hits)
    ]
    via_text = f" ({'; '.join(through)})" if through else ""
    if statuses == {"full"}:
        status, title, rec = (
            "met",
            f"{label.capitalize()} is an offence for every child {_band(lo, under)}{via_text}",
            "",
        )
    elif statuses == {"none"}:
        status = "gap"
        title = f"No offence of {label} for children {_band(lo, under)}"
        rec = f"Make {label} an offence for every child {_band(lo, under)}, without further conditions."
        ev.append(
            {
                "provision": None,
                "label": None,
                "version": None,
                "shows": f"no offence in force on {as_of} carries the conduct '{conduct}'",
                "sources": [],
            }
        )
    else:
        status = "partial"
        weak = [(s, e, st) for s, e, st, _ in segments if st != "full"]
        parts = [
            f"{_band(s, e)} ({'only under conditions' if st == 'conditional' else 'not at all'})"
            for s, e, st in weak
        ]
        title = (
            f"{label.capitalize()}: children "
            + "; ".join(parts)
            + (f"; covered {'; '.join(through)}" if through else "")
        )
        rec = f"Make {label} an offence for every child {_band(lo, under)} without requiring force, abuse or other conditions."
    return Assessment(
        "coverage", conduct, status, title, rec, [req], ev, {"conduct": conduct, "bands": bands}, provisions
    )


def _assess_marriage(kb: KnowledgeBase, as_of: dt.date, req: Requirement) -> Assessment:
    rules = _rules_in_force(kb, as_of, "marriage-minimum-age")
    consent = _rules_in_force(kb, as_of, "marriage-consent")
    if not rules:
        return Assessment(
            "marriage-age", "child-marriage", "unknown",
            "The minimum age for marriage on this date is not recorded", "", [req],
            details={"why": "no minimum-marriage-age rule in force is recorded for this date"},
        )  # fmt: skip
    p, v, r = rules[0]
    ev = [evidence(kb, p, v, f"minimum age for marriage: {r.age}")]
    ev += [evidence(kb, cp, cv, cr.summary) for cp, cv, cr in consent]
    provisions = {p.id} | {cp.id for cp, _, _ in consent}
    if r.age is not None and r.age >= ADULT:
        return Assessment(
            "marriage-age",
            "child-marriage",
            "met",
            "No marriage below 18",
            "",
            [req],
            ev,
            {"age": r.age},
            provisions,
        )
    return Assessment(
        "marriage-age", "child-marriage", "gap",
        f"Children may marry from age {r.age}",
        "Set the minimum age for marriage at 18 without exception and make marriages of minors void.",
        [req], ev, {"age": r.age}, provisions,
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# jurisdiction


def _assess_jurisdiction(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    nexuses = [n for n in dict.fromkeys(n for r in reqs for n in r.nexus) if n != "territory"]
    if not nexuses:
        return []
    conducts = {c for r in reqs for c in r.conduct}
    rules: list[tuple[Provision, Version, JurisdictionRule]] = []
    for p in kb.provisions.values():
        pit = kb.at(p, as_of)
        if pit.state == "in-force" and pit.version:
            rules.extend((p, pit.version, j) for j in pit.version.extends_jurisdiction)
    out = []
    for p, v, o in _sexual_exploitation_offences(kb, as_of, conducts):
        names = _names(kb, p, o)
        per: dict[str, str] = {}
        ev: list[JSON] = []
        provisions = {p.id}
        for nexus in nexuses:
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
            per[nexus] = best
        for rp, rv, j in rules:
            if (j.scope == "listed" and names & set(j.offences)) or j.scope == "all-offences":
                label = f"{j.part or ''}: " + (", ".join(j.nexus))
                ev.append(evidence(kb, rp, rv, f"{label}{' - ' + j.restriction if j.restriction else ''}"))
                provisions.add(rp.id)
        statuses = set(per.values())
        if statuses == {"full"}:
            status = "met"
        elif "none" in statuses:
            status = "gap"
        else:
            status = "partial"
        name = o.name.es or o.name.en
        missing = [n for n, s in per.items() if s != "full"]
        title = (
            f"{kb.label(o.id)} ({name}) — "
            + "; ".join(f"{kb.vocabulary.nexus.get(n, n)}: {per[n]}" for n in missing)
            if missing
            else f"{kb.label(o.id)}"
        )
        rec = (
            (
                f"Give Chilean courts jurisdiction over {kb.label(o.id)} committed abroad when "
                + " or when ".join(kb.vocabulary.nexus.get(n, n) for n in missing)
                + "."
            )
            if missing
            else ""
        )
        ev.insert(
            0,
            evidence(
                kb, p, v, f"the offence: {name}, {kb.vocabulary.conduct.get(o.conduct[0], o.conduct[0])}"
            ),
        )
        relevant = [r for r in reqs if set(r.conduct) & set(o.conduct) and set(r.nexus) - {"territory"}]
        out.append(
            Assessment(
                "jurisdiction",
                o.id,
                status,
                title,
                rec,
                relevant,
                ev,
                {"nexus": per, "conduct_tags": o.conduct},
                provisions,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# extradition


def _code_thresholds(kb: KnowledgeBase, as_of: dt.date) -> list[tuple[Provision, Version, Rule]]:
    """Active-extradition thresholds of the procedure code that governs facts of `as_of`."""
    return [
        (p, v, r)
        for p, v, r in _rules_in_force(kb, as_of, "extradition-threshold")
        if r.direction == "active" and r.threshold is not None and _applies(r, as_of)
    ]


def _treaties(kb: KnowledgeBase, as_of: dt.date) -> list[Any]:

    home = assessed(kb)
    return [
        i
        for i in kb.instruments.values()
        if i.extradition is not None and kb.instrument_status(i.id, home, as_of)["in_force"] is not False
        and any(e.date and e.date <= as_of for e in i.status)
    ]  # fmt: skip


def _assess_extradition(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    conducts = {c for r in reqs for c in r.conduct}
    thresholds = _code_thresholds(kb, as_of)
    treaties = _treaties(kb, as_of)
    out = []
    for p, v, o in _sexual_exploitation_offences(kb, as_of, conducts):
        failed = []
        ev = [
            evidence(
                kb, p, v, f"the offence carries {penalties.resolve(kb.scale_for(p), o.penalty).range_text()}"
            )
        ]
        provisions = {p.id}
        for tp, tv, r in thresholds:
            t = r.threshold
            assert t is not None
            ok = penalties.meets(kb.scale_for(p), o.penalty, t)
            ev.append(evidence(kb, tp, tv, f"{r.summary} -> {'met' if ok else 'not met'}"))
            provisions.add(tp.id)
            if not ok:
                failed.append(kb.label(tp.id))
        for t in treaties:
            terms = t.extradition
            if terms.threshold is None:
                continue
            ok = penalties.meets(kb.scale_for(p), o.penalty, terms.threshold)
            if not ok:
                failed.append(t.short)
        if not failed:
            continue
        title = (
            f"{kb.label(o.id)} ({o.name.es or o.name.en}) does not reach the extradition threshold of "
            + ", ".join(failed)
        )
        rec = f"Raise the penalty of {kb.label(o.id)} or lower the threshold so that the offence is extraditable."
        relevant = [r for r in reqs if set(r.conduct) & set(o.conduct)]
        out.append(
            Assessment(
                "extraditability",
                o.id,
                "gap",
                title,
                rec,
                relevant,
                ev,
                {"fails": failed, "conduct_tags": o.conduct},
                provisions,
            )
        )
    return out


def _assess_double_criminality(
    kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]
) -> list[Assessment]:
    from .queries import citation

    treaties = [t for t in _treaties(kb, as_of) if t.extradition.double_criminality]
    grounds = _rules_in_force(kb, as_of, "extradition-grounds")
    if not treaties and not grounds:
        return []
    ev = []
    for t in treaties:
        ev.append(
            {
                "provision": t.id,
                "label": t.short,
                "version": None,
                "shows": f"{t.short} requires double criminality"
                + (
                    f"; threshold: penalty {t.extradition.threshold.bound} {t.extradition.threshold.comparison} {penalties.duration_text(t.extradition.threshold.duration)}"
                    if t.extradition.threshold
                    else ""
                ),
                "sources": [citation(kb, c) for c in t.extradition.sources],
            }
        )
    provisions = set()
    for p, v, r in grounds:
        ev.append(evidence(kb, p, v, r.summary))
        provisions.add(p.id)
    return [
        Assessment(
            "double-criminality",
            "extradition",
            "gap",
            "Extradition for sexual offences against children still depends on double criminality",
            "Remove the double-criminality requirement for sexual offences against children, in the law and in treaty practice.",
            reqs,
            ev,
            {"treaties": [t.id for t in treaties]},
            provisions,
        )
    ]


# ---------------------------------------------------------------------------------------------
# limitation, legal persons


def _assess_limitation(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    conducts = {c for r in reqs for c in r.conduct}
    imprescriptible = [x for x in _rules_in_force(kb, as_of, "imprescriptible") if _applies(x[2], as_of)]
    majority = [x for x in _rules_in_force(kb, as_of, "limitation-from-majority") if _applies(x[2], as_of)]
    ordinary = _rules_in_force(kb, as_of, "limitation-period")
    out = []
    for p, v, o in _sexual_exploitation_offences(kb, as_of, conducts):
        names = _names(kb, p, o)
        hit = next(((rp, rv, r) for rp, rv, r in imprescriptible if names & set(r.offences)), None)
        ev = [evidence(kb, p, v, f"the offence: {o.name.es or o.name.en}")]
        if hit:
            ev.append(evidence(kb, hit[0], hit[1], hit[2].summary))
            out.append(
                Assessment(
                    "limitation",
                    o.id,
                    "met",
                    f"{kb.label(o.id)} is imprescriptible",
                    "",
                    [],
                    ev,
                    {"regime": "imprescriptible", "conduct_tags": o.conduct},
                    {p.id, hit[0].id},
                )
            )
            continue
        late = next(((rp, rv, r) for rp, rv, r in majority if names & set(r.offences)), None)
        relevant = [r for r in reqs if set(r.conduct) & set(o.conduct)]
        if late:
            ev.append(evidence(kb, late[0], late[1], late[2].summary))
            out.append(
                Assessment(
                    "limitation",
                    o.id,
                    "partial",
                    f"{kb.label(o.id)} ({o.name.es or o.name.en}) prescribes, counted from the victim's 18th birthday",
                    f"Make {kb.label(o.id)} imprescriptible when the victim was a child.",
                    relevant,
                    ev,
                    {"regime": "from-majority", "conduct_tags": o.conduct},
                    {p.id, late[0].id},
                )
            )
            continue
        provisions = {p.id}
        for rp, rv, r in ordinary:
            ev.append(evidence(kb, rp, rv, r.summary))
            provisions.add(rp.id)
        out.append(
            Assessment(
                "limitation",
                o.id,
                "gap",
                f"{kb.label(o.id)} ({o.name.es or o.name.en}) prescribes under the ordinary rules",
                f"Make {kb.label(o.id)} imprescriptible when the victim was a child, or at least count the period from the victim's 18th birthday.",
                relevant,
                ev,
                {"regime": "ordinary", "conduct_tags": o.conduct},
                provisions,
            )
        )
    return out


def _assess_legal_persons(kb: KnowledgeBase, as_of: dt.date, reqs: list[Requirement]) -> list[Assessment]:
    conducts = {c for r in reqs for c in r.conduct}
    liability = _rules_in_force(kb, as_of, "corporate-liability")
    laundering = _rules_in_force(kb, as_of, "money-laundering-predicate")
    offences = _sexual_exploitation_offences(kb, as_of, conducts)
    if not offences:
        return []
    covered: list[str] = []
    uncovered: list[str] = []
    ev: list[JSON] = []
    provisions: set[str] = set()
    for p, _v, o in offences:
        names = _names(kb, p, o)
        (covered if any(names & set(r.offences) for _, _, r in liability) else uncovered).append(o.id)
    for rp, rv, r in liability + laundering:
        ev.append(evidence(kb, rp, rv, r.summary))
        provisions.add(rp.id)
    if not uncovered:
        return [
            Assessment(
                "legal-persons",
                "offences",
                "met",
                "Legal persons are liable for every offence",
                "",
                reqs,
                ev,
                {"covered": covered},
                provisions,
            )
        ]
    status = "partial" if covered else "gap"
    labels = ", ".join(sorted({kb.label(kb.provision_of(o)) for o in uncovered}))
    if not ev:
        ev.append(
            {
                "provision": None,
                "label": None,
                "version": None,
                "shows": f"no corporate-liability rule in force on {as_of}",
                "sources": [],
            }
        )
    return [
        Assessment(
            "legal-persons",
            "offences",
            status,
            f"No liability of legal persons for {labels}",
            f"Extend the liability of legal persons to {labels}.",
            reqs,
            ev,
            {"covered": covered, "uncovered": uncovered},
            provisions,
        )
    ]


# ---------------------------------------------------------------------------------------------
# unequal treatment, dead references, unimplemented requirements


def _assess_sex(kb: KnowledgeBase, as_of: dt.date, req: Requirement) -> list[Assessment]:
    out = []
    for p, v, o in kb.offences_at(as_of):
        if "same-sex" in o.conditions:
            r = penalties.resolve(kb.scale_for(p), o.penalty)
            out.append(
                Assessment(
                    "unequal-by-sex",
                    o.id,
                    "gap",
                    f"{kb.label(p.id)} punishes sexual conduct with a minor only when both are of the same sex",
                    f"Repeal {kb.label(p.id)}: the same conduct may not be treated differently by the sex of those involved.",
                    [req],
                    [
                        evidence(
                            kb,
                            p,
                            v,
                            f"{o.name.es or o.name.en}: {r.text} ({r.range_text()}), only if of the same sex",
                        )
                    ],
                    {},
                    {p.id},
                )
            )
    return out


def _assess_dead_references(
    kb: KnowledgeBase, as_of: dt.date, reqs: dict[str, Requirement]
) -> list[Assessment]:
    """Rules in force (jurisdiction, limitation, liability ...) that name a provision no longer in force."""
    out = []
    for ref in kb.operative_references(as_of):
        target, p = ref.target, ref.provision
        tid = kb.provision_of(target)
        if tid not in kb.provisions:
            continue
        tp = kb.provisions[tid]
        tpit = kb.at(tp, as_of)
        state = tpit.state
        if state not in ("repealed", "not-yet"):
            continue
        pid = p.id
        req = reqs.get("un-opsc/4-2-a") if isinstance(ref.rule, JurisdictionRule) else None
        shows = f"cites {kb.label(target)}, which is {state.replace('-', ' ')} on {as_of}"
        ev = [evidence(kb, p, ref.version, shows)]
        if tpit.version is not None:
            ev.append(
                evidence(
                    kb,
                    tp,
                    tpit.version,
                    f"{kb.label(tid)} was repealed on {tpit.repealed_on} by {kb.instruments[tpit.version.by].short}",
                )
            )
        out.append(
            Assessment(
                "dead-reference",
                f"{pid}->{target}",
                "gap",
                f"{kb.label(pid)} still cites {kb.label(target)}, which is no longer in force",
                f"Amend {kb.label(pid)} so that it cites the provisions now in force.",
                [req] if req else [],
                ev,
                {"from": pid, "to": target},
                {pid, tid},
            )
        )
    return out


def _assess_implementers(kb: KnowledgeBase, as_of: dt.date, req: Requirement) -> Assessment:
    impl = kb.implemented_by(req.id, as_of)
    if impl:
        ev = [evidence(kb, p, v, "claims to meet this requirement") for p, v in impl]
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
        f"No provision in the corpus meets {kb.label(req.id)}: {req.summary}",
        f"Adopt a provision that does this: {req.summary[0].lower()}{req.summary[1:]}",
        [req],
        [{"provision": None, "label": None, "version": None, "shows": "no provision in the corpus claims to meet this requirement on this date", "sources": []}],
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# the whole analysis


def assess(kb: KnowledgeBase, as_of: dt.date, against: Iterable[str] | None = None) -> list[Assessment]:
    """Every assessment (met ones included) for the requirements of `against` (default: all)."""
    kb = scoped(kb)
    chosen = set(against) if against else None
    reqs = [r for r in kb.requirements.values() if chosen is None or r.instrument in chosen]
    by_kind: dict[str, list[Requirement]] = defaultdict(list)
    for r in reqs:
        by_kind[r.kind].append(r)
    out: list[Assessment] = []
    for r in reqs:
        if r.kind in COVERAGE_KINDS and r.conduct:
            each = [_assess_coverage(kb, as_of, r, c) for c in r.conduct]
            met = [a for a in each if a.status == "met"]
            # a criterion any one of whose conducts meets it (several articles may): the others
            # are not findings under it, though other requirements may still ask for them
            out.extend(met if r.conduct_match == "any" and met else each)
        elif r.kind in IMPLEMENTER_KINDS or (
            r.kind == "define" and not r.conduct and kb.instruments[r.instrument].kind == "benchmark"
        ):
            out.append(_assess_implementers(kb, as_of, r))
    jur = [r for r in by_kind["establish-jurisdiction"] if r.conduct and set(r.nexus) - {"territory"}]
    out += _by_conduct(kb, _assess_jurisdiction(kb, as_of, jur), jur)
    ext = [r for r in by_kind["make-extraditable"] if r.conduct]
    out += _by_conduct(kb, _assess_extradition(kb, as_of, ext), ext)
    out += _assess_double_criminality(kb, as_of, by_kind["no-double-criminality"])
    lim = by_kind["no-limitation-period"]
    out += _by_conduct(kb, _assess_limitation(kb, as_of, lim), lim)
    out += _assess_legal_persons(kb, as_of, by_kind["liability-legal-persons"])
    if "un-crc/2" in {r.id for r in reqs}:
        out += _assess_sex(kb, as_of, kb.requirements["un-crc/2"])
    out += _assess_dead_references(kb, as_of, {r.id: r for r in reqs})
    return _merge(kb, [_honest(kb, as_of, a) for a in out if chosen is None or a.requirements])


# what each rule reads, so that a provision the corpus does not record on the date (see
# KnowledgeBase.not_recorded) but which later bears on the same question keeps a gap or partial
# finding from being stated: its text then may have met the requirement
_RULE_READS: dict[str, tuple[frozenset[str], bool, bool]] = {
    # rule: (the rule kinds it reads, whether it reads jurisdiction rules, whether it reads the
    # offences of the conduct it is about)
    "coverage": (frozenset(), False, True),
    "marriage-age": (frozenset({"marriage-minimum-age", "marriage-consent"}), False, False),
    "jurisdiction": (frozenset(), True, True),
    "extraditability": (frozenset({"extradition-threshold", "extradition-procedure-scope"}), False, True),
    "double-criminality": (frozenset({"extradition-grounds"}), False, False),
    "limitation": (
        frozenset({"limitation-period", "limitation-from-majority", "imprescriptible", "limitation-start"}),
        False,
        True,
    ),
    "legal-persons": (
        frozenset({"corporate-liability"}),
        False,
        False,
    ),  # laundering predicates are evidence only
}


def _unrecorded(kb: KnowledgeBase, as_of: dt.date, a: Assessment) -> list[Provision]:
    """The provisions not recorded on the date that would bear on the assessment."""
    if a.rule not in _RULE_READS:
        return []
    kinds, jurisdiction, by_conduct = _RULE_READS[a.rule]
    # coverage and the per-conduct rules are about one conduct (see _by_conduct)
    conducts = {a.details.get("conduct") or a.subject} if by_conduct else set()

    def relevant(v: Version) -> bool:
        return (
            any(r.kind in kinds for r in v.rules)
            or (jurisdiction and bool(v.extends_jurisdiction))
            or any(
                conducts & set(o.conduct) or any(c.conduct in conducts for c in o.also_covers)
                for o in v.offences
            )
        )

    return kb.not_recorded(as_of, relevant)


def _subject_title(kb: KnowledgeBase, a: Assessment) -> str:
    """What an assessment is about, without a verdict (for one the corpus cannot make)."""
    conduct = a.details.get("conduct") or a.subject
    label = kb.vocabulary.conduct.get(conduct, conduct)
    if a.rule == "coverage":
        return f"{label[:1].upper()}{label[1:]} as an offence"
    if a.rule in _RULE_HEADINGS:
        return _RULE_HEADINGS[a.rule].format(label=label)
    return {
        "legal-persons": "Liability of legal persons",
        "marriage-age": "The minimum age for marriage",
        "double-criminality": "Extradition without double criminality",
    }.get(a.rule, a.requirements[0].summary if a.requirements else a.title)


def _not_assessable(kb: KnowledgeBase, a: Assessment, **why: Any) -> None:
    """Turn a would-be finding into one the corpus cannot assess: no verdict, no recommendation,
    and what it would have said kept in `details.would_be`."""
    a.details = {**a.details, "would_be": a.status, **why}
    a.status, a.title, a.recommendation = "unknown", _subject_title(kb, a), ""


def _honest(kb: KnowledgeBase, as_of: dt.date, a: Assessment) -> Assessment:
    """A gap or partial finding that unrecorded law may answer becomes 'unknown', saying so."""
    if a.status not in ("gap", "partial"):
        return a
    missing = _unrecorded(kb, as_of, a)
    if not missing:
        return a
    names = ", ".join(f"{kb.label(p.id)} (recorded from {kb.recorded_from(p)})" for p in missing)
    _not_assessable(kb, a, not_recorded=unrecorded_json(kb, missing))
    a.evidence = [
        *a.evidence,
        {
            "provision": None,
            "label": None,
            "version": None,
            "shows": f"the corpus does not record what {names} said on {as_of}",
            "sources": [],
        },
    ]
    return a


_WORST = {"gap": 0, "partial": 1, "unknown": 2, "met": 3}
_RULE_HEADINGS = {
    "jurisdiction": "Extraterritorial jurisdiction over {label}",
    "limitation": "Limitation of {label}",
    "extraditability": "Extraditability of {label}",
}


def _by_conduct(kb: KnowledgeBase, items: list[Assessment], reqs: list[Requirement]) -> list[Assessment]:
    """Per-offence assessments of one rule regrouped by conduct, the way advocates speak of them
    ("no extraterritorial jurisdiction over the client offence"), so that a conduct can be
    followed across reforms that renumber its offences."""
    out = []
    conducts = list(dict.fromkeys(c for r in reqs for c in r.conduct))
    for conduct in conducts:
        parts = [a for a in items if conduct in a.details.get("conduct_tags", ())]
        if not parts:
            continue
        rule = parts[0].rule
        status = min((a.status for a in parts), key=lambda st: _WORST[st])
        label = kb.vocabulary.conduct.get(conduct, conduct)
        weak = [a for a in parts if a.status != "met"]
        heading = _RULE_HEADINGS[rule].format(label=label)
        title = heading + (": " + "; ".join(a.title for a in weak) if weak else "")
        recommendation = " ".join(dict.fromkeys(a.recommendation for a in weak if a.recommendation))
        evidence_rows: list[JSON] = []
        seen: set[tuple[Any, ...]] = set()
        for a in parts:
            for e in a.evidence:
                key = (e.get("provision"), (e.get("version") or {}).get("from"), e.get("shows"))
                if key not in seen:
                    seen.add(key)
                    evidence_rows.append(e)
        details = {
            "conduct": conduct,
            "offences": {
                a.subject: {"status": a.status, **{k: v for k, v in a.details.items() if k != "conduct_tags"}}
                for a in parts
            },
        }
        relevant = [r for r in reqs if conduct in r.conduct]
        provisions = set().union(*(a.provisions for a in parts))
        out.append(
            Assessment(
                rule, conduct, status, title, recommendation, relevant, evidence_rows, details, provisions
            )
        )
    return out


def _instrument_rank(kb: KnowledgeBase, req: Requirement) -> tuple[int, str]:
    kind = kb.instruments[req.instrument].kind
    return ({"treaty": 0, "benchmark": 1}.get(kind, 2), req.id)


def _merge(kb: KnowledgeBase, items: list[Assessment]) -> list[Assessment]:
    """One assessment per (rule, subject): requirements are pooled, the first kept as primary."""
    merged: dict[str, Assessment] = {}
    for a in items:
        if a.id in merged:
            m = merged[a.id]
            m.requirements += [r for r in a.requirements if r not in m.requirements]
        else:
            merged[a.id] = a
    for a in merged.values():
        a.requirements.sort(key=lambda r: _instrument_rank(kb, r))
    order = {"gap": 0, "partial": 1, "unknown": 2, "met": 3}
    return sorted(merged.values(), key=lambda a: (order.get(a.status, 9), a.rule, a.subject))


def recommendations(kb: KnowledgeBase, a: Assessment, as_of: dt.date) -> list[JSON]:
    """The recommendations made to the State (UPR, treaty bodies) that concern what a finding is
    about: one of its requirements, provisions or offences. Those made after the date (where
    the review's date is recorded) are left out; one met by the date says when."""
    from .queries import citation

    home = assessed(kb)
    subjects = {r.id for r in a.requirements} | a.provisions | {a.subject}
    out = []
    for rec in kb.recommendations.values():
        if rec.jurisdiction != home or not subjects & set(rec.concerns):
            continue
        inst = kb.instruments.get(rec.instrument)
        if inst is None or inst.kind != "review":  # an NGO's own recommendations are benchmarks
            continue
        made = inst.adopted or inst.published
        if made and made > as_of:
            continue
        met = [m for m in rec.met_by if m.date <= as_of]
        out.append(
            {
                "id": rec.id,
                "review": inst.short,
                "review_title": inst.title.en,
                "made": made.isoformat() if made else None,
                "recommending": list(rec.recommending),
                "accepted": rec.accepted,
                "summary": rec.summary,
                "concerns": [c for c in rec.concerns if c in subjects],
                "met_on": met[-1].date.isoformat() if met else None,
                "sources": [citation(kb, c) for c in rec.sources],
            }
        )
    return out


def finding(kb: KnowledgeBase, a: Assessment, as_of: dt.date) -> JSON:
    """An assessment as the documented `gaps --json` finding."""
    from .queries import citation

    home = assessed(kb)
    primary = a.requirements[0] if a.requirements else None

    def req_json(r: Requirement) -> JSON:
        return {
            "id": r.id,
            "label": kb.label(r.id),
            "kind": r.kind,
            "mandatory": r.mandatory,
            "summary": r.summary,
            "instrument": r.instrument,
            "sources": [citation(kb, c) for c in r.sources],
        }

    sources: dict[tuple[str, str], JSON] = {}
    for r in a.requirements[:1]:
        for c in r.sources:
            sources.setdefault((c.source, c.pinpoint), citation(kb, c))
    for e in a.evidence:
        for c in e["sources"]:
            sources.setdefault((c["source"], c["pinpoint"]), c)
    return {
        "id": a.id,
        "rule": a.rule,
        "status": a.status,
        "title": a.title,
        "recommendations": recommendations(kb, a, as_of),
        "requirement": req_json(primary) if primary else None,
        "also_required_by": [req_json(r) for r in a.requirements[1:]],
        "instrument_status": kb.instrument_status(primary.instrument, home, as_of) if primary else None,
        "conduct": a.details.get("conduct"),
        "subject": a.subject,
        "details": a.details,
        "evidence": a.evidence,
        "recommendation": a.recommendation,
        "sources": list(sources.values()),
    }


def gaps(kb: KnowledgeBase, as_of: dt.date, against: Iterable[str] | None = None) -> JSON:
    """The gap list: every finding that is not met, as `lawbase gaps --json` prints it."""
    kb = scoped(kb)
    every = assess(kb, as_of, against)
    found = [a for a in every if a.status in ("gap", "partial")]
    unknown = [a for a in every if a.status == "unknown"]
    home = assessed(kb)
    # before the corpus records any of the national law, there is nothing to assess
    assessable = any(
        kb.at(p, as_of).state in ("in-force", "repealed")
        for p in kb.provisions.values()
        if kb.instruments[p.instrument].jurisdiction == home
    )
    if not assessable:  # then every finding would read silence as absence
        for a in found:
            _not_assessable(kb, a)
        found, unknown = [], found + unknown
    label = kb.vocabulary.jurisdictions.get(home, home)
    title = kb.settings.report_title
    return {
        "as_of": as_of.isoformat(),
        "jurisdiction": {"id": home, "label": label},
        "title": {
            "en": title.en.replace("{jurisdiction}", label)
            if title
            else f"Gaps in {label}'s legal framework",
            "es": title.es.replace("{jurisdiction}", label) if title and title.es else None,
        },
        "against": sorted(against) if against else None,
        "assessable": assessable,
        "findings": [finding(kb, a, as_of) for a in found],
        "not_assessed": [finding(kb, a, as_of) for a in unknown],
    }
