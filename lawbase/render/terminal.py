"""Terminal output with rich (the only module that imports rich). It formats the query dicts;
it never computes a legal fact. NO_COLOR and non-terminal output are honoured by rich itself.

Every string rich renders - printed, or in a table cell or a tree label - first has its control
and bidirectional characters shown as escapes (errors.visible): rich itself passes ESC through,
so an argument echoed back or a value could otherwise write to the clipboard (OSC 52), forge a
hyperlink (OSC 8), clear the screen or reorder what is read, on a terminal or into a pipe.

Layout (issue 15): no word is ever split. Tables get column widths computed here (`_table`):
a column never narrower than its longest word, ranges, ages and classes never wrapped, the
slack given to the name column; when even that does not fit the width, the rows are printed
stacked, one block per row. Prose hangs under its bullet or label (`_hang`). The width is the
terminal's; to a file or pipe it is COLUMNS when set, else tables are laid out at 100 columns
and prose is not wrapped at all (one line per paragraph, for the reader's own tools to wrap).

Every code the answers carry (a class, a status, a condition, a nexus, a State) is shown by its
label in the reader's language (`_label`, from the corpus's vocabulary and scales)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from lawbase import i18n
from lawbase.errors import visible
from lawbase.i18n import t
from lawbase.model import in_lang
from lawbase.penalties import BOUND_WORDS
from lawbase.render.text import (
    COMPARED_WORDS,
    age_text,
    aggravation_words,
    case_penalty,
    check_counts,
    duration,
    fine_text,
    limitation_words,
    range_text,
    recommendation_text,
    span_text,
    state_word,
    version_words,
)

if TYPE_CHECKING:
    from rich.tree import Tree

    from lawbase import shapes
    from lawbase.kb import KnowledgeBase

COMFORT = 24  # a wrapped column shrinks under this only when every other is as narrow
SOFT_WIDTH = 14  # a wrapped column shrinks under this only when the name column cannot give more
MIN_SLACK = 16  # narrower than this, the name column is too cramped: the rows are stacked
PIPE_WIDTH = 100  # tables written to a file or pipe with no COLUMNS

_request: ContextVar[Mapping[str, Any] | None] = ContextVar("lawbase_terminal_request", default=None)
_kb_memo: dict[str, Any] = {}


def write(name: str, answer: Any, request: Mapping[str, Any]) -> None:
    """render.terminal.<name>(answer), with the command line's values in view (the corpus whose
    vocabulary labels the codes, --brief)."""
    token = _request.set(request)
    _kb_memo.clear()  # the corpus is opened afresh for each answer (a test may rewrite one in place)
    try:
        getattr(sys.modules[__name__], name)(answer)
    finally:
        _request.reset(token)


def _opt(name: str) -> Any:
    req = _request.get()
    return req.get(name) if req else None


def _kb() -> KnowledgeBase | None:
    """The corpus the answer came from (its vocabulary and scales), opened once."""
    from lawbase.paths import data_dir

    root = str(data_dir(_opt("data")))
    if root not in _kb_memo:
        try:
            from lawbase.corpus.cache import open_corpus

            _kb_memo[root] = open_corpus(data_dir(_opt("data")), full=False)
        except Exception:  # a renderer fed a hand-made answer with no corpus: codes stay labels-less
            _kb_memo[root] = None
    kb: KnowledgeBase | None = _kb_memo[root]
    return kb


def _label(vocabulary: str, tag: str) -> str:
    """A code's label in the reader's language (a tag no vocabulary knows: its words)."""
    kb = _kb()
    if kb is not None:
        got = kb.vocabulary.label(vocabulary, tag, i18n.current())
        if got != tag:
            return got
    return tag.replace("-", " ")


def _labels(vocabulary: str, tags: Sequence[str], sep: str = ", ") -> str:
    return sep.join(_label(vocabulary, x) for x in tags)


def _state_name(jid: str) -> str:
    return _label("jurisdictions", jid)


def _class(cid: str | None) -> str:
    """An offence class by its scale's name ("simple delito")."""
    if not cid:
        return ""
    kb = _kb()
    if kb is not None:
        for scale in kb.scales.values():
            if cid in scale.classes:
                es, en, _rank = scale.classes[cid]
                return es if i18n.current() == "es" else en
    return cid.replace("-", " ")


def _title(text: shapes.Text | None) -> str:
    if not text:
        return ""
    if i18n.current() == "es":
        return text.get("es") or text.get("en") or ""
    return text.get("en") or text.get("es") or ""


def _name(text: shapes.Text) -> str:
    """An offence's name in the reader's language (Text.best: the English, or the statute's
    Spanish wording for a Spanish reader)."""
    return _title(text)


def _summary(obj: Mapping[str, Any]) -> str | None:
    """A summary in the reader's language (the Spanish one when recorded, else the English)."""
    return _tx(obj, "summary")


def _tx(obj: Mapping[str, Any], field: str) -> str | None:
    """A free text of the corpus in the reader's language: its `<field>_es` in Spanish where the
    corpus records one, else the English."""
    return in_lang(obj, field, i18n.current())


def state_text(state: str) -> str:
    colour = {"in-force": "green", "repealed": "red"}.get(state, "yellow")
    word = t("earlier text not recorded") if state == "not-recorded" else state_word(state)
    return f"[{colour}]{word}[/]"


class _Console(Console):
    """A Console whose every string is made visible before markup is read (module docstring)."""

    def render_str(self, text: str, *args: Any, **kwargs: Any) -> Text:
        return super().render_str(visible(text, one_line=False), *args, **kwargs)

    def _render_buffer(self, buffer: Any) -> str:
        """The text to write, without the spaces rich pads table cells and hanging lines with at
        the end of a line (noise in a file, and in a diff)."""
        text = super()._render_buffer(buffer)
        return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def _piped_unsized() -> bool:
    return not sys.stdout.isatty() and not os.environ.get("COLUMNS")


def console() -> Console:
    width = PIPE_WIDTH if _piped_unsized() else None
    return _Console(highlight=False, soft_wrap=False, width=width)


def _hang(c: Console, lead: str, body: str, indent: int | None = None) -> None:
    """`lead` then `body` (markup), the body's further lines hanging under its first word
    (or `indent` columns in); to a pipe with no COLUMNS, one unwrapped line."""
    if _piped_unsized():
        c.print(lead + body, soft_wrap=True)
        return
    lead_text = c.render_str(lead)
    width = lead_text.cell_len if indent is None else indent
    if width > c.width // 2:  # a long label: the body hangs a few columns in instead
        width = 4 + (len(lead) - len(lead.lstrip()))
    grid = Table.grid(padding=0)
    grid.add_column(no_wrap=True, width=width)
    grid.add_column()
    if lead_text.cell_len > width:  # the lead is longer than the hang: on a line of its own
        c.print(lead, soft_wrap=True)
        lead = ""
    grid.add_row(lead, body)
    c.print(grid)


def _line(c: Console, body: str, indent: int = 0) -> None:
    """A paragraph at `indent`, wrapped at words, its lines hanging at the same indent."""
    if not indent:
        c.print(body, soft_wrap=_piped_unsized())
        return
    _hang(c, " " * indent, body, indent)


class Col(NamedTuple):
    header: str
    wrap: bool = True  # False: never wrapped (a range, an age, a class, a date, a reference)
    slack: bool = False  # the column that gets the room left over (the offence name)


def _words_width(c: Console, cell: str, wrap: bool) -> tuple[int, int]:
    """(narrowest, widest) a cell can be laid out in: its longest word, its longest line."""
    text = c.render_str(cell)
    lines = text.plain.split("\n")
    widest = max((Text(x).cell_len for x in lines), default=0)
    if not wrap:
        return widest, widest
    narrowest = max((Text(w).cell_len for x in lines for w in x.split()), default=0)
    return narrowest, widest


