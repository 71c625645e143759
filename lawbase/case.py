"""`lawbase case`: the law that applies to given facts, judged on a given date.

A lawyer's question is "what applies to facts of that date, judged now, against a victim born
then". The answer is built step by step from the dated corpus, each step traced to the
provision version (and its sources) that decides it:

1. the offence as it stood on the date of the facts (the version then in force; the offences
   of it whose victim band holds the victim's age);
2. every later version up to the judgment, following a repealed article to the offence a
   `carried-over` rule says took it over (366 quinquies -> 367 quáter inc. 2 in 2022), each
   compared with the penalty at the facts;
3. which law governs: the law of the facts, or the more lenient later one where a
   `lenient-later-law` rule in force says so (CP art. 18, Constitution art. 19 N°3);
4. the aggravations and accessory penalties the governing law attaches (rules of kind
   `aggravation` and `accessory-disqualification` then in force);
5. limitation under the law of the facts: imprescriptible (a rule for facts from its date),
   counted from the victim's 18th birthday, or the ordinary period of the penalty's class from
   the day of the facts; the day it runs out and whether the judgment falls within it;
6. extraditability under the procedure codes and treaties in force at the judgment.

Where the corpus does not model a step (the exact sentence within the range, suspension of
limitation, an intermediate law), the answer says so under `cannot_decide` rather than guess.
The rule kinds are the engine's vocabulary (data/vocabulary.yaml); no State's law is written
here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from . import penalties
from .errors import NotFound, UsageError
from .gaps.common import Shows, evidence, said, worded, words
from .i18n import t as _t
from .kb import CARRIED_OVER, KnowledgeBase
from .model import Offence, Provision, Rule, Version
from .provisions import NAMED_BY_RULE
from .queries import (
    _a_whole_instrument,
    _by_code,
    _by_treaty,
    accessories,
    in_part,
    iso,
    offence,
    resolve,
    text,
    version_window,
)
from .queries import _bounded as bounded_period
from .refs import id_key
from .resolve import is_extradition_treaty
from .scope import assessed, scoped

if TYPE_CHECKING:
    from . import shapes

LENIENT = "lenient-later-law"
INTERMEDIATE = "lenient-intermediate-law"  # a more lenient law in force only in between applies too
NON_RETROACTIVE = "non-retroactivity"
LIMITATION_KINDS = ("imprescriptible", "limitation-from-majority", "limitation-period", "limitation-start")
MAJORITY = 18  # the victim's majority, from which a `limitation-from-majority` rule counts

Trace = list["shapes.Evidence"]


def age_on(born: dt.date, day: dt.date) -> int:
    """Full years of age on `day` of a person born on `born`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_duration(day: dt.date, duration: str, days_per_year: int) -> dt.date:
    """`day` plus an ISO duration: whole years and months by the calendar, days as days."""
    y, m, d = penalties.parse_duration(duration)
    out = add_years(day, y)
    if m:
        month = out.month - 1 + m
        year, month = out.year + month // 12, month % 12 + 1
        try:
            out = out.replace(year=year, month=month)
        except ValueError:
            out = out.replace(year=year, month=month, day=28)
    return out + dt.timedelta(days=d)


def _why(template: str, **fields: object) -> shapes.CaseNote:
    en, es = worded(words(template, **fields))
    return {"text": en, "text_es": es}


