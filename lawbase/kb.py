"""The knowledge base: every model object indexed by id, references resolved, time applied."""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from . import refs
from .errors import NotFound
from .i18n import t
from .model import (
    FineUnit,
    Instrument,
    Jurisdiction,
    JurisdictionRule,
    Offence,
    Participation,
    Provision,
    Recommendation,
    Requirement,
    Rule,
    Scale,
    Settings,
    Source,
    StatusEvent,
    Version,
    Vocabulary,
)
from .provisions import IMPLEMENTS, REFERS_TO, MemoryProvisions, ProvisionSource

if TYPE_CHECKING:
    from .shapes import InstrumentStatus, Standing, State

_T = TypeVar("_T")

# the kinds of instrument that are a State's own law: a jurisdiction holding one is a State whose
# law the corpus records (an analysis sees one such State at a time)
NATIONAL_KINDS = ("constitution", "code", "law")
CARRIED_OVER = "carried-over"  # the rule kind that names the offence taking over a repealed one


class PointInTime(NamedTuple):
    """A provision as of a date: the version then in force, or why there is none."""

    provision: Provision
    as_of: dt.date
    version: Version | None
    state: State
    came_into_force: dt.date | None
    repealed_on: dt.date | None
    start_unknown: bool = False  # in force before its first recorded version; start not recorded

    @property
    def in_force(self) -> bool | None:
        if self.state == "not-recorded":
            return None
        return self.state == "in-force"


def _start(v: Version) -> dt.date:
    return v.start


class OperativeReference(NamedTuple):
    """A citation with legal effect: a rule of a version in force that names an offence or a
    provision (extending jurisdiction over it, making it imprescriptible ...)."""

    provision: Provision
    version: Version
    target: str
    rule: JurisdictionRule | Rule


class Resolved(NamedTuple):
    """A typed reference resolved to one id, with a note on what was not matched."""

    id: str
    kind: str  # provision | requirement | offence | instrument
    note: str | None = None
    part: str | None = None  # the inciso or párrafo asked for ("inc. 2"), which the article has


