"""Every question the `lawbase` command asks, as a function: the library is the product.

Each function returns exactly what `lawbase <command> --json` prints. `as_of` defaults to today;
`jurisdiction` to the corpus's own (lawbase.scope); names of instruments (`against`, `treaty`,
`instrument`) may be ids, short names or aliases (lawbase.resolve). Errors are lawbase's
exceptions: NotFound (nothing matches; carries suggestions), UsageError, DataError.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .kb import KnowledgeBase

if TYPE_CHECKING:
    from collections.abc import Callable

    from . import graph as graph_module
    from . import shapes

PathLike = str | os.PathLike[str]


def _day(as_of: dt.date | None) -> dt.date:
    return as_of or dt.date.today()


def load(data: PathLike | None = None) -> KnowledgeBase:
    """Load and check a corpus (default: $LAWBASE_DATA, else the shipped one), through the
    compiled cache (see lawbase.corpus.cache); with LAWBASE_NO_CACHE=1 set, as for the CLI, every file
    is parsed and checked afresh and nothing is written.
    """
    from .paths import data_dir

    root = data_dir(data)
    from .corpus.cache import open_corpus

    return open_corpus(root, full=True)


def _view(kb: KnowledgeBase, jurisdiction: str | None, load: bool = True) -> KnowledgeBase:
    from .scope import scoped

    return scoped(kb, jurisdiction, load=load)


def show(
    kb: KnowledgeBase, ref: str, as_of: dt.date | None = None, *, jurisdiction: str | None = None
) -> shapes.Show:
    """A provision or requirement as of a date: `lawbase show REF`."""
    from . import queries

    return queries.show(_view(kb, jurisdiction, load=False), ref, _day(as_of))


def penalty(
    kb: KnowledgeBase,
    ref: str,
    as_of: dt.date | None = None,
    *,
    history: bool = False,
    jurisdiction: str | None = None,
) -> shapes.PenaltyAnswer:
    """The penalties of a provision on a date (with `history`, of every version): `lawbase penalty REF`."""
    from . import queries

    return queries.penalty_of(_view(kb, jurisdiction, load=False), ref, _day(as_of), history=history)


def penalties_for_conduct(
    kb: KnowledgeBase,
    conduct: str,
    as_of: dt.date | None = None,
    *,
    jurisdiction: str | list[str] | None = None,
) -> shapes.ConductAnswer:
    """Every offence with a conduct tag, its penalty, how it prescribes and whether it is
    extraditable: `lawbase penalty --conduct TAG`; several States side by side with
    `jurisdiction="cl,ar"` (or a list)."""
    from . import queries

    states = _states(jurisdiction)
    if states and len(states) > 1:
        return queries.penalties_for_conduct(kb, conduct, _day(as_of), states)
    return queries.penalties_for_conduct(_view(kb, states[0] if states else None), conduct, _day(as_of))


def _states(jurisdiction: str | list[str] | None) -> list[str] | None:
    """`--jurisdiction cl,ar` (or a list) as ids, in order, once each."""
    if isinstance(jurisdiction, str):
        jurisdiction = [j.strip() for j in jurisdiction.split(",") if j.strip()]
    return list(dict.fromkeys(jurisdiction)) if jurisdiction else None


def search(
    kb: KnowledgeBase,
    query: str,
    as_of: dt.date | None = None,
    *,
    limit: int = 10,
    jurisdiction: str | None = None,
) -> shapes.SearchAnswer:
    """Fuzzy search over numbers, titles, offence names and keywords: `lawbase search TEXT`."""
    from . import queries

    return queries.search(_view(kb, jurisdiction, load=False), query, _day(as_of), limit)


def validate(data: PathLike | None = None) -> shapes.Summary:
    """Check a corpus, every file hashed and every cached row decoded: `lawbase validate`.
    Raises DataError listing every problem."""
    from . import queries
    from .corpus.cache import open_corpus
    from .paths import data_dir

    return queries.summary(open_corpus(data_dir(data), full=True, verify=True))


def gaps(
    kb: KnowledgeBase,
    as_of: dt.date | None = None,
    *,
    against: list[str] | None = None,
    jurisdiction: str | None = None,
) -> shapes.GapsAnswer:
    """The gap list, with evidence, recommendations and citations: `lawbase gaps`."""
    from . import gaps as gapmod
    from .resolve import has_requirements, instruments

    view = _view(kb, jurisdiction)
    return gapmod.gaps(view, _day(as_of), instruments(view, against, has_requirements(view), "--against"))


def coverage(
    kb: KnowledgeBase, instrument: str, as_of: dt.date | None = None, *, jurisdiction: str | None = None
) -> shapes.CoverageAnswer:
    """The requirement × provision matrix of an instrument: `lawbase coverage INSTRUMENT`."""

    from . import matrix

    return matrix.coverage(_view(kb, jurisdiction), instrument, _day(as_of))


def matrix(
    kb: KnowledgeBase,
    as_of: dt.date | None = None,
    *,
    against: list[str] | None = None,
    jurisdiction: str | list[str] | None = None,
) -> shapes.MatrixAnswer:
    """Requirements × States, side by side: `lawbase matrix --against OPSC --jurisdiction cl,ar`.
    `jurisdiction` is a list or comma-separated ids (default: every State whose law the corpus
    holds); `against` the instruments (default: every one with requirements that each State
    compared is held to)."""
    from . import matrix as matrixmod
    from .resolve import has_requirements, instruments
    from .scope import scoped

    states = _states(jurisdiction) or kb.national_jurisdictions()
    for j in states:
        scoped(kb, j, load=False)  # an unknown id is refused here, with a suggestion
    chosen = instruments(kb, against, has_requirements(kb), "--against") or matrixmod.compared_instruments(
        kb, states
    )
    return matrixmod.countries(kb, chosen, states, _day(as_of))


def compare(
    kb: KnowledgeBase,
    first: dt.date,
    second: dt.date,
    *,
    against: list[str] | None = None,
    jurisdiction: str | None = None,
) -> shapes.CompareAnswer:
    """What changed between two dates: `lawbase compare DATE DATE`."""
    from . import compare as comparemod
    from .resolve import has_requirements, instruments

    view = _view(kb, jurisdiction)
    return comparemod.compare(
        view, first, second, instruments(view, against, has_requirements(view), "--against")
    )


def compare_states(
    kb: KnowledgeBase,
    as_of: dt.date | None = None,
    *,
    against: list[str] | None = None,
    jurisdiction: str | list[str] | None = None,
) -> shapes.StatesCompareAnswer:
    """Several States' law on one date side by side: `lawbase compare DATE --jurisdiction cl,ar`.
    For each conduct, each State's offences (ranges in years, limitation, extradition); then the
    requirements of `against` (default: the yardsticks all of them are held to) on which their
    statuses differ."""
    from .errors import UsageError
    from .queries import penalties_for_conduct
    from .scope import scoped

    states = _states(jurisdiction) or []
    if len(states) < 2:
        raise UsageError("compare takes two dates, or one date and several States (--jurisdiction ID,ID)")
    day = _day(as_of)
    m = matrix(kb, day, against=against, jurisdiction=states)
    views = {j: scoped(kb, j) for j in states}  # each State's law read once, for every conduct
    conducts: list[shapes.ConductSideBySide] = []
    for tag, label in kb.vocabulary.conduct.items():
        by_state = {j: penalties_for_conduct(v, tag, day)["offences"] for j, v in views.items()}
        if any(by_state.values()):
            conducts.append({"conduct": tag, "label": label, "offences": by_state})
    differ: list[shapes.RequirementCompared] = []
    alike = 0
    for t in m["instruments"]:
        for r in t["requirements"]:
            statuses = {j: r["cells"][j]["status"] for j in states}
            if len(set(statuses.values())) > 1:
                differ.append(
                    {
                        "instrument": t["label"],
                        "requirement": r["id"],
                        "label": r["label"],
                        "statuses": statuses,
                    }
                )
            else:
                alike += 1
    return {
        "as_of": m["as_of"],
        "jurisdictions": [{"id": j["id"], "label": j["label"]} for j in m["jurisdictions"]],
        "conducts": conducts,
        "requirements_differ": differ,
        "requirements_alike": alike,
    }


def age(
    kb: KnowledgeBase, years: int, as_of: dt.date | None = None, *, jurisdiction: str | None = None
) -> shapes.AgeAnswer:
    """What protects a child of this age on the date: `lawbase age N`."""
    from . import queries

    return queries.age(_view(kb, jurisdiction), years, _day(as_of))


def refs(
    kb: KnowledgeBase,
    ref: str,
    as_of: dt.date | None = None,
    *,
    depth: int = 1,
    reverse: bool = False,
    jurisdiction: str | None = None,
) -> shapes.RefsAnswer:
    """The cross-reference tree of a provision: `lawbase refs REF`."""
    from . import queries

    return queries.refs(_view(kb, jurisdiction, load=False), ref, _day(as_of), depth, reverse)


def extradition(
    kb: KnowledgeBase,
    ref: str,
    as_of: dt.date | None = None,
    *,
    treaty: str | None = None,
    jurisdiction: str | None = None,
) -> shapes.ExtraditionAnswer:
    """Whether an offence is extraditable, per code and per treaty: `lawbase extradition REF`."""
    from . import queries

    return queries.extradition(_view(kb, jurisdiction), ref, _day(as_of), treaty)


def case(
    kb: KnowledgeBase,
    ref: str,
    *,
    facts: dt.date,
    judgment: dt.date | None = None,
    victim_born: dt.date | None = None,
    jurisdiction: str | None = None,
) -> shapes.CaseAnswer:
    """The law that applies to facts of a date, judged on another (default today), for a victim
    born on a date: the version then, a more lenient later law, aggravations and accessories,
    limitation and extraditability, each traced to its source: `lawbase case REF --facts DATE`."""
    from . import case as casemod

    return casemod.case(_view(kb, jurisdiction), ref, facts, _day(judgment), victim_born)


def check(
    kb: KnowledgeBase,
    file: PathLike,
    as_of: dt.date | None = None,
    *,
    jurisdiction: str | None = None,
) -> shapes.CheckAnswer:
    """The claims about the law a text or Markdown file makes, each checked against the law in
    force on the date: agrees, contradicts (what the law says, with a correction) or cannot
    tell: `lawbase check FILE --as-of DATE`."""
    from pathlib import Path

    from . import check as checkmod

    return checkmod.check(_view(kb, jurisdiction), Path(file), _day(as_of))


def graph(
    kb: KnowledgeBase,
    ref: str | None = None,
    as_of: dt.date | None = None,
    *,
    depth: int = 1,
    jurisdiction: str | None = None,
) -> shapes.GraphShape:
    """The graph of the law on the date, or one article's neighbourhood: `lawbase graph --json`."""
    from . import graph as graphmod

    view = _view(kb, jurisdiction)
    if ref is None:
        return graphmod.parts(view, _day(as_of)).shape()
    g = graphmod.build(view, _day(as_of))
    g = graphmod.neighbourhood(g, graphmod.node_of(view, ref), depth)
    return graphmod.shape(g)


def graph_parts(
    kb: KnowledgeBase, as_of: dt.date | None = None, *, jurisdiction: str | None = None
) -> graph_module.Parts:
    """The whole graph of the law on the date as its nodes and edges, to be written record by
    record (`.nodes()`, `.edges()`; `.shape()` is what graph() returns): `lawbase graph`."""
    from . import graph as graphmod

    return graphmod.parts(_view(kb, jurisdiction), _day(as_of))


def site(
    kb: KnowledgeBase,
    outdir: PathLike,
    as_of: dt.date | None = None,
    *,
    jurisdiction: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> shapes.SiteResult:
    """Publish the law in view as a static website: `lawbase site OUTDIR`; `progress(done,
    total)` is told as each provision's page is made. Several States (`jurisdiction="cl,ar"`)
    make a comparison site: a folder per State's site, and the matrix page beside them."""
    from . import site as sitemod

    states = _states(jurisdiction)
    if states and len(states) > 1:
        for j in states:
            _view(kb, j, load=False)  # an unknown id is refused before anything is written
        return sitemod.build_many(kb, Path(outdir), _day(as_of), states, progress)
    return sitemod.build(_view(kb, states[0] if states else None), Path(outdir), _day(as_of), progress)