def case(
    kb: KnowledgeBase,
    ref: str,
    facts: dt.date,
    judgment: dt.date,
    victim_born: dt.date | None = None,
) -> shapes.CaseAnswer:
    """The law that applies to facts of `facts` judged on `judgment`: `lawbase case REF`."""
    if judgment < facts:
        raise UsageError(f"--judgment: {iso(judgment)} is before the facts ({iso(facts)})")
    if victim_born is not None and victim_born > facts:
        raise UsageError(f"--victim-born: {iso(victim_born)} is after the facts ({iso(facts)})")
    kb = scoped(kb)
    resolved = resolve(kb, ref)
    if resolved.kind == "requirement":
        raise NotFound(f"{kb.label(resolved.id)} is a treaty requirement; a case takes an offence")
    if resolved.kind == "instrument":
        raise _a_whole_instrument(kb, resolved.id, ref, "case")
    p = kb.provisions[kb.provision_of(resolved.id)]
    pit = kb.at(p, facts)
    age = age_on(victim_born, facts) if victim_born else None
    live = pit.version.offences if pit.version and pit.state == "in-force" else ()
    chosen = [
        o
        for o in live
        if (resolved.kind != "offence" or o.id == resolved.id or resolved.id.startswith(o.id))
        and in_part(o, resolved.part)
    ]
    offences_out = [_offence(kb, p, pit.version, o, facts, judgment, victim_born) for o in chosen]  # type: ignore[arg-type]
    general: list[shapes.CaseNote] = []
    if not live:
        general.append(_not_in_force(kb, p, pit.state, pit.came_into_force, facts))
    general += [
        _why(
            "The sentence within the range (the mitigating and aggravating circumstances, and the rules "
            "that set the sentence from them) is not computed."
        ),
        _why(
            "Participation, attempt and concurrence of offences are not modelled: the answer is for one consummated offence by its author."
        ),
    ]
    return {
        "ref": ref,
        "id": p.id,
        "label": kb.label(p.id),
        "title": text((pit.version.title if pit.version and pit.version.title else None) or p.title),
        "jurisdiction": assessed(kb),
        "facts": iso(facts),
        "judgment": iso(judgment),
        "victim_born": iso(victim_born) if victim_born else None,
        "victim_age": age,
        "state_at_facts": pit.state,
        "version_at_facts": version_window(kb, pit.version) if pit.version else None,
        "came_into_force": iso(pit.came_into_force),
        "offences": offences_out,
        "same_conduct": [] if live else _same_conduct(kb, p, facts, resolved.part),
        "cannot_decide": general,
        "class_labels": _class_labels(kb, p),
    }


def _class_labels(kb: KnowledgeBase, p: Provision) -> dict[str, shapes.Text]:
    """The offence classes of the provision's scale, in both languages ("simple delito")."""
    scale = kb.scale_for(p)
    if scale is None:
        return {}
    return {cid: {"es": es, "en": en} for cid, (es, en, _rank) in scale.classes.items()}


def _not_in_force(
    kb: KnowledgeBase, p: Provision, state: str, came: dt.date | None, facts: dt.date
) -> shapes.CaseNote:
    if state == "not-recorded":
        return _why("The corpus does not record this article's text on the date of the facts.")
    if state == "repealed":
        return _why("The article was repealed before the date of the facts: no penalty can come from it.")
    if came is not None and came > facts:
        return _why(
            "The article came into force on {date}, after the facts: no penalty can come from it "
            "(a penalty needs a law promulgated before the offence).",
            date=iso(came),
        )
    return _why("No offence of this article was in force on the date of the facts.")


def _same_conduct(
    kb: KnowledgeBase, p: Provision, facts: dt.date, part: str | None
) -> list[shapes.CaseOtherOffence]:
    """Offences in force on the date of the facts with the conduct of the article's own offences
    (in any of its versions): what a lawyer looks at next, not a finding that they apply."""
    conduct = {c for v in p.versions for o in v.offences if in_part(o, part) for c in o.conduct}
    out: list[shapes.CaseOtherOffence] = []
    for q, qv, o in kb.offences_at(facts):
        shared = sorted(conduct & set(o.conduct))
        if q.id != p.id and shared:
            out.append(
                {
                    "offence": o.id,
                    "label": offence_label(kb, q, o),
                    "name": text(o.name),
                    "version": version_window(kb, qv),
                    "conduct": shared,
                }
            )
    return out


class _Step:
    """One law on the timeline of an offence: the provision, its version, the offence in it
    (None: repealed, or no offence of it matches)."""

    def __init__(self, p: Provision, v: Version, o: Offence | None, via: Rule | None = None):
        self.p, self.v, self.o, self.via = p, v, o, via
        self.aggravated = False  # compared in its aggravated form (the facts' conditions moved there)


