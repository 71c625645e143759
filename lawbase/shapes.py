"""The answers lawbase gives, as types: every `--json` shape and its parts.

The producers (lawbase.queries, compare, gaps, site, kb.instrument_status) are annotated to
return these, and every renderer (render.terminal, markdown, table_csv, text, site) to take
them, so mypy sees a renderer read a key the producer never writes. The README's "JSON output"
section documents the same shapes in prose.

Conventions: a key that is always written is a required key, with `| None` where its value may
be null; a key that only some answers carry is declared in a `total=False` part of its shape
(never guessed at with `.get` in a renderer). Keys that are Python keywords (`from`, `class`)
use the functional TypedDict form. Dates are ISO strings. Nothing here imports lawbase: any
module may import it, and the producers and renderers do so only for type checking.
"""

from __future__ import annotations

from typing import Literal, TypedDict

# ---------------------------------------------------------------------------------------------
# states and statuses

State = Literal["in-force", "repealed", "not-yet", "not-recorded"]
"""A provision on a date: in force, repealed, not yet made, or older than the corpus's record."""

VersionStatus = Literal["in-force", "repealed"]
"""What a version did: set a text in force, or repeal the provision."""

FindingStatus = Literal["gap", "partial", "met", "unknown"]
"""A gap assessment: unknown when the corpus does not record the law that bears on it."""

RequirementStatus = Literal["gap", "partial", "met", "unknown", "not-assessed"]
"""A requirement in the coverage matrix: its worst assessment, not-assessed when none reads it."""

CellStatus = Literal["full", "conditional", "gap", "partial", "met", "unknown"]
"""A provision's part in meeting a requirement: an age band's coverage or a finding's status."""

BandStatus = Literal["full", "conditional", "none"]
"""An age band: protected unconditionally, only under conditions, or not at all."""

TransitionStatus = Literal["gap", "partial", "met", "unknown", "absent"]
"""A finding on one of compare's two dates (absent: no requirement asked it then)."""

Standing = Literal[
    "national", "benchmark", "none", "not-party", "signed", "approved", "ratified", "acceded",
    "in-force", "terminated",
]  # fmt: skip
"""Where a State stands with an instrument: its own law, a benchmark, or the furthest stage reached."""


# ---------------------------------------------------------------------------------------------
# parts shared by several answers


class Text(TypedDict):
    en: str
    es: str | None


AgeBand = TypedDict("AgeBand", {"from": int, "under": int | None})
"""Ages lo <= age < under (under null: no upper bound)."""


class Citation(TypedDict):
    """A pinpointed source, as a reader is shown it (title and address of the official text)."""

    source: str
    version: str | None
    title: str | None
    url: str | None
    pinpoint: str
    verified: bool
    reason: str | None
    checked: str
    note: str | None
    reason_es: str | None  # in Spanish, when recorded (readers fall back to the English)
    note_es: str | None


class Fine(TypedDict):
    """A fine in its jurisdiction's unit (`label` as amounts are written, e.g. "UTM"): a fixed
    amount (`max` null) or a range, with the other penalty or, if `alternative`, instead of it."""

    unit: str
    label: str
    min: float
    max: float | None
    alternative: bool


Penalty = TypedDict(
    "Penalty",
    {
        "text": str,
        "kind": str | None,
        "degrees": list[str],
        "min": str | None,  # ISO 8601 durations
        "max": str | None,  # null for life imprisonment
        "life": bool,
        "fine": Fine | None,
        "class": str | None,
        "note": str | None,
        "note_es": str | None,  # in Spanish, when recorded
    },
)


class Aggravated(TypedDict):
    """A variant of an offence that any one of its conditions brings, with its own penalty."""

    key: str | None
    part: str | None
    conditions: list[str]
    victim_age: AgeBand | None
    summary: str | None
    summary_es: str | None  # in Spanish, when recorded (readers fall back to the English)
    penalty: Penalty


class Offence(TypedDict):
    id: str
    name: Text
    part: str | None
    summary: str | None
    summary_es: str | None  # in Spanish, when recorded (readers fall back to the English)
    conduct: list[str]
    victim_age: AgeBand
    conditions: list[str]
    penalty: Penalty
    aggravated: list[Aggravated]


