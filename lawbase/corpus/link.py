"""The cross-file checks, written once: ids unique, every reference resolving, penalties that
fit their instrument's scale.

Every way a corpus is read links it here, over an `Index` of what the rest of the corpus
defines: the loader links every file in memory (`MemoryIndex`); a cold cache build links every
file against the rows it has just written, and a refresh links the files it recompiled against
the rows of all the others (both `cache.SqlIndex`). The linker never sees where the index keeps
its ids, so the loader knows nothing of the cache's tables.

Problems come back as `Cross(file, field path, message)`; the loader's `locate` gives each its
line and column.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence, Set
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from lawbase import penalties, refs
from lawbase.model import Instrument, Jurisdiction, Penalty, Provision, Scale, Vocabulary
from lawbase.provisions import offence_ids

from .files import Ref
from .schema import suggest

if TYPE_CHECKING:
    from .files import FieldPath, FileResult

# kinds of file whose definitions any file may refer to: a change to one re-checks every file
SHARED_KINDS = ("corpus", "sources", "vocabulary", "jurisdiction", "scale", "instrument", "status")
T = TypeVar("T")


class Cross(NamedTuple):
    """A cross-file problem, located by its field path in `file`."""

    file: str
    path: FieldPath
    message: str


class Index(Protocol):
    """What the linker asks of a corpus: the ids and records references resolve against (those
    of every file, the ones being linked included), and what the files not being linked define
    and refer to."""

    @property
    def sources(self) -> Collection[str]:
        """What a citation may name: a source's id, or 'id@version' for a consolidated text."""

    @property
    def instruments(self) -> Mapping[str, Instrument]: ...

    @property
    def scales(self) -> Mapping[str, Scale]: ...

    @property
    def requirements(self) -> Collection[str]: ...

    @property
    def vocabulary(self) -> Vocabulary: ...

    @property
    def targets(self) -> Collection[str]:
        """What a cross-reference may point at: provisions, offences, aggravated variants."""

    def defined_elsewhere(self, ns: str, ident: str) -> str | None:
        """A file not being linked that defines this id (None: none does)."""

    def other_results(self, referring_to: Collection[str] | None) -> Iterable[FileResult]:
        """The references of the files not being linked: all of them (None), or of those that
        refer to one of these ids."""


class MemoryIndex:
    """The index of a corpus whose every file is being linked (the loader's in-memory read):
    nothing is defined elsewhere. A record defined twice counts by its first definition."""

    def __init__(self, results: Sequence[FileResult]) -> None:
        ids: dict[str, set[str]] = defaultdict(set)
        for r in results:
            for ns, ident, _path in r.defines:
                ids[ns].add(ident)
        objects = [o for r in results for o in r.objects]
        self.sources: set[str] = ids["source"]
        self.requirements: set[str] = ids["requirement"]
        self.instruments: dict[str, Instrument] = _first_by_id(objects, Instrument)
        self.scales: dict[str, Scale] = _first_by_id(objects, Scale)
        self.vocabulary: Vocabulary = vocabulary_of(objects)
        offences = {o for p in objects if isinstance(p, Provision) for o in offence_ids(p)}
        self.targets: set[str] = ids["provision"] | offences

    def defined_elsewhere(self, ns: str, ident: str) -> str | None:
        return None

    def other_results(self, referring_to: Collection[str] | None) -> Iterable[FileResult]:
        return ()


def vocabulary_of(objects: Iterable[Any]) -> Vocabulary:
    """The engine's vocabulary with every jurisdiction's own terms merged in."""
    objects = list(objects)
    vocab = next((o for o in objects if isinstance(o, Vocabulary)), Vocabulary())
    return vocab.merged(o for o in objects if isinstance(o, Jurisdiction))


def _first_by_id(objects: list[Any], cls: type[T]) -> dict[str, T]:
    out: dict[str, T] = {}
    for o in objects:
        if isinstance(o, cls):
            out.setdefault(o.id, o)  # type: ignore[attr-defined]
    return out


def target_key(ref: Ref) -> str:
    """A reference's target as one string (a penalty's (kind, degrees, text) by its repr)."""
    return ref.target if isinstance(ref.target, str) else repr(ref.target)