def _table(c: Console, cols: Sequence[Col], rows: Sequence[Sequence[str]], indent: int = 0) -> None:
    """A table whose columns never split a word (module docstring); stacked when too narrow."""
    if not rows:
        return
    # a column with nothing in any row ("Only if" when no offence has a condition) is left out
    keep = [
        i
        for i, _col in enumerate(cols)
        if i == 0 or any(c.render_str(r[i]).plain.strip() not in ("", "—") for r in rows)
    ]
    cols = [cols[i] for i in keep]
    rows = [[r[i] for i in keep] for r in rows]
    mins, maxs = [], []
    for i, col in enumerate(cols):
        measures = [_words_width(c, col.header, True)] + [_words_width(c, r[i], col.wrap) for r in rows]
        mins.append(max(m[0] for m in measures))
        maxs.append(max(m[1] for m in measures))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), expand=False)
    for col in cols:
        table.add_column(col.header, no_wrap=not col.wrap, overflow="ellipsis")
    overhead = table._extra_width + sum(table._get_padding_width(i) for i in range(len(cols)))
    avail = c.width - overhead - indent
    if sum(mins) > avail:
        _stacked(c, cols, rows, indent)
        return
    widths = list(maxs)

    # shrink to fit, never under a column's longest word, a column at a time from the widest
    # (so the columns even out): first every wrapped column down to a comfortable COMFORT
    # width; then the others down to SOFT_WIDTH, so the name (the slack) keeps the room; then
    # the name; then the others down to their longest word
    def fit(eligible: Callable[[int], bool], floor: Callable[[int], int]) -> None:
        while sum(widths) > avail:
            can = [i for i, col in enumerate(cols) if col.wrap and eligible(i) and widths[i] > floor(i)]
            if not can:
                return
            widths[max(can, key=lambda i: widths[i])] -= 1

    def everyone(i: int) -> bool:
        return True

    def others(i: int) -> bool:
        return not cols[i].slack

    def name(i: int) -> bool:
        return cols[i].slack

    fit(everyone, lambda i: max(mins[i], min(maxs[i], COMFORT)))
    fit(others, lambda i: max(mins[i], min(maxs[i], SOFT_WIDTH)))
    fit(name, lambda i: mins[i])
    fit(others, lambda i: mins[i])
    slack = [i for i, col in enumerate(cols) if col.slack]
    if sum(widths) > avail or any(widths[i] < min(maxs[i], MIN_SLACK) for i in slack):
        _stacked(c, cols, rows, indent)  # the name would be a column of two-word lines
        return
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w
    for r in rows:
        table.add_row(*r)
    if indent:
        from rich.padding import Padding

        c.print(Padding(table, (0, 0, 0, indent)))
    else:
        c.print(table)


def _stacked(c: Console, cols: Sequence[Col], rows: Sequence[Sequence[str]], indent: int = 0) -> None:
    """The rows of a table too wide for the terminal, one block each: the first cell as its head,
    each other cell under it with its column's name (a row whose first cell is indented, such
    as an aggravated form, stands under the row before it)."""
    for r in rows:
        sub = r[0].startswith(" ")
        pad = " " * (indent + (2 if sub else 0))
        if not sub:
            c.print()
        _hang(c, pad + ("↳ " if sub else "• "), f"[bold]{r[0].strip()}[/bold]")
        for col, cell in zip(cols[1:], r[1:], strict=True):
            if c.render_str(cell).plain.strip() in ("", "—"):
                continue
            for k, part in enumerate(cell.split("\n")):
                lead = f"{pad}  {col.header}: " if k == 0 else pad + "  " + " " * (len(col.header) + 2)
                _hang(c, lead, part)


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


def _finding_title(f: shapes.Finding) -> str:
    """A finding's short title in the reader's language."""
    return (f["titles"]["es"] or f["title"]) if i18n.current() == "es" else f["title"]


def window(v: shapes.VersionWindow | None) -> str:
    if not v:
        return ""
    until = v["until"] or t("today")
    return f"{v['from']} → {until}, {v['by_title'] or v['by']}"


def _heading(c: Console, label: str, title: shapes.Text) -> None:
    """'CP art. 367 ter — its title', in the reader's language, then the other language's."""
    main = _title(title)
    if main and main != label:
        _hang(c, f"[bold]{escape(label)}[/bold] — ", escape(main))
    else:  # a law whose title is its number ("Ley 21.522")
        c.print(f"[bold]{escape(label)}[/bold]")
    other = title.get("en") if i18n.current() == "es" else title.get("es")
    if other and other != main:
        _line(c, f"[italic]{escape(other)}[/italic]")


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
    text = t("As of {date}:", date=as_of) + " " + state_text(state)
    if state == "in-force" and version is not None:  # a provision in force has a version
        if since_before:
            text += t(
                " (text of the version of {date}, which stood at least since {since};"
                " when it began is not recorded)",
                date=version["from"],
                since=recorded_from,
            )
        else:
            text += t(" (version {window})", window=escape(window(version)))
            if recorded_from:
                text += t("; the corpus records it from {date}", date=recorded_from)
            elif came_into_force and came_into_force != version["from"]:
                text += t("; in force since {date}", date=came_into_force)
    elif state == "repealed":
        text += t(" on {date}", date=repealed_on)
        if version:
            text += t(" by {law}", law=escape(version["by_title"] or version["by"]))
    elif state == "not-yet" and came_into_force:
        text += t("; it comes into force on {date}", date=came_into_force)
    elif state == "not-recorded" and recorded_from:
        text += t("; the corpus records it from {date}", date=recorded_from)
    return text


def _part(part: str | None) -> str:
    return f" ({escape(part)})" if part else ""


def _range_cell(p: shapes.Penalty) -> str:
    """The range, and under it the offence class (never wrapped: a column of its own width)."""
    klass = _class(p["class"])
    return escape(range_text(p)) + (f"\n[dim]{escape(klass)}[/dim]" if klass else "")


def _offence_rows(offences: Sequence[shapes.Offence], show_name: bool) -> list[list[str]]:
    rows = []
    for o in offences:
        p = o["penalty"]
        fine = fine_text(p)
        cells = [escape(_name(o["name"])) + _part(o["part"])] if show_name else []
        cells += [
            age_text(o["victim_age"]),
            escape(_labels("conditions", o["conditions"])) or "—",
            escape(p["text"]) + (f"\n{escape(fine)}" if fine else ""),
            _range_cell(p),
        ]
        rows.append(cells)
        for a in o["aggravated"]:
            ap = a["penalty"]
            afine = fine_text(ap)
            row = ["  [dim]" + t("aggravated") + "[/dim]" + _part(a["part"])] if show_name else []
            row += [
                age_text(a["victim_age"]) if a["victim_age"] else "",
                escape(_labels("conditions", a["conditions"])),
                escape(ap["text"]) + (f"\n{escape(afine)}" if afine else ""),
                _range_cell(ap),
            ]
            rows.append(row)
    return rows


def offences_table(c: Console, offences: Sequence[shapes.Offence], show_name: bool = True) -> None:
    cols = [Col(t("Offence"), slack=True)] if show_name else []
    cols += [Col(t("Victim"), wrap=False), Col(t("Only if")), Col(t("Penalty")), Col(t("Range"), wrap=False)]
    _table(c, cols, _offence_rows(offences, show_name))


