"""What changed between two dates: provisions, penalties, age bands and gaps, with the law that did it."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from . import gaps as gapmod
from . import penalties
from .kb import KnowledgeBase
from .model import Offence, Provision, Version

JSON = dict[str, Any]


def _law(kb: KnowledgeBase, v: Version) -> JSON:
    inst = kb.instruments.get(v.by)
    return {"id": v.by, "label": inst.short if inst else v.by, "date": v.start.isoformat()}


def _versions_between(p: Provision, start: dt.date, end: dt.date) -> list[Version]:
    return [v for v in p.versions if start < v.start <= end]


def _offences(kb: KnowledgeBase, when: dt.date) -> dict[str, tuple[Provision, Version, Offence]]:
    return {o.id: (p, v, o) for p, v, o in kb.offences_at(when)}


def _range(kb: KnowledgeBase, p: Provision, o: Offence) -> JSON:
    r = penalties.resolve(kb.scale_for(p), o.penalty)
    return {"text": r.text, "min": r.min, "max": None if r.life else r.max, "range": r.range_text()}


def compare(kb: KnowledgeBase, start: dt.date, end: dt.date, against: list[str] | None = None) -> JSON:
    """Changes from `start` to `end` (end after start; the dates are swapped otherwise)."""
    if end < start:
        start, end = end, start
    added, amended, repealed = [], [], []
    for p in kb.provisions.values():
        before, after = kb.at(p, start), kb.at(p, end)
        changes = _versions_between(p, start, end)
        if not changes:
            continue
        laws = [_law(kb, v) for v in changes]
        entry = {"id": p.id, "label": kb.label(p.id), "laws": laws, "summary": changes[-1].summary}
        if before.state != "in-force" and after.state == "in-force":
            added.append(entry)
        elif before.state == "in-force" and after.state == "repealed":
            repealed.append(entry)
        elif after.state == "in-force":
            amended.append(entry)
    off1, off2 = _offences(kb, start), _offences(kb, end)
    penalty_changes, age_changes = [], []
    for oid in sorted(set(off1) & set(off2)):
        p1, _, o1 = off1[oid]
        p2, _v2, o2 = off2[oid]
        r1, r2 = _range(kb, p1, o1), _range(kb, p2, o2)
        laws = [_law(kb, v) for v in _versions_between(p2, start, end)]
        if (r1["min"], r1["max"]) != (r2["min"], r2["max"]) or r1["text"] != r2["text"]:
            penalty_changes.append(
                {"offence": oid, "label": kb.label(oid), "before": r1, "after": r2, "laws": laws}
            )
        if o1.victim_age != o2.victim_age:
            age_changes.append(
                {
                    "offence": oid,
                    "label": kb.label(oid),
                    "before": o1.victim_age.label(),
                    "after": o2.victim_age.label(),
                    "laws": laws,
                }
            )
    timeline = _timeline(kb, start, end, against)
    first, last = timeline[0][1], timeline[-1][1]
    opened, closed, changed = [], [], []
    open_states = ("gap", "partial")
    for fid in sorted(set(first) | set(last)):
        x, y = first.get(fid), last.get(fid)
        s1, s2 = _status(first, fid), _status(last, fid)
        if s1 == s2 or "unknown" in (s1, s2):
            continue
        shown = y if y is not None and s2 in open_states else x if x is not None else y
        item = {
            "id": fid,
            "title": shown.title if shown is not None else fid,
            "before": s1,
            "after": s2,
            "laws": _transition_laws(kb, timeline, fid),
        }
        if s1 in ("met", "absent") and s2 in open_states:
            opened.append(item)
        elif s1 in open_states and s2 == "met":
            closed.append(item)
        elif s1 in open_states or s2 in open_states:
            changed.append(item)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "provisions": {"added": added, "amended": amended, "repealed": repealed},
        "penalties_changed": penalty_changes,
        "age_thresholds_changed": age_changes,
        "gaps": {"opened": opened, "closed": closed, "changed": changed},
        "laws": _law_index(kb, start, end),
    }


# rules that only speak up when something is wrong: their silence means the requirement is met
_SILENT_WHEN_MET = ("unequal-by-sex:", "dead-reference:", "extraditability:", "double-criminality:")


def _status(snapshot: dict[str, gapmod.Assessment], fid: str) -> str:
    a = snapshot.get(fid)
    if a is not None:
        return a.status
    return "met" if fid.startswith(_SILENT_WHEN_MET) else "absent"


def _timeline(
    kb: KnowledgeBase, start: dt.date, end: dt.date, against: list[str] | None
) -> list[tuple[dt.date, dict[str, gapmod.Assessment]]]:
    """The assessments on `start`, on every date a version started in between, and on `end`."""
    dates = sorted({v.start for p in kb.provisions.values() for v in p.versions if start < v.start < end})
    return [(d, {a.id: a for a in gapmod.assess(kb, d, against)}) for d in [start, *dates, end]]


def _transition_laws(
    kb: KnowledgeBase, timeline: list[tuple[dt.date, dict[str, gapmod.Assessment]]], fid: str
) -> list[JSON]:
    """The law(s) that brought a finding to its final status: those in force from the day it last changed."""

    def status(snapshot: dict[str, gapmod.Assessment]) -> str:
        return _status(snapshot, fid)

    final = status(timeline[-1][1])
    day = timeline[-1][0]
    for (_d_prev, snap_prev), (d, snap) in itertools.pairwise(timeline):
        if status(snap) == final and status(snap_prev) != final:
            day = d
    laws: dict[str, JSON] = {}
    for p in kb.provisions.values():
        for v in p.versions:
            if v.start == day:
                law = _law(kb, v)
                entry = laws.setdefault(law["id"], {**law, "provisions": []})
                entry["provisions"].append(kb.label(p.id))
    return sorted(laws.values(), key=lambda law: law["id"])


def _law_index(kb: KnowledgeBase, start: dt.date, end: dt.date) -> list[JSON]:
    """Every law that made a version between the dates, with the provisions it changed."""
    by_law: dict[str, JSON] = {}
    for p in kb.provisions.values():
        for v in _versions_between(p, start, end):
            law = _law(kb, v)
            entry = by_law.setdefault(v.by, {**law, "provisions": []})
            entry["provisions"].append(kb.label(p.id))
            entry["date"] = min(entry["date"], law["date"])
    return sorted(by_law.values(), key=lambda e: (e["date"], e["id"]))
