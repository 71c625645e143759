"""Questions asked of a KnowledgeBase, answered as plain JSON-ready dicts.

These dicts are the documented `--json` shapes (README "JSON output"), typed in lawbase.shapes;
the renderers format the same dicts. Nothing here prints.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal, cast, overload

from . import penalties
from .errors import NotFound, UsageError
from .i18n import t as _t
from .kb import KnowledgeBase, PointInTime, Resolved
from .model import (
    AgeInterval,
    Aggravated,
    Citation,
    Discrepancy,
    Fine,
    FineUnit,
    Instrument,
    Offence,
    Penalty,
    Provision,
    Rule,
    Scale,
    Source,
    Text,
    Version,
)
from .provisions import MADE_BY, NAMED_BY_RULE
from .refs import id_key
from .resolve import instrument as resolve_instrument
from .resolve import is_extradition_treaty
from .scope import assessed, scoped

if TYPE_CHECKING:
    from . import shapes

CONDUCT_TAGS = "data/vocabulary.yaml (conduct)"  # where a person reads every conduct tag
MAX_REFS_NODES = 10_000  # a `refs` tree stops growing here (and says "truncated")


@overload
def iso(d: dt.date) -> str: ...
@overload
def iso(d: dt.date | None) -> str | None: ...
def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@overload
def text(t: Text) -> shapes.Text: ...
@overload
def text(t: Text | None) -> shapes.Text | None: ...
def text(t: Text | None) -> shapes.Text | None:
    return {"es": t.es, "en": t.en} if t else None


@overload
def age_json(a: AgeInterval) -> shapes.AgeBand: ...
@overload
def age_json(a: AgeInterval | None) -> shapes.AgeBand | None: ...
def age_json(a: AgeInterval | None) -> shapes.AgeBand | None:
    return {"from": a.lo, "under": a.under} if a else None


def _day(d: dt.date) -> str:
    return d.strftime("%d.%m.%Y")


def public_title(src: Source, version: dt.date | None = None) -> str:
    """How a reader is shown a source: author and title, where and when it was published, the
    official register's identifier and, for a consolidated text, the version read. Never where
    the team read it (`repo`, `note`)."""
    parts = [f"{src.author}, {src.title}" if src.author else src.title]
    if src.published and src.published_in:
        parts.append(f"{src.published_in} {_day(src.published)}")
    if src.official:
        parts.append(f"{src.official.register} {src.official.id}")
    if version:
        parts.append(
            f"{src.version_label} {version.isoformat()}"
            if src.version_label
            else f"version of {_day(version)}"
        )
    return ", ".join(parts)


def public_url(src: Source, version: dt.date | None = None) -> str | None:
    """The official address of the source, of the version read where it has versions."""
    if version and src.version_url:
        return src.version_url.replace("{version}", version.isoformat())
    return (src.official.url if src.official else None) or src.url


def citation(kb: KnowledgeBase, c: Citation) -> shapes.Citation:
    src = kb.sources.get(c.source)
    return {
        "source": c.source,
        "version": iso(c.version),
        "title": public_title(src, c.version) if src else None,
        "url": public_url(src, c.version) if src else None,
        "pinpoint": c.pinpoint,
        "verified": c.verified,
        "reason": c.reason,
        "checked": iso(c.checked),
        "note": c.note,
        "reason_es": c.reason_es,
        "note_es": c.note_es,
    }


def penalty(
    scale: Scale | None, p: Penalty, base: Penalty | None = None, units: Mapping[str, FineUnit] | None = None
) -> shapes.Penalty:
    """A penalty as named and as a range; a relative one (raise_degrees) is applied to `base`.
    A fine is written in its jurisdiction's unit (`units`: KnowledgeBase.fine_units)."""
    if p.raise_degrees and base is not None and scale is not None:
        p = penalties.shift(scale, base, p.raise_degrees)
    r = penalties.resolve(scale, p)
    return {
        "text": r.text,
        "kind": r.kind,
        "degrees": list(r.degrees),
        "min": r.min,
        "max": None if r.life else r.max,
        "life": r.life,
        "fine": fine(r.fine, units or {}) if r.fine else None,
        "class": r.klass,
        "note": p.note,
        "note_es": p.note_es,
    }


def fine(f: Fine, units: Mapping[str, FineUnit]) -> shapes.Fine:
    known = units.get(f.unit)
    return {
        "unit": f.unit,
        "label": known.label if known else f.unit,
        "min": f.min,
        "max": f.max,
        "alternative": f.alternative,
    }


def aggravated(
    scale: Scale | None, a: Aggravated, base: Penalty, units: Mapping[str, FineUnit] | None = None
) -> shapes.Aggravated:
    return {
        "key": a.key,
        "part": a.part,
        "conditions": list(a.conditions),
        "victim_age": age_json(a.victim_age),
        "summary": a.summary,
        "summary_es": a.summary_es,
        "penalty": penalty(scale, a.penalty, base, units),
    }


