"""The command line: parse arguments, ask one question of the core, hand the answer to a renderer.

Exit codes: 0 answered; 1 nothing found (with suggestions); 2 bad usage or invalid data; 74
the answer could not be written; 141 the reader closed the pipe (see lawbase/entry.py). Errors
are one line each on stderr, never a traceback. `--json` prints nothing but JSON on stdout.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

try:  # typer >= 0.29 vendors click; earlier releases use click itself
    from typer._click import exceptions as _click_exc
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as _click_exc  # type: ignore[no-redef,import-not-found,unused-ignore]

from .entry import emit_json, parse_date
from .errors import DataError, UsageError

app = typer.Typer(
    name="lawbase",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help=(
        "What the law says, what it said on a date, and where it falls short of treaty "
        "obligations. Every command takes --json, --as-of YYYY-MM-DD and --data DIR."
    ),
)

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="LAWBASE_DATA",
        help="Corpus folder (default: the shipped corpus).",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Answer as the law stood on this date (default: today).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (the documented shape) and nothing else.")]


def _kb(data: Path | None, full: bool = True) -> Any:
    """The corpus through its cache: a point lookup (full=False) checks only what it reads."""
    from .cache import open_corpus
    from .paths import data_dir

    return open_corpus(data_dir(data), full=full)


def _render(as_json: bool, obj: Any, renderer: Callable[[Any], None]) -> None:
    if as_json:
        emit_json(obj)
    else:
        renderer(obj)


@app.command()
def show(
    ref: Annotated[
        str, typer.Argument(help="An article as you would write it: 367ter, 'Art. 367-ter', 'OPSC 3(1)(c)'.")
    ],
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A provision as of a date: summary, offences, penalties with ranges, references, sources."""
    from . import queries

    when = parse_date(as_of)
    result = queries.show(_kb(data, full=False), ref, when)
    if as_json:
        return emit_json(result)
    from .render import terminal

    terminal.show(result)


