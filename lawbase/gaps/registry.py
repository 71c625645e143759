"""The gap rules and what each one is: a rule is a function registered with `@rule`.

A rule reads the law in force on a date and assesses the selected requirements of its kinds
(requirement kinds are declared in data/vocabulary.yaml). It returns assessments; the engine
(`lawbase.gaps.assess`) runs every registered rule, regroups, merges and orders what they find.
What the engine and `compare` need to know about a rule is declared here, once:

* `heading`: what the rule is about, without a verdict ("Limitation of {label}", `{label}` being
  the conduct's label and `{Label}` the same capitalised); it titles the per-conduct findings
  and the findings the corpus cannot assess;
* `group_by_conduct`: the rule assesses each offence, and its findings are regrouped by conduct;
* `silent_when_met`: the rule says nothing when the requirement is met, so a finding it does not
  make on a date is a met one (for `compare`);
* `select`: which requirements of its kinds it assesses (default: all);
* `reads`: what law the rule reads, so that a provision the corpus does not record on the date,
  but which may answer the question, makes a would-be finding "not assessable";
* `decides`: whether the rule says if its requirements are met (False for a consistency check
  such as a reference to a repealed article, whose silence says nothing of the requirement).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lawbase.model import Requirement
from lawbase.shapes import Evidence as Evidence  # the rules import these two from here
from lawbase.shapes import FindingStatus as FindingStatus

if TYPE_CHECKING:
    from lawbase.kb import KnowledgeBase

JSON = dict[str, Any]  # what a rule found, in its own terms: a finding's `details` (shapes.FindingDetails)


@dataclass
class Assessment:
    """One requirement (or several) assessed on one subject: met, partial or gap."""

    rule: str
    subject: str  # the conduct, offence or topic assessed
    status: FindingStatus  # unknown: when the corpus cannot assess it
    title: str
    recommendation: str
    requirements: list[Requirement] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    details: JSON = field(default_factory=dict)
    provisions: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.subject}"


@dataclass(frozen=True)
class Reads:
    """The law a rule reads: rules of these kinds, jurisdiction rules, the offences of the conduct
    it is about."""

    rule_kinds: frozenset[str] = frozenset()
    jurisdiction: bool = False
    conduct: bool = False


RuleFunction = Callable[["KnowledgeBase", dt.date, list[Requirement]], list[Assessment]]


@dataclass(frozen=True)
class GapRule:
    """A registered rule and what the engine needs to know about it."""

    name: str
    kinds: frozenset[str]
    run: RuleFunction
    heading: str | None = None
    group_by_conduct: bool = False
    silent_when_met: bool = False
    select: Callable[[Requirement], bool] | None = None
    reads: Reads | None = None
    decides: bool = True

    def selects(self, r: Requirement) -> bool:
        return r.kind in self.kinds and (self.select is None or self.select(r))

    def heading_for(self, label: str) -> str:
        """The heading, for a conduct labelled `label`."""
        assert self.heading is not None
        return self.heading.format(label=label, Label=label[:1].upper() + label[1:])


RULES: dict[str, GapRule] = {}


def rule(
    name: str,
    kinds: Collection[str],
    *,
    heading: str | None = None,
    group_by_conduct: bool = False,
    silent_when_met: bool = False,
    select: Callable[[Requirement], bool] | None = None,
    reads: Reads | None = None,
    decides: bool = True,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under `name` (the `rule` of its findings)."""

    def register(run: RuleFunction) -> RuleFunction:
        if name in RULES:
            raise ValueError(f"gap rule '{name}' is registered twice")
        RULES[name] = GapRule(
            name, frozenset(kinds), run, heading, group_by_conduct, silent_when_met, select, reads, decides
        )
        return run

    return register


def silent_when_met() -> tuple[str, ...]:
    """The rules whose silence on a date means the requirement is met."""
    return tuple(r.name for r in RULES.values() if r.silent_when_met)