def offence(scale: Scale | None, o: Offence, units: Mapping[str, FineUnit] | None = None) -> shapes.Offence:
    return {
        "id": o.id,
        "name": text(o.name),
        "part": o.part,
        "summary": o.summary,
        "summary_es": o.summary_es,
        "conduct": list(o.conduct),
        "victim_age": age_json(o.victim_age),
        "conditions": list(o.conditions),
        "penalty": penalty(scale, o.penalty, units=units),
        "aggravated": [aggravated(scale, a, o.penalty, units) for a in o.aggravated],
    }


def _until(v: Version) -> str | None:
    return iso(v.end - dt.timedelta(days=1)) if v.end else None


def version_window(kb: KnowledgeBase, v: Version) -> shapes.VersionWindow:
    law = kb.instruments.get(v.by)
    return {
        "from": iso(v.start),
        "until": _until(v),
        "by": v.by,
        "by_title": law.short if law else None,
        "status": cast("shapes.VersionStatus", v.status),  # the schema admits no other
    }


def resolve(kb: KnowledgeBase, ref: str) -> Resolved:
    """What a person typed -> one id (KnowledgeBase.resolve), refusing text too long to be typed."""
    from .refs import too_long

    why = too_long(ref)
    if why:
        raise UsageError(why)
    return kb.resolve(ref)


def show(kb: KnowledgeBase, ref: str, as_of: dt.date) -> shapes.Show:
    """A provision (or requirement) as of a date: the core of `lawbase show`."""
    kb = scoped(kb, load=False)
    resolved = resolve(kb, ref)
    if resolved.kind == "requirement":
        return requirement(kb, resolved.id, as_of, resolved.note)
    if resolved.kind == "instrument":
        return instrument_show(kb, resolved.id, as_of)
    pid = kb.provision_of(resolved.id)
    p = kb.provisions[pid]
    pit = kb.at(p, as_of)
    return provision(kb, pit, note=resolved.note, part=resolved.part)


def instrument_show(kb: KnowledgeBase, inst_id: str, as_of: dt.date) -> shapes.InstrumentShow:
    """A code, law or treaty named alone: what it is, where the State stood with it on the date,
    its own articles in the corpus, and every article version it made (read from an index, so
    a law's page costs the versions it made, not the corpus)."""
    inst = kb.instruments[inst_id]
    own = [pid for pid in kb.provisions.ids() if pid.split("/", 1)[0] == inst_id]
    made: list[shapes.MadeVersion] = []
    for pid, vi in kb.provisions.xrefs(inst_id, MADE_BY):
        if not kb.in_scope(pid):
            continue
        p = kb.provisions[pid]
        v = p.versions[vi]
        # a first version the corpus records with no earlier text (`before`), or the first after
        # a repeal (Ley 26.904's new art. 131 in the place of one repealed in 1999), creates the
        # article; any other rewrites it
        created = not p.before if vi == 0 else p.versions[vi - 1].status == "repealed"
        change: Literal["added", "amended", "repealed"] = (
            "repealed" if v.status == "repealed" else "added" if created else "amended"
        )
        made.append({**version_window(kb, v), "provision": pid, "label": kb.label(pid), "change": change})
    return {
        "id": inst.id,
        "kind": "instrument",
        "instrument_kind": inst.kind,
        "label": inst.short,
        "title": text(inst.title),
        "number": inst.number,
        "adopted": iso(inst.adopted),
        "published": iso(inst.published),
        "gazette": gazette(kb, inst),
        "in_force": iso(inst.in_force),
        "as_of": iso(as_of),
        "summary": inst.summary,
        "summary_es": inst.summary_es,
        "note": inst.note,
        "note_es": inst.note_es,
        "instrument_status": kb.instrument_status(inst.id, assessed(kb), as_of),
        "articles": [{"id": pid, "label": kb.label(pid)} for pid in own],
        "made": made,
        "sources": [citation(kb, c) for c in inst.sources],
    }


def _a_whole_instrument(kb: KnowledgeBase, inst_id: str, typed: str, command: str) -> NotFound:
    """What `penalty`, `refs` and `extradition` answer when a law or treaty is named alone: they
    take an article; `show` lists the law's."""
    return NotFound(
        _t(
            "{label} names a whole instrument; {command} takes an article "
            "(lawbase show '{typed}' lists those it holds and made)",
            label=kb.instruments[inst_id].short,
            command=command,
            typed=typed,
        )
    )


def gazette(kb: KnowledgeBase, inst: Instrument) -> str | None:
    """Where a law was published ("D.O.", "B.O."), as its cited text records it, when that is
    the publication the instrument's date is."""
    for c in inst.sources:
        src = kb.sources.get(c.source)
        if src and src.published_in and src.published == inst.published:
            return src.published_in
    return None


