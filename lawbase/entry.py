"""The `lawbase` command's entry point: a fast path for the commands typed dozens of times a day.

`lawbase show REF`, `lawbase penalty REF` and `lawbase search TEXT` in their plain forms (a
reference or text and any of --json, --as-of, --data, --history, --conduct, --limit) are parsed here and answered without importing
typer, which costs 70-100 ms of start-up before any work is done (with typer >= 0.29 also
pydantic; see benchmarks/README.md). Everything else - help, other commands, anything this
parser does not recognise - goes to the typer app in lawbase/cli.py, which parses the same
options the same way. Both paths call the same query and renderer, so the output is identical;
tests/test_entry.py holds them to it.

Errors are printed here for both paths: one line per problem on stderr, exit 1 when nothing was
found, 2 for bad usage or an invalid corpus, never a traceback (set LAWBASE_DEBUG=1 to get one).
Output that cannot be written ends in one line and exit 74 (EX_IOERR: disk full, standard
output closed, an output encoding that cannot show the text); a reader that stops reading
(`lawbase gaps | head -1`) ends it quietly with exit 141, as a shell reports a command killed
by SIGPIPE. Arguments must be UTF-8 text (exit 2 otherwise).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from .errors import CacheDamaged, DataError, LawbaseError, UsageError

EXIT_IO = 74  # sysexits EX_IOERR: the answer could not be written
EXIT_PIPE = 141  # 128 + SIGPIPE: the reader went away; what a shell shows for `yes | head -1`

# command -> (options taking a value, options that may repeat, flags)
FAST: dict[str, tuple[set[str], set[str], set[str]]] = {
    "show": ({"--as-of", "--data"}, set(), {"--json"}),
    "penalty": ({"--as-of", "--data", "--conduct"}, set(), {"--json", "--history"}),
    "search": ({"--as-of", "--data", "--limit"}, set(), {"--json"}),
    "gaps": ({"--as-of", "--data", "--format", "--jurisdiction", "--against"}, {"--against"}, {"--json"}),
}
GAP_FORMATS = ("table", "json", "md", "csv")


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
    """Print `obj` as JSON; as \\u escapes when the output encoding cannot show the text
    (PYTHONIOENCODING=ascii), which is the same JSON, losslessly. NaN and Infinity are not JSON:
    the loader refuses numbers that would make them, and allow_nan makes any other route to one
    a loud bug rather than output a JSON parser rejects."""
    from .errors import visible_json

    text = visible_json(json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False))
    try:
        text.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(obj, ensure_ascii=True, indent=2, allow_nan=False)
    sys.stdout.write(text + "\n")


def fast_parse(argv: list[str]) -> tuple[str, list[str], dict[str, list[str]], set[str]] | None:
    """(command, positionals, options, flags) when argv is a plain call of a fast command, else
    None (and typer parses it)."""
    if not argv or argv[0] not in FAST:
        return None
    command, rest = argv[0], argv[1:]
    takes_value, repeatable, known_flags = FAST[command]
    positionals: list[str] = []
    options: dict[str, list[str]] = {}
    flags: set[str] = set()
    i = 0
    while i < len(rest):
        arg = rest[i]
        name, eq, value = arg.partition("=")
        if arg in known_flags:
            flags.add(arg)
        elif name in takes_value and eq and value:
            options.setdefault(name, []).append(value)
        elif arg in takes_value and i + 1 < len(rest) and rest[i + 1]:
            options.setdefault(arg, []).append(rest[i + 1])
            i += 1
        elif arg.startswith("-") and arg != "-":
            return None  # help, a typo, an option this parser does not know: typer decides
        else:
            positionals.append(arg)
        i += 1
    if any(len(v) > 1 and k not in repeatable for k, v in options.items()):
        return None
    limit = options.get("--limit", ["10"])[0]
    if not (limit.isdigit() and 1 <= int(limit) <= 200):
        return None  # typer words the error
    if options.get("--format", ["table"])[0] not in GAP_FORMATS:
        return None
    expected = 0 if command == "gaps" or "--conduct" in options else 1
    if len(positionals) != expected:
        return None
    return command, positionals, options, flags


def run_fast(
    command: str, positionals: list[str], options: dict[str, list[str]], flags: set[str]
) -> int | None:
    from . import queries
    from .cache import open_corpus
    from .paths import data_dir

    def one(name: str) -> str | None:
        return options[name][0] if name in options else None

    when = parse_date(one("--as-of"))
    root = data_dir(one("--data"))
    as_json = "--json" in flags
    result: Any
    if command == "gaps":
        run_gaps(
            root, when, options.get("--against"), one("--format") or "table", one("--jurisdiction"), as_json
        )
        return None
    if command == "show":
        result = queries.show(open_corpus(root, full=False), positionals[0], when)
        renderer = "show"
    elif command == "search":
        result = queries.search(
            open_corpus(root, full=False), positionals[0], when, int(one("--limit") or 10)
        )
        renderer = "search"
    elif "--conduct" in options:
        result = queries.penalties_for_conduct(open_corpus(root, full=True), options["--conduct"][0], when)
        renderer = "penalties_for_conduct"
    else:
        kb = open_corpus(root, full=False)
        result = queries.penalty_of(kb, positionals[0], when, history="--history" in flags)
        renderer = "penalty"
    if as_json:
        emit_json(result)
    else:
        from .render import terminal

        getattr(terminal, renderer)(result)
    if command == "search" and not result["results"]:
        return no_match(result["query"])
    return None


def no_match(query: str) -> int:
    sys.stdout.flush()
    from .errors import visible

    sys.stderr.write(f"lawbase: no match for '{visible(query)}'\n")
    return 1


def home_kb(root: Any, jurisdiction: str | None) -> Any:
    """The corpus as the named (or default) State's law sees it (lawbase.scope decides)."""
    from .cache import open_corpus
    from .scope import scoped

    return scoped(open_corpus(root, full=False), jurisdiction)


