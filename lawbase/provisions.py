"""Where a knowledge base's provisions come from, behind one interface.

A `ProvisionSource` is a read-only mapping of provision id -> Provision in natural article
order, with the indexes the questions ask of it: which provision an offence belongs to, which
provisions cite an id, and (if it has one) a full-text index that narrows a search. Two kinds
exist: `MemoryProvisions`, every provision in memory (the loader, and a one-country view), and
`cache.CachedProvisions`, which reads rows of the compiled cache on first use and checks each
against the file it came from (so a lookup may recompile a file that changed on disk). The
knowledge base and the questions never ask which one they hold.
"""

from __future__ import annotations

import abc
from collections import defaultdict
from collections.abc import Collection, ItemsView, Iterable, Iterator, Mapping, ValuesView

from . import refs
from .model import Instrument, Provision

# what a provision's version may say of another id (the `kind` of `ProvisionSource.xrefs`)
REFERS_TO = "refers-to"
IMPLEMENTS = "implements"
NAMED_BY_RULE = "named-by-rule"  # an offence or provision id a rule of the version names
MADE_BY = "made-by"  # the instrument that made the version (its `by`)


def offence_ids(p: Provision) -> Iterable[str]:
    """The ids a provision's offences answer to: each offence's, and each keyed aggravated
    variant's ('<provision>#<key>')."""
    for v in p.versions:
        for o in v.offences:
            yield o.id
            yield from (f"{p.id}#{a.key}" for a in o.aggravated if a.key)


class ProvisionSource(Mapping[str, Provision]):
    """Provisions by id, in natural article order, and the indexes over them."""

    @abc.abstractmethod
    def ids(self) -> list[str]:
        """Every provision id in natural order, without reading the provisions."""

    @abc.abstractmethod
    def offence_owner(self, oid: str) -> str | None:
        """The provision an offence or aggravated-variant id belongs to (None: no such offence)."""

    @abc.abstractmethod
    def xrefs(self, target: str, kind: str) -> list[tuple[str, int]]:
        """(provision, version index) of every version that REFERS_TO or IMPLEMENTS `target`, in
        natural order of the provision, then of its versions."""

    @abc.abstractmethod
    def restricted(self, jurisdictions: set[str], instruments: Mapping[str, Instrument]) -> ProvisionSource:
        """The provisions of these jurisdictions' instruments only, held in memory."""

    def search_words(self) -> Collection[str] | None:
        """The words of the full-text index (None: there is none, and a search scores every
        provision)."""
        return None

    def with_words(
        self, terms: Collection[str], limit: int, jurisdictions: Collection[str] | None = None
    ) -> list[str]:
        """Provisions (of `jurisdictions`' instruments; None: all) whose search text holds one of
        `terms`, best first (full-text index)."""
        return []

    def preload(self, ids: list[str]) -> None:
        """Read these provisions at once, if reading them one by one costs more."""

    def version_count(self) -> int:
        """How many versions the provisions hold in all (`validate` reports it)."""
        return sum(len(p.versions) for p in self.values())


class MemoryProvisions(ProvisionSource):
    """Every provision in memory, indexed once."""

    def __init__(self, provisions: Mapping[str, Provision]) -> None:
        self._by_id = dict(sorted(provisions.items(), key=lambda kv: refs.id_key(kv[0])))
        self._offences: dict[str, str] = {}
        self._xrefs: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
        for p in self._by_id.values():
            self._offences.update((oid, p.id) for oid in offence_ids(p))
            for vi, v in enumerate(p.versions):
                for r in v.refers_to:
                    self._xrefs[(REFERS_TO, r.to.split("#")[0])].append((p.id, vi))
                for req in v.implements:
                    self._xrefs[(IMPLEMENTS, req)].append((p.id, vi))
                for t in dict.fromkeys(t for rule in v.rules for t in rule.offences):
                    self._xrefs[(NAMED_BY_RULE, t)].append((p.id, vi))
                self._xrefs[(MADE_BY, v.by)].append((p.id, vi))

    def __getitem__(self, pid: str) -> Provision:
        return self._by_id[pid]

    def __contains__(self, pid: object) -> bool:
        return pid in self._by_id

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def values(self) -> ValuesView[Provision]:
        return self._by_id.values()

    def items(self) -> ItemsView[str, Provision]:
        return self._by_id.items()

    def ids(self) -> list[str]:
        return list(self._by_id)

    def offence_owner(self, oid: str) -> str | None:
        return self._offences.get(oid)

    def xrefs(self, target: str, kind: str) -> list[tuple[str, int]]:
        return self._xrefs.get((kind, target), [])

    def restricted(self, jurisdictions: set[str], instruments: Mapping[str, Instrument]) -> ProvisionSource:
        return MemoryProvisions(
            {
                pid: p
                for pid, p in self._by_id.items()
                if instruments[p.instrument].jurisdiction in jurisdictions
            }
        )
