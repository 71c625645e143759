"""Terminal output with rich (the only module that imports rich). It formats the query dicts;
it never computes a legal fact. NO_COLOR and non-terminal output are honoured by rich itself.

Every string rich renders - printed, or in a table cell or a tree label - first has its control
and bidirectional characters shown as escapes (errors.visible): rich itself passes ESC through,
so an argument echoed back or a value could otherwise write to the clipboard (OSC 52), forge a
hyperlink (OSC 8), clear the screen or reorder what is read, on a terminal or into a pipe."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from lawbase.errors import visible
from lawbase.render.text import age_text, fine_text, range_text, recommendation_text

if TYPE_CHECKING:
    from rich.tree import Tree

    from lawbase import shapes

STATE_TEXT = {
    "in-force": "[green]in force[/]",
    "repealed": "[red]repealed[/]",
    "not-yet": "[yellow]not yet in force[/]",
    "not-recorded": "[yellow]earlier text not recorded[/]",
}


class _Console(Console):
    """A Console whose every string is made visible before markup is read (module docstring)."""

    def render_str(self, text: str, *args: Any, **kwargs: Any) -> Text:
        return super().render_str(visible(text, one_line=False), *args, **kwargs)


def console() -> Console:
    return _Console(highlight=False, soft_wrap=False)


@contextlib.contextmanager
def progress_bar(what: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr, gone when done; yields the `progress(done, total)` to call.
    It redraws at most ten times a second, whatever the number of calls."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        f"[bold]{what}[/]",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        refresh_per_second=10,
    ) as bar:
        task = bar.add_task(what, total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield progress


def window(v: shapes.VersionWindow | None) -> str:
    if not v:
        return ""
    until = v["until"] or "today"
    return f"{v['from']} → {until}, {v['by_title'] or v['by']}"


def _heading(c: Console, data: shapes.ProvisionShow) -> None:
    title = data["title"]
    c.print(f"[bold]{escape(data['label'])}[/bold] — {escape(title['en'] or '')}")
    if title["es"]:
        c.print(f"[italic]{escape(title['es'])}[/italic]")
    section = data["section"]
    if section:
        c.print(f"[dim]{escape(section['es'] or section['en'])}[/dim]")


def _status_line(
    state: shapes.State,
    as_of: str,
    version: shapes.VersionWindow | None,
    came_into_force: str | None,
    repealed_on: str | None,
    recorded_from: str | None = None,
    since_before: bool = False,
) -> str:
    """What a provision was on the date: its state, and the version, law and dates behind it."""
    text = f"As of {as_of}: {STATE_TEXT.get(state, state)}"
    if state == "in-force" and version is not None:  # a provision in force has a version
        if since_before:
            text += (
                f" (text of the version of {version['from']}, which stood at least since {recorded_from};"
                " when it began is not recorded)"
            )
        else:
            text += f" (version {escape(window(version))})"
            if recorded_from:
                text += f"; the corpus records it from {recorded_from}"
            elif came_into_force and came_into_force != version["from"]:
                text += f"; in force since {came_into_force}"
    elif state == "repealed":
        text += f" on {repealed_on}"
        if version:
            text += f" by {escape(version['by_title'] or version['by'])}"
    elif state == "not-yet" and came_into_force:
        text += f"; it comes into force on {came_into_force}"
    elif state == "not-recorded" and recorded_from:
        text += f"; the corpus records it from {recorded_from}"
    return text


def offences_table(offences: Sequence[shapes.Offence], show_name: bool = True) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=False, pad_edge=False)
    if show_name:
        table.add_column("Offence", overflow="fold", max_width=38)
    table.add_column("Victim", no_wrap=True)
    table.add_column("Only if", overflow="fold", max_width=26)
    table.add_column("Penalty", overflow="fold", max_width=44)
    table.add_column("Range", overflow="fold")
    for o in offences:
        cells = []
        if show_name:
            part = f" ({o['part']})" if o["part"] else ""
            cells.append(escape(o["name"]["es"] or o["name"]["en"]) + escape(part))
        p = o["penalty"]
        fine = fine_text(p)
        cells += [
            age_text(o["victim_age"]),
            escape(", ".join(o["conditions"])) or "—",
            escape(p["text"]) + (f"\n{escape(fine)}" if fine else ""),
            range_text(p) + (f"\n[dim]{p['class']}[/dim]" if p["class"] else ""),
        ]
        table.add_row(*cells)
        for a in o["aggravated"]:
            ap = a["penalty"]
            afine = fine_text(ap)
            row = []
            if show_name:
                part = f" ({a['part']})" if a["part"] else ""
                row.append("  [dim]aggravated[/dim]" + escape(part))
            row += [
                age_text(a["victim_age"]) if a["victim_age"] else "",
                escape(", ".join(a["conditions"])),
                escape(ap["text"]) + (f"\n{escape(afine)}" if afine else ""),
                range_text(ap),
            ]
            table.add_row(*row)
    return table


def _sources(c: Console, sources: list[shapes.Citation]) -> None:
    if not sources:
        return
    c.print("\n[bold]Sources[/bold]")
    for s in sources:
        mark = "[green]✓[/]" if s["verified"] else "[yellow]? unverified[/]"
        line = f"  {mark} {escape(s['title'] or s['source'])}, {escape(s['pinpoint'])}"
        if s["note"]:
            line += f" [dim]({escape(s['note'])})[/dim]"
        c.print(line)
        if s["url"]:
            c.print(f"      [dim]{escape(s['url'])}[/dim]", overflow="fold")
        if not s["verified"] and s["reason"]:
            c.print(f"      [dim]why: {escape(s['reason'])}[/dim]")


def status_text(st: shapes.InstrumentStatus | None) -> str | None:
    """'For cl on the date: ratified (2003-02-06); in force for it' and the like."""
    if not st:
        return None
    if st["status"] == "benchmark":
        return "A benchmark (an advocacy or model-law yardstick), not a binding instrument"
    binding = {True: "binding", False: "not binding", None: "binding status not recorded"}[st["in_force"]]
    since = f" since {st['since']}" if st["since"] else ""
    status = "no step taken yet" if st["status"] == "none" else st["status"]
    return f"Status for {st['jurisdiction']} on this date: {status}{since} ({binding})"


def show(data: shapes.Show) -> None:
    if data["kind"] == "requirement":
        return requirement(data)
    if data["kind"] == "instrument":
        return instrument(data)
    c = console()
    _heading(c, data)
    if data["note"]:
        c.print(f"[dim]{escape(data['note'])}[/dim]")
    part_line(c, data)
    c.print(
        _status_line(
            data["state"],
            data["as_of"],
            data["version"],
            data["came_into_force"],
            data["repealed_on"],
            data["recorded_from"],
            data["in_force_since_before"],
        )
    )
    st = status_text(data["instrument_status"])
    if st:
        c.print(escape(st))
    if data["before"]:
        c.print(f"\n{escape(data['before'])}")
    if data["summary"]:
        c.print(f"\n{escape(data['summary'])}")
    _offences(c, data["offences"])
    _links(c, data)
    _sources(c, data["sources"])
    _discrepancies(c, data["discrepancies"])
    _versions(c, data["versions"])


def _offences(c: Console, offences: list[shapes.OffenceWithAccessories]) -> None:
    """The offences table, their accessory penalties, summaries and notes."""
    if offences:
        c.print("\n[bold]Offences and penalties[/bold]")
        c.print(offences_table(offences))
        accessory_lines(c, offences)
        for o in offences:
            if o["summary"]:
                c.print(f"  [dim]{escape(o['name']['en'])}: {escape(o['summary'])}[/dim]")
            # once each, in the order the penalties stand (a set's order changes from run to run)
            for note in dict.fromkeys(
                [o["penalty"]["note"], *(a["penalty"]["note"] for a in o["aggravated"])]
            ):
                if note:
                    c.print(f"  [dim]Note: {escape(note)}[/dim]")


def _links(c: Console, data: shapes.ProvisionShow) -> None:
    """What the provision refers to, what refers to it, the jurisdiction it extends, what it
    requires and which requirements it meets."""
    if data["refers_to"]:
        c.print("\n[bold]Refers to[/bold]")
        for r in data["refers_to"]:
            flag = "" if r["in_force"] else " [red](not in force on this date)[/]"
            why = f" — {escape(r['why'])}" if r["why"] else ""
            c.print(f"  {escape(r['label'])}{flag}{why}")
    if data["referred_by"]:
        c.print("\n[bold]Referred to by[/bold]")
        for q in data["referred_by"]:
            c.print(f"  {escape(q['label'])}")
    if data["extends_jurisdiction"]:
        c.print("\n[bold]Extraterritorial jurisdiction[/bold]")
        for j in data["extends_jurisdiction"]:
            scope = {"all-offences": "any offence", "treaty-offences": "offences covered by treaties"}
            offs = ", ".join(o["label"] for o in j["offences"]) or scope.get(j["scope"], "")
            part = f"{j['part']}: " if j["part"] else ""
            c.print(f"  {escape(part)}{escape(offs)} — nexus: {escape(' or '.join(j['nexus']))}")
            if j["restriction"]:
                c.print(f"    [dim]{escape(j['restriction'])}[/dim]")
    if data["requirements"]:
        c.print("\n[bold]What it requires[/bold]")
        for req in data["requirements"]:
            c.print(f"  {escape(req['label'])} ({escape(req['kind'])}) — {escape(req['summary'])}")
    if data["implements"]:
        c.print("\n[bold]Meets[/bold]")
        for met in data["implements"]:
            c.print(f"  {escape(met['label'])} — {escape(met['summary'])}")


def _discrepancies(c: Console, discrepancies: list[shapes.Discrepancy]) -> None:
    if discrepancies:
        c.print("\n[bold]Where sources disagree[/bold]")
        for d in discrepancies:
            cit = d["citation"]
            c.print(
                f"  {escape(cit['title'] or cit['source'])}, {escape(cit['pinpoint'])}, says: {escape(d['says'])}"
            )
            c.print(f"    The statute: {escape(d['statute'])}")
            c.print(f"    [dim]Authoritative: {d['authoritative']}. {escape(d['why'])}[/dim]")


def _versions(c: Console, versions: list[shapes.VersionEntry]) -> None:
    if len(versions) > 0:
        c.print("\n[bold]Versions[/bold]")
        for v in versions:
            arrow = "[bold]▶[/bold]" if v["current"] else " "
            status = " [red]repealed[/red]" if v["status"] == "repealed" else ""
            c.print(
                f"  {arrow} {v['from']} → {v['until'] or 'today':10}  {escape(v['by_title'] or v['by'])}{status}"
            )


def requirement(data: shapes.RequirementShow) -> None:
    c = console()
    c.print(
        f"[bold]{escape(data['label'])}[/bold] — {escape(data['requirement_kind'])}"
        + ("" if data["mandatory"] else " [dim](optional)[/dim]")
    )
    if data["note"]:
        c.print(f"[dim]{escape(data['note'])}[/dim]")
    c.print(escape(data["summary"]))
    st = status_text(data["instrument_status"])
    if st:
        c.print(escape(st))
    if data["conduct"]:
        c.print(f"Conduct: {escape(', '.join(data['conduct']))}; victims {age_text(data['victim_age'])}")
    if data["nexus"]:
        c.print(f"Basis: {escape(' or '.join(data['nexus']))}")
    if data["implemented_by"]:
        c.print("\n[bold]Provisions that claim to meet it[/bold] (as of " + data["as_of"] + ")")
        for p in data["implemented_by"]:
            c.print(f"  {escape(p['label'])}")
    _sources(c, data["sources"])


def accessory_lines(c: Console, offences: list[shapes.OffenceWithAccessories]) -> None:
    """The accessory penalties other provisions attach to these offences, once per rule."""
    rules = dict.fromkeys((a["label"], a["summary"]) for o in offences for a in o["accessory"])
    if not rules:
        return
    c.print("[bold]Accessory penalties[/bold]")
    for label, summary in rules:
        c.print(f"  {escape(label)}: {escape(summary)}")


def part_line(c: Console, data: shapes.ProvisionShow | shapes.PenaltyAnswer) -> None:
    """The inciso asked for ("367 quáter inc. 2") and, in `show`, its offences on the date; in
    `penalty`, the note on the reference typed ("showing CP art. 367 ter; you typed 367 tre")."""
    from lawbase import i18n
    from lawbase.i18n import t

    part = data["part"]
    if "part_offences" not in data and data["note"]:  # penalty: `show` prints its note itself
        c.print(f"[dim]{escape(data['note'])}[/dim]")
    if not part:
        return
    if "part_offences" not in data:  # penalty: the table lists that part's offences only
        c.print(f"[dim]{escape(t('only the offences of {part}', part=part))}[/dim]")
        return
    show = cast("shapes.ProvisionShow", data)
    ids = set(show["part_offences"])
    lang = i18n.current()
    names = [
        o["name"]["es"] if lang == "es" and o["name"]["es"] else o["name"]["en"]
        for o in show["offences"]
        if o["id"] in ids
    ]
    line = (
        t("{part}: {offences}", part=part, offences="; ".join(n or "" for n in names))
        if names
        else t("{part}: no offence of it in force on this date", part=part)
    )
    c.print(f"[bold]{escape(line)}[/bold]")


def penalty(data: shapes.PenaltyAnswer) -> None:
    c = console()
    c.print(f"[bold]{escape(data['label'])}[/bold] — {escape(data['title']['en'])}")
    part_line(c, data)
    if not data["history"]:
        version = data["versions"][0]["version"] if data["versions"] else None
        c.print(
            _status_line(data["state"], data["as_of"], version, data["came_into_force"], data["repealed_on"])
        )
    for row in data["versions"]:
        if data["history"]:
            status = " [red](repealed)[/red]" if row["version"]["status"] == "repealed" else ""
            c.print(f"\n[bold]{escape(window(row['version']))}[/bold]{status}")
        if row["offences"]:
            c.print(offences_table(row["offences"]))
            accessory_lines(c, row["offences"])
        elif row["version"]["status"] == "repealed" or data["state"] != "in-force":
            c.print("  [dim]no offence in force[/dim]")


def compare_states(data: shapes.StatesCompareAnswer) -> None:
    """Several States on one date: each conduct's offences State by State, then the
    requirements on which they stand differently."""
    c = console()
    states = data["jurisdictions"]
    c.print(
        f"[bold]{escape(', '.join(s['label'] for s in states))}[/bold]: the law of {data['as_of']} side by side"
    )
    c.print("\n[bold]Offences, by conduct[/bold] (ranges in years; how each prescribes)")
    for item in data["conducts"]:
        c.print(f"  [bold]{escape(item['label'])}[/bold]")
        for s in states:
            rows = item["offences"][s["id"]]
            if not rows:
                c.print(f"    {escape(s['label'])}: [red]no offence recorded in the corpus[/]")
                continue
            parts = []
            for row in rows:
                lim = row["limitation"]
                said = (
                    "imprescriptible"
                    if lim["regime"] == "imprescriptible"
                    else lim["period_text"] or "period not recorded"
                )
                parts.append(f"{row['label']} {_years(row['years'])} ({said})")
            c.print(f"    {escape(s['label'])}: {escape('; '.join(parts))}")
    differ = data["requirements_differ"]
    c.print(
        f"\n[bold]Requirements on which they differ[/bold]: {len(differ)} "
        f"(and {data['requirements_alike']} on which they stand alike)"
    )
    if differ:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("Requirement", overflow="fold")
        for s in states:
            table.add_column(escape(s["label"]), no_wrap=True)
        for r in differ:
            table.add_row(escape(r["label"]), *(STATUS_STYLE[r["statuses"][s["id"]]] for s in states))
        c.print(table)
    c.print(
        "[dim]Each cell's findings and evidence: lawbase matrix --jurisdiction "
        + ",".join(s["id"] for s in states)
        + "[/dim]"
    )


def made_lines(c: Console, made: list[shapes.MadeVersion]) -> None:
    """What a law did to articles: those it added, amended and repealed, each with its date."""
    from lawbase.i18n import t

    for change, heading in (
        ("added", t("Articles it added")),
        ("amended", t("Articles it amended")),
        ("repealed", t("Articles it repealed")),
    ):
        rows = [m for m in made if m["change"] == change]
        if rows:
            c.print(f"\n[bold]{escape(heading)}[/bold]")
            for m in rows:
                c.print(f"  {escape(m['label'])}: {escape(t('from {date}', date=m['from']))}")


def instrument(data: shapes.InstrumentShow) -> None:
    """A law, code or treaty named alone: what it is, the State's standing, what it made."""
    c = console()
    title = data["title"]
    c.print(f"[bold]{escape(data['label'])}[/bold] — {escape(title['en'] or title['es'] or '')}")
    if title["es"] and title["es"] != title["en"]:
        c.print(escape(title["es"]))
    dates = [
        f"{word} {day}"
        for word, day in (
            ("adopted", data["adopted"]),
            (data["gazette"] or "published", data["published"]),
            ("in force", data["in_force"]),
        )
        if day
    ]
    if dates:
        c.print(escape("; ".join(dates)))
    st = status_text(data["instrument_status"])
    if st and data["instrument_kind"] not in ("code", "law"):
        c.print(escape(st))
    if data["summary"]:
        c.print(f"\n{escape(data['summary'])}")
    if data["note"]:
        c.print(f"[dim]{escape(data['note'])}[/dim]")
    made_lines(c, data["made"])
    if data["articles"]:
        c.print(f"\n[bold]Its articles in the corpus[/bold] ({len(data['articles'])})")
        c.print("  " + escape(", ".join(a["label"] for a in data["articles"])))
    _sources(c, data["sources"])