def provision(
    kb: KnowledgeBase,
    pit: PointInTime,
    with_versions: bool = True,
    note: str | None = None,
    part: str | None = None,
) -> shapes.ProvisionShow:
    """A provision as of a date, as `show --json` prints it; without `with_versions`, the list
    of all its versions is left empty (the site builds one of these per version). `note` says
    what of the reference typed was not matched; `part` is the inciso asked for ("inc. 2"), whose
    offences `part_offences` lists."""
    p: Provision = pit.provision
    v = pit.version
    scale = kb.scale_for(p)
    live = v if pit.state == "in-force" else None
    inst = kb.instruments.get(p.instrument)
    title = (v.title if v and v.title else None) or p.title
    units = kb.fine_units() if live else {}
    home = assessed(kb)
    # a treaty or benchmark: the assessed State's standing in it goes with the article
    international = inst is not None and inst.jurisdiction != home
    return {
        "id": p.id,
        "kind": "provision",
        "instrument": p.instrument,
        "instrument_title": text(inst.title) if inst else None,
        "number": p.number,
        "label": kb.label(p.id),
        "title": text(title),
        "section": text(p.section),
        "as_of": iso(pit.as_of),
        "in_force": pit.in_force,
        "state": pit.state,
        "came_into_force": iso(pit.came_into_force),
        "recorded_from": iso(kb.recorded_from(p)),
        "repealed_on": iso(pit.repealed_on),
        "in_force_since_before": pit.start_unknown,
        "before": p.before if pit.state in ("not-recorded", "not-yet") or pit.start_unknown else None,
        "before_es": p.before_es if pit.state in ("not-recorded", "not-yet") or pit.start_unknown else None,
        "version": version_window(kb, v) if v else None,
        "summary": v.summary if v else None,
        "summary_es": v.summary_es if v else None,
        "offences": [
            {**offence(scale, o, units), "accessory": accessories(kb, p, o, pit.as_of)} for o in live.offences
        ]
        if live
        else [],
        **_links(kb, p, live, pit.as_of),
        "sources": [citation(kb, c) for c in (v.sources if v else p.before_sources)],
        "discrepancies": [discrepancy(kb, d) for d in (v.discrepancies if v else ())],
        "versions": [{**version_window(kb, x), "current": x is v} for x in p.versions]
        if with_versions
        else [],
        "requirements": [
            {
                "id": r,
                "label": kb.label(r),
                "kind": kb.requirements[r].kind,
                "summary": kb.requirements[r].summary,
                "summary_es": kb.requirements[r].summary_es,
            }
            for r in p.requirements
        ],
        "instrument_status": kb.instrument_status(p.instrument, home, pit.as_of) if international else None,
        "themes": list(p.themes),
        "note": note,
        "part": part,
        "part_offences": [o.id for o in live.offences if in_part(o, part)] if live and part else [],
    }


def in_part(o: Offence, part: str | None) -> bool:
    """Whether offence `o` is of the inciso or párrafo `part` ("inc. 2"); any offence is when
    no part is asked for."""
    if part is None:
        return True
    from .kb import part_numbers

    kind, _, n = part.partition(" ")
    return (kind, int(n)) in part_numbers(o.part or "")


def _links(kb: KnowledgeBase, p: Provision, live: Version | None, as_of: dt.date) -> shapes.ProvisionLinks:
    """What the version in force refers to, implements and extends jurisdiction over, and what
    refers to the provision on the date."""
    return {
        "refers_to": [
            {
                "id": r.to,
                "label": kb.label(r.to),
                "why": r.why,
                "why_es": r.why_es,
                "in_force": kb.at(kb.provision_of(r.to), as_of).in_force,
            }
            for r in (live.refers_to if live else ())
        ],
        "referred_by": [{"id": q.id, "label": kb.label(q.id)} for q, _ in kb.referred_by(p.id, as_of)],
        "implements": [
            {
                "id": r,
                "label": kb.label(r),
                "summary": kb.requirements[r].summary,
                "summary_es": kb.requirements[r].summary_es,
            }
            for r in (live.implements if live else ())
        ],
        "extends_jurisdiction": [
            {
                "part": j.part,
                "scope": j.scope,
                "offences": [{"id": o, "label": kb.label(o)} for o in j.offences],
                "nexus": list(j.nexus),
                "restriction": j.restriction,
                "restriction_es": j.restriction_es,
            }
            for j in (live.extends_jurisdiction if live else ())
        ],
    }


def discrepancy(kb: KnowledgeBase, d: Discrepancy) -> shapes.Discrepancy:
    """Where a source says something other than the statute, and which of the two holds."""
    return {
        "citation": citation(kb, d.citation),
        "says": d.says,
        "statute": d.statute,
        "authoritative": d.authoritative,
        "why": d.why,
        "statute_es": d.statute_es,
        "why_es": d.why_es,
        "verdict": cast("shapes.DiscrepancyVerdict", d.verdict),  # the schema admits no other
    }


