"""The graph of the law in its output formats: dot, mermaid, svg and an html page holding the svg.

Each writer takes the graph's shape (graph.shape, what `graph --format json` prints), so drawing
needs no networkx; labels are escaped for the format they land in. dot and mermaid are also made
line by line from graph.Parts, so the whole graph is written without holding its text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lawbase.shapes import GraphEdge, GraphNode, GraphShape


def label(shape: GraphShape, node: str) -> str:
    """A node's label (its id when the graph does not hold it)."""
    found = next((n for n in shape["nodes"] if n["id"] == node), None)
    return found["label"] if found else node


def parts(answer: Any) -> tuple[str | None, Iterable[GraphNode], Iterable[GraphEdge]]:
    """(as_of, nodes, edges) of a graph's shape, or of graph.Parts (the whole graph, whose nodes
    and edges are made as they are written)."""
    if isinstance(answer, dict):
        return answer["as_of"], answer["nodes"], answer["edges"]
    return answer.as_of, answer.nodes(), answer.edges()


def to_dot(shape: GraphShape) -> str:
    """Graphviz DOT; labels are escaped so data cannot break out of a string."""
    return "\n".join(dot_lines(shape)) + "\n"


def dot_lines(answer: Any) -> Iterator[str]:
    """The lines of to_dot, one by one (of a shape or of graph.Parts)."""
    _, nodes, edges = parts(answer)
    yield from ("digraph lawbase {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];')
    for n in nodes:
        yield f'  "{_dot(n["id"])}" [label="{_dot(n["label"])}", group="{_dot(n["kind"])}"];'
    for e in edges:
        yield f'  "{_dot(e["source"])}" -> "{_dot(e["target"])}" [label="{_dot(e["type"])}"];'
    yield "}"


def _dot(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")


def to_mermaid(shape: GraphShape) -> str:
    """Mermaid flowchart; node ids are numbered and labels are entity-escaped."""
    return "\n".join(mermaid_lines(shape)) + "\n"


def mermaid_lines(answer: Any) -> Iterator[str]:
    """The lines of to_mermaid, one by one (of a shape or of graph.Parts)."""
    _, nodes, edges = parts(answer)
    ids: dict[str, str] = {}
    yield "flowchart LR"
    for n in nodes:
        ids[n["id"]] = f"n{len(ids)}"
        yield f'  {ids[n["id"]]}["{_mermaid(n["label"])}"]'
    for e in edges:
        yield f'  {ids[e["source"]]} -->|"{_mermaid(e["type"])}"| {ids[e["target"]]}'


def _mermaid(text: str) -> str:
    out = []
    for ch in str(text):
        if ch.isalnum() or ch in " .,:;()/-_§°'áéíóúñÁÉÍÓÚÑüÜ":
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};")
    return "".join(out)


def to_svg(shape: GraphShape, centre: str) -> str:
    """The neighbourhood of `centre` as a standalone SVG (for slides); labels escaped."""
    from . import svg

    nodes = [
        svg.Node(
            n["id"],
            n["label"],
            n["kind"],
            None,
            n.get("state") not in (None, "in-force"),  # a provision not in force is drawn so
        )
        for n in shape["nodes"]
    ]
    edges = [svg.Edge(e["source"], e["target"], e["type"]) for e in shape["edges"]]
    return svg.render(
        centre, nodes, edges, f"{label(shape, centre)} and its neighbourhood on {shape['as_of']}"
    )


def svg_page(svg_text: str, title: str) -> str:
    """A self-contained HTML page holding an SVG (nothing fetched at view time)."""
    from html import escape

    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>\n{svg_text}</body></html>\n"
    )