class Accessory(TypedDict):
    """An accessory penalty another provision's rule attaches to an offence."""

    provision: str
    label: str
    summary: str
    summary_es: str | None  # in Spanish, when recorded (readers fall back to the English)
    victim_from: int | None  # the rule reaches victims of at least this age ...
    victim_under: int | None  # ... and under this one
    duration: str | None


class OffenceWithAccessories(Offence):
    accessory: list[Accessory]


VersionWindow = TypedDict(
    "VersionWindow",
    {"from": str, "until": str | None, "by": str, "by_title": str | None, "status": VersionStatus},
)
"""A version's period (until: its last day, null while current) and the law that made it."""


class VersionEntry(VersionWindow):
    current: bool


class MadeVersion(VersionWindow):
    """An article version an instrument made: which article, and the version's period."""

    provision: str
    label: str
    change: Literal["added", "amended", "repealed"]  # the article's first version, a later one, a repeal


class Labelled(TypedDict):
    id: str
    label: str


class StatusEvent(TypedDict):
    event: str
    date: str | None
    summary: str | None


class _InstrumentStatus(TypedDict):
    instrument: str
    jurisdiction: str
    status: Standing
    since: str | None
    in_force: bool | None  # null: ratified, entry into force not recorded
    events: list[StatusEvent]


class InstrumentStatus(_InstrumentStatus, total=False):
    """Where a State stood with an instrument on a date (KnowledgeBase.instrument_status)."""

    jurisdiction_label: str  # absent for a State's own law and for a benchmark


class Unrecorded(TypedDict):
    """A provision whose text on the date the corpus does not record (the horizon)."""

    provision: str
    label: str
    recorded_from: str | None


# ---------------------------------------------------------------------------------------------
# show


class RefersTo(TypedDict):
    id: str
    label: str
    why: str | None
    why_es: str | None  # in Spanish, when recorded (readers fall back to the English)
    in_force: bool | None


class Implements(TypedDict):
    id: str
    label: str
    summary: str
    summary_es: str | None  # the summary in Spanish, when recorded (readers fall back to summary)


class JurisdictionExtension(TypedDict):
    part: str | None
    scope: str
    offences: list[Labelled]
    nexus: list[str]
    restriction: str | None
    restriction_es: str | None  # in Spanish, when recorded (readers fall back to the English)


class Discrepancy(TypedDict):
    citation: Citation
    says: str
    statute: str
    authoritative: str
    why: str
    statute_es: str | None  # in Spanish, when recorded (readers fall back to the English)
    why_es: str | None
    verdict: DiscrepancyVerdict  # contradicts: the source is wrong; incomplete: right, but leaves out


DiscrepancyVerdict = Literal["contradicts", "incomplete"]


class RequirementRef(TypedDict):
    id: str
    label: str
    kind: str
    summary: str
    summary_es: str | None  # the summary in Spanish, when recorded (readers fall back to summary)


class ProvisionLinks(TypedDict):
    """What a provision's version in force refers to, implements and extends jurisdiction over,
    and what refers to the provision on the date (part of ProvisionShow)."""

    refers_to: list[RefersTo]
    referred_by: list[Labelled]
    implements: list[Implements]
    extends_jurisdiction: list[JurisdictionExtension]


class ProvisionShow(TypedDict):
    """`show` of a provision (and each version on the site, with `versions` left empty)."""

    id: str
    kind: Literal["provision"]
    instrument: str
    instrument_title: Text | None
    number: str
    label: str
    title: Text
    section: Text | None
    as_of: str
    in_force: bool | None
    state: State
    came_into_force: str | None
    recorded_from: str | None
    repealed_on: str | None
    in_force_since_before: bool
    before: str | None
    before_es: str | None
    version: VersionWindow | None
    summary: str | None
    summary_es: str | None  # the summary in Spanish, when recorded (readers fall back to summary)
    offences: list[OffenceWithAccessories]
    refers_to: list[RefersTo]
    referred_by: list[Labelled]
    implements: list[Implements]
    extends_jurisdiction: list[JurisdictionExtension]
    sources: list[Citation]
    discrepancies: list[Discrepancy]
    versions: list[VersionEntry]
    requirements: list[RequirementRef]
    instrument_status: InstrumentStatus | None
    themes: list[str]
    note: str | None  # what of the typed reference was not matched
    part: str | None  # the inciso or párrafo asked for ("inc. 2"), which the article has
    part_offences: list[str]  # the ids of the offences in force of that part