def penalties_for_conduct(data: shapes.ConductAnswer) -> None:
    """One State: a table of the offences. Several: a block per offence, State by State, with
    its range in years, how it prescribes and whether it is extraditable, to read side by side."""
    c = console()
    states = data["jurisdictions"]
    several = len(states) > 1
    where = f" in {', '.join(s['label'] for s in states)}" if several else ""
    c.print(
        f"[bold]{escape(data['conduct_label'])}[/bold] ({data['conduct']}) — offences in force{escape(where)} on {data['as_of']}"
    )
    if not data["offences"]:
        c.print("  [yellow]no offence in force on this date covers this conduct[/]")
        return
    if several:
        _conduct_blocks(c, data)
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Article", no_wrap=True)
    table.add_column("Offence", overflow="fold", max_width=40)
    table.add_column("Victim", no_wrap=True)
    table.add_column("Only if", overflow="fold", max_width=24)
    table.add_column("Penalty", overflow="fold", max_width=40)
    table.add_column("Range")
    for row in data["offences"]:
        o = row["offence"]
        table.add_row(
            escape(row["label"]),
            escape(o["name"]["es"] or o["name"]["en"]),
            age_text(o["victim_age"]),
            escape(", ".join(o["conditions"])) or "—",
            escape(o["penalty"]["text"]),
            range_text(o["penalty"]),
        )
    c.print(table)


