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

Only the version in force on the date contributes edges, so a provision repealed by then is a
node with no outgoing law, and a reference to it is visibly dead.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import networkx as nx

from . import penalties
from .kb import KnowledgeBase
from .model import Offence, Penalty, Provision, Version

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
        g.add_edge(vn, f"prov:{kb.provision_of(r.to)}", type="refers-to", target=r.to, why=r.why or "")
    for req in v.implements:
        g.add_edge(vn, f"req:{req}", type="implements")
    for jrule in v.extends_jurisdiction:
        for off in jrule.offences:
            g.add_node(f"off:{off}", kind="offence", label=kb.label(off))
            g.add_edge(
                vn,
                f"off:{off}",
                type="extends-jurisdiction-to",
                target=off,
                nexus=",".join(jrule.nexus),
                part=jrule.part or "",
            )
    for rule in v.rules:
        if rule.cites == "paragraphs":
            continue  # the statute names a paragraph, not these articles: nothing to go stale
        for off in rule.offences:
            g.add_node(f"off:{off}", kind="offence", label=kb.label(off))
            g.add_edge(vn, f"off:{off}", type="applies-to", target=off, rule=rule.kind)
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
            if meets(
                kb, p, o.penalty, terms.threshold.bound, terms.threshold.comparison, terms.threshold.duration
            ):
                g.add_edge(f"off:{o.id}", f"inst:{inst.id}", type="extraditable-under")


def meets(
    kb: KnowledgeBase, p: Provision, penalty: Penalty, bound: str, comparison: str, duration: str
) -> bool:
    """Whether a penalty passes a threshold such as 'maximum > P1Y' on the provision's scale."""
    scale = kb.scale_for(p)
    r = penalties.resolve(scale, penalty)
    limit = penalties.duration_days(duration, scale.days_per_year if scale else 365)
    value = r.min_days if bound == "minimum" else r.max_days
    if value is None:
        return False
    return value > limit if comparison == ">" else value >= limit


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


OPERATIVE = ("extends-jurisdiction-to", "applies-to")


def operative_references(g: Graph) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(version node, target id, edge data) for every rule of an in-force version that names an
    offence or provision: the citations that have legal effect (jurisdiction, limitation ...)."""
    for src, _, data in g.edges(data=True):
        if data.get("type") in OPERATIVE:
            yield src, data["target"], data


def to_json(g: Graph) -> dict[str, Any]:
    nodes = [{"id": n, **attrs} for n, attrs in g.nodes(data=True)]
    edges = [{"source": a, "target": b, **attrs} for a, b, attrs in g.edges(data=True)]
    return {"as_of": g.graph.get("as_of"), "nodes": nodes, "edges": edges}


def to_dot(g: Graph) -> str:
    """Graphviz DOT; labels are escaped so data cannot break out of a string."""
    lines = ["digraph lawbase {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    for n, attrs in g.nodes(data=True):
        lines.append(
            f'  "{_dot(n)}" [label="{_dot(attrs.get("label", n))}", group="{_dot(attrs.get("kind", ""))}"];'
        )
    for a, b, attrs in g.edges(data=True):
        lines.append(f'  "{_dot(a)}" -> "{_dot(b)}" [label="{_dot(attrs.get("type", ""))}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")


def to_mermaid(g: Graph) -> str:
    """Mermaid flowchart; node ids are numbered and labels are entity-escaped."""
    ids = {n: f"n{i}" for i, n in enumerate(g.nodes)}
    lines = ["flowchart LR"]
    for n, attrs in g.nodes(data=True):
        lines.append(f'  {ids[n]}["{_mermaid(attrs.get("label", n))}"]')
    for a, b, attrs in g.edges(data=True):
        lines.append(f'  {ids[a]} -->|"{_mermaid(attrs.get("type", ""))}"| {ids[b]}')
    return "\n".join(lines) + "\n"


def _mermaid(text: str) -> str:
    out = []
    for ch in str(text):
        if ch.isalnum() or ch in " .,:;()/-_§°'áéíóúñÁÉÍÓÚÑüÜ":
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};")
    return "".join(out)


def to_svg(g: Graph, centre: str) -> str:
    """The neighbourhood of `centre` as a standalone SVG (for slides); labels escaped."""
    from .render import svg

    nodes = [
        svg.Node(
            n,
            str(attrs.get("label", n)),
            str(attrs.get("kind", "")),
            None,
            attrs.get("state") not in (None, "in-force"),
        )
        for n, attrs in g.nodes(data=True)
    ]
    edges = [svg.Edge(a, b, str(attrs.get("type", ""))) for a, b, attrs in g.edges(data=True)]
    label = str(g.nodes[centre].get("label", centre))
    return svg.render(centre, nodes, edges, f"{label} and its neighbourhood on {g.graph.get('as_of')}")


def svg_page(svg_text: str, title: str) -> str:
    """A self-contained HTML page holding an SVG (nothing fetched at view time)."""
    from html import escape

    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>\n{svg_text}</body></html>\n"
    )


def dumps_json(g: Graph) -> str:
    from .errors import visible_json

    return visible_json(json.dumps(to_json(g), ensure_ascii=False, indent=2, allow_nan=False))