class RequirementShow(TypedDict):
    """`show` of a treaty or benchmark requirement."""

    id: str
    kind: Literal["requirement"]
    instrument: str
    article: str | None
    label: str
    title: Text | None
    as_of: str
    requirement_kind: str
    mandatory: bool
    summary: str
    summary_es: str | None  # the summary in Spanish, when recorded (readers fall back to summary)
    conduct: list[str]
    victim_age: AgeBand | None
    nexus: list[str]
    implemented_by: list[Labelled]
    instrument_status: InstrumentStatus
    sources: list[Citation]
    note: str | None


class InstrumentShow(TypedDict):
    """`show` of a code, law or treaty named alone ('Ley 26.364', 'OPSC'): what it is, where the
    State stood with it on the date, its articles in the corpus and the article versions it made."""

    id: str
    kind: Literal["instrument"]
    instrument_kind: str  # code | law | treaty | benchmark | review
    label: str
    title: Text
    number: str | None
    adopted: str | None
    published: str | None
    gazette: str | None  # where it was published on that date ("D.O.", "B.O."), from its cited text
    in_force: str | None
    as_of: str
    summary: str | None
    summary_es: str | None  # the summary in Spanish, when recorded (readers fall back to summary)
    note: str | None
    note_es: str | None
    instrument_status: InstrumentStatus
    articles: list[Labelled]  # its own articles the corpus records
    made: list[MadeVersion]  # the versions of articles it made
    sources: list[Citation]


Show = ProvisionShow | RequirementShow | InstrumentShow


# ---------------------------------------------------------------------------------------------
# penalty, search, validate


class PenaltyVersion(TypedDict):
    version: VersionWindow
    summary: str | None  # the version's summary (a repealing one says where its content went)
    summary_es: str | None  # its Spanish text, when recorded
    offences: list[OffenceWithAccessories]


class PenaltyAnswer(TypedDict):
    """`penalty REF` (with `history`, a row per version). `title` is the version's title on
    the date when it has one, else the provision's (as `show` gives it)."""

    id: str
    label: str
    title: Text
    as_of: str
    in_force: bool | None
    state: State
    came_into_force: str | None
    repealed_on: str | None
    history: bool
    versions: list[PenaltyVersion]
    part: str | None  # the inciso asked for: only its offences are listed
    note: str | None  # what of the typed reference was not matched, or was read as another article


class YearsRange(TypedDict):
    """A penalty's range in years (months and days as fractions of a year), to set the
    offences of States that count in different units side by side."""

    min: float | None
    max: float | None  # null: life
    life: bool


class RuleCited(TypedDict):
    provision: str
    label: str
    version_from: str
    summary: str


class LimitationTerm(TypedDict):
    """How an offence prescribes on the date: imprescriptible, or in a period (from the facts or
    from the victim's majority), with the rules that say so; period null where no rule in force
    gives one for this penalty."""

    regime: Literal["imprescriptible", "from-majority", "ordinary"]
    period: str | None
    period_text: str | None
    rules: list[RuleCited]


class ConductOffence(TypedDict):
    provision: str
    label: str
    jurisdiction: str
    version: VersionWindow
    offence: Offence
    years: YearsRange
    limitation: LimitationTerm
    extradition: list[CodeThreshold]


class ConductSideBySide(TypedDict):
    conduct: str
    label: str
    offences: dict[str, list[ConductOffence]]  # jurisdiction id -> its offences with the conduct


class RequirementCompared(TypedDict):
    instrument: str
    requirement: str
    label: str
    statuses: dict[str, MatrixStatus]  # jurisdiction id -> the matrix cell's status