_DIRECTION = {"active": "requests made by the State", "passive": "requests to the State"}


def _conduct_blocks(c: Console, data: shapes.ConductAnswer) -> None:
    for s in data["jurisdictions"]:
        rows = [r for r in data["offences"] if r["jurisdiction"] == s["id"]]
        c.print(f"\n[bold]{escape(s['label'])}[/bold]")
        if not rows:
            c.print("  [yellow]no offence in force on this date covers this conduct[/]")
        for row in rows:
            o = row["offence"]
            c.print(f"  [bold]{escape(row['label'])}[/bold]: {escape(o['name']['es'] or o['name']['en'])}")
            only = f"; only if {', '.join(o['conditions'])}" if o["conditions"] else ""
            c.print(
                f"    victim {age_text(o['victim_age'])}{escape(only)}: {escape(o['penalty']['text'])}"
                f" ({range_text(o['penalty'])}; {_years(row['years'])} years)"
            )
            lim = row["limitation"]
            if lim["regime"] == "imprescriptible":
                said = "imprescriptible"
            elif lim["period_text"]:
                said = f"prescribes in {lim['period_text']}"
            else:
                said = "no limitation period recorded for this penalty"
            if lim["regime"] == "from-majority":
                said += ", counted from the victim's majority at the earliest"
            rules = ", ".join(r["label"] for r in lim["rules"])
            c.print(f"    limitation: {escape(said)}" + (f" [dim]({escape(rules)})[/dim]" if rules else ""))
            for e in row["extradition"]:
                verdict = "[green]met[/]" if e["qualifies"] else "[red]not met[/]"
                to = _DIRECTION.get(e["direction"] or "", "")
                c.print(
                    f"    extradition, {escape(e['label'])}{escape(f' ({to})' if to else '')}: {verdict}"
                    f" [dim]({escape(e['why'])})[/dim]"
                )


