"""The analysis commands a student or lawyer uses: graph, refs, age, extradition, coverage."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import run_cli

from lawbase import graph, matrix, queries
from lawbase.render import graphs

D2018, D2024 = dt.date(2018, 6, 1), dt.date(2024, 1, 1)


def test_graph_has_typed_edges_for_the_date(kb) -> None:  # type: ignore[no-untyped-def]
    g = graph.build(kb, D2018)
    types = {d["type"] for _, _, d in g.edges(data=True)}
    for t in ("part-of", "has-version", "amended-by", "defines-offence", "punished-by", "protects-age", "refers-to",
              "extends-jurisdiction-to", "extraditable-under", "requirement-of", "recommends", "cites", "applies-to"):  # fmt: skip
        assert t in types, t
    assert "repealed" == g.nodes["prov:cl-cp/367-bis"]["state"]
    assert "off:cl-cp/367-quater#possession" not in g  # not yet law in 2018


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "json"])
def test_graph_exports_a_neighbourhood(fmt: str) -> None:
    r = run_cli("graph", "367ter", "--depth", "1", "--format", fmt, "--as-of", "2018-06-01")
    assert 0 == r.code, r.err
    if fmt == "json":
        data = json.loads(r.out)
        assert any(n["id"] == "prov:cl-cp/367-ter" for n in data["nodes"])
    elif fmt == "dot":
        assert r.out.startswith("digraph lawbase {") and '"prov:cl-cp/367-ter"' in r.out
    else:
        assert r.out.startswith("flowchart LR")


def test_every_edge_of_the_graph_joins_two_of_its_nodes(kb) -> None:  # type: ignore[no-untyped-def]
    """A reference edge points at the provision's node; the id the statute cites is its `ref`."""
    shape = graph.shape(graph.build(kb, D2018))
    ids = {n["id"] for n in shape["nodes"]}
    assert [] == [e for e in shape["edges"] if e["source"] not in ids or e["target"] not in ids]
    cited = {e["ref"] for e in shape["edges"] if e["type"] == "refers-to"}
    assert "cl-cp/367-bis#minor-victim" in cited


def test_graph_formats_draw_the_json_shape_without_networkx() -> None:
    """render/graphs.py takes the JSON shape, so a renderer needs no graph library."""
    shape = {
        "as_of": "2018-06-01",
        "nodes": [
            {"id": "prov:a", "kind": "provision", "label": 'A "x"'},
            {"id": "inst:b", "kind": "instrument", "label": "B"},
        ],
        "edges": [{"source": "prov:a", "target": "inst:b", "type": "part-of"}],
    }
    dot = graphs.to_dot(shape)  # type: ignore[arg-type]
    assert '  "prov:a" -> "inst:b" [label="part of"];' in dot and 'label="A \\"x\\""' in dot
    assert '  n0 -->|"part of"| n1' in graphs.to_mermaid(shape)  # type: ignore[arg-type]
    assert 'A "x"' == graphs.label(shape, "prov:a")  # type: ignore[arg-type]


def test_refs_marks_references_to_provisions_not_in_force(kb) -> None:  # type: ignore[no-untyped-def]
    tree = queries.refs(kb, "COT 6", D2018)["tree"]
    dead = [c for c in tree["children"] if c["in_force"] is False]
    assert ["cl-cp/367-bis#minor-victim"] == [c["id"] for c in dead]


def test_refs_reverse_finds_who_cites_an_article(kb) -> None:  # type: ignore[no-untyped-def]
    tree = queries.refs(kb, "374 bis", D2018, reverse=True)["tree"]
    assert "cl-cot/6" in {c["provision"] for c in tree["children"]}


def test_refs_follows_366_quinquies_to_374_bis(kb) -> None:  # type: ignore[no-untyped-def]
    tree = queries.refs(kb, "366 quinquies", D2018)["tree"]
    assert "cl-cp/374-bis" in {c["provision"] for c in tree["children"]}


def test_age_shows_what_protects_a_child(kb) -> None:  # type: ignore[no-untyped-def]
    at15 = {r["provision"]: r for r in queries.age(kb, 15, D2018)["offences"]}
    assert "cl-cp/367-ter" in at15 and at15["cl-cp/367-ter"]["unconditional"]
    assert not at15["cl-cp/363"]["unconditional"]  # estupro needs abuse
    at13 = {r["provision"] for r in queries.age(kb, 13, D2018)["offences"]}
    assert "cl-cp/362" in at13 and "cl-cp/367-ter" not in at13
    assert "cl-cp/367-ter" in {r["provision"] for r in queries.age(kb, 13, D2024)["offences"]}