def link(
    index: Index,
    results: Sequence[FileResult],
    failed: Set[str] = frozenset(),
    gone: Set[str] = frozenset(),
) -> list[Cross]:
    """The cross-file problems of `results`, the files being linked (every file, or those a
    refresh recompiled), against `index`.

    `failed`: kinds of file of which one failed its own checks; references into what such
    files define are not checked (a typo there must not cascade into dangling references).
    `gone`: ids a refresh removed; the other files' references to them are checked again. A
    change to a shared file (sources, vocabulary, scales, instruments) re-checks every file.
    """
    cross = _duplicates(index, results)
    skip = _incomplete(failed)
    # thousands of offences share a handful of penalties: each distinct one is resolved once
    penalties_seen: dict[Any, tuple[FieldPath, str] | None] = {}
    if not _all_resolve(index, results, skip, penalties_seen):
        for r in results:
            cross += _check_refs(index, r, skip, memo=penalties_seen)
    if any(r.kind in SHARED_KINDS for r in results):
        for other in index.other_results(None):
            cross += _check_refs(index, other, skip, memo=penalties_seen)
    elif gone:
        for other in index.other_results(gone):
            cross += _check_refs(index, other, skip, only=gone, memo=penalties_seen)
    return cross


def _duplicates(index: Index, results: Sequence[FileResult]) -> list[Cross]:
    """A problem for every definition of an id that a file not being linked defines, or that
    an earlier definition among those being linked did."""
    out: list[Cross] = []
    seen: dict[tuple[str, str], tuple[str, FieldPath]] = {}
    for r in results:
        for ns, ident, path in r.defines:
            elsewhere = index.defined_elsewhere(ns, ident)
            if elsewhere is not None:
                where = f"in {elsewhere}"
            elif (ns, ident) in seen:
                file, first = seen[(ns, ident)]
                where = f"at {_format_path(first)}" if file == r.file else f"in {file}"
            else:
                seen[(ns, ident)] = (r.file, path)
                continue
            out.append(Cross(r.file, path, f"duplicate {ns} id '{ident}' (also {where})"))
    return out


def _format_path(path: FieldPath) -> str:
    from .yamlsafe import format_path

    return format_path(path)


def _check_refs(
    index: Index,
    r: FileResult,
    skip: set[str],
    only: Set[str] | None = None,
    memo: dict[Any, tuple[FieldPath, str] | None] | None = None,
) -> list[Cross]:
    """The problems of one file's references (with `only`, of those to these ids); `memo`
    keeps what each distinct penalty was found to be, for the next file that states it."""
    out = []
    for ref in r.refs:
        if ref.kind in skip or (ref.kind.startswith("vocab:") and "vocab" in skip):
            continue
        if only is not None and target_key(ref) not in only:
            continue
        if ref.kind == "penalty":
            if memo is None:
                found = _check_penalty(index, ref)
            else:
                # what a penalty is checked against is its instrument's scale: the instrument
                # and the penalty as written decide the answer
                kind, degrees, text = ref.target
                key = (ref.context, kind, tuple(degrees), text)
                if key not in memo:
                    memo[key] = _check_penalty(index, ref)
                found = memo[key]
        else:
            message = _check_ref(index, ref)
            found = ((), message) if message else None
        if found:
            out.append(Cross(r.file, ref.path + found[0], found[1]))
    return out


_KIND_TARGET_CONTEXT = itemgetter(0, 1, 3)


def _all_resolve(
    index: Index, results: Sequence[FileResult], skip: set[str], memo: dict[Any, tuple[FieldPath, str] | None]
) -> bool:
    """Whether every reference of `results` resolves. What a reference resolves to depends on
    its kind, target and context alone (its path only says where a problem is), so each
    distinct one is checked once: a corpus of 100,000 files has a million references and a
    few tens of thousands of distinct ones. False sends the caller through every reference,
    file by file, for the problems in their order and with their paths."""
    from .files import FileResult

    distinct = set(map(_KIND_TARGET_CONTEXT, chain.from_iterable(r.refs for r in results)))
    one = FileResult("", "")
    for kind, target, context in distinct:
        one.refs = [Ref(kind, target, (), context)]
        if _check_refs(index, one, skip, memo=memo):
            return False
    return True


