"""How a finding is titled for a reader: a short sentence a person writes, in the reader's
language ("Chilean courts have no jurisdiction over the possession offence committed abroad
when the offender has habitual residence in the State"), with the per-offence, per-nexus detail
left to the finding's body. The State's name and courts come from its jurisdiction file.

And how findings that state one fact are merged: the per-conduct findings of one rule that rest
on the same offences with the same verdict (the five conducts of CP art. 374 bis, say, each
prescribing under the ordinary rules) are one finding listing the conducts.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lawbase import i18n
from lawbase.i18n import t
from lawbase.kb import KnowledgeBase
from lawbase.scope import assessed

from .registry import RULES, Assessment

TITLE_MAX = 160

# who or against whom an offence abroad is committed, as a title says it (the nexus's full label
# is in the finding's body)
_BY = {
    "offender-nationality": "by a national",
    "offender-residence": "by a resident",
    "victim-nationality": "against a national",
}  # characters: a title fits a line of a summary table's cell in a few lines


def _state(kb: KnowledgeBase) -> str:
    home = assessed(kb)
    return kb.vocabulary.label("jurisdictions", home, i18n.current()) if home else ""


def courts(kb: KnowledgeBase) -> str:
    """'Chilean courts', from the jurisdiction's file (its Spanish when there is one)."""
    home = assessed(kb)
    j = kb.countries.get(home)
    if j is not None:
        return j.courts.best(i18n.current())
    return t("the courts of {state}", state=_state(kb))


def conduct_label(kb: KnowledgeBase, tag: str) -> str:
    return kb.vocabulary.label("conduct", tag, i18n.current())


def provision_labels(kb: KnowledgeBase, a: Assessment) -> list[str]:
    """The provisions of a per-conduct finding's offences that fall short, without part keys."""
    offences = a.details.get("offences", {})
    weak = [o for o, d in offences.items() if d.get("status") != "met"] or list(offences)
    return list(dict.fromkeys(kb.label(kb.provision_of(o)) for o in weak))


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return t("{a} and {b}", a=", ".join(items[:-1]), b=items[-1])


