"""Every command of `lawbase`, declared once: its name and help, its arguments and options (type,
range, choices, help, environment variable), and the question of lawbase.api that answers it.

lawbase/cli.py makes both of its parsers from COMMANDS: the typer app (help, errors, anything
unusual) and the fast path that answers a plain command line without importing typer. Nothing
else declares a command, an argument or an option. This module imports nothing heavy: it is
read on every run, before anything is parsed.

To add a command: its function in lawbase/api.py, its writers in lawbase/render FORMATS, and one
Command below. An option the library function takes is passed to it by name; a positional
argument is passed in order; --data, --json and --format are the command line's own.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, NamedTuple

from .errors import DataError, UsageError

Values = dict[str, Any]  # each parameter's value, by Param.name, as both parsers produce them
Kind = Literal["text", "number", "path", "flag", "date", "format"]


class Param(NamedTuple):
    """An argument (flag None) or an option of a command."""

    name: str  # the keyword lawbase.api takes for it, and its key in Values
    flag: str | None = None  # "--as-of"; None for a positional argument
    kind: Kind = "text"  # date: text checked as YYYY-MM-DD; format: a choice from render.FORMATS
    help: str = ""
    metavar: str | None = None
    default: Any = None
    required: bool = False  # an argument (or option, e.g. case --facts) that must be given
    many: bool = False  # an option that may be repeated: its value is a list (None when absent)
    min: int | None = None
    max: int | None = None
    envvar: str | None = None


class Reply(NamedTuple):
    """What a command answered: the answer to which question (its key in render.FORMATS), and
    when the exit code is not 0 the one line on stderr that says why."""

    question: str
    answer: Any
    code: int = 0
    note: str | None = None


class Command(NamedTuple):
    name: str
    help: str
    params: tuple[Param, ...]
    question: str  # the lawbase.api function that answers it, and its formats in render.FORMATS
    whole: bool = True  # reads the whole corpus, so every file it reads is checked (lawbase.corpus.cache)
    ask: Callable[[Command, Values], Reply] | None = None  # when the plain library call does not fit
    nothing_found: Callable[[Any], str | None] | None = None  # exit 1 with this line, when it says one
    # command lines from the README's tour, each with what it shows: `--help` prints them, and
    # tests/test_cli.py parses every one
    examples: tuple[tuple[str, str], ...] = ()


AS_OF = Param(
    "as_of",
    "--as-of",
    "date",
    "Answer as the law stood on this date (default: today).",
    metavar="YYYY-MM-DD",
)
DATA = Param(
    "data",
    "--data",
    "path",
    "Corpus folder (default: the shipped corpus).",
    metavar="DIR",
    envvar="LAWBASE_DATA",
)
JSON = Param("json", "--json", "flag", "Print JSON (the documented shape) and nothing else.", default=False)
JURISDICTION = Param(
    "jurisdiction",
    "--jurisdiction",
    help="Whose law to answer for (default: the one corpus.yaml names); matrix compares several, comma-separated (default: every State).",
    metavar="ID",
)
FORMAT = Param("format", "--format", "format")  # its choices and help come from render.FORMATS
LANG = Param(
    "lang",
    "--lang",
    help="The language of the answer: es or en (default: the locale's; JSON is not translated).",
    metavar="es|en",
    envvar="LAWBASE_LANG",
)
OVERLAY = Param(
    "overlay",
    "--overlay",
    "path",
    "Try a bill: answer as if the versions in DIR (corpus format, with one instrument of kind bill) were law.",
    metavar="DIR",
    many=True,  # so that a second one is refused, not silently taken instead of the first
)
COMMON = (JURISDICTION, AS_OF, DATA, JSON)
CLI_ONLY = frozenset(
    {DATA.name, JSON.name, FORMAT.name, LANG.name, OVERLAY.name, "brief"}
)  # read by the command line, not passed on


def against(help: str) -> Param:
    return Param("against", "--against", help=help, metavar="NAME", many=True)


def depth(default: int, help: str) -> Param:
    return Param("depth", "--depth", "number", help, metavar="N", default=default, min=1, max=10)


REF = "ref"  # the argument naming an article


def parse_date(value: str | None, label: str = AS_OF.flag or "") -> dt.date | None:
    """YYYY-MM-DD text -> date (None stays None: the library answers for today)."""
    if value is None:
        return None
    from .corpus.schema import check_date

    problem = check_date(value)
    if problem:
        raise UsageError(f"{label}: {problem}")
    return dt.date.fromisoformat(value)


def corpus(values: Values, whole: bool) -> Any:
    """The corpus through its cache: a point lookup (whole=False) checks only what it reads. With
    --overlay, the corpus with the bill laid over it, read afresh (lawbase/overlay.py); what the
    bill is goes into the values, for the writers to say the answer is hypothetical."""
    from .paths import data_dir

    if values.get(OVERLAY.name):
        from .overlay import open_with

        if len(values[OVERLAY.name]) > 1:
            raise UsageError("--overlay: give one bill at a time (one folder)")
        kb, values["hypothetical"] = open_with(data_dir(values[DATA.name]), Path(values[OVERLAY.name][0]))
        return kb
    from .corpus.cache import open_corpus

    return open_corpus(data_dir(values[DATA.name]), full=whole)


def library_call(command: Command, values: Values, kb: Any = None, **extra: Any) -> Reply:
    """lawbase.api.<question>(kb, *arguments, **options): the call most commands are; `extra`:
    keyword arguments the command line adds that are no option of its own (a progress bar)."""
    from . import api

    args = [values[p.name] for p in command.params if p.flag is None]
    options = {p.name: values[p.name] for p in command.params if p.flag and p.name not in CLI_ONLY}
    kb = corpus(values, command.whole) if kb is None else kb
    return Reply(command.question, getattr(api, command.question)(kb, *args, **options, **extra))


def run(command: Command, values: Values) -> Reply:
    """Answer one parsed command line and print the answer in the format asked for."""
    from . import i18n, render

    values = dict(values)
    lang = values.get(LANG.name)
    if lang is not None and lang not in i18n.LANGS:
        raise UsageError(f"--lang: '{lang}' is not one of es, en")
    i18n.set_language(lang)
    for p in command.params:
        if p.kind == "date":
            values[p.name] = parse_date(values[p.name], p.flag or p.metavar or p.name)
    reply = (command.ask or library_call)(command, values)
    formats = render.FORMATS[reply.question]
    fmt = "json" if values.get(JSON.name) else values.get(FORMAT.name) or next(iter(formats))
    render.write(reply.question, fmt, reply.answer, values)
    if reply.code == 0 and command.nothing_found is not None:
        note = command.nothing_found(reply.answer)
        if note is not None:
            return reply._replace(code=1, note=note)
    return reply


def _penalty(command: Command, values: Values) -> Reply:
    from . import api

    ref, conduct, when, jurisdiction = values[REF], values["conduct"], values["as_of"], values["jurisdiction"]
    if (ref is None) == (conduct is None):
        raise UsageError("penalty takes an article (penalty 367ter) or --conduct TAG, not both or neither")
    kb = corpus(values, whole=conduct is not None)
    if conduct is not None:
        return Reply(
            "penalties_for_conduct", api.penalties_for_conduct(kb, conduct, when, jurisdiction=jurisdiction)
        )
    answer = api.penalty(kb, ref, when, history=values["history"], jurisdiction=jurisdiction)
    return Reply("penalty", answer)


def _compare(command: Command, values: Values) -> Reply:
    """Two dates: what changed in one State's law. One date and several States: their law on
    that date side by side."""
    from . import api

    kb = corpus(values, whole=False)
    first, second, against_, jurisdiction = (
        values["first"], values["second"], values["against"], values["jurisdiction"],
    )  # fmt: skip
    if second is None:
        return Reply(
            "compare_states", api.compare_states(kb, first, against=against_, jurisdiction=jurisdiction)
        )
    return Reply("compare", api.compare(kb, first, second, against=against_, jurisdiction=jurisdiction))


def _validate(command: Command, values: Values) -> Reply:
    """A corpus with problems raises DataError, one line per problem; with --json the problems
    are the answer, and stderr still says in one line why the exit code is 2."""
    from . import api

    if values.get(OVERLAY.name):  # the bill laid over the corpus, checked as any corpus is
        from . import queries

        return Reply("validate", queries.summary(corpus(values, True)))
    try:
        return Reply("validate", api.validate(values["folder"] or values[DATA.name]))
    except DataError as exc:
        if not values[JSON.name]:
            raise
        fields = ("file", "line", "column", "field", "message")
        problems = [dict(zip(fields, p, strict=True)) for p in exc.problems]
        note = f"{exc.lines()[-1]} (listed in the JSON on stdout)"
        return Reply("validate", {"valid": False, "problems": problems}, exc.exit_code, note)


def _graph(command: Command, values: Values) -> Reply:
    """The graph's shape; the drawings of one article's neighbourhood (svg, html) also need the
    article's node, which the writers read from the request as `centre`. The whole graph is
    answered as graph.Parts, which the writers write record by record rather than as one text."""
    from . import api, graph

    kb = corpus(values, command.whole)
    if values[REF] is None:
        answer = api.graph_parts(kb, values[AS_OF.name], jurisdiction=values[JURISDICTION.name])
        return Reply(command.question, answer)
    reply = library_call(command, values, kb)
    values["centre"] = graph.node_of(kb, values[REF])
    return reply


def _site(command: Command, values: Values) -> Reply:
    """The site, with a progress bar on stderr while its pages are made when stderr is a
    terminal (10,000 provisions take seconds; a pipe or a log gets no bar). With --overlay every
    page says at its top that it is hypothetical."""
    if values.get(OVERLAY.name):
        from . import site

        kb = corpus(values, command.whole)
        token = site.HYPOTHETICAL.set(values["hypothetical"])
        try:
            return library_call(command, values, kb)
        finally:
            site.HYPOTHETICAL.reset(token)
    if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return library_call(command, values)
    from .render.terminal import progress_bar

    kb = corpus(values, command.whole)
    with progress_bar("Writing pages") as progress:
        return library_call(command, values, kb, progress=progress)


def _refs(command: Command, values: Values) -> Reply:
    """What one provision refers to is a point read (the provisions on the tree, checked as they
    are read); what refers to it (--reverse) reads every provision, so every file is checked."""
    return library_call(command, values, corpus(values, whole=values["reverse"]))


def _contradicted(answer: Any) -> str | None:
    """`check` exits 1 when a claim contradicts the law, as a linter does."""
    from .i18n import t

    n = answer["counts"]["contradicts"]
    return t("{n} claim(s) contradict the law on {date}", n=n, date=answer["as_of"]) if n else None


def _gaps(command: Command, values: Values) -> Reply:
    """The gap list; with --overlay, also what the bill would change in it: the findings it would
    close, open or move, against the list on the same date without the bill."""
    reply = library_call(command, values)
    if not values.get(OVERLAY.name):
        return reply
    from . import api
    from .corpus.cache import open_corpus
    from .paths import data_dir

    base_kb = open_corpus(data_dir(values[DATA.name]), full=False)
    options = {p.name: values[p.name] for p in command.params if p.flag and p.name not in CLI_ONLY}
    before = {f["id"]: f for f in api.gaps(base_kb, **options)["findings"]}
    after = {f["id"]: f for f in reply.answer["findings"]}

    def item(f: Any, status_before: str | None, status_after: str | None) -> dict[str, Any]:
        return {
            "id": f["id"],
            "title": f["title"],
            "titles": f["titles"],
            "before": status_before,
            "after": status_after,
        }

    changes = {
        "closed": [item(f, f["status"], None) for i, f in before.items() if i not in after],
        "opened": [item(f, None, f["status"]) for i, f in after.items() if i not in before],
        "changed": [
            item(f, before[i]["status"], f["status"])
            for i, f in after.items()
            if i in before and before[i]["status"] != f["status"]
        ],
    }
    return reply._replace(answer={**reply.answer, "bill_changes": changes})


def _no_match(answer: Any) -> str | None:
    return None if answer["results"] else f"no match for '{answer['query']}'"


COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command(
            "show",
            "A provision as of a date: summary, offences, penalties with ranges, references, sources.",
            (
                Param(
                    REF,
                    help="An article as you would write it: 367ter, 'Art. 367-ter', 'OPSC 3(1)(c)'.",
                    metavar="ARTICLE",
                    required=True,
                ),
                *COMMON,
            ),
            "show",
            whole=False,
            examples=(
                ("lawbase show 367ter", "The client offence as it stands today."),
                (
                    'lawbase show "Art. 367-ter" --as-of 2001-06-01',
                    "On a date before it existed: says when it came.",
                ),
                ("lawbase show 374bis", "An article repealed by Ley 21.522."),
                (
                    'lawbase show "art. 128 del Código Penal" --jurisdiction ar',
                    "Argentina's law, named as a lawyer writes it.",
                ),
            ),
        ),
        Command(
            "penalty",
            "Penalty tables: as the statute names them and as ranges.",
            (
                Param(REF, help="An article, e.g. 367ter.", metavar="ARTICLE"),
                Param(
                    "conduct",
                    "--conduct",
                    help="List every offence with this conduct tag instead (csam-possession, "
                    "prostitution-client ...; every tag is in data/vocabulary.yaml, under conduct).",
                    metavar="TAG",
                ),
                Param(
                    "history",
                    "--history",
                    "flag",
                    "Every version's penalties, not only the one in force.",
                    default=False,
                ),
                Param(
                    "brief",
                    "--brief",
                    "flag",
                    "One line per offence: article, version and law, penalty, range, class.",
                    default=False,
                ),
                FORMAT,
                *COMMON,
            ),
            "penalty",
            ask=_penalty,
            examples=(
                ("lawbase penalty 367 --history", "Every version's penalties, named and as ranges."),
                (
                    "lawbase penalty --conduct csam-possession --as-of 2018-06-01",
                    "Every offence of one conduct, on a date.",
                ),
                (
                    "lawbase penalty --conduct csam-possession --jurisdiction cl,ar",
                    "Two States side by side.",
                ),
            ),
        ),
        Command(
            "search",
            "Fuzzy search over article numbers, titles (es/en), offence names and keywords.",
            (
                Param(
                    "text",
                    help="Words, a number or a name, in Spanish or English.",
                    metavar="TEXT",
                    required=True,
                ),
                Param(
                    "limit",
                    "--limit",
                    "number",
                    "At most this many results.",
                    metavar="N",
                    default=10,
                    min=1,
                    max=200,
                ),
                *COMMON,
            ),
            "search",
            whole=False,
            nothing_found=_no_match,
            examples=(
                ("lawbase search client", "Article numbers, titles, offence names and keywords."),
                ('lawbase search "pornografía infantil" --limit 5', "In Spanish too; at most five results."),
            ),
        ),
        Command(
            "validate",
            "Check a corpus and report every problem at once (file:line:col: field: message).",
            (
                Param(
                    "folder",
                    kind="path",
                    help="Corpus folder (default: --data, else the shipped corpus).",
                    metavar="DIR",
                ),
                AS_OF,
                DATA,
                JSON,
            ),
            "validate",
            ask=_validate,
            examples=(
                ("lawbase validate path/to/corpus", "Every problem at once: file:line:col: field: message."),
                ("lawbase validate --json", "The shipped corpus; the problems as JSON."),
            ),
        ),
        Command(
            "gaps",
            "The gap list: unmet or partly met requirements, with evidence, recommendations and citations.",
            (
                against("Only the requirements of this instrument (repeatable): its id or a name."),
                FORMAT,
                *COMMON,
            ),
            "gaps",
            whole=False,
            ask=_gaps,
            examples=(
                (
                    "lawbase gaps --as-of 2018-06-01",
                    "The gap list on a date: evidence, recommendations, citations.",
                ),
                (
                    "lawbase gaps --against OPSC --format md > gaps.md",
                    "A submission-ready section with footnotes.",
                ),
                ("lawbase gaps --format csv > gaps.csv", "One row per finding, for a spreadsheet."),
                ("lawbase gaps --jurisdiction ar", "Argentina's gaps, by the same rules as Chile's."),
            ),
        ),
        Command(
            "coverage",
            "Requirement × provision matrix of an instrument, with a status per cell.",
            (
                Param(
                    "instrument",
                    help="An instrument with requirements: its id or a name (OPSC, CRC, Palermo ...).",
                    metavar="INSTRUMENT",
                    required=True,
                ),
                FORMAT,
                *COMMON,
            ),
            "coverage",
            whole=False,
            examples=(
                (
                    "lawbase coverage OPSC --as-of 2001-06-01",
                    "Each OPSC requirement against the provisions that meet it.",
                ),
            ),
        ),
        Command(
            "matrix",
            "Requirements × States side by side: met, partial, gap, not recorded or not assessed, with the findings behind each cell.",
            (
                against("Only the requirements of this instrument (repeatable; default: every one)."),
                JURISDICTION,
                AS_OF,
                FORMAT,
                DATA,
                JSON,
            ),
            "matrix",
            whole=False,
            examples=(
                (
                    "lawbase matrix --as-of 2019-01-01 --against OPSC --jurisdiction cl,ar",
                    "Requirements × States.",
                ),
                (
                    "lawbase matrix --against OPSC --format md > matrix.md",
                    "A comparison table with footnotes.",
                ),
            ),
        ),
        Command(
            "compare",
            "What changed between two dates: provisions, penalties, age bands, gaps opened and closed.",
            (
                Param(
                    "first", kind="date", help="The earlier date, YYYY-MM-DD.", metavar="DATE", required=True
                ),
                Param(
                    "second",
                    kind="date",
                    help="The later date, YYYY-MM-DD (without it: the States of --jurisdiction ID,ID side by side on the first).",
                    metavar="DATE",
                ),
                against("Only these instruments' requirements."),
                JURISDICTION,
                DATA,
                JSON,
            ),
            "compare",
            whole=False,
            ask=_compare,
            examples=(
                ("lawbase compare 2001-06-01 2024-01-01", "What the reforms changed, and which law did it."),
                ("lawbase compare 2019-01-01 --jurisdiction cl,ar", "One date, two States side by side."),
            ),
        ),
        Command(
            "age",
            "What protects a child of age N on the date: each offence, the conditions it needs, its penalty.",
            (
                Param(
                    "years",
                    kind="number",
                    help="The child's age in years.",
                    metavar="N",
                    required=True,
                    min=0,
                    max=150,
                ),
                *COMMON,
            ),
            "age",
            examples=(
                ("lawbase age 15 --as-of 2018-06-01", "What protects a 15-year-old, and on what conditions."),
            ),
        ),
        Command(
            "refs",
            "Cross-reference tree, marking references to provisions not in force on the date.",
            (
                Param(
                    REF, help="An article, e.g. 'COT 6' or 366quinquies.", metavar="ARTICLE", required=True
                ),
                depth(1, "How many steps to follow."),
                Param("reverse", "--reverse", "flag", "What refers to the article instead.", default=False),
                *COMMON,
            ),
            "refs",
            ask=_refs,
            examples=(
                ('lawbase refs "COT 6" --depth 2', "Cross-references, marking those no longer in force."),
                ("lawbase refs 374bis --reverse", "What cites an article."),
            ),
        ),
        Command(
            "extradition",
            "Whether an offence is extraditable, per procedure code and per treaty, and why.",
            (
                Param(REF, help="An article, e.g. 367ter.", metavar="ARTICLE", required=True),
                Param("treaty", "--treaty", help="Only this treaty (id or name).", metavar="NAME"),
                *COMMON,
            ),
            "extradition",
            whole=False,
            examples=(
                ("lawbase extradition 367ter --treaty cl-us-extradition", "Under one treaty, and why."),
            ),
        ),
        Command(
            "case",
            "The law that applies to given facts: the version then, a more lenient later law, "
            "aggravations, accessory penalties, limitation and extradition, each step with its source.",
            (
                Param(
                    REF,
                    help="The offence's article, e.g. 367ter or '367 quáter inc. 2'.",
                    metavar="ARTICLE",
                    required=True,
                ),
                Param(
                    "facts",
                    "--facts",
                    "date",
                    "The date of the facts, YYYY-MM-DD.",
                    metavar="YYYY-MM-DD",
                    required=True,
                ),
                Param(
                    "judgment",
                    "--judgment",
                    "date",
                    "The date of the judgment, YYYY-MM-DD (default: today).",
                    metavar="YYYY-MM-DD",
                ),
                Param(
                    "victim_born",
                    "--victim-born",
                    "date",
                    "The victim's date of birth, YYYY-MM-DD (the offence's age band and limitation turn on it).",
                    metavar="YYYY-MM-DD",
                ),
                FORMAT,
                JURISDICTION,
                DATA,
                JSON,
            ),
            "case",
            examples=(
                (
                    "lawbase case 366quinquies --facts 2018-05-10 --victim-born 2004-02-01",
                    "Facts under an article repealed in 2022, judged today.",
                ),
                (
                    "lawbase case 367ter --facts 2010-06-01 --judgment 2024-03-01 --format md",
                    "A memo with footnotes: the law applied, limitation, extradition.",
                ),
            ),
        ),
        Command(
            "check",
            "Check a text's claims about the law (penalties, jurisdiction, offences): agrees, contradicts or cannot tell, as file:line: claim: verdict.",
            (
                Param("file", kind="path", help="A text or Markdown file.", metavar="FILE", required=True),
                FORMAT,
                *COMMON,
            ),
            "check",
            whole=False,
            nothing_found=_contradicted,
            examples=(
                (
                    "lawbase check report.md --as-of 2018-06-01",
                    "Each claim the report makes, against the law of that date.",
                ),
                (
                    "lawbase check report.md --as-of 2018-06-01 --format md",
                    "The same as a list to send back.",
                ),
            ),
        ),
        Command(
            "graph",
            "The graph of the law on the date, or the neighbourhood of one article.",
            (
                Param(
                    REF,
                    help="Centre the graph on this article (default: the whole graph).",
                    metavar="ARTICLE",
                ),
                depth(1, "Steps around the article (its own offences and penalties are no step)."),
                FORMAT,
                *COMMON,
            ),
            "graph",
            whole=False,
            ask=_graph,
            examples=(
                (
                    "lawbase graph 366quinquies --depth 2 --format mermaid",
                    "A neighbourhood as a Mermaid flowchart (or dot, json).",
                ),
                (
                    "lawbase graph 367ter --format svg > 367ter.svg",
                    "A neighbourhood drawn for slides (html: a page holding it).",
                ),
                ("lawbase graph --format json > graph.json", "The whole graph of the law today."),
            ),
        ),
        Command(
            "site",
            "Publish the corpus as a static website (works from file://, no server, nothing fetched).",
            (
                Param(
                    "outdir",
                    kind="path",
                    help="Folder to write the site into (a rebuild replaces only its own files).",
                    metavar="OUTDIR",
                    required=True,
                ),
                *COMMON,
            ),
            "site",
            ask=_site,
            examples=(
                ("lawbase site www --as-of 2024-01-01", "The static website, as the law stood on a date."),
                ("lawbase site www --jurisdiction cl,ar", "A site per State and a matrix page beside them."),
            ),
        ),
    )
}
# every command answers in the reader's language, and can try a bill
COMMANDS = {name: c._replace(params=(*c.params, OVERLAY, LANG)) for name, c in COMMANDS.items()}

HELP = (
    "What the law says, what it said on a date, and where it falls short of treaty obligations. "
    "Every command takes --json and --data DIR; the questions take --jurisdiction ID and, "
    "about a date, --as-of YYYY-MM-DD."
)


def default(command: Command, p: Param) -> Any:
    """A parameter's value when it is not given: a format's is the first of its question's."""
    if p.kind == "format":
        from .render import FORMATS

        return next(iter(FORMATS[command.question]))
    return p.default