def requirement(
    kb: KnowledgeBase, rid: str, as_of: dt.date, note: str | None = None
) -> shapes.RequirementShow:
    r = kb.requirements[rid]
    return {
        "id": r.id,
        "kind": "requirement",
        "instrument": r.instrument,
        "article": r.article,
        "label": kb.label(r.id),
        "title": text(r.title),
        "as_of": iso(as_of),
        "requirement_kind": r.kind,
        "mandatory": r.mandatory,
        "summary": r.summary,
        "summary_es": r.summary_es,
        "conduct": list(r.conduct),
        "victim_age": age_json(r.victim_age),
        "nexus": list(r.nexus),
        "implemented_by": [{"id": p.id, "label": kb.label(p.id)} for p, _ in kb.implemented_by(r.id, as_of)],
        "instrument_status": kb.instrument_status(r.instrument, assessed(kb), as_of),
        "sources": [citation(kb, c) for c in r.sources],
        "note": note,
    }


def accessories(kb: KnowledgeBase, p: Provision, o: Offence, when: dt.date) -> list[shapes.Accessory]:
    """The accessory penalties a rule in force on the date attaches to the offence (CP art. 372
    adds disqualifications and supervision to the sexual offences against minors)."""
    names = {o.id, p.id} | {f"{p.id}#{a.key}" for a in o.aggravated if a.key}
    out: list[shapes.Accessory] = []
    for q, r in _accessory_rules(kb, names, when):
        if r.victim_under is not None and o.victim_age.lo >= r.victim_under:
            continue
        if (
            r.victim_from is not None
            and o.victim_age.under is not None
            and o.victim_age.under <= r.victim_from
        ):
            continue  # the offence's victims are all younger than the rule reaches
        out.append(
            {
                "provision": q.id,
                "label": kb.label(q.id),
                "summary": r.summary,
                "summary_es": r.summary_es,
                "victim_from": r.victim_from,
                "victim_under": r.victim_under,
                "duration": r.duration,
            }
        )
    return out


def _accessory_rules(kb: KnowledgeBase, names: set[str], when: dt.date) -> list[tuple[Provision, Rule]]:
    """The accessory-disqualification rules in force on the date that name one of `names`, in
    article order. Only the versions whose rules name them are read (the index of what rules
    name), so a point question reads a few provisions, not the corpus."""
    pairs = {pair for name in names for pair in kb.provisions.xrefs(name, NAMED_BY_RULE)}
    out: list[tuple[Provision, Rule]] = []
    for src, vi in sorted(pairs, key=lambda pair: (id_key(pair[0]), pair[1])):
        q = kb.provisions[src]
        qpit = kb.at(q, when)
        if qpit.state != "in-force" or qpit.version is not q.versions[vi]:
            continue
        out += [
            (q, r)
            for r in qpit.version.rules
            if r.kind == "accessory-disqualification" and names & set(r.offences)
        ]
    return out


def penalty_of(kb: KnowledgeBase, ref: str, as_of: dt.date, history: bool = False) -> shapes.PenaltyAnswer:
    """The penalties of a provision's offences on a date (or in every version)."""
    kb = scoped(kb, load=False)
    resolved = resolve(kb, ref)
    if resolved.kind == "requirement":
        raise NotFound(f"{kb.label(resolved.id)} is a treaty requirement; it carries no penalty")
    if resolved.kind == "instrument":
        raise _a_whole_instrument(kb, resolved.id, ref, "penalty")
    p = kb.provisions[kb.provision_of(resolved.id)]
    scale = kb.scale_for(p)
    pit = kb.at(p, as_of)
    rows: list[shapes.PenaltyVersion] = []
    versions = p.versions if history else ((pit.version,) if pit.version else ())
    units = kb.fine_units()
    for v in versions:
        rows.append(
            {
                "version": version_window(kb, v),
                "summary": v.summary,
                "summary_es": v.summary_es,
                "offences": [
                    {
                        **offence(scale, o, units),
                        "accessory": accessories(kb, p, o, v.start if history else as_of),
                    }
                    for o in v.offences
                    if (resolved.kind != "offence" or o.id == resolved.id or resolved.id.startswith(o.id))
                    and in_part(o, resolved.part)
                ],
            }
        )
    title = (pit.version.title if pit.version and pit.version.title else None) or p.title  # as `show`
    return {
        "id": p.id,
        "label": kb.label(p.id),
        "title": text(title),
        "as_of": iso(as_of),
        "in_force": pit.in_force,
        "state": pit.state,
        "came_into_force": iso(pit.came_into_force),
        "repealed_on": iso(pit.repealed_on),
        "history": history,
        "versions": rows,
        "part": resolved.part,
        "note": resolved.note,
    }