class StatesCompareAnswer(TypedDict):
    """`compare DATE --jurisdiction cl,ar`: several States' law on one date, side by side: each
    conduct's offences in each State, and the requirements on which they stand differently."""

    as_of: str
    jurisdictions: list[Jurisdiction]
    conducts: list[ConductSideBySide]
    requirements_differ: list[RequirementCompared]
    requirements_alike: int


class ConductAnswer(TypedDict):
    """`penalty --conduct TAG`: every offence with the conduct, in one State or side by side."""

    conduct: str
    conduct_label: str
    as_of: str
    jurisdictions: list[Jurisdiction]
    offences: list[ConductOffence]


class Matched(TypedDict):
    field: str
    text: str


class SearchHit(TypedDict):
    id: str
    label: str
    score: float
    matched: Matched
    kind: Literal["provision", "requirement", "instrument"]
    title: Text
    in_force: bool | None  # null for a requirement or an instrument
    state: State | None


class SearchAnswer(TypedDict):
    query: str
    as_of: str
    results: list[SearchHit]


class Summary(TypedDict):
    """`validate`: what a valid corpus holds."""

    valid: bool
    instruments: int
    provisions: int
    versions: int
    requirements: int
    sources: int


# ---------------------------------------------------------------------------------------------
# age, refs, extradition, coverage


class AgeRow(TypedDict):
    provision: str
    label: str
    version: VersionWindow
    unconditional: bool
    via: Literal["offence", "aggravated"]
    offence: Offence


class AgeAnswer(TypedDict):
    age: int
    as_of: str
    minor: bool
    offences: list[AgeRow]
    not_recorded: list[Unrecorded]


class RefsNode(TypedDict):
    """A node of the cross-reference tree; a provision met again is a leaf marked cycle or repeat."""

    id: str
    provision: str
    label: str
    relation: str  # root | refers-to | extends-jurisdiction-to | rule:<kind>
    why: str | None
    why_es: str | None  # in Spanish, when recorded (readers fall back to the English)
    in_force: bool | None
    state: State
    cycle: bool
    repeat: bool
    children: list[RefsNode]


class RefsAnswer(TypedDict):
    id: str
    label: str
    as_of: str
    reverse: bool
    depth: int
    truncated: bool
    tree: RefsNode


class Threshold(TypedDict):
    bound: str  # minimum | maximum | midpoint | any-degree
    comparison: str  # > | >=
    duration: str


class CodeThreshold(TypedDict):
    provision: str
    label: str
    direction: str | None
    governs_facts_of_date: bool
    threshold: Threshold
    qualifies: bool
    why: str
    summary: str


class TreatyTerms(TypedDict):
    treaty: str
    label: str
    status: InstrumentStatus
    applicable: bool
    qualifies: bool | None
    double_criminality: bool | None
    verified: bool
    threshold: Threshold | None  # the penalty the treaty asks for, where it states one
    meets: bool | None  # whether the offence's penalty reaches it (null: no threshold stated)
    why: list[str]
    sources: list[Citation]


class ExtraditionOffence(TypedDict):
    offence: str
    label: str
    penalty: Penalty
    codes: list[CodeThreshold]
    treaties: list[TreatyTerms]


class ExtraditionAnswer(TypedDict):
    id: str
    label: str
    as_of: str
    in_force: bool | None
    state: State
    recorded_from: str | None
    offences: list[ExtraditionOffence]
    not_recorded: list[Unrecorded]


class CoverageAssessment(TypedDict):
    id: str
    status: FindingStatus
    title: str
    titles: Text  # the short title in each language (`title` is the English one)


class CoveragePart(TypedDict):
    """A labelled cell: a provision, how far it meets the requirement, and the part of the
    requirement (a conduct, or a finding's title) it is about."""

    provision: str
    label: str
    status: CellStatus
    about: Text
    finding: str


class CoverageRow(TypedDict):
    id: str
    label: str
    kind: str
    summary: str
    summary_es: str  # the Spanish summary, or the English one where the corpus has none yet
    status: RequirementStatus
    assessments: list[CoverageAssessment]
    cells: dict[str, CellStatus]  # provision id -> its part in meeting the requirement (the weakest)
    parts: list[CoveragePart]  # the same, per finding: which part of the requirement each meets