def _years(y: shapes.YearsRange) -> str:
    """'0.33–1', '15–life', 'life', or 'no custodial penalty' (a fine only)."""
    if y["life"]:
        return f"{y['min']:g}–life" if y["min"] is not None else "life"
    if y["min"] is None and y["max"] is None:
        return "no custodial penalty"
    low = f"{y['min']:g}" if y["min"] is not None else "?"
    high = f"{y['max']:g}" if y["max"] is not None else "?"
    return f"{low}–{high}"


def search(data: shapes.SearchAnswer) -> None:
    c = console()
    if not data["results"]:  # `search` says "no match" once, on stderr (commands._no_match)
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Reference", no_wrap=True)
    table.add_column("Title", overflow="fold")
    table.add_column(f"On {data['as_of']}", no_wrap=True)
    table.add_column("Matched", overflow="fold", max_width=40)
    for r in data["results"]:
        state = {True: "in force", False: r["state"] or "", None: ""}[r["in_force"]]
        table.add_row(
            escape(r["label"]),
            escape(r["title"]["en"]),
            state,
            Text(visible(r["matched"]["text"], one_line=False), style="dim"),
        )
    c.print(table)


def validate(data: shapes.Summary, folder: str) -> None:
    c = console()
    c.print(
        f"[green]ok[/green]: {escape(folder)} holds {data['provisions']} provisions "
        f"({data['versions']} versions), {data['instruments']} instruments, "
        f"{data['requirements']} requirements and {data['sources']} sources; no problems found.",
        soft_wrap=True,
    )


