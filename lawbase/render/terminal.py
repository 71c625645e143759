"""Terminal output with rich (the only module that imports rich). It formats the query dicts;
it never computes a legal fact. NO_COLOR and non-terminal output are honoured by rich itself.

Every string rich renders - printed, or in a table cell or a tree label - first has its control
and bidirectional characters shown as escapes (errors.visible): rich itself passes ESC through,
so an argument echoed back or a value could otherwise write to the clipboard (OSC 52), forge a
hyperlink (OSC 8), clear the screen or reorder what is read, on a terminal or into a pipe."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from lawbase.errors import visible
from lawbase.render.text import age_text, fine_text, range_text, recommendation_text

JSON = dict[str, Any]

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


def window(v: JSON | None) -> str:
    if not v:
        return ""
    until = v["until"] or "today"
    return f"{v['from']} → {until}, {v['by_title'] or v['by']}"


def _heading(c: Console, data: JSON) -> None:
    title = data.get("title") or {}
    c.print(f"[bold]{escape(data['label'])}[/bold] — {escape(title.get('en') or '')}")
    if title.get("es"):
        c.print(f"[italic]{escape(title['es'])}[/italic]")
    if data.get("section"):
        c.print(f"[dim]{escape(data['section'].get('es') or data['section']['en'])}[/dim]")


def _status_line(data: JSON) -> str:
    state = data["state"]
    text = f"As of {data['as_of']}: {STATE_TEXT.get(state, state)}"
    if state == "in-force" and data.get("in_force_since_before"):
        v = data["version"]
        text += (
            f" (text of the version of {v['from']}, which stood at least since {data['recorded_from']};"
            " when it began is not recorded)"
        )
    elif state == "in-force":
        text += f" (version {escape(window(data['version']))})"
        if data.get("recorded_from"):
            text += f"; the corpus records it from {data['recorded_from']}"
        elif data.get("came_into_force") and data["came_into_force"] != data["version"]["from"]:
            text += f"; in force since {data['came_into_force']}"
    elif state == "repealed":
        text += f" on {data['repealed_on']}"
        if data.get("version"):
            text += f" by {escape(data['version']['by_title'] or data['version']['by'])}"
    elif state == "not-yet" and data.get("came_into_force"):
        text += f"; it comes into force on {data['came_into_force']}"
    elif state == "not-recorded" and data.get("recorded_from"):
        text += f"; the corpus records it from {data['recorded_from']}"
    return text


def offences_table(offences: list[JSON], show_name: bool = True) -> Table:
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
            part = f" ({o['part']})" if o.get("part") else ""
            cells.append(escape(o["name"].get("es") or o["name"]["en"]) + escape(part))
        p = o["penalty"]
        fine = fine_text(p)
        cells += [
            age_text(o["victim_age"]),
            escape(", ".join(o["conditions"])) or "—",
            escape(p["text"]) + (f"\n{escape(fine)}" if fine else ""),
            range_text(p) + (f"\n[dim]{p['class']}[/dim]" if p.get("class") else ""),
        ]
        table.add_row(*cells)
        for a in o["aggravated"]:
            ap = a["penalty"]
            afine = fine_text(ap)
            row = []
            if show_name:
                part = f" ({a['part']})" if a.get("part") else ""
                row.append("  [dim]aggravated[/dim]" + escape(part))
            row += [
                age_text(a["victim_age"]) if a.get("victim_age") else "",
                escape(", ".join(a["conditions"])),
                escape(ap["text"]) + (f"\n{escape(afine)}" if afine else ""),
                range_text(ap),
            ]
            table.add_row(*row)
    return table


def _sources(c: Console, sources: list[JSON]) -> None:
    if not sources:
        return
    c.print("\n[bold]Sources[/bold]")
    for s in sources:
        mark = "[green]✓[/]" if s["verified"] else "[yellow]? unverified[/]"
        line = f"  {mark} {escape(s['title'] or s['source'])}, {escape(s['pinpoint'])}"
        if s.get("note"):
            line += f" [dim]({escape(s['note'])})[/dim]"
        c.print(line)
        if s.get("url"):
            c.print(f"      [dim]{escape(s['url'])}[/dim]", overflow="fold")
        if not s["verified"] and s.get("reason"):
            c.print(f"      [dim]why: {escape(s['reason'])}[/dim]")


def status_text(st: JSON | None) -> str | None:
    """'For cl on the date: ratified (2003-02-06); in force for it' and the like."""
    if not st:
        return None
    if st["status"] == "benchmark":
        return "A benchmark (an advocacy or model-law yardstick), not a binding instrument"
    binding = {True: "binding", False: "not binding", None: "binding status not recorded"}[st["in_force"]]
    since = f" since {st['since']}" if st.get("since") else ""
    status = "no step taken yet" if st["status"] == "none" else st["status"]
    return f"Status for {st['jurisdiction']} on this date: {status}{since} ({binding})"


def show(data: JSON) -> None:
    if data.get("kind") == "requirement":
        return requirement(data)
    c = console()
    _heading(c, data)
    if data.get("note"):
        c.print(f"[dim]{escape(data['note'])}[/dim]")
    c.print(_status_line(data))
    st = status_text(data.get("instrument_status"))
    if st:
        c.print(escape(st))
    if data.get("before"):
        c.print(f"\n{escape(data['before'])}")
    if data.get("summary"):
        c.print(f"\n{escape(data['summary'])}")
    if data["offences"]:
        c.print("\n[bold]Offences and penalties[/bold]")
        c.print(offences_table(data["offences"]))
        accessory_lines(c, data["offences"])
        for o in data["offences"]:
            if o.get("summary"):
                c.print(f"  [dim]{escape(o['name']['en'])}: {escape(o['summary'])}[/dim]")
            for note in {o["penalty"].get("note"), *(a["penalty"].get("note") for a in o["aggravated"])}:
                if note:
                    c.print(f"  [dim]Note: {escape(note)}[/dim]")
    for key, heading in (("refers_to", "Refers to"), ("referred_by", "Referred to by")):
        if data[key]:
            c.print(f"\n[bold]{heading}[/bold]")
            for r in data[key]:
                flag = "" if r.get("in_force", True) else " [red](not in force on this date)[/]"
                why = f" — {escape(r['why'])}" if r.get("why") else ""
                c.print(f"  {escape(r['label'])}{flag}{why}")
    if data["extends_jurisdiction"]:
        c.print("\n[bold]Extraterritorial jurisdiction[/bold]")
        for j in data["extends_jurisdiction"]:
            scope = {"all-offences": "any offence", "treaty-offences": "offences covered by treaties"}
            offs = ", ".join(o["label"] for o in j["offences"]) or scope.get(j["scope"], "")
            part = f"{j['part']}: " if j.get("part") else ""
            c.print(f"  {escape(part)}{escape(offs)} — nexus: {escape(' or '.join(j['nexus']))}")
            if j.get("restriction"):
                c.print(f"    [dim]{escape(j['restriction'])}[/dim]")
    if data.get("requirements"):
        c.print("\n[bold]What it requires[/bold]")
        for r in data["requirements"]:
            c.print(f"  {escape(r['label'])} ({escape(r['kind'])}) — {escape(r['summary'])}")
    if data["implements"]:
        c.print("\n[bold]Meets[/bold]")
        for r in data["implements"]:
            c.print(f"  {escape(r['label'])} — {escape(r['summary'])}")
    _sources(c, data["sources"])
    if data["discrepancies"]:
        c.print("\n[bold]Where sources disagree[/bold]")
        for d in data["discrepancies"]:
            cit = d["citation"]
            c.print(
                f"  {escape(cit['title'] or cit['source'])}, {escape(cit['pinpoint'])}, says: {escape(d['says'])}"
            )
            c.print(f"    The statute: {escape(d['statute'])}")
            c.print(f"    [dim]Authoritative: {d['authoritative']}. {escape(d['why'])}[/dim]")
    if len(data["versions"]) > 0:
        c.print("\n[bold]Versions[/bold]")
        for v in data["versions"]:
            arrow = "[bold]▶[/bold]" if v["current"] else " "
            status = " [red]repealed[/red]" if v["status"] == "repealed" else ""
            c.print(
                f"  {arrow} {v['from']} → {v['until'] or 'today':10}  {escape(v['by_title'] or v['by'])}{status}"
            )


def requirement(data: JSON) -> None:
    c = console()
    c.print(
        f"[bold]{escape(data['label'])}[/bold] — {escape(data['requirement_kind'])}"
        + ("" if data["mandatory"] else " [dim](optional)[/dim]")
    )
    if data.get("note"):
        c.print(f"[dim]{escape(data['note'])}[/dim]")
    c.print(escape(data["summary"]))
    st = status_text(data.get("instrument_status"))
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


def accessory_lines(c: Console, offences: list[JSON]) -> None:
    """The accessory penalties other provisions attach to these offences, once per rule."""
    rules = dict.fromkeys((a["label"], a["summary"]) for o in offences for a in o.get("accessory") or [])
    if not rules:
        return
    c.print("[bold]Accessory penalties[/bold]")
    for label, summary in rules:
        c.print(f"  {escape(label)}: {escape(summary)}")


def penalty(data: JSON) -> None:
    c = console()
    c.print(f"[bold]{escape(data['label'])}[/bold] — {escape(data['title']['en'])}")
    if not data["history"]:
        c.print(
            _status_line({**data, "version": data["versions"][0]["version"] if data["versions"] else None})
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


def penalties_for_conduct(data: JSON) -> None:
    c = console()
    c.print(
        f"[bold]{escape(data['conduct_label'])}[/bold] ({data['conduct']}) — offences in force on {data['as_of']}"
    )
    if not data["offences"]:
        c.print("  [yellow]no offence in force on this date covers this conduct[/]")
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
            escape(o["name"].get("es") or o["name"]["en"]),
            age_text(o["victim_age"]),
            escape(", ".join(o["conditions"])) or "—",
            escape(o["penalty"]["text"]),
            range_text(o["penalty"]),
        )
    c.print(table)


def search(data: JSON) -> None:
    c = console()
    if not data["results"]:
        c.print(f"No match for '{escape(data['query'])}'.")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Reference", no_wrap=True)
    table.add_column("Title", overflow="fold")
    table.add_column(f"On {data['as_of']}", no_wrap=True)
    table.add_column("Matched", overflow="fold", max_width=40)
    for r in data["results"]:
        state = {True: "in force", False: r.get("state") or "", None: ""}[r["in_force"]]
        table.add_row(
            escape(r["label"]),
            escape(r["title"]["en"]),
            state,
            Text(visible(r["matched"]["text"], one_line=False), style="dim"),
        )
    c.print(table)


def validate(data: JSON, folder: str) -> None:
    c = console()
    c.print(
        f"[green]ok[/green]: {escape(folder)} holds {data['provisions']} provisions "
        f"({data['versions']} versions), {data['instruments']} instruments, "
        f"{data['requirements']} requirements and {data['sources']} sources; no problems found.",
        soft_wrap=True,
    )


STATUS_STYLE = {"gap": "[red]gap[/]", "partial": "[yellow]partial[/]", "met": "[green]met[/]", "full": "[green]full[/]",
                "conditional": "[yellow]conditional[/]", "not-assessed": "[dim]not assessed[/]", "unknown": "[dim]unknown[/]"}  # fmt: skip


def gaps(data: JSON) -> None:
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
            st = status_text(f.get("instrument_status"))
            if st:
                c.print(f"   [dim]{escape(st)}[/dim]")
        for r in f.get("recommendations") or []:
            c.print(f"   [dim]{escape(r['review'])} recommendation:[/dim] {escape(recommendation_text(r))}")
        for e in f["evidence"]:
            where = (
                f"{e['label']} ({window(e['version'])})" if e.get("version") else (e.get("label") or "corpus")
            )
            c.print(f"   • {escape(where)}: {escape(e['shows'])}")
        if f["recommendation"]:
            c.print(f"   [italic]Recommendation:[/italic] {escape(f['recommendation'])}")
    not_assessed(c, data)


def not_assessed(c: Console, data: JSON) -> None:
    """What the corpus cannot assess on the date, because it does not record the law then."""
    if not data.get("assessable", True):
        c.print(
            f"\n[yellow]The corpus records none of the national law on {data['as_of']}: it cannot assess"
            " the requirements on this date.[/]"
        )
    items = data.get("not_assessed") or []
    if not items:
        return
    c.print(f"\n[bold]Not assessable on {data['as_of']}[/bold] ({len(items)}): the law then is not recorded")
    for f in items:
        title = f["title"]
        missing = ", ".join(m["label"] for m in f["details"].get("not_recorded", []))
        c.print(
            f"  • {escape(title)}" + (f" [dim](not recorded: {escape(missing)})[/dim]" if missing else "")
        )


def coverage(data: JSON) -> None:
    c = console()
    c.print(f"[bold]{escape(data['label'])}[/bold] — requirements against the law of {data['as_of']}")
    horizon(c, data.get("not_recorded", []))
    st = status_text(data.get("instrument_status"))
    if st:
        c.print(escape(st))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Requirement", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Provisions", overflow="fold")
    for r in data["requirements"]:
        cells = ", ".join(f"{pid.split('/', 1)[1]} ({st})" for pid, st in r["cells"].items())
        table.add_row(
            escape(r["label"]),
            escape(r["kind"]),
            STATUS_STYLE.get(r["status"], r["status"]),
            escape(cells) or "—",
        )
    c.print(table)


def compare(data: JSON) -> None:
    c = console()
    c.print(f"[bold]What changed from {data['from']} to {data['to']}[/bold]")
    horizon(c, data.get("not_recorded", {}).get("from", []))
    if data["laws"]:
        c.print("\n[bold]Laws[/bold]")
        for law in data["laws"]:
            c.print(f"  {law['date']}  {escape(law['label'])}: {escape(', '.join(law['provisions']))}")
    for key, heading in (
        ("added", "Provisions added"),
        ("amended", "Provisions amended"),
        ("repealed", "Provisions repealed"),
    ):
        rows = data["provisions"][key]
        if rows:
            c.print(f"\n[bold]{heading}[/bold]")
            for r in rows:
                note = " (the text it amended is not recorded)" if r.get("earlier_text_not_recorded") else ""
                c.print(
                    f"  {escape(r['label'])} — by {escape(', '.join(law['label'] for law in r['laws']))}{note}"
                )
    first = data["provisions"].get("first_recorded") or []
    if first:
        c.print("\n[bold]Recorded from a date in the period[/bold] (older texts; not changes)")
        for r in first:
            c.print(f"  {escape(r['label'])} — from {r['recorded_from']}")
    if data["penalties_changed"]:
        c.print("\n[bold]Penalties changed[/bold]")
        for r in data["penalties_changed"]:
            laws = ", ".join(law["label"] for law in r["laws"])
            c.print(
                f"  {escape(r['label'])}: {escape(r['before']['range'])} → {escape(r['after']['range'])} ({escape(laws)})"
            )
    if data["age_thresholds_changed"]:
        c.print("\n[bold]Age bands changed[/bold]")
        for r in data["age_thresholds_changed"]:
            laws = ", ".join(law["label"] for law in r["laws"])
            c.print(f"  {escape(r['label'])}: {escape(r['before'])} → {escape(r['after'])} ({escape(laws)})")
    for key, heading in (("closed", "Gaps closed"), ("opened", "Gaps opened"), ("changed", "Gaps changed")):
        rows = data["gaps"][key]
        if rows:
            c.print(f"\n[bold]{heading}[/bold]")
            for r in rows:
                laws = ", ".join(f"{law['label']} ({law['date']})" for law in r["laws"])
                c.print(
                    f"  {escape(r['title'])}: {r['before']} → {r['after']}"
                    + (f" — {escape(laws)}" if laws else "")
                )


def _horizon_of(data: JSON) -> list[JSON]:
    """The provisions not recorded on the date that the not-assessed findings name, once each."""
    seen: dict[str, JSON] = {}
    for f in data.get("not_assessed") or []:
        for m in f["details"].get("not_recorded", []):
            seen.setdefault(m["provision"], m)
    return list(seen.values())


def horizon(c: Console, items: list[JSON]) -> None:
    """The provisions the corpus does not record on the date, said before any answer."""
    if not items:
        return
    names = ", ".join(f"{escape(i['label'])} (recorded from {i['recorded_from']})" for i in items)
    c.print(
        f"[yellow]Not recorded on this date:[/] {names}. What they said then is not in the corpus,"
        " so this answer may be incomplete."
    )


def age(data: JSON) -> None:
    c = console()
    who = f"a child of {data['age']}" if data["minor"] else f"a person of {data['age']}"
    c.print(f"[bold]What protects {who} on {data['as_of']}[/bold]")
    horizon(c, data.get("not_recorded", []))
    if not data["offences"]:
        recorded = " recorded for this date" if data.get("not_recorded") else " in force"
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
            escape(o["name"].get("es") or o["name"]["en"]),
            escape(cond),
            escape(o["penalty"]["text"]),
            range_text(o["penalty"]),
        )
    c.print(table)


def refs(data: JSON) -> None:
    from rich.tree import Tree

    def label(n: JSON) -> str:
        flag = "" if n["in_force"] is not False else f" [red]({n['state'].replace('-', ' ')} on this date)[/]"
        why = f" [dim]— {escape(n['why'])}[/dim]" if n.get("why") else ""
        seen = (
            " [dim](cited above: a cycle)[/dim]"
            if n.get("cycle")
            else " [dim](shown above)[/dim]"
            if n.get("repeat")
            else ""
        )
        return f"{escape(n['label'])}{flag}{why}{seen}"

    def add(tree: Any, n: JSON) -> None:
        for child in n["children"]:
            add(tree.add(label(child)), child)

    direction = "referred to by" if data["reverse"] else "refers to"
    root = Tree(f"[bold]{escape(data['label'])}[/bold] {direction} (as of {data['as_of']})")
    add(root, data["tree"])
    console().print(root)
    if data.get("truncated"):
        console().print("[dim](the tree was cut short: it cites too many provisions to show them all)[/dim]")


def extradition(data: JSON) -> None:
    c = console()
    c.print(f"[bold]Extradition for {escape(data['label'])}[/bold] as of {data['as_of']}")
    horizon(c, data.get("not_recorded", []))
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
