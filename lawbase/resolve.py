"""What a person types, as ids: the one place an instrument's name becomes its id.

`--against`, `--treaty` and `coverage INSTRUMENT` all take an instrument's id, short name or one
of its aliases ("OPSC", "Palermo"), among the instruments that make sense for the question
(those with requirements, those with extradition terms) and in the law in view.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import NotFound
from .kb import KnowledgeBase
from .model import Instrument


def has_requirements(kb: KnowledgeBase) -> Callable[[Instrument], bool]:
    owners = {r.instrument for r in kb.requirements.values()}
    return lambda inst: inst.id in owners


def is_extradition_treaty(inst: Instrument) -> bool:
    return inst.extradition is not None


def instrument(kb: KnowledgeBase, name: str, admits: Callable[[Instrument], bool], missing: str) -> str:
    """The id of the one instrument `admits` accepts that `name` names; else NotFound with
    `missing` (e.g. "--against: no instrument 'X'") and the ids that would have done."""
    pool = sorted(i.id for i in kb.instruments.values() if admits(i) and kb.in_scope(i.id))
    if name in pool:
        return name
    hits = [i for i in kb.instruments_named(name) if i in pool]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise NotFound(f"'{name}' names more than one instrument", hits)
    raise NotFound(missing, pool)


def instruments(
    kb: KnowledgeBase, names: list[str] | None, admits: Callable[[Instrument], bool], option: str
) -> list[str] | None:
    """Each of `names` as an id (None stays None: every instrument)."""
    if not names:
        return None
    return [instrument(kb, n, admits, f"{option}: no instrument '{n}'") for n in names]