def _match(v: Version, o: Offence) -> Offence | None:
    """The offence of a later version that is `o` again: the same key, else the same part, else
    the one offence with the same conduct and an overlapping victim band, else the only offence
    of the version (None when the version is repealed or none matches)."""
    if v.repealed or not v.offences:
        return None
    key = o.id.partition("#")[2]
    for x in v.offences:
        if key and x.id.partition("#")[2] == key:
            return x
    for x in v.offences:
        if o.part and x.part == o.part:
            return x
    alike = [
        x for x in v.offences if set(x.conduct) == set(o.conduct) and x.victim_age.overlaps(o.victim_age)
    ]
    if len(alike) == 1:
        return alike[0]
    return v.offences[0] if len(v.offences) == 1 and not key else None


def _successor(kb: KnowledgeBase, p: Provision, o: Offence, until: dt.date) -> _Step | None:
    """The offence a `carried-over` rule in force by `until` says took over `o` (or its article)."""
    names = {o.id, p.id}
    for src, vi in sorted({x for n in names for x in kb.provisions.xrefs(n, NAMED_BY_RULE)}):
        q = kb.provisions[src]
        qv = q.versions[vi]
        if qv.start > until:
            continue
        for r in qv.rules:
            if r.kind == CARRIED_OVER and names & set(r.offences):
                took = next((x for x in qv.offences if in_part(x, _part_of(r.part))), None)
                if took is not None:
                    return _Step(q, qv, took, r)
    return None


def _part_of(part: str | None) -> str | None:
    """'inc. 2' -> 'inc. 2' (the form in_part takes); None stays None."""
    return part.strip() if part else None


def _timeline(kb: KnowledgeBase, p: Provision, v: Version, o: Offence, judgment: dt.date) -> list[_Step]:
    """The laws after the facts' version up to the judgment, following carried-over offences."""
    out: list[_Step] = []
    q, cur, seen = p, o, {p.id}
    later = [x for x in q.versions if v.start < x.start <= judgment]
    while True:
        nxt: _Step | None = None
        for x in later:
            m = _match(x, cur)
            if m is None and x.repealed:
                nxt = _successor(kb, q, cur, judgment)
                out.append(_Step(q, x, None))
                break
            out.append(_Step(q, x, m))
            if m is None:
                break
            cur = m
        if nxt is None or nxt.p.id in seen or nxt.o is None:
            return out
        out.append(nxt)
        seen.add(nxt.p.id)
        q, cur = nxt.p, nxt.o
        later = [x for x in q.versions if nxt.v.start < x.start <= judgment]


def _severity(kb: KnowledgeBase, p: Provision, o: Offence) -> tuple[float, float]:
    r = penalties.resolve(kb.scale_for(p), o.penalty)
    hi = float("inf") if r.life or r.max_days is None else float(r.max_days)
    return hi, float(r.min_days or 0)


def _fine_order(a: Offence, b: Offence) -> str:
    """How `b`'s fine stands to `a`'s: same, lighter, heavier or mixed (other units, or an
    alternative fine against a cumulative one: not weighed)."""
    fa, fb = a.penalty.fine, b.penalty.fine
    if fa == fb:
        return "same"
    if fa is None or fb is None:
        return "lighter" if fb is None else "heavier"
    if fa.unit != fb.unit or fa.alternative != fb.alternative:
        return "mixed"
    ha, hb = fa.max if fa.max is not None else fa.min, fb.max if fb.max is not None else fb.min
    if (hb, fb.min) == (ha, fa.min):
        return "same"
    if hb <= ha and fb.min <= fa.min:
        return "lighter"
    if hb >= ha and fb.min >= fa.min:
        return "heavier"
    return "mixed"