def penalties_for_conduct(
    kb: KnowledgeBase, tag: str, as_of: dt.date, states: list[str] | None = None
) -> shapes.ConductAnswer:
    """Every offence in force on the date with the conduct tag, per State (the one in view, or
    each of `states` side by side), with its range in years, how it prescribes and whether it
    meets each extradition threshold of its State's law."""
    if tag not in kb.vocabulary.conduct:
        from .resolve import close_conduct_tags

        close = close_conduct_tags(kb.vocabulary, tag)
        raise UsageError(
            _t(
                "--conduct: unknown conduct tag '{tag}' (close: {close}); every tag: {where}",
                tag=tag,
                close=", ".join(close),
                where=CONDUCT_TAGS,
            )
            if close
            else _t("--conduct: unknown conduct tag '{tag}'; every tag: {where}", tag=tag, where=CONDUCT_TAGS)
        )
    views = [scoped(kb, j) for j in states] if states else [scoped(kb)]
    rows: list[shapes.ConductOffence] = []
    for view in views:
        home = assessed(view)
        thresholds = [
            (q, qv, r)
            for q, qv in view.in_force_at(as_of)
            for r in qv.rules
            if r.kind == "extradition-threshold"
            and r.threshold
            and (r.facts_from is None or as_of >= r.facts_from)
            and (r.facts_until is None or as_of <= r.facts_until)
        ]  # the thresholds of the law that governs facts of the date
        for p, v, o in view.offences_at(as_of):
            if tag in o.conduct:
                rows.append(
                    {
                        "provision": p.id,
                        "label": view.label(p.id),
                        "jurisdiction": home,
                        "version": version_window(view, v),
                        "offence": offence(view.scale_for(p), o),
                        "years": years_range(view, p, o),
                        "limitation": limitation(view, p, o, as_of),
                        "extradition": [_by_code(view, p, o, q, r, as_of) for q, _qv, r in thresholds],
                    }
                )
    return {
        "conduct": tag,
        "conduct_label": kb.vocabulary.conduct[tag],
        "as_of": iso(as_of),
        "jurisdictions": [
            {"id": assessed(v), "label": v.vocabulary.jurisdictions.get(assessed(v), assessed(v))}
            for v in views
        ],
        "offences": rows,
    }


def years_range(kb: KnowledgeBase, p: Provision, o: Offence) -> shapes.YearsRange:
    """The offence's penalty range in years (rounded to hundredths)."""
    scale = kb.scale_for(p)
    r = penalties.resolve(scale, o.penalty)
    dpy = scale.days_per_year if scale else 365

    def years(days: int | None) -> float | None:
        return None if days is None or days >= penalties.LIFE_DAYS else round(days / dpy, 2)

    return {"min": years(r.min_days), "max": years(r.max_days), "life": r.life}


def _cited(kb: KnowledgeBase, q: Provision, v: Version, r: Rule) -> shapes.RuleCited:
    return {"provision": q.id, "label": kb.label(q.id), "version_from": _day(v.start), "summary": r.summary}


def limitation(kb: KnowledgeBase, p: Provision, o: Offence, as_of: dt.date) -> shapes.LimitationTerm:
    """How the offence prescribes on the date, from the State's rules in force: imprescriptible
    when a rule names it; else the period of the limitation-period rule its penalty falls under
    (by offence class, by life or not, or taken from the penalty's maximum within bounds),
    counted from the victim's majority when a rule names the offence for that."""
    names = {o.id, p.id} | {f"{p.id}#{a.key}" for a in o.aggravated if a.key}
    in_force = [(q, qv, r) for q, qv in kb.in_force_at(as_of) for r in qv.rules]

    def naming(kind: str) -> list[tuple[Provision, Version, Rule]]:
        return [
            x
            for x in in_force
            if x[2].kind == kind
            and names & set(x[2].offences)
            and not (x[2].facts_from and as_of < x[2].facts_from)
            and not (x[2].facts_until and as_of > x[2].facts_until)
        ]

    hit = naming("imprescriptible")
    if hit:
        return {
            "regime": "imprescriptible",
            "period": None,
            "period_text": None,
            "rules": [_cited(kb, *hit[0])],
        }
    scale = kb.scale_for(p)
    r = penalties.resolve(scale, o.penalty)
    dpy = scale.days_per_year if scale else 365
    fitting = []
    for q, qv, rule in in_force:
        if rule.kind != "limitation-period":
            continue
        if rule.classes and r.klass not in rule.classes:
            continue
        if rule.life is not None and rule.life != r.life:
            continue
        if rule.penalty_bound is None and rule.duration is None:
            continue
        fitting.append((q, qv, rule))
    # a rule for life penalties alone is more specific than one for every penalty of the class
    fitting.sort(key=lambda x: x[2].life is None)
    period: str | None = None
    cited: list[shapes.RuleCited] = []
    if fitting:
        q, qv, rule = fitting[0]
        cited.append(_cited(kb, q, qv, rule))
        period = rule.duration if rule.penalty_bound is None else _bounded(r, rule, dpy)
    late = naming("limitation-from-majority")
    cited += [_cited(kb, *x) for x in late[:1]]
    return {
        "regime": "from-majority" if late else "ordinary",
        "period": period,
        "period_text": penalties.duration_text(period) if period else None,
        "rules": cited,
    }


def _bounded(r: penalties.PenaltyRange, rule: Rule, dpy: int) -> str | None:
    """A period equal to the penalty's maximum, within the rule's bounds (None for a life
    penalty, which such a rule does not measure)."""
    if r.life or r.max is None:
        return None
    period = r.max
    if rule.at_least and r.max_days is not None and r.max_days < penalties.duration_days(rule.at_least, dpy):
        period = rule.at_least
    if rule.at_most and r.max_days is not None and r.max_days > penalties.duration_days(rule.at_most, dpy):
        period = rule.at_most
    return period


