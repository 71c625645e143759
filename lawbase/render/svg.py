"""A neighbourhood drawn as a standalone SVG: rings around the centre, no layout engine needed.

Every label from data goes through `html.escape`, so a title cannot open a tag or an attribute.
"""

from __future__ import annotations

import math
from html import escape
from typing import NamedTuple

COLOURS = {
    "provision": "#dbe8f7",
    "requirement": "#f7e6cf",
    "instrument": "#e4e4e4",
    "offence": "#e3f2dc",
    "penalty": "#f6dede",
}


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


def render(centre: str, nodes: list[Node], edges: list[Edge], title: str) -> str:
    ring = _rings(centre, nodes, edges)
    by_ring: dict[int, list[Node]] = {}
    for n in nodes:
        by_ring.setdefault(ring[n.id], []).append(n)
    step = 190
    size = 2 * step * max(by_ring, default=0) + 260
    mid = size / 2
    pos: dict[str, tuple[float, float]] = {}
    for r, members in sorted(by_ring.items()):
        for i, n in enumerate(sorted(members, key=lambda n: n.label)):
            angle = 2 * math.pi * i / len(members) + (0.3 * r)
            pos[n.id] = (mid + r * step * math.cos(angle), mid + r * step * math.sin(angle))
    # a viewBox around the boxes drawn, not the whole circle: no empty margins
    xs = [x for x, _ in pos.values()] or [mid]
    ys = [y for _, y in pos.values()] or [mid]
    left, top = min(xs) - 120, min(ys) - 30
    width, height = max(xs) - min(xs) + 240, max(ys) - min(ys) + 60
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-labelledby="svg-title" '
        'font-family="sans-serif" font-size="12">',
        f'<title id="svg-title">{escape(title)}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#666"/></marker></defs>',
    ]
    for e in edges:
        if e.source not in pos or e.target not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#888" '
            f'marker-end="url(#arrow)"><title>{escape(e.label)}</title></line>'
        )
    for n in nodes:
        x, y = pos[n.id]
        label = n.label if len(n.label) <= 30 else n.label[:29] + "…"
        box_width = min(220, 14 + 7 * len(label))
        fill = "#f4f4f4" if n.muted else COLOURS.get(n.kind, "#ffffff")
        stroke = "#000" if n.id == centre else "#777"
        dash = ' stroke-dasharray="4 3"' if n.muted else ""
        box = (
            f'<rect x="{x - box_width / 2:.1f}" y="{y - 13:.1f}" width="{box_width}" height="26" rx="5" '
            f'fill="{fill}" stroke="{stroke}"{dash}/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">{escape(label)}</text>'
            f"<title>{escape(n.label)}{' (not in force)' if n.muted else ''}</title>"
        )
        if n.href:
            out.append(f'<a href="{escape(n.href)}">{box}</a>')
        else:
            out.append(f"<g>{box}</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
