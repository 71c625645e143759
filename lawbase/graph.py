"""The law as a graph, built for a date (the only module that imports networkx).

Nodes (id prefix: kind): `inst:` instruments (codes, laws, treaties, benchmarks), `prov:`
provisions, `ver:` the version of a provision in force on the date, `off:` offences, `pen:`
penalties, `age:` victim age bands, `req:` requirements, `rec:` recommendations, `src:` sources.

Edges carry a `type`:
  part-of (provision → instrument), has-version (provision → version), amended-by (version →
  the law that made it; none for a code's original text), defines-offence (version → offence), punished-by (offence → penalty), protects-age
  (offence → age band), refers-to (version → provision), implements (version → requirement),
  extends-jurisdiction-to (version → offence, with the nexus), applies-to (a rule of a version,
  such as imprescriptibility, → the offence it names), extraditable-under (offence →
  treaty, when the treaty's penalty threshold is met), requirement-of (requirement → article),
  recommends (recommendation → requirement or provision), cites (version → source).
refers-to, extends-jurisdiction-to and applies-to edges also carry `ref`: the id the statute
cites, which may be an offence or an aggravated variant of the provision the edge points at.

Only the version in force on the date contributes edges, so a provision repealed by then is a
node with no outgoing law, and a reference to it is visibly dead. The output formats (json, dot,
mermaid, svg, html) draw the graph's `shape` and live in render/graphs.py, without networkx.

The graph is made as `Parts` (flat tuples, in networkx's order); the whole graph is written from
them record by record, and networkx, imported only by `build` and `neighbourhood`, is used for
the neighbourhood of one article.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from itertools import chain
from typing import TYPE_CHECKING, Any, cast

from . import penalties
from .kb import KnowledgeBase
from .model import Offence, Penalty, Provision, Version

if TYPE_CHECKING:
    from .shapes import GraphEdge, GraphNode, GraphShape

Graph = Any  # nx.MultiDiGraph; networkx ships without type hints
# a node's attributes and an edge (target, type, then the type's other attributes) as flat
# tuples of names and values: half the memory of a dict each, at 350,000 nodes and 920,000 edges
_Flat = tuple[str, ...]


def _flat(attrs: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(chain.from_iterable(attrs.items()))


def _unflat(flat: tuple[Any, ...], into: dict[str, Any], start: int = 0) -> dict[str, Any]:
    for i in range(start, len(flat), 2):
        into[flat[i]] = flat[i + 1]
    return into


class Parts:
    """The graph of a date as its nodes and each node's edges, in the order networkx gives them
    (nodes in the order first named, by a node or an edge; edges by source node, then by target
    in the order first linked from it), held in flat tuples: a fifth of a MultiDiGraph's
    memory, and no networkx to import. `lawbase graph` writes the whole graph from here, record
    by record; `build` makes the MultiDiGraph that a neighbourhood needs."""

    def __init__(self, as_of: str) -> None:
        self.as_of = as_of
        self._nodes: dict[str, _Flat] = {}
        self._out: dict[str, list[tuple[Any, ...]]] = {}

    def node(self, n: str, **attrs: str) -> None:
        """Add a node, or update its attributes (the last value of each wins, as in networkx)."""
        found = self._nodes.get(n)
        if found is None:
            self._nodes[sys.intern(n)] = _flat(attrs)
        elif found != (flat := _flat(attrs)):
            self._nodes[n] = flat if not found else _flat(_unflat(found, {}) | attrs)

    def edge(self, u: str, v: str, kind: str, **attrs: Any) -> None:
        """Add an edge (and its ends as bare nodes when they are not nodes yet). Ids are interned:
        a node's id is one string however many edges name it."""
        u, v = sys.intern(u), sys.intern(v)
        if u not in self._nodes:
            self._nodes[u] = ()
        if v not in self._nodes:
            self._nodes[v] = ()
        self._out.setdefault(u, []).append((v, kind, *_flat(attrs)) if attrs else (v, kind))

    def node_attrs(self) -> Iterator[tuple[str, dict[str, str]]]:
        """(id, attributes) of every node, in order."""
        for n, flat in self._nodes.items():
            yield n, _unflat(flat, {})

    def nodes(self) -> Iterator[GraphNode]:
        for n, flat in self._nodes.items():
            yield cast("GraphNode", _unflat(flat, {"id": n}))

    def edges(self) -> Iterator[GraphEdge]:
        for u in self._nodes:
            out = self._out.get(u)
            if out is None:
                continue
            if len(out) > 1:  # networkx keeps a node's edges to one target together
                first: dict[str, int] = {}
                for i, e in enumerate(out):
                    first.setdefault(e[0], i)
                if len(first) < len(out):
                    out = sorted(out, key=lambda e: first[e[0]])
            for e in out:
                yield cast("GraphEdge", _unflat(e, {"source": u, "target": e[0], "type": e[1]}, 2))

    def json_head(self) -> dict[str, Any]:
        """The members of the shape before its lists (render.emit_json_records)."""
        return {"as_of": self.as_of}

    def json_lists(self) -> dict[str, Callable[[], Iterator[Any]]]:
        """The shape's lists, each made afresh on every call (render.emit_json_records)."""
        return {"nodes": self.nodes, "edges": self.edges}

    def shape(self) -> GraphShape:
        """The whole graph as `lawbase graph --format json` prints it (held in memory)."""
        return {"as_of": self.as_of, "nodes": list(self.nodes()), "edges": list(self.edges())}