def _incomplete(failed: Set[str]) -> set[str]:
    """Reference kinds not worth checking because a file that defines their targets failed."""
    skip: set[str] = set()
    if "vocabulary" in failed or "jurisdiction" in failed:
        skip.add("vocab")
    if "sources" in failed:
        skip.add("source")
    if "instrument" in failed:
        skip |= {"instrument", "law", "requirement", "penalty", "target", "concern"}
    if "provision" in failed:
        skip |= {"target", "concern"}
    if "scale" in failed:
        skip |= {"scale", "penalty", "class"}
    return skip


VOCAB_NAMES = {
    "conduct": "conduct tag",
    "conditions": "condition",
    "nexus": "nexus",
    "requirement_kinds": "requirement kind",
    "themes": "theme",
    "jurisdictions": "jurisdiction",
    "rule_kinds": "rule kind",
    "fine_units": "fine unit",
}


def _unknown_source(t: str, known: Collection[str]) -> str:
    """A source id, or 'id@version' for a consolidated text, that no source defines."""
    sid, _, version = t.partition("@")
    dated = sorted(k.partition("@")[2] for k in known if k.startswith(sid + "@"))
    if not dated:
        if version:
            return f"source '{sid}' is not a consolidated text: drop 'version'{suggest(t, known)}"
        return f"unknown source '{t}'{suggest(t, known)}"
    if not version:
        return (
            f"source '{sid}' is a consolidated text: name the 'version' read (one of its {len(dated)} dates)"
        )
    before = [d for d in dated if d < version]
    hint = f" (the version in force then began {before[-1]})" if before else ""
    return f"source '{sid}' has no version of {version}{hint}"


def _check_ref(index: Index, ref: Ref) -> str | None:
    t = ref.target
    if ref.kind == "source":
        return None if t in index.sources else _unknown_source(t, index.sources)
    if ref.kind == "instrument":
        return None if t in index.instruments else f"unknown instrument '{t}'{suggest(t, index.instruments)}"
    if ref.kind == "law":
        return (
            None
            if t in index.instruments
            else f"unknown law or instrument '{t}'{suggest(t, index.instruments)}"
        )
    if ref.kind == "scale":
        return None if t in index.scales else f"unknown penalty scale '{t}'{suggest(t, index.scales)}"
    if ref.kind == "requirement":
        reqs = index.requirements
        return None if t in reqs else f"unknown requirement '{t}'{suggest(t, reqs)}"
    if ref.kind == "concern":
        if t in index.targets or t in index.requirements:
            return None
        known = set(index.targets) | set(index.requirements)
        return f"unknown provision, offence or requirement '{t}'{suggest(t, known)}"
    if ref.kind == "class":
        classes = {c for scale in index.scales.values() for c in scale.classes}
        return None if t in classes else f"unknown offence class '{t}'{suggest(t, classes)}"
    if ref.kind == "target":
        if t in index.targets:
            return None
        what = "offence" if "#" in t else "provision"
        return f"unknown {what} '{t}'{suggest(t, index.targets)}"
    if ref.kind.startswith("vocab:"):
        name = ref.kind[len("vocab:") :]
        terms = getattr(index.vocabulary, name)
        return None if t in terms else f"unknown {VOCAB_NAMES[name]} '{t}'{suggest(t, terms)}"
    raise AssertionError(ref.kind)


def _check_penalty(index: Index, ref: Ref) -> tuple[FieldPath, str] | None:
    """A penalty's kind and degrees against its instrument's scale; (sub-path, message) if wrong."""
    kind, degrees, text = ref.target
    inst = index.instruments.get(ref.context or "")
    scale = index.scales.get(inst.scale or "") if inst else None
    if scale is None:
        return ("degrees",), f"'degrees' need a penalty scale, and instrument '{ref.context}' names none"
    if kind not in scale.kinds:
        return ("kind",), f"unknown penalty kind '{kind}'{suggest(kind, scale.kinds)}"
    allowed = scale.kinds[kind].degrees
    for i, d in enumerate(degrees):
        if d not in allowed:
            return ("degrees", i), f"unknown degree '{d}' for {scale.kinds[kind].es}{suggest(d, allowed)}"
    try:
        resolved = penalties.resolve(scale, Penalty(kind=kind, degrees=degrees))
    except ValueError as exc:
        return ("degrees",), str(exc)
    if text is not None and refs.fold(text) != refs.fold(resolved.text):
        return ("text",), f"'{text}' does not match the degrees, which read '{resolved.text}'"
    return None