STATUS_STYLE = {"gap": "[red]gap[/]", "partial": "[yellow]partial[/]", "met": "[green]met[/]", "full": "[green]full[/]",
                "conditional": "[yellow]conditional[/]", "not-assessed": "[dim]not assessed[/]", "unknown": "[dim]unknown[/]",
                "not-recorded": "[dim]not recorded[/]"}  # fmt: skip


def gaps(data: shapes.GapsAnswer) -> None:
    c = console()
    findings = data["findings"]
    c.print(f"[bold]Gaps as of {data['as_of']}[/bold]: {len(findings)} findings")
    horizon(c, _horizon_of(data))
    for i, f in enumerate(findings, 1):
        req = f["requirement"]
        c.print(f"\n[bold]{i}. {escape(f['title'])}[/bold]  {STATUS_STYLE.get(f['status'], f['status'])}")
        if req:
            also = (
                f" (also {', '.join(r['label'] for r in f['also_required_by'])})"
                if f["also_required_by"]
                else ""
            )
            c.print(f"   Requirement: {escape(req['label'])}{escape(also)} — {escape(req['summary'])}")
            st = status_text(f["instrument_status"])
            if st:
                c.print(f"   [dim]{escape(st)}[/dim]")
        for r in f["recommendations"]:
            c.print(f"   [dim]{escape(r['review'])} recommendation:[/dim] {escape(recommendation_text(r))}")
        for e in f["evidence"]:
            where = f"{e['label']} ({window(e['version'])})" if e["version"] else (e["label"] or "corpus")
            c.print(f"   • {escape(where)}: {escape(e['shows'])}")
        if f["recommendation"]:
            c.print(f"   [italic]Recommendation:[/italic] {escape(f['recommendation'])}")
    not_assessed(c, data)