MatrixStatus = Literal["gap", "partial", "met", "not-recorded", "not-assessed"]


class MatrixFinding(TypedDict):
    id: str
    status: MatrixStatus
    title: str
    title_es: str | None
    evidence: list[Evidence]
    recommendation: str


class MatrixCell(TypedDict):
    status: MatrixStatus  # the worst of its findings'; not-assessed when no rule assesses it
    findings: list[MatrixFinding]


class MatrixRow(TypedDict):
    id: str
    label: str
    kind: str
    summary: str
    cells: dict[str, MatrixCell]  # jurisdiction id -> what the gap rules found for it


class MatrixColumn(TypedDict):
    id: str
    label: str
    assessable: bool  # false before the corpus records any of the State's law


class MatrixTable(TypedDict):
    """One instrument's requirements × States."""

    instrument: str
    label: str
    title: str
    title_es: str | None
    statuses: dict[str, InstrumentStatus]  # jurisdiction id -> its standing in the instrument
    requirements: list[MatrixRow]


class MatrixAnswer(TypedDict):
    """`matrix`: instruments' requirements × States, each cell traceable to its findings."""

    as_of: str
    jurisdictions: list[MatrixColumn]
    instruments: list[MatrixTable]


class CoverageAnswer(TypedDict):
    """`coverage INSTRUMENT`: the requirement × provision matrix."""

    instrument: str
    label: str
    as_of: str
    instrument_status: InstrumentStatus
    provisions: list[Labelled]
    requirements: list[CoverageRow]
    not_recorded: list[Unrecorded]


# ---------------------------------------------------------------------------------------------
# compare


class Law(TypedDict):
    id: str
    label: str
    date: str


class LawWithProvisions(Law):
    provisions: list[str]  # labels of the provisions it changed


class _ChangedProvision(TypedDict):
    id: str
    label: str
    laws: list[Law]
    summary: str | None


class ChangedProvision(_ChangedProvision, total=False):
    earlier_text_not_recorded: bool  # only on an amendment whose amended text is not recorded


class FirstRecorded(TypedDict):
    id: str
    label: str
    recorded_from: str


class ProvisionChanges(TypedDict):
    added: list[ChangedProvision]
    amended: list[ChangedProvision]
    repealed: list[ChangedProvision]
    first_recorded: list[FirstRecorded]


class Range(TypedDict):
    """A penalty as compare shows it: its name, bounds and bounds as text."""

    text: str
    min: str | None
    max: str | None
    life: bool
    range: str  # in English; a renderer words min, max and life in the reader's language


class PenaltyChange(TypedDict):
    offence: str
    label: str
    before: Range
    after: Range
    laws: list[Law]


class AgeChange(TypedDict):
    offence: str
    label: str
    before: str  # in English ("12 and over"); before_age and after_age are the bands
    after: str
    before_age: AgeBand
    after_age: AgeBand
    laws: list[Law]


class Transition(TypedDict):
    """A finding whose status changed between the dates, and the law(s) that changed it."""

    id: str
    title: str
    title_es: str
    before: TransitionStatus
    after: TransitionStatus
    laws: list[LawWithProvisions]


class Transitions(TypedDict):
    opened: list[Transition]
    closed: list[Transition]
    changed: list[Transition]


Horizons = TypedDict("Horizons", {"from": list[Unrecorded], "to": list[Unrecorded]})

CompareAnswer = TypedDict(
    "CompareAnswer",
    {
        "from": str,
        "to": str,
        "provisions": ProvisionChanges,
        "not_recorded": Horizons,
        "penalties_changed": list[PenaltyChange],
        "age_thresholds_changed": list[AgeChange],
        "gaps": Transitions,
        "laws": list[LawWithProvisions],
    },
)


# ---------------------------------------------------------------------------------------------
# gaps


