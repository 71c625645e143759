"""The law as a graph, built for a date (the only module that imports networkx).

Nodes (id prefix: kind): `inst:` instruments (codes, laws, treaties, benchmarks), `prov:`
provisions, `ver:` the version of a provision in force on the date, `off:` offences, `pen:`
penalties, `age:` victim age bands, `req:` requirements, `rec:` recommendations, `src:` sources.

Edges carry a `type`:
  part-of (provision → instrument), has-version (provision → version), amended-by (version →
  law), defines-offence (version → offence), punished-by (offence → penalty), protects-age
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
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

import networkx as nx

from . import penalties
from .kb import KnowledgeBase
from .model import Offence, Penalty, Provision, Version

if TYPE_CHECKING:
    from .shapes import GraphEdge, GraphNode, GraphShape

Graph = Any  # nx.MultiDiGraph; networkx ships without type hints


def _pen_id(p: Penalty) -> str:
    return "pen:" + (f"{p.kind}:{'..'.join(p.degrees)}" if p.degrees else f"{p.min}..{p.max}")


def build(kb: KnowledgeBase, as_of: dt.date) -> Graph:
    """The graph of the corpus as the law stood on `as_of`."""
    g = nx.MultiDiGraph(as_of=as_of.isoformat())
    for inst in kb.instruments.values():
        g.add_node(f"inst:{inst.id}", kind="instrument", label=inst.short, subkind=inst.kind)
    for src in kb.sources.values():
        g.add_node(f"src:{src.id}", kind="source", label=src.title)
    for p in kb.provisions.values():
        pit = kb.at(p, as_of)
        pn = f"prov:{p.id}"
        g.add_node(pn, kind="provision", label=kb.label(p.id), state=pit.state)
        g.add_edge(pn, f"inst:{p.instrument}", type="part-of")
        if pit.version is not None and pit.state == "in-force":
            _add_version(g, kb, p, pit.version)
    for r in kb.requirements.values():
        rn = f"req:{r.id}"
        g.add_node(rn, kind="requirement", label=kb.label(r.id), subkind=r.kind)
        g.add_edge(rn, f"prov:{r.article}" if r.article else f"inst:{r.instrument}", type="requirement-of")
        for c in r.sources:
            g.add_edge(rn, f"src:{c.source}", type="cites", pinpoint=c.pinpoint)
    for rec in kb.recommendations.values():
        node = f"rec:{rec.id}"
        g.add_node(node, kind="recommendation", label=rec.id)
        for target in rec.concerns:
            kind = "req" if target in kb.requirements else "prov"
            g.add_edge(
                node, f"{kind}:{kb.provision_of(target) if kind == 'prov' else target}", type="recommends"
            )
    _add_extradition(g, kb, as_of)
    return g


def _add_version(g: Graph, kb: KnowledgeBase, p: Provision, v: Version) -> None:
    vn = f"ver:{p.id}@{v.start.isoformat()}"
    g.add_node(
        vn, kind="version", label=f"{kb.label(p.id)} ({v.start.isoformat()})", start=v.start.isoformat()
    )
    g.add_edge(f"prov:{p.id}", vn, type="has-version")
    g.add_edge(vn, f"inst:{v.by}", type="amended-by")
    scale = kb.scale_for(p)
    for o in v.offences:
        _add_offence(g, kb, vn, o, scale)
    for r in v.refers_to:
        g.add_edge(vn, f"prov:{kb.provision_of(r.to)}", type="refers-to", ref=r.to, why=r.why or "")
    for req in v.implements:
        g.add_edge(vn, f"req:{req}", type="implements")
    for jrule in v.extends_jurisdiction:
        for off in jrule.offences:
            g.add_node(f"off:{off}", kind="offence", label=kb.label(off))
            g.add_edge(
                vn,
                f"off:{off}",
                type="extends-jurisdiction-to",
                ref=off,
                nexus=",".join(jrule.nexus),
                part=jrule.part or "",
            )
    for rule in v.rules:
        if rule.cites == "paragraphs":
            continue  # the statute names a paragraph, not these articles: nothing to go stale
        for off in rule.offences:
            g.add_node(f"off:{off}", kind="offence", label=kb.label(off))
            g.add_edge(vn, f"off:{off}", type="applies-to", ref=off, rule=rule.kind)
    for c in v.sources:
        g.add_edge(vn, f"src:{c.source}", type="cites", pinpoint=c.pinpoint)


def _add_offence(g: Graph, kb: KnowledgeBase, vn: str, o: Offence, scale: Any) -> None:
    on = f"off:{o.id}"
    g.add_node(
        on,
        kind="offence",
        label=kb.label(o.id),
        conduct=",".join(o.conduct),
        conditions=",".join(o.conditions),
    )
    g.add_edge(vn, on, type="defines-offence")
    penalty = o.penalty
    try:
        text = penalties.resolve(scale, penalty).text
    except (ValueError, KeyError):
        text = penalty.text or ""
    g.add_node(_pen_id(penalty), kind="penalty", label=text)
    g.add_edge(on, _pen_id(penalty), type="punished-by")
    age = f"age:{o.victim_age.lo}-{o.victim_age.under if o.victim_age.under is not None else ''}"
    g.add_node(age, kind="age", label=o.victim_age.label())
    g.add_edge(on, age, type="protects-age")


def _add_extradition(g: Graph, kb: KnowledgeBase, as_of: dt.date) -> None:
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
                g.add_edge(f"off:{o.id}", f"inst:{inst.id}", type="extraditable-under")


def node_of(kb: KnowledgeBase, ref: str) -> str:
    """The graph node of what a person typed: an article's provision, or a requirement."""
    from .queries import resolve

    resolved = resolve(kb, ref)
    if resolved.kind == "requirement":
        return f"req:{resolved.id}"
    return f"prov:{kb.provision_of(resolved.id)}"


def neighbourhood(g: Graph, node: str, depth: int) -> Graph:
    """The nodes within `depth` steps of `node`, edges in either direction, in the order of `g`
    (a subgraph view would list them in the order of a set, which changes from run to run)."""
    keep = set(nx.ego_graph(g.to_undirected(as_view=True), node, radius=depth).nodes)
    out = g.__class__()
    out.graph.update(g.graph)
    out.add_nodes_from((n, attrs) for n, attrs in g.nodes(data=True) if n in keep)
    out.add_edges_from(
        (a, b, k, attrs) for a, b, k, attrs in g.edges(keys=True, data=True) if a in keep and b in keep
    )
    return out


def shape(g: Graph) -> GraphShape:
    """The graph as `lawbase graph --format json` prints it, which every output format draws
    (networkx's attributes are untyped: build() above writes those of shapes.GraphNode/GraphEdge)."""
    nodes = [cast("GraphNode", {"id": n, **attrs}) for n, attrs in g.nodes(data=True)]
    edges = [cast("GraphEdge", {"source": a, "target": b, **attrs}) for a, b, attrs in g.edges(data=True)]
    return {"as_of": g.graph.get("as_of"), "nodes": nodes, "edges": edges}
