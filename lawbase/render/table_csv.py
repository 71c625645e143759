"""The gap list as CSV, safe to open in a spreadsheet whatever separator it splits on.

A spreadsheet reads a field as a formula when it starts with `=`, `+`, `-` or `@` (or a tab or a
carriage return before one). Which text starts a field depends on the separator the spreadsheet
was set to - `,` here, but `;` is the usual setting in Chile and much of Europe, and a tab on
paste - and a quoted CSV cell is no protection once the split falls inside it. So the rule is
about every place a field could start: a quote `'` is put before each formula starter that
begins the cell or follows a `,`, `;`, tab, carriage return or line feed, with only spaces or
double quotes between (spreadsheets may trim the one and strip the other). `'` is the mark
spreadsheets themselves use for "this is text"; the corpus holds no such sequence in its prose
today, so the text read with the right separator is unchanged but for the mark.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

from lawbase.render.text import recommendation_text

if TYPE_CHECKING:
    from lawbase import shapes
COLUMNS = [
    "id",
    "status",
    "rule",
    "title",
    "requirement",
    "instrument_status",
    "conduct",
    "evidence",
    "recommendation",
    "sources",
    "recommendations_made",
]


# an empty match at each place a field could start that a formula starter follows
_FIELD_FORMULA = re.compile(r'(?:^|(?<=[,;\t\r\n]))(?=[ "]*[=+\-@\t\r])')


def cell(value: object) -> str:
    """The text of one cell, with `'` before every formula starter (see the module docstring)."""
    text = "" if value is None else str(value)
    return _FIELD_FORMULA.sub("'", text)


def gaps(data: shapes.GapsAnswer) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for f in [*data["findings"], *data["not_assessed"]]:  # status 'unknown': not assessable
        st = f["instrument_status"]
        writer.writerow(
            cell(v)
            for v in (
                f["id"],
                f["status"],
                f["rule"],
                f["title"],
                f["requirement"]["label"] if f["requirement"] else "",
                f"{st['status']} ({st['since']})" if st and st["since"] else (st["status"] if st else ""),
                f["conduct"] or "",
                "; ".join(
                    f"{e['label']} {e['version']['from'] if e['version'] else ''}: {e['shows']}".strip()
                    for e in f["evidence"]
                ),
                f["recommendation"],
                "; ".join(f"{s['title'] or s['source']}, {s['pinpoint']}" for s in f["sources"]),
                "; ".join(f"{r['review']}: {recommendation_text(r)}" for r in f["recommendations"]),
            )
        )
    return buf.getvalue()


MATRIX_COLUMNS = ["instrument", "requirement", "jurisdiction", "status", "findings", "evidence", "sources"]


def matrix(data: shapes.MatrixAnswer) -> str:
    """One row per requirement and State: the cell's status, its findings, the provision
    versions they rest on and their sources, for a spreadsheet to filter and pivot."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(MATRIX_COLUMNS)
    for t in data["instruments"]:
        for r in t["requirements"]:
            for s in data["jurisdictions"]:
                cell_ = r["cells"][s["id"]]
                evidence = [e for f in cell_["findings"] for e in f["evidence"]]
                writer.writerow(
                    cell(v)
                    for v in (
                        t["label"],
                        r["label"],
                        s["label"],
                        cell_["status"],
                        "; ".join(f"{f['status']}: {f['title']}" for f in cell_["findings"]),
                        "; ".join(
                            (
                                f"{e['label']} (from {e['version']['from']}): "
                                if e["label"] and e["version"]
                                else ""
                            )
                            + e["shows"]
                            for e in evidence
                        ),
                        "; ".join(
                            dict.fromkeys(
                                f"{c['title'] or c['source']}, {c['pinpoint']}"
                                + (f" <{c['url']}>" if c["url"] else "")
                                for e in evidence
                                for c in e["sources"]
                            )
                        ),
                    )
                )
    return buf.getvalue()
