"""Corpus files and per-file results, without any YAML: the cache reads these on warm runs.

The walk and the reader treat the corpus folder as hostile input: only regular files are read
(a FIFO would block, /dev/zero never ends), symbolic links to folders are not followed, the walk
goes at most two folders deep, and no read takes more than the size limit plus one byte.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any, NamedTuple

from lawbase.errors import Problem

from .schema import suggest

MAX_BYTES = 2 * 1024 * 1024  # the largest corpus file read (yamlsafe refuses more, from the size)

FieldPath = tuple[str | int, ...]


def too_large(name: str, size: int) -> Problem:
    """The problem of a file over MAX_BYTES (worded once, for the loader, the cache and yamlsafe)."""
    limit = MAX_BYTES // 1_048_576
    return Problem(
        name, 1, 1, "", f"file is {size / 1_048_576:.1f} MiB; a corpus file may be at most {limit} MiB"
    )


TOP_FILES = {"corpus.yaml": "corpus", "vocabulary.yaml": "vocabulary"}
TOP_DIRS = {"articles", "instruments", "jurisdictions", "scales", "schema", "sources", "status"}
TOP_ALLOWED = {"README.md"}
# what each folder holds, and how deep its files lie (articles/<instrument>/<number>.yaml,
# status/<jurisdiction>/<instrument>.yaml)
_AREA_KINDS = {
    "articles": "provision", "instruments": "instrument", "jurisdictions": "jurisdiction",
    "scales": "scale", "sources": "sources", "status": "status",
}  # fmt: skip
_AREA_DEPTH = {"articles": 2, "status": 2}
_AREA_WHERE = {"articles": "articles/<instrument>/", "status": "status/<jurisdiction>/"}
# a file an older layout had, and where its content lives now
_MOVED = {"sources.yaml": "the bibliography is sources/<jurisdiction>.yaml, one file per jurisdiction"}
# files whose definitions any other file may use: a change to one re-checks every reference
SHARED_KINDS = ("sources", "vocabulary", "jurisdiction", "scale", "instrument", "status")

# what a corpus folder may hold besides regular files, as named in messages
_NOT_REGULAR = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class Ref(NamedTuple):
    """An outgoing reference to check once every file is read."""

    kind: str  # source, law, instrument, provision, target, requirement, scale, vocab:<name>, penalty
    target: Any
    path: FieldPath
    context: str | None = None  # the instrument whose scale a penalty uses


class FileResult:
    """What one file contributes: model objects, outgoing references, problems. A plain class,
    not a dataclass: this module is read on every run that refreshes the cache, and importing
    dataclasses costs ~6 ms, a tenth of a warm point lookup."""

    __slots__ = ("defines", "file", "kind", "objects", "problems", "refs")

    def __init__(
        self,
        file: str,
        kind: str,
        problems: list[Problem] | None = None,
        objects: list[Any] | None = None,
        refs: list[Ref] | None = None,
        defines: list[tuple[str, str, FieldPath]] | None = None,  # (namespace, id, path)
    ) -> None:
        self.file, self.kind = file, kind
        self.problems: list[Problem] = [] if problems is None else problems
        self.objects: list[Any] = [] if objects is None else objects
        self.refs: list[Ref] = [] if refs is None else refs
        self.defines: list[tuple[str, str, FieldPath]] = [] if defines is None else defines

    def _fields(self) -> tuple[Any, ...]:
        return (self.file, self.kind, self.problems, self.objects, self.refs, self.defines)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileResult) and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's is

    def __repr__(self) -> str:
        return (
            f"FileResult(file={self.file!r}, kind={self.kind!r}, problems={self.problems!r}, "
            f"objects={self.objects!r}, refs={self.refs!r}, defines={self.defines!r})"
        )


# ---------------------------------------------------------------------------------------------
# stage 1: files


def _namer(root: Path) -> Any:
    """The display name of a path under `root` (`<root's name>/<relative path>`)."""
    top_name, prefix = root.name, str(root) + os.sep

    def rel(p: str | os.PathLike[str]) -> str:
        # as str(Path(root.name) / p.relative_to(root)), without pathlib's parsing (called for
        # every file of the corpus on a full scan)
        s = str(p)
        if not s.startswith(prefix):
            return str(Path(top_name) / Path(p).relative_to(root))
        return f"{top_name}{os.sep}{s[len(prefix) :]}" if top_name else s[len(prefix) :]

    return rel


Found = tuple[str, str, Path]  # (kind, display name, path)
Listed = tuple[str, str, str, os.stat_result]  # (kind, display name, path, its stat)


def find_files(root: Path) -> tuple[list[Found], list[Problem]]:
    """(kind, display name, path) of every corpus file under `root`, and what is out of place."""
    found, problems = find_files_stat(root)
    return [(kind, name, Path(path)) for kind, name, path, _ in found], problems


def find_files_stat(root: Path) -> tuple[list[Listed], list[Problem]]:
    """find_files with the stat each file was checked with (the cache records it: statting
    every file again would cost a tenth of a second per 10,000 files), each path as text (no
    pathlib object made per file: a third of the listing's time)."""
    problems: list[Problem] = []
    rel = _namer(root)
    if not root.is_dir():
        return [], [Problem(str(root), None, None, "", "not a folder")]
    try:
        top, areas = _list_top(root, rel, problems)
    except OSError as exc:
        return [], [_unreadable(str(root), f"cannot read folder: {exc.strerror or exc}")]
    # the top files first, so that a term a jurisdiction defines again is reported in its own file
    found = list(top)
    for area, path in areas:
        found += _walk_dir(path, area, rel, problems)
    problems += whole_corpus_problems(root, [kind for kind, _, _, _ in found], problems)
    if any(isinstance(p, Unreadable) for p in problems):
        # part of the corpus is unknown: every reference into it would be reported as dangling,
        # burying the one problem that matters, so nothing else is checked until it is fixed
        return [], problems
    return found, problems


def whole_corpus_problems(root: Path, kinds: list[str], problems: list[Problem]) -> list[Problem]:
    """What only the whole listing shows: no bibliography, no vocabularies (given the kinds of
    the files found and the `problems` already seen)."""
    out: list[Problem] = []
    # a sources file that is there but refused (a device, unreadable) has its own problem
    if "sources" not in kinds and not any(Path(p.file).parts[1:2] == ("sources",) for p in problems):
        out.append(
            _unreadable(f"{root.name}/sources", "missing: the corpus needs a bibliography (sources/*.yaml)")
        )
    if "vocabulary" not in kinds and not os.path.lexists(root / "vocabulary.yaml"):
        out.append(_unreadable(f"{root.name}/vocabulary.yaml", "missing: the corpus needs its vocabularies"))
    return out


def _list_top(root: Path, rel: Any, problems: list[Problem]) -> tuple[list[Listed], list[tuple[str, Path]]]:
    """The corpus folder's own entries: its top files (with their stat) and the areas to walk.
    Raises OSError if the folder cannot be read."""
    found: list[Listed] = []
    areas: list[tuple[str, Path]] = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if _bad_name(entry.name, rel(path), problems):
            continue
        if entry.is_symlink() and entry.is_dir():
            problems.append(_file_problem(rel(path), "a symbolic link to a folder is not followed"))
        elif entry.is_dir(follow_symlinks=False):
            if entry.name not in TOP_DIRS:
                problems.append(_file_problem(rel(path), _unexpected(entry.name, TOP_DIRS)))
            elif entry.name != "schema":
                areas.append((entry.name, path))
        elif entry.name in TOP_FILES:
            st = regular_stat(path, rel(path), problems)
            if st is not None:
                found.insert(0, (TOP_FILES[entry.name], rel(path), entry.path, st))
        elif entry.name in _MOVED:
            problems.append(_file_problem(rel(path), f"an older layout: {_MOVED[entry.name]}"))
        elif entry.name not in TOP_ALLOWED:
            problems.append(_file_problem(rel(path), _unexpected(entry.name, set(TOP_FILES))))
    return found, areas


def _unexpected(name: str, allowed: set[str]) -> str:
    return f"unexpected file or folder '{name}' in the corpus{suggest(name, allowed)}"


def _file_problem(file: str, message: str) -> Problem:
    return Problem(file, None, None, "", message)


def _walk_dir(top: Path, area: str, rel: Any, problems: list[Problem]) -> list[Listed]:
    found: list[Listed] = []
    stack: list[tuple[Path, int]] = [(top, 1)]
    while stack:
        folder, depth = stack.pop()
        files, folders = _list_dir(folder, area, depth, rel, problems)
        found += files
        stack += [(path, depth + 1) for path in folders]
    return sorted(found, key=lambda t: t[1])


def _list_dir(
    folder: Path, area: str, depth: int, rel: Any, problems: list[Problem]
) -> tuple[list[Listed], list[Path]]:
    """One folder of an area, `depth` folders below the corpus: its corpus files (with their
    stat) and the folders in it that belong to the area (a problem for anything else)."""
    kind = _AREA_KINDS[area]
    depth_allowed = _AREA_DEPTH.get(area, 1)
    found: list[Listed] = []
    folders: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(_unreadable(rel(folder), f"cannot read folder: {exc.strerror or exc}"))
        return found, folders
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        path = entry.path
        shown = rel(path)  # named once: every file of the corpus passes here on a full scan
        if _bad_name(name, shown, problems):
            continue
        if entry.is_symlink():
            try:
                Path(path).resolve(strict=True)
            except (OSError, RuntimeError):
                problems.append(_file_problem(shown, "broken or looping symbolic link"))
                continue
            if os.path.isdir(path):
                problems.append(_file_problem(shown, "a symbolic link to a folder is not followed"))
                continue
        if entry.is_dir(follow_symlinks=False):
            if depth + 1 > depth_allowed:
                problems.append(_file_problem(shown, f"unexpected folder in {area}/"))
            else:
                folders.append(Path(path))
            continue
        if depth != depth_allowed:
            where = _AREA_WHERE.get(area, f"{area}/")
            problems.append(_file_problem(shown, f"files belong directly in {where}"))
            continue
        if not name.endswith(".yaml"):
            hint = " (use the .yaml extension)" if name.endswith(".yml") else ""
            problems.append(
                _file_problem(shown, f"not a corpus file: only .yaml files belong in {area}/{hint}")
            )
            continue
        st = regular_stat(entry.path, shown, problems)
        if st is not None:
            found.append((kind, shown, path, st))
    return found, folders


def list_folder(root: Path, folder: Path) -> tuple[list[Listed], list[Problem]]:
    """The corpus files directly in one folder of the corpus (the corpus folder itself, an area
    such as articles/, or a folder of one, such as articles/<instrument>/), with their stat, and
    the problems find_files would report for that folder's entries (its subfolders are not
    listed: a caller that lists only the folders that changed lists them itself). What only the
    whole listing shows (whole_corpus_problems) is the caller's to check."""
    problems: list[Problem] = []
    rel = _namer(root)
    parts = folder.relative_to(root).parts
    if not parts:
        try:
            found = _list_top(root, rel, problems)[0]
        except OSError as exc:
            return [], [_unreadable(str(root), f"cannot read folder: {exc.strerror or exc}")]
        return found, problems
    if parts[0] not in _AREA_KINDS or len(parts) > _AREA_DEPTH.get(parts[0], 1):
        raise ValueError(f"{folder} is not a folder of the corpus")
    return _list_dir(folder, parts[0], len(parts), rel, problems)[0], problems


class Unreadable(Problem):
    """A file or folder that could not be read (missing, not a regular file, no permission):
    what it would define is unknown, so references into it are not reported as dangling (the
    loader asks `unread_kinds`); its own problem is reported once instead."""

    __slots__ = ()


def _unreadable(file: str, message: str) -> Problem:
    return Unreadable(file, None, None, "", message)


def unread_kinds(problems: list[Problem]) -> set[str]:
    """The kinds of file (provision, instrument, ...) that some unreadable file or folder among
    `problems` may have held."""
    kinds: set[str] = set()
    for p in problems:
        if not isinstance(p, Unreadable):
            continue
        parts = Path(p.file).parts
        if len(parts) < 2:  # the corpus folder itself
            kinds |= set(_AREA_KINDS.values()) | set(TOP_FILES.values())
        elif parts[1] in TOP_FILES:
            kinds.add(TOP_FILES[parts[1]])
        elif parts[1] in _AREA_KINDS:
            kinds.add(_AREA_KINDS[parts[1]])
    return kinds


def _bad_name(name: str, shown: str, problems: list[Problem]) -> bool:
    """A name that is not valid UTF-8 cannot be an id nor be printed or stored as text."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        problems.append(_file_problem(_printable(shown), "the name is not valid UTF-8"))
        return True
    return False


def _printable(text: str) -> str:
    """A file name with its undecodable bytes shown as \\xNN escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def regular_stat(path: str | os.PathLike[str], shown: str, problems: list[Problem]) -> os.stat_result | None:
    """The stat of a regular file the user can read (after following a symbolic link); None,
    with a problem, for anything else (the check find_files makes of every file it lists).

    Checked here so that nothing ever opens a FIFO, device or socket; `read_corpus_file`
    checks again on the open descriptor, since the file may be swapped in between.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        problems.append(_file_problem(shown, "broken or looping symbolic link"))
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.append(_file_problem(shown, "broken or looping symbolic link"))
        else:
            problems.append(_unreadable(shown, f"cannot read file: {exc.strerror or exc}"))
        return None
    what = _not_regular(st.st_mode)
    if what:
        problems.append(_unreadable(shown, f"not a regular file ({what})"))
        return None
    if not os.access(path, os.R_OK):
        problems.append(_unreadable(shown, "cannot read file: Permission denied"))
        return None
    return st


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _NOT_REGULAR if test(mode)), "not a file")


class NotRegularFile(OSError):
    """Raised by read_corpus_file for a FIFO, device or socket."""


def read_corpus_file(path: str | os.PathLike[str], max_bytes: int) -> tuple[bytes | None, int]:
    """(bytes, size) of a regular file; bytes is None when the file is over `max_bytes`.

    Opened without blocking (a FIFO swapped in after the walk must not hang the run) and
    checked with fstat on the descriptor; at most `max_bytes` + 1 bytes are read, whatever the
    file claims its size to be. Raises OSError (NotRegularFile for a FIFO, device or socket).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        what = _not_regular(st.st_mode)
        if what:
            raise NotRegularFile(f"not a regular file ({what})")
        if st.st_size > max_bytes:
            return None, st.st_size
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        return None, len(data)
    return data, len(data)
