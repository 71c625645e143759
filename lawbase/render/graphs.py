"""The graph of the law in its output formats: dot, mermaid, svg and an html page holding the svg.

Each writer takes the graph's shape (graph.shape, what `graph --format json` prints), so drawing
needs no networkx; labels are escaped for the format they land in, and what a person reads (the
links, the age bands, the legend) is in the reader's language. dot and mermaid are also made
line by line from graph.Parts, so the whole graph is written without holding its text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from lawbase.i18n import t

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
    words = link_words()  # once: the whole graph has 920,000 edges at 100,000 provisions
    yield from ("digraph lawbase {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];')
    for n in nodes:
        yield f'  "{_dot(n["id"])}" [label="{_dot(_label(n))}", group="{_dot(n["kind"])}"];'
    for e in edges:
        yield f'  "{_dot(e["source"])}" -> "{_dot(e["target"])}" [label="{_dot(words.get(e["type"], e["type"]))}"];'
    yield "}"


def _dot(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")


def to_mermaid(shape: GraphShape) -> str:
    """Mermaid flowchart; node ids are numbered and labels are entity-escaped."""
    return "\n".join(mermaid_lines(shape)) + "\n"


def mermaid_lines(answer: Any) -> Iterator[str]:
    """The lines of to_mermaid, one by one (of a shape or of graph.Parts)."""
    _, nodes, edges = parts(answer)
    words = link_words()
    ids: dict[str, str] = {}
    yield "flowchart LR"
    for n in nodes:
        ids[n["id"]] = f"n{len(ids)}"
        yield f'  {ids[n["id"]]}["{_mermaid(_label(n))}"]'
    for e in edges:
        yield f'  {ids[e["source"]]} -->|"{_mermaid(words.get(e["type"], e["type"]))}"| {ids[e["target"]]}'


def _mermaid(text: str) -> str:
    out = []
    for ch in str(text):
        if ch.isalnum() or ch in " .,:;()/-_§°'áéíóúñÁÉÍÓÚÑüÜ":
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};")
    return "".join(out)


# what each type of edge says, as the reader reads it on a drawing
EDGE_WORDS = {
    "part-of": "part of",
    "has-version": "version in force",
    "amended-by": "amended by",
    "defines-offence": "defines",
    "punished-by": "punished with",
    "protects-age": "protects",
    "refers-to": "refers to",
    "implements": "implements",
    "extends-jurisdiction-to": "jurisdiction over",
    "applies-to": "applies to",
    "extraditable-under": "extraditable under",
    "requirement-of": "requirement of",
    "recommends": "recommends",
    "cites": "cites",
}


HUB_KINDS = frozenset({"instrument", "penalty", "age"})


def edge_words(kind: str) -> str:
    """An edge's type in the reader's words ("refers to", "se remite a")."""
    return t(EDGE_WORDS[kind]) if kind in EDGE_WORDS else kind


def link_words() -> dict[str, str]:
    """Every edge type's words in the reader's language."""
    return {kind: t(words) for kind, words in EDGE_WORDS.items()}


def age_words(node: str, fallback: str) -> str:
    """An age band's label in the reader's language, from its id (`age:0-18`: under 18)."""
    lo, _, under = node.removeprefix("age:").partition("-")
    if not lo.isdigit() or not (under.isdigit() or under == ""):
        return fallback
    if not under:
        return t("{n} and over", n=lo) if lo != "0" else t("any age")
    return t("under {n}", n=under) if lo == "0" else f"{lo}–{int(under) - 1}"


def _label(node: GraphNode) -> str:
    """A node's label as a person reads it (an age band in the reader's language)."""
    return age_words(node["id"], node["label"]) if node["kind"] == "age" else node["label"]


def to_svg(shape: GraphShape, centre: str) -> str:
    """The neighbourhood of `centre` as a standalone SVG (for slides); labels escaped.

    Drawn for a person, not a program: a provision, its version in force and the offences it
    defines are one box (they carry one label), edges point from that box; the sources cited are
    left out (the provision's page lists them); edge types and ages read in the reader's language,
    and an edge drawn twice (two offences of one article with the same penalty) is drawn once."""
    from . import svg

    ids = {n["id"] for n in shape["nodes"]}
    place: dict[str, str] = {}  # a node -> the box it is drawn in
    for e in shape["edges"]:
        if e["type"] == "has-version":
            place[e["target"]] = e["source"]
    for e in shape["edges"]:
        if e["type"] == "defines-offence" and e["source"] in place:
            place[e["target"]] = place[e["source"]]
    for n in shape["nodes"]:
        if n["kind"] == "offence" and n["id"] not in place:
            provision = "prov:" + n["id"].removeprefix("off:").partition("#")[0]
            if provision in ids:
                place[n["id"]] = provision
    drawn = [n for n in shape["nodes"] if n["id"] not in place and n["kind"] != "source"]
    nodes = [
        svg.Node(
            n["id"],
            _label(n),
            n["kind"],
            None,
            n.get("state") not in (None, "in-force"),  # a provision not in force is drawn so
        )
        for n in drawn
    ]
    keep = {n["id"] for n in drawn}
    kind = {n["id"]: n["kind"] for n in drawn}
    ends = [
        (place.get(e["source"], e["source"]), place.get(e["target"], e["target"]), e) for e in shape["edges"]
    ]
    # a code, a law, a treaty, a penalty or an age band is drawn as the centre's (its code, the
    # law that made its text, its penalty): the same ones of every other article would tie each
    # box to them and hide the article's own links
    own = {b for a, b, _ in ends if a == centre} | {a for a, b, _ in ends if b == centre}
    keep -= {n for n in keep if kind[n] in HUB_KINDS and n not in own and n != centre}
    nodes = [n for n in nodes if n.id in keep]
    edges = []
    for a, b, e in ends:
        if a != b and a in keep and b in keep and (centre in (a, b) or not {kind[a], kind[b]} & HUB_KINDS):
            edges.append(svg.Edge(a, b, edge_words(e["type"])))
    title = t("{what} and its neighbourhood on {date}", what=label(shape, centre), date=shape["as_of"] or "")
    return svg.render(centre, nodes, edges, title)


def svg_page(svg_text: str, title: str) -> str:
    """A self-contained HTML page holding an SVG (nothing fetched at view time)."""
    from html import escape

    from lawbase.i18n import current

    return (
        f'<!doctype html>\n<html lang="{current()}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        "<style>body{margin:0}svg{display:block;margin:auto;max-width:100vw;max-height:100vh;"
        "width:auto;height:auto}</style></head><body>\n"
        f"{svg_text}</body></html>\n"
    )
