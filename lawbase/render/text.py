"""Plain-text forms of the answers' penalties and age bands, shared by the terminal renderer
and the site (no rich here: the site must not import it), in the reader's language (i18n)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lawbase import i18n
from lawbase.i18n import t
from lawbase.model import in_lang
from lawbase.penalties import duration_text, parse_duration

if TYPE_CHECKING:
    from lawbase import shapes


def state_word(state: str) -> str:
    """A provision's state on a date, for a reader ("not yet in force")."""
    return {
        "in-force": t("in force"),
        "repealed": t("repealed"),
        "not-yet": t("not yet in force"),
        "not-recorded": t("not recorded"),
    }.get(state, state.replace("-", " "))


def duration(text: str | None) -> str:
    """'P3Y1D' -> '3 years and 1 day' / '3 años y 1 día'."""
    if i18n.current() != "es":
        return duration_text(text)
    if text is None:
        return "perpetua"
    years, months, days = parse_duration(text)
    parts = []
    if years:
        parts.append(f"{years} año{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} mes{'es' if months != 1 else ''}")
    if days or not (years or months):
        parts.append(f"{days} día{'s' if days != 1 else ''}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " y " + parts[-1]


def bounds_text(low: str | None, high: str | None, life: bool) -> str:
    """A penalty's bounds (ISO durations; `life` for a life penalty) in the reader's language:
    '3 years and 1 day – 5 years' / '3 años y 1 día a 5 años'; "" for a penalty with neither."""
    if life:
        return t("{low} – life imprisonment", low=duration(low)) if low else t("life imprisonment")
    if low or high:
        return t("{low} – {high}", low=duration(low) if low else "?", high=duration(high) if high else "?")
    return ""


def range_text(p: shapes.Penalty) -> str:
    """An answer's penalty range in the reader's language."""
    return bounds_text(p["min"], p["max"], p["life"])


def span_text(r: shapes.Range) -> str:
    """A compared penalty's range in the reader's language."""
    return bounds_text(r["min"], r["max"], r["life"])


def fine_text(p: shapes.Penalty) -> str:
    fine = p["fine"]
    if not fine:
        return ""
    amount = "–".join(f"{v:g}" for v in (fine["min"], fine["max"]) if v is not None)
    if fine["alternative"]:
        return t("or fine {amount} {unit}", amount=amount, unit=fine["label"])
    return t("+ fine {amount} {unit}", amount=amount, unit=fine["label"])


def age_text(a: shapes.AgeBand | None) -> str:
    if not a:
        return t("any age")
    lo, under = a["from"], a["under"]
    if under is None:
        return t("{age} and over", age=lo) if lo else t("any age")
    if lo == 0:
        return t("under {age}", age=under)
    return f"{lo}–{under - 1}"


def recommendation_text(r: shapes.RecommendationMade) -> str:
    """A recommendation made to the State, in one line: who made it, whether it was accepted,
    what it asks and whether it was met by the date."""
    who = (
        t("By {states}", states=", ".join(r["recommending"]))
        if r["recommending"]
        else t("Recommending State not recorded")
    )
    accepted = {True: t(", accepted"), False: t(", noted (not accepted)"), None: ""}[r["accepted"]]
    met = t(" Met on {date}.", date=r["met_on"]) if r["met_on"] else ""
    summary = in_lang(r, "summary", i18n.current())
    return f"{who}{accepted}: {summary}{met}"


def version_words(v: shapes.VersionWindow) -> str:
    """'version 2011-08-13 → 2022-12-29, Ley 20.526'."""
    until = v["until"] or t("today")
    return t("version {start} → {until}, {law}", start=v["from"], until=until, law=v["by_title"] or v["by"])


def case_penalty(o: shapes.Offence, klass: shapes.Text | None = None) -> str:
    """'presidio menor en su grado máximo (3 years and 1 day – 5 years), simple delito', with its
    fine when it has one."""
    words = f"{o['penalty']['text']} ({range_text(o['penalty'])})"
    fine = fine_text(o["penalty"])
    if fine:
        words += f" {fine}"
    named = (klass.get("es") if i18n.current() == "es" else klass.get("en")) if klass else None
    return f"{words}, {named}" if named else words


COMPARED_WORDS = {
    "lighter": "more lenient",
    "heavier": "harsher",
    "same": "the same penalty",
    "mixed": "lighter in one respect, heavier in another",
    "repealed": "repealed, no later offence recorded",
    "carried-over": "repealed; the conduct passes to another article",
    "unmatched": "rewritten; which offence these facts fall under is not recorded",
}


def limitation_words(lim: shapes.CaseLimitation, judgment: str) -> str:
    rule = lim["rule"]
    terms = f" ({rule['label']}: {in_lang(rule, 'summary', i18n.current())})" if rule else ""
    if lim["regime"] == "imprescriptible":
        if lim["depends_on_victim_age"]:
            return t("imprescriptible if the victim was a minor at the facts") + terms
        return t("imprescriptible: the action does not prescribe") + terms
    period = duration(lim["period"]) if lim["period"] else t("no period recorded")
    start = (
        t("from the victim's 18th birthday ({date})", date=lim["runs_from"])
        if lim["regime"] == "from-majority" and lim["runs_from"]
        else t("from the victim's 18th birthday")
        if lim["regime"] == "from-majority"
        else t("from the day of the facts ({date})", date=lim["runs_from"])
    )
    said = t("{period}, counted {start}", period=period, start=start)
    if lim["runs_out"]:
        within = (
            t("the judgment ({date}) falls within it", date=judgment)
            if lim["judgment_within"]
            else t("the judgment ({date}) comes after it", date=judgment)
        )
        said += "; " + t("runs out on {date}", date=lim["runs_out"]) + "; " + within
    return said


def aggravation_words(a: shapes.CaseAggravation) -> str:
    """'CP art. 367 inc. 2 (habituality, abuse of authority or trust): presidio mayor ... (5 years
    and 1 day – 20 years)'; a rule of another article by its summary."""
    lang = i18n.current()
    when = ", ".join((x.get("es") or x["en"]) if lang == "es" else x["en"] for x in a["condition_labels"])
    head = f"{a['label']} ({when})" if when else a["label"]
    said = in_lang(a, "summary", lang) or ""
    p = a["penalty"]
    if p and p["text"] and p["min"]:
        named = f"{p['text']} ({range_text(p)})"
        fine = fine_text(p)
        said = f"{said} {named}".strip() + (f" {fine}" if fine else "")
    return f"{head}: {said}" if said else head


def bill_change_lines(changes: Mapping[str, Any]) -> list[str]:
    """What a bill would change in the gap list (gaps --overlay), one line per finding."""
    lang = i18n.current()
    status = {"gap": t("gap"), "partial": t("partly met"), "met": t("met"), "unknown": t("unknown")}
    heads = {
        "closed": t("it would close"),
        "opened": t("it would open"),
        "changed": t("it would change"),
    }
    out: list[str] = []
    for key in ("closed", "opened", "changed"):
        for f in changes.get(key, ()):
            title = (f["titles"].get(lang) if lang == "es" else None) or f["title"]
            move = (
                f" ({status.get(f['before'] or '', '—')} → {status.get(f['after'] or '', '—')})"
                if key == "changed"
                else ""
            )
            out.append(f"{heads[key]}: {title}{move}")
    return out or [t("it would change no finding of the gap list")]


def check_counts(data: shapes.CheckAnswer) -> str:
    """'Claims checked against the law on 2018-06-01: 12 (agree: 8; contradict: 4; cannot tell: 0)'."""
    counts = data["counts"]
    return t(
        "Claims checked against the law on {date}: {n} (agree: {a}; contradict: {x}; cannot tell: {u})",
        date=data["as_of"],
        n=len(data["claims"]),
        a=counts["agrees"],
        x=counts["contradicts"],
        u=counts["cannot-tell"],
    )
