"""No law in code strings: lawbase/ names no jurisdiction, instrument or source of the corpus, no
country, currency or fine unit, and no date; those are data (rule "a country is files").

The ids come from the shipped corpus, so a new instrument or source is guarded as soon as it is
added. Docstrings are prose and may give examples, and so are the commands' help examples (the
`examples=` of a Command in commands.py: the README's tour, run against the shipped corpus by
tests/test_cli_parsers.py); comments are not in the syntax tree. A short
id (a jurisdiction's "cl") is matched as a whole word, so "class" or "clause" never trips it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from lawbase.corpus.loader import load

PACKAGE = ROOT / "lawbase"
DATE = re.compile(r"\d{4}-\d\d-\d\d")

# string constants that spell an id but do not mean it (file, text): reviewed one by one
NOT_LAW = {
    ("corpus/codec.py", "int"),  # the Python type named in a model annotation, not the international "int"
}
# law found in code that is waiting to move to data; each entry goes when its code does, and the
# last test fails while an entry is listed but no longer found, so the list only shrinks
PENDING: set[str] = set()


def _corpus_words() -> dict[str, str]:
    """Every id and country name of the shipped corpus -> what it is."""
    kb = load(DATA)
    words = {j: "jurisdiction id" for j in kb.vocabulary.jurisdictions}
    words |= {iid: "instrument id" for iid in kb.instruments}
    words |= {sid: "source id" for sid in kb.sources}
    words |= {j.label: "country name" for j in kb.countries.values()}
    words |= {j.currency: "currency" for j in kb.countries.values() if j.currency}
    words |= {u.label: "fine unit" for j in kb.countries.values() for u in j.fine_units}
    return words


WORDS = _corpus_words()
# a word is the whole id: not inside a longer slug ("cl" in "cl-cp" is the instrument's own
# match), and letters on either side make it another word ("Chilean" still names the country)
_ANY = re.compile(
    "|".join(
        rf"(?<![A-Za-z0-9-]){re.escape(w)}(?![A-Za-z0-9-])" if w.islower() else re.escape(w)
        for w in sorted(WORDS, key=len, reverse=True)
    )
)


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the Constant nodes that are docstrings."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _examples(tree: ast.AST) -> set[int]:
    """The ids of the Constant nodes inside an `examples=` keyword argument (help examples)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "examples":
            out |= {id(c) for c in ast.walk(node.value) if isinstance(c, ast.Constant)}
    return out


def _example_texts() -> set[str]:
    """The help examples' texts and their Spanish (the catalogues hold those too)."""
    from lawbase.i18n import SPANISH

    tree = ast.parse((PACKAGE / "commands.py").read_text(encoding="utf-8"))
    english = {
        c.value
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword) and node.arg == "examples"
        for c in ast.walk(node.value)
        if isinstance(c, ast.Constant) and isinstance(c.value, str)
    }
    return english | {SPANISH[e] for e in english if e in SPANISH}


def law_in(path: Path) -> list[str]:
    """'file:line: what' for every string constant of `path` that names law."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip = _docstrings(tree) | _examples(tree)
    if path.parent.name == "i18n":
        examples = _example_texts()
        skip |= {id(c) for c in ast.walk(tree) if isinstance(c, ast.Constant) and c.value in examples}
    rel = path.relative_to(PACKAGE).as_posix()
    found = []
    for node in ast.walk(tree):
        if _date_call(node):
            found.append(f"{rel}:{node.lineno}: date {ast.unparse(node)}")
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
            continue
        text = node.value
        if (rel, text) in NOT_LAW:
            continue
        for m in _ANY.finditer(text):
            found.append(f"{rel}:{node.lineno}: {WORDS[m.group()]} {m.group()!r} in {text!r}")
        for m in DATE.finditer(text):
            found.append(f"{rel}:{node.lineno}: date {m.group()!r} in {text!r}")
    return sorted(found, key=lambda f: int(f.split(":")[1]))


def _date_call(node: ast.AST) -> bool:
    """`date(2001, 6, 1)`, `dt.date(...)`: a date written in code as numbers."""
    if not isinstance(node, ast.Call) or len(node.args) != 3:
        return False
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    return name == "date" and all(isinstance(a, ast.Constant) and isinstance(a.value, int) for a in node.args)


FILES = sorted(PACKAGE.rglob("*.py"))


def _without_line(finding: str) -> str:
    file, _line, what = finding.split(":", 2)
    return f"{file}:{what}"


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(PACKAGE).as_posix() for p in FILES])
def test_no_jurisdiction_instrument_source_country_or_date_in_code_strings(path: Path) -> None:
    """Law is data: a string constant naming an id of the corpus, a country or a date is refused."""
    assert [] == [f for f in law_in(path) if _without_line(f) not in PENDING]


def test_the_pending_list_only_shrinks() -> None:
    """An entry of PENDING that is no longer found was fixed: remove it from the list."""
    found = {_without_line(f) for path in FILES for f in law_in(path)}
    assert [] == sorted(PENDING - found)


def test_the_guard_sees_what_it_guards_against(tmp_path: Path) -> None:
    """The guard finds an instrument id, a country's name and a date, and skips docstrings."""
    sample = PACKAGE / "_guard_sample.py"
    try:
        sample.write_text(
            '"""The Chilean code cl-cp, 2004-01-14 (a docstring may say so)."""\n'
            'A = "cl-cp"\nB = f"Give Chilean courts {A}"\nC = "in force on 2004-01-14"\nD = "class"\n'
            "E = dt.date(2001, 6, 1)\n",
            encoding="utf-8",
        )
        found = law_in(sample)
    finally:
        sample.unlink()
    assert [
        "_guard_sample.py:2: instrument id 'cl-cp' in 'cl-cp'",
        "_guard_sample.py:3: country name 'Chile' in 'Give Chilean courts '",
        "_guard_sample.py:4: date '2004-01-14' in 'in force on 2004-01-14'",
        "_guard_sample.py:6: date dt.date(2001, 6, 1)",
    ] == found
