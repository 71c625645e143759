"""What changed between two dates: provisions, penalties, age bands and gaps, with the law that did it.

Cost: the gap analysis runs on the two dates and, to name the law that opened or closed a gap,
on dates in between - but once per distinct state of the law, not once per date a version
started (a file with 15,000 versions made that 15,000 analyses), and walking back from the end
only as far as the findings that changed need.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING, Any

from . import gaps as gapmod
from . import penalties
from .kb import KnowledgeBase
from .model import Offence, Provision, Version
from .queries import horizon
from .scope import scoped

if TYPE_CHECKING:
    from . import shapes


def _law(kb: KnowledgeBase, v: Version) -> shapes.Law:
    inst = kb.instruments.get(v.by)
    return {"id": v.by, "label": inst.short if inst else v.by, "date": v.start.isoformat()}


def _versions_between(kb: KnowledgeBase, p: Provision, start: dt.date, end: dt.date) -> list[Version]:
    """The changes to a provision in the period: a first recorded version that only marks where
    the corpus's record begins (its text older, made by the code itself) is not a change."""
    return [v for v in p.versions if start < v.start <= end and not _only_recorded(kb, p, v)]


def _only_recorded(kb: KnowledgeBase, p: Provision, v: Version) -> bool:
    """The first recorded version, "made" by the provision's own code or law though it is not that
    instrument's entry into force: the corpus's record begins there, nothing changed."""
    if v is not p.versions[0] or p.before is None or v.by != p.instrument:
        return False
    return v.start != kb.enacted_on(p.instrument)


def _offences(kb: KnowledgeBase, when: dt.date) -> dict[str, tuple[Provision, Version, Offence]]:
    return {o.id: (p, v, o) for p, v, o in kb.offences_at(when)}


def _range(kb: KnowledgeBase, p: Provision, o: Offence) -> shapes.Range:
    r = penalties.resolve(kb.scale_for(p), o.penalty)
    return {
        "text": r.text,
        "min": r.min,
        "max": None if r.life else r.max,
        "life": r.life,
        "range": r.range_text(),
    }


def compare(
    kb: KnowledgeBase, start: dt.date, end: dt.date, against: list[str] | None = None
) -> shapes.CompareAnswer:
    """Changes from `start` to `end` (end after start; the dates are swapped otherwise)."""
    kb = scoped(kb)
    if end < start:
        start, end = end, start
    penalty_changes, age_changes = _offence_changes(kb, start, end)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "provisions": _provision_changes(kb, start, end),
        # what the corpus does not record on each date: silence there is not "no law"
        "not_recorded": {"from": horizon(kb, start), "to": horizon(kb, end)},
        "penalties_changed": penalty_changes,
        "age_thresholds_changed": age_changes,
        "gaps": _gap_changes(kb, start, end, against),
        "laws": _law_index(kb, start, end),
    }


def _provision_changes(kb: KnowledgeBase, start: dt.date, end: dt.date) -> shapes.ProvisionChanges:
    """The provisions added, amended and repealed in the period, and those first recorded in it."""
    out: shapes.ProvisionChanges = {"added": [], "amended": [], "repealed": [], "first_recorded": []}
    for p in kb.provisions.values():
        before, after = kb.at(p, start), kb.at(p, end)
        v0 = p.versions[0]
        if start < v0.start <= end and _only_recorded(kb, p, v0):
            out["first_recorded"].append(
                {"id": p.id, "label": kb.label(p.id), "recorded_from": v0.start.isoformat()}
            )
        changes = _versions_between(kb, p, start, end)
        if not changes:
            continue
        laws = [_law(kb, v) for v in changes]
        entry: shapes.ChangedProvision = {
            "id": p.id,
            "label": kb.label(p.id),
            "laws": laws,
            "summary": changes[-1].summary,
        }
        # a code or law coming into force replaces what stood before it; it amends nothing
        enacted = changes[0] is v0 and v0.by == p.instrument
        if before.state == "not-recorded" and after.state == "in-force" and not enacted:
            # amended by a law of the period, but the text it amended is not recorded
            out["amended"].append({**entry, "earlier_text_not_recorded": True})
        elif before.state != "in-force" and after.state == "in-force":
            out["added"].append(entry)
        elif before.state == "in-force" and after.state == "repealed":
            out["repealed"].append(entry)
        elif after.state == "in-force":
            out["amended"].append(entry)
    return out