def _opening(text: str, width: int = 48) -> str:
    """The first words of a text, at most `width` characters, cut between words (…)."""
    if len(text) <= width:
        return text
    cut = text[: width + 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _pen_id(p: Penalty) -> str:
    return "pen:" + (f"{p.kind}:{'..'.join(p.degrees)}" if p.degrees else f"{p.min}..{p.max}")


def parts(kb: KnowledgeBase, as_of: dt.date) -> Parts:
    """The graph of the corpus as the law stood on `as_of`, as nodes and edges."""
    g = Parts(as_of.isoformat())
    for inst in kb.instruments.values():
        g.node(f"inst:{inst.id}", kind="instrument", label=inst.short, subkind=inst.kind)
    for src in kb.sources.values():
        g.node(f"src:{src.id}", kind="source", label=src.title)
    for p in kb.provisions.values():
        pit = kb.at(p, as_of)
        pn = f"prov:{p.id}"
        g.node(pn, kind="provision", label=kb.label(p.id), state=pit.state)
        g.edge(pn, f"inst:{p.instrument}", "part-of")
        if pit.version is not None and pit.state == "in-force":
            _add_version(g, kb, p, pit.version)
    for r in kb.requirements.values():
        rn = f"req:{r.id}"
        g.node(rn, kind="requirement", label=kb.label(r.id), subkind=r.kind)
        g.edge(rn, f"prov:{r.article}" if r.article else f"inst:{r.instrument}", "requirement-of")
        for c in r.sources:
            g.edge(rn, f"src:{c.source}", "cites", pinpoint=c.pinpoint)
    for rec in kb.recommendations.values():
        node = f"rec:{rec.id}"
        made_in = kb.instruments.get(rec.instrument)
        g.node(
            node,
            kind="recommendation",
            label=f"{made_in.short if made_in else rec.instrument}: {_opening(rec.summary)}",
        )
        for target in rec.concerns:
            kind = "req" if target in kb.requirements else "prov"
            g.edge(node, f"{kind}:{kb.provision_of(target) if kind == 'prov' else target}", "recommends")
    _add_extradition(g, kb, as_of)
    return g


def build(kb: KnowledgeBase, as_of: dt.date) -> Graph:
    """The graph of the corpus as the law stood on `as_of`, as a networkx MultiDiGraph."""
    import networkx as nx

    found = parts(kb, as_of)
    g = nx.MultiDiGraph(as_of=found.as_of)
    g.add_nodes_from(found.node_attrs())
    for e in found.edges():
        attrs: dict[str, Any] = dict(e)
        g.add_edge(attrs.pop("source"), attrs.pop("target"), **attrs)
    return g


def _add_version(g: Parts, kb: KnowledgeBase, p: Provision, v: Version) -> None:
    vn = f"ver:{p.id}@{v.start.isoformat()}"
    g.node(vn, kind="version", label=f"{kb.label(p.id)} ({v.start.isoformat()})", start=v.start.isoformat())
    g.edge(f"prov:{p.id}", vn, "has-version")
    if v.by != p.instrument:  # a code's original text: made by the code itself, amended by nothing
        g.edge(vn, f"inst:{v.by}", "amended-by")
    scale = kb.scale_for(p)
    for o in v.offences:
        _add_offence(g, kb, vn, o, scale)
    for r in v.refers_to:
        g.edge(vn, f"prov:{kb.provision_of(r.to)}", "refers-to", ref=r.to, why=r.why or "")
    for req in v.implements:
        g.edge(vn, f"req:{req}", "implements")
    for jrule in v.extends_jurisdiction:
        for off in jrule.offences:
            g.node(f"off:{off}", kind="offence", label=kb.label(off))
            g.edge(
                vn,
                f"off:{off}",
                "extends-jurisdiction-to",
                ref=off,
                nexus=",".join(jrule.nexus),
                part=jrule.part or "",
            )
    for rule in v.rules:
        if rule.cites == "paragraphs":
            continue  # the statute names a paragraph, not these articles: nothing to go stale
        for off in rule.offences:
            g.node(f"off:{off}", kind="offence", label=kb.label(off))
            g.edge(vn, f"off:{off}", "applies-to", ref=off, rule=rule.kind)
    for c in v.sources:
        g.edge(vn, f"src:{c.source}", "cites", pinpoint=c.pinpoint)


def _add_offence(g: Parts, kb: KnowledgeBase, vn: str, o: Offence, scale: Any) -> None:
    on = f"off:{o.id}"
    g.node(
        on,
        kind="offence",
        label=kb.label(o.id),
        conduct=",".join(o.conduct),
        conditions=",".join(o.conditions),
    )
    g.edge(vn, on, "defines-offence")
    penalty = o.penalty
    try:
        text = penalties.resolve(scale, penalty).text
    except (ValueError, KeyError):
        text = penalty.text or ""
    g.node(_pen_id(penalty), kind="penalty", label=text)
    g.edge(on, _pen_id(penalty), "punished-by")
    age = f"age:{o.victim_age.lo}-{o.victim_age.under if o.victim_age.under is not None else ''}"
    g.node(age, kind="age", label=o.victim_age.label())
    g.edge(on, age, "protects-age")


def _add_extradition(g: Parts, kb: KnowledgeBase, as_of: dt.date) -> None:
    from .scope import assessed

    home = assessed(kb)
    for inst in kb.instruments.values():
        terms = inst.extradition
        if terms is None or terms.threshold is None:
            continue
        status = kb.instrument_status(inst.id, home, as_of)
        if status["in_force"] is False:
            continue
        for p, _, o in kb.offences_at(as_of):
            if penalties.meets(kb.scale_for(p), o.penalty, terms.threshold):
                g.edge(f"off:{o.id}", f"inst:{inst.id}", "extraditable-under")


def node_of(kb: KnowledgeBase, ref: str) -> str:
    """The graph node of what a person typed: an article's provision, or a requirement."""
    from .queries import resolve

    resolved = resolve(kb, ref)
    if resolved.kind == "requirement":
        return f"req:{resolved.id}"
    return f"prov:{kb.provision_of(resolved.id)}"


# nodes many others share (a code, a law, a treaty, a penalty, an age band, a source): the walk
# reaches them but does not go on through them, or the neighbourhood of one article would be every
# article of its code (part-of), every offence with the same penalty, every version a law made
HUBS = frozenset({"instrument", "penalty", "age", "source"})
# edges within one article: its version in force, and the offences that version defines
ONE_PLACE = frozenset({"has-version", "defines-offence"})


def neighbourhood(g: Graph, node: str, depth: int) -> Graph:
    """The nodes within `depth` steps of `node`, edges taken in either direction, in the order
    of `g` (a subgraph view would list them in the order of a set, which changes from run to
    run). A provision, its version in force and the offences it defines are one place (ONE_PLACE
    edges cost no step: depth 1 of an article holds its penalties), and the walk stops at the
    nodes in HUBS: it reaches the article's code, not the code's articles."""
    from collections import deque

    dist = {node: 0}
    queue = deque([node])
    while queue:
        here = queue.popleft()
        if here != node and g.nodes[here].get("kind") in HUBS:
            continue
        steps = chain(
            ((v, d["type"]) for _, v, d in g.out_edges(here, data=True)),
            ((u, d["type"]) for u, _, d in g.in_edges(here, data=True)),
        )
        for there, kind in steps:
            cost = 0 if kind in ONE_PLACE else 1
            far = dist[here] + cost
            if far > depth or dist.get(there, depth + 1) <= far:
                continue
            dist[there] = far
            (queue.appendleft if cost == 0 else queue.append)(there)
    out = g.__class__()
    out.graph.update(g.graph)
    out.add_nodes_from((n, attrs) for n, attrs in g.nodes(data=True) if n in dist)
    out.add_edges_from(
        (a, b, k, attrs) for a, b, k, attrs in g.edges(keys=True, data=True) if a in dist and b in dist
    )
    return out


def shape(g: Graph) -> GraphShape:
    """The graph as `lawbase graph --format json` prints it, which every output format draws
    (networkx's attributes are untyped: build() above writes those of shapes.GraphNode/GraphEdge)."""
    nodes = [cast("GraphNode", {"id": n, **attrs}) for n, attrs in g.nodes(data=True)]
    edges = [cast("GraphEdge", {"source": a, "target": b, **attrs}) for a, b, attrs in g.edges(data=True)]
    return {"as_of": g.graph.get("as_of"), "nodes": nodes, "edges": edges}