class KnowledgeBase:
    """Every instrument, provision, requirement, source and scale of a corpus."""

    def __init__(
        self,
        instruments: dict[str, Instrument],
        provisions: ProvisionSource,
        requirements: dict[str, Requirement],
        sources: dict[str, Source],
        scales: dict[str, Scale],
        vocabulary: Vocabulary,
        recommendations: dict[str, Recommendation] | None = None,
        settings: Settings | None = None,
        countries: dict[str, Jurisdiction] | None = None,
    ) -> None:
        self.instruments = instruments
        self.provisions = provisions
        self.requirements = dict(sorted(requirements.items(), key=lambda kv: refs.id_key(kv[0])))
        # by id, so that which bibliography file holds a source (sources/cl.yaml or int.yaml)
        # never changes an answer
        self.sources = dict(sorted(sources.items()))
        self.scales = scales
        self.vocabulary = vocabulary
        self.recommendations = recommendations or {}
        self.settings = settings or Settings()
        # the jurisdictions with a file of their own (data/jurisdictions/<id>.yaml; int has none)
        self.countries = countries or {}
        self.home: str | None = None  # the State whose law is in view (see KnowledgeBase.view)
        self.jurisdictions: frozenset[str] | None = None  # the jurisdictions in view; None: all
        self.loaded = False  # a view holding every provision in scope (see view)
        self.elsewhere: frozenset[str] = frozenset()  # instruments addressed to other States only
        self._alias_index: dict[str, list[str]] | None = None
        self._days: dict[dt.date, _Day] = {}  # what is in force on a date, computed once (see _day)
        self._memo: dict[Hashable, Any] = {}  # answers that hold on any date (see memo)

    @property
    def _aliases(self) -> dict[str, list[str]]:
        """alias key -> instrument ids, built on first use (a bare article number needs none)."""
        if self._alias_index is None:
            index: dict[str, list[str]] = defaultdict(list)
            for inst in self.instruments.values():
                for name in {inst.id, inst.short, *inst.aliases}:
                    key = refs.alias_key(name)
                    if inst.id not in index[key]:
                        index[key].append(inst.id)
            self._alias_index = index
        return self._alias_index

    def instruments_named(self, name: str) -> list[str]:
        """The ids of the instruments whose id, short name or an alias is `name` (any case, accents
        and punctuation aside)."""
        return list(self._aliases.get(refs.alias_key(name), []))

    @property
    def reference_syntax(self) -> refs.Syntax:
        """The words around an article number ("artículo", "del") of the State in view, else of
        every jurisdiction: a reference to a treaty is typed with the words of the State citing it."""
        js = [self.countries[self.home]] if self.home in self.countries else list(self.countries.values())
        return refs.syntax(
            tuple(sorted({w for j in js for w in j.article_words})),
            tuple(sorted({w for j in js for w in j.connectors})),
        )

    def _offence_owner(self, oid: str) -> str | None:
        return self.provisions.offence_owner(oid)

    def view(self, home: str, *, load: bool) -> KnowledgeBase:
        """This corpus as one State's law sees it (lawbase.scope decides which State): its own
        provisions and requirements and those of the instruments no State owns as its national
        law (treaties, benchmarks), never another State's. With `load`, every provision in view
        is read at once (what an analysis of the State's whole law needs); without it, a point
        lookup reads only what it asks for. The corpus itself is left as it was."""
        national = set(self.national_jurisdictions())
        seen = frozenset({home} | {i.jurisdiction for i in self.instruments.values()} - (national - {home}))
        # a review of, or a submission about, other States is not this State's yardstick
        out_of_view = frozenset(
            i.id for i in self.instruments.values() if i.addressed_to and home not in i.addressed_to
        )
        out = copy.copy(self)
        out.home, out.jurisdictions, out.loaded, out.elsewhere = home, seen, load, out_of_view
        out._days, out._memo = {}, {}  # a view's provisions are its own, and so is what follows from them
        out.requirements = {rid: r for rid, r in self.requirements.items() if out.in_scope(rid)}
        if load:
            out.provisions = self.provisions.restricted(set(seen), self.instruments)
        return out

    def national_jurisdictions(self) -> list[str]:
        """The jurisdictions whose own law (a code or a law) the corpus records, sorted."""
        return sorted({i.jurisdiction for i in self.instruments.values() if i.kind in NATIONAL_KINDS})

    def in_scope(self, ident: str) -> bool:
        """Whether a provision, requirement or instrument id belongs to the law in view."""
        if self.jurisdictions is None:
            return True
        inst = self.instruments.get(ident.split("/", 1)[0])
        return inst is None or (inst.jurisdiction in self.jurisdictions and inst.id not in self.elsewhere)

    @classmethod
    def build(
        cls, objects: list[Any], vocabulary: Vocabulary, provisions: ProvisionSource | None = None
    ) -> KnowledgeBase:
        """Index loose model objects (as the loader produces them): each jurisdiction's terms
        join the vocabulary, and each State's steps in an instrument (its status file) join the
        instrument's status; the provisions are those among the objects, or `provisions` (the
        compiled cache's)."""
        by_type: dict[type, dict[str, Any]] = defaultdict(dict)
        settings = None
        for obj in objects:
            if isinstance(obj, Settings):
                settings = obj
            if isinstance(obj, (Vocabulary, Settings)):
                continue
            by_type[type(obj)].setdefault(obj.id, obj)
        instruments: dict[str, Instrument] = by_type[Instrument]
        for part in by_type[Participation].values():
            inst = instruments.get(part.instrument)
            if inst is not None:
                instruments[inst.id] = inst._replace(status=inst.status + part.events)
        countries: dict[str, Jurisdiction] = by_type[Jurisdiction]
        return cls(
            instruments=instruments,
            provisions=provisions if provisions is not None else MemoryProvisions(by_type[Provision]),
            requirements=by_type[Requirement],
            sources=by_type[Source],
            scales=by_type[Scale],
            vocabulary=vocabulary.merged(countries.values()),
            recommendations=by_type[Recommendation],
            settings=settings,
            countries=countries,
        )

    # --- lookups ---

    def provision_of(self, target: str) -> str:
        """The provision an offence id (or provision id) belongs to."""
        return self._offence_owner(target) or target.split("#")[0]

    def scale_for(self, provision: Provision) -> Scale | None:
        inst = self.instruments.get(provision.instrument)
        return self.scales.get(inst.scale) if inst and inst.scale else None

    def at(self, provision: Provision | str, as_of: dt.date) -> PointInTime:
        """The provision as of `as_of`. Before its first recorded version it is "not-yet" (it did
        not exist), "not-recorded" (something stood there that the corpus does not record), or,
        with `before.same_text`, in force with that text from `before.since` on: a text is never
        projected back past the oldest official version read."""
        p = self.provisions[provision] if isinstance(provision, str) else provision
        day = self._days.get(as_of)
        if day is not None:
            known = day.by_id.get(p.id)
            if known is not None and known.provision is p:
                return known
        first = p.versions[0]
        # with a `before` block the first recorded version is not when the provision began
        came = None if p.before else next((v.start for v in p.versions if not v.repealed), None)
        if as_of < first.start:
            if p.before_same_text and p.before_since is not None and as_of >= p.before_since:
                return PointInTime(p, as_of, first, "in-force", None, None, start_unknown=True)
            # before its code or law came into force the provision did not exist, whatever stood
            # before (a predecessor law, which `before` may describe)
            start = self.enacted_on(p.instrument)
            state: State = "not-recorded" if p.before and not (start and as_of < start) else "not-yet"
            return PointInTime(p, as_of, None, state, came, None)
        # versions are in date order (the loader checks it): a binary search, so a provision with
        # thousands of versions costs log V per date, not V
        current = p.versions[bisect.bisect_right(p.versions, as_of, key=_start) - 1]
        if current.repealed:
            return PointInTime(p, as_of, current, "repealed", came, current.start)
        unknown = current is first and p.before_same_text
        return PointInTime(p, as_of, current, "in-force", came, None, start_unknown=unknown)

    def enacted_on(self, inst_id: str) -> dt.date | None:
        """When a code or law came into force (its publication date where that is not recorded)."""
        inst = self.instruments.get(inst_id)
        return (inst.in_force or inst.published) if inst else None

    def recorded_from(self, p: Provision) -> dt.date | None:
        """Where the corpus's record of a provision begins, when the provision is older than that."""
        if not p.before:
            return None
        return p.before_since if p.before_same_text and p.before_since else p.versions[0].start

    def not_recorded(
        self, as_of: dt.date, relevant: Callable[[Version], bool] | None = None
    ) -> list[Provision]:
        """Provisions whose text on the date the corpus does not record (the horizon), optionally
        only those one of whose recorded versions is `relevant` to a question: what they said
        then may answer it, so no command may read their silence as "none"."""
        return [
            p for p in self._day(as_of).unrecorded if relevant is None or any(relevant(v) for v in p.versions)
        ]

    def _day(self, as_of: dt.date) -> _Day:
        """Every provision as of the date, computed once per date and shared by every question
        of a run (an assessment asks what is in force dozens of times; `compare` and `site`
        ask it on many dates). The few most recent dates are kept."""
        day = self._days.get(as_of)
        if day is None:
            if len(self._days) >= _DAYS_KEPT:
                del self._days[next(iter(self._days))]
            day = self._days[as_of] = _Day([self.at(p, as_of) for p in self.provisions.values()])
        return day

    def on_date(self, as_of: dt.date, key: Hashable, make: Callable[[], _T]) -> _T:
        """What `make` computes from the law on a date, computed once per date and key (a gap
        rule asks the same of a date for every requirement). What it returns is shared: the
        caller never changes it."""
        memo = self._day(as_of).memo
        if key not in memo:
            memo[key] = make()
        return cast("_T", memo[key])

    def memo(self, key: Hashable, make: Callable[[], _T]) -> _T:
        """What `make` computes from the corpus alone (no date), computed once per key and shared."""
        if key not in self._memo:
            self._memo[key] = make()
        return cast("_T", self._memo[key])

    def points_at(self, as_of: dt.date) -> list[PointInTime]:
        """Every provision as of the date, in natural article order (computed once per date)."""
        return self._day(as_of).points

    def in_force_at(self, as_of: dt.date) -> list[tuple[Provision, Version]]:
        """Every provision in force on the date with its version then, in natural article order."""
        return self._day(as_of).in_force

    def offences_at(self, as_of: dt.date) -> list[tuple[Provision, Version, Offence]]:
        """Every offence in force on the date, in natural article order."""
        day = self._day(as_of)
        if day.offences is None:
            day.offences = [(p, v, o) for p, v in day.in_force for o in v.offences]
        return day.offences

    def operative_references(self, as_of: dt.date) -> list[OperativeReference]:
        """Every offence or provision a rule in force on the date names: the citations that go
        stale when their target is repealed. A rule that cites paragraphs of its own statute,
        not these articles, names nothing that can go stale, and neither does one that says which
        offence took over a repealed article's (it names the repealed one on purpose)."""
        out: list[OperativeReference] = []
        for p, v in self.in_force_at(as_of):
            out += [OperativeReference(p, v, t, j) for j in v.extends_jurisdiction for t in j.offences]
            out += [
                OperativeReference(p, v, t, r)
                for r in v.rules
                if r.cites != "paragraphs" and r.kind != CARRIED_OVER
                for t in r.offences
            ]
        return out

    def referred_by(self, pid: str, as_of: dt.date) -> list[tuple[Provision, Version]]:
        """Provisions whose version in force on the date refers to `pid` (or its offences)."""
        return self._citing(pid, REFERS_TO, as_of)

    def implemented_by(self, rid: str, as_of: dt.date) -> list[tuple[Provision, Version]]:
        """Provisions whose version in force on the date claims to implement requirement `rid`."""
        return self._citing(rid, IMPLEMENTS, as_of)

    def _citing(self, target: str, kind: str, as_of: dt.date) -> list[tuple[Provision, Version]]:
        out = []
        for src, vi in self.provisions.xrefs(target, kind):
            p = self.provisions[src]
            pit = self.at(p, as_of)
            if pit.version is p.versions[vi] and pit.state == "in-force":
                out.append((p, p.versions[vi]))
        return out

    def instrument_status(self, inst_id: str, jurisdiction: str, as_of: dt.date) -> InstrumentStatus:
        """Where `jurisdiction` stood with an instrument on a date.

        `status` is the latest recorded step on or before the date (signed, ratified, in-force,
        not-party ...); `in_force` is True once an in-force step has passed, None when the State
        ratified or acceded but no entry-into-force date is recorded, else False. National
        instruments bind their own jurisdiction from their own date.
        """
        inst = self.instruments[inst_id]
        if inst.jurisdiction == jurisdiction:
            start = inst.in_force or inst.published or inst.adopted
            binding = None if start is None else start <= as_of
            return {
                "instrument": inst_id,
                "jurisdiction": jurisdiction,
                "status": "national",
                "since": start.isoformat() if start else None,
                "in_force": binding,
                "events": [],
            }
        if inst.kind == "benchmark":
            return {
                "instrument": inst_id,
                "jurisdiction": jurisdiction,
                "status": "benchmark",
                "since": None,
                "in_force": None,
                "events": [],
            }
        events = [e for e in inst.status if e.jurisdiction == jurisdiction]
        past = [e for e in events if e.date is not None and e.date <= as_of]
        # the State's standing is the furthest stage reached; promulgation, publication,
        # reservations and declarations are recorded as events but are not stages
        stages = [e for e in past if e.event in _STAGES] or [
            e for e in events if e.date is None and e.event in _STAGES
        ]
        latest = max(stages, key=lambda e: _STAGES[e.event]) if stages else None
        return {
            "instrument": inst_id,
            "jurisdiction": jurisdiction,
            "jurisdiction_label": self.vocabulary.jurisdictions.get(jurisdiction, jurisdiction),
            # a stage: one of _STAGES
            "status": cast("Standing", latest.event) if latest else "none",
            "since": latest.date.isoformat() if latest and latest.date else None,
            "in_force": _binding(events, past),
            "events": [
                {"event": e.event, "date": e.date.isoformat() if e.date else None, "summary": e.summary}
                for e in events
            ],
        }

    def fine_units(self) -> dict[str, FineUnit]:
        """Every jurisdiction's fine units by id (a fine names its unit; its label comes from here)."""
        return {u.id: u for j in self.countries.values() for u in j.fine_units}

    def courts(self, jurisdiction: str) -> str:
        """How findings name a jurisdiction's courts (say, 'the Utopian courts'), from its file."""
        j = self.countries.get(jurisdiction)
        if j is not None:
            return j.courts.en
        return f"the courts of {self.vocabulary.jurisdictions.get(jurisdiction, jurisdiction)}"

    def label(self, pid: str) -> str:
        """'CP art. 367 ter' for a provision id; requirement and offence ids likewise."""
        base, _, frag = pid.partition("#")
        p = self.provisions.get(base)
        if p is None and base in self.requirements:
            r = self.requirements[base]
            inst = self.instruments.get(r.instrument)
            number = _req_number(base) if r.article else base.split("/", 1)[1]
            return f"{inst.short if inst else r.instrument} {number}"
        if p is None:
            return pid
        inst = self.instruments.get(p.instrument)
        text = f"{inst.short if inst else p.instrument} art. {p.number}"
        if not frag:
            return text
        # an offence of the article: by its part ("inc. 2"), else its name, never its key
        named = [o for v in reversed(p.versions) for o in v.offences if o.id == pid]
        aggravated = [
            a for v in reversed(p.versions) for o in v.offences for a in o.aggravated if a.key == frag
        ]
        parts = [o.part for o in named] + [a.part for a in aggravated]
        part = next((x for x in parts if x), None)
        if part:
            return f"{text} {part}"
        return f"{text} ({named[0].name.es or named[0].name.en})" if named else text

    # --- references people type ---

    def resolve(self, text: str) -> Resolved:
        """What a person typed -> one id. Raises NotFound with the closest matches.

        An inciso or párrafo after the article ("367 quáter inc. 2") is kept in `part` once the
        article is known to have it (NotFound naming those it has otherwise). A word after the
        number near a suffix ("367 tre", "366quinq", "367 quarter") is read as the one article
        with a near suffix, and `note` says so ("showing CP art. 367 ter; you typed 367 tre"):
        the note goes with the answer (under the heading, and in --json) rather than to stderr,
        like every other note on what was typed, so that a pipe or a program sees it too. Two
        near articles, or a second suffix ("367 octies bis"), are NotFound with suggestions:
        an article is never silently shown for another."""
        typed = text.strip()
        if not typed:
            raise NotFound(t("empty reference"))
        if refs.looks_like_id(typed.lower()):
            ident = typed.lower()
            if ident in self.provisions:
                return Resolved(ident, "provision")
            if ident in self.requirements:
                return Resolved(ident, "requirement")
            if self._offence_owner(ident) is not None:
                return Resolved(ident, "offence")
            raise NotFound(
                t("no provision, requirement or offence '{typed}'", typed=typed), self.suggest(typed)
            )
        typed = refs.law_name(typed)
        starts_with_name = refs.fold(typed)[:1].isalpha()
        aliases = (
            tuple(a for inst in self.instruments.values() for a in (inst.short, *inst.aliases))
            if starts_with_name
            else ()
        )
        parsed = refs.parse(typed, aliases, self.reference_syntax)
        if parsed is None:
            # a law, code or treaty named alone ('Ley 26.364', 'OPSC'): the instrument itself
            named = [i for i in self._aliases.get(refs.alias_key(typed), []) if self.in_scope(i)]
            if len(named) == 1:
                return Resolved(named[0], "instrument")
            raise NotFound(t("'{typed}' names no article number", typed=typed), self.suggest(typed))
        candidates = self._candidates(parsed, typed)
        if parsed.suffix:
            return self._with_part(self._suffix_typo(candidates, parsed), parsed)
        hits = self._hits(candidates, parsed)
        if len(hits) == 1:
            return self._with_part(hits[0], parsed)
        if len(hits) > 1:
            raise NotFound(t("'{typed}' is ambiguous", typed=typed), [self.label(h.id) for h in hits])
        raise NotFound(
            t("no article matches '{typed}'", typed=typed),
            # the articles numbered so; else those numbered nearest and those spelled nearest
            # ("376 ter": 374 ter and 367 ter)
            self._same_number(candidates, parsed)
            or list(dict.fromkeys(self._near(candidates, parsed.number) + self.suggest(typed)))[:5],
        )

    def _same_number(self, candidates: list[str], parsed: refs.ParsedRef, limit: int = 6) -> list[str]:
        """The labels of the articles of `candidates` numbered as typed ('368 bis A': 368 bis
        first, then 368, 368 ter ...)."""
        ordinal = refs.number_key(parsed.article_slug)[1]

        def key(pid: str) -> tuple[bool, tuple[str, tuple[int, int, str, str], str]]:
            return (refs.number_key(pid.split("/", 1)[1])[1] != ordinal, refs.id_key(pid))

        pids = [
            pid
            for pid in self._provision_ids()
            if pid.split("/", 1)[0] in candidates
            and refs.number_key(pid.split("/", 1)[1])[0] == parsed.number
        ]
        return [self.label(pid) for pid in sorted(pids, key=key)[:limit]]

    def _candidates(self, parsed: refs.ParsedRef, typed: str) -> list[str]:
        """The instruments a parsed reference may point into: those its instrument name names
        (in the law in view), or the codes that take bare article numbers."""
        if not parsed.instrument:
            codes = [j.bare_numbers for j in self.countries.values() if j.bare_numbers]
            return [c for c in codes if self.in_scope(c)]
        named = self._aliases.get(refs.alias_key(parsed.instrument), [])
        candidates = [i for i in named if self.in_scope(i)]
        if named and not candidates:
            owners = sorted({self.instruments[i].jurisdiction for i in named})

            def name(j: str | None) -> str:
                country = self.countries.get(j or "")
                return f"{country.label} ({j})" if country else str(j)

            raise NotFound(
                t(
                    "'{name}' in '{typed}' is the law of {owners}, not of {home}: "
                    "name that jurisdiction with --jurisdiction",
                    name=parsed.instrument,
                    typed=typed,
                    owners=", ".join(name(j) for j in owners),
                    home=name(self.home),
                )
            )
        if not candidates:
            names = sorted({i.short for i in self.instruments.values()})
            raise NotFound(
                t("unknown instrument '{name}' in '{typed}'", name=parsed.instrument, typed=typed),
                self.suggest(typed) or names[:5],
            )
        return candidates

    def _hits(self, candidates: list[str], parsed: refs.ParsedRef) -> list[Resolved]:
        """In each candidate instrument, the most specific article or requirement matching."""
        hits: list[Resolved] = []
        for inst in candidates:
            for n, slug in enumerate(parsed.slugs()):
                ident = f"{inst}/{slug}"
                # an article answers before a requirement with the same id ("CRC 34" shows the
                # article and its requirements); "OPSC 3(1)(c)" has no article of its own
                kind = (
                    "provision"
                    if ident in self.provisions
                    else "requirement"
                    if ident in self.requirements
                    else None
                )
                if kind:
                    dropped = [f"({s})" for s in parsed.subs[len(parsed.subs) - n :]] if n else []
                    extra = " ".join(dropped + ([parsed.rest] if parsed.rest else []))
                    note = (
                        t(
                            "'{extra}' is not a separate entry; showing {label}",
                            extra=extra,
                            label=self.label(ident),
                        )
                        if extra
                        else None
                    )
                    hits.append(Resolved(ident, kind, note))
                    break
        return hits

    def _suffix_typo(self, candidates: list[str], parsed: refs.ParsedRef) -> Resolved:
        """A word after the number that is near a suffix ("367 tre", "366quinq") or a second
        suffix ("367 octies bis"): the one article it can mean, with a note that says what was
        typed; else NotFound naming the articles with that number. Only a single mistyped
        suffix is read as its one near article; "367 octies bis" is never shown as 367 octies."""
        typed = " ".join(str(x) for x in (parsed.number, parsed.ordinal, parsed.suffix, parsed.rest) if x)
        same_number = [
            pid
            for pid in self._provision_ids()
            if pid.split("/", 1)[0] in candidates
            and refs.number_key(pid.split("/", 1)[1])[0] == parsed.number
        ]
        same_number.sort(key=refs.id_key)
        meant: list[str] = []
        if not parsed.ordinal:
            near = refs.near_ordinals((parsed.suffix or "").split(" ")[0])
            letter = f"-{parsed.letter}" if parsed.letter else ""
            meant = [
                f"{inst}/{parsed.number}-{o}{letter}"
                for o in near
                for inst in candidates
                if f"{inst}/{parsed.number}-{o}{letter}" in self.provisions
            ]
        if len(meant) == 1 and not parsed.rest and " " not in (parsed.suffix or ""):
            label = self.label(meant[0])
            return Resolved(
                meant[0], "provision", t("showing {label}; you typed {typed}", label=label, typed=typed)
            )
        # "367 octies bis": 367 octies first, then the other articles numbered 367
        first = [f"{inst}/{parsed.article_slug}" for inst in candidates if parsed.ordinal]
        shown = meant or list(dict.fromkeys([pid for pid in first if pid in self.provisions] + same_number))
        raise NotFound(t("no article {article}", article=typed), [self.label(pid) for pid in shown[:6]])

    def parts(self, pid: str) -> dict[str, list[int]]:
        """The incisos and párrafos of a provision the corpus records (offences, aggravated
        variants and jurisdiction rules name them, in any version): {"inc.": [1, 2, 3]}."""
        found: dict[str, set[int]] = defaultdict(set)
        p = self.provisions.get(pid)
        if p is None:
            return {}
        names = [o.part for v in p.versions for o in v.offences]
        names += [a.part for v in p.versions for o in v.offences for a in o.aggravated]
        names += [j.part for v in p.versions for j in v.extends_jurisdiction]
        for name in names:
            for kind, n in part_numbers(name or ""):
                found[kind].add(n)
        return {k: sorted(v) for k, v in sorted(found.items())}

    def _with_part(self, hit: Resolved, parsed: refs.ParsedRef) -> Resolved:
        """`hit` with the inciso asked for, once the article is known to have it. One the
        corpus does not record the article's incisos for is a note; one the article does not
        have is NotFound naming those it has."""
        if not parsed.part or hit.kind != "provision":
            return hit
        kind, _, number = parsed.part.partition(" ")
        have = self.parts(hit.id).get(kind)
        label = self.label(hit.id)
        if not have:
            note = t("{part} is not recorded separately; showing {label}", part=parsed.part, label=label)
            return hit._replace(note="; ".join(n for n in (hit.note, note) if n))
        if int(number) not in have:
            raise NotFound(
                t("{label} has no {part}", label=label, part=parsed.part),
                [f"{label} {kind} {n}" for n in have],
            )
        return hit._replace(part=parsed.part)

    def _provision_ids(self) -> list[str]:
        """The ids of the provisions in view (a suggestion never names another State's law)."""
        return [pid for pid in self.provisions.ids() if self.in_scope(pid)]

    def _quick_label(self, pid: str) -> str:
        """A label from the id alone ('CP art. 367 ter'), without reading the provision."""
        inst_id, _, slug = pid.partition("/")
        inst = self.instruments.get(inst_id)
        return f"{inst.short if inst else inst_id} art. {slug.replace('-', ' ')}"

    def _near(self, instruments: list[str], number: int, limit: int = 3) -> list[str]:
        """The articles of `instruments` whose numbers are nearest to `number`."""
        pool = [pid for pid in self._provision_ids() if pid.split("/")[0] in instruments]
        pool.sort(
            key=lambda pid: (
                abs(refs.number_key(pid.split("/")[1])[0] - number),
                refs.number_key(pid.split("/")[1]),
            )
        )
        return [self.label(pid) for pid in pool[:limit]]

    def suggest(self, typed: str, limit: int = 3) -> list[str]:
        """The labels of the provisions and requirements closest to what was typed (matched
        on their labels and ids; each named once, by its label)."""
        from .search import closest

        choices: dict[str, str] = {}
        for pid in self._provision_ids():
            choices[self._quick_label(pid)] = pid
            choices[pid] = pid
        for rid in self.requirements:
            choices[self.label(rid)] = rid
            choices[rid] = rid
        ids = dict.fromkeys(choices[c] for c in closest(typed, list(choices), limit * 2))
        return [self.label(i) for i in list(ids)[:limit]]


