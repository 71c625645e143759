"""The `lawbase` command: parse the command line, ask the library, print the answer.

Both parsers here are made from one declaration, lawbase/commands.py COMMANDS:

- the fast path answers a plain command line (each option at most once, values it can check
  itself) without importing typer, which costs 100-250 ms of start-up before any work is done
  (typer >= 0.29 imports pydantic to convert values; benchmarks/README.md, "The typer question");
- the typer app, built from the same table, takes everything else: help (each command's
  description, options and examples, in the language of --lang, $LAWBASE_LANG or the locale),
  shell completion (--install-completion, --show-completion), errors, anything unusual. For any command line both accept they produce the same values, and the same code
  answers them (tests/test_cli_parsers.py holds them to it).

`lawbase --version` is answered before either parser, without typer (the typer app answers it
the same way).

The error policy is here and nowhere else: one line per problem on stderr, never a traceback
(set LAWBASE_DEBUG=1 to get one). Exit 0 answered; 1 nothing found (with suggestions); 2 bad
usage or an invalid corpus; 70 an internal error (a bug); 74 (EX_IOERR) the answer could not be
written (disk full, standard output closed, an output encoding that cannot show the text); 141
the reader stopped reading (`lawbase gaps | head -1`), as a shell reports a command killed by
SIGPIPE. A damaged cache is removed and the command asked once more. Arguments must be UTF-8
text. `--json` prints nothing but JSON on stdout.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

from . import i18n
from .commands import COMMANDS, HELP, LANG, Command, Param, Values, default, run
from .errors import CacheDamaged, DataError, LawbaseError, UsageError

if TYPE_CHECKING:
    import typer

EXIT_INTERNAL = 70  # sysexits EX_SOFTWARE: a bug
EXIT_IO = 74  # sysexits EX_IOERR: the answer could not be written
EXIT_PIPE = 141  # 128 + SIGPIPE: the reader went away; what a shell shows for `yes | head -1`


def answer(command: Command, values: Values) -> int:
    """Run one parsed command line (either parser's); its exit code."""
    reply = run(command, values)
    if reply.note:
        sys.stdout.flush()
        say([reply.note])
    return reply.code


# ---------------------------------------------------------------------------------------------
# the fast path: a plain command line, parsed from the declaration


class _Decline(Exception):
    """Not a plain command line: typer parses it (and words the error, if it is one)."""


def fast_parse(argv: list[str]) -> tuple[Command, Values] | None:
    """(command, values) when argv is a plain command line, else None (typer parses it)."""
    command = COMMANDS.get(argv[0]) if argv else None
    if command is None:
        return None
    options = {p.flag: p for p in command.params if p.flag}
    given: dict[str, list[str]] = {}
    words: list[str] = []
    rest = argv[1:]
    i = 0
    while i < len(rest):
        arg = rest[i]
        name, eq, text = arg.partition("=")
        p = options.get(name)
        if p is not None and p.kind == "flag" and not eq:
            given.setdefault(p.name, [])
        elif p is not None and p.kind != "flag" and eq and text:
            given.setdefault(p.name, []).append(text)
        elif p is not None and p.kind != "flag" and not eq and i + 1 < len(rest) and rest[i + 1]:
            given.setdefault(p.name, []).append(rest[i + 1])
            i += 1
        elif arg.startswith("-") and arg != "-":
            return None  # help, a typo, an option this command does not take, `--`
        else:
            words.append(arg)
        i += 1
    arguments = [p for p in command.params if p.flag is None]
    if not sum(p.required for p in arguments) <= len(words) <= len(arguments):
        return None
    try:
        values = {p.name: _value(command, p, [w]) for p, w in zip(arguments, words, strict=False)}
        for p in command.params:
            if p.name not in values:
                values[p.name] = _value(command, p, given[p.name]) if p.name in given else _absent(command, p)
    except _Decline:
        return None
    return command, values


def _value(command: Command, p: Param, texts: list[str]) -> Any:
    """The value of a parameter given on the command line, as typer would convert it."""
    if p.kind == "flag":
        return True
    if p.many:
        return [Path(t) for t in texts] if p.kind == "path" else list(texts)
    if len(texts) != 1:
        raise _Decline  # given twice: typer takes the last one; say nothing here
    text = texts[0]
    if p.kind == "number":
        if not (text.isascii() and text.isdigit()):
            raise _Decline
        number = int(text)
        if (p.min is not None and number < p.min) or (p.max is not None and number > p.max):
            raise _Decline
        return number
    if p.kind == "path":
        if not text:
            raise _Decline
        return Path(text)
    if p.kind == "format":
        from .render import FORMATS

        if text not in FORMATS[command.question]:
            raise _Decline
    return text


def _absent(command: Command, p: Param) -> Any:
    if p.required:
        raise _Decline  # a required option not given: typer says so
    if p.envvar and os.environ.get(p.envvar):
        return _value(command, p, [os.environ[p.envvar]])
    return default(command, p)


# ---------------------------------------------------------------------------------------------
# the typer app, built from the declaration


def build_app(respond: Callable[[Command, Values], int] = answer) -> typer.Typer:
    """The typer app: one command per COMMANDS entry, each calling `respond` with its values.
    Its help is in the language of the moment (i18n.current(); run_typer sets it from --lang
    before typer reads --help): each command's whole description, its options and examples."""
    import typer

    from .i18n import t

    app = typer.Typer(
        name="lawbase",
        add_completion=True,  # --install-completion, --show-completion (README, "Shell completion")
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        help=t(HELP),
        epilog=_examples(TOUR) + "\n\n" + t("Each command's --help has its own examples."),
    )
    app.callback()(_top_options)
    for command in COMMANDS.values():
        app.command(
            name=command.name,
            help=t(command.help),
            short_help=t(command.help),  # the list of commands shows it whole, not cut mid-phrase
            epilog=_examples(command.examples) if command.examples else None,
        )(_typer_function(command, respond))
    return app


# the top-level help's examples: the first of a few commands' own
TOUR = tuple(COMMANDS[name].examples[0] for name in ("show", "penalty", "gaps", "compare", "graph"))


def _examples(examples: tuple[tuple[str, str], ...]) -> str:
    """An Examples section, each command line and under it what it shows; click prints a
    paragraph that starts with \\b as it is, so the command lines are never rewrapped."""
    from .i18n import t

    lines = [t("Examples:")]
    for line, words in examples:
        lines += [f"  {line}", f"      {t(words)}"]
    return "\b\n" + "\n".join(lines)


def _top_options(
    version: Annotated[
        bool,
        typer_option("--version", help="Print lawbase's version and exit.", is_eager=True, callback=_version),
    ] = False,
    lang: Annotated[
        str | None,
        typer_option(
            "--lang", help="The language of this help and of the command's answer: es or en.", metavar="es|en"
        ),
    ] = None,
) -> None:
    """lawbase's own options (the fast path answers `lawbase --version` without typer);
    `lawbase --lang es show ...` speaks Spanish as `lawbase show ... --lang es` does."""
    if lang is not None:
        from . import i18n

        if lang not in i18n.LANGS:
            raise UsageError(f"--lang: '{lang}' is not one of es, en")
        os.environ[LANG.envvar or "LAWBASE_LANG"] = lang  # the command's --lang reads it when not given


def _version(given: bool) -> None:
    """--version, answered as typer reads it (before a command is looked for)."""
    if given:
        print_version()


def typer_option(flag: str, help: str, **more: Any) -> Any:
    import typer

    from .i18n import t

    return typer.Option(flag, help=t(help), **more)


def version() -> str:
    """The installed package's version, else the source's (a checkout run with PYTHONPATH)."""
    from importlib import metadata

    try:
        return metadata.version("lawbase")
    except metadata.PackageNotFoundError:
        from . import __version__

        return __version__


def print_version() -> NoReturn:
    sys.stdout.write(f"lawbase {version()}\n")
    raise SystemExit(0)


def _typer_function(command: Command, respond: Callable[[Command, Values], int]) -> Callable[..., None]:
    """A function whose signature typer reads as the command's parameters."""
    import inspect

    import typer

    def function(**given: Any) -> None:
        values = {p.name: _from_typer(p, given[p.name]) for p in command.params}
        code = respond(command, values)
        if code:
            raise typer.Exit(code)

    annotations = {p.name: _annotation(command, p) for p in command.params}
    function.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(
                p.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=inspect.Parameter.empty if p.required else _typer_default(command, p),
                annotation=annotations[p.name],
            )
            for p in command.params
        ]
    )
    function.__annotations__ = annotations
    function.__name__ = function.__qualname__ = command.name
    return function


