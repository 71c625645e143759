"""The site's Spanish catalogue: every entry keeps its English placeholders, and every string
the site translates has an entry (the site is built in Spanish under LAWBASE_STRICT_I18N=1 by
tests/test_site.py; this checks the catalogue against the code without building it)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from lawbase.i18n import es_site

SITE = Path(__file__).resolve().parent.parent / "lawbase" / "site.py"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_spanish_entry_keeps_its_placeholders() -> None:
    wrong = {en: es for en, es in es_site.MESSAGES.items() if _fields(en) != _fields(es)}
    assert not wrong, wrong


def test_every_literal_the_site_translates_has_its_spanish() -> None:
    """t("...") with a literal, and the word tables the site passes to t()."""
    tree = ast.parse(SITE.read_text(encoding="utf-8"))
    wanted: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "t"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            wanted.add(node.args[0].value)
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.endswith(("_WORDS", "_PART", "_HEADINGS", "_KINDS")) and isinstance(node.value, ast.Dict):
                wanted |= {v.value for v in node.value.values if isinstance(v, ast.Constant)}
    assert len(wanted) > 150
    missing = sorted(w for w in wanted if w not in es_site.MESSAGES)
    assert not missing, missing
