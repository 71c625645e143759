"""Gap analysis: each requirement assessed against the law in force on a date.

Every assessment is computed from data, never typed in, by the rules registered in this package
(registry.py), one module per family: coverage (a conduct an offence for every child of an age
band), marriage (the minimum age for marriage), jurisdiction (over offences committed abroad,
per nexus), extradition (extraditability, double criminality), limitation, legal_persons
(corporate liability), equality (unequal treatment by sex), references (rules citing a
provision no longer in force) and implementation (requirements only a provision that claims
to meet them can meet).

`assess` runs every rule on the requirements selected, regroups per-offence findings by
conduct, makes a finding that unrecorded law may answer "not assessable" (honest.py), merges
the assessments that reach the same conclusion about the same subject for several requirements
into one finding that lists every requirement (treaties first, then benchmarks), and orders
them: gaps, partial, unknown, met. To add a rule, add a module with a function decorated with
`@rule(...)` and import it below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from lawbase.kb import KnowledgeBase
from lawbase.model import Requirement
from lawbase.scope import assessed, scoped

# the rule modules register their rules when imported
from . import (  # noqa: F401
    coverage,
    equality,
    extradition,
    implementation,
    jurisdiction,
    legal_persons,
    limitation,
    marriage,
    references,
)
from .common import instrument_rank
from .findings import finding, recommendations
from .honest import honest, not_assessable
from .registry import RULES, Assessment, Evidence, FindingStatus, rule, silent_when_met
from .wording import merge_same_fact

if TYPE_CHECKING:
    from lawbase.shapes import GapsAnswer

__all__ = [
    "RULES",
    "Assessment",
    "Evidence",
    "assess",
    "finding",
    "gaps",
    "met_by_silence",
    "not_assessable",
    "recommendations",
    "records_law",
    "rule",
    "silence_title",
    "silent_when_met",
]

ORDER: dict[FindingStatus, int] = {"gap": 0, "partial": 1, "unknown": 2, "met": 3}  # worst first


def assess(
    kb: KnowledgeBase,
    as_of: dt.date,
    against: Iterable[str] | None = None,
    rules: Iterable[str] | None = None,
) -> list[Assessment]:
    """Every assessment (met ones included) for the requirements of `against` (default: all),
    made by the gap rules named in `rules` (default: all). A finding is one rule's, so asking
    fewer rules changes no finding they make (`compare` follows a finding back in time this way)."""
    kb = scoped(kb)
    chosen = set(against) if against else None
    reqs = [r for r in kb.requirements.values() if chosen is None or r.instrument in chosen]
    out: list[Assessment] = []
    only = set(rules) if rules is not None else None
    for registered in RULES.values():
        if only is not None and registered.name not in only:
            continue
        mine = [r for r in reqs if registered.selects(r)]
        found = registered.run(kb, as_of, mine)
        out += _by_conduct(kb, found, mine) if registered.group_by_conduct else found
    return _merge(kb, [honest(kb, as_of, a) for a in out if chosen is None or a.requirements])


def _by_conduct(kb: KnowledgeBase, items: list[Assessment], reqs: list[Requirement]) -> list[Assessment]:
    """Per-offence assessments of one rule regrouped by conduct, the way advocates speak of them
    ("no extraterritorial jurisdiction over the client offence"), so that a conduct can be
    followed across reforms that renumber its offences."""
    out = []
    for conduct in dict.fromkeys(c for r in reqs for c in r.conduct):
        parts = [a for a in items if conduct in a.details.get("conduct_tags", ())]
        if not parts:
            continue
        rule_name = parts[0].rule
        status = min((a.status for a in parts), key=lambda st: ORDER[st])
        weak = [a for a in parts if a.status != "met"]
        heading = RULES[rule_name].heading_for(kb.vocabulary.conduct.get(conduct, conduct))
        title = heading + (": " + "; ".join(a.title for a in weak) if weak else "")
        recommendation = " ".join(dict.fromkeys(a.recommendation for a in weak if a.recommendation))
        evidence_rows: list[Evidence] = []
        seen: set[tuple[Any, ...]] = set()
        for a in parts:
            for e in a.evidence:
                v = e["version"]
                key = (e["provision"], v["from"] if v else None, e["shows"])
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
                rule_name,
                conduct,
                status,
                title,
                recommendation,
                relevant,
                evidence_rows,
                details,
                provisions,
            )
        )
    return out


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
        a.requirements.sort(key=lambda r: instrument_rank(kb, r))
    return sorted(merged.values(), key=lambda a: (ORDER.get(a.status, 9), a.rule, a.subject))


def met_by_silence(r: Requirement) -> bool:
    """Whether a requirement no finding is about is met: every rule that assesses it says
    nothing when it is met (extraditability, for one), and at least one does assess it."""
    chosen = [g for g in RULES.values() if g.decides and g.selects(r)]
    return bool(chosen) and all(g.silent_when_met for g in chosen)


def silence_title(lang: str) -> str:
    """What a requirement met by silence rests on, for a reader in `lang`: no rule assessing it
    finds anything in force on the date that falls short."""
    from lawbase import i18n

    with i18n.use(lang):
        return i18n.t("Met: nothing in force on the date falls short of it")


def records_law(kb: KnowledgeBase, as_of: dt.date) -> bool:
    """Whether the corpus records any of the State's own law on the date: before it does, there
    is nothing to assess, and every finding would read silence as absence."""
    home = assessed(kb)
    return any(
        pit.state in ("in-force", "repealed")
        and kb.instruments[pit.provision.instrument].jurisdiction == home
        for pit in kb.points_at(as_of)
    )


def gaps(kb: KnowledgeBase, as_of: dt.date, against: Iterable[str] | None = None) -> GapsAnswer:
    """The gap list: every finding that is not met, as `lawbase gaps --json` prints it."""
    kb = scoped(kb)
    every = assess(kb, as_of, against)
    found = merge_same_fact([a for a in every if a.status in ("gap", "partial")])
    unknown = [a for a in every if a.status == "unknown"]
    home = assessed(kb)
    assessable = records_law(kb, as_of)
    if not assessable:  # then every finding would read silence as absence
        for a in found:
            not_assessable(kb, a)
        found, unknown = [], found + unknown
    label = kb.vocabulary.jurisdictions.get(home, home)
    title = kb.settings.report_title
    findings = [finding(kb, a, as_of) for a in found]
    not_assessed = [finding(kb, a, as_of) for a in unknown]
    checked = [s["checked"] for f in findings + not_assessed for s in f["sources"] if s.get("checked")]
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
        "findings": findings,
        "not_assessed": not_assessed,
        "provenance": {
            "lawbase": _version(),
            "as_of": as_of.isoformat(),
            "sources_checked": max(checked) if checked else None,
        },
    }


def _version() -> str:
    import lawbase

    return lawbase.__version__