def search(kb: KnowledgeBase, query: str, as_of: dt.date, limit: int = 10) -> shapes.SearchAnswer:
    """Fuzzy search over numbers, titles (es/en), offence names and keywords."""
    kb = scoped(kb, load=False)
    from .refs import too_long
    from .search import search as fuzzy

    why = too_long(query, "search text")
    if why:
        raise UsageError(why)
    from .search import instruments_named

    results: list[shapes.SearchHit] = []
    # a law named by its number or name ("21.522", "Ley 21.522", "Palermo") comes first
    for inst_id in instruments_named(kb.instruments, query):
        if not kb.in_scope(inst_id):
            continue
        inst = kb.instruments[inst_id]
        results.append(
            {"id": inst_id, "label": inst.short, "score": 100.0, "matched": {"field": "instrument", "text": inst.short},
             "kind": "instrument", "title": text(inst.title), "in_force": None, "state": None}
        )  # fmt: skip
    for hit in fuzzy(kb, query, limit):
        label, score = kb.label(hit.id), round(hit.score, 1)
        matched: shapes.Matched = {"field": hit.field, "text": hit.matched}
        if hit.id in kb.provisions:
            p = kb.provisions[hit.id]
            pit = kb.at(p, as_of)
            title = (pit.version.title if pit.version and pit.version.title else None) or p.title
            results.append(
                {"id": hit.id, "label": label, "score": score, "matched": matched, "kind": "provision",
                 "title": text(title), "in_force": pit.in_force, "state": pit.state}
            )  # fmt: skip
        else:
            r = kb.requirements[hit.id]
            results.append(
                {"id": hit.id, "label": label, "score": score, "matched": matched, "kind": "requirement",
                 "title": {"es": None, "en": r.summary}, "in_force": None, "state": None}
            )  # fmt: skip
    return {"query": query, "as_of": iso(as_of), "results": results[:limit]}


def summary(kb: KnowledgeBase) -> shapes.Summary:
    """What a corpus holds: counts for `validate`."""
    versions = kb.provisions.version_count()
    return {
        "valid": True,
        "instruments": len(kb.instruments),
        "provisions": len(kb.provisions),
        "versions": versions,
        "requirements": len(kb.requirements),
        "sources": len(kb.sources),
    }


# ---------------------------------------------------------------------------------------------
# age, cross-references, extradition, coverage


def horizon(
    kb: KnowledgeBase, as_of: dt.date, relevant: Callable[[Version], bool] | None = None
) -> list[shapes.Unrecorded]:
    """The provisions bearing on a question whose text on the date the corpus does not record:
    every answer lists them, so that "not recorded" is never read as "none"."""
    return unrecorded_json(kb, kb.not_recorded(as_of, relevant))


def unrecorded_json(kb: KnowledgeBase, provisions: list[Provision]) -> list[shapes.Unrecorded]:
    return [
        {"provision": p.id, "label": kb.label(p.id), "recorded_from": iso(kb.recorded_from(p))}
        for p in provisions
    ]


def _protects(o: Offence, years: int) -> bool:
    return o.victim_age.contains(years) or any(
        a.victim_age and a.victim_age.contains(years) for a in o.aggravated
    )


def age(kb: KnowledgeBase, years: int, as_of: dt.date) -> shapes.AgeAnswer:
    """What protects a child of `years` on the date: each offence, its conditions and penalty."""
    kb = scoped(kb)
    if years < 0 or years > 150:
        raise UsageError(f"age: {years} is not an age")
    rows: list[shapes.AgeRow] = []
    for p, v, o in kb.offences_at(as_of):
        via: Literal["offence", "aggravated"] | None = None
        if o.victim_age.contains(years):
            via = "offence"
        elif any(a.victim_age and a.victim_age.contains(years) for a in o.aggravated):
            via = "aggravated"
        if via is None:
            continue
        rows.append(
            {
                "provision": p.id,
                "label": kb.label(o.id),
                "version": version_window(kb, v),
                "unconditional": via == "offence" and not o.conditions,
                "via": via,
                "offence": offence(kb.scale_for(p), o),
            }
        )
    rows.sort(key=lambda r: (not r["unconditional"], r["offence"]["conduct"][0], r["provision"]))
    unrecorded = horizon(kb, as_of, lambda v: any(_protects(o, years) for o in v.offences))
    return {
        "age": years,
        "as_of": iso(as_of),
        "minor": years < 18,
        "offences": rows,
        "not_recorded": unrecorded,
    }


Why = tuple[str | None, str | None]  # why a provision cites another, in English and in Spanish