def compare_penalties(kb: KnowledgeBase, a: tuple[Provision, Offence], b: tuple[Provision, Offence]) -> str:
    """How `b`'s penalty stands to `a`'s: lighter, heavier, same or mixed. The custodial range
    decides (its maximum, then its minimum); the fine only when the ranges are equal or move the
    same way. Mixed: the maximum and the minimum move apart, or the range and the fine do, or the
    fines are in other units; the corpus does not weigh them."""
    (ahi, alo), (bhi, blo) = _severity(kb, *a), _severity(kb, *b)
    fine = _fine_order(a[1], b[1])
    if (ahi, alo) == (bhi, blo):
        custodial = "same"
    elif bhi <= ahi and blo <= alo:
        custodial = "lighter"
    elif bhi >= ahi and blo >= alo:
        custodial = "heavier"
    else:
        return "mixed"
    if fine == "same" or fine == custodial:
        return custodial
    if custodial == "same":
        return fine
    return "mixed"


def _form(kb: KnowledgeBase, o: Offence, later: Offence, on: dt.date) -> tuple[Offence, bool] | None:
    """The form of a later offence that facts of `o` fall under, or None when the corpus cannot
    tell. An offence that needed one of its conditions (habituality, abuse of trust ...)
    compares with the later aggravated form those conditions moved to (CP art. 367 in 2004). A
    later offence that protects more ages still covers the facts, unless an offence then in
    force with the same conduct protects the facts' ages more narrowly: the special offence
    would apply, and which one is for the lawyer (Argentina's art. 125 bis in 2013, whose minors
    moved to art. 126)."""
    if later.victim_age != o.victim_age:
        for a in later.aggravated:
            if a.victim_age == o.victim_age and set(a.conditions) <= set(o.conditions):
                return later._replace(
                    penalty=a.penalty, conditions=a.conditions, victim_age=a.victim_age
                ), True
        if not o.victim_age.within(later.victim_age) or _narrower_elsewhere(kb, o, later, on):
            return None
    if not o.conditions or set(o.conditions) <= set(later.conditions):
        return later, False
    if not later.conditions:
        for a in later.aggravated:
            if set(o.conditions) <= set(a.conditions):
                return later._replace(penalty=a.penalty, conditions=a.conditions), True
        if not later.aggravated:
            return later, False  # the later offence no longer needs them: a wider offence
    return None


def _narrower_elsewhere(kb: KnowledgeBase, o: Offence, later: Offence, on: dt.date) -> bool:
    """An offence (or aggravated form) in force on the date, other than `later`, with the facts'
    conduct, whose ages hold the facts' and are fewer than `later`'s."""
    conduct = set(o.conduct)
    for _q, _qv, x in kb.offences_at(on):
        if x.id == later.id or not conduct <= set(x.conduct):
            continue
        bands = [x.victim_age] + [a.victim_age for a in x.aggravated if a.victim_age is not None]
        for band in bands:
            if o.victim_age.within(band) and band.within(later.victim_age) and band != later.victim_age:
                return True
    return False


def _rules(kb: KnowledgeBase, on: dt.date, kinds: Iterable[str]) -> list[tuple[Provision, Version, Rule]]:
    wanted = set(kinds)
    return [(q, qv, r) for q, qv in kb.in_force_at(on) for r in qv.rules if r.kind in wanted]


def _names(p: Provision, o: Offence) -> set[str]:
    return {o.id, p.id} | {f"{p.id}#{a.key}" for a in o.aggravated if a.key}


def _penalty_words(kb: KnowledgeBase, p: Provision, o: Offence) -> Shows:
    from .gaps.common import range_words

    r = penalties.resolve(kb.scale_for(p), o.penalty)
    return lambda: f"{r.text} ({range_words(r)})"