def _sources(c: Console, sources: list[shapes.Citation]) -> None:
    if not sources:
        return
    c.print("\n[bold]" + t("Sources") + "[/bold]")
    for s in sources:
        mark = "[green]✓[/]" if s["verified"] else "[yellow]? " + t("unverified") + "[/]"
        line = f"{escape(s['title'] or s['source'])}, {escape(s['pinpoint'])}"
        if s["note"]:
            line += f" [dim]({escape(_tx(s, 'note') or '')})[/dim]"
        _hang(c, f"  {mark} ", line)
        if s["url"]:
            c.print(f"      [dim]{escape(s['url'])}[/dim]", soft_wrap=True)
        if not s["verified"] and s["reason"]:
            _hang(c, "      [dim]" + t("why:") + "[/dim] ", f"[dim]{escape(_tx(s, 'reason') or '')}[/dim]")


def status_text(st: shapes.InstrumentStatus | None, named: bool = True) -> str | None:
    """'Chile on this date: ratified since 2003-02-06 (binding)' and the like; `named` False
    leaves the State's name out (a line that already names it)."""
    if not st:
        return None
    if st["status"] == "benchmark":
        return t("A benchmark (an advocacy or model-law yardstick), not a binding instrument")
    binding = {True: t("binding"), False: t("not binding"), None: t("binding status not recorded")}[
        st["in_force"]
    ]
    since = t(" since {date}", date=st["since"]) if st["since"] else ""
    status = t("no step taken yet") if st["status"] == "none" else _standing(st["status"])
    said = t("{status}{since} ({binding})", status=status, since=since, binding=binding)
    if not named:
        return said
    return t("{state} on this date: {said}", state=_state_name(st["jurisdiction"]), said=said)


def _standing(status: str) -> str:
    return {
        "national": t("national law"),
        "not-party": t("not a party"),
        "signed": t("signed"),
        "approved": t("approved"),
        "ratified": t("ratified"),
        "acceded": t("acceded"),
        "in-force": t("in force"),
        "terminated": t("terminated"),
    }.get(status, status.replace("-", " "))


def show(data: shapes.Show) -> None:
    if data["kind"] == "requirement":
        return requirement(data)
    if data["kind"] == "instrument":
        return instrument(data)
    c = console()
    _heading(c, data["label"], data["title"])
    section = data["section"]
    if section:
        _line(c, f"[dim]{escape(_title(section))}[/dim]")
    if data["note"]:
        _line(c, f"[dim]{escape(data['note'])}[/dim]")
    part_line(c, data)
    _line(
        c,
        _status_line(
            data["state"],
            data["as_of"],
            data["version"],
            data["came_into_force"],
            data["repealed_on"],
            data["recorded_from"],
            data["in_force_since_before"],
        ),
    )
    st = status_text(data["instrument_status"])
    if st:
        _line(c, escape(st))
    if data["before"]:
        c.print()
        _line(c, escape(_tx(data, "before") or ""))
    summary = _summary(data)
    if summary:
        c.print()
        _line(c, escape(summary))
    _offences(c, data["offences"])
    _links(c, data)
    _sources(c, data["sources"])
    _discrepancies(c, data["discrepancies"])
    _versions(c, data["versions"])


def _offences(c: Console, offences: list[shapes.OffenceWithAccessories]) -> None:
    """The offences table, their accessory penalties, summaries and notes."""
    if offences:
        c.print("\n[bold]" + t("Offences and penalties") + "[/bold]")
        offences_table(c, offences)
        accessory_lines(c, offences)
        for o in offences:
            summary = _summary(o)
            if summary:
                _hang(c, f"  [dim]{escape(_name(o['name']))}:[/dim] ", f"[dim]{escape(summary)}[/dim]")
            # once each, in the order the penalties stand (a set's order changes from run to run)
            for note in dict.fromkeys(
                [_tx(o["penalty"], "note"), *(_tx(a["penalty"], "note") for a in o["aggravated"])]
            ):
                if note:
                    _hang(c, "  [dim]" + t("Note:") + "[/dim] ", f"[dim]{escape(note)}[/dim]")


def _links(c: Console, data: shapes.ProvisionShow) -> None:
    """What the provision refers to, what refers to it, the jurisdiction it extends, what it
    requires and which requirements it meets."""
    if data["refers_to"]:
        c.print("\n[bold]" + t("Refers to") + "[/bold]")
        for r in data["refers_to"]:
            flag = "" if r["in_force"] else " [red]" + t("(not in force on this date)") + "[/]"
            why = f" — {escape(_tx(r, 'why') or '')}" if r["why"] else ""
            _hang(c, "  • ", f"{escape(r['label'])}{flag}{why}")
    if data["referred_by"]:
        c.print("\n[bold]" + t("Referred to by") + "[/bold]")
        for q in data["referred_by"]:
            _hang(c, "  • ", escape(q["label"]))
    if data["extends_jurisdiction"]:
        c.print("\n[bold]" + t("Extraterritorial jurisdiction") + "[/bold]")
        for j in data["extends_jurisdiction"]:
            scope = {"all-offences": t("any offence"), "treaty-offences": t("offences covered by treaties")}
            offs = ", ".join(o["label"] for o in j["offences"]) or scope.get(j["scope"], "")
            part = f"{j['part']}: " if j["part"] else ""
            nexus = _labels("nexus", j["nexus"], t(" or "))
            _hang(c, "  • ", f"{escape(part)}{escape(offs)} — " + t("basis: {nexus}", nexus=escape(nexus)))
            if j["restriction"]:
                _line(c, f"[dim]{escape(_tx(j, 'restriction') or '')}[/dim]", 4)
    if data["requirements"]:
        c.print("\n[bold]" + t("What it requires") + "[/bold]")
        for req in data["requirements"]:
            kind = _label("requirement_kinds", req["kind"])
            _hang(c, "  • ", f"{escape(req['label'])} ({escape(kind)}) — {escape(_summary(req) or '')}")
    if data["implements"]:
        c.print("\n[bold]" + t("Meets") + "[/bold]")
        for met in data["implements"]:
            _hang(c, "  • ", f"{escape(met['label'])} — {escape(_summary(met) or '')}")


def _discrepancies(c: Console, discrepancies: list[shapes.Discrepancy]) -> None:
    if discrepancies:
        c.print("\n[bold]" + t("Where sources disagree") + "[/bold]")
        for d in discrepancies:
            cit = d["citation"]
            who = f"{escape(cit['title'] or cit['source'])}, {escape(cit['pinpoint'])}"
            _hang(c, "  • ", t("{who}, says:", who=who) + f" {escape(d['says'])}")
            _hang(c, "    " + t("The statute:") + " ", escape(_tx(d, "statute") or ""))
            said = t("statute") if d["authoritative"] == "statute" else t("the source")
            _hang(
                c,
                "    [dim]" + t("Authoritative:") + "[/dim] ",
                f"[dim]{said}. {escape(_tx(d, 'why') or '')}[/dim]",
            )


def _versions(c: Console, versions: list[shapes.VersionEntry]) -> None:
    if len(versions) > 0:
        c.print("\n[bold]" + t("Versions") + "[/bold]")
        for v in versions:
            arrow = "[bold]▶[/bold]" if v["current"] else " "
            status = " [red]" + t("repealed") + "[/red]" if v["status"] == "repealed" else ""
            until = v["until"] or t("today")
            _hang(c, f"  {arrow} {v['from']} → {until:10}  ", f"{escape(v['by_title'] or v['by'])}{status}")