_DAYS_KEPT = 8  # dates whose state a knowledge base keeps (a comparison walks dates one by one)


class _Day:
    """The law on one date: each provision's point in time, and what is in force."""

    __slots__ = ("by_id", "in_force", "memo", "offences", "points", "unrecorded")

    def __init__(self, points: list[PointInTime]) -> None:
        self.points = points
        self.by_id = {pit.provision.id: pit for pit in points}
        self.in_force = [
            (pit.provision, v) for pit in points if pit.state == "in-force" and (v := pit.version) is not None
        ]
        self.unrecorded = [pit.provision for pit in points if pit.state == "not-recorded"]
        self.offences: list[tuple[Provision, Version, Offence]] | None = None
        self.memo: dict[Hashable, Any] = {}


_STAGES = {
    "not-party": 0,
    "signed": 1,
    "approved": 2,
    "ratified": 3,
    "acceded": 3,
    "in-force": 4,
    "terminated": 5,
}


def _binding(events: list[StatusEvent], past: list[StatusEvent]) -> bool | None:
    """Whether a State's recorded steps in an instrument (`past`: those on or before the date)
    make it bind the State: True once it entered into force, None when it ratified (acceded,
    promulgated) but no entry into force is recorded, False otherwise or once terminated."""
    if any(e.event == "terminated" for e in past):  # denounced, or replaced by a later treaty
        return False
    if any(e.event == "in-force" for e in past):
        return True
    if any(e.event in ("ratified", "acceded", "promulgated", "published") for e in past) and not any(
        e.event == "in-force" for e in events
    ):
        # a State promulgates a treaty it has ratified; when it entered into force is not recorded
        return None
    return False


_PART_NUMBERS = re.compile(r"(inc\.|párr\.)\s*(\d+)(?:\s*[–-]\s*(\d+))?")


def part_numbers(part: str) -> list[tuple[str, int]]:
    """The incisos and párrafos a part names: 'párr. 2, inc. 1–3' -> párr. 2, inc. 1, 2, 3."""
    out: list[tuple[str, int]] = []
    for kind, lo, hi in _PART_NUMBERS.findall(part):
        out += [(kind, n) for n in range(int(lo), int(hi or lo) + 1)]
    return out


def _req_number(rid: str) -> str:
    """'un-opsc/3-1-c' -> '3(1)(c)'."""
    parts = rid.split("/", 1)[1].split("-")
    head = [parts[0]]
    rest = parts[1:]
    while rest and rest[0] in refs.ORDINALS:
        head.append(rest.pop(0))
    return " ".join(head) + "".join(f"({p})" for p in rest)
