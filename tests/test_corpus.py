"""The shipped corpus, checked record by record the way reporters-db checks its data.

Set LAWBASE_FIX_FORMAT=1 to rewrite files into canonical form instead of failing on format.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import DATA

import lawbase
from lawbase import penalties
from lawbase.corpus import canonical as fmt
from lawbase.corpus.loader import find_files

FILES, _ = find_files(DATA)
KB = lawbase.load(DATA)
GOLDEN_DATES = (dt.date(2001, 6, 1), dt.date(2018, 6, 1), dt.date(2024, 1, 1))


def test_the_shipped_corpus_loads_without_problems() -> None:
    """Schema, unique ids, ids matching paths and every reference resolving: all in the loader."""
    assert KB.provisions and KB.instruments and KB.sources


@pytest.mark.parametrize(("kind", "name", "path"), FILES, ids=[f[1] for f in FILES])
def test_file_is_canonically_formatted(kind: str, name: str, path: Path) -> None:
    order = fmt.key_order(DATA / "schema", kind)
    if os.environ.get("LAWBASE_FIX_FORMAT"):
        fmt.fix(path, DATA, kind, order)
    assert [] == fmt.check(path, DATA, kind, order), (
        f"{name}: run LAWBASE_FIX_FORMAT=1 pytest tests/test_corpus.py"
    )


PROVISIONS = list(KB.provisions.values())


@pytest.mark.parametrize("p", PROVISIONS, ids=[p.id for p in PROVISIONS])
def test_versions_are_ordered_contiguous_and_sourced(p) -> None:  # type: ignore[no-untyped-def]
    """Each version starts after the last, ends where the next begins, and cites a source."""
    for a, b in zip(p.versions, p.versions[1:], strict=False):
        assert a.start < b.start and a.end == b.start
    assert p.versions[-1].end is None
    for v in p.versions:
        assert v.sources, f"{p.id} {v.start}: no source"
        assert all(c.verified or c.reason for c in v.sources)
        if v.repealed:
            assert not v.offences and not v.rules, f"{p.id} {v.start}: repealed but defines offences"


@pytest.mark.parametrize("p", PROVISIONS, ids=[p.id for p in PROVISIONS])
def test_no_version_predates_the_law_that_made_it(p) -> None:  # type: ignore[no-untyped-def]
    for v in p.versions:
        law = KB.instruments[v.by]
        if law.kind == "law" and law.published:
            assert law.published <= v.start, (
                f"{p.id}: version of {v.start} made by {law.short} of {law.published}"
            )


@pytest.mark.parametrize("p", PROVISIONS, ids=[p.id for p in PROVISIONS])
def test_every_penalty_resolves_on_the_scale(p) -> None:  # type: ignore[no-untyped-def]
    scale = KB.scale_for(p)
    for v in p.versions:
        for o in v.offences:
            r = penalties.resolve(scale, o.penalty)
            assert r.min_days is None or r.max_days is None or r.min_days <= r.max_days
            for a in o.aggravated:
                pen = (
                    penalties.shift(scale, o.penalty, a.penalty.raise_degrees)
                    if a.penalty.raise_degrees
                    else a.penalty
                )
                penalties.resolve(scale, pen)


@pytest.mark.parametrize("p", PROVISIONS, ids=[p.id for p in PROVISIONS])
def test_every_provision_answers_on_the_golden_dates(p) -> None:  # type: ignore[no-untyped-def]
    for when in GOLDEN_DATES:
        data = lawbase.show(KB, p.id, when)
        assert data["in_force"] in (True, False, None)
        if data["version"]:
            assert data["version"]["by"] and data["sources"]


def test_every_requirement_and_article_cites_a_source() -> None:
    for r in KB.requirements.values():
        assert r.sources and all(c.verified or c.reason for c in r.sources), r.id
    for inst in KB.instruments.values():
        assert inst.sources, inst.id
        for ev in inst.status:
            assert ev.sources, (inst.id, ev.event)


def test_every_source_is_cited() -> None:
    """No bibliography entry is dead weight."""
    cited: set[str] = set()
    for p in KB.provisions.values():
        cited |= {c.source for c in p.before_sources}
        for v in p.versions:
            cited |= {c.source for c in v.sources}
            cited |= {d.citation.source for d in v.discrepancies}
    for inst in KB.instruments.values():
        cited |= {c.source for c in inst.sources}
        for ev in inst.status:
            cited |= {c.source for c in ev.sources}
        if inst.extradition:
            cited |= {c.source for c in inst.extradition.sources}
    for r in KB.requirements.values():
        cited |= {c.source for c in r.sources}
    for rec in KB.recommendations.values():
        cited |= {c.source for c in rec.sources}
        for m in rec.met_by:
            cited |= {c.source for c in m.sources}
    for scale in KB.scales.values():
        cited |= {c.source for c in scale.sources}
    assert [] == sorted(set(KB.sources) - cited)