def requirement(data: shapes.RequirementShow) -> None:
    c = console()
    kind = _label("requirement_kinds", data["requirement_kind"])
    _hang(
        c,
        f"[bold]{escape(data['label'])}[/bold] — ",
        escape(kind) + ("" if data["mandatory"] else " [dim]" + t("(optional)") + "[/dim]"),
    )
    if data["note"]:
        _line(c, f"[dim]{escape(data['note'])}[/dim]")
    _line(c, escape(_summary(data) or ""))
    st = status_text(data["instrument_status"])
    if st:
        _line(c, escape(st))
    if data["conduct"]:
        _hang(
            c,
            t("Conduct:") + " ",
            escape(_labels("conduct", data["conduct"]))
            + "; "
            + t("victims {age}", age=age_text(data["victim_age"])),
        )
    if data["nexus"]:
        _hang(c, t("Basis:") + " ", escape(_labels("nexus", data["nexus"], t(" or "))))
    if data["implemented_by"]:
        c.print(
            "\n[bold]"
            + t("Provisions that claim to meet it")
            + "[/bold] "
            + t("(as of {date})", date=data["as_of"])
        )
        for p in data["implemented_by"]:
            _hang(c, "  • ", escape(p["label"]))
    _sources(c, data["sources"])


def accessory_lines(c: Console, offences: Sequence[shapes.OffenceWithAccessories]) -> None:
    """The accessory penalties other provisions attach to these offences, once per rule."""
    rules = dict.fromkeys((a["label"], _summary(a) or "") for o in offences for a in o["accessory"])
    if not rules:
        return
    c.print("\n[bold]" + t("Accessory penalties") + "[/bold]")
    for label, summary in rules:
        _hang(c, "  • ", f"{escape(label)}: {escape(summary)}")


def part_line(c: Console, data: shapes.ProvisionShow | shapes.PenaltyAnswer) -> None:
    """The inciso asked for ("367 quáter inc. 2") and, in `show`, its offences on the date; in
    `penalty`, the note on the reference typed ("showing CP art. 367 ter; you typed 367 tre")."""
    part = data["part"]
    if "part_offences" not in data and data["note"]:  # penalty: `show` prints its note itself
        _line(c, f"[dim]{escape(data['note'])}[/dim]")
    if not part:
        return
    if "part_offences" not in data:  # penalty: the table lists that part's offences only
        _line(c, f"[dim]{escape(t('only the offences of {part}', part=part))}[/dim]")
        return
    show = cast("shapes.ProvisionShow", data)
    ids = set(show["part_offences"])
    names = [_name(o["name"]) for o in show["offences"] if o["id"] in ids]
    line = (
        t("{part}: {offences}", part=part, offences="; ".join(n for n in names))
        if names
        else t("{part}: no offence of it in force on this date", part=part)
    )
    _line(c, f"[bold]{escape(line)}[/bold]")


def made_lines(c: Console, made: list[shapes.MadeVersion]) -> None:
    """What a law did to articles: those it added, amended and repealed, each with its date."""
    for change, heading in (
        ("added", t("Articles it added")),
        ("amended", t("Articles it amended")),
        ("repealed", t("Articles it repealed")),
    ):
        rows = [m for m in made if m["change"] == change]
        if rows:
            c.print(f"\n[bold]{escape(heading)}[/bold]")
            for m in rows:
                _hang(c, "  • ", f"{escape(m['label'])}: {escape(t('from {date}', date=m['from']))}")


def _penalty_key(offences: Sequence[shapes.Offence]) -> list[Any]:
    """What a version's penalty table shows, to tell whether the next version changed it."""
    return [
        (
            o["name"],
            o["part"],
            o["victim_age"],
            o["conditions"],
            o["penalty"],
            [(a["part"], a["victim_age"], a["conditions"], a["penalty"]) for a in o["aggravated"]],
            o.get("accessory"),
        )
        for o in offences
    ]


def _brief_line(data: shapes.PenaltyAnswer, row: shapes.PenaltyVersion, o: shapes.Offence) -> str:
    """'CP art. 367 ter · 2004-01-14→2022-12-29 (Ley 19.927) · presidio menor en su grado
    máximo · 3 years and 1 day – 5 years · misdemeanour (simple delito)'."""
    v = row["version"]
    p = o["penalty"]
    label = data["label"] + (f" {o['part']}" if o["part"] else "")
    parts = [label, f"{v['from']}→{v['until'] or t('today')} ({v['by_title'] or v['by']})", p["text"]]
    parts += [x for x in (range_text(p), fine_text(p), _class(p["class"])) if x]
    return " · ".join(parts)


def penalty(data: shapes.PenaltyAnswer) -> None:
    c = console()
    if _opt("brief"):
        for row in data["versions"]:
            if not row["offences"]:
                v = row["version"]
                what = t("repealed") if v["status"] == "repealed" else t("no offence in force")
                c.print(
                    escape(
                        f"{data['label']} · {v['from']}→{v['until'] or t('today')} ({v['by_title'] or v['by']}) · {what}"
                    ),
                    soft_wrap=True,
                )
            for o in row["offences"]:
                c.print(escape(_brief_line(data, row, o)), soft_wrap=True)
                for a in o["aggravated"]:
                    ap = a["penalty"]
                    bits = [
                        x
                        for x in (
                            t("aggravated") + _part(a["part"]),
                            ap["text"],
                            range_text(ap),
                            _class(ap["class"]),
                        )
                        if x
                    ]
                    c.print("  " + escape(" · ".join(bits)), soft_wrap=True)
        return
    _heading(c, data["label"], data["title"])
    part_line(c, data)
    if not data["history"]:
        version = data["versions"][0]["version"] if data["versions"] else None
        _line(
            c,
            _status_line(data["state"], data["as_of"], version, data["came_into_force"], data["repealed_on"]),
        )
    previous: list[Any] | None = None
    for row in data["versions"]:
        v = row["version"]
        if data["history"]:
            status = " [red]" + t("(repealed)") + "[/red]" if v["status"] == "repealed" else ""
            c.print(f"\n[bold]{escape(window(v))}[/bold]{status}")
        key = _penalty_key(row["offences"])
        if row["offences"] and data["history"] and key == previous:
            _line(c, "[dim]" + t("penalty unchanged") + "[/dim]", 2)
        elif row["offences"]:
            c.print()
            offences_table(c, row["offences"])
            accessory_lines(c, row["offences"])
        elif v["status"] == "repealed" or data["state"] != "in-force":
            _line(c, "[dim]" + t("no offence in force") + "[/dim]", 2)
        if v["status"] == "repealed":
            said = _summary(row)  # what the repealing version records: where its content went
            if said:
                _line(c, escape(said), 2)
        previous = key


def _limitation_said(lim: shapes.LimitationTerm, short: bool = False) -> str:
    if lim["regime"] == "imprescriptible":
        said = t("imprescriptible")
    elif lim["period_text"]:
        period = duration(lim["period"]) if lim["period"] else lim["period_text"]
        said = period if short else t("prescribes in {period}", period=period)
    else:
        said = t("period not recorded") if short else t("no limitation period recorded for this penalty")
    if not short and lim["regime"] == "from-majority":
        said += t(", counted from the victim's majority at the earliest")
    return said


def compare_states(data: shapes.StatesCompareAnswer) -> None:
    """Several States on one date: each conduct's offences State by State, then the
    requirements on which they stand differently."""
    c = console()
    states = data["jurisdictions"]
    names = ", ".join(_state_name(s["id"]) for s in states)
    _line(c, f"[bold]{escape(names)}[/bold]: " + t("the law of {date} side by side", date=data["as_of"]))
    c.print("\n[bold]" + t("Offences, by conduct") + "[/bold] " + t("(ranges in years; how each prescribes)"))
    for item in data["conducts"]:
        _line(c, f"[bold]{escape(_label('conduct', item['conduct']))}[/bold]", 2)
        for s in states:
            rows = item["offences"][s["id"]]
            lead = f"    {escape(_state_name(s['id']))}: "
            if not rows:
                _hang(c, lead, "[red]" + t("no offence recorded in the corpus") + "[/]")
                continue
            parts = [
                f"{row['label']} {_years(row['years'])} ({_limitation_said(row['limitation'], short=True)})"
                for row in rows
            ]
            _hang(c, lead, escape("; ".join(parts)))
    differ = data["requirements_differ"]
    c.print()
    _line(
        c,
        "[bold]"
        + t("Requirements on which they differ")
        + f"[/bold]: {len(differ)} "
        + t("(and {n} on which they stand alike)", n=data["requirements_alike"]),
    )
    if differ:
        cols = [Col(t("Requirement"), slack=True)] + [
            Col(escape(_state_name(s["id"])), wrap=False) for s in states
        ]
        _table(
            c,
            cols,
            [[escape(r["label"])] + [status_style(r["statuses"][s["id"]]) for s in states] for r in differ],
        )
    _line(
        c,
        "[dim]"
        + t("Each cell's findings and evidence:")
        + " lawbase matrix --jurisdiction "
        + ",".join(s["id"] for s in states)
        + "[/dim]",
    )


