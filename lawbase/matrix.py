"""`lawbase coverage`: an instrument's requirements against the provisions that meet them; and
`lawbase matrix`: the same requirements against several States' law, side by side.

Built from the gap rules' assessments (lawbase.gaps), so a cell says what the gap list says; it
lives apart from lawbase.queries, which the rules themselves read.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import gaps
from .kb import KnowledgeBase
from .queries import iso
from .refs import id_key
from .resolve import has_requirements
from .resolve import instrument as resolve_instrument
from .scope import assessed, scoped

if TYPE_CHECKING:
    from . import shapes

# a row shows the worst status of the assessments bearing on its requirement
# (the gap list's order, worst first, and a requirement no rule assessed last)
_RANK: dict[shapes.RequirementStatus, int] = {status: rank for status, rank in gaps.ORDER.items()}
_RANK["not-assessed"] = len(gaps.ORDER)


def coverage(kb: KnowledgeBase, instrument: str, as_of: dt.date) -> shapes.CoverageAnswer:
    """The requirement × provision matrix of an instrument on a date."""
    kb = scoped(kb)
    inst_id = resolve_instrument(
        kb, instrument, has_requirements(kb), f"no instrument with requirements named '{instrument}'"
    )
    rows = _rows(kb, inst_id)
    provisions: dict[str, str] = {}
    unrecorded: dict[str, shapes.Unrecorded] = {}  # provisions whose text on the date would bear on a row
    for a in gaps.assess(kb, as_of, [inst_id]):
        status = a.status
        cells = _cells(kb, a)
        title, about = _about(kb, a)
        for m in a.details.get("not_recorded", []):
            unrecorded.setdefault(m["provision"], m)
        for r in a.requirements:
            if r.id not in rows:
                continue
            row = rows[r.id]
            row["assessments"].append({"id": a.id, "status": status, "title": title["en"], "titles": title})
            if _RANK[status] < _RANK[row["status"]]:
                row["status"] = status
            for pid, cell in cells.items():
                provisions[pid] = kb.label(pid)
                row["cells"][pid] = _worse(row["cells"].get(pid), cell)
                row["parts"].append(
                    {
                        "provision": pid,
                        "label": kb.label(pid),
                        "status": cell,
                        "about": about,
                        "finding": a.id,
                    }
                )
    if gaps.records_law(kb, as_of):
        for row in rows.values():
            req = kb.requirements[row["id"]]
            if not row["assessments"] and gaps.met_by_silence(req):
                # the rules assessing it say nothing of what is met
                row["status"] = "met"
                row["assessments"].append(
                    {
                        "id": "silence",
                        "status": "met",
                        "title": gaps.silence_title("en"),
                        "titles": {"en": gaps.silence_title("en"), "es": gaps.silence_title("es")},
                    }
                )
    return {
        "instrument": inst_id,
        "label": kb.instruments[inst_id].short,
        "as_of": iso(as_of),
        "instrument_status": kb.instrument_status(inst_id, assessed(kb), as_of),
        "provisions": [{"id": pid, "label": provisions[pid]} for pid in sorted(provisions, key=id_key)],
        "requirements": list(rows.values()),
        "not_recorded": list(unrecorded.values()),
    }


def _rows(kb: KnowledgeBase, inst_id: str) -> dict[str, shapes.CoverageRow]:
    """One empty row per requirement of the instrument, not yet assessed."""
    return {
        r.id: {
            "id": r.id,
            "label": kb.label(r.id),
            "kind": r.kind,
            "summary": r.summary,
            "summary_es": r.summary_in("es"),
            "status": "not-assessed",
            "assessments": [],
            "cells": {},
            "parts": [],
        }
        for r in kb.requirements.values()
        if r.instrument == inst_id
    }


# a provision's part in a requirement, the weakest first: a cell that meets one conduct fully and
# another only under conditions is conditional, never full
_PART_RANK = {"gap": 0, "unknown": 1, "partial": 2, "conditional": 3, "met": 4, "full": 5}


def _worse(a: shapes.CellStatus | None, b: shapes.CellStatus) -> shapes.CellStatus:
    return b if a is None or _PART_RANK[b] < _PART_RANK[a] else a


def _about(kb: KnowledgeBase, a: gaps.Assessment) -> tuple[shapes.Text, shapes.Text]:
    """An assessment's short title and what part of a requirement it is about (its conduct's
    label, or its title), in English and Spanish."""
    from .gaps.wording import conduct_label, headline
    from .i18n import use

    titles, abouts = {}, {}
    for lang in ("en", "es"):
        with use(lang):
            titles[lang] = headline(kb, a)
            conduct = a.details.get("conduct")
            abouts[lang] = conduct_label(kb, conduct) if conduct else titles[lang]
    return (
        {"en": titles["en"], "es": titles["es"]},
        {"en": abouts["en"], "es": abouts["es"]},
    )


def _cells(kb: KnowledgeBase, a: gaps.Assessment) -> dict[str, shapes.CellStatus]:
    """provision -> how it meets the assessment: by the coverage bands its offences fall in, or,
    for other rules, the status of the assessment its evidence supports."""
    cells: dict[str, shapes.CellStatus] = {}
    if a.rule == "coverage":
        for band in a.details.get("bands", []):
            for oid in band["offences"]:
                pid = kb.provision_of(oid)
                st: shapes.CellStatus = "full" if band["status"] == "full" else "conditional"
                cells[pid] = _worse(cells.get(pid), st)
    else:
        for e in a.evidence:
            cited = e["provision"]
            if cited and cited in kb.provisions:
                cells.setdefault(cited, a.status)
    return cells


# --- requirement × country (`lawbase matrix`) --------------------------------------------------

# a cell: what the gap rules found for the State (worst first), or why there is no finding
_CELL_RANK: dict[shapes.MatrixStatus, int] = {
    "gap": 0, "partial": 1, "met": 2, "not-recorded": 3, "not-assessed": 4,
}  # fmt: skip
_FROM_FINDING: dict[shapes.FindingStatus, shapes.MatrixStatus] = {
    "gap": "gap", "partial": "partial", "met": "met", "unknown": "not-recorded",
}  # fmt: skip


def compared_instruments(kb: KnowledgeBase, states: list[str]) -> list[str]:
    """The instruments with requirements every State compared is held to, treaties first, then
    benchmarks (a review or submission addressed to one State only is that State's, and
    compares nothing)."""
    owners = {r.instrument for r in kb.requirements.values()}
    return [
        i.id
        for i in sorted(
            kb.instruments.values(), key=lambda i: ({"treaty": 0, "benchmark": 1}.get(i.kind, 2), i.id)
        )
        if i.id in owners and all(not i.addressed_to or j in i.addressed_to for j in states)
    ]


def countries(
    kb: KnowledgeBase, instruments: list[str], jurisdictions: list[str], as_of: dt.date
) -> shapes.MatrixAnswer:
    """Each requirement of the instruments against each State's law on a date: per cell the
    worst status of the findings bearing on it (met, partial, gap), not-recorded where the corpus
    does not record the law that would answer it on the date, not-assessed where no gap rule
    assesses the requirement; every cell keeps its findings and their evidence."""
    tables: dict[str, shapes.MatrixTable] = {}
    for inst_id in instruments:
        inst = kb.instruments[inst_id]
        reqs = sorted(
            (r for r in kb.requirements.values() if r.instrument == inst_id), key=lambda r: id_key(r.id)
        )
        tables[inst_id] = {
            "instrument": inst_id,
            "label": inst.short,
            "title": inst.title.en,
            "title_es": inst.title.es,
            "statuses": {},
            "requirements": [
                {"id": r.id, "label": kb.label(r.id), "kind": r.kind, "summary": r.summary, "cells": {}}
                for r in reqs
            ],
        }
    columns: list[shapes.MatrixColumn] = []
    for j in jurisdictions:
        view = scoped(kb, j)
        every = gaps.assess(view, as_of, instruments)
        assessable = gaps.records_law(view, as_of)
        if not assessable:  # as the gap list does: nothing of the State's law to assess
            for a in every:
                if a.status != "unknown":
                    gaps.not_assessable(view, a)
        found = [gaps.finding(view, a, as_of) for a in every]
        columns.append({"id": j, "label": view.vocabulary.jurisdictions.get(j, j), "assessable": assessable})
        for table in tables.values():
            table["statuses"][j] = view.instrument_status(table["instrument"], j, as_of)
            for row in table["requirements"]:
                req = kb.requirements[row["id"]]
                silent = gaps.met_by_silence(req) if assessable else False
                row["cells"][j] = _cell([f for f in found if _concerns(f, row["id"])], silent)
    return {"as_of": iso(as_of), "jurisdictions": columns, "instruments": list(tables.values())}


def _cell(mine: list[shapes.Finding], silent: bool) -> shapes.MatrixCell:
    """A cell from the findings about its requirement, the worst first; with none, met when the
    rules assessing it say nothing of what is met (`silent` says so), else not assessed."""
    mine = sorted(mine, key=lambda f: _CELL_RANK[_FROM_FINDING[f["status"]]])
    if not mine and silent:
        return {
            "status": "met",
            "findings": [
                {
                    "id": "silence",
                    "status": "met",
                    "title": gaps.silence_title("en"),
                    "title_es": gaps.silence_title("es"),
                    "evidence": [],
                    "recommendation": "",
                }
            ],
        }
    return {
        "status": _FROM_FINDING[mine[0]["status"]] if mine else "not-assessed",
        "findings": [
            {
                "id": f["id"],
                "status": _FROM_FINDING[f["status"]],
                "title": f["title"],
                "title_es": f["titles"]["es"],
                "evidence": f["evidence"],
                "recommendation": f["recommendation"],
            }
            for f in mine
        ],
    }


def _concerns(f: shapes.Finding, requirement: str) -> bool:
    """Whether a finding is about the requirement (as its own or as one that also requires it)."""
    if f["requirement"] and f["requirement"]["id"] == requirement:
        return True
    return any(r["id"] == requirement for r in f["also_required_by"])
