"""The corpus as immutable records (NamedTuple: as frozen as a dataclass, and several times
cheaper to define at import, which every `lawbase show` pays): instruments, provisions and their dated versions, offences,
penalties, requirements, sources. No I/O and no printing here; the loader builds these and the
queries read them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

_EMPTY: Mapping[str, str] = MappingProxyType({})
_EMPTY_KEYWORDS: Mapping[str, tuple[str, ...]] = MappingProxyType({})


class Text(NamedTuple):
    """A short text in English and (where known) Spanish."""

    en: str
    es: str | None = None

    def best(self, lang: str = "en") -> str:
        return (self.es or self.en) if lang == "es" else self.en


def in_lang(record: object, field: str, lang: str) -> str | None:
    """A record's free-text `field` in `lang`: its `<field>_es` in Spanish where the corpus gives
    one, else the English. Works on model records and on their JSON shapes (dicts) alike."""
    get = record.get if isinstance(record, Mapping) else (lambda k, d=None: getattr(record, k, d))
    en: str | None = get(field)
    if lang == "es" and en is not None:
        return get(f"{field}_es") or en
    return en


def summary_in(record: object, lang: str) -> str | None:
    """A record's `summary` in `lang`: its `summary_es` in Spanish where the corpus gives one."""
    en: str | None = getattr(record, "summary", None)
    if lang == "es":
        return getattr(record, "summary_es", None) or en
    return en


class Citation(NamedTuple):
    """A pinpointed reference to a source (for a consolidated text, the dated `version` read);
    `verified` false means the fact was not confirmed in the source, and `reason` says so."""

    source: str
    pinpoint: str
    verified: bool
    checked: dt.date
    reason: str | None = None
    note: str | None = None
    version: dt.date | None = None
    reason_es: str | None = None
    note_es: str | None = None


class Official(NamedTuple):
    """Where an official register holds a text: the register, the text's identifier there (as the
    register writes it, e.g. 'idNorma 1984') and, where recorded, its address."""

    register: str
    id: str
    url: str | None = None


class Source(NamedTuple):
    """An entry of the bibliography. A reader is shown the title, the publication, the official
    identifier and address; `repo`, `path`, `commit` and `note` are for maintainers only."""

    id: str
    kind: str
    title: str
    author: str | None = None
    date: dt.date | None = None
    version_date: dt.date | None = None
    file: str | None = None
    url: str | None = None
    repo: str | None = None
    path: str | None = None
    commit: str | None = None
    note: str | None = None
    published_in: str | None = None
    published: dt.date | None = None
    official: Official | None = None
    version_label: str | None = None
    version_url: str | None = None
    versions: tuple[dt.date, ...] = ()


class AgeInterval(NamedTuple):
    """Ages protected: lo <= age < under (under None: no upper bound)."""

    lo: int
    under: int | None

    def contains(self, age: int) -> bool:
        return self.lo <= age and (self.under is None or age < self.under)

    def _top(self) -> float:
        return float("inf") if self.under is None else self.under

    def overlaps(self, other: AgeInterval) -> bool:
        """Some age is in both."""
        return self.lo < other._top() and other.lo < self._top()

    def within(self, other: AgeInterval) -> bool:
        """Every age of this one is in `other`."""
        return other.lo <= self.lo and self._top() <= other._top()

    def label(self) -> str:
        if self.under is None:
            return f"{self.lo} and over" if self.lo else "any age"
        if self.lo == 0:
            return f"under {self.under}"
        return f"{self.lo}–{self.under - 1}"


class Fine(NamedTuple):
    """A fine in one of its jurisdiction's fine units: a fixed amount (`max` None) or a range,
    imposed with the other penalty or, if `alternative`, instead of it."""

    unit: str
    min: float
    max: float | None = None
    alternative: bool = False

    def amounts(self) -> tuple[float, ...]:
        return (self.min,) if self.max is None else (self.min, self.max)


class Penalty(NamedTuple):
    """A penalty as the statute names it; durations come from the scale (see penalties.py)."""

    kind: str | None = None
    degrees: tuple[str, ...] = ()
    min: str | None = None
    max: str | None = None
    raise_degrees: int = 0
    fine: Fine | None = None
    text: str | None = None
    note: str | None = None
    life: bool = False  # a life penalty stated without a scale ("reclusión o prisión perpetua")
    note_es: str | None = None


