"""lawbase: legal provisions as dated data, for lawyers, advocates and students.

    import lawbase
    kb = lawbase.load()                      # the shipped corpus (or lawbase.load("path/to/data"))
    lawbase.show(kb, "367 ter", date(2018, 6, 1))

Importing this package loads nothing heavy: YAML, networkx, rapidfuzz and rich are imported by
the functions that need them.
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any

from .errors import DataError, LawbaseError, NotFound, Problem, UsageError
from .kb import KnowledgeBase

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "KnowledgeBase",
    "LawbaseError",
    "NotFound",
    "Problem",
    "UsageError",
    "load",
    "penalty",
    "search",
    "show",
]


def load(data: str | os.PathLike[str] | None = None, *, cache: bool = True) -> KnowledgeBase:
    """Load and check a corpus (default: $LAWBASE_DATA, else the shipped one).

    With `cache` (the default) the compiled cache is used and refreshed (see lawbase.cache);
    without it every file is parsed and checked afresh and nothing is written.
    """
    from .paths import data_dir

    root = data_dir(data)
    if not cache:
        from .loader import load as _load

        return _load(root)
    from .cache import open_corpus

    return open_corpus(root, full=True)


def show(kb: KnowledgeBase, ref: str, as_of: _dt.date | None = None) -> dict[str, Any]:
    """A provision or requirement as of a date (default today), as `lawbase show --json` prints it."""
    from . import queries

    return queries.show(kb, ref, as_of or _dt.date.today())


def penalty(kb: KnowledgeBase, ref: str, as_of: _dt.date | None = None) -> dict[str, Any]:
    """The penalties of a provision on a date, as `lawbase penalty --json` prints them."""
    from . import queries

    return queries.penalty_of(kb, ref, as_of or _dt.date.today())


def search(kb: KnowledgeBase, query: str, as_of: _dt.date | None = None) -> dict[str, Any]:
    """Fuzzy search, as `lawbase search --json` prints it."""
    from . import queries

    return queries.search(kb, query, as_of or _dt.date.today())
