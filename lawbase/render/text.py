"""Plain-text forms of the answers' penalties and age bands, shared by the terminal renderer
and the site (no rich here: the site must not import it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawbase.penalties import duration_text

if TYPE_CHECKING:
    from lawbase import shapes


def range_text(p: shapes.Penalty) -> str:
    if p["life"]:
        low = duration_text(p["min"]) if p["min"] else None
        return f"{low} – life imprisonment" if low else "life imprisonment"
    if p["min"] or p["max"]:
        low = duration_text(p["min"]) if p["min"] else "?"
        high = duration_text(p["max"]) if p["max"] else "?"
        return f"{low} – {high}"
    return ""


def fine_text(p: shapes.Penalty) -> str:
    fine = p["fine"]
    if not fine:
        return ""
    amount = "–".join(f"{v:g}" for v in (fine["min"], fine["max"]) if v is not None)
    return f"{'or ' if fine['alternative'] else '+ '}fine {amount} {fine['label']}"


def age_text(a: shapes.AgeBand | None) -> str:
    if not a:
        return "any age"
    lo, under = a["from"], a["under"]
    if under is None:
        return f"{lo} and over" if lo else "any age"
    if lo == 0:
        return f"under {under}"
    return f"{lo}–{under - 1}"


def recommendation_text(r: shapes.RecommendationMade) -> str:
    """A recommendation made to the State, in one line: who made it, whether it was accepted,
    what it asks and whether it was met by the date."""
    who = f"By {', '.join(r['recommending'])}" if r["recommending"] else "Recommending State not recorded"
    accepted = {True: ", accepted", False: ", noted (not accepted)", None: ""}[r["accepted"]]
    met = f" Met on {r['met_on']}." if r["met_on"] else ""
    return f"{who}{accepted}: {r['summary']}{met}"
