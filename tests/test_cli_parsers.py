"""One declaration per command: the typer app and the fast path are both made from
lawbase.commands.COMMANDS, and for every command line the fast path takes they hand the same
values to the same code; anything it does not take goes to typer."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from lawbase import cli, commands, render
from lawbase.commands import COMMANDS, Command, Param, Values


def typer_values(argv: list[str]) -> tuple[str, Values] | None:
    """What the typer app hands a command for argv (nothing is answered), or None on an error."""
    seen: list[tuple[str, Values]] = []

    def record(command: Command, values: Values) -> int:
        seen.append((command.name, values))
        return 0

    try:
        cli.run_typer(argv, cli.build_app(respond=record))
    except Exception:  # a usage error, which the fast path must not take either
        return None
    return seen[0] if seen else None


def fast_values(argv: list[str]) -> tuple[str, Values] | None:
    parsed = cli.fast_parse(argv)
    return None if parsed is None else (parsed[0].name, parsed[1])


def samples(command: Command, p: Param) -> list[str]:
    """Values of one parameter that the fast path should take, from its declaration."""
    if p.kind == "format":
        return list(render.FORMATS[command.question])
    if p.kind == "number":
        return [str(p.min if p.min is not None else 0), str(p.max if p.max is not None else 7)]
    return {"text": ["367ter", "Art. 367-ter"], "path": ["some/folder"], "date": ["2018-06-01"]}[p.kind]


def invocations() -> Iterator[list[str]]:
    """Command lines of every command, every option in both spellings, from the declaration."""
    for command in COMMANDS.values():
        arguments = [p for p in command.params if p.flag is None]
        # a required option (case --facts) is given in every line, as a user must
        must = [x for p in command.params if p.flag and p.required for x in (p.flag, samples(command, p)[0])]
        required = [samples(command, p)[0] for p in arguments if p.required] + must
        everything = [samples(command, p)[-1] for p in arguments] + must
        yield [command.name, *required]
        yield [command.name, *everything]
        every_option: list[str] = []
        for p in command.params:
            if p.flag is None or p.required:
                continue
            if p.kind == "flag":
                yield [command.name, *required, p.flag]
                every_option.append(p.flag)
                continue
            values = samples(command, p)
            for value in values:
                yield [command.name, *required, p.flag, value]
                yield [command.name, f"{p.flag}={value}", *required]
            if p.many:
                yield [command.name, *required, *(x for v in values for x in (p.flag, v)), p.flag, "x"]
            every_option += [p.flag, values[-1]]
        yield [command.name, *every_option, *everything]


CASES = list(invocations())


@pytest.mark.parametrize("argv", CASES, ids=[" ".join(c) for c in CASES])
def test_fast_path_and_typer_hand_the_same_values(argv: list[str]) -> None:
    """Each generated command line takes the fast path, with exactly the values typer gives."""
    fast = fast_values(argv)
    assert fast is not None, "a plain command line should take the fast path"
    assert typer_values(argv) == fast


@pytest.mark.parametrize(
    "argv",
    [[], ["--help"], ["frobnicate"], ["show"], ["show", "a", "b"], ["show", "367ter", "--help"], ["show", "367ter", "--as-of"],
     ["show", "367ter", "--as-of="], ["show", "--", "-x"], ["penalty", "367", "--history", "--bogus"],
     ["search", "x", "--limit", "0"], ["search", "x", "--limit", "201"], ["search", "x", "--limit", "²"],
     ["search", "x", "--limit", "+5"], ["gaps", "--format", "pdf"], ["gaps", "--json=1"], ["age", "-1"],
     ["show", "367ter", "--json", "--as-of", "2018-06-01", "--as-of", "2019-01-01"], ["compare"],
     ["validate", ""], ["graph", "--format", "png"], ["show", "367ter", "--jurisdiction", ""]],
)  # fmt: skip
def test_anything_unusual_goes_to_typer(argv: list[str]) -> None:
    assert cli.fast_parse(argv) is None


def test_the_environment_variable_is_read_by_both(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--data falls back to $LAWBASE_DATA on both paths, as the declaration says."""
    monkeypatch.setenv("LAWBASE_DATA", str(tmp_path))
    fast = fast_values(["show", "367ter"])
    assert fast is not None and fast[1]["data"] == tmp_path
    assert typer_values(["show", "367ter"]) == fast