def _offence_changes(
    kb: KnowledgeBase, start: dt.date, end: dt.date
) -> tuple[list[shapes.PenaltyChange], list[shapes.AgeChange]]:
    """The offences in force on both dates whose penalty, and whose victims' ages, changed."""
    off1, off2 = _offences(kb, start), _offences(kb, end)
    penalty_changes: list[shapes.PenaltyChange] = []
    age_changes: list[shapes.AgeChange] = []
    laws_of: dict[
        str, list[shapes.Law]
    ] = {}  # per provision: one pass over its versions, not one per offence
    for oid in sorted(set(off1) & set(off2)):
        p1, _, o1 = off1[oid]
        p2, _v2, o2 = off2[oid]
        r1, r2 = _range(kb, p1, o1), _range(kb, p2, o2)
        if p2.id not in laws_of:
            laws_of[p2.id] = [_law(kb, v) for v in _versions_between(kb, p2, start, end)]
        laws = laws_of[p2.id]
        if (r1["min"], r1["max"]) != (r2["min"], r2["max"]) or r1["text"] != r2["text"]:
            penalty_changes.append(
                {"offence": oid, "label": kb.label(oid), "before": r1, "after": r2, "laws": laws}
            )
        if o1.victim_age != o2.victim_age:
            before, after = o1.victim_age, o2.victim_age
            age_changes.append(
                {
                    "offence": oid,
                    "label": kb.label(oid),
                    "before": before.label(),
                    "after": after.label(),
                    "before_age": {"from": before.lo, "under": before.under},
                    "after_age": {"from": after.lo, "under": after.under},
                    "laws": laws,
                }
            )
    return penalty_changes, age_changes


def _gap_changes(
    kb: KnowledgeBase, start: dt.date, end: dt.date, against: list[str] | None
) -> shapes.Transitions:
    """The findings opened, closed and otherwise changed, with the law that did it."""
    timeline = _Timeline(kb, start, end, against)
    first, last = timeline.at(0), timeline.at(len(timeline.dates) - 1)
    started = _started_on(kb, start, end)
    out: shapes.Transitions = {"opened": [], "closed": [], "changed": []}
    open_states = ("gap", "partial")
    statuses = {fid: (_status(first, fid), _status(last, fid)) for fid in sorted(set(first) | set(last))}
    moved = {fid: s for fid, s in statuses.items() if s[0] != s[1] and "unknown" not in s}
    changed_on = _changed_on(timeline, list(moved))
    for fid, (s1, s2) in moved.items():
        x, y = first.get(fid), last.get(fid)
        shown = y if y is not None and s2 in open_states else x if x is not None else y
        titles = _headlines(kb, shown) if shown is not None else (fid, fid)
        item: shapes.Transition = {
            "id": fid,
            "title": titles[0],
            "title_es": titles[1],
            "before": s1,
            "after": s2,
            "laws": _laws_of_day(kb, started.get(changed_on[fid], [])),
        }
        if s1 in ("met", "absent") and s2 in open_states:
            out["opened"].append(item)
        elif s1 in open_states and s2 == "met":
            out["closed"].append(item)
        elif s1 in open_states or s2 in open_states:
            out["changed"].append(item)
    return out


def _headlines(kb: KnowledgeBase, a: gapmod.Assessment) -> tuple[str, str]:
    """A finding's short title (as the gap list gives it), in English and in Spanish."""
    from lawbase.gaps.common import worded
    from lawbase.gaps.wording import headline

    return worded(lambda: headline(kb, a))


def _status(snapshot: dict[str, gapmod.Assessment], fid: str) -> shapes.TransitionStatus:
    """A finding's status on a date; one a rule does not make is met if the rule speaks up only
    when something is wrong (registered `silent_when_met`), else absent."""
    a = snapshot.get(fid)
    if a is not None:
        return a.status
    return "met" if fid.split(":", 1)[0] in gapmod.silent_when_met() else "absent"


