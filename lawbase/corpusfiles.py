"""Corpus files and per-file results, without any YAML: the cache reads these on warm runs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .errors import Problem
from .schema import suggest

FieldPath = tuple[str | int, ...]

TOP_FILES = {"sources.yaml": "sources", "vocabulary.yaml": "vocabulary"}
TOP_DIRS = {"articles", "instruments", "scales", "schema"}
TOP_ALLOWED = {"README.md"}


class Ref(NamedTuple):
    """An outgoing reference to check once every file is read."""

    kind: str  # source, law, instrument, provision, target, requirement, scale, vocab:<name>, penalty
    target: Any
    path: FieldPath
    context: str | None = None  # the instrument whose scale a penalty uses


@dataclass
class FileResult:
    """What one file contributes: model objects, outgoing references, problems."""

    file: str
    kind: str
    problems: list[Problem] = field(default_factory=list)
    objects: list[Any] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    defines: list[tuple[str, str, FieldPath]] = field(default_factory=list)  # (namespace, id, path)


# ---------------------------------------------------------------------------------------------
# stage 1: files


def find_files(root: Path) -> tuple[list[tuple[str, str, Path]], list[Problem]]:
    """(kind, display name, path) of every corpus file under `root`, and what is out of place."""
    problems: list[Problem] = []
    found: list[tuple[str, str, Path]] = []

    def rel(p: Path) -> str:
        return str(Path(root.name) / p.relative_to(root))

    if not root.is_dir():
        return [], [Problem(str(root), None, None, "", "not a folder")]
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and entry.is_dir():
            problems.append(_file_problem(rel(path), "a symbolic link to a folder is not followed"))
        elif entry.is_dir(follow_symlinks=False):
            if entry.name not in TOP_DIRS:
                problems.append(_file_problem(rel(path), _unexpected(entry.name, TOP_DIRS)))
            elif entry.name != "schema":
                found += _walk_dir(root, path, entry.name, rel, problems)
        elif entry.name in TOP_FILES:
            found.append((TOP_FILES[entry.name], rel(path), path))
        elif entry.name not in TOP_ALLOWED:
            problems.append(_file_problem(rel(path), _unexpected(entry.name, set(TOP_FILES))))
    if not any(kind == "sources" for kind, _, _ in found):
        problems.append(
            _file_problem(f"{root.name}/sources.yaml", "missing: the corpus needs a bibliography")
        )
    if not any(kind == "vocabulary" for kind, _, _ in found):
        problems.append(
            _file_problem(f"{root.name}/vocabulary.yaml", "missing: the corpus needs its vocabularies")
        )
    return found, problems


def _unexpected(name: str, allowed: set[str]) -> str:
    return f"unexpected file or folder '{name}' in the corpus{suggest(name, allowed)}"


def _file_problem(file: str, message: str) -> Problem:
    return Problem(file, None, None, "", message)


def _walk_dir(
    root: Path, top: Path, area: str, rel: Any, problems: list[Problem]
) -> list[tuple[str, str, Path]]:
    kind = {"articles": "provision", "instruments": "instrument", "scales": "scale"}[area]
    found: list[tuple[str, str, Path]] = []
    depth_allowed = 2 if area == "articles" else 1
    stack: list[tuple[Path, int]] = [(top, 1)]
    while stack:
        folder, depth = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(_file_problem(rel(folder), f"cannot read folder: {exc.strerror}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                try:
                    path.resolve(strict=True)
                except (OSError, RuntimeError):
                    problems.append(_file_problem(rel(path), "broken or looping symbolic link"))
                    continue
                if path.is_dir():
                    problems.append(_file_problem(rel(path), "a symbolic link to a folder is not followed"))
                    continue
            if entry.is_dir(follow_symlinks=False):
                if depth + 1 > depth_allowed:
                    problems.append(_file_problem(rel(path), f"unexpected folder in {area}/"))
                else:
                    stack.append((path, depth + 1))
                continue
            if depth != depth_allowed:
                where = "articles/<instrument>/" if area == "articles" else f"{area}/"
                problems.append(_file_problem(rel(path), f"files belong directly in {where}"))
                continue
            if not entry.name.endswith(".yaml"):
                hint = " (use the .yaml extension)" if entry.name.endswith(".yml") else ""
                problems.append(
                    _file_problem(rel(path), f"not a corpus file: only .yaml files belong in {area}/{hint}")
                )
                continue
            found.append((kind, rel(path), path))
    return sorted(found, key=lambda t: t[1])