def _targets(kb: KnowledgeBase, v: Version) -> list[tuple[str, Why, str]]:
    """(target id, why, kind) of everything a version cites; why in words, never in codes."""
    out: list[tuple[str, Why, str]] = [(r.to, (r.why, r.why_es), "refers-to") for r in v.refers_to]
    vocab = kb.vocabulary
    for j in v.extends_jurisdiction:
        why = tuple(
            (f"{j.part}: " if j.part else "") + ", ".join(vocab.label("nexus", n, lang) for n in j.nexus)
            for lang in ("en", "es")
        )
        out += [(o, (why[0], why[1]), "extends-jurisdiction-to") for o in j.offences]
    for rule in v.rules:
        label = (vocab.label("rule_kinds", rule.kind, "en"), vocab.label("rule_kinds", rule.kind, "es"))
        out += [(o, label, f"rule:{rule.kind}") for o in rule.offences]
    return out


def refs(
    kb: KnowledgeBase, ref: str, as_of: dt.date, depth: int = 1, reverse: bool = False
) -> shapes.RefsAnswer:
    """The cross-reference tree of a provision as of a date, forwards or backwards."""
    kb = scoped(kb, load=False)
    if depth < 1 or depth > 10:
        raise UsageError(f"--depth: {depth} is outside 1..10")
    resolved = resolve(kb, ref)
    if resolved.kind == "requirement":
        raise NotFound(f"{kb.label(resolved.id)} is a requirement; refs takes a provision")
    if resolved.kind == "instrument":
        raise _a_whole_instrument(kb, resolved.id, ref, "refs")
    root = kb.provision_of(resolved.id)
    cited_by = _cited_by(kb, as_of) if reverse else {}

    def links(pid: str) -> list[tuple[str, Why, str]]:
        if reverse:
            return cited_by.get(pid, [])
        pit = kb.at(pid, as_of)
        return _targets(kb, pit.version) if pit.version and pit.state == "in-force" else []

    tree = _ref_node(kb, as_of, root, root, (None, None), "root")
    truncated = _grow(kb, as_of, tree, links, depth, reverse)
    return {
        "id": root,
        "label": kb.label(root),
        "as_of": iso(as_of),
        "reverse": reverse,
        "depth": depth,
        "truncated": truncated,
        "tree": tree,
    }


def _cited_by(kb: KnowledgeBase, as_of: dt.date) -> dict[str, list[tuple[str, Why, str]]]:
    """provision -> what cites it on the date (citing provision, why, relation)."""
    index: dict[str, list[tuple[str, Why, str]]] = {}
    for p in kb.provisions.values():
        pit = kb.at(p, as_of)
        if pit.state == "in-force" and pit.version:
            for target, why, kind in _targets(kb, pit.version):
                index.setdefault(kb.provision_of(target), []).append((p.id, why, kind))
    return index


def _ref_node(
    kb: KnowledgeBase, as_of: dt.date, pid: str, target: str, why: Why, kind: str
) -> shapes.RefsNode:
    pit = kb.at(pid, as_of)
    return {
        "id": target,
        "provision": pid,
        "label": kb.label(target),
        "relation": kind,
        "why": why[0],
        "why_es": why[1],
        "in_force": pit.in_force,
        "state": pit.state,
        "cycle": False,
        "repeat": False,
        "children": [],
    }


def _grow(
    kb: KnowledgeBase,
    as_of: dt.date,
    tree: shapes.RefsNode,
    links: Callable[[str], list[tuple[str, Why, str]]],
    depth: int,
    reverse: bool,
) -> bool:
    """Fill in `tree` to `depth` levels; True when it stopped at MAX_REFS_NODES.

    Breadth first, each provision's citations expanded once, where it first appears nearest the
    root: provisions that cite each other would otherwise make a tree that grows with the
    factorial of their number. A provision met again is a leaf marked "cycle" (it cites, or is
    cited by, one of its own ancestors) or "repeat" (its citations are shown elsewhere)."""
    expanded = {tree["provision"]}
    queue: collections.deque[tuple[shapes.RefsNode, int, frozenset[str]]] = collections.deque(
        [(tree, 0, frozenset())]
    )
    count = 1
    while queue:
        entry, level, ancestors = queue.popleft()
        path = ancestors | {entry["provision"]}
        shown: set[str] = set()
        for tid, twhy, tkind in links(entry["provision"]):
            if tid in shown:  # cited both as a reference and by a rule: show it once
                continue
            shown.add(tid)
            if count >= MAX_REFS_NODES:
                return True
            child_pid = kb.provision_of(tid)
            child = _ref_node(kb, as_of, child_pid, tid if not reverse else child_pid, twhy, tkind)
            entry["children"].append(child)
            count += 1
            if level + 1 >= depth:
                continue
            if child_pid in path:
                child["cycle"] = True
            elif child_pid in expanded:
                child["repeat"] = True
            else:
                expanded.add(child_pid)
                queue.append((child, level + 1, path))
    return False