def _offence(
    kb: KnowledgeBase,
    p: Provision,
    v: Version,
    o: Offence,
    facts: dt.date,
    judgment: dt.date,
    born: dt.date | None,
) -> shapes.CaseOffence:
    age = age_on(born, facts) if born else None
    trace: Trace = [
        evidence(
            kb, p, v,
            words("on the date of the facts the offence is {name}, punished with {penalty}",
                  name=lambda: o.name.best(_lang()), penalty=_penalty_words(kb, p, o)),
        )
    ]  # fmt: skip
    unsure: list[shapes.CaseNote] = []
    fits = None if age is None else o.victim_age.contains(age)
    if age is None:
        unsure.append(
            _why("The victim's age is not given (--victim-born): the offence needs a victim aged {band}.",
                 band=lambda: _band(o))
        )  # fmt: skip
    elif not fits:
        trace.append(
            evidence(kb, p, v, words("the victim was {age}; this offence needs a victim aged {band}",
                                     age=age, band=lambda: _band(o)))
        )  # fmt: skip
    for label, penalty in _special(kb, o, facts, age):
        unsure.append(
            _why("For a victim of this age {label} also punishes this conduct, for fewer ages ({penalty}): "
                 "a special offence prevails where its elements are met; check the case under it.",
                 label=label, penalty=penalty)
        )  # fmt: skip
    later = _timeline(kb, p, v, o, judgment)
    steps: list[shapes.CaseLaterLaw] = []
    last_penalty: tuple[Provision, Offence] | None = (p, o)  # the penalty before each later law
    for s in later:
        if s.o is None and not s.v.repealed:
            cmp_ = "unmatched"
            shows = words(
                "the article was rewritten: which of its offences these facts fall under is not recorded"
            )
        elif s.o is None:
            cmp_ = "repealed"
            shows = words("repealed with no later offence recorded for this conduct")
            if any(x.via is not None for x in later if x.v.start >= s.v.start):
                shows = words("repealed; the conduct passes to another article (below)")
                cmp_ = "carried-over"
        else:
            formed = _form(kb, o, s.o, s.v.start)
            cmp_ = compare_penalties(kb, (p, o), (s.p, formed[0])) if formed else "unmatched"
            if formed and formed[1]:
                s.o = formed[0]
                s.aggravated = True
            shows = (
                words("{how}: {name}, punished with {penalty}" if not s.aggravated
                      else "{how}: {name} in its aggravated form (the conditions the facts needed), punished with {penalty}",
                      how=lambda c=cmp_: _how(c),
                      name=lambda so=s.o: so.name.best(_lang()), penalty=_penalty_words(kb, s.p, s.o))
                if s.via is None
                else words("takes over the conduct: {rule}", rule=said(s.via))
            )  # fmt: skip
            if cmp_ == "unmatched" and o.conditions:
                unsure += _by_condition(kb, p, o, s)
            if cmp_ == "unmatched" and s.via is None:
                shows = words(
                    "the article was rewritten: which of its offences these facts fall under is not recorded"
                )
        ev = evidence(kb, s.p, s.v, shows)
        trace.append(ev)
        prev = last_penalty
        last_penalty = (s.p, s.o) if s.o is not None else last_penalty
        steps.append(
            {
                "provision": s.p.id,
                "label": kb.label(s.p.id),
                "version": version_window(kb, s.v),
                "offence": offence(kb.scale_for(s.p), s.o) if s.o else None,
                "offence_label": offence_label(kb, s.p, s.o) if s.o else None,
                "carried_over": s.via is not None,
                "aggravated_form": s.aggravated,
                "compared": cast("shapes.Comparison", cmp_),
                "changed": s.o is None or prev is None or compare_penalties(kb, prev, (s.p, s.o)) != "same",
            }
        )
    # which law governs
    lenient_rules = _rules(kb, judgment, (LENIENT,))
    lighter = [s for s, st in zip(later, steps, strict=True) if st["compared"] == "lighter" and s.o]
    gp, gv, go, reason = p, v, o, "law-at-facts"
    if any(st["compared"] == "repealed" for st in steps):
        unsure.append(
            _why("The article was repealed after the facts and the corpus records no offence that "
                 "took over its conduct: whether the act still carries a penalty is not decided.")
        )  # fmt: skip
    if any(st["compared"] == "unmatched" for st in steps):
        unsure.append(
            _why("A later version rewrote the article and the corpus cannot tell which of its offences these facts "
                 "fall under: compare that version by hand.")
        )  # fmt: skip
    if any(st["compared"] == "mixed" for st in steps):
        unsure.append(
            _why(
                "A later law makes the penalty lighter in one respect and heavier in another: which is more lenient is for the court to weigh."
            )
        )
    if lighter and lenient_rules:
        best = min(lighter, key=lambda s: _severity(kb, s.p, s.o))  # type: ignore[arg-type]
        gp, gv, go, reason = best.p, best.v, best.o, "more-lenient-later-law"  # type: ignore[assignment]
        for q, qv, r in lenient_rules:
            trace.append(evidence(kb, q, qv, said(r)))
        last = later[-1]
        intermediate = _rules(kb, judgment, (INTERMEDIATE,))
        if intermediate and best is not last:
            trace += [evidence(kb, q, qv, said(r)) for q, qv, r in intermediate]
        elif best is not last and last.o is not None:
            unsure.append(
                _why("The most lenient law ({date}) was no longer in force at the judgment: whether "
                     "such an intermediate law governs is not decided by the corpus.", date=iso(best.v.start))
            )  # fmt: skip
    elif lighter:
        unsure.append(
            _why(
                "A later law is more lenient, but the corpus records no rule on later laws for this State: the law of the facts is shown."
            )
        )
    else:
        trace += [evidence(kb, q, qv, said(r)) for q, qv, r in _rules(kb, facts, (NON_RETROACTIVE,))[:2]]
    governing_from = facts if reason == "law-at-facts" else gv.start
    governing: shapes.CaseGoverning = {
        "provision": gp.id,
        "label": kb.label(gp.id),
        "version": version_window(kb, gv),
        "offence": offence(kb.scale_for(gp), go),
        "offence_label": offence_label(kb, gp, go),
        "reason": cast("shapes.GoverningReason", reason),
        "class": penalties.resolve(kb.scale_for(gp), go.penalty).klass,
    }
    aggr = _aggravations(kb, gp, go, governing_from, trace)
    acc = [
        a
        for a in accessories(kb, gp, go, governing_from)
        if age is None
        or (
            (a["victim_under"] is None or age < a["victim_under"])
            and (a["victim_from"] is None or age >= a["victim_from"])
        )
    ]
    for a in acc:
        q = kb.provisions[a["provision"]]
        trace.append(evidence(kb, q, kb.at(q, governing_from).version, said(a)))  # type: ignore[arg-type]
    lim = _limitation(kb, gp, go, facts, judgment, born, trace, unsure)
    ext = _extradition(kb, gp, go, facts, judgment)
    return {
        "offence": offence(kb.scale_for(p), o),
        "label": offence_label(kb, p, o),
        "victim_fits": fits,
        "later_laws": steps,
        "governing": governing,
        "aggravations": aggr,
        "accessories": acc,
        "limitation": lim,
        "extradition": ext,
        "trace": trace,
        "cannot_decide": unsure,
    }