class Evidence(TypedDict):
    """What made a rule fire: a provision's version (or a treaty) and what it shows; provision,
    label and version are null for what the corpus lacks ("no offence in force ...")."""

    provision: str | None
    label: str | None
    version: VersionWindow | None
    shows: str
    shows_es: str  # what it shows, in Spanish
    sources: list[Citation]


class RecommendationMade(TypedDict):
    """A recommendation made to the State (UPR, treaty bodies) about what a finding concerns."""

    id: str
    review: str
    review_title: str
    made: str | None
    recommending: list[str]
    accepted: bool | None
    summary: str
    summary_es: str | None  # the Spanish summary where the corpus records one
    concerns: list[str]
    met_on: str | None
    sources: list[Citation]


class FindingRequirement(TypedDict):
    id: str
    label: str
    kind: str
    mandatory: bool
    summary: str
    summary_es: str  # the Spanish summary, or the English one where the corpus has none yet
    conduct: list[str]  # the conducts it asks about (a finding may answer one of many)
    instrument: str
    sources: list[Citation]


Band = TypedDict(
    "Band",
    {"from": int, "under": int, "status": BandStatus, "offences": list[str], "through_other_offences": bool},
)


class _OffenceDetails(TypedDict):
    status: FindingStatus


class OffenceDetails(_OffenceDetails, total=False):
    """A finding's verdict on one offence of its conduct (jurisdiction, extradition, limitation)."""

    nexus: dict[str, str]  # nexus -> full | partial | restricted | none
    fails: list[str]  # the thresholds it does not reach
    regime: str  # imprescriptible | from-majority | ordinary


FindingDetails = TypedDict(
    "FindingDetails",
    {
        "conduct": str,
        "bands": list[Band],
        "why": str,
        "age": int | None,
        "offences": dict[str, OffenceDetails],
        "treaties": list[str],
        "covered": list[str],
        "uncovered": list[str],
        "from": str,
        "to": str,
        "would_be": FindingStatus,
        "not_recorded": list[Unrecorded],
        "conducts": list[str],
        "merged": list[str],
    },
    total=False,
)
"""What a rule found, in its own terms: each rule writes the keys it has (coverage: conduct and
bands; a per-conduct rule: conduct and offences; ...); a finding that cannot be assessed says
what it `would_be` and which provisions are `not_recorded`."""


class Finding(TypedDict):
    id: str
    rule: str
    status: FindingStatus
    title: str
    recommendations: list[RecommendationMade]
    requirement: FindingRequirement | None  # null for internal consistency (dead references)
    also_required_by: list[FindingRequirement]
    instrument_status: InstrumentStatus | None
    conduct: str | None
    subject: str
    details: FindingDetails
    evidence: list[Evidence]
    recommendation: str
    sources: list[Citation]
    # a short sentence in each language (`title` is the English one), and the rule's own detail
    titles: Text
    detail: str
    detail_lines: dict[str, list[str]]  # per language: what the title rests on, a line each
    conduct_labels: dict[str, list[str]]  # per language: the conducts it is about
    recommendation_es: str  # `recommendation` in Spanish
    binding: bool  # its requirement is a treaty's (else a benchmark's, or none)
    merged: list[str]  # the ids of the findings stating the same fact that this one stands for


class Jurisdiction(TypedDict):
    id: str
    label: str


class _BillPart(TypedDict, total=False):
    bill_changes: BillChanges  # only with --overlay: what the bill would change in the list


class GapsAnswer(_BillPart):
    """`gaps`: the findings that are not met, and those the corpus cannot assess."""

    as_of: str
    jurisdiction: Jurisdiction
    title: Text
    against: list[str] | None
    assessable: bool
    findings: list[Finding]
    not_assessed: list[Finding]
    provenance: Provenance


class BillChange(TypedDict):
    id: str
    title: str
    titles: dict[str, str]
    before: str | None  # its status without the bill (null: not in the list)
    after: str | None  # ... and with it


class BillChanges(TypedDict):
    closed: list[BillChange]
    opened: list[BillChange]
    changed: list[BillChange]


class Provenance(TypedDict):
    """What a reader needs to judge the report's currency."""

    lawbase: str  # lawbase's version
    as_of: str
    sources_checked: str | None  # the newest date a source cited was checked against its text