def not_assessed(c: Console, data: shapes.GapsAnswer) -> None:
    """What the corpus cannot assess on the date, because it does not record the law then."""
    if not data["assessable"]:
        c.print(
            f"\n[yellow]The corpus records none of the national law on {data['as_of']}: it cannot assess"
            " the requirements on this date.[/]"
        )
    items = data["not_assessed"]
    if not items:
        return
    c.print(f"\n[bold]Not assessable on {data['as_of']}[/bold] ({len(items)}): the law then is not recorded")
    for f in items:
        title = f["title"]
        missing = ", ".join(m["label"] for m in f["details"].get("not_recorded", []))
        c.print(
            f"  • {escape(title)}" + (f" [dim](not recorded: {escape(missing)})[/dim]" if missing else "")
        )


def coverage(data: shapes.CoverageAnswer) -> None:
    c = console()
    c.print(f"[bold]{escape(data['label'])}[/bold] — requirements against the law of {data['as_of']}")
    horizon(c, data["not_recorded"])
    st = status_text(data["instrument_status"])
    if st:
        c.print(escape(st))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Requirement", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Provisions", overflow="fold")
    for r in data["requirements"]:
        cells = ", ".join(f"{pid.split('/', 1)[1]} ({how})" for pid, how in r["cells"].items())
        table.add_row(
            escape(r["label"]),
            escape(r["kind"]),
            STATUS_STYLE.get(r["status"], r["status"]),
            escape(cells) or "—",
        )
    c.print(table)


