"""Canonical formatting of corpus files: checked by tests/test_corpus.py, fixed on request.

What is canonical (everything else is left as the author wrote it):
* the first line names the file's JSON Schema for editors:
  `# yaml-language-server: $schema=<relative path to data/schema/KIND.schema.json>`;
* top-level fields come in the order of the schema's `properties`;
* LF line endings, no tabs, no trailing spaces, exactly one final newline.

Fixing works on text, so comments and layout inside each top-level block survive.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:")
_SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


def schema_line(path: Path, root: Path, kind: str) -> str:
    """The schema comment a file at `path` should start with."""
    target = root / "schema" / f"{kind}.schema.json"
    rel = os.path.relpath(target, path.parent).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={rel}"


def key_order(schema_dir: Path, kind: str) -> list[str]:
    schema = json.loads((schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return list(schema.get("properties", {}))


def canonical(text: str, path: Path, root: Path, kind: str, order: list[str]) -> str:
    """The canonical form of a corpus file's text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [ln.rstrip() for ln in lines]
    header: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    for line in lines:
        m = _TOP_KEY.match(line)
        if m:
            blocks.append((m.group(1), [line]))
        elif blocks:
            blocks[-1][1].append(line)
        else:
            header.append(line)
    header = [ln for ln in header if not _SCHEMA_LINE.match(ln)]
    while header and not header[0]:
        header.pop(0)
    rank = {k: i for i, k in enumerate(order)}
    blocks.sort(key=lambda b: rank.get(b[0], len(rank)))  # stable: unknown keys keep their order
    body: list[str] = []
    for _, block in blocks:
        spaced = len(block) > 1 and not block[-1]
        while block and not block[-1]:
            block.pop()
        body.extend(block + ([""] if spaced else []))  # one blank line after a block, if it had one
    out = [schema_line(path, root, kind), *header, *body]
    return "\n".join(out).rstrip("\n") + "\n"


def check(path: Path, root: Path, kind: str, order: list[str]) -> list[str]:
    """What is not canonical about a file (empty when it is)."""
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    problems = []
    if "\t" in text:
        problems.append("contains a tab")
    if "\r" in text:
        problems.append("has CR line endings")
    if text != canonical(text, path, root, kind, order):
        first = text.split("\n", 1)[0]
        if first != schema_line(path, root, kind):
            problems.append(f"first line should be '{schema_line(path, root, kind)}'")
        else:
            problems.append("not in canonical form (field order, trailing spaces or final newline)")
    return problems


def fix(path: Path, root: Path, kind: str, order: list[str]) -> bool:
    """Rewrite a file in canonical form (atomically); True if it changed."""
    text = path.read_text(encoding="utf-8")
    new = canonical(text, path, root, kind, order)
    if new == text:
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, path)
    return True
