"""What a reader is shown cites public sources only: no command, format or site page may show
the team's internal provenance (the fact sheet, its section marks, line pinpoints into our copy
of a report, the git mirror a text was read in, working-note words), and every citation printed
carries a public reference, most of them an official address."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import DATA, run_cli

from lawbase import queries

# what only the team's notes say; CP paragraph names ("§6 bis", "Title VII, §5") are law and pass
PROVENANCE_WORDS = re.compile(
    r"fact ?sheet|factsheet|ground-truth|research-notes|diffed|\bmirror\b|diegocaro|leychile-texto|pisanvs"
    r"|\bcommit [0-9a-f]{7}|had guessed|per the fact",
    re.IGNORECASE,
)
# marks, case as the notes write them: section marks, the reports' nicknames, line pinpoints
PROVENANCE_MARKS = re.compile(r"§ ?\d+\.\d+|\bS[12]\b(?!-)|\bL\d{2,4}\b|\[[UV]\]|UNVERIFIED")
DATES = ["1990-01-01", "2001-06-01", "2004-06-01", "2019-06-01", "2026-12-01"]


def leaks(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        m = PROVENANCE_WORDS.search(line) or PROVENANCE_MARKS.search(line)
        if m:
            out.append(line[max(0, m.start() - 60) : m.end() + 40].strip())
    return out


def test_the_pattern_catches_what_the_review_found() -> None:
    for bad in [
        "fact sheet §7 and §12.2 say",
        "Chile — ground-truth fact sheet, §6.1 (art. 35).",
        "S1 L93: CRC articles",
        "unchanged since the original text of 12 Oct 2000 (diffed)",
        "§7 had guessed a threshold",
        "read in the mirror commit b994847",
        "per the fact sheet",
    ]:
        assert leaks(bad), bad
    for good in [
        "Title VII, §6: Del estupro",
        "§5–§6 offences",
        "the new §6 bis",
        "Ley 19.927, D.O. 14.01.2004",
    ]:
        assert not leaks(good), good


def _commands(kb) -> list[list[str]]:  # type: ignore[no-untyped-def]
    cmds: list[list[str]] = []
    for d in DATES:
        for fmt in ("table", "json", "md", "csv"):
            cmds.append(["gaps", "--as-of", d, "--format", fmt])
        cmds += [
            ["age", "15", "--as-of", d],
            ["age", "10", "--as-of", d, "--json"],
            ["extradition", "367 ter", "--as-of", d],
            ["extradition", "374 bis", "--as-of", d, "--json"],
            ["penalty", "367 ter", "--as-of", d, "--history"],
            ["penalty", "374", "--as-of", d],
            ["coverage", "opsc", "--as-of", d],
            ["coverage", "crc", "--as-of", d, "--json"],
        ]
    cmds += [
        ["compare", "2001-06-01", "2024-01-01"],
        ["compare", "1990-01-01", "2019-06-01", "--json"],
        ["search", "prostitution"],
        ["refs", "366 quinquies"],
        ["graph", "--format", "json"],
        ["graph", "367 ter", "--format", "html"],
        ["validate"],
    ]
    return cmds


def test_no_command_in_any_format_shows_internal_provenance(kb) -> None:  # type: ignore[no-untyped-def]
    found = {}
    for args in _commands(kb):
        r = run_cli(*args)
        assert r.code in (0, 1), (args, r.err)
        if bad := leaks(r.out + r.err):
            found[" ".join(args)] = bad[:3]
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_no_provision_shows_internal_provenance_at_any_of_its_dates(kb) -> None:  # type: ignore[no-untyped-def]
    found = {}
    for pid, p in kb.provisions.items():
        dates = {v.start for v in p.versions} | {dt.date(1990, 1, 1), dt.date(2026, 12, 1)}
        for d in sorted(dates):
            text = json.dumps(queries.provision(kb, kb.at(p, d)), ensure_ascii=False)
            if bad := leaks(text):
                found[f"{pid} {d}"] = bad[:2]
    for rid in kb.requirements:
        text = json.dumps(queries.requirement(kb, rid, dt.date(2026, 12, 1)), ensure_ascii=False)
        if bad := leaks(text):
            found[rid] = bad[:2]
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)[:4000]


def test_show_in_the_terminal_shows_public_references_with_their_addresses() -> None:
    r = run_cli("show", "367 ter", "--as-of", "2018-06-01")
    assert r.code == 0
    assert "Código Penal, LeyChile idNorma 1984, idVersion 2004-01-14, art. 367 ter" in r.out
    assert "https://www.bcn.cl/leychile/navegar?idNorma=1984&idVersion=2004-01-14" in r.out
    assert "Ley 19.927, D.O. 14.01.2004, LeyChile idNorma 220055, art. 1 N°16" in r.out
    assert not leaks(r.out)


def test_every_site_page_is_free_of_internal_provenance(tmp_path: Path) -> None:
    out = tmp_path / "site"
    r = run_cli("site", str(out), "--as-of", "2019-06-01")
    assert r.code == 0, r.err
    pages = sorted(out.rglob("*.html")) + sorted(out.rglob("*.js"))
    assert len(pages) > 100
    found = {p.name: leaks(p.read_text(encoding="utf-8"))[:2] for p in pages}
    assert not {k: v for k, v in found.items() if v}


def test_every_citation_printed_has_a_public_reference(kb) -> None:  # type: ignore[no-untyped-def]
    """Each source a citation names is public: a title fit to print, and an official address or a
    publication a reader can find; consolidated texts are cited by a version LeyChile holds."""
    sources = kb.sources
    with_url = 0
    for src in sources.values():
        assert not leaks(src.title), src.id
        assert src.kind != "research-notes", src.id
        if (src.official and src.official.url) or src.url:
            with_url += 1
    assert with_url / len(sources) > 0.5
    cited = 0
    for p in kb.provisions.values():
        for v in p.versions:
            for c in v.sources:
                cited += 1
                src = sources[c.source]
                if src.versions:
                    assert c.version in src.versions, (p.id, v.start, c)
                j = queries.citation(kb, c)
                assert j["title"] and not leaks(
                    j["title"] + " " + (j.get("note") or "") + " " + (j.get("reason") or "")
                )
    assert cited > 150


@pytest.mark.parametrize(
    "sid", ["leychile-cp", "leychile-cot", "leychile-cpp", "leychile-cdpp", "leychile-cc"]
)
def test_a_consolidated_text_links_to_the_version_read(kb, sid: str) -> None:  # type: ignore[no-untyped-def]
    src = kb.sources[sid]
    v = src.versions[-1]
    url = queries.public_url(src, v)
    assert (
        url
        and url.startswith("https://www.bcn.cl/leychile/navegar?idNorma=")
        and url.endswith(f"idVersion={v}")
    )


_CITED = re.compile(r'source: leychile-cp, version: "(\d{4}-\d{2}-\d{2})"')


def test_the_loader_refuses_a_version_the_register_does_not_hold(kb, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    f = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    text = f.read_text(encoding="utf-8")
    m = _CITED.search(text)
    assert m
    cited = dt.date.fromisoformat(m.group(1))
    wrong = cited + dt.timedelta(days=1)
    assert wrong not in kb.sources["leychile-cp"].versions
    f.write_text(text[: m.start(1)] + wrong.isoformat() + text[m.end(1) :], encoding="utf-8")
    r = run_cli("validate", str(corpus))
    assert r.code == 2
    assert "367-ter.yaml:" in r.err
    assert (
        f"source 'leychile-cp' has no version of {wrong} (the version in force then began {cited})" in r.err
    )


def test_the_loader_asks_for_the_version_of_a_consolidated_text(corpus: Path) -> None:
    f = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    text = f.read_text(encoding="utf-8")
    m = _CITED.search(text)
    assert m
    f.write_text(text[: m.start()] + "source: leychile-cp" + text[m.end() :], encoding="utf-8")
    r = run_cli("validate", str(corpus))
    assert r.code == 2
    assert "source 'leychile-cp' is a consolidated text: name the 'version' read" in r.err


def test_data_sources_yaml_keeps_maintainer_notes_out_of_titles() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("sources/*.yaml")))
    assert "id: factsheet" not in text
