"""The command line as a user meets it: exit codes, stdout vs stderr, JSON shapes, start-up cost."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli


def test_show_json_has_the_documented_shape() -> None:
    """`show --json` carries the DESIGN.md keys and prints nothing but JSON."""
    r = run_cli("show", "367ter", "--as-of", "2018-06-01", "--json")
    assert (r.code, r.err) == (0, "")
    data = json.loads(r.out)
    for key in ("id", "instrument", "number", "title", "as_of", "in_force", "version", "offences",
                "refers_to", "referred_by", "implements", "sources", "discrepancies"):  # fmt: skip
        assert key in data, key
    offence = data["offences"][0]
    assert {"id", "conduct", "victim_age", "conditions", "penalty", "aggravated"} <= set(offence)
    assert {"text", "kind", "degrees", "min", "max", "fine", "class"} <= set(offence["penalty"])
    assert offence["penalty"]["text"] == "presidio menor en su grado máximo"


def test_terminal_output_names_penalty_range_window_law_and_sources() -> None:
    r = run_cli("show", "367 ter", "--as-of", "2018-06-01")
    assert r.code == 0
    for expected in ("CP art. 367 ter", "presidio menor en su grado máximo", "3 years and 1 day – 5 years",
                     "2004-01-14 → 2022-12-29", "Ley 19.927", "Sources", "art. 367 ter"):  # fmt: skip
        assert expected in r.out, expected


def test_unknown_reference_exits_1_with_suggestions_on_stderr() -> None:
    # "367 tre" alone shows 367 ter, with a note (tests/test_refs_typed.py); with a second
    # suffix it names no article
    r = run_cli("show", "367 tre bis")
    assert (r.code, r.out) == (1, "")
    assert len(r.err.splitlines()) == 1
    assert "did you mean" in r.err and "367 ter" in r.err


def test_bad_date_is_a_usage_error() -> None:
    r = run_cli("show", "367ter", "--as-of", "2018-02-30")
    assert (r.code, r.out) == (2, "")
    assert r.err == "lawbase: --as-of: '2018-02-30' is not a real calendar date\n"


@pytest.mark.parametrize(
    "args", [["penalty"], ["penalty", "367", "--conduct", "rape"], ["show"], ["frobnicate"]]
)
def test_bad_usage_exits_2_with_one_line(args: list[str]) -> None:
    r = run_cli(*args)
    assert r.code == 2
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err


def test_penalty_by_conduct_lists_offences_in_force() -> None:
    r = run_cli("penalty", "--conduct", "prostitution-client", "--as-of", "2018-06-01", "--json")
    assert r.code == 0
    data = json.loads(r.out)
    assert [row["provision"] for row in data["offences"]] == ["cl-cp/367-ter"]
    r = run_cli("penalty", "--conduct", "prostitution-client", "--as-of", "2001-06-01", "--json")
    assert json.loads(r.out)["offences"] == []


def test_penalty_history_lists_every_version() -> None:
    r = run_cli("penalty", "374 bis", "--history", "--json")
    rows = json.loads(r.out)["versions"]
    assert [row["version"]["from"] for row in rows] == ["2004-01-14", "2013-08-20", "2022-12-30"]


def test_search_finds_the_client_offence() -> None:
    r = run_cli("search", "client", "--json")
    assert r.code == 0
    assert json.loads(r.out)["results"][0]["id"] == "cl-cp/367-ter"
    r = run_cli("search", "cliente", "--json")
    assert json.loads(r.out)["results"][0]["id"] == "cl-cp/367-ter"


def test_search_with_no_result_exits_1() -> None:
    r = run_cli("search", "zzqqxxv", "--json")
    assert r.code == 1
    assert json.loads(r.out)["results"] == []


def test_validate_the_shipped_corpus() -> None:
    r = run_cli("validate", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["valid"] and data["provisions"] >= 4


def test_validate_json_lists_problems(corpus: Path) -> None:
    (corpus / "articles" / "cl-cp" / "362.yaml").write_text("id: [\n", encoding="utf-8")
    r = run_cli("validate", str(corpus), "--json")
    assert r.code == 2
    problems = json.loads(r.out)["problems"]
    assert {"file", "line", "column", "field", "message"} == set(problems[0])


def test_data_option_and_environment_variable_select_another_corpus(corpus: Path) -> None:
    """--data DIR and LAWBASE_DATA both point lawbase at another corpus."""
    path = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("(the client offence)", "(ANOTHER CORPUS)"), encoding="utf-8"
    )
    when = ("--as-of", "2018-06-01")
    for result in (
        run_cli("show", "367ter", *when, "--data", str(corpus)),
        run_cli("show", "367ter", *when, env={"LAWBASE_DATA": str(corpus)}),
    ):
        assert 0 == result.code and "ANOTHER CORPUS" in result.out
    assert "ANOTHER CORPUS" not in run_cli("show", "367ter", *when).out


def test_invalid_corpus_exits_2_without_traceback(corpus: Path) -> None:
    (corpus / "vocabulary.yaml").write_text("conduct: {}\n", encoding="utf-8")
    r = run_cli("show", "367ter", "--data", str(corpus))
    assert (r.code, r.out) == (2, "")
    assert "Traceback" not in r.err and "vocabulary.yaml" in r.err


def _imported(*args: str) -> set[str]:
    """Top-level modules a command imports, read from `python -X importtime`."""
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "lawbase", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return {m.group(1).split(".")[0] for m in re.finditer(r"\|\s+(\S+)\s*$", proc.stderr, re.M)}


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["show", "367ter"],
        ["show", "367ter", "--json"],
        ["penalty", "367ter"],
        ["penalty", "367", "--json"],
    ],
)
def test_help_show_and_penalty_do_not_import_networkx(args: list[str]) -> None:
    assert "networkx" not in _imported(*args)


def test_json_output_does_not_import_rich_renderers() -> None:
    mods = _imported("show", "367ter", "--json")
    assert "rapidfuzz" not in mods


def test_piped_output_has_no_escape_codes() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    proc = subprocess.run(
        [sys.executable, "-m", "lawbase", "show", "367ter"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert proc.returncode == 0
    assert "\x1b[" not in proc.stdout


def test_broken_pipe_ends_quietly() -> None:
    """`lawbase penalty 367 --history | head -1` must not print a BrokenPipeError."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "lawbase", "penalty", "367", "--history", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_checkout_shim_runs(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "show", "362", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0 and json.loads(proc.stdout)["id"] == "cl-cp/362"


def test_installed_command_works_from_any_directory(tmp_path: Path) -> None:
    """The console script finds the shipped corpus wherever it is run."""
    exe = shutil.which("lawbase", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("lawbase is not installed in this environment (run the README's install command)")
    proc = subprocess.run([exe, "penalty", "367ter", "--json"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "cl-cp/367-ter"