def test_the_typer_app_declares_exactly_the_table() -> None:
    """Every command, argument and option typer knows is a row of COMMANDS, in its order."""
    import typer.main

    group = typer.main.get_group(cli.build_app())
    assert list(COMMANDS) == list(group.commands)
    for name, command in COMMANDS.items():
        params = [p for p in group.commands[name].params if p.name != "help"]
        assert [p.name for p in command.params] == [p.name for p in params]
        assert [p.flag for p in command.params if p.flag] == [o for p in params for o in getattr(p, "opts", [])
                                                              if o.startswith("--")]  # fmt: skip


def test_each_option_is_declared_once() -> None:
    """A command names each parameter once, and an option many commands take (--as-of, --data,
    --json, --jurisdiction, --format) is one declaration that they all share."""
    shared = {p.flag: p for p in (*commands.COMMON, commands.FORMAT)}
    for command in COMMANDS.values():
        names = [p.name for p in command.params]
        assert len(names) == len(set(names)), command.name
        for p in command.params:
            if p.flag in shared:
                assert p is shared[p.flag], (command.name, p.flag)
    assert all(commands.DATA in c.params and commands.JSON in c.params for c in COMMANDS.values())
    assert [c.name for c in COMMANDS.values() if commands.JURISDICTION not in c.params] == ["validate"]


def test_format_choices_come_from_the_registry() -> None:
    """--format offers each of the question's writers, the first by default; --json is the json one."""
    for name in ("gaps", "graph"):
        code, out, _ = run("", [name, "--help"])
        assert code == 0
        assert re.search(rf"--format [<\[]{re.escape('|'.join(render.FORMATS[name]))}[>\]]", out), out
        assert f"default: {next(iter(render.FORMATS[name]))}]" in out
        assert render.formats_help(name) in " ".join(out.split())
        assert render.FORMATS[name]["json"].write is render.FORMATS["show"]["json"].write
    assert ["table", "json", "md", "csv"] == list(render.FORMATS["gaps"])
    assert ["dot", "mermaid", "json", "svg", "html"] == list(render.FORMATS["graph"])
    assert (
        "table, json, md (a submission-ready document) or csv (for a spreadsheet: UTF-8 with a BOM)."
        == render.formats_help("gaps")
    )
    assert all("json" in formats for formats in render.FORMATS.values())


def test_a_new_command_is_one_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither parser has code of its own for any command: a row added to the table is parsed by
    both, the same way."""
    row = Command(
        "echo",
        "Say it back.",
        (Param("words", help="What to say.", required=True), Param("times", "--times", "number", "How often.", default=1,
         min=1, max=3), Param("loud", "--loud", "flag", "Louder.", default=False), commands.FORMAT, *commands.COMMON),
        "echo",
    )  # fmt: skip
    monkeypatch.setitem(COMMANDS, "echo", row)
    monkeypatch.setitem(
        render.FORMATS,
        "echo",
        {"plain": render.Format(lambda a, r: None), "json": render.FORMATS["show"]["json"]},
    )
    monkeypatch.setattr(cli, "_ENUMS", {})
    argv = ["echo", "hi", "--times", "3", "--loud", "--format=json", "--jurisdiction", "xx"]
    fast = fast_values(argv)
    assert fast == typer_values(argv)
    assert (
        fast is not None
        and {"words": "hi", "times": 3, "loud": True, "format": "json", "jurisdiction": "xx"}.items()
        <= fast[1].items()
    )
    assert cli.fast_parse(["echo", "hi", "--times", "4"]) is None


def run(main: str, args: list[str], columns: str = "200") -> tuple[int, str, str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": columns}
    code = f"import sys; from lawbase.cli import main; main(sys.argv[1:]{main})"
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize(
    "args",
    [["show", "367ter", "--json"], ["show", "367 tre"], ["penalty", "--conduct", "csam-possession", "--as-of", "2018-06-01"],
     ["search", "zzqqxxv"], ["gaps", "--format", "md", "--as-of", "2001-06-01"], ["gaps", "--against", "atlantis"],
     ["compare", "2018-02-30", "2019-01-01"], ["graph", "367ter", "--format", "svg", "--as-of", "2018-06-01"]],
)  # fmt: skip
def test_both_paths_print_the_same(args: list[str]) -> None:
    """End to end, in fresh processes: the same stdout, stderr and exit code either way."""
    assert cli.fast_parse(args) is not None
    assert run(", fast=False", args) == run("", args)


def test_help_fits_80_columns() -> None:
    """`lawbase --help` and each command's help wrap at 80 columns and name every option."""
    for args in (["--help"], *([name, "--help"] for name in COMMANDS)):
        code, out, err = run("", args, columns="80")
        assert (code, err) == (0, "")
        assert max(map(len, out.splitlines())) <= 80, out
        if args != ["--help"]:
            command = COMMANDS[args[0]]
            assert all(p.flag in out for p in command.params if p.flag)