@app.command()
def penalty(
    ref: Annotated[str | None, typer.Argument(help="An article, e.g. 367ter.", show_default=False)] = None,
    conduct: Annotated[
        str | None,
        typer.Option(
            "--conduct", help="List every offence with this conduct tag instead.", show_default=False
        ),
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Every version's penalties, not only the one in force.")
    ] = False,
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Penalty tables: as the statute names them and as ranges."""
    from . import queries

    when = parse_date(as_of)
    if (ref is None) == (conduct is None):
        raise UsageError("penalty takes an article (penalty 367ter) or --conduct TAG, not both or neither")
    kb = _kb(data, full=conduct is not None)
    if conduct is not None:
        offences = queries.penalties_for_conduct(kb, conduct, when)
        if as_json:
            return emit_json(offences)
        from .render import terminal

        return terminal.penalties_for_conduct(offences)
    result = queries.penalty_of(kb, ref or "", when, history=history)
    if as_json:
        return emit_json(result)
    from .render import terminal

    terminal.penalty(result)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words, a number or a name, in Spanish or English.")],
    limit: Annotated[int, typer.Option("--limit", min=1, max=200, help="At most this many results.")] = 10,
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Fuzzy search over article numbers, titles (es/en), offence names and keywords."""
    from . import queries

    when = parse_date(as_of)
    result = queries.search(_kb(data, full=False), text, when, limit)
    if as_json:
        emit_json(result)
    else:
        from .render import terminal

        terminal.search(result)
    if not result["results"]:
        from .entry import no_match

        raise typer.Exit(no_match(text))


@app.command()
def validate(
    folder: Annotated[
        Path | None,
        typer.Argument(help="Corpus folder (default: --data, else the shipped corpus).", show_default=False),
    ] = None,
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Check a corpus and report every problem at once (file:line:col: field: message)."""
    from . import queries
    from .cache import open_corpus
    from .paths import data_dir

    parse_date(as_of)
    target = data_dir(folder or data)
    try:
        # verify: every file hashed and every cached row decoded, so "valid" speaks of the files
        kb = open_corpus(target, full=True, verify=True)
    except DataError as exc:
        if as_json:
            emit_json(
                {
                    "valid": False,
                    "problems": [
                        {
                            "file": p.file,
                            "line": p.line,
                            "column": p.col,
                            "field": p.field,
                            "message": p.message,
                        }
                        for p in exc.problems
                    ],
                }
            )
            # stdout holds the JSON; stderr still says in one line why the exit code is 2
            sys.stderr.write(f"lawbase: {exc.lines()[-1]} (listed in the JSON on stdout)\n")
            raise typer.Exit(2) from None
        raise
    result = queries.summary(kb)
    if as_json:
        return emit_json(result)
    from .render import terminal

    terminal.validate(result, str(target))


class GapFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"


class GraphFormat(str, Enum):
    dot = "dot"
    mermaid = "mermaid"
    json = "json"
    svg = "svg"
    html = "html"


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command()
def gaps(
    against: Annotated[
        list[str] | None,
        typer.Option(
            "--against",
            help="Only the requirements of this instrument (repeatable), e.g. OPSC, CRC, icmec-csam-criteria.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        GapFormat, typer.Option("--format", help="table, json, md (a submission-ready document) or csv.")
    ] = GapFormat.table,
    jurisdiction: Annotated[
        str | None,
        typer.Option(
            "--jurisdiction",
            help="Whose law to assess (default: the corpus's own, e.g. cl).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The gap list: unmet or partly met requirements, with evidence, recommendations and citations."""
    from .entry import run_gaps
    from .paths import data_dir

    run_gaps(data_dir(data), parse_date(as_of), against, fmt.value, jurisdiction, as_json)


def _home_kb(data: Path | None, jurisdiction: str | None = None) -> Any:
    from .entry import home_kb
    from .paths import data_dir

    return home_kb(data_dir(data), jurisdiction)


def _instrument_ids(kb: Any, names: list[str] | None) -> list[str] | None:
    from .entry import instrument_ids

    return instrument_ids(kb, names)


@app.command()
def coverage(
    instrument: Annotated[
        str,
        typer.Argument(help="An instrument with requirements: OPSC, CRC, Palermo, icmec-csam-criteria ..."),
    ],
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Requirement × provision matrix of an instrument, with a status per cell."""

    when = parse_date(as_of)
    from . import matrix

    result = matrix.coverage(_home_kb(data), instrument, when)
    _render(as_json, result, _terminal("coverage"))


@app.command()
def compare(
    first: Annotated[str, typer.Argument(metavar="DATE", help="The earlier date, YYYY-MM-DD.")],
    second: Annotated[str, typer.Argument(metavar="DATE", help="The later date, YYYY-MM-DD.")],
    against: Annotated[
        list[str] | None,
        typer.Option("--against", help="Only these instruments' requirements.", show_default=False),
    ] = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What changed between two dates: provisions, penalties, age bands, gaps opened and closed."""
    from . import compare as comparemod

    start, end = parse_date(first), parse_date(second)
    kb = _home_kb(data)
    chosen = _instrument_ids(kb, against)
    result = comparemod.compare(kb, start, end, chosen)
    _render(as_json, result, _terminal("compare"))


@app.command()
def age(
    years: Annotated[int, typer.Argument(metavar="N", help="The child's age in years.", min=0, max=150)],
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What protects a child of age N on the date: each offence, the conditions it needs, its penalty."""
    from . import queries

    result = queries.age(_kb(data), years, parse_date(as_of))
    _render(as_json, result, _terminal("age"))


@app.command()
def refs(
    ref: Annotated[str, typer.Argument(help="An article, e.g. 'COT 6' or 366quinquies.")],
    depth: Annotated[int, typer.Option("--depth", min=1, max=10, help="How many steps to follow.")] = 1,
    reverse: Annotated[bool, typer.Option("--reverse", help="What refers to the article instead.")] = False,
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Cross-reference tree, marking references to provisions not in force on the date."""
    from . import queries

    result = queries.refs(_kb(data), ref, parse_date(as_of), depth, reverse)
    _render(as_json, result, _terminal("refs"))


@app.command()
def extradition(
    ref: Annotated[str, typer.Argument(help="An article, e.g. 367ter.")],
    treaty: Annotated[
        str | None, typer.Option("--treaty", help="Only this treaty (id or name).", show_default=False)
    ] = None,
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Whether an offence is extraditable, per procedure code and per treaty, and why."""
    from . import queries

    result = queries.extradition(_kb(data), ref, parse_date(as_of), treaty)
    _render(as_json, result, _terminal("extradition"))


@app.command()
def graph(
    ref: Annotated[
        str | None,
        typer.Argument(
            help="Centre the graph on this article (default: the whole graph).", show_default=False
        ),
    ] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, max=10, help="Steps around the article.")] = 2,
    fmt: Annotated[
        GraphFormat,
        typer.Option("--format", help="dot, mermaid, json, svg or html (a page holding the SVG)."),
    ] = GraphFormat.dot,
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The graph of the law on the date, or the neighbourhood of one article."""
    from . import graph as graphmod
    from .render import graphs

    when = parse_date(as_of)
    kb = _kb(data)
    g = graphmod.build(kb, when)
    node = None
    if ref is not None:
        from . import queries

        resolved = queries.resolve(kb, ref)
        node = (
            f"req:{resolved.id}" if resolved.kind == "requirement" else f"prov:{kb.provision_of(resolved.id)}"
        )
        g = graphmod.neighbourhood(g, node, depth)
    shape = graphmod.shape(g)
    if as_json or fmt is GraphFormat.json:
        return emit_json(shape)
    if fmt in (GraphFormat.svg, GraphFormat.html):
        if node is None:
            raise UsageError("--format svg and html draw one article's neighbourhood: name the article")
        svg = graphs.to_svg(shape, node)
        return _out(svg if fmt is GraphFormat.svg else graphs.svg_page(svg, graphs.label(shape, node)))
    _out(graphs.to_dot(shape) if fmt is GraphFormat.dot else graphs.to_mermaid(shape))


@app.command()
def site(
    outdir: Annotated[
        Path,
        typer.Argument(
            help="Folder to write the site into (a rebuild replaces only its own files).", show_default=False
        ),
    ],
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Publish the corpus as a static website (works from file://, no server, nothing fetched)."""
    from . import site as sitemod

    when = parse_date(as_of)
    kb = _kb(data)
    result = sitemod.build(kb, outdir, when)
    if as_json:
        return emit_json(result)
    from .errors import visible

    print(visible(f"{result['pages']} pages written to {result['outdir']} (open index.html)"))


def _terminal(name: str) -> Callable[[Any], None]:
    def render(obj: Any) -> None:
        from .render import terminal

        getattr(terminal, name)(obj)

    return render


def run_typer(args: list[str]) -> int | None:
    """Run the typer app; its usage errors become lawbase's (one line, exit 2)."""
    try:
        code = app(args=args, prog_name="lawbase", standalone_mode=False)
    except _click_exc.NoArgsIsHelpError as exc:
        # a bare `lawbase` prints the help through this exception
        sys.stdout.write((exc.ctx.get_help() if exc.ctx else "") + "\n")
        return 0
    except _click_exc.ClickException as exc:
        raise UsageError(exc.format_message().replace("\n", " ")) from None
    except (typer.Exit, getattr(_click_exc, "Exit", typer.Exit)) as exc:
        return int(exc.exit_code)
    except (typer.Abort, getattr(_click_exc, "Abort", typer.Abort)):
        raise SystemExit(130) from None
    # without standalone mode, click returns the code of a typer.Exit raised in a command
    return code if isinstance(code, int) else None


def main(argv: list[str] | None = None) -> None:
    """The full CLI without the fast path (tests use it to compare the two)."""
    from .entry import check_text_args, guarded

    args = sys.argv[1:] if argv is None else argv
    guarded(lambda: check_text_args(args))
    guarded(lambda: run_typer(args))