def extradition(
    kb: KnowledgeBase, ref: str, as_of: dt.date, treaty: str | None = None
) -> shapes.ExtraditionAnswer:
    """Whether each offence of a provision is extraditable on the date, per code and per treaty."""
    kb = scoped(kb)
    resolved = resolve(kb, ref)
    if resolved.kind == "requirement":
        raise NotFound(f"{kb.label(resolved.id)} is a requirement; extradition takes a provision")
    if resolved.kind == "instrument":
        raise _a_whole_instrument(kb, resolved.id, ref, "extradition")
    p = kb.provisions[kb.provision_of(resolved.id)]
    pit = kb.at(p, as_of)
    home = assessed(kb)

    # the extradition treaties the State has taken a step in (another State's bilateral treaty
    # says nothing of this State's offences)
    def binds(i: Instrument) -> bool:
        return is_extradition_treaty(i) and any(e.jurisdiction == home for e in i.status)

    treaties = [i for i in kb.instruments.values() if binds(i) and kb.in_scope(i.id)]
    if treaty is not None:
        chosen = resolve_instrument(
            kb,
            treaty,
            binds,
            _t("--treaty: no extradition treaty '{name}'", name=treaty),
            # "usa" names the treaty of 1900 and that of 2013: the one in force on the date
            prefer=lambda i: kb.instrument_status(i.id, home, as_of)["in_force"] is not False,
        )
        treaties = [t for t in treaties if t.id == chosen]
    rules = []
    for q in kb.provisions.values():
        qpit = kb.at(q, as_of)
        if qpit.state == "in-force" and qpit.version:
            rules += [
                (q, qpit.version, r)
                for r in qpit.version.rules
                if r.kind == "extradition-threshold" and r.threshold
            ]
    live = pit.version.offences if pit.version and pit.state == "in-force" else ()
    units = kb.fine_units()
    offences_out: list[shapes.ExtraditionOffence] = [
        {
            "offence": o.id,
            "label": kb.label(o.id),
            "penalty": penalty(kb.scale_for(p), o.penalty, units=units),
            "codes": [_by_code(kb, p, o, q, rule, as_of) for q, _qv, rule in rules],
            "treaties": [_by_treaty(kb, p, o, tr, home, as_of) for tr in treaties],
        }
        for o in live
    ]
    return {
        "id": p.id,
        "label": kb.label(p.id),
        "as_of": iso(as_of),
        "in_force": pit.in_force,
        "state": pit.state,
        "recorded_from": iso(kb.recorded_from(p)),
        "offences": offences_out,
        "not_recorded": horizon(kb, as_of, lambda v: any(r.kind == "extradition-threshold" for r in v.rules)),
    }


def _by_code(
    kb: KnowledgeBase, p: Provision, o: Offence, q: Provision, rule: Rule, as_of: dt.date
) -> shapes.CodeThreshold:
    """Whether an offence reaches a procedure code's extradition threshold, and whether that code
    governs facts of the date."""
    t = rule.threshold
    assert t is not None
    r = penalties.resolve(kb.scale_for(p), o.penalty)
    window_ok = (rule.facts_from is None or as_of >= rule.facts_from) and (
        rule.facts_until is None or as_of <= rule.facts_until
    )
    ok = penalties.meets(kb.scale_for(p), o.penalty, t)
    return {
        "provision": q.id,
        "label": kb.label(q.id),
        "direction": rule.direction,
        "governs_facts_of_date": window_ok,
        "threshold": {"bound": t.bound, "comparison": t.comparison, "duration": t.duration},
        "qualifies": ok,
        "why": f"{t.bound} penalty {penalties.bound_text(r, t.bound)} "
        f"{'meets' if ok else 'does not meet'} {t.comparison} {penalties.duration_text(t.duration)}",
        "summary": rule.summary,
    }


def _by_treaty(
    kb: KnowledgeBase, p: Provision, o: Offence, tr: Instrument, home: str, as_of: dt.date
) -> shapes.TreatyTerms:
    """Whether a treaty binds the State on the date and the offence meets its threshold, and why."""
    terms = tr.extradition
    assert terms is not None
    r = penalties.resolve(kb.scale_for(p), o.penalty)
    status = kb.instrument_status(tr.id, home, as_of)
    applicable = status["in_force"] is not False and any(
        e["date"] and e["date"] <= iso(as_of) for e in status["events"]
    )
    th = terms.threshold
    met = penalties.meets(kb.scale_for(p), o.penalty, th) if th else None
    verified = all(c.verified for c in terms.sources)
    why = []
    if not applicable:
        why.append(f"not applicable on this date (status: {status['status']})")
    if th:
        why.append(
            f"{th.bound} penalty {penalties.bound_text(r, th.bound)} "
            f"{'meets' if met else 'does not meet'} {th.comparison} {penalties.duration_text(th.duration)}"
        )
    if terms.double_criminality:
        why.append("the conduct must also be an offence in the requesting State (double criminality)")
    if not verified:
        why.append(
            "some of these terms are unverified: "
            + "; ".join(c.reason or "" for c in terms.sources if not c.verified)
        )
    return {
        "treaty": tr.id,
        "label": tr.short,
        "status": status,
        "applicable": applicable,
        "qualifies": (met if applicable else False) if met is not None else None,
        "double_criminality": terms.double_criminality,
        "verified": verified,
        "threshold": {"bound": th.bound, "comparison": th.comparison, "duration": th.duration}
        if th
        else None,
        "meets": met,
        "why": why,
        "sources": [citation(kb, c) for c in terms.sources],
    }
