"""`--overlay DIR`: a bill tried before it passes.

A bill is a set of new versions with a hypothetical date. DIR is a folder in the corpus format
(data/'s layout) holding:

- one instrument of kind `bill` (`instruments/<id>.yaml`): its reference (`number`, e.g. a
  Boletín number), its title, the date it is tried as law from (`in_force`) and the public
  source that describes it;
- the provisions it would change, each a whole provision file (`articles/<instrument>/<n>.yaml`)
  that replaces the corpus's: its versions as recorded, then the bill's version(s), made `by`
  the bill; or a new article;
- its sources (`sources/<owner>.yaml`) when it cites any the corpus lacks.

The corpus is read with DIR's files laid over it, strictly, as any corpus (no cache: a bill is
tried, not stored). A problem in a file of DIR names that file. Every answer says it is
hypothetical: the terminal and Markdown open with a line naming the bill, the JSON carries
`hypothetical`, and every version the bill makes is labelled by the bill's short name.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataError, Problem, UsageError

if TYPE_CHECKING:
    from . import shapes
    from .kb import KnowledgeBase
    from .model import Provision

BILL = "bill"  # the instrument kind of a bill


def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*.yaml") if p.is_file() and not p.is_symlink())


def open_with(data: Path, overlay: Path) -> tuple[KnowledgeBase, shapes.Hypothetical]:
    """The corpus at `data` with the bill in `overlay` laid over it, and what the bill is."""
    from .corpus.loader import load

    if not overlay.is_dir():
        raise UsageError(f"--overlay: {overlay} is not a folder")
    files = _files(overlay)
    if not files:
        raise UsageError(f"--overlay: {overlay} holds no corpus file (*.yaml)")
    if not any(rel.parts[0] == "instruments" for rel in files):
        raise UsageError(
            f"--overlay: {overlay} holds no instrument: the bill itself goes in instruments/<id>.yaml, of kind 'bill'"
        )
    work = Path(tempfile.mkdtemp(prefix="lawbase-overlay-"))
    atexit.register(shutil.rmtree, work, True)
    merged = work / "data"
    shutil.copytree(data, merged, ignore=shutil.ignore_patterns(".*"))
    for rel in files:
        (merged / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(overlay / rel, merged / rel)

    def where(file: str) -> str:
        """A problem's file in the merged copy -> the overlay's file, or the corpus's."""
        path = Path(file)
        for base in (merged.resolve(), Path(merged.name)):
            try:
                rel = (path.resolve() if path.is_absolute() else path).relative_to(base)
            except ValueError:
                continue
            return str(overlay / rel if (overlay / rel).exists() else data / rel)
        return file

    try:
        kb = load(merged)
    except DataError as exc:
        raise DataError(
            [Problem(where(p.file), p.line, p.col, p.field, p.message) for p in exc.problems]
        ) from None
    bills = [i for i in kb.instruments.values() if i.kind == BILL]
    theirs = {str(rel) for rel in files}
    mine = [i for i in bills if f"instruments/{i.id}.yaml" in theirs]
    if len(mine) != 1:
        raise UsageError(
            f"--overlay: {overlay} must hold exactly one instrument of kind 'bill' "
            f"(instruments/<id>.yaml); it holds {len(mine)}"
        )
    bill = mine[0]
    made = [p.id for p in kb.provisions.values() if any(v.by == bill.id for v in p.versions)]
    if not made:
        raise UsageError(f"--overlay: no version in {overlay} is made by the bill {bill.id}")
    when = bill.in_force or bill.published
    if when is None:
        raise UsageError(
            f"--overlay: {overlay}/instruments/{bill.id}.yaml: give the date the bill is tried from (in_force)"
        )
    enacted = load(data)  # the law as recorded, which a bill may add to but never rewrite
    for rel in files:
        if rel.parts[0] == "articles":
            pid = f"{rel.parts[1]}/{rel.stem}"
            if pid in kb.provisions and pid not in made:
                raise UsageError(
                    f"--overlay: {overlay / rel}: no version of it is made by the bill {bill.id}"
                )
            if pid in kb.provisions:
                _same_history(overlay / rel, kb.provisions[pid], enacted.provisions.get(pid), bill.id, when)
    hypothetical: shapes.Hypothetical = {
        "bill": bill.id,
        "reference": bill.number or bill.short,
        "title": {"en": bill.title.en, "es": bill.title.es},
        "as_if_from": when.isoformat() if isinstance(when, dt.date) else None,
        "provisions": sorted(made),
        "sources": [_cite(kb, c) for c in bill.sources],
    }
    return kb, hypothetical


def _same_history(path: Path, mine: Provision, theirs: Provision | None, bill: str, when: dt.date) -> None:
    """A provision file of the overlay keeps the corpus's versions before the bill's date as they
    are recorded (a bill proposes new law; it does not rewrite or drop law that was enacted), and
    its own versions start on or after that date."""
    for v in mine.versions:
        if v.by == bill and v.start < when:
            raise UsageError(
                f"--overlay: {path}: the bill's version of {v.start.isoformat()} starts before the date "
                f"the bill is tried from ({when.isoformat()})"
            )
    if theirs is None:
        for v in mine.versions:
            if v.by != bill:
                raise UsageError(
                    f"--overlay: {path}: a new article holds only the bill's versions, not one by {v.by}"
                )
        return
    # a version's end is the next one's start, which the bill moves: the rest must be the same
    kept = [v._replace(end=None) for v in mine.versions if v.by != bill]
    recorded = [v._replace(end=None) for v in theirs.versions if v.start < when]
    for v in recorded:
        if v not in kept:
            raise UsageError(
                f"--overlay: {path}: the version of {v.start.isoformat()} ({v.by}) differs from the corpus's "
                "or is missing; copy the corpus's file and add the bill's versions after it"
            )
    for v in kept:
        if v not in recorded:
            raise UsageError(
                f"--overlay: {path}: the version of {v.start.isoformat()} ({v.by}) is not the corpus's; "
                "only the bill's versions may be new"
            )


def _cite(kb: KnowledgeBase, c: object) -> shapes.Citation:
    from .queries import citation

    return citation(kb, c)  # type: ignore[arg-type]


def banner(h: shapes.Hypothetical) -> str:
    """The line every hypothetical answer opens with, in the reader's language."""
    from .i18n import t

    return t(
        "HYPOTHETICAL: answered as if the bill {reference} were law from {date}. It is not law in force; "
        "the versions it makes, from that date, exist only in the bill.",
        reference=h["reference"],
        date=h["as_if_from"] or "?",
    )