def matrix(data: shapes.MatrixAnswer) -> None:
    """Per instrument: its requirements down, the States across, a status per cell; then, per
    State, the findings behind each cell that is not met, with the provisions they rest on."""
    c = console()
    states = data["jurisdictions"]
    names = ", ".join(s["label"] for s in states)
    c.print(f"[bold]Requirements × States[/bold] ({escape(names)}), the law of {data['as_of']}")
    for s in states:
        if not s["assessable"]:
            c.print(f"[yellow]The corpus records none of {escape(s['label'])}'s law on {data['as_of']}.[/]")
    for t in data["instruments"]:
        c.print(f"\n[bold]{escape(t['label'])}[/bold] — {escape(t['title'])}")
        for s in states:
            st = status_text(t["statuses"][s["id"]])
            if st:
                c.print(f"  {escape(s['label'])}: {escape(st)}")
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("Requirement", overflow="fold")
        for s in states:
            table.add_column(escape(s["label"]), no_wrap=True)
        for r in t["requirements"]:
            table.add_row(escape(r["label"]), *(STATUS_STYLE[r["cells"][s["id"]]["status"]] for s in states))
        c.print(table)
        for s in states:
            shown = [
                (r, f)
                for r in t["requirements"]
                for f in r["cells"][s["id"]]["findings"]
                if f["status"] in ("gap", "partial")
            ]
            if not shown:
                continue
            c.print(f"[bold]{escape(s['label'])}[/bold]: what the cells rest on")
            seen: set[str] = set()
            for _row, f in shown:
                if f["id"] in seen:
                    continue
                seen.add(f["id"])
                rows = [
                    x["label"]
                    for x in t["requirements"]
                    if any(g["id"] == f["id"] for g in x["cells"][s["id"]]["findings"])
                ]
                c.print(
                    f"  {STATUS_STYLE[f['status']]} {escape(f['title'])} [dim]({escape(', '.join(rows))})[/dim]"
                )
                for e in f["evidence"]:
                    where = (
                        f"{e['label']}, version from {e['version']['from']}"
                        if e["label"] and e["version"]
                        else e["label"] or ""
                    )
                    c.print(f"      [dim]{escape(where + ': ' if where else '')}{escape(e['shows'])}[/dim]")


def compare(data: shapes.CompareAnswer) -> None:
    c = console()
    c.print(f"[bold]What changed from {data['from']} to {data['to']}[/bold]")
    horizon(c, data["not_recorded"]["from"])
    if data["laws"]:
        c.print("\n[bold]Laws[/bold]")
        for law in data["laws"]:
            c.print(f"  {law['date']}  {escape(law['label'])}: {escape(', '.join(law['provisions']))}")
    changes = data["provisions"]
    for heading, rows in (
        ("Provisions added", changes["added"]),
        ("Provisions amended", changes["amended"]),
        ("Provisions repealed", changes["repealed"]),
    ):
        if rows:
            c.print(f"\n[bold]{heading}[/bold]")
            for r in rows:
                note = " (the text it amended is not recorded)" if r.get("earlier_text_not_recorded") else ""
                c.print(
                    f"  {escape(r['label'])} — by {escape(', '.join(law['label'] for law in r['laws']))}{note}"
                )
    first = changes["first_recorded"]
    if first:
        c.print("\n[bold]Recorded from a date in the period[/bold] (older texts; not changes)")
        for f in first:
            c.print(f"  {escape(f['label'])} — from {f['recorded_from']}")
    if data["penalties_changed"]:
        c.print("\n[bold]Penalties changed[/bold]")
        for p in data["penalties_changed"]:
            laws = ", ".join(law["label"] for law in p["laws"])
            c.print(
                f"  {escape(p['label'])}: {escape(p['before']['range'])} → {escape(p['after']['range'])} ({escape(laws)})"
            )
    if data["age_thresholds_changed"]:
        c.print("\n[bold]Age bands changed[/bold]")
        for a in data["age_thresholds_changed"]:
            laws = ", ".join(law["label"] for law in a["laws"])
            c.print(f"  {escape(a['label'])}: {escape(a['before'])} → {escape(a['after'])} ({escape(laws)})")
    gaps = data["gaps"]
    for heading, found in (
        ("Gaps closed", gaps["closed"]),
        ("Gaps opened", gaps["opened"]),
        ("Gaps changed", gaps["changed"]),
    ):
        if found:
            c.print(f"\n[bold]{heading}[/bold]")
            for t in found:
                laws = ", ".join(f"{law['label']} ({law['date']})" for law in t["laws"])
                c.print(
                    f"  {escape(t['title'])}: {t['before']} → {t['after']}"
                    + (f" — {escape(laws)}" if laws else "")
                )