def test_extradition_per_code_and_treaty(kb) -> None:  # type: ignore[no-untyped-def]
    data = queries.extradition(kb, "367 ter", D2018)
    o = data["offences"][0]
    codes = {c["provision"]: c for c in o["codes"]}
    assert codes["cl-cpp/431"]["qualifies"] and codes["cl-cpp/431"]["governs_facts_of_date"]
    treaties = {t["treaty"]: t for t in o["treaties"]}
    assert treaties["cl-kr-extradition"]["qualifies"] and treaties["cl-kr-extradition"]["verified"]
    assert not treaties["cl-us-extradition"]["verified"]


def test_extradition_treaty_filter_and_unknown_treaty() -> None:
    r = run_cli("extradition", "367ter", "--treaty", "cl-us-extradition", "--json")
    assert ["cl-us-extradition"] == [t["treaty"] for t in json.loads(r.out)["offences"][0]["treaties"]]
    r = run_cli("extradition", "367ter", "--treaty", "atlantis")
    assert 1 == r.code and "did you mean" in r.err


def test_coverage_matrix_of_the_opsc(kb) -> None:  # type: ignore[no-untyped-def]
    data = matrix.coverage(kb, "OPSC", D2018)
    rows = {r["id"]: r for r in data["requirements"]}
    # the paying client of a child under 14 commits rape or sexual abuse (362, 366 bis): covered
    assert "met" == rows["un-opsc/3-1-b"]["status"]
    assert "full" == rows["un-opsc/3-1-b"]["cells"]["cl-cp/367-ter"]
    assert "full" == rows["un-opsc/3-1-b"]["cells"]["cl-cp/362"]
    assert "met" == rows["un-opsc/3-1-c"]["status"]


@pytest.mark.parametrize(
    "args",
    [["gaps", "--json"], ["coverage", "OPSC", "--json"], ["compare", "2001-06-01", "2024-01-01", "--json"],
     ["age", "15", "--json"], ["refs", "COT 6", "--json"], ["extradition", "367ter", "--json"], ["graph", "--format", "json"]],
)  # fmt: skip
def test_every_analysis_prints_only_json(args: list[str]) -> None:
    r = run_cli(*args)
    assert 0 == r.code, r.err
    json.loads(r.out)


@pytest.mark.parametrize(
    "args",
    [
        ["gaps"],
        ["coverage", "OPSC"],
        ["compare", "2001-06-01", "2024-01-01"],
        ["age", "15"],
        ["refs", "COT 6"],
        ["extradition", "367ter"],
    ],
)
def test_every_analysis_renders_for_the_terminal(args: list[str]) -> None:
    r = run_cli(*args, "--as-of", "2018-06-01") if args[0] not in ("compare",) else run_cli(*args)
    assert 0 == r.code and r.out.strip(), r.err


@pytest.mark.parametrize("when", [D2018, dt.date(2026, 12, 1)])
def test_the_neighbourhood_does_not_walk_through_the_code(kb, when: dt.date) -> None:  # type: ignore[no-untyped-def]
    """At depth 2 the walk reaches 366 quinquies' code (part-of) but not, through it, every
    article of the code: each node drawn is linked to the rest by something other than part-of."""
    g = graph.build(kb, when)
    near = graph.shape(graph.neighbourhood(g, "prov:cl-cp/366-quinquies", 2))
    ids = {n["id"] for n in near["nodes"]}
    assert "inst:cl-cp" in ids
    linked = {end for e in near["edges"] if e["type"] != "part-of" for end in (e["source"], e["target"])}
    # the code of an article drawn is reached by its part-of, and nothing is reached from a code
    assert [] == sorted(n for n in ids - linked - {"prov:cl-cp/366-quinquies"} if not n.startswith("inst:"))
    everything = sum(1 for n in g.nodes if n.startswith("prov:cl-cp/"))
    assert sum(1 for n in ids if n.startswith("prov:cl-cp/")) < everything


def test_the_neighbourhood_takes_the_article_s_own_text_as_no_step(kb) -> None:  # type: ignore[no-untyped-def]
    """Depth 1 of an article holds what its text says: the offence it defines and its penalty,
    what it refers to; not the penalties of the articles it refers to (a step further)."""
    g = graph.build(kb, D2018)
    near = graph.neighbourhood(g, "prov:cl-cp/367-ter", 1)
    assert "off:cl-cp/367-ter" in near and "inst:cl-cp" in near
    own = {v for _, v, d in g.out_edges("off:cl-cp/367-ter", data=True) if d["type"] == "punished-by"}
    assert own and own <= set(near)
    theirs = {v for _, v, d in g.out_edges("off:cl-cp/361", data=True) if d["type"] == "punished-by"} - own
    assert "prov:cl-cp/361" in near and theirs and not theirs & set(near)