def instrument(data: shapes.InstrumentShow) -> None:
    """A law, code or treaty named alone: what it is, the State's standing, what it made."""
    c = console()
    _heading(c, data["label"], data["title"])
    dates = [
        f"{word} {day}"
        for word, day in (
            (t("adopted"), data["adopted"]),
            (data["gazette"] or t("published"), data["published"]),
            (t("in force"), data["in_force"]),
        )
        if day
    ]
    if dates:
        _line(c, escape("; ".join(dates)))
    st = status_text(data["instrument_status"])
    if st and data["instrument_kind"] not in ("code", "law"):
        _line(c, escape(st))
    summary = _summary(data)
    if summary:
        c.print()
        _line(c, escape(summary))
    if data["note"]:
        _line(c, f"[dim]{escape(_tx(data, 'note') or '')}[/dim]")
    made_lines(c, data["made"])
    if data["articles"]:
        c.print("\n[bold]" + t("Its articles in the corpus") + f"[/bold] ({len(data['articles'])})")
        _line(c, escape(", ".join(a["label"] for a in data["articles"])), 2)
    _sources(c, data["sources"])


def penalties_for_conduct(data: shapes.ConductAnswer) -> None:
    """One State: a table of the offences. Several: a block per offence, State by State, with
    its range in years, how it prescribes and whether it is extraditable, to read side by side."""
    c = console()
    states = data["jurisdictions"]
    several = len(states) > 1
    what = escape(_label("conduct", data["conduct"]))
    if several:
        where = ", ".join(_state_name(s["id"]) for s in states)
        said = t("offences in force in {states} on {date}", states=escape(where), date=data["as_of"])
    else:
        said = t("offences in force on {date}", date=data["as_of"])
    _line(c, f"[bold]{what}[/bold] — {said}")
    if not data["offences"]:
        _line(c, "[yellow]" + t("no offence in force on this date covers this conduct") + "[/]", 2)
        return
    if several:
        _conduct_blocks(c, data)
        return
    cols = [
        Col(t("Article"), wrap=False),
        Col(t("Offence"), slack=True),
        Col(t("Victim"), wrap=False),
        Col(t("Only if")),
        Col(t("Penalty")),
        Col(t("Range"), wrap=False),
    ]
    rows = []
    for row in data["offences"]:
        o = row["offence"]
        rows.append(
            [
                escape(row["label"]),
                escape(_name(o["name"])),
                age_text(o["victim_age"]),
                escape(_labels("conditions", o["conditions"])) or "—",
                escape(o["penalty"]["text"]),
                escape(range_text(o["penalty"])),
            ]
        )
    _table(c, cols, rows)


def _threshold_why(p: shapes.Penalty, th: shapes.Threshold, ok: bool | None) -> str:
    """Why an offence's penalty does or does not reach an extradition threshold, in words:
    'the maximum penalty (5 years) is more than 1 year'."""
    if th["bound"] == "minimum":
        value = duration(p["min"]) if p["min"] else t("unknown")
    elif th["bound"] == "midpoint":
        value = (
            t("half of {low} + {high}", low=duration(p["min"]), high=duration(p["max"]))
            if p["min"] and p["max"]
            else t("unknown")
        )
    else:  # maximum, any degree: the highest degree reaches it when any does
        value = duration(p["max"]) if p["max"] else t("life")
    verbs = {
        (">", True): t("is more than"),
        (">", False): t("is not more than"),
        (">=", True): t("is at least"),
        (">=", False): t("is less than"),
    }
    verb = verbs.get((th["comparison"], bool(ok)), th["comparison"])
    return t(
        "the {bound} ({value}) {verb} {limit}",
        bound=t(BOUND_WORDS.get(th["bound"], "penalty")),
        value=value,
        verb=verb,
        limit=duration(th["duration"]),
    )


def _treaty_why(p: shapes.Penalty, tr: shapes.TreatyTerms) -> list[str]:
    """Why a treaty does or does not make the offence extraditable, in the reader's language."""
    why = []
    if not tr["applicable"]:
        why.append(t("not applicable on this date ({standing})", standing=_standing(tr["status"]["status"])))
    if tr["threshold"]:
        why.append(_threshold_why(p, tr["threshold"], tr["meets"]))
    if tr["double_criminality"]:
        why.append(t("the conduct must also be an offence in the requesting State (double criminality)"))
    if not tr["verified"]:
        reasons = [_tx(s, "reason") or "" for s in tr["sources"] if not s["verified"]]
        why.append(
            t("some of these terms are unverified: {reasons}", reasons="; ".join(r for r in reasons if r))
        )
    return why


def _direction(d: str | None) -> str:
    return {"active": t("requests made by the State"), "passive": t("requests to the State")}.get(d or "", "")


def _conduct_blocks(c: Console, data: shapes.ConductAnswer) -> None:
    for s in data["jurisdictions"]:
        rows = [r for r in data["offences"] if r["jurisdiction"] == s["id"]]
        c.print(f"\n[bold]{escape(_state_name(s['id']))}[/bold]")
        if not rows:
            _line(c, "[yellow]" + t("no offence in force on this date covers this conduct") + "[/]", 2)
        for row in rows:
            o = row["offence"]
            _hang(c, f"  [bold]{escape(row['label'])}[/bold]: ", escape(_name(o["name"])))
            only = (
                t("; only if {conditions}", conditions=_labels("conditions", o["conditions"]))
                if o["conditions"]
                else ""
            )
            _line(
                c,
                t("victim {age}", age=age_text(o["victim_age"]))
                + f"{escape(only)}: {escape(o['penalty']['text'])}"
                + f" ({escape(range_text(o['penalty']))}; "
                + t("{years} years", years=_years(row["years"]))
                + ")",
                4,
            )
            lim = row["limitation"]
            rules = ", ".join(r["label"] for r in lim["rules"])
            _hang(
                c,
                "    " + t("limitation:") + " ",
                escape(_limitation_said(lim)) + (f" [dim]({escape(rules)})[/dim]" if rules else ""),
            )
            for e in row["extradition"]:
                verdict = "[green]" + t("met") + "[/]" if e["qualifies"] else "[red]" + t("not met") + "[/]"
                to = _direction(e["direction"])
                _hang(
                    c,
                    "    " + t("extradition,") + " ",
                    f"{escape(e['label'])}{escape(f' ({to})' if to else '')}: {verdict} [dim]({escape(e['why'])})[/dim]",
                )


def _years(y: shapes.YearsRange) -> str:
    """'0.33–1', '15–life', 'life', or 'no custodial penalty' (a fine only)."""
    if y["life"]:
        return f"{y['min']:g}–" + t("life") if y["min"] is not None else t("life")
    if y["min"] is None and y["max"] is None:
        return t("no custodial penalty")
    low = f"{y['min']:g}" if y["min"] is not None else "?"
    high = f"{y['max']:g}" if y["max"] is not None else "?"
    return f"{low}–{high}"


