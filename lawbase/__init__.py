"""lawbase: legal provisions as dated data, for lawyers, advocates and students.

    import lawbase
    kb = lawbase.load()                      # the shipped corpus (or lawbase.load("path/to/data"))
    lawbase.show(kb, "367 ter", date(2018, 6, 1))
    lawbase.api.gaps(kb, against=["OPSC"], jurisdiction="cl")

Every question the command line asks is a function here (lawbase.api), answering as
`lawbase <command> --json` does. Importing this package loads nothing heavy: YAML, networkx,
rapidfuzz and rich are imported by the functions that need them.
"""

from __future__ import annotations

from . import api
from .api import (
    age,
    coverage,
    extradition,
    load,
    penalties_for_conduct,
    penalty,
    search,
    show,
    validate,
)
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
    "age",
    "api",
    "coverage",
    "extradition",
    "load",
    "penalties_for_conduct",
    "penalty",
    "search",
    "show",
    "validate",
]
