"""The `lawbase` command's entry point: a fast path for the commands typed dozens of times a day.

`lawbase show REF` and `lawbase penalty REF` in their plain forms (a reference and any of
--json, --as-of, --data, --history, --conduct) are parsed here and answered without importing
typer, which costs 70-100 ms of start-up before any work is done (with typer >= 0.29 also
pydantic; see benchmarks/README.md). Everything else - help, other commands, anything this
parser does not recognise - goes to the typer app in lawbase/cli.py, which parses the same
options the same way. Both paths call the same query and renderer, so the output is identical;
tests/test_entry.py holds them to it.

Errors are printed here for both paths: one line per problem on stderr, exit 1 when nothing was
found, 2 for bad usage or an invalid corpus, never a traceback (set LAWBASE_DEBUG=1 to get one).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from .errors import DataError, LawbaseError, UsageError

FAST = {"show": {"--as-of", "--data"}, "penalty": {"--as-of", "--data", "--conduct"}}
FLAGS = {"show": {"--json"}, "penalty": {"--json", "--history"}}


def parse_date(value: str | None) -> dt.date:
    """--as-of text -> date; today when absent."""
    if value is None:
        return dt.date.today()
    from .schema import check_date

    problem = check_date(value)
    if problem:
        raise UsageError(f"--as-of: {problem}")
    return dt.date.fromisoformat(value)


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def fast_parse(argv: list[str]) -> tuple[str, list[str], dict[str, str], set[str]] | None:
    """(command, positionals, options, flags) when argv is a plain show/penalty call, else None."""
    if not argv or argv[0] not in FAST:
        return None
    command, rest = argv[0], argv[1:]
    positionals: list[str] = []
    options: dict[str, str] = {}
    flags: set[str] = set()
    seen: list[str] = []
    i = 0
    while i < len(rest):
        arg = rest[i]
        name, eq, value = arg.partition("=")
        if arg in FLAGS[command]:
            flags.add(arg)
        elif name in FAST[command] and eq and value:
            options[name] = value
            seen.append(name)
        elif arg in FAST[command] and i + 1 < len(rest) and rest[i + 1]:
            options[arg] = rest[i + 1]
            seen.append(arg)
            i += 1
        elif arg.startswith("-") and arg != "-":
            return None  # help, a typo, an option this parser does not know: typer decides
        else:
            positionals.append(arg)
        i += 1
    expected = 0 if "--conduct" in options else 1
    if len(positionals) != expected or len(seen) != len(options):
        return None
    return command, positionals, options, flags


def run_fast(command: str, positionals: list[str], options: dict[str, str], flags: set[str]) -> None:
    from . import queries
    from .cache import open_corpus
    from .paths import data_dir

    when = parse_date(options.get("--as-of"))
    root = data_dir(options.get("--data"))
    as_json = "--json" in flags
    result: Any
    if command == "show":
        result = queries.show(open_corpus(root, full=False), positionals[0], when)
        renderer = "show"
    elif "--conduct" in options:
        result = queries.penalties_for_conduct(open_corpus(root, full=True), options["--conduct"], when)
        renderer = "penalties_for_conduct"
    else:
        kb = open_corpus(root, full=False)
        result = queries.penalty_of(kb, positionals[0], when, history="--history" in flags)
        renderer = "penalty"
    if as_json:
        emit_json(result)
        return
    from .render import terminal

    getattr(terminal, renderer)(result)


def fail(lines: list[str], code: int, prefix: str = "lawbase: ") -> NoReturn:
    """Print each line on stderr and exit; corpus problems print bare (they start with a path)."""
    for line in lines:
        sys.stderr.write(f"{prefix}{line}\n")
    sys.stderr.flush()
    raise SystemExit(code)


def guarded(run: Callable[[], int | None]) -> None:
    """Run a command; turn every error into one line on stderr and an exit code."""
    try:
        code = run()
    except DataError as exc:
        fail(exc.lines(), exc.exit_code, prefix="")
    except LawbaseError as exc:
        fail(exc.lines(), exc.exit_code)
    except BrokenPipeError:
        quiet_broken_pipe()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except (SystemExit, MemoryError):
        raise
    except Exception as exc:  # a bug: say so in one line, keep the traceback for LAWBASE_DEBUG
        if os.environ.get("LAWBASE_DEBUG"):
            raise
        fail([f"internal error: {type(exc).__name__}: {exc} (set LAWBASE_DEBUG=1 for details)"], 70)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_broken_pipe()
    if isinstance(code, int) and code:
        raise SystemExit(code)


def quiet_broken_pipe() -> NoReturn:
    """`lawbase ... | head` ends quietly: point stdout at devnull so the exit flush is silent."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `lawbase` command."""
    args = sys.argv[1:] if argv is None else argv
    parsed = fast_parse(args)
    if parsed is not None:
        guarded(lambda: run_fast(*parsed))
        return
    from .cli import run_typer

    guarded(lambda: run_typer(args))
