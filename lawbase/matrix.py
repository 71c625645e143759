"""`lawbase coverage`: an instrument's requirements against the provisions that meet them.

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
        for m in a.details.get("not_recorded", []):
            unrecorded.setdefault(m["provision"], m)
        for r in a.requirements:
            if r.id not in rows:
                continue
            row = rows[r.id]
            row["assessments"].append({"id": a.id, "status": status, "title": a.title})
            if _RANK[status] < _RANK[row["status"]]:
                row["status"] = status
            for pid, cell in cells.items():
                provisions[pid] = kb.label(pid)
                row["cells"].setdefault(pid, cell)
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
            "status": "not-assessed",
            "assessments": [],
            "cells": {},
        }
        for r in kb.requirements.values()
        if r.instrument == inst_id
    }


def _cells(kb: KnowledgeBase, a: gaps.Assessment) -> dict[str, shapes.CellStatus]:
    """provision -> how it meets the assessment: by the coverage bands its offences fall in, or,
    for other rules, the status of the assessment its evidence supports."""
    cells: dict[str, shapes.CellStatus] = {}
    if a.rule == "coverage":
        for band in a.details.get("bands", []):
            for oid in band["offences"]:
                pid = kb.provision_of(oid)
                st: shapes.CellStatus = "full" if band["status"] == "full" else "conditional"
                if cells.get(pid) != "full":
                    cells[pid] = st
    else:
        for e in a.evidence:
            cited = e["provision"]
            if cited and cited in kb.provisions:
                cells.setdefault(cited, a.status)
    return cells