def _help(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The help typer prints for args, in this process."""
    assert 0 == cli.run_typer(args)
    return capsys.readouterr().out


def example_argv(line: str) -> list[str]:
    """An example's command line as argv: without `lawbase` and without the shell's `> file`."""
    import shlex

    words = shlex.split(line)
    assert words[0] == "lawbase", line
    return words[1 : words.index(">") if ">" in words else None]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_help_has_examples_and_no_type_hints(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each command's --help ends with examples (the README's tour) in the reader's language,
    names its arguments and values (ARTICLE, N), not typer's types (<str>, <int range>)."""
    from lawbase.i18n import t, use

    for command in COMMANDS.values():
        out = _help([command.name, "--help", "--lang", lang], capsys)
        with use(lang):
            assert t("Examples:") in out and " ".join(t(command.help).split()) in " ".join(out.split())
            for line, words in command.examples:
                assert f"  {line}\n" in out and t(words) in out, line
        for hint in ("<str", "<int", "range>", "<list[", "<path", "<bool"):
            assert hint not in out, (command.name, hint)
    assert all(len(c.examples) >= 1 for c in COMMANDS.values())
    assert "Ejemplos:" in _help(["--lang", "es", "--help"], capsys) == _help(["--lang", "es"], capsys)


def test_every_example_is_a_command_line_lawbase_takes() -> None:
    """The examples are parsed as a user's: by typer, and by the fast path the same way."""
    for command in COMMANDS.values():
        for line, _ in command.examples:
            argv = example_argv(line)
            assert argv[0] == command.name, line
            taken = typer_values(argv)
            assert taken is not None and taken[0] == command.name, line
            fast = fast_values(argv)
            assert fast is None or fast == taken, line


def test_the_list_of_commands_shows_each_description_whole(capsys: pytest.CaptureFixture[str]) -> None:
    """`lawbase --help` used to cut each description mid-phrase ("penalties...")."""
    out = " ".join(_help(["--help"], capsys).split())
    for command in COMMANDS.values():
        assert f"{command.name} {command.help}" in out
    assert "--version" in out and "--install-completion" in out


def test_version_is_printed_without_typer() -> None:
    """`lawbase --version` prints the installed package's version; the fast path does not import
    typer for it, and the typer app answers the same."""
    from importlib import metadata

    import lawbase

    try:
        expected = metadata.version("lawbase")
    except metadata.PackageNotFoundError:
        expected = lawbase.__version__
    assert run("", ["--version"]) == (0, f"lawbase {expected}\n", "")
    assert run(", fast=False", ["--version"]) == (0, f"lawbase {expected}\n", "")
    code = "import sys\nfrom lawbase.cli import main\ntry: main(['--version'])\nexcept SystemExit: pass\nprint('typer' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.stdout.splitlines()[-1] == "False", proc.stdout


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [("lawbase gr", "1", {"graph"}), ("lawbase gaps --format ", "3", {"table", "json", "md", "csv"}),
     ("lawbase show 367ter --as", "3", {"--as-of"})],
)  # fmt: skip
def test_shell_completion_answers(words: str, cword: str, expected: set[str]) -> None:
    """The completion the README documents: the shell runs lawbase with _LAWBASE_COMPLETE set
    and reads the candidates from its output (one per line)."""
    env = {**os.environ, "_LAWBASE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
    code = "import sys; from lawbase.cli import main; main(sys.argv[1:])"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert expected <= set(proc.stdout.split()), proc.stdout