def _annotation(command: Command, p: Param) -> Any:
    """`Annotated[type, typer.Option(...)]` (or typer.Argument) for one parameter."""
    from typing import Annotated

    import typer

    kind: Any = {"number": int, "path": Path, "flag": bool}.get(p.kind, str)
    if p.kind == "format":
        kind = _format_enum(command)
    if p.many:
        kind = list[kind]
    if not p.required and p.default is None and p.kind != "format":
        kind = kind | None
    from .i18n import t

    common: dict[str, Any] = {"help": t(p.help) if p.help else _format_help(command, p), "metavar": p.metavar}
    common["show_default"] = p.default is not None or p.kind == "format"
    if p.min is not None or p.max is not None:
        common.update(min=p.min, max=p.max)
    if p.flag is None:
        return Annotated[kind, typer.Argument(**common)]
    return Annotated[kind, typer.Option(p.flag, envvar=p.envvar, **common)]


_ENUMS: dict[str, Any] = {}


def _format_enum(command: Command) -> Any:
    """--format's choices, from render.FORMATS, as the Enum typer shows as `<table|json|...>`."""
    from enum import Enum

    from .render import FORMATS

    if command.question not in _ENUMS:
        names = {name: name for name in FORMATS[command.question]}
        _ENUMS[command.question] = Enum(f"{command.name.title()}Format", names, type=str)
    return _ENUMS[command.question]


