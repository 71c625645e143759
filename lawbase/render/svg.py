"""A neighbourhood drawn as a standalone SVG: rings around the centre, no layout engine needed.

Made to be read on a slide: a radial tree (each box on the ring of its distance from the centre,
reached by one line from the box it was reached through, plus all of the centre's own lines, so
lines do not cross), 18-pixel labels wrapped at word boundaries (never cut), every line
labelled, a legend of the kinds of box and of line, rings far enough apart that no boxes touch. Every label from data goes through `html.escape`, so a title cannot open
a tag or an attribute. The caller gives the labels in the reader's language; the legend is
translated here.
"""

from __future__ import annotations

import math
from html import escape
from typing import NamedTuple

from lawbase.i18n import t

COLOURS = {
    "provision": "#dbe8f7",
    "requirement": "#f7e6cf",
    "instrument": "#e4e4e4",
    "offence": "#e3f2dc",
    "penalty": "#f6dede",
    "age": "#efe3f6",
    "recommendation": "#fdf6c8",
    "source": "#ffffff",
}
# the legend's words for each kind of node
KINDS = {
    "provision": "provision",
    "requirement": "treaty requirement",
    "instrument": "code, law or treaty",
    "offence": "offence",
    "penalty": "penalty",
    "age": "victim's age",
    "recommendation": "recommendation",
    "source": "source",
}

# the colours of the kinds of line, told apart on a projector: as many as graph.py has edge types
EDGE_COLOURS = (
    "#1f5fa8", "#b5431b", "#2e7d32", "#7b3fa0", "#8a6d00", "#00838f", "#555555", "#c2185b",
    "#5d4037", "#3949ab", "#6b8e23", "#d2691e", "#008b8b", "#9e9d24",
)  # fmt: skip

FONT = 18  # px: readable on a projected slide
WIDE = 1.6  # the rings are ellipses this much wider than tall: boxes are wide, slides are 16:9
CHAR = 0.58 * FONT  # the width of an average character of a sans-serif face
LINE = FONT + 3
WRAP = 26  # characters on one line of a box
PAD = 10


class Node(NamedTuple):
    id: str
    label: str
    kind: str
    href: str | None = None
    muted: bool = False  # e.g. a provision not in force on the date