def test_an_original_text_is_not_amended_by_its_own_code(kb) -> None:  # type: ignore[no-untyped-def]
    """`CP art. 95 (1875-03-01) --amended-by--> CP` said the Code amended itself."""
    shape = graph.shape(graph.build(kb, D2024))
    version_of = {e["target"]: e["source"] for e in shape["edges"] if e["type"] == "has-version"}
    code_of = {e["source"]: e["target"] for e in shape["edges"] if e["type"] == "part-of"}
    amended = [e for e in shape["edges"] if e["type"] == "amended-by"]
    assert amended and all(code_of[version_of[e["source"]]] != e["target"] for e in amended)


def _svg(*args: str) -> tuple[list[str], list[tuple[float, float, float, float]], str]:
    """The texts, the boxes (x, y, width, height, outside the legend) and the source of an SVG."""
    import xml.etree.ElementTree as ET

    r = run_cli("graph", *args, "--format", "svg")
    assert 0 == r.code, r.err
    root = ET.fromstring(r.out)
    ns = "{http://www.w3.org/2000/svg}"
    legend = {id(x) for g in root.iter(f"{ns}g") if g.get("class") == "legend" for x in g.iter()}
    named = [g.findtext(f"{ns}title") for g in root.iter(f"{ns}g") if g.get("class") != "legend"]
    assert len(named) == len(set(named)), "two boxes with one label"
    texts = [t.text or "" for t in root.iter(f"{ns}text")]
    boxes = [
        (float(b.get("x", 0)), float(b.get("y", 0)), float(b.get("width", 0)), float(b.get("height", 0)))
        for b in root.iter(f"{ns}rect")
        if id(b) not in legend and b.get("rx") == "5"
    ]
    return texts, boxes, r.out


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", ["Legend", "Links", "provision", "refers to", "punished with", "under 18"]),
     ("es", ["Leyenda", "Vínculos", "disposición", "se remite a", "sancionado con", "menor de 18 años"])],
)  # fmt: skip
def test_the_svg_is_fit_for_a_slide(lang: str, words: list[str]) -> None:
    """A legend, every line labelled in the reader's language, no code, no box on another."""
    texts, boxes, out = _svg("367ter", "--depth", "2", "--as-of", "2024-01-01", "--lang", lang)
    for w in words:
        assert w in texts, w
    assert out.count("<line ") >= 10
    for code in ("part-of", "refers-to", "punished-by", "amended-by", "age:", "prov:", "in-force"):
        assert not [t for t in texts if code in t], code
    labels = [t for t in texts if t in graphs.EDGE_WORDS.values()] if lang == "en" else []
    assert lang == "es" or len(labels) >= 10  # every line drawn says what it is
    assert len(boxes) >= 10
    for i, (x, y, w, h) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y, "two boxes overlap"


def test_a_long_label_wraps_between_words() -> None:
    from lawbase.render import svg

    text = "presidio menor en su grado máximo a presidio mayor en su grado mínimo"
    lines = svg.wrap(text, 20)
    assert " ".join(lines) == text and all(len(line) <= 20 for line in lines)
    assert ["Incomprehensibilities", "x"] == svg.wrap("Incomprehensibilities x", 8)  # whole, never cut


def test_no_drawing_shows_an_id(kb) -> None:  # type: ignore[no-untyped-def]
    """Every box of every article's drawing is labelled for a person: no recommendation id
    (`upr-2014-cl/iran-sec-law`), no variant code (`(minor-victim)`)."""
    import re

    for when in (D2018, D2024):
        g = graph.build(kb, when)
        for pid in kb.provisions:
            out = graphs.to_svg(graph.shape(graph.neighbourhood(g, f"prov:{pid}", 2)), f"prov:{pid}")
            for label in re.findall(r"<title>([^<]*)</title>", out):
                assert not re.search(r"/|\([a-z0-9]+-[a-z0-9-]+\)|\b[a-z]+-[a-z]+-[a-z]+\b", label), (
                    pid,
                    label,
                )


def test_each_kind_of_line_has_its_own_colour() -> None:
    """The legend tells the links apart by colour: two kinds never share one."""
    from lawbase.render import svg

    assert len(set(svg.EDGE_COLOURS)) >= len(graphs.EDGE_WORDS)
