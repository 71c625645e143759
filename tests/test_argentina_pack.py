"""Argentina is a data pack: every Chilean answer is byte-identical with and without its files
(the shipped corpus against the same corpus with Argentina's files taken away), the corpus
without them still validates, and the code holds no Argentine law."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from test_packs import CHILE, _files, lawbase, owned_by, validate


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the shipped corpus without Argentina's files, the shipped corpus), each named `data`."""
    without = tmp_path_factory.mktemp("without-ar") / "data"
    shutil.copytree(DATA, without)
    gone = owned_by(without, "ar")
    assert len(gone) > 40 and all(
        "/ar" in str(p.relative_to(without)) or p.name.startswith("ar") for p in gone
    )
    for path in gone:
        path.unlink()
    with_ar = tmp_path_factory.mktemp("with-ar") / "data"
    shutil.copytree(DATA, with_ar)
    return without, with_ar


def test_the_corpus_without_argentina_validates(corpora: tuple[Path, Path]) -> None:
    r = validate(corpora[0])
    assert (0, "") == (r.code, r.err), r.err


# besides the commands the other pack's test asks: the ones another State's law could leak into
# (suggestions, search, the conduct list, the matrix of Chile alone; the matrix of every State
# the corpus holds is a question about both, and differs)
MORE = [
    ["show", "Ley 19.927"],
    ["show", "CP 999"],
    ["search", "trata de personas", "--json"],
    ["search", "128"],
    ["penalty", "--conduct", "csam-possession"],
    ["penalty", "--conduct", "trafficking-sexual", "--json"],
    ["matrix", "--jurisdiction", "cl", "--json"],
    ["gaps", "--as-of", "2009-01-01", "--json"],
    ["coverage", "Palermo", "--json"],
    ["extradition", "367ter"],
    ["age", "16"],
]


@pytest.mark.parametrize("args", CHILE + MORE, ids=[" ".join(a) for a in CHILE + MORE])
def test_chile_answers_are_byte_identical_with_and_without_argentina(
    corpora: tuple[Path, Path], args: list[str]
) -> None:
    without, with_ar = (lawbase(c, *args) for c in corpora)
    assert (without.code, without.out, without.err) == (with_ar.code, with_ar.out, with_ar.err)


def test_chile_site_is_byte_identical_with_and_without_argentina(corpora: tuple[Path, Path]) -> None:
    sites = []
    for corpus in corpora:
        out = corpus.parent / "site"
        r = lawbase(corpus, "site", str(out))
        assert r.code == 0, r.err
        sites.append(_files(out))
    without, with_ar = sites
    assert sorted(without) == sorted(with_ar)
    assert [] == [str(p) for p in without if with_ar[p] != without[p]]


def test_no_code_file_names_argentine_law() -> None:
    """The engine knows no Argentine article, law or court: only data does (docstrings may say
    why a feature exists, e.g. the midpoint test, but no code branches on Argentina)."""
    hits = []
    for path in sorted((ROOT / "lawbase").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if '"ar"' in code or "'ar'" in code or "ar-cp" in code or "ar-ley" in code:
                hits.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert [] == hits