class Edge(NamedTuple):
    source: str
    target: str
    label: str


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Lines of at most `width` characters, broken between words only (a word longer than a
    line is a line of its own, whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _rings(centre: str, nodes: list[Node], edges: list[Edge]) -> dict[str, int]:
    """Breadth-first distance of every node from the centre, edges taken both ways."""
    near: dict[str, set[str]] = {n.id: set() for n in nodes}
    for e in edges:
        if e.source in near and e.target in near:
            near[e.source].add(e.target)
            near[e.target].add(e.source)
    dist = {centre: 0}
    frontier = [centre]
    while frontier:
        nxt = []
        for n in frontier:
            for m in sorted(near.get(n, ())):
                if m not in dist:
                    dist[m] = dist[n] + 1
                    nxt.append(m)
        frontier = nxt
    far = max(dist.values(), default=0) + 1
    return {n.id: dist.get(n.id, far) for n in nodes}


def _box(label: str) -> tuple[list[str], float, float]:
    lines = wrap(label)
    width = max(len(line) for line in lines) * CHAR + 2 * PAD
    return lines, width, len(lines) * LINE + PAD


def _clip(x1: float, y1: float, x2: float, y2: float, w: float, h: float) -> tuple[float, float]:
    """Where the segment from (x1, y1) to the centre (x2, y2) of a w × h box meets its border."""
    dx, dy = x1 - x2, y1 - y2
    if dx == 0 and dy == 0:
        return x2, y2
    s = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
    return x2 + dx * s, y2 + dy * s


def _tree(centre: str, nodes: list[Node], edges: list[Edge], ring: dict[str, int]) -> dict[str, str]:
    """Each box's parent: the first (by label) of its neighbours one ring further in."""
    label = {n.id: n.label for n in nodes}
    parent: dict[str, str] = {}
    for e in edges:
        for child, up in ((e.target, e.source), (e.source, e.target)):
            nearer = child in ring and up in ring and ring[up] == ring[child] - 1 and child != centre
            if nearer and (child not in parent or (label[up], up) < (label[parent[child]], parent[child])):
                parent[child] = up
    return parent


def _layout(
    centre: str,
    nodes: list[Node],
    parent: dict[str, str],
    ring: dict[str, int],
    boxes: dict[str, tuple[list[str], float, float]],
    room: float,
) -> dict[str, tuple[float, float]]:
    """A radial tree: each box gets a slice of the circle as wide as the leaves under it, so the
    lines from a box to its children do not cross; each ring is as far out as it must be for its
    boxes not to touch each other, with `room` for a label between it and the ring inside."""
    children: dict[str, list[str]] = {}
    label = {n.id: n.label for n in nodes}
    for n in sorted(nodes, key=lambda n: (n.kind, n.label)):
        if n.id in parent:
            children.setdefault(parent[n.id], []).append(n.id)
    roots = [n.id for n in nodes if n.id != centre and n.id not in parent]  # not linked at all
    children.setdefault(centre, []).extend(sorted(roots, key=lambda n: label[n]))
    leaves: dict[str, int] = {}

    def count(n: str) -> int:
        leaves[n] = sum(count(c) for c in children.get(n, ())) or 1
        return leaves[n]

    count(centre)
    angle: dict[str, float] = {centre: 0.0}

    def share(n: str, start: float, span: float) -> None:
        # a slice as wide as the square root of the leaves under each child: a box with many
        # children does not squeeze the boxes beside it together (its own ring is wider)
        weights = {c: math.sqrt(leaves[c]) for c in children.get(n, ())}
        total = sum(weights.values())
        for c in children.get(n, ()):
            part = span * weights[c] / total
            angle[c] = start + part / 2
            share(c, start, part)
            start += part

    share(centre, -math.pi / 2, 2 * math.pi)
    reach = {n: math.hypot(boxes[n][1] / 2, boxes[n][2] / 2) for n in boxes}
    by_ring: dict[int, list[str]] = {}
    for a in angle:
        by_ring.setdefault(ring.get(a, 0), []).append(a)
    pos: dict[str, tuple[float, float]] = {centre: (0.0, 0.0)}
    inner = reach[centre]
    radius = 0.0
    for r in sorted(k for k in by_ring if k > 0):
        members = by_ring[r]
        outer = max(reach[n] for n in members)
        radius += inner + outer + room  # room between two rings for a line's label
        while True:
            here = {n: (WIDE * radius * math.cos(angle[n]), radius * math.sin(angle[n])) for n in members}
            if not any(
                _touch(here[m], boxes[m], here[n], boxes[n])
                for i, m in enumerate(members)
                for n in members[i + 1 :]
            ):
                break
            radius += 20
        pos.update(here)
        inner = outer
    return pos


def _touch(
    p: tuple[float, float],
    a: tuple[list[str], float, float],
    q: tuple[float, float],
    b: tuple[list[str], float, float],
) -> bool:
    return abs(p[0] - q[0]) < (a[1] + b[1]) / 2 + 12 and abs(p[1] - q[1]) < (a[2] + b[2]) / 2 + 8


def render(centre: str, nodes: list[Node], edges: list[Edge], title: str) -> str:
    """The neighbourhood of `centre`: each box on the ring of its distance from the centre, the
    lines of a tree out from the centre (every box reached by one line, from the box it was
    reached from, plus every line of the centre's own), each labelled, and a legend."""
    ring = _rings(centre, nodes, edges)
    boxes = {n.id: _box(n.label) for n in nodes}
    parent = _tree(centre, nodes, edges, ring)
    room = max((len(e.label) for e in edges), default=0) * 0.58 * (FONT - 2) + 30
    pos = _layout(centre, nodes, parent, ring, boxes, room)
    drawn: dict[frozenset[str], list[Edge]] = {}  # the lines, one per pair of boxes, with their edges
    for e in edges:
        if e.source not in pos or e.target not in pos or e.source == e.target:
            continue
        pair = frozenset((e.source, e.target))
        if centre in pair or parent.get(e.source) == e.target or parent.get(e.target) == e.source:
            group = drawn.setdefault(pair, [])
            if not any(g.label == e.label and g.source == e.source for g in group):
                group.append(e)
    # a viewBox around the boxes drawn, not the whole circle: no empty margins
    left = min(x - boxes[i][1] / 2 for i, (x, _) in pos.items()) - 20
    right = max(x + boxes[i][1] / 2 for i, (x, _) in pos.items()) + 20
    top = min(y - boxes[i][2] / 2 for i, (_, y) in pos.items()) - 20
    bottom = max(y + boxes[i][2] / 2 for i, (_, y) in pos.items()) + 20
    kinds = [k for k in KINDS if any(n.kind == k for n in nodes)]
    colour: dict[str, str] = {}  # each kind of edge its colour, in the order first drawn
    for group in drawn.values():
        for e in group:
            colour.setdefault(e.label, EDGE_COLOURS[len(colour) % len(EDGE_COLOURS)])
    legend_top = bottom + 10
    legend_rows = max(len(kinds) + int(any(n.muted for n in nodes)), len(colour))
    bottom = legend_top + (legend_rows + 1) * (LINE + 8) + 10
    right = max(right, left + 40 + 2 * max(320.0, (right - left) / 2))
    width, height = right - left, bottom - top
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-labelledby="svg-title" '
        f'font-family="Helvetica, Arial, sans-serif" font-size="{FONT}">',
        f'<title id="svg-title">{escape(title)}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>',
        f'<rect x="{left:.0f}" y="{top:.0f}" width="{width:.0f}" height="{height:.0f}" fill="#fff"/>',
    ]
    labels: list[str] = []
    for group in drawn.values():
        e = group[0]
        ink = colour[e.label]
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        ex, ey = _clip(x1, y1, x2, y2, boxes[e.target][1] + 4, boxes[e.target][2] + 4)
        sx, sy = _clip(x2, y2, x1, y1, boxes[e.source][1] + 4, boxes[e.source][2] + 4)
        back = ' marker-start="url(#arrow)"' if any(g.source == e.target for g in group) else ""
        out.append(
            f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" stroke="{ink}" stroke-width="1.8" '
            f'marker-end="url(#arrow)"{back}><title>{escape(", ".join(dict.fromkeys(g.label for g in group)))}</title></line>'
        )
        # the labels 60 % of the way out, where the lines from one box have spread apart, one
        # under the other (a label said both ways is said once: the line has two arrows)
        words = list(dict.fromkeys(g.label for g in group))
        out_x, out_y, in_x, in_y = (ex, ey, sx, sy) if ring[e.target] >= ring[e.source] else (sx, sy, ex, ey)
        lx, ly = in_x + 0.6 * (out_x - in_x), in_y + 0.6 * (out_y - in_y) - (len(words) - 1) * (FONT - 1) / 2
        for i, said in enumerate(words):
            labels.append(
                f'<text x="{lx:.1f}" y="{ly + 5 + i * (FONT - 1):.1f}" text-anchor="middle" font-size="{FONT - 2}" '
                f'fill="{colour[said]}" stroke="#fff" stroke-width="4" paint-order="stroke">{escape(said)}</text>'
            )
    out.extend(labels)
    for n in nodes:
        x, y = pos[n.id]
        lines, w, h = boxes[n.id]
        fill = "#f4f4f4" if n.muted else COLOURS.get(n.kind, "#ffffff")
        stroke = ' stroke="#000" stroke-width="2.5"' if n.id == centre else ' stroke="#777"'
        dash = ' stroke-dasharray="5 3"' if n.muted else ""
        weight = ' font-weight="bold"' if n.id == centre else ""
        text = "".join(
            f'<text x="{x:.1f}" y="{y - h / 2 + PAD / 2 + (i + 1) * LINE - 3:.1f}" text-anchor="middle"{weight}>'
            f"{escape(line)}</text>"
            for i, line in enumerate(lines)
        )
        box = (
            f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" rx="5" '
            f'fill="{fill}"{stroke}{dash}/>{text}'
            f"<title>{escape(n.label)}{escape(' (' + t('not in force') + ')') if n.muted else ''}</title>"
        )
        if n.href:
            out.append(f'<a href="{escape(n.href)}">{box}</a>')
        else:
            out.append(f"<g>{box}</g>")
    out.append(_legend(kinds, any(n.muted for n in nodes), left + 20, legend_top))
    out.append(_edge_legend(colour, left + 20 + width / 2, legend_top))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend(kinds: list[str], muted: bool, x: float, y: float) -> str:
    """What the colours and the dashed border mean, in the reader's language."""
    row = LINE + 8
    out = [
        f'<g class="legend"><text x="{x:.1f}" y="{y + FONT:.1f}" font-weight="bold">{escape(t("Legend"))}</text>'
    ]
    entries = [(COLOURS[k], "", t(KINDS[k])) for k in kinds]
    if muted:
        entries.append(("#f4f4f4", ' stroke-dasharray="5 3"', t("not in force on the date")))
    for i, (fill, dash, words) in enumerate(entries, start=1):
        top = y + i * row
        out.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="28" height="{LINE:.0f}" rx="3" fill="{fill}" stroke="#777"{dash}/>'
            f'<text x="{x + 38:.1f}" y="{top + LINE - 4:.1f}">{escape(words)}</text>'
        )
    out.append("</g>")
    return "".join(out)


def _edge_legend(colour: dict[str, str], x: float, y: float) -> str:
    """Which colour of line means which link (the labels are the caller's, already translated)."""
    row = LINE + 8
    out = [
        f'<g class="legend"><text x="{x:.1f}" y="{y + FONT:.1f}" font-weight="bold">{escape(t("Links"))}</text>'
    ]
    for i, (words, ink) in enumerate(colour.items(), start=1):
        mid = y + i * row + LINE / 2
        out.append(
            f'<line x1="{x:.1f}" y1="{mid:.1f}" x2="{x + 28:.1f}" y2="{mid:.1f}" stroke="{ink}" stroke-width="2.5"/>'
            f'<text x="{x + 38:.1f}" y="{mid + 5:.1f}" fill="{ink}">{escape(words)}</text>'
        )
    out.append("</g>")
    return "".join(out)