def _by_condition(kb: KnowledgeBase, p: Provision, o: Offence, s: _Step) -> list[shapes.CaseNote]:
    """An offence that needed one of several conditions, which a later law split between its
    aggravated form and its basic offence: what each condition the facts may have met brings
    under that law, where that is milder (CP art. 367 in 2022: habituality still aggravates,
    abuse of trust no longer does)."""
    later = cast(Offence, s.o)
    notes: list[shapes.CaseNote] = []
    for c in o.conditions:
        form = next((a for a in later.aggravated if c in a.conditions), None)
        if form is not None:
            shaped = later._replace(penalty=form.penalty, conditions=form.conditions)
        elif not later.conditions:
            shaped = later
        else:
            continue
        if compare_penalties(kb, (p, o), (s.p, shaped)) == "lighter":
            notes.append(
                _why("If the facts met only this condition, {condition}, the law of {date} punishes them with "
                     "{penalty}, more lenient than the law of the facts: the lenient-law rule would apply it.",
                     condition=lambda c=c: kb.vocabulary.label("conditions", c, _lang()), date=iso(s.v.start),
                     penalty=_penalty_words(kb, s.p, shaped))
            )  # fmt: skip
    return notes


def _special(kb: KnowledgeBase, o: Offence, facts: dt.date, age: int | None) -> list[tuple[str, Shows]]:
    """Offences (or aggravated forms) in force on the date of the facts with the offence's
    conduct, for fewer ages that hold the victim's: Argentina's art. 126 for a minor victim of
    art. 125 bis since Ley 26.842."""
    out: list[tuple[str, Shows]] = []
    conduct = set(o.conduct)
    for q, _qv, x in kb.offences_at(facts):
        if x.id == o.id or not conduct <= set(x.conduct):
            continue
        forms = [(x.victim_age, x.penalty, x.part)] + [
            (a.victim_age, a.penalty, a.part) for a in x.aggravated if a.victim_age is not None
        ]
        for band, pen, part in forms:
            narrower = band.within(o.victim_age) and band != o.victim_age
            if narrower and (age is None or band.contains(age)):
                label = f"{kb.label(q.id)} {part}" if part else kb.label(x.id)
                out.append((label, _penalty_words(kb, q, x._replace(penalty=pen))))
    return out


