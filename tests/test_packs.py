"""A country is files: a fictional jurisdiction (tests/packs/xa, "Xandria") added to a copy of the
shipped corpus adds files and edits none, validates, leaves every answer about Chile unchanged to
the byte, and answers its own questions; no code knows of it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, ROOT, Result, run_cli

PACKS = Path(__file__).parent / "packs"
PACK = "xa"


def add_pack(corpus: Path, pack: Path) -> list[Path]:
    """Copy the pack's files into the corpus; none may replace a file already there."""
    added = []
    for src in sorted(pack.rglob("*.yaml")):
        target = corpus / src.relative_to(pack)
        assert not target.exists(), f"the pack would edit {target.relative_to(corpus)}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        added.append(target)
    return added


def owned_by(corpus: Path, jurisdiction: str) -> list[Path]:
    """The files a jurisdiction owns: its own file, bibliography, status folder, and its
    instruments and scales (by their `jurisdiction`, or an instrument addressed to it alone)
    with the instruments' articles."""
    j = re.escape(jurisdiction)
    own = re.compile(rf"^(jurisdiction: {j}|addressed_to: \[{j}\])$", re.M)
    files = [corpus / "jurisdictions" / f"{jurisdiction}.yaml", corpus / "sources" / f"{jurisdiction}.yaml"]
    files += sorted((corpus / "status" / jurisdiction).glob("*.yaml"))
    for area in ("instruments", "scales"):
        for path in sorted((corpus / area).glob("*.yaml")):
            if own.search(path.read_text(encoding="utf-8")):
                files.append(path)
                if area == "instruments":
                    files += sorted((corpus / "articles" / path.stem).glob("*.yaml"))
    return [f for f in files if f.exists()]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a copy of the shipped corpus, the same with the pack added), each named `data`."""
    without = tmp_path_factory.mktemp("without") / "data"
    shutil.copytree(DATA, without)
    with_pack = tmp_path_factory.mktemp("with") / "data"
    shutil.copytree(DATA, with_pack)
    add_pack(with_pack, PACKS / PACK)
    return without, with_pack


def lawbase(corpus: Path, *args: str) -> Result:
    """A command on `corpus`, with a cache of its own."""
    cache = corpus.parent / "cache"
    return run_cli(*args, "--data", str(corpus), env={"LAWBASE_CACHE_DIR": str(cache)})


def validate(corpus: Path) -> Result:
    return run_cli("validate", str(corpus), env={"LAWBASE_CACHE_DIR": str(corpus.parent / "cache")})


# --- the pack is files ---------------------------------------------------------------------------


def test_the_pack_adds_files_and_edits_none(tmp_path: Path) -> None:
    """Every file of the pack is new to the corpus (add_pack refuses to replace one)."""
    corpus = tmp_path / "data"
    shutil.copytree(DATA, corpus)
    added = add_pack(corpus, PACKS / PACK)
    assert sorted(owned_by(corpus, PACK)) == sorted(added)


def test_no_code_knows_the_pack() -> None:
    """Adding the jurisdiction took no code: lawbase/ never names it, its code or its scale."""
    names = ("xa-", "Xandria", "XPC")
    for path in sorted((ROOT / "lawbase").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not [n for n in names if n in text], path


def test_the_packs_files_are_canonically_formatted(corpora: tuple[Path, Path]) -> None:
    from lawbase.corpus import canonical as fmt
    from lawbase.corpus.files import find_files

    corpus = corpora[1]
    mine = set(owned_by(corpus, PACK))
    files, _ = find_files(corpus)
    checked = [(kind, path) for kind, _, path in files if path in mine]
    assert len(checked) == len(mine)
    for kind, path in checked:
        assert [] == fmt.check(path, corpus, kind, fmt.key_order(corpus / "schema", kind)), path


def test_the_corpus_with_the_pack_validates(corpora: tuple[Path, Path]) -> None:
    r = validate(corpora[1])
    assert (0, "") == (r.code, r.err), r.err
    assert "no problems found" in r.out


@pytest.mark.parametrize("jurisdiction", ["cl", PACK])
def test_the_corpus_without_one_jurisdictions_files_validates(
    corpora: tuple[Path, Path], tmp_path: Path, jurisdiction: str
) -> None:
    """No other jurisdiction, nor the international instruments, depends on a jurisdiction's files:
    take them all away (Chile's too) and what is left still validates."""
    corpus = tmp_path / "data"
    shutil.copytree(corpora[1], corpus)
    gone = owned_by(corpus, jurisdiction)
    assert len(gone) > 5
    for path in gone:
        path.unlink()
    # the corpus's own settings name its default State: without that State, the corpus has none
    settings = corpus / "corpus.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace(f"default_jurisdiction: {jurisdiction}\n", ""), encoding="utf-8")
    r = validate(corpus)
    assert (0, "") == (r.code, r.err), r.err


# --- Chile's answers do not change -------------------------------------------------------------------

CHILE = [
    ["show", "367ter", "--json"],
    ["show", "367ter"],
    ["show", "CRC 34", "--json"],
    ["show", "art. 21 del Código Penal", "--as-of", "2001-06-01", "--json"],
    ["show", "999"],
    ["penalty", "366 quinquies", "--history", "--json"],
    ["penalty", "374", "--history"],
    ["penalty", "--conduct", "csam-possession", "--json"],
    ["search", "pornografía", "--json"],
    ["gaps", "--json"],
    ["gaps", "--as-of", "2018-06-01", "--format", "md"],
    ["gaps", "--against", "OPSC", "--format", "csv"],
    ["gaps"],
    ["coverage", "OPSC", "--json"],
    ["coverage", "CRC", "--as-of", "2018-06-01"],
    ["compare", "2001-06-01", "2018-06-01", "--json"],
    ["compare", "2001-06-01", "2018-06-01"],
    ["age", "15", "--json"],
    ["refs", "cl-cot/6", "--json"],
    ["refs", "367 bis", "--reverse"],
    ["extradition", "367ter", "--json"],
    ["extradition", "366 quinquies", "--treaty", "mercosur-extradition"],
    ["graph", "367ter", "--format", "json"],
]


@pytest.mark.parametrize("args", CHILE, ids=[" ".join(a) for a in CHILE])
def test_chile_answers_are_byte_identical_with_and_without_the_pack(
    corpora: tuple[Path, Path], args: list[str]
) -> None:
    without, with_pack = (lawbase(c, *args) for c in corpora)
    assert (without.code, without.out, without.err) == (with_pack.code, with_pack.out, with_pack.err)


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_chile_site_is_byte_identical_with_and_without_the_pack(
    corpora: tuple[Path, Path], tmp_path: Path
) -> None:
    """The site of the corpus's own State, built through the library, is the same page for page."""
    import lawbase
    from lawbase import api

    sites = []
    for i, corpus in enumerate(corpora):
        api.site(lawbase.load(corpus), tmp_path / str(i))
        sites.append(_files(tmp_path / str(i)))
    without, with_pack = sites
    assert sorted(without) == sorted(with_pack)
    assert [] == [str(p) for p in without if with_pack[p] != without[p]]


def test_chile_site_from_the_command_line_is_byte_identical(corpora: tuple[Path, Path]) -> None:
    sites = []
    for corpus in corpora:
        out = corpus.parent / "site"
        assert lawbase(corpus, "site", str(out)).code == 0
        sites.append(_files(out))
    without, with_pack = sites
    assert sorted(without) == sorted(with_pack)
    assert [] == [str(p) for p in without if with_pack[p] != without[p]]


# --- the pack answers its own questions ---------------------------------------------------------


@pytest.fixture(scope="module")
def pack_kb(corpora: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    """The corpus with the pack, loaded through the library."""
    import lawbase

    return lawbase.load(corpora[1])


def test_the_packs_provisions_resolve_with_its_own_reference_words(pack_kb) -> None:  # type: ignore[no-untyped-def]
    """'section 510 of the XPC' is read with Xandria's words; a bare '510' is its Penal Code's."""
    from lawbase import api

    for typed in ("section 510 of the XPC", "510", "XPC 510", "xa-pc/510"):
        assert "xa-pc/510" == api.show(pack_kb, typed, jurisdiction=PACK)["id"], typed


def test_the_packs_penalties_are_named_by_its_scale(pack_kb) -> None:  # type: ignore[no-untyped-def]
    from lawbase import api

    versions = api.penalty(pack_kb, "510", history=True, jurisdiction=PACK)["versions"]
    texts = [o["penalty"]["text"] for v in versions for o in v["offences"]]
    assert texts == [
        "imprisonment of the lower class, any grade",
        "imprisonment of the lower class, second grade to imprisonment of the upper class, first grade",
    ]
    aggravated = versions[-1]["offences"][0]["aggravated"][0]
    assert (["armed-offender"], "imprisonment of the upper class, any grade") == (
        aggravated["conditions"],
        aggravated["penalty"]["text"],
    )
    old = api.penalty(pack_kb, "511", dt.date(2000, 1, 1), jurisdiction=PACK)
    fine = old["versions"][0]["offences"][0]["penalty"]
    assert fine["fine"] is not None
    assert (10, 50, True) == (fine["fine"]["min"], fine["fine"]["max"], fine["fine"]["alternative"])
    assert ("pu", "penalty units") == (fine["fine"]["unit"], fine["fine"]["label"])  # its own unit and label


def test_the_packs_gaps_name_its_courts_and_its_standing(corpora: tuple[Path, Path]) -> None:
    """The gap list of Xandria assesses Xandria: its offences, its courts, its ratifications."""
    import json

    r = lawbase(corpora[1], "gaps", "--jurisdiction", PACK, "--json")
    assert r.code == 0, r.err
    findings = {f["id"]: f for f in json.loads(r.out)["findings"]}
    assert findings["jurisdiction:csam-possession"]["recommendation"].startswith(
        "Give Xandrian courts jurisdiction over XPC art. 511 committed abroad when"
    )
    standing = findings["jurisdiction:csam-possession"]["instrument_status"]
    assert (PACK, "in-force", "2005-02-10") == (
        standing["jurisdiction"],
        standing["status"],
        standing["since"],
    )
    assert '"provision": "cl-' not in r.out  # no Chilean provision is evidence


def test_the_packs_coverage_compare_and_age_are_its_own(pack_kb) -> None:  # type: ignore[no-untyped-def]
    """coverage, compare and age of Xandria name its provisions and none of Chile's."""
    import json

    from lawbase import api

    answers = {
        "coverage": api.coverage(pack_kb, "OPSC", jurisdiction=PACK),
        "compare": api.compare(pack_kb, dt.date(2001, 6, 1), dt.date(2018, 6, 1), jurisdiction=PACK),
        "age": api.age(pack_kb, 15, jurisdiction=PACK),
    }
    for name, answer in answers.items():
        text = json.dumps(answer, ensure_ascii=False)
        assert "xa-pc/51" in text and '"cl-' not in text, name
    changed = answers["compare"]["provisions"]
    assert (["xa-pc/512"], {"xa-pc/510", "xa-pc/511"}) == (
        [p["id"] for p in changed["added"]],
        {p["id"] for p in changed["amended"]},
    )


def test_the_packs_site_pages(pack_kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The site of Xandria has a page for each of its provisions, with its penalties, and none of Chile's."""
    from lawbase import api

    api.site(pack_kb, tmp_path / "site", jurisdiction=PACK)
    pages = sorted(p.name for p in (tmp_path / "site").glob("*.html"))
    assert [p for p in pages if p.startswith("xa-pc")] and not [p for p in pages if p.startswith("cl-")]
    # the article's own page (its text on the site's date), not one of its version pages
    page = next(p for p in (tmp_path / "site").glob("xa-pc*510*.html") if p.name.count(".") == 1)
    assert "imprisonment of the upper class, any grade" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["show", "section 510 of the XPC", "--json"],
        ["penalty", "510", "--json"],
        ["coverage", "OPSC", "--json"],
        ["compare", "2001-06-01", "2018-06-01", "--json"],
        ["age", "15", "--json"],
    ],
    ids=lambda a: " ".join(a),
)
def test_the_command_line_answers_for_the_pack(corpora: tuple[Path, Path], args: list[str]) -> None:
    """Each command asked about Xandria answers with its law alone."""
    r = lawbase(corpora[1], *args, "--jurisdiction", PACK)
    assert r.code == 0, r.err
    assert "xa-pc/51" in r.out and '"cl-' not in r.out


def test_a_warm_cache_sees_a_pack_added_and_a_status_file_edited(tmp_path: Path) -> None:
    """The compiled cache picks up new folders of the layout and edits to a State's status file."""
    corpus = tmp_path / "data"
    shutil.copytree(DATA, corpus)
    assert lawbase(corpus, "show", "367ter", "--json").code == 0  # compiles the cache
    add_pack(corpus, PACKS / PACK)
    r = lawbase(corpus, "gaps", "--jurisdiction", PACK, "--json")
    assert r.code == 0 and "xa-pc/511" in r.out and '"since": "2005-02-10"' in r.out, r.err
    status = corpus / "status" / PACK / "un-opsc.yaml"
    text = status.read_text(encoding="utf-8").replace('date: "2005-02-10"', 'date: "2006-02-10"')
    status.write_text(text, encoding="utf-8")
    st = os.stat(status)
    os.utime(status, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    r = lawbase(corpus, "gaps", "--jurisdiction", PACK, "--json")
    assert '"since": "2006-02-10"' in r.out, r.err
