"""The gap list as CSV, safe to open in a spreadsheet: cells that a spreadsheet would read as a
formula (starting with =, +, -, @, a tab or a carriage return) are prefixed with a quote."""

from __future__ import annotations

import csv
import io
from typing import Any

JSON = dict[str, Any]
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
]


def cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def gaps(data: JSON) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for f in data["findings"]:
        st = f["instrument_status"]
        writer.writerow(
            cell(v)
            for v in (
                f["id"],
                f["status"],
                f["rule"],
                f["title"],
                f["requirement"]["label"] if f["requirement"] else "",
                f"{st['status']} ({st['since']})" if st and st.get("since") else (st["status"] if st else ""),
                f["conduct"] or "",
                "; ".join(
                    f"{e['label']} {e['version']['from'] if e.get('version') else ''}: {e['shows']}".strip()
                    for e in f["evidence"]
                ),
                f["recommendation"],
                "; ".join(f"{s['title'] or s['source']}, {s['pinpoint']}" for s in f["sources"]),
            )
        )
    return buf.getvalue()