def offence_label(kb: KnowledgeBase, p: Provision, o: Offence) -> str:
    """'CP art. 366 quáter inc. 3': the article and the part the offence had in this version (an
    offence's id names its part in the latest version, which a reform may have renumbered)."""
    return f"{kb.label(p.id)} {o.part}" if o.part else kb.label(o.id)


def _lang() -> str:
    from . import i18n

    return i18n.current()


def _band(o: Offence) -> str:
    lo, under = o.victim_age.lo, o.victim_age.under
    if under is None:
        return _t("{a} or over", a=lo) if lo else _t("of any age")
    if lo == 0:
        return _t("under {n}", n=under)
    return _t("{a} to {b}", a=lo, b=under - 1)


def _how(compared: str) -> str:
    return {
        "lighter": _t("more lenient"),
        "heavier": _t("harsher"),
        "same": _t("the same penalty"),
        "mixed": _t("lighter in one respect, heavier in another"),
    }[compared]


def _aggravations(
    kb: KnowledgeBase, p: Provision, o: Offence, on: dt.date, trace: Trace
) -> list[shapes.CaseAggravation]:
    """The aggravation rules in force on the date that name the offence, and the offence's own
    aggravated forms: each applies only if its facts are proven, which the case does not state."""
    names = _names(p, o)
    out: list[shapes.CaseAggravation] = []
    for q, qv, r in _rules(kb, on, ("aggravation",)):
        if names & set(r.offences):
            trace.append(evidence(kb, q, qv, said(r)))
            out.append(
                {
                    "provision": q.id,
                    "label": kb.label(q.id),
                    "summary": r.summary,
                    "summary_es": r.summary_es,
                    "penalty": None,
                    "conditions": [],
                    "condition_labels": [],
                }
            )
    scale = kb.scale_for(p)
    units = kb.fine_units()
    for a in o.aggravated:
        from .queries import penalty as penalty_json

        out.append(
            {
                "provision": p.id,
                "label": f"{kb.label(p.id)} {a.part}" if a.part else kb.label(p.id),
                "summary": a.summary or "",
                "summary_es": a.summary_es,
                "penalty": penalty_json(scale, a.penalty, units=units),
                "conditions": list(a.conditions),
                "condition_labels": [
                    {
                        "en": kb.vocabulary.label("conditions", c, "en"),
                        "es": kb.vocabulary.label("conditions", c, "es"),
                    }
                    for c in a.conditions
                ],
            }
        )
    return out