def search(data: shapes.SearchAnswer) -> None:
    c = console()
    if not data["results"]:  # `search` says "no match" once, on stderr (commands._no_match)
        return
    cols = [
        Col(t("Reference"), wrap=False),
        Col(t("Title"), slack=True),
        Col(t("On {date}", date=data["as_of"]), wrap=False),
        Col(t("Matched")),
    ]
    rows = []
    for r in data["results"]:
        state = {True: t("in force"), False: state_word(r["state"] or ""), None: ""}[r["in_force"]]
        rows.append(
            [
                escape(r["label"]),
                escape(_title(r["title"])),
                state,
                "[dim]" + escape(visible(r["matched"]["text"], one_line=False)) + "[/dim]",
            ]
        )
    _table(c, cols, rows)


def validate(data: shapes.Summary, folder: str) -> None:
    c = console()
    _line(
        c,
        "[green]ok[/green]: "
        + t(
            "{folder} holds {provisions} provisions ({versions} versions), {instruments} instruments, "
            "{requirements} requirements and {sources} sources; no problems found.",
            folder=escape(folder),
            provisions=data["provisions"],
            versions=data["versions"],
            instruments=data["instruments"],
            requirements=data["requirements"],
            sources=data["sources"],
        ),
    )


def status_word(status: str) -> str:
    return {
        "gap": t("gap"),
        "partial": t("partial"),
        "met": t("met"),
        "full": t("full"),
        "conditional": t("conditional"),
        "not-assessed": t("not assessed"),
        "unknown": t("unknown"),
        "not-recorded": t("not recorded"),
        "absent": t("absent"),
        "none": t("none"),
    }.get(status, status.replace("-", " "))


def status_style(status: str) -> str:
    colour = {"gap": "red", "partial": "yellow", "conditional": "yellow", "met": "green", "full": "green"}
    style = colour.get(status, "dim")
    return f"[{style}]{status_word(status)}[/]"


def gaps(data: shapes.GapsAnswer) -> None:
    c = console()
    findings = data["findings"]
    c.print(
        "[bold]"
        + t("Gaps as of {date}", date=data["as_of"])
        + "[/bold]: "
        + (t("1 finding") if len(findings) == 1 else t("{n} findings", n=len(findings)))
    )
    horizon(c, _horizon_of(data))
    changes = cast("Mapping[str, Any] | None", data.get("bill_changes"))
    if changes is not None:
        from lawbase.render.text import bill_change_lines

        c.print()
        c.print("[bold]" + t("What the bill would change in this list") + "[/bold]")
        for line in bill_change_lines(changes):
            _hang(c, "  • ", escape(line))
    for i, f in enumerate(findings, 1):
        req = f["requirement"]
        c.print()
        _hang(
            c, f"[bold]{i}.[/bold] ", f"[bold]{escape(_finding_title(f))}[/bold]  {status_style(f['status'])}"
        )
        if req:
            also = (
                t(" (also {labels})", labels=", ".join(r["label"] for r in f["also_required_by"]))
                if f["also_required_by"]
                else ""
            )
            _hang(
                c,
                "   " + t("Requirement:") + " ",
                f"{escape(req['label'])}{escape(also)} — {escape(_summary(req) or '')}",
            )
            st = status_text(f["instrument_status"])
            if st:
                _line(c, f"[dim]{escape(st)}[/dim]", 3)
        for r in f["recommendations"]:
            _hang(
                c,
                "   • ",
                f"[dim]{escape(t('{review} recommendation:', review=r['review']))}[/dim] {escape(recommendation_text(r))}",
            )
        for e in f["evidence"]:
            # the version by the date it came into force: "until today" would misdate a report
            # of an earlier date
            where = (
                t("{article}, version from {date}", article=e["label"], date=e["version"]["from"])
                if e["label"] and e["version"]
                else e["label"] or t("corpus")
            )
            _hang(c, "   • ", f"{escape(where)}: {escape(_tx(e, 'shows') or '')}")
        rec = _tx(f, "recommendation")
        if rec:
            _hang(c, "   [italic]" + t("Recommendation:") + "[/italic] ", escape(rec))
    not_assessed(c, data)


def not_assessed(c: Console, data: shapes.GapsAnswer) -> None:
    """What the corpus cannot assess on the date, because it does not record the law then."""
    if not data["assessable"]:
        c.print()
        _line(
            c,
            "[yellow]"
            + t(
                "The corpus records none of the national law on {date}: it cannot assess the requirements on this date.",
                date=data["as_of"],
            )
            + "[/]",
        )
    items = data["not_assessed"]
    if not items:
        return
    c.print()
    _line(
        c,
        "[bold]"
        + t("Not assessable on {date}", date=data["as_of"])
        + f"[/bold] ({len(items)}): "
        + t("the law then is not recorded"),
    )
    for f in items:
        missing = ", ".join(m["label"] for m in f["details"].get("not_recorded", []))
        _hang(
            c,
            "  • ",
            escape(_finding_title(f))
            + (" [dim](" + t("not recorded:") + f" {escape(missing)})[/dim]" if missing else ""),
        )


def coverage(data: shapes.CoverageAnswer) -> None:
    c = console()
    _hang(
        c,
        f"[bold]{escape(data['label'])}[/bold] — ",
        t("requirements against the law of {date}", date=data["as_of"]),
    )
    horizon(c, data["not_recorded"])
    st = status_text(data["instrument_status"])
    if st:
        _line(c, escape(st))
    kb = _kb()
    cols = [
        Col(t("Requirement"), wrap=False),
        Col(t("Kind")),
        Col(t("Status"), wrap=False),
        Col(t("Provisions"), slack=True),
    ]
    rows = []
    for r in data["requirements"]:
        cells = "; ".join(
            f"{kb.label(pid) if kb else pid}: {status_word(how)}" for pid, how in r["cells"].items()
        )
        rows.append(
            [
                escape(r["label"]),
                escape(_label("requirement_kinds", r["kind"])),
                status_style(r["status"]),
                escape(cells) or "—",
            ]
        )
    _table(c, cols, rows)


def matrix(data: shapes.MatrixAnswer) -> None:
    """Per instrument: its requirements down, the States across, a status per cell; then, per
    State, the findings behind each cell that is not met, with the provisions they rest on."""
    c = console()
    states = data["jurisdictions"]
    names = ", ".join(_state_name(s["id"]) for s in states)
    _line(
        c,
        "[bold]"
        + t("Requirements × States")
        + f"[/bold] ({escape(names)}), "
        + t("the law of {date}", date=data["as_of"]),
    )
    for s in states:
        if not s["assessable"]:
            _line(
                c,
                "[yellow]"
                + t(
                    "The corpus records none of the law of {state} on {date}.",
                    state=escape(_state_name(s["id"])),
                    date=data["as_of"],
                )
                + "[/]",
            )
    for inst in data["instruments"]:
        c.print()
        _hang(c, f"[bold]{escape(inst['label'])}[/bold] — ", escape(_tx(inst, "title") or ""))
        for s in states:
            st = status_text(inst["statuses"][s["id"]], named=False)
            if st:
                _hang(c, f"  {escape(_state_name(s['id']))}: ", escape(st))
        cols = [Col(t("Requirement"), slack=True)] + [
            Col(escape(_state_name(s["id"])), wrap=False) for s in states
        ]
        _table(
            c,
            cols,
            [
                [escape(r["label"])] + [status_style(r["cells"][s["id"]]["status"]) for s in states]
                for r in inst["requirements"]
            ],
        )
        for s in states:
            shown = [
                (r, f)
                for r in inst["requirements"]
                for f in r["cells"][s["id"]]["findings"]
                if f["status"] in ("gap", "partial")
            ]
            if not shown:
                continue
            _line(c, f"[bold]{escape(_state_name(s['id']))}[/bold]: " + t("what the cells rest on"))
            seen: set[str] = set()
            for _row, f in shown:
                if f["id"] in seen:
                    continue
                seen.add(f["id"])
                rows = [
                    x["label"]
                    for x in inst["requirements"]
                    if any(g["id"] == f["id"] for g in x["cells"][s["id"]]["findings"])
                ]
                _hang(
                    c,
                    "  • ",
                    f"{status_style(f['status'])} {escape(_tx(f, 'title') or '')} [dim]({escape(', '.join(rows))})[/dim]",
                )
                for e in f["evidence"]:
                    where = (
                        t("{article}, version from {date}", article=e["label"], date=e["version"]["from"])
                        if e["label"] and e["version"]
                        else e["label"] or ""
                    )
                    _hang(
                        c,
                        "      – ",
                        f"[dim]{escape(where + ': ' if where else '')}{escape(_tx(e, 'shows') or '')}[/dim]",
                    )


