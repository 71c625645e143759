"""The command line: parse arguments, ask one question of the core, hand the answer to a renderer.

Exit codes: 0 answered; 1 nothing found (with suggestions); 2 bad usage or invalid data. Errors
are one line each on stderr, never a traceback. `--json` prints nothing but JSON on stdout.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

try:  # typer >= 0.29 vendors click; earlier releases use click itself
    from typer._click import exceptions as _click_exc
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as _click_exc  # type: ignore[no-redef,import-not-found,unused-ignore]

from .errors import DataError, LawbaseError, UsageError

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


def parse_date(value: str | None) -> dt.date:
    """--as-of text -> date; today when absent."""
    if value is None:
        return dt.date.today()
    from .schema import check_date

    problem = check_date(value)
    if problem:
        raise UsageError(f"--as-of: {problem}")
    return dt.date.fromisoformat(value)


def _kb(data: Path | None) -> Any:
    from . import load

    return load(data)


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


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
    result = queries.show(_kb(data), ref, when)
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
    kb = _kb(data)
    if conduct is not None:
        result = queries.penalties_for_conduct(kb, conduct, when)
        if as_json:
            return emit_json(result)
        from .render import terminal

        return terminal.penalties_for_conduct(result)
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
    result = queries.search(_kb(data), text, when, limit)
    if as_json:
        emit_json(result)
    else:
        from .render import terminal

        terminal.search(result)
    if not result["results"]:
        raise typer.Exit(1)


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
    from . import load, queries
    from .paths import data_dir

    parse_date(as_of)
    target = data_dir(folder or data)
    try:
        kb = load(target)
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
            raise typer.Exit(2) from None
        raise
    result = queries.summary(kb)
    if as_json:
        return emit_json(result)
    from .render import terminal

    terminal.validate(result, str(target))


def fail(lines: list[str], code: int, prefix: str = "lawbase: ") -> NoReturn:
    """Print each line on stderr and exit; corpus problems print bare (they start with a path)."""
    for line in lines:
        sys.stderr.write(f"{prefix}{line}\n")
    sys.stderr.flush()
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `lawbase` command."""
    try:
        code = app(args=argv, prog_name="lawbase", standalone_mode=False)
    except DataError as exc:
        fail(exc.lines(), exc.exit_code, prefix="")
    except LawbaseError as exc:
        fail(exc.lines(), exc.exit_code)
    except _click_exc.NoArgsIsHelpError as exc:
        # a bare `lawbase` prints the help through this exception
        sys.stdout.write((exc.ctx.get_help() if exc.ctx else "") + "\n")
        raise SystemExit(0) from None
    except _click_exc.ClickException as exc:
        fail([exc.format_message().replace("\n", " ")], 2)
    except (typer.Exit, getattr(_click_exc, "Exit", typer.Exit)) as exc:
        raise SystemExit(exc.exit_code) from None
    except (typer.Abort, getattr(_click_exc, "Abort", typer.Abort)):
        fail(["aborted"], 130)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    _flush_stdout()
    if isinstance(code, int) and code:
        # without standalone mode, click returns the code of a typer.Exit raised in a command
        raise SystemExit(code)


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()


def _quiet_broken_pipe() -> NoReturn:
    """`lawbase ... | head` ends quietly: point stdout at devnull so the exit flush is silent."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)