def _format_help(command: Command, p: Param) -> str:
    """--format's help, 'table, json, md (a submission-ready document) or csv.', in the
    language of the moment (render.formats_help words it in English)."""
    from .i18n import t
    from .render import FORMATS

    if p.kind != "format":
        return ""
    named = [f"{name} ({t(f.note)})" if f.note else name for name, f in FORMATS[command.question].items()]
    return t("{some} or {last}.", some=", ".join(named[:-1]), last=named[-1])


def _typer_default(command: Command, p: Param) -> Any:
    value = default(command, p)
    if p.kind == "format":
        return _format_enum(command)(value)
    return value


def _from_typer(p: Param, value: Any) -> Any:
    """typer's value as the fast path gives it: a format's name, a list or None."""
    if p.kind == "format":
        return str(value.value)
    if p.many:
        return list(value) if value else None
    return value


def _help_language(args: list[str]) -> str:
    """The language the help is printed in: --lang's (read before typer parses, since --help
    answers before any other option is read), else $LAWBASE_LANG's, else the locale's."""
    from . import i18n

    for i, arg in enumerate(args):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value in i18n.LANGS:
            return value
    env = os.environ.get("LAWBASE_LANG", "")
    return env if env in i18n.LANGS else i18n.from_locale()


def run_typer(args: list[str], app: typer.Typer | None = None) -> int | None:
    """Run the typer app; its usage errors become lawbase's (one line, exit 2)."""
    try:  # typer >= 0.29 vendors click; earlier releases use click itself
        from typer._click import exceptions as click_exc
    except ImportError:  # pragma: no cover - depends on the installed typer
        from click import exceptions as click_exc  # type: ignore[no-redef,import-not-found,unused-ignore]
    import typer

    from . import i18n

    if (len(args) == 2 and args[0] == "--lang") or (len(args) == 1 and args[0].startswith("--lang=")):
        args = [*args, "--help"]  # `lawbase --lang es` is `lawbase` in Spanish: the help
    with i18n.use(_help_language(args)):
        group = typer.main.get_command(app or build_app())
    for sub in getattr(group, "commands", {}).values():
        for param in sub.params:
            if isinstance(param, typer.core.TyperArgument):
                # typer shows an argument as `ARTICLE <str>`: its name says enough
                setattr(param, "display_type_rich", lambda ctx: None)  # noqa: B010
    try:
        code = group.main(args=args, prog_name="lawbase", standalone_mode=False)
    except click_exc.NoArgsIsHelpError as exc:
        # a bare `lawbase` prints the help through this exception
        sys.stdout.write((exc.ctx.get_help() if exc.ctx else "") + "\n")
        return 0
    except click_exc.ClickException as exc:
        raise UsageError(exc.format_message().replace("\n", " ")) from None
    except (typer.Exit, getattr(click_exc, "Exit", typer.Exit)) as exc:
        return int(exc.exit_code)
    except (typer.Abort, getattr(click_exc, "Abort", typer.Abort)):
        raise SystemExit(130) from None
    # without standalone mode, click returns the code of a typer.Exit raised in a command
    return code if isinstance(code, int) else None


# ---------------------------------------------------------------------------------------------
# the error policy


def say(lines: list[str], prefix: str = "lawbase: ") -> None:
    """Print each line on stderr; messages echo arguments and file names, so each is escaped
    and stays one inert line."""
    from .errors import visible

    for line in lines:
        sys.stderr.write(f"{prefix}{visible(line)}\n")
    sys.stderr.flush()


def fail(lines: list[str], code: int, prefix: str = "lawbase: ") -> NoReturn:
    """Print each line on stderr and exit; corpus problems print bare (they start with a path)."""
    say(lines, prefix)
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
    fail([f"internal error: {type(exc).__name__}: {exc} (set LAWBASE_DEBUG=1 for details)"], EXIT_INTERNAL)


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


def main(argv: list[str] | None = None, *, fast: bool = True) -> None:
    """Entry point of the `lawbase` command (`fast=False` always parses with typer: the tests
    compare the two)."""
    args = sys.argv[1:] if argv is None else argv
    # A run is one short process whose records (named tuples, dicts, lists) form no reference
    # cycles: the cyclic collector would only walk them again and again as they are decoded,
    # up to 60 % of a whole-corpus command at 100,000 provisions for nothing freed (same peak
    # memory with it off; benchmarks/README.md). Reference counting still frees everything.
    collecting = gc.isenabled()
    gc.disable()
    language = i18n.chosen()
    try:
        guarded(lambda: check_text_args(args))
        if fast and args == ["--version"]:
            print_version()  # without typer, like every plain command line
        parsed = fast_parse(args) if fast else None
        if parsed is not None:
            command, values = parsed
            guarded(lambda: answer(command, values))
            return
        guarded(lambda: run_typer(args))
    finally:
        i18n.set_language(language)  # called in-process: one run's --lang does not outlive it
        if collecting:  # called in-process (the tests): the caller's collector as it was
            gc.enable()