class _Timeline:
    """The gap assessments on `start`, on every date a version started in between, and on `end`,
    computed on demand and once per distinct state of the law.

    A date's state is what the assessment can depend on: each provision's version in force
    (everything but its dates) and where the date falls among the other dates the analysis
    looks at (instruments' entry into force and status events, rules' periods of facts). Two
    dates in the same state get the same assessments, so they are computed once.
    """

    def __init__(self, kb: KnowledgeBase, start: dt.date, end: dt.date, against: list[str] | None) -> None:
        self.kb, self.against = kb, against
        starting: dict[dt.date, list[tuple[int, Version]]] = {}
        changing: list[Provision] = []
        for p in kb.provisions.values():
            mine = [v for v in p.versions if start < v.start < end]
            if mine:
                for v in mine:
                    starting.setdefault(v.start, []).append((len(changing), v))
                changing.append(p)
        self.dates = [start, *sorted(starting), end]
        breaks = sorted(_other_dates(kb))
        contents: dict[Any, int] = {}

        def content(state: str, v: Version | None) -> int:
            key = (state, v._replace(start=_EPOCH, end=None) if v is not None else None)
            return contents.setdefault(key, len(contents))

        now = [content(pit.state, pit.version) for pit in (kb.at(p, start) for p in changing)]
        self.states: list[tuple[int, tuple[int, ...]]] = [(bisect.bisect_right(breaks, start), tuple(now))]
        for d in self.dates[1:-1]:
            for i, v in starting[d]:
                now[i] = content("repealed" if v.repealed else "in-force", v)
            self.states.append((bisect.bisect_right(breaks, d), tuple(now)))
        self._memo: dict[tuple[int, tuple[int, ...]], dict[str, gapmod.Assessment]] = {}
        self._ends: dict[int, dict[str, gapmod.Assessment]] = {}
        self._by_rule: dict[tuple[tuple[int, tuple[int, ...]], str], dict[str, gapmod.Assessment]] = {}

    def at(self, i: int) -> dict[str, gapmod.Assessment]:
        """The assessments on dates[i], by finding id."""
        if i in (0, len(self.dates) - 1):
            # the two ends are assessed on their own dates: their findings' wording is shown
            if i not in self._ends:
                self._ends[i] = self._assess(self.dates[i])
            return self._ends[i]
        state = self.states[i]
        if state not in self._memo:
            self._memo[state] = self._assess(self.dates[i])
        return self._memo[state]

    def status(self, i: int, fid: str) -> shapes.TransitionStatus:
        """A finding's status on dates[i]. Between the ends only the finding's own rule is run
        (once per state of the law): following a finding back in time needs no other rule's."""
        if i in (0, len(self.dates) - 1):
            return _status(self.at(i), fid)
        rule = fid.split(":", 1)[0]
        key = (self.states[i], rule)
        if key not in self._by_rule:
            if self.states[i] in self._memo:
                found = self._memo[self.states[i]]
                self._by_rule[key] = {k: a for k, a in found.items() if a.rule == rule}
            else:
                self._by_rule[key] = self._assess(self.dates[i], (rule,))
        return _status(self._by_rule[key], fid)

    def _assess(self, d: dt.date, rules: tuple[str, ...] | None = None) -> dict[str, gapmod.Assessment]:
        return {a.id: a for a in gapmod.assess(self.kb, d, self.against, rules)}


_EPOCH = dt.date.min


def _other_dates(kb: KnowledgeBase) -> set[dt.date]:
    """Dates other than version starts on which an assessment may change."""
    out: set[dt.date] = set()
    for inst in kb.instruments.values():
        out |= {d for d in (inst.in_force, inst.published, inst.adopted) if d is not None}
        out |= {e.date for e in inst.status if e.date is not None}
    for p in kb.provisions.values():
        for v in p.versions:
            for rule in v.rules:
                if rule.facts_from:
                    out.add(rule.facts_from)
                if rule.facts_until:
                    out.add(rule.facts_until + dt.timedelta(days=1))  # the first day it stops applying
    return out


def _started_on(
    kb: KnowledgeBase, start: dt.date, end: dt.date
) -> dict[dt.date, list[tuple[Provision, Version]]]:
    """The versions starting on each date from `start` to `end`, for naming the law of a day."""
    out: dict[dt.date, list[tuple[Provision, Version]]] = {}
    for p in kb.provisions.values():
        for v in p.versions:
            if start <= v.start <= end:
                out.setdefault(v.start, []).append((p, v))
    return out


def _changed_on(timeline: _Timeline, fids: list[str]) -> dict[str, dt.date]:
    """The day each finding last changed to its final status: walking back from the end, the
    day after the last date with another status. All findings walk back together, so each
    date's law is worked out once, not once per finding."""
    last = len(timeline.dates) - 1
    final = {fid: timeline.status(last, fid) for fid in fids}
    day = dict.fromkeys(fids, timeline.dates[last])
    pending = list(fids)
    for i in range(last, 0, -1):
        if not pending:
            break
        still = []
        for fid in pending:
            if timeline.status(i - 1, fid) != final[fid]:
                day[fid] = timeline.dates[i]
            else:
                still.append(fid)
        pending = still
    return day


def _laws_of_day(
    kb: KnowledgeBase, started: list[tuple[Provision, Version]]
) -> list[shapes.LawWithProvisions]:
    """The law(s) that made the versions starting on a day, with the provisions each changed."""
    laws: dict[str, shapes.LawWithProvisions] = {}
    for p, v in started:
        law = _law(kb, v)
        entry = laws.setdefault(law["id"], {**law, "provisions": []})
        entry["provisions"].append(kb.label(p.id))
    return sorted(laws.values(), key=lambda law: law["id"])


def _law_index(kb: KnowledgeBase, start: dt.date, end: dt.date) -> list[shapes.LawWithProvisions]:
    """Every law that made a version between the dates, with the provisions it changed."""
    by_law: dict[str, shapes.LawWithProvisions] = {}
    for p in kb.provisions.values():
        for v in _versions_between(kb, p, start, end):
            law = _law(kb, v)
            entry = by_law.setdefault(v.by, {**law, "provisions": []})
            entry["provisions"].append(kb.label(p.id))
            entry["date"] = min(entry["date"], law["date"])
    return sorted(by_law.values(), key=lambda e: (e["date"], e["id"]))
