"""Plain-text forms of the query dicts' penalties and age bands, shared by the terminal renderer
and the site (no rich here: the site must not import it)."""

from __future__ import annotations

from typing import Any

from lawbase.penalties import duration_text

JSON = dict[str, Any]


def range_text(p: JSON) -> str:
    if p.get("life"):
        low = duration_text(p["min"]) if p.get("min") else None
        return f"{low} – life imprisonment" if low else "life imprisonment"
    if p.get("min") or p.get("max"):
        low = duration_text(p["min"]) if p.get("min") else "?"
        high = duration_text(p["max"]) if p.get("max") else "?"
        return f"{low} – {high}"
    return ""


def fine_text(p: JSON) -> str:
    fine = p.get("fine_utm")
    if not fine:
        return ""
    amount = "–".join(f"{v:g}" for v in fine)
    return f"{'or ' if p.get('fine_alternative') else '+ '}fine {amount} UTM"


def age_text(a: JSON | None) -> str:
    if not a:
        return "any age"
    lo, under = a["from"], a["under"]
    if under is None:
        return f"{lo} and over" if lo else "any age"
    if lo == 0:
        return f"under {under}"
    return f"{lo}–{under - 1}"


def recommendation_text(r: dict[str, Any]) -> str:
    """A recommendation made to the State, in one line: who made it, whether it was accepted,
    what it asks and whether it was met by the date."""
    who = f"By {', '.join(r['recommending'])}" if r.get("recommending") else "Recommending State not recorded"
    accepted = {True: ", accepted", False: ", noted (not accepted)", None: ""}[r.get("accepted")]
    met = f" Met on {r['met_on']}." if r.get("met_on") else ""
    return f"{who}{accepted}: {r['summary']}{met}"