# ---------------------------------------------------------------------------------------------
# graph

NodeKind = Literal[
    "instrument", "source", "provision", "version", "offence", "penalty", "age", "requirement",
    "recommendation",
]  # fmt: skip

EdgeType = Literal[
    "part-of", "has-version", "amended-by", "defines-offence", "punished-by", "protects-age",
    "refers-to", "implements", "extends-jurisdiction-to", "applies-to", "extraditable-under",
    "requirement-of", "recommends", "cites",
]  # fmt: skip


class _GraphNode(TypedDict):
    id: str  # kind-prefixed: inst:, src:, prov:, ver:, off:, pen:, age:, req:, rec:
    kind: NodeKind
    label: str


class GraphNode(_GraphNode, total=False):
    """A node of the graph, with the attributes of its kind."""

    subkind: str  # an instrument's or a requirement's kind
    state: State  # a provision's, on the graph's date
    start: str  # a version's first day
    conduct: str  # an offence's conduct tags, comma-separated
    conditions: str  # and its conditions


class _GraphEdge(TypedDict):
    source: str
    target: str
    type: EdgeType


class GraphEdge(_GraphEdge, total=False):
    """An edge between two nodes' ids, with the attributes of its type."""

    ref: str  # refers-to, extends-jurisdiction-to, applies-to: the id the statute cites
    why: str  # refers-to
    nexus: str  # extends-jurisdiction-to, comma-separated
    part: str  # extends-jurisdiction-to
    rule: str  # applies-to: the rule's kind
    pinpoint: str  # cites


class GraphShape(TypedDict):
    """`graph --format json`: the graph of the law on a date, which every graph format draws."""

    as_of: str | None
    nodes: list[GraphNode]
    edges: list[GraphEdge]


# ---------------------------------------------------------------------------------------------
# site


class SiteResult(TypedDict):
    outdir: str
    as_of: str
    pages: int


class SiteIndexEntry(TypedDict):
    """One page in the site's search index (search-index.js), short keys to keep it small."""

    u: str  # the page
    l: str  # its label  # noqa: E741
    n: str  # the article number, folded, for an exact match
    t: str  # its title
    k: str  # every word it may be found by, folded


# ---------------------------------------------------------------------------------------------
# case: the law that applies to given facts

Comparison = Literal["lighter", "heavier", "same", "mixed", "repealed", "carried-over", "unmatched"]
GoverningReason = Literal["law-at-facts", "more-lenient-later-law"]
LimitationRegime = Literal["imprescriptible", "from-majority", "ordinary"]


class CaseNote(TypedDict):
    """A sentence for the reader, in English and Spanish (what the corpus cannot decide)."""

    text: str
    text_es: str


class CaseLaterLaw(TypedDict):
    """A version that came into force between the facts and the judgment, on the offence's line
    (its own article, or the one a carried-over rule says took it over)."""

    provision: str
    label: str
    version: VersionWindow
    offence: Offence | None  # null: repealed, or no offence of it is this one
    offence_label: str | None
    carried_over: bool  # reached through a carried-over rule (a renumbering)
    aggravated_form: bool  # `offence` is the later aggravated form the facts' own conditions moved to
    compared: Comparison  # its penalty against the penalty at the facts
    changed: bool  # this law changed the offence's penalty (false: it left it as the law before had it)


CaseGoverning = TypedDict(
    "CaseGoverning",
    {
        "provision": str,
        "label": str,
        "version": VersionWindow,
        "offence": Offence,
        "offence_label": str,
        "reason": GoverningReason,
        "class": str | None,  # the class of its penalty (crimen, simple-delito ...), from the scale
    },
)
"""The law the case is judged under, and why."""


class CaseAggravation(TypedDict):
    """An aggravation that attaches if its facts are proven: a rule of another provision (penalty
    null: its summary says how it changes the penalty) or the offence's own aggravated form."""

    provision: str
    label: str
    summary: str
    summary_es: str | None
    penalty: Penalty | None
    conditions: list[str]
    condition_labels: list[Text]  # the conditions in words, in both languages


