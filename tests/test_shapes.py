"""The typed answers (lawbase.shapes): mypy rejects a renderer that reads a key no producer
writes, and every answer the library gives for the shipped corpus has exactly its shape's keys."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pytest
from conftest import ROOT

from lawbase import api, shapes

DATES = (dt.date(1990, 1, 1), dt.date(2018, 6, 1), dt.date(2024, 1, 1))


# ---------------------------------------------------------------------------------------------
# mypy sees a key that is not there


def _mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy")
    module = tmp_path / "renderer.py"
    module.write_text(textwrap.dedent(source))
    cmd = [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--follow-imports", "silent",
           "--cache-dir", str(tmp_path / "cache"), "--no-error-summary", str(module)]  # fmt: skip
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_mypy_rejects_a_renderer_reading_a_key_the_answer_lacks(tmp_path: Path) -> None:
    """The site once printed 'Aggravated ():' for every aggravated penalty, reading `when` where
    the answer says `conditions`: with the shapes, that is a type error."""
    r = _mypy(
        tmp_path,
        """
        from lawbase import shapes

        def aggravated(a: shapes.Aggravated) -> str:
            return f"Aggravated ({a['when']})"
        """,
    )
    assert 1 == r.returncode, r.stdout + r.stderr
    assert 'TypedDict "Aggravated" has no key "when"' in r.stdout


def test_mypy_accepts_a_renderer_reading_the_keys_the_answer_has(tmp_path: Path) -> None:
    """The control: the same renderer reading the key the answer has type-checks."""
    r = _mypy(
        tmp_path,
        """
        from lawbase import shapes

        def aggravated(a: shapes.Aggravated) -> str:
            return f"Aggravated ({'; '.join(a['conditions'])}): {a['penalty']['text']}"
        """,
    )
    assert 0 == r.returncode, r.stdout + r.stderr


# ---------------------------------------------------------------------------------------------
# the answers have their shapes' keys, all the way down


def mismatches(value: Any, hint: Any, where: str = "$") -> list[str]:
    """Where `value` departs from the type `hint` (a TypedDict is closed: a key it does not
    declare is a departure too); empty when it matches."""
    if hint is Any:
        return []
    if typing.is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not {hint.__name__}"]
        hints = get_type_hints(hint)
        required, optional = hint.__required_keys__, hint.__optional_keys__
        out = [f"{where}: no key {k!r} ({hint.__name__})" for k in sorted(required - value.keys())]
        out += [
            f"{where}: key {k!r} not in {hint.__name__}" for k in sorted(value.keys() - required - optional)
        ]
        for k in sorted(value.keys() & hints.keys()):
            out += mismatches(value[k], hints[k], f"{where}.{k}")
        return out
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        tried = [mismatches(value, a, where) for a in args]
        return [] if any(not t for t in tried) else min(tried, key=len)
    if origin is Literal:
        return [] if value in args else [f"{where}: {value!r} is not one of {args}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: {type(value).__name__}, not a list"]
        return [m for i, v in enumerate(value) for m in mismatches(v, args[0], f"{where}[{i}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not a dict"]
        return [m for k, v in value.items() for m in mismatches(v, args[1], f"{where}[{k!r}]")]
    if hint is type(None):
        return [] if value is None else [f"{where}: {value!r}, not null"]
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, hint)
    return [] if ok else [f"{where}: {value!r} is not {getattr(hint, '__name__', hint)}"]


def answers(kb: Any, tmp_path: Path) -> typing.Iterator[tuple[str, Any, Any]]:
    """(what was asked, the answer, its shape) for every question the library answers."""
    provisions, requirements = list(kb.provisions), list(kb.requirements)
    # each provision asked about in its own State's law
    home = {pid: kb.instruments[kb.provisions[pid].instrument].jurisdiction for pid in provisions}
    for d in DATES:
        for pid in provisions:
            j = home[pid]
            yield f"show {pid} {d}", api.show(kb, pid, d, jurisdiction=j), shapes.ProvisionShow
            yield f"penalty {pid} {d}", api.penalty(kb, pid, d, jurisdiction=j), shapes.PenaltyAnswer
            yield f"refs {pid} {d}", api.refs(kb, pid, d, depth=2, jurisdiction=j), shapes.RefsAnswer
            yield (
                f"extradition {pid} {d}",
                api.extradition(kb, pid, d, jurisdiction=j),
                shapes.ExtraditionAnswer,
            )
        for rid in requirements:  # a requirement's id may also name its treaty article
            shown = api.show(kb, rid, d)
            kind = shapes.RequirementShow if shown["kind"] == "requirement" else shapes.ProvisionShow
            yield f"show {rid} {d}", shown, kind
        for tag in kb.vocabulary.conduct:
            yield f"penalty --conduct {tag} {d}", api.penalties_for_conduct(kb, tag, d), shapes.ConductAnswer
        yield f"gaps {d}", api.gaps(kb, d), shapes.GapsAnswer
        for inst in sorted({kb.requirements[r].instrument for r in requirements}):
            yield f"coverage {inst} {d}", api.coverage(kb, inst, d), shapes.CoverageAnswer
        for years in (5, 14, 17, 30):
            yield f"age {years} {d}", api.age(kb, years, d), shapes.AgeAnswer
        for text in ("367 ter", "explotación sexual", "trafficking"):
            yield f"search {text} {d}", api.search(kb, text, d), shapes.SearchAnswer
        yield f"matrix {d}", api.matrix(kb, d), shapes.MatrixAnswer
    for pid in provisions:
        j = home[pid]
        yield (
            f"penalty {pid} --history",
            api.penalty(kb, pid, DATES[-1], history=True, jurisdiction=j),
            shapes.PenaltyAnswer,
        )
        yield (
            f"refs {pid} --reverse",
            api.refs(kb, pid, DATES[-1], reverse=True, jurisdiction=j),
            shapes.RefsAnswer,
        )
    yield "compare", api.compare(kb, DATES[0], DATES[-1]), shapes.CompareAnswer
    yield "compare", api.compare(kb, DATES[1], DATES[-1]), shapes.CompareAnswer
    yield "compare cl,ar", api.compare_states(kb, DATES[-1], jurisdiction="cl,ar"), shapes.StatesCompareAnswer
    yield "show Ley 26.364", api.show(kb, "Ley 26.364", DATES[-1], jurisdiction="ar"), shapes.InstrumentShow
    for d in DATES:
        yield f"graph {d}", api.graph(kb, None, d), shapes.GraphShape
    yield "graph 367 ter", api.graph(kb, "367 ter", DATES[1], depth=1), shapes.GraphShape
    yield "validate", api.validate(), shapes.Summary
    yield "site", api.site(kb, tmp_path / "site", DATES[1]), shapes.SiteResult


def test_every_answer_has_its_shapes_keys(kb: Any, tmp_path: Path) -> None:
    """Each answer for the shipped corpus, walked to its leaves, has every key its TypedDict
    requires, none it does not declare, and values of the declared types."""
    found: dict[str, list[str]] = {}
    seen: set[Any] = set()
    for asked, answer, shape in answers(kb, tmp_path):
        seen.add(shape)
        problems = mismatches(answer, shape)
        if problems:
            found[asked] = problems[:5]
    assert {} == found
    assert 17 == len(seen)


def test_the_checker_finds_a_missing_an_extra_and_a_mistyped_key() -> None:
    """The walk above would catch a producer that drifts from its shape."""
    good: shapes.Text = {"en": "Rape", "es": "Violación"}
    assert [] == mismatches(good, shapes.Text)
    assert ["$: no key 'es' (Text)"] == mismatches({"en": "Rape"}, shapes.Text)
    assert ["$: key 'fr' not in Text"] == mismatches({**good, "fr": "Viol"}, shapes.Text)
    assert ["$.en: 3 is not str"] == mismatches({**good, "en": 3}, shapes.Text)
    assert ["$.status: 'done' is not one of ('gap', 'partial', 'met', 'unknown')"] == mismatches(
        {"status": "done"}, shapes._OffenceDetails
    )