class Aggravated(NamedTuple):
    """A variant of an offence: any one of `conditions` brings its own penalty."""

    conditions: tuple[str, ...]
    penalty: Penalty
    key: str | None = None
    part: str | None = None
    summary: str | None = None
    victim_age: AgeInterval | None = None
    summary_es: str | None = None  # the summary in Spanish


class Covers(NamedTuple):
    """Conduct that another offence names and this one also punishes, for `victim_age`, under
    `conditions` (coverage through this offence, e.g. rape of a child under 14 whose client paid)."""

    conduct: str
    victim_age: AgeInterval
    why: Text
    conditions: tuple[str, ...] = ()


class Offence(NamedTuple):
    """An offence defined in a version of a provision."""

    id: str
    name: Text
    conduct: tuple[str, ...]
    victim_age: AgeInterval
    penalty: Penalty
    conditions: tuple[str, ...] = ()
    aggravated: tuple[Aggravated, ...] = ()
    part: str | None = None
    summary: str | None = None
    also_covers: tuple[Covers, ...] = ()
    summary_es: str | None = None  # the summary in Spanish


class Reference(NamedTuple):
    """A cross-reference from a version to a provision or an offence."""

    to: str
    why: str | None = None
    why_es: str | None = None


class JurisdictionRule(NamedTuple):
    """Extraterritorial jurisdiction over `offences` on any one of `nexus`."""

    offences: tuple[str, ...]
    nexus: tuple[str, ...]
    part: str | None = None
    restriction: str | None = None
    scope: str = "listed"  # listed | all-offences | treaty-offences
    restriction_es: str | None = None


class Threshold(NamedTuple):
    """A penalty test: the penalty's bound (minimum, maximum, any degree) compared with a duration."""

    bound: str
    comparison: str
    duration: str


class Rule(NamedTuple):
    """A rule the analyses compute with: a limitation period, an extradition threshold, the
    offences a corporate-liability law reaches, a minimum marriage age ..."""

    kind: str
    summary: str
    part: str | None = None
    offences: tuple[str, ...] = ()
    cites: str = "articles"  # articles | paragraphs
    classes: tuple[str, ...] = ()
    duration: str | None = None
    counted_from: str | None = None
    victim_under: int | None = None
    age: int | None = None
    sex: str | None = None
    direction: str | None = None
    threshold: Threshold | None = None
    facts_from: dt.date | None = None
    facts_until: dt.date | None = None
    penalty_bound: str | None = None  # a limitation period equal to this bound of the penalty
    at_least: str | None = None  # ... but never shorter than this
    at_most: str | None = None  # ... nor longer than this
    life: bool | None = None  # for life penalties only (True) or for the others only (False)
    summary_es: str | None = None  # the summary in Spanish
    victim_from: int | None = None  # ... only for victims of at least this age (with victim_under)


class Discrepancy(NamedTuple):
    """A source that says something other than the statute, and which reading governs."""

    citation: Citation
    says: str
    statute: str
    authoritative: str
    why: str
    statute_es: str | None = None
    why_es: str | None = None
    verdict: str = "contradicts"  # or "incomplete": right, but leaving out what the statute adds


