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

Every CSV starts with a UTF-8 byte-order mark, so that a spreadsheet opened with a double-click
reads the text as UTF-8 ("Código", not "CÃ³digo"); programs that read CSV skip it (Python's
`utf-8-sig`, pandas, R, LibreOffice, Google Sheets). Every row carries the `as_of` date of the
answer, so two saved files can be told apart; headers and words are in the reader's language
(`--lang`), ids and dates are not.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

from lawbase import i18n
from lawbase.i18n import t
from lawbase.model import in_lang
from lawbase.render.markdown import STEPS
from lawbase.render.text import age_text, range_text, recommendation_text

if TYPE_CHECKING:
    from lawbase import shapes
# an empty match at each place a field could start that a formula starter follows
_FIELD_FORMULA = re.compile(r'(?:^|(?<=[,;\t\r\n]))(?=[ "]*[=+\-@\t\r])')


def cell(value: object) -> str:
    """The text of one cell, with `'` before every formula starter (see the module docstring)."""
    text = "" if value is None else str(value)
    return _FIELD_FORMULA.sub("'", text)


BOM = "\ufeff"


def _table(header: list[str], rows: list[list[object]]) -> str:
    """The CSV text: the byte-order mark, the header in the reader's language, the rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([t(h) for h in header])
    for row in rows:
        writer.writerow(cell(v) for v in row)
    return BOM + buf.getvalue()


# the statuses of findings and cells, for a reader
WORDS = {
    "gap": "gap",
    "partial": "partly met",
    "met": "met",
    "unknown": "not assessable",
    "not-assessed": "not assessed",
    "not-recorded": "not recorded",
    "full": "full",
    "conditional": "only under conditions",
}


def _word(status: str) -> str:
    return t(WORDS.get(status, status))


def _lang() -> str:
    from lawbase import i18n

    return i18n.current()


def _evidence(e: shapes.Evidence) -> str:
    """One evidence line: where (the provision and its version's date), then what it shows."""
    where = e["label"] or ""
    if where and e["version"]:
        where = t("{label} (text of {date})", label=where, date=e["version"]["from"])
    shows = in_lang(e, "shows", i18n.current()) or ""
    return f"{where}: {shows}" if where else shows


COLUMNS = [
    "as_of",
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


def gaps(data: shapes.GapsAnswer) -> str:
    """One row per finding (the not assessable last)."""
    es = _lang() == "es"
    rows: list[list[object]] = []
    for f in [*data["findings"], *data["not_assessed"]]:  # status 'unknown': not assessable
        st = f["instrument_status"]
        standing = ""
        if st:
            standing = t(STEPS.get(st["status"], st["status"].replace("-", " ")))
            if st["since"]:
                standing += f" ({st['since']})"
        conducts = f["conduct_labels"]["es" if es else "en"]
        rows.append(
            [
                data["as_of"],
                f["id"],
                f["status"] if not es else _word(f["status"]),
                f["rule"],
                (f["titles"]["es"] or f["title"]) if es else f["title"],
                f["requirement"]["label"] if f["requirement"] else "",
                standing,
                "; ".join(conducts),
                "; ".join(_evidence(e) for e in f["evidence"]),
                in_lang(f, "recommendation", _lang()),
                "; ".join(f"{s['title'] or s['source']}, {s['pinpoint']}" for s in f["sources"]),
                "; ".join(f"{r['review']}: {recommendation_text(r)}" for r in f["recommendations"]),
            ]
        )
    return _table(COLUMNS, rows)


MATRIX_COLUMNS = [
    "as_of",
    "instrument",
    "requirement",
    "jurisdiction",
    "status",
    "findings",
    "evidence",
    "sources",
]


def matrix(data: shapes.MatrixAnswer) -> str:
    """One row per requirement and State: the cell's status, its findings, the provision
    versions they rest on and their sources, for a spreadsheet to filter and pivot."""
    es = _lang() == "es"
    rows: list[list[object]] = []
    for inst in data["instruments"]:
        for r in inst["requirements"]:
            for s in data["jurisdictions"]:
                cell_ = r["cells"][s["id"]]
                evidence = [e for f in cell_["findings"] for e in f["evidence"]]
                rows.append(
                    [
                        data["as_of"],
                        inst["label"],
                        r["label"],
                        s["label"],
                        _word(cell_["status"]) if es else cell_["status"],
                        "; ".join(
                            f"{_word(f['status'])}: {in_lang(f, 'title', _lang())}" for f in cell_["findings"]
                        ),
                        "; ".join(_evidence(e) for e in evidence),
                        "; ".join(
                            dict.fromkeys(
                                f"{c['title'] or c['source']}, {c['pinpoint']}"
                                + (f" <{c['url']}>" if c["url"] else "")
                                for e in evidence
                                for c in e["sources"]
                            )
                        ),
                    ]
                )
    return _table(MATRIX_COLUMNS, rows)


def coverage(data: shapes.CoverageAnswer) -> str:
    """The requirement × provision matrix: a row per requirement (its status and what falls
    short), a column per provision, each cell saying how far that provision meets the
    requirement and which part of it ("full: trafficking in persons for sexual exploitation")."""
    lang = _lang()
    provisions = data["provisions"]
    header = ["as_of", "instrument", "requirement", "summary", "status", "shortfalls"]
    rows: list[list[object]] = []
    for r in data["requirements"]:
        short = [
            f"{_word(a['status'])}: {(a['titles'].get(lang) if lang != 'en' else None) or a['title']}"
            for a in r["assessments"]
            if a["status"] in ("gap", "partial", "unknown")
        ]
        cells = []
        for p in provisions:
            parts = [x for x in r["parts"] if x["provision"] == p["id"]]
            cells.append(
                "; ".join(
                    dict.fromkeys(
                        f"{_word(x['status'])}: {(x['about'].get(lang) if lang != 'en' else None) or x['about']['en']}"
                        for x in parts
                    )
                )
            )
        rows.append(
            [
                data["as_of"],
                data["label"],
                r["label"],
                r["summary"],
                _word(r["status"]),
                "; ".join(short),
                *cells,
            ]
        )
    buf_header = [t(h) for h in header] + [p["label"] for p in provisions]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(buf_header)
    for row in rows:
        writer.writerow(cell(v) for v in row)
    return BOM + buf.getvalue()


REGIMES = {
    "imprescriptible": "imprescriptible",
    "from-majority": "counted from the victim's 18th birthday",
    "ordinary": "ordinary rules",
}


def _class(p: shapes.Penalty) -> str:
    """The penalty's class as lawyers write it ("simple delito", "crimen")."""
    return (p["class"] or "").replace("-", " ")


def _offence_rows(lead: list[object], off: shapes.Offence, tail: list[object]) -> list[list[object]]:
    name = (
        (off["name"]["es"] or off["name"]["en"])
        if _lang() == "es"
        else (off["name"]["en"] or off["name"]["es"])
    )
    rows: list[list[object]] = [
        [
            *lead,
            name,
            age_text(off["victim_age"]),
            off["penalty"]["text"],
            range_text(off["penalty"]),
            _class(off["penalty"]),
            *tail,
        ]
    ]
    for a in off["aggravated"]:
        rows.append(
            [
                *lead,
                t("{name}, aggravated", name=name),
                age_text(a["victim_age"] or off["victim_age"]),
                a["penalty"]["text"],
                range_text(a["penalty"]),
                _class(a["penalty"]),
                *tail,
            ]
        )
    return rows


PENALTY_COLUMNS = [
    "as_of",
    "provision",
    "offence",
    "victim_age",
    "penalty",
    "range",
    "class",
    "version_from",
    "law",
]


def penalty(data: shapes.PenaltyAnswer) -> str:
    """`penalty REF`: a row per offence (and aggravated variant) of each version shown."""
    rows: list[list[object]] = []
    for v in data["versions"]:
        w = v["version"]
        for off in v["offences"]:
            rows += _offence_rows([data["as_of"], data["label"]], off, [w["from"], w["by_title"] or w["by"]])
    return _table(PENALTY_COLUMNS, rows)


CONDUCT_COLUMNS = [
    "as_of",
    "jurisdiction",
    "provision",
    "offence",
    "victim_age",
    "penalty",
    "range",
    "class",
    "version_from",
    "law",
    "limitation",
]


def penalties_for_conduct(data: shapes.ConductAnswer) -> str:
    """`penalty --conduct TAG`: a row per offence (and one per aggravated variant)."""
    states = {j["id"]: j["label"] for j in data["jurisdictions"]}
    rows: list[list[object]] = []
    for o in data["offences"]:
        lim = o["limitation"]
        lead: list[object] = [data["as_of"], states.get(o["jurisdiction"], o["jurisdiction"]), o["label"]]
        tail: list[object] = [
            o["version"]["from"],
            o["version"]["by_title"] or o["version"]["by"],
            lim["period_text"] or t(REGIMES.get(lim["regime"], lim["regime"])),
        ]
        rows += _offence_rows(lead, o["offence"], tail)
    return _table(CONDUCT_COLUMNS, rows)