def instrument_ids(kb: Any, names: list[str] | None) -> list[str] | None:
    """What --against names, as ids (lawbase.resolve decides)."""
    from .resolve import has_requirements, instruments

    return instruments(kb, names, has_requirements(kb), "--against")


def run_gaps(
    root: Any, when: dt.date, against: list[str] | None, fmt: str, jurisdiction: str | None, as_json: bool
) -> None:
    """`lawbase gaps`, for both paths."""
    from . import gaps as gapmod

    kb = home_kb(root, jurisdiction)
    chosen = instrument_ids(kb, against)
    result = gapmod.gaps(kb, when, chosen)
    if as_json or fmt == "json":
        emit_json(result)
    elif fmt == "md":
        from .render import markdown

        text = markdown.gaps(result)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    elif fmt == "csv":
        from .render import table_csv

        sys.stdout.write(table_csv.gaps(result))
    else:
        from .render import terminal

        terminal.gaps(result)


def fail(lines: list[str], code: int, prefix: str = "lawbase: ") -> NoReturn:
    """Print each line on stderr and exit; corpus problems print bare (they start with a path)."""
    from .errors import visible

    for line in lines:
        # messages echo arguments and file names: escaped, each stays one inert line
        sys.stderr.write(f"{prefix}{visible(line)}\n")
    sys.stderr.flush()
    raise SystemExit(code)


def guarded(run: Callable[[], int | None]) -> None:
    """Run a command; turn every error into one line on stderr and an exit code."""
    if sys.stderr is None:  # started with 2>&- : errors go nowhere, but the exit code still says
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:  # started with >&-
        fail(["cannot write the answer: standard output is closed"], EXIT_IO)
    try:
        try:
            code = run()
        except CacheDamaged:
            code = run()  # the damaged cache is gone: this time it is rebuilt from the files
        sys.stdout.flush()  # a small answer is only written here: a full disk shows up now
    except DataError as exc:
        fail(exc.lines(), exc.exit_code, prefix="")
    except LawbaseError as exc:
        fail(exc.lines(), exc.exit_code)
    except BrokenPipeError:
        quiet_broken_pipe()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except SystemExit as exc:
        # rich answers a broken pipe itself, with exit 1 ("nothing found" here): say 141 instead
        if isinstance(exc.__context__, BrokenPipeError):
            quiet_broken_pipe()
        raise
    except MemoryError:
        raise
    except UnicodeEncodeError as exc:
        if not _is_output_encoding(exc.encoding):
            _internal_error(exc)
        _discard_output()
        fail(
            [
                f"cannot write the answer in the output encoding '{exc.encoding}' "
                f"(it has no {exc.object[exc.start : exc.end]!a}); "
                "set PYTHONIOENCODING=utf-8 or use a UTF-8 locale"
            ],
            EXIT_IO,
        )
    except OSError as exc:
        if exc.errno not in _WRITE_ERRORS:
            _internal_error(exc)
        _discard_output()
        where = f"write {exc.filename}" if exc.filename else "write the answer"
        fail([f"cannot {where}: {exc.strerror or exc}"], EXIT_IO)
    except Exception as exc:
        _internal_error(exc)
    if isinstance(code, int) and code:
        raise SystemExit(code)


# errno values that mean "the output could not be written", not a bug
_WRITE_ERRORS = {
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF", "EROFS", "ENXIO")
    if hasattr(errno, name)
}


def _internal_error(exc: BaseException) -> NoReturn:
    """A bug: say so in one line, keep the traceback for LAWBASE_DEBUG."""
    if os.environ.get("LAWBASE_DEBUG"):
        raise exc
    fail([f"internal error: {type(exc).__name__}: {exc} (set LAWBASE_DEBUG=1 for details)"], 70)


def _is_output_encoding(encoding: str) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding).name == codecs.lookup(sys.stdout.encoding or "utf-8").name
    except LookupError:
        return False


def _discard_output() -> None:
    """Point stdout at devnull, so what is still buffered is dropped instead of being written
    (half an answer) or failing again, with a traceback, when Python flushes it at exit."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a test's in-memory stdout
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def quiet_broken_pipe() -> NoReturn:
    """`lawbase ... | head` ends quietly, exit 141 (128 + SIGPIPE, what a shell shows for a
    command the closed pipe killed): not 0, since the answer was cut short, and not 1, which
    means "nothing found"."""
    _discard_output()
    raise SystemExit(EXIT_PIPE)


def check_text_args(args: list[str]) -> None:
    """Arguments are text: one that is not valid UTF-8 (Python hands it over with surrogate
    escapes) could not be matched, printed or stored, so it is refused here, once."""
    named = [*args, os.environ.get("LAWBASE_DATA", "")]
    for i, arg in enumerate(named):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            what = "$LAWBASE_DATA" if i == len(args) else "argument"
            raise UsageError(f"{what} '{shown}' is not valid UTF-8 text") from None


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `lawbase` command."""
    args = sys.argv[1:] if argv is None else argv
    guarded(lambda: check_text_args(args))
    parsed = fast_parse(args)
    if parsed is not None:
        guarded(lambda: run_fast(*parsed))
        return
    from .cli import run_typer

    guarded(lambda: run_typer(args))