class CaseLimitation(TypedDict):
    """Limitation under the law of the facts."""

    regime: LimitationRegime
    period: str | None  # ISO duration
    period_text: str | None
    runs_from: str | None  # the day the period starts (the facts, or the victim's 18th birthday)
    runs_out: str | None  # the day it ends, before suspension or interruption
    judgment_within: bool | None  # the judgment falls before it runs out (true: imprescriptible)
    depends_on_victim_age: bool  # the regime turns on the victim's age, which was not given
    rule: CaseRule | None  # the rule that sets the regime apart from the ordinary one, and its terms


class CaseRule(TypedDict):
    provision: str
    label: str
    summary: str
    summary_es: str | None


class CaseExtradition(TypedDict):
    codes: list[CodeThreshold]
    treaties: list[TreatyTerms]


class CaseOffence(TypedDict):
    offence: Offence  # as it stood on the date of the facts
    label: str
    victim_fits: bool | None  # the victim's age is within the offence's band (null: not given)
    later_laws: list[CaseLaterLaw]
    governing: CaseGoverning
    aggravations: list[CaseAggravation]
    accessories: list[Accessory]
    limitation: CaseLimitation
    extradition: CaseExtradition
    trace: list[Evidence]  # every step, with the provision version and sources that decide it
    cannot_decide: list[CaseNote]


class CaseOtherOffence(TypedDict):
    """An offence in force on the date of the facts with the article's conduct."""

    offence: str
    label: str
    name: Text
    version: VersionWindow
    conduct: list[str]


class CaseAnswer(TypedDict):
    """`lawbase case REF --facts DATE [--judgment DATE] [--victim-born DATE] --json`."""

    ref: str
    id: str
    label: str
    title: Text | None
    jurisdiction: str
    facts: str
    judgment: str
    victim_born: str | None
    victim_age: int | None  # on the date of the facts
    state_at_facts: State
    version_at_facts: VersionWindow | None
    came_into_force: str | None
    offences: list[CaseOffence]
    same_conduct: list[CaseOtherOffence]  # when the article had no offence on the date of the facts
    cannot_decide: list[CaseNote]
    class_labels: dict[str, Text]  # each offence class named in the answer, by its scale's words


# ---------------------------------------------------------------------------------------------
# check: a text's claims about the law

Verdict = Literal["agrees", "contradicts", "cannot-tell"]


class PenaltyBounds(TypedDict):
    min: str
    max: str


ClaimKind = Literal["penalty", "jurisdiction", "offence", "recorded"]


class CheckedClaim(TypedDict):
    """One claim a text makes about the law, and what the law on the date says of it."""

    line: int  # the line of the file the sentence starts on
    sentence: str
    kind: ClaimKind
    claim: str  # the words tested ("article 365: from 61 days to three years and one day")
    verdict: Verdict
    provision: str | None  # the provision whose version decides it
    label: str | None
    version: VersionWindow | None
    statute: str | None  # what the law says, in English
    statute_es: str | None  # ... and in Spanish
    suggestion: str | None  # a correction: the range, or the article, the text should give
    suggestion_es: str | None  # ... in Spanish
    claimed: PenaltyBounds | None  # the penalty the text gives, as ISO durations
    discrepancy: Discrepancy | None  # the corpus's own reading of this claim, when recorded
    sources: list[Citation]


CheckCounts = TypedDict("CheckCounts", {"agrees": int, "contradicts": int, "cannot-tell": int})
"""How many claims got each verdict."""


class CheckAnswer(TypedDict):
    """`lawbase check FILE --as-of DATE --json`."""

    file: str
    as_of: str
    jurisdiction: str
    claims: list[CheckedClaim]
    counts: CheckCounts


class Hypothetical(TypedDict):
    """`hypothetical` in every JSON answer given with --overlay: the bill tried, and from when."""

    bill: str  # its instrument id
    reference: str  # e.g. "Boletín N° 14.440-07"
    title: Text
    as_if_from: str | None  # the date it is tried as law from
    provisions: list[str]  # the provisions it makes versions of
    sources: list[Citation]  # the public source describing it