class Version(NamedTuple):
    """A provision as in force from `start` until the next version starts (end exclusive)."""

    start: dt.date
    by: str
    sources: tuple[Citation, ...]
    status: str = "in-force"
    title: Text | None = None
    summary: str | None = None
    offences: tuple[Offence, ...] = ()
    refers_to: tuple[Reference, ...] = ()
    implements: tuple[str, ...] = ()
    extends_jurisdiction: tuple[JurisdictionRule, ...] = ()
    rules: tuple[Rule, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    note: str | None = None
    end: dt.date | None = None  # the next version's start; None while current
    summary_es: str | None = None  # the summary in Spanish
    note_es: str | None = None

    def summary_in(self, lang: str) -> str | None:
        return (self.summary_es or self.summary) if lang == "es" else self.summary

    @property
    def repealed(self) -> bool:
        return self.status == "repealed"


class Provision(NamedTuple):
    """An article with its dated versions (national provisions and treaty articles alike)."""

    id: str
    instrument: str
    number: str
    title: Text
    versions: tuple[Version, ...]
    keywords: tuple[str, ...] = ()
    section: Text | None = None
    themes: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    note: str | None = None
    before: str | None = None
    before_es: str | None = None
    before_sources: tuple[Citation, ...] = ()
    before_same_text: bool = False
    file: str | None = None
    before_since: dt.date | None = None  # with before_same_text: the text stood at least since this date
    note_es: str | None = None


class Requirement(NamedTuple):
    """What a State must do under an article of an instrument (or a benchmark's criterion)."""

    id: str
    instrument: str
    article: str | None  # None for a benchmark's free-standing criterion
    kind: str
    summary: str
    sources: tuple[Citation, ...]
    title: Text | None = None
    mandatory: bool = True
    conduct: tuple[str, ...] = ()
    victim_age: AgeInterval | None = None
    nexus: tuple[str, ...] = ()
    conduct_match: str = "all"  # any: met when one of the conducts is an offence
    summary_es: str | None = None  # the summary in Spanish

    def summary_in(self, lang: str) -> str:
        return (self.summary_es or self.summary) if lang == "es" else self.summary


class StatusEvent(NamedTuple):
    """A step in a State's relation to an instrument."""

    jurisdiction: str
    event: str
    sources: tuple[Citation, ...]
    date: dt.date | None = None
    summary: str | None = None
    summary_es: str | None = None  # the summary in Spanish


class ExtraditionTerms(NamedTuple):
    """An extradition treaty's conditions."""

    summary: str
    sources: tuple[Citation, ...]
    double_criminality: bool | None = None
    threshold: Threshold | None = None
    enforcement_remaining: str | None = None
    nationals: str | None = None
    multilateral_offences: bool | None = None
    summary_es: str | None = None  # the summary in Spanish


class Fulfilment(NamedTuple):
    """What met a recommendation, and when."""

    date: dt.date
    summary: str
    sources: tuple[Citation, ...]
    by: str | None = None
    provision: str | None = None
    summary_es: str | None = None  # the summary in Spanish


class Recommendation(NamedTuple):
    """A recommendation made to a State, what it concerns, and what later met it."""

    id: str
    instrument: str
    jurisdiction: str
    summary: str
    sources: tuple[Citation, ...]
    recommending: tuple[str, ...] = ()
    accepted: bool | None = None
    concerns: tuple[str, ...] = ()
    met_by: tuple[Fulfilment, ...] = ()
    summary_es: str | None = None  # the summary in Spanish


class Instrument(NamedTuple):
    """A code, a law, a treaty or a benchmark."""

    id: str
    kind: str
    jurisdiction: str
    title: Text
    short: str
    sources: tuple[Citation, ...]
    aliases: tuple[str, ...] = ()
    number: str | None = None
    scale: str | None = None
    adopted: dt.date | None = None
    published: dt.date | None = None
    in_force: dt.date | None = None
    official: Official | None = None
    summary: str | None = None
    status: tuple[StatusEvent, ...] = ()
    extradition: ExtraditionTerms | None = None
    note: str | None = None
    addressed_to: tuple[str, ...] = ()  # a review or submission about these States only
    summary_es: str | None = None  # the summary in Spanish
    note_es: str | None = None

    def summary_in(self, lang: str) -> str | None:
        return (self.summary_es or self.summary) if lang == "es" else self.summary


class Degree(NamedTuple):
    """One degree of a ladder; indivisible (life) degrees have no min/max."""

    id: str
    tier: str | None
    grade: str | None
    name: str | None
    min_days: int | None
    max_days: int | None
    min: str | None
    max: str | None
    life: bool
    klass: str | None
    position: int  # place on its ladder, from the least severe


class Kind(NamedTuple):
    """A penalty kind (presidio, reclusión, prisión ...) and the ladder it climbs."""

    id: str
    es: str
    en: str
    ladder: str
    degrees: tuple[str, ...]
    degree_names: Mapping[str, str] = _EMPTY


class Scale(NamedTuple):
    """A jurisdiction's penalty scale: ladders of degrees, kinds and offence classes."""

    id: str
    jurisdiction: str
    days_per_year: int
    ladders: dict[str, tuple[Degree, ...]]
    kinds: dict[str, Kind]
    classes: dict[str, tuple[str, str, int]]
    sources: tuple[Citation, ...]
    naming: Mapping[str, str] = _EMPTY  # templates of penalty names (see penalties.name)

    def ladder_of(self, kind: str) -> tuple[Degree, ...]:
        return self.ladders[self.kinds[kind].ladder]


class Settings(NamedTuple):
    """What a corpus says of itself (corpus.yaml): whose law it assesses when no jurisdiction is
    named, how its gap report is titled (`{jurisdiction}` stands for the assessed State's name),
    and the dates its site compares the law between."""

    default_jurisdiction: str | None = None
    report_title: Text | None = None
    milestones: tuple[dt.date, ...] = ()


class FineUnit(NamedTuple):
    """A unit a jurisdiction's fines are counted in (a tax unit, a penalty unit, a currency)."""

    id: str
    label: str  # as amounts are written: "11–20 UTM"
    name: Text


class Jurisdiction(NamedTuple):
    """What the engine needs to speak of one State's law, from data/jurisdictions/<id>.yaml:
    its name, how findings name its courts, how its references are written, the units its fines
    are counted in, and the vocabulary terms only its law uses."""

    id: str
    label: str
    courts: Text
    languages: tuple[str, ...]
    currency: str | None = None
    fine_units: tuple[FineUnit, ...] = ()
    article_words: tuple[str, ...] = ()  # "artículo", "art" ...: dropped before the number
    connectors: tuple[str, ...] = ()  # "del", "de la" ...: between a number and the code's name
    bare_numbers: str | None = None  # the code a bare article number ("367 ter") refers to
    conditions: Mapping[str, str] = _EMPTY
    themes: Mapping[str, str] = _EMPTY
    note: str | None = None
    spanish: Mapping[str, str] = _EMPTY  # "conditions:<tag>" / "themes:<tag>" -> Spanish label


class Participation(NamedTuple):
    """A State's steps in an instrument (signed, ratified, in force ...), from
    data/status/<jurisdiction>/<instrument>.yaml; its recommendations are Recommendation records."""

    id: str  # <jurisdiction>/<instrument>
    jurisdiction: str
    instrument: str
    events: tuple[StatusEvent, ...] = ()


class Vocabulary(NamedTuple):
    """Controlled vocabularies: tag -> label (the engine's terms, with every jurisdiction's own
    merged in by `merged`)."""

    jurisdictions: Mapping[str, str] = _EMPTY
    conduct: Mapping[str, str] = _EMPTY
    conditions: Mapping[str, str] = _EMPTY
    nexus: Mapping[str, str] = _EMPTY
    fine_units: Mapping[str, str] = _EMPTY  # unit -> the label its amounts are written with
    requirement_kinds: Mapping[str, str] = _EMPTY
    themes: Mapping[str, str] = _EMPTY
    rule_kinds: Mapping[str, str] = _EMPTY
    keywords: Mapping[str, tuple[str, ...]] = _EMPTY_KEYWORDS
    spanish: Mapping[str, str] = _EMPTY  # "<vocabulary>:<tag>" -> its Spanish label

    def label(self, vocabulary: str, tag: str, lang: str = "en") -> str:
        """A term's label in `lang` (the tag itself only for a term no vocabulary defines)."""
        if lang == "es":
            es = self.spanish.get(f"{vocabulary}:{tag}")
            if es:
                return es
        labels: Mapping[str, str] = getattr(self, vocabulary)
        return labels.get(tag, tag)

    def merged(self, jurisdictions: Iterable[Jurisdiction]) -> Vocabulary:
        """The engine's terms and each jurisdiction's: its label, conditions and themes (the
        loader refuses a term defined twice, so nothing here is overwritten)."""
        places = sorted(jurisdictions, key=lambda j: j.id)
        if not places:
            return self
        return self._replace(
            jurisdictions=dict(sorted({**self.jurisdictions, **{j.id: j.label for j in places}}.items())),
            conditions={**self.conditions, **{k: v for j in places for k, v in j.conditions.items()}},
            themes={**self.themes, **{k: v for j in places for k, v in j.themes.items()}},
            fine_units={**self.fine_units, **{u.id: u.label for j in places for u in j.fine_units}},
            spanish={**self.spanish, **{k: v for j in places for k, v in j.spanish.items()}},
        )
