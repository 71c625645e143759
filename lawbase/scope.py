"""Which State's law a question is about: the core's decision, never the command line's.

A command names a jurisdiction (`--jurisdiction`, or `jurisdiction=` in the library); otherwise
the corpus's own `corpus.yaml` names its default; a corpus holding the law of one State needs
neither. A corpus with the law of several States and no default is refused with a clear error
rather than assessed as whichever sorts first. What is in scope is the State's own law plus the
instruments no State holds as its national law (treaties, benchmarks): see KnowledgeBase.view.
"""

from __future__ import annotations

from .corpus.schema import suggest
from .errors import UsageError
from .kb import KnowledgeBase


def assessed(kb: KnowledgeBase) -> str:
    """The State a question about `kb` is answered for."""
    if kb.home is not None:
        return kb.home
    declared = kb.settings.default_jurisdiction
    if declared is not None:
        return declared
    states = kb.national_jurisdictions()
    if len(states) > 1:
        raise UsageError(
            f"the corpus holds the law of {len(states)} jurisdictions ({', '.join(states)}) and its "
            "corpus.yaml names no default_jurisdiction: choose one with --jurisdiction"
        )
    if states:
        return states[0]
    # no national law at all: the instruments' own jurisdiction (a treaties-only corpus)
    others = sorted({i.jurisdiction for i in kb.instruments.values()})
    return others[0] if others else ""


def scoped(kb: KnowledgeBase, jurisdiction: str | None = None, *, load: bool = True) -> KnowledgeBase:
    """`kb` as the named State's law sees it (default: the corpus's, see `assessed`).

    `load` reads every provision in scope at once, as an analysis of the State's whole law
    needs; a point lookup passes False and reads only what it asks for. A view already scoped to
    the same State is returned as it is."""
    if jurisdiction is not None and jurisdiction not in kb.vocabulary.jurisdictions:
        raise UsageError(
            f"--jurisdiction: unknown jurisdiction '{jurisdiction}'"
            f"{suggest(jurisdiction, kb.vocabulary.jurisdictions)}"
        )
    home = jurisdiction or assessed(kb)
    if kb.home == home and (kb.loaded or not load):
        return kb
    if kb.home is not None and kb.home != home:
        raise UsageError(f"this corpus view is scoped to '{kb.home}', not '{home}'")
    return kb.view(home, load=load)