def _limitation(
    kb: KnowledgeBase,
    p: Provision,
    o: Offence,
    facts: dt.date,
    judgment: dt.date,
    born: dt.date | None,
    trace: Trace,
    unsure: list[shapes.CaseNote],
) -> shapes.CaseLimitation:
    """Limitation under the rules in force on the date of the facts (a later rule that removes or
    lengthens it does not reach earlier facts; the corpus's rules carry their own windows)."""
    names = _names(p, o)
    age = age_on(born, facts) if born else None
    rules = [
        x
        for x in _rules(kb, facts, LIMITATION_KINDS)
        if not (x[2].facts_from and facts < x[2].facts_from)
        and not (x[2].facts_until and facts > x[2].facts_until)
    ]
    minor = None if age is None else age < MAJORITY
    out: shapes.CaseLimitation = {
        "regime": "ordinary",
        "period": None,
        "period_text": None,
        "runs_from": iso(facts),
        "runs_out": None,
        "judgment_within": None,
        "depends_on_victim_age": False,
        "rule": None,
    }
    for q, qv, r in rules:
        if r.kind == "imprescriptible" and names & set(r.offences):
            if age is not None and r.victim_under is not None and age >= r.victim_under:
                continue
            trace.append(evidence(kb, q, qv, said(r)))
            out["regime"], out["runs_from"], out["judgment_within"] = "imprescriptible", None, True
            out["rule"] = _rule_cited(kb, q, r)
            if minor is None:
                out["depends_on_victim_age"] = True
                unsure.append(
                    _why(
                        "Imprescriptible only if the victim was under {age} at the facts: give --victim-born.",
                        age=r.victim_under or MAJORITY,
                    )
                )
                break
            return out
    scale = kb.scale_for(p)
    rng = penalties.resolve(scale, o.penalty)
    dpy = scale.days_per_year if scale else 365
    period_rule = None
    fitting = [
        x
        for x in rules
        if x[2].kind == "limitation-period"
        and (not x[2].classes or rng.klass in x[2].classes)
        and (x[2].life is None or x[2].life == rng.life)
        and not x[2].offences
        and (x[2].duration or x[2].penalty_bound)
    ]
    fitting.sort(key=lambda x: x[2].life is None)
    if fitting:
        period_rule = fitting[0]
        q, qv, r = period_rule
        trace.append(evidence(kb, q, qv, said(r)))
        period = r.duration if r.penalty_bound is None else bounded_period(rng, r, dpy)
        out["period"] = period
        out["period_text"] = penalties.duration_text(period) if period else None
    else:
        unsure.append(
            _why("No limitation period recorded for this penalty's class on the date of the facts.")
        )
    late = next(
        (x for x in rules if x[2].kind == "limitation-from-majority" and names & set(x[2].offences)), None
    )
    start: dt.date | None = facts
    if late is not None and minor is not False:
        trace.append(evidence(kb, late[0], late[1], said(late[2])))
        out["regime"] = "from-majority"
        out["rule"] = _rule_cited(kb, late[0], late[2])
        if minor is None:
            start = None
            out["depends_on_victim_age"] = True
            unsure.append(
                _why(
                    "The period runs from the victim's 18th birthday: give --victim-born for the day it runs out."
                )
            )
        else:
            start = add_years(cast(dt.date, born), MAJORITY)
            out["runs_from"] = iso(start)
    else:
        begin = next((x for x in rules if x[2].kind == "limitation-start"), None)
        if begin is not None:
            trace.append(evidence(kb, begin[0], begin[1], said(begin[2])))
    if out["regime"] == "imprescriptible":
        return out
    if start is None:
        out["runs_from"] = None
    if start is not None and out["period"]:
        ends = add_duration(start, out["period"], dpy)
        out["runs_out"] = iso(ends)
        out["judgment_within"] = judgment < ends
        unsure.append(
            _why("Suspension and interruption of the limitation period are not modelled: compare the day it "
                 "runs out with the day proceedings were brought against the accused.")
        )  # fmt: skip
    return out


def _rule_cited(kb: KnowledgeBase, q: Provision, r: Rule) -> shapes.CaseRule:
    return {"provision": q.id, "label": kb.label(q.id), "summary": r.summary, "summary_es": r.summary_es}


def _extradition(
    kb: KnowledgeBase, p: Provision, o: Offence, facts: dt.date, judgment: dt.date
) -> shapes.CaseExtradition:
    """The procedure codes' thresholds in force at the judgment (each says whether it governs
    facts of the date of the facts) and the treaties binding the State then."""
    home = assessed(kb)
    codes = [
        _by_code(kb, p, o, q, r, facts)
        for q, _qv, r in _rules(kb, judgment, ("extradition-threshold",))
        if r.threshold
    ]
    treaties = [
        _by_treaty(kb, p, o, i, home, judgment)
        for i in sorted(kb.instruments.values(), key=lambda i: id_key(i.id))
        if is_extradition_treaty(i) and any(e.jurisdiction == home for e in i.status) and kb.in_scope(i.id)
    ]
    return {"codes": codes, "treaties": treaties}