def compare(data: shapes.CompareAnswer) -> None:
    c = console()
    _line(
        c, "[bold]" + t("What changed from {start} to {end}", start=data["from"], end=data["to"]) + "[/bold]"
    )
    horizon(c, data["not_recorded"]["from"])
    if data["laws"]:
        c.print("\n[bold]" + t("Laws") + "[/bold]")
        for law in data["laws"]:
            _hang(c, f"  {law['date']}  ", f"{escape(law['label'])}: {escape(', '.join(law['provisions']))}")
    changes = data["provisions"]
    for heading, rows in (
        (t("Provisions added"), changes["added"]),
        (t("Provisions amended"), changes["amended"]),
        (t("Provisions repealed"), changes["repealed"]),
    ):
        if rows:
            c.print(f"\n[bold]{heading}[/bold]")
            for r in rows:
                note = (
                    t(" (the text it amended is not recorded)") if r.get("earlier_text_not_recorded") else ""
                )
                laws = ", ".join(law["label"] for law in r["laws"])
                _hang(c, "  • ", f"{escape(r['label'])} — " + t("by {laws}", laws=escape(laws)) + note)
    first = changes["first_recorded"]
    if first:
        c.print(
            "\n[bold]"
            + t("Recorded from a date in the period")
            + "[/bold] "
            + t("(older texts; not changes)")
        )
        for f in first:
            _hang(c, "  • ", f"{escape(f['label'])} — " + t("from {date}", date=f["recorded_from"]))
    if data["penalties_changed"]:
        c.print("\n[bold]" + t("Penalties changed") + "[/bold]")
        for p in data["penalties_changed"]:
            laws = ", ".join(law["label"] for law in p["laws"])
            _hang(
                c,
                "  • ",
                f"{escape(p['label'])}: {escape(span_text(p['before']))} → {escape(span_text(p['after']))} ({escape(laws)})",
            )
    if data["age_thresholds_changed"]:
        c.print("\n[bold]" + t("Age bands changed") + "[/bold]")
        for a in data["age_thresholds_changed"]:
            laws = ", ".join(law["label"] for law in a["laws"])
            _hang(
                c,
                "  • ",
                f"{escape(a['label'])}: {escape(age_text(a['before_age']))} → {escape(age_text(a['after_age']))} ({escape(laws)})",
            )
    found_gaps = data["gaps"]
    for heading, found in (
        (t("Gaps closed"), found_gaps["closed"]),
        (t("Gaps opened"), found_gaps["opened"]),
        (t("Gaps changed"), found_gaps["changed"]),
    ):
        if found:
            c.print(f"\n[bold]{heading}[/bold]")
            for g in found:
                laws = ", ".join(f"{law['label']} ({law['date']})" for law in g["laws"])
                _hang(
                    c,
                    "  • ",
                    f"{escape(_tx(g, 'title') or '')}: {status_word(g['before'])} → {status_word(g['after'])}"
                    + (f" — {escape(laws)}" if laws else ""),
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
    names = ", ".join(
        f"{escape(i['label'])} " + t("(recorded from {date})", date=i["recorded_from"]) for i in items
    )
    _hang(
        c,
        "[yellow]" + t("Not recorded on this date:") + "[/] ",
        names + ". " + t("What they said then is not in the corpus, so this answer may be incomplete."),
    )


def age(data: shapes.AgeAnswer) -> None:
    c = console()
    if data["minor"]:
        who = t("What protects a child of {age} on {date}", age=data["age"], date=data["as_of"])
    else:
        who = t("What protects a person of {age} on {date}", age=data["age"], date=data["as_of"])
    c.print(f"[bold]{who}[/bold]")
    horizon(c, data["not_recorded"])
    if not data["offences"]:
        said = (
            t("no offence recorded for this date protects this age")
            if data["not_recorded"]
            else t("no offence in force protects this age")
        )
        _line(c, f"[yellow]{said}[/]", 2)
        return
    cols = [
        Col(t("Article"), wrap=False),
        Col(t("Offence"), slack=True),
        Col(t("Only if")),
        Col(t("Penalty")),
        Col(t("Range"), wrap=False),
    ]
    rows = []
    for r in data["offences"]:
        o = r["offence"]
        cond = _labels("conditions", o["conditions"]) or (
            t("aggravated form only") if r["via"] == "aggravated" else "—"
        )
        rows.append(
            [
                escape(r["label"]),
                escape(_name(o["name"])),
                escape(cond),
                escape(o["penalty"]["text"]),
                escape(range_text(o["penalty"])),
            ]
        )
    _table(c, cols, rows)


def refs(data: shapes.RefsAnswer) -> None:
    from rich.tree import Tree

    def label(n: shapes.RefsNode) -> str:
        flag = (
            ""
            if n["in_force"] is not False
            else " [red]" + t("({state} on this date)", state=state_word(n["state"])) + "[/]"
        )
        why = f" [dim]— {escape(_tx(n, 'why') or '')}[/dim]" if n["why"] else ""
        seen = (
            " [dim]" + t("(cited above: a cycle)") + "[/dim]"
            if n["cycle"]
            else " [dim]" + t("(shown above)") + "[/dim]"
            if n["repeat"]
            else ""
        )
        return f"{escape(n['label'])}{flag}{why}{seen}"

    def add(tree: Tree, n: shapes.RefsNode) -> None:
        for child in n["children"]:
            add(tree.add(label(child)), child)

    direction = t("referred to by") if data["reverse"] else t("refers to")
    root = Tree(
        f"[bold]{escape(data['label'])}[/bold] {direction} " + t("(as of {date})", date=data["as_of"])
    )
    add(root, data["tree"])
    console().print(root)
    if data["truncated"]:
        _line(
            console(),
            "[dim]" + t("(the tree was cut short: it cites too many provisions to show them all)") + "[/dim]",
        )


def _extradition_lines(
    c: Console,
    penalty: shapes.Penalty,
    codes: Sequence[shapes.CodeThreshold],
    treaties: Sequence[shapes.TreatyTerms],
    lead: str,
) -> None:
    """Whether the offence is extraditable under each procedure code and each treaty, and why
    (`extradition`, and the extradition step of `case`)."""
    for code in codes:
        mark = "[green]" + t("yes") + "[/]" if code["qualifies"] else "[red]" + t("no") + "[/]"
        scope = (
            ""
            if code["governs_facts_of_date"]
            else " [dim]" + t("(does not govern facts of this date)") + "[/dim]"
        )
        why = _threshold_why(penalty, code["threshold"], code["qualifies"])
        _hang(
            c,
            lead,
            f"{escape(code['label'])} ({_direction(code['direction'])}): {mark} — {escape(why)}{scope}",
        )
    for tr in treaties:
        mark = {
            True: "[green]" + t("yes") + "[/]",
            False: "[red]" + t("no") + "[/]",
            None: "[yellow]" + t("unknown") + "[/]",
        }[tr["qualifies"]]
        _hang(c, lead, f"{escape(tr['label'])}: {mark} — {escape('; '.join(_treaty_why(penalty, tr)))}")


def extradition(data: shapes.ExtraditionAnswer) -> None:
    c = console()
    _line(
        c,
        "[bold]"
        + t("Extradition for {label}", label=escape(data["label"]))
        + "[/bold] "
        + t("as of {date}", date=data["as_of"]),
    )
    horizon(c, data["not_recorded"])
    if not data["offences"] and data["state"] == "not-recorded":
        _line(
            c,
            t(
                "the corpus does not record this provision's text on this date (recorded from {date})",
                date=data["recorded_from"],
            ),
            2,
        )
    elif not data["offences"]:
        _line(
            c,
            t(
                "no offence of this provision is in force on this date ({state})",
                state=state_word(data["state"]),
            ),
            2,
        )
    for o in data["offences"]:
        c.print()
        _hang(
            c,
            f"[bold]{escape(o['label'])}[/bold]: ",
            f"{escape(o['penalty']['text'])} ({escape(range_text(o['penalty']))})",
        )
        _extradition_lines(c, o["penalty"], o["codes"], o["treaties"], "  • ")


# ---------------------------------------------------------------------------------------------
# case: the law that applies to given facts


def _klass(data: shapes.CaseAnswer, o: shapes.Offence) -> shapes.Text | None:
    return data["class_labels"].get(o["penalty"]["class"] or "")


def case(data: shapes.CaseAnswer) -> None:
    c = console()
    _line(
        c,
        "[bold]"
        + t("The case under {label}", label=escape(data["label"]))
        + "[/bold] — "
        + t("facts of {facts}, judged on {judgment}", facts=data["facts"], judgment=data["judgment"]),
    )
    if data["victim_born"]:
        _line(
            c, t("Victim born {date}: {age} at the facts", date=data["victim_born"], age=data["victim_age"])
        )
    if not data["offences"]:
        c.print()
        _line(
            c,
            t("On the date of the facts: {state}", state=state_word(data["state_at_facts"])),
        )
        if data["same_conduct"]:
            _line(
                c,
                t(
                    "Offences in force then with the same conduct (to look at, not a finding that they apply):"
                ),
            )
            for other in data["same_conduct"]:
                _hang(
                    c,
                    "  • ",
                    f"{escape(other['label'])} — {escape(_name(other['name']))} "
                    f"[dim]({escape(version_words(other['version']))})[/dim]",
                )
    for o in data["offences"]:
        c.print()
        off = o["offence"]
        _hang(c, f"[bold]{escape(o['label'])}[/bold] — ", escape(_name(off["name"])))
        if o["victim_fits"] is False:
            _hang(c, "  ", "[red]" + t("the victim's age is outside this offence's band") + "[/red]")
            continue
        _hang(c, "  " + t("At the facts:") + " ", escape(case_penalty(off, _klass(data, off))))
        if data["version_at_facts"]:
            _line(c, f"[dim]{escape(version_words(data['version_at_facts']))}[/dim]", 4)
        c.print("  [bold]" + t("Later laws up to the judgment") + "[/bold]")
        if not o["later_laws"]:
            _line(c, t("none: the law of the facts is the law of the judgment"), 4)
        for step in o["later_laws"]:
            v = step["version"]
            head = f"{v['from']} {escape(v['by_title'] or v['by'])}: {escape(step['offence_label'] or step['label'])} — "
            body = t(COMPARED_WORDS[step["compared"]])
            if step["offence"]:
                body += f": {escape(case_penalty(step['offence'], _klass(data, step['offence'])))}"
            if step["aggravated_form"]:
                body += " " + t("(aggravated form)")
            if step["carried_over"]:
                body += " " + t("(takes over the conduct)")
            elif step["offence"] and not step["changed"]:
                body += " " + t("(this law left its penalty as it was)")
            _hang(c, "    • ", head + escape(body))
        g = o["governing"]
        why = (
            t("a more lenient later law")
            if g["reason"] == "more-lenient-later-law"
            else t("the law of the facts")
        )
        _hang(
            c,
            "  [bold]" + t("Governing law:") + "[/bold] ",
            escape(
                f"{g['offence_label']} ({why}; {version_words(g['version'])}): {case_penalty(g['offence'], _klass(data, g['offence']))}"
            ),
        )
        if o["aggravations"]:
            c.print("  [bold]" + t("Aggravations, if their facts are proven") + "[/bold]")
            for a in o["aggravations"]:
                _hang(c, "    • ", escape(aggravation_words(a)))
        if o["accessories"]:
            c.print("  [bold]" + t("Accessory penalties") + "[/bold]")
            for acc in o["accessories"]:
                _hang(c, "    • ", escape(f"{acc['label']}: {_tx(acc, 'summary') or ''}"))
        _hang(
            c,
            "  [bold]" + t("Limitation:") + "[/bold] ",
            escape(limitation_words(o["limitation"], data["judgment"])),
        )
        ext = o["extradition"]
        if ext["codes"] or ext["treaties"]:
            c.print("  [bold]" + t("Extradition") + "[/bold]")
        _extradition_lines(c, g["offence"]["penalty"], ext["codes"], ext["treaties"], "    • ")
        c.print("  [bold]" + t("What decides each step") + "[/bold]")
        for i, e in enumerate(o["trace"], 1):
            where = (
                f"{e['label']}, {version_words(e['version'])}"
                if e["label"] and e["version"]
                else (e["label"] or "")
            )
            _hang(c, f"    {i}. ", escape(f"{where}: {_tx(e, 'shows')}"))
            cites = "; ".join(
                f"{s['title'] or s['source']}, {s['pinpoint']}"
                + ("" if s["verified"] else " (" + t("unverified") + ")")
                for s in e["sources"]
            )
            if cites:
                _line(c, f"[dim]{escape(cites)}[/dim]", 7)
        notes = o["cannot_decide"] + data["cannot_decide"]
        if notes:
            c.print("  [bold]" + t("What the corpus cannot decide") + "[/bold]")
            for n in notes:
                _hang(c, "    • ", escape(_tx(n, "text") or ""))
    if not data["offences"]:
        for n in data["cannot_decide"]:
            _hang(c, "  • ", escape(_tx(n, "text") or ""))


# ---------------------------------------------------------------------------------------------
# check: a text's claims about the law

VERDICTS = {
    "agrees": ("green", "agrees"),
    "contradicts": ("red", "contradicts"),
    "cannot-tell": ("yellow", "cannot tell"),
}


def check(data: shapes.CheckAnswer) -> None:
    c = console()
    name = data["file"]
    for claim in data["claims"]:
        colour, word = VERDICTS[claim["verdict"]]
        body = f"{escape(claim['claim'])}: [{colour}]{t(word)}[/]"
        said = _tx(claim, "statute")
        if said:
            body += f" — {escape(said)}"
        if claim["suggestion"] and claim["verdict"] == "contradicts":
            body += " " + escape(t("(the text should say: {words})", words=_tx(claim, "suggestion")))
        d = claim["discrepancy"]
        if d:
            body += (
                " [dim]"
                + escape(t("(recorded on a report making this claim: {why})", why=_tx(d, "why") or ""))
                + "[/dim]"
            )
        where = ""
        if claim["label"] and claim["version"]:
            where = " [dim]" + escape(f"[{claim['label']}, {version_words(claim['version'])}]") + "[/dim]"
        _hang(c, f"{escape(name)}:{claim['line']}: ", body + where)
    c.print()
    _line(
        c,
        check_counts(data),
    )