def _or(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return t("{a} or {b}", a=", ".join(items[:-1]), b=items[-1])


def _subject(kb: KnowledgeBase, a: Assessment) -> str:
    """What a per-conduct finding is about: the conduct, or, merged, the offences of its provisions."""
    conducts = a.details.get("conducts") or [a.details.get("conduct") or a.subject]
    if len(conducts) == 1:
        return conduct_label(kb, conducts[0])
    return t("the offences of {provisions}", provisions=_and(provision_labels(kb, a)))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


CRITERIA = re.compile(r"\bcriteria (?=\d)")


def requirement_label(kb: KnowledgeBase, rid: str) -> str:
    """A requirement's label as a sentence uses it: "ICMEC criterion 5", not "criteria 5"."""
    return CRITERIA.sub(t("criterion") + " ", kb.label(rid))


def headline(kb: KnowledgeBase, a: Assessment) -> str:
    """The finding's title in the reader's language (see the module docstring)."""
    state = _state(kb)
    d = a.details
    if a.rule == "coverage" and a.status in ("gap", "partial"):
        label = conduct_label(kb, a.subject)
        if a.status == "gap":
            return t("The law of {state} contains no offence of {conduct}", state=state, conduct=label)
        return t(
            "The law of {state} makes {conduct} an offence only in part",
            state=state,
            conduct=label,
        )
    if a.rule == "jurisdiction" and a.status in ("gap", "partial"):
        subject = _subject(kb, a)
        none = [
            n
            for n in dict.fromkeys(n for o in d.get("offences", {}).values() for n in o.get("nexus", {}))
            if any(o.get("nexus", {}).get(n) == "none" for o in d.get("offences", {}).values())
        ]
        every = {n for o in d.get("offences", {}).values() for n in o.get("nexus", {})}
        if a.status == "gap" and none and set(none) == every:
            return t(
                "{courts} have no jurisdiction over {subject} committed abroad",
                courts=_cap(courts(kb)) if i18n.current() == "en" else courts(kb),
                subject=subject,
            )
        if a.status == "gap" and none:
            return t(
                "{courts} have no jurisdiction over {subject} committed abroad {nexus}",
                courts=_cap(courts(kb)) if i18n.current() == "en" else courts(kb),
                subject=subject,
                nexus=_or(
                    [t(_BY[n]) if n in _BY else kb.vocabulary.label("nexus", n, i18n.current()) for n in none]
                ),
            )
        return t(
            "{courts} have only limited jurisdiction over {subject} committed abroad",
            courts=_cap(courts(kb)) if i18n.current() == "en" else courts(kb),
            subject=subject,
        )
    if a.rule == "limitation" and a.status in ("gap", "partial"):
        subject = _subject(kb, a)
        if a.status == "gap":
            return t(
                "{subject}: prosecution is time-barred under the ordinary limitation rules",
                subject=_cap(subject),
            )
        return t(
            "{subject}: the limitation period runs from the victim's 18th birthday, but still runs",
            subject=_cap(subject),
        )
    if a.rule == "implementation" and a.status == "gap":
        return t(
            "No provision of the law of {state} meets {requirement}",
            state=state,
            requirement=requirement_label(kb, a.subject),
        )
    if a.rule == "marriage-age" and a.status == "gap":
        return t("Children may marry from age {age}", age=d.get("age"))
    if a.rule == "double-criminality":
        return t("Extradition for sexual offences against children still depends on double criminality")
    if a.rule == "unequal-by-sex":
        return t(
            "{provision} punishes sexual conduct with a minor only when both are of the same sex",
            provision=kb.label(kb.provision_of(a.subject)),
        )
    if a.rule == "dead-reference":
        source, _, target = a.subject.partition("->")
        return t(
            "{provision} still cites {target}, which is no longer in force",
            provision=kb.label(source),
            target=kb.label(kb.provision_of(target)),
        )
    if a.rule == "legal-persons" and a.status in ("gap", "partial"):
        labels = sorted({kb.label(kb.provision_of(o)) for o in d.get("uncovered", [])})
        return t("No liability of legal persons for {provisions}", provisions=_and(labels))
    if a.rule == "extraditability" and a.status in ("gap", "partial"):
        return t(
            "{subject}: not extraditable under every threshold that applies", subject=_cap(_subject(kb, a))
        )
    heading = RULES[a.rule].heading
    if heading:  # a finding that is met or cannot be assessed: what it is about
        label = conduct_label(kb, d.get("conduct") or a.subject) if "{" in heading else ""
        return t(heading, label=label, Label=_cap(label))
    return a.title if len(a.title) <= TITLE_MAX else a.title[: a.title.rfind(" ", 0, TITLE_MAX)] + " …"


def _key(a: Assessment) -> tuple[Any, ...] | None:
    """What two per-conduct findings must share to state one fact: rule, verdict, and the
    provisions of their offences with each one's verdict."""
    offences = a.details.get("offences")
    if not offences or not RULES[a.rule].group_by_conduct:
        return None
    rows = []
    for oid, det in offences.items():
        rest = {k: v for k, v in det.items() if k != "status"}
        rows.append((oid.partition("#")[0], det.get("status"), json.dumps(rest, sort_keys=True, default=str)))
    return (a.rule, a.status, tuple(sorted(set(rows))))


def merge_same_fact(items: list[Assessment]) -> list[Assessment]:
    """Per-conduct findings that state one fact, as one finding: the first is kept (its id, so
    a reader's reference to it holds), with every conduct listed in `details["conducts"]`, the
    merged ids in `details["merged"]`, and the requirements, evidence and recommendations pooled."""
    out: list[Assessment] = []
    by_key: dict[tuple[Any, ...], Assessment] = {}
    for a in items:
        key = _key(a)
        first = by_key.get(key) if key is not None else None
        if first is None:
            if key is not None:
                by_key[key] = a
            out.append(a)
            continue
        if "conducts" not in first.details:
            first.details = {
                **first.details,
                "conducts": [first.details.get("conduct", first.subject)],
                "merged": [first.id],
            }
            first.evidence = list(first.evidence)
            first.requirements = list(first.requirements)
        first.details["conducts"].append(a.details.get("conduct", a.subject))
        first.details["merged"].append(a.id)
        first.details["offences"] = {**first.details["offences"], **a.details.get("offences", {})}
        first.requirements += [r for r in a.requirements if r not in first.requirements]
        seen = {
            (e["provision"], e["version"]["from"] if e["version"] else None, e["shows"])
            for e in first.evidence
        }
        for e in a.evidence:
            k = (e["provision"], e["version"]["from"] if e["version"] else None, e["shows"])
            if k not in seen:
                seen.add(k)
                first.evidence.append(e)
        if a.recommendation and a.recommendation not in first.recommendation:
            first.recommendation = f"{first.recommendation} {a.recommendation}".strip()
        first.provisions = first.provisions | a.provisions
    return out


_REACH = {
    "full": "full jurisdiction",
    "partial": "only if offender and victim are both nationals",
    "restricted": "only in a restricted case",
    "none": "no jurisdiction",
}
_REGIME = {
    "ordinary": "prescribes under the ordinary rules",
    "from-majority": "prescribes, the period counted from the victim's 18th birthday",
    "imprescriptible": "imprescriptible",
}
_BAND = {
    "full": "an offence",
    "conditional": "an offence only under conditions",
    "none": "not an offence",
}


def band_text(lo: int, under: int | None) -> str:
    """Ages [lo, under) for a reader: "children under 14", "children aged 14–17"."""
    if under is None:
        return t("children aged {a} and over", a=lo)
    if lo == 0:
        return t("children under {n}", n=under)
    if under - lo > 1:
        return t("children aged {a}–{b}", a=lo, b=under - 1)
    return t("children aged {a}", a=lo)


def detail_lines(kb: KnowledgeBase, a: Assessment, as_of: Any) -> list[str]:
    """The per-offence, per-nexus or per-age detail of a finding, one line each, in the
    reader's language (the title states the fact; these lines show what it rests on)."""
    lang = i18n.current()
    d = a.details
    names = {o.id: (p, o) for p, _, o in kb.offences_at(as_of)}

    def offence(oid: str) -> str:
        found = names.get(oid)
        label = kb.label(kb.provision_of(oid))
        return f"{label} ({found[1].name.best(lang)})" if found else label

    out = []
    if a.rule == "jurisdiction":
        for oid, det in d.get("offences", {}).items():
            if det.get("status") == "met":
                continue
            per = "; ".join(
                f"{kb.vocabulary.label('nexus', n, lang)}: {t(_REACH.get(r, r))}"
                for n, r in det.get("nexus", {}).items()
            )
            out.append(f"{offence(oid)}: {per}")
    elif a.rule == "limitation":
        for oid, det in d.get("offences", {}).items():
            if det.get("status") != "met":
                out.append(f"{offence(oid)}: {t(_REGIME.get(det.get('regime', ''), det.get('regime', '')))}")
    elif a.rule == "coverage":
        for b in d.get("bands", []):
            text = f"{_cap(band_text(b['from'], b['under']))}: {t(_BAND.get(b['status'], b['status']))}"
            if b.get("through_other_offences"):
                text += " " + t("(through other offences)")
            out.append(text)
    conducts = d.get("conducts")
    if conducts and len(conducts) > 1:
        out.insert(0, t("Conducts: {list}", list="; ".join(conduct_label(kb, c) for c in conducts)))
    return out


def recommendation(kb: KnowledgeBase, a: Assessment, as_of: Any) -> str:
    """The finding's recommendation in the reader's language (the rules write the English one;
    this says the same from the finding's details, so the Spanish says what the English says)."""
    d = a.details
    lang = i18n.current()
    names = {o.id: (p, o) for p, _, o in kb.offences_at(as_of)}

    def offence(oid: str) -> str:
        label = kb.label(kb.provision_of(oid))
        found = names.get(oid)
        if found is None or ("#" not in oid and kb.label(oid) == label):
            return label
        return t("the offence of {name} ({provision})", name=found[1].name.best(lang), provision=label)

    weak = [(o, det) for o, det in d.get("offences", {}).items() if det.get("status") != "met"]
    out: list[str] = []
    if a.rule == "coverage" and a.status in ("gap", "partial"):
        bands = d.get("bands", [])
        lo = bands[0]["from"] if bands else 0
        under = bands[-1]["under"] if bands else 18
        label = conduct_label(kb, a.subject)
        who = band_text(lo, under)
        if a.status == "gap":
            out.append(
                t(
                    "Make {conduct} an offence for all {who}, without further conditions.",
                    conduct=label,
                    who=who,
                )
            )
        else:
            out.append(
                t(
                    "Make {conduct} an offence for all {who}, without requiring force, abuse or other conditions.",
                    conduct=label,
                    who=who,
                )
            )
    elif a.rule == "jurisdiction":
        for oid, det in weak:
            missing = [n for n, r in det.get("nexus", {}).items() if r != "full"]
            out.append(
                t(
                    "Give {courts} jurisdiction over {offence} committed abroad {nexus}.",
                    courts=courts(kb),
                    offence=offence(oid),
                    nexus=_or(
                        [t(_BY[n]) if n in _BY else kb.vocabulary.label("nexus", n, lang) for n in missing]
                    ),
                )
            )
    elif a.rule == "limitation":
        for oid, det in weak:
            if det.get("regime") == "ordinary":
                out.append(
                    t(
                        "Make {offence} imprescriptible when the victim was a child, or at least count the period from the victim's 18th birthday.",
                        offence=offence(oid),
                    )
                )
            else:
                out.append(
                    t("Make {offence} imprescriptible when the victim was a child.", offence=offence(oid))
                )
    elif a.rule == "extraditability":
        for oid, _ in weak:
            out.append(
                t(
                    "Raise the penalty of {offence} or lower the threshold so that the offence is extraditable.",
                    offence=offence(oid),
                )
            )
    elif a.rule == "marriage-age" and a.status == "gap":
        out.append(
            t("Set the minimum age for marriage at 18 without exception and make marriages of minors void.")
        )
    elif a.rule == "double-criminality":
        out.append(
            t(
                "Remove the double-criminality requirement for sexual offences against children, in the law and in treaty practice."
            )
        )
    elif a.rule == "legal-persons" and a.status in ("gap", "partial"):
        labels = sorted({kb.label(kb.provision_of(o)) for o in d.get("uncovered", [])})
        out.append(t("Extend the liability of legal persons to {provisions}.", provisions=_and(labels)))
    elif a.rule == "unequal-by-sex":
        out.append(
            t(
                "Repeal {provision}: the same conduct may not be treated differently by the sex of those involved.",
                provision=kb.label(kb.provision_of(a.subject)),
            )
        )
    elif a.rule == "dead-reference":
        out.append(
            t(
                "Amend {provision} so that it cites the provisions now in force.",
                provision=kb.label(a.subject.partition("->")[0]),
            )
        )
    elif a.rule == "implementation" and a.subject in kb.requirements:
        text = kb.requirements[a.subject].summary_in(lang)
        out.append(t("Adopt a provision that does this: {what}", what=text[:1].lower() + text[1:]))
    if not out:
        return a.recommendation
    return " ".join(dict.fromkeys(out))