def _horizon_of(data: shapes.GapsAnswer) -> list[shapes.Unrecorded]:
    """The provisions not recorded on the date that the not-assessed findings name, once each."""
    seen: dict[str, shapes.Unrecorded] = {}
    for f in data["not_assessed"]:
        for m in f["details"].get("not_recorded", []):
            seen.setdefault(m["provision"], m)
    return list(seen.values())


def horizon(c: Console, items: list[shapes.Unrecorded]) -> None:
    """The provisions the corpus does not record on the date, said before any answer."""
    if not items:
        return
    names = ", ".join(f"{escape(i['label'])} (recorded from {i['recorded_from']})" for i in items)
    c.print(
        f"[yellow]Not recorded on this date:[/] {names}. What they said then is not in the corpus,"
        " so this answer may be incomplete."
    )


def age(data: shapes.AgeAnswer) -> None:
    c = console()
    who = f"a child of {data['age']}" if data["minor"] else f"a person of {data['age']}"
    c.print(f"[bold]What protects {who} on {data['as_of']}[/bold]")
    horizon(c, data["not_recorded"])
    if not data["offences"]:
        recorded = " recorded for this date" if data["not_recorded"] else " in force"
        c.print(f"  [yellow]no offence{recorded} protects this age[/]")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Article", overflow="fold", max_width=24)
    table.add_column("Offence", overflow="fold", max_width=40)
    table.add_column("Only if", overflow="fold", max_width=30)
    table.add_column("Penalty", overflow="fold", max_width=40)
    table.add_column("Range")
    for r in data["offences"]:
        o = r["offence"]
        cond = ", ".join(o["conditions"]) or ("aggravated form only" if r["via"] == "aggravated" else "—")
        table.add_row(
            escape(r["label"]),
            escape(o["name"]["es"] or o["name"]["en"]),
            escape(cond),
            escape(o["penalty"]["text"]),
            range_text(o["penalty"]),
        )
    c.print(table)


def refs(data: shapes.RefsAnswer) -> None:
    from rich.tree import Tree

    def label(n: shapes.RefsNode) -> str:
        flag = "" if n["in_force"] is not False else f" [red]({n['state'].replace('-', ' ')} on this date)[/]"
        why = f" [dim]— {escape(n['why'])}[/dim]" if n["why"] else ""
        seen = (
            " [dim](cited above: a cycle)[/dim]"
            if n["cycle"]
            else " [dim](shown above)[/dim]"
            if n["repeat"]
            else ""
        )
        return f"{escape(n['label'])}{flag}{why}{seen}"

    def add(tree: Tree, n: shapes.RefsNode) -> None:
        for child in n["children"]:
            add(tree.add(label(child)), child)

    direction = "referred to by" if data["reverse"] else "refers to"
    root = Tree(f"[bold]{escape(data['label'])}[/bold] {direction} (as of {data['as_of']})")
    add(root, data["tree"])
    console().print(root)
    if data["truncated"]:
        console().print("[dim](the tree was cut short: it cites too many provisions to show them all)[/dim]")


def extradition(data: shapes.ExtraditionAnswer) -> None:
    c = console()
    c.print(f"[bold]Extradition for {escape(data['label'])}[/bold] as of {data['as_of']}")
    horizon(c, data["not_recorded"])
    if not data["offences"] and data["state"] == "not-recorded":
        c.print(
            f"  the corpus does not record this provision's text on this date (recorded from {data['recorded_from']})"
        )
    elif not data["offences"]:
        c.print(f"  no offence of this provision is in force on this date ({data['state']})")
    for o in data["offences"]:
        c.print(
            f"\n[bold]{escape(o['label'])}[/bold]: {escape(o['penalty']['text'])} ({range_text(o['penalty'])})"
        )
        for code in o["codes"]:
            mark = "[green]yes[/]" if code["qualifies"] else "[red]no[/]"
            scope = (
                "" if code["governs_facts_of_date"] else " [dim](does not govern facts of this date)[/dim]"
            )
            c.print(f"  {escape(code['label'])} ({code['direction']}): {mark} — {escape(code['why'])}{scope}")
        for t in o["treaties"]:
            mark = {True: "[green]yes[/]", False: "[red]no[/]", None: "[yellow]unknown[/]"}[t["qualifies"]]
            c.print(f"  {escape(t['label'])}: {mark} — {escape('; '.join(t['why']))}")
