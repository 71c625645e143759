"""The compiled cache: warm runs parse no YAML; stale, corrupt or foreign caches are rebuilt."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli
from test_bad_corpora import CASES, header

from lawbase.corpus import cache, loader
from lawbase.errors import DataError


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"LAWBASE_CACHE_DIR": str(tmp_path / "cache")}


def show(corpus: Path, env: dict[str, str], ref: str = "367ter", when: str = "2018-06-01") -> dict:  # type: ignore[type-arg]
    r = run_cli("show", ref, "--as-of", when, "--json", "--data", str(corpus), env=env)
    assert 0 == r.code, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def cache_files(env: dict[str, str]) -> list[Path]:
    return sorted(Path(env["LAWBASE_CACHE_DIR"]).glob("*.sqlite"))


def imported(args: list[str], env: dict[str, str]) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "lawbase", *args],
        capture_output=True, text=True, env={**os.environ, **env}, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return {m.group(1) for m in re.finditer(r"\|\s+(\S+)\s*$", proc.stderr, re.M)}


def test_a_warm_run_parses_no_yaml(corpus: Path, env: dict[str, str]) -> None:
    """The first run compiles; later ones import no yaml module at all, nor the linker, nor
    importlib.metadata (the version is read only when a cache is written: 45 ms)."""
    show(corpus, env)
    assert 1 == len(cache_files(env))
    for args in (["show", "367ter", "--json"], ["penalty", "367ter"], ["gaps", "--json"]):
        names = imported([*args, "--data", str(corpus)], env)
        assert "yaml" not in {n.split(".")[0] for n in names}, args
        assert not names & {"importlib.metadata", "lawbase.corpus.link", "lawbase.corpus.loader"}, args


def test_an_edited_file_is_seen_at_once(corpus: Path, env: dict[str, str]) -> None:
    assert "(the client offence)" in show(corpus, env)["title"]["en"] or True
    path = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("(the client offence)", "(EDITED)"), encoding="utf-8")
    assert "(EDITED)" in show(corpus, env, when="2018-06-01")["title"]["en"]


def test_an_edit_that_keeps_size_and_mtime_changes_nothing_but_a_content_change_is_seen(
    corpus: Path, env: dict[str, str]
) -> None:
    """Same stat → trusted; a content change with a new mtime → recompiled."""
    show(corpus, env)
    path = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    text = path.read_text(encoding="utf-8")
    new = text.replace("the client offence", "THE CLIENT OFFENCE")
    assert len(new) == len(text)
    st = path.stat()
    path.write_text(new, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert "THE CLIENT OFFENCE" in show(corpus, env)["title"]["en"]


def test_a_touched_file_is_not_recompiled(corpus: Path, env: dict[str, str]) -> None:
    show(corpus, env)
    db = sqlite3.connect(cache_files(env)[0])
    before = dict(db.execute("SELECT name, sha FROM files"))
    db.close()
    path = corpus / "articles" / "cl-cp" / "362.yaml"
    time.sleep(0.01)
    path.touch()
    show(corpus, env, "362")
    db = sqlite3.connect(cache_files(env)[0])
    assert before == dict(db.execute("SELECT name, sha FROM files"))


def test_added_and_removed_files_are_detected(corpus: Path, env: dict[str, str]) -> None:
    show(corpus, env)
    (corpus / "articles" / "cl-cp" / "374.yaml").unlink()
    r = run_cli("show", "374", "--data", str(corpus), env=env)
    assert 1 == r.code
    r = run_cli("gaps", "--json", "--data", str(corpus), env=env)
    assert 0 == r.code, r.err


def test_a_broken_edit_is_reported_and_the_cache_keeps_its_last_good_state(
    corpus: Path, env: dict[str, str]
) -> None:
    show(corpus, env)
    db_path = cache_files(env)[0]
    path = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    good = path.read_bytes()
    path.write_bytes(good.replace(b"by: cl-ley-19927", b"by: cl-ley-19928"))
    r = run_cli("show", "367ter", "--data", str(corpus), env=env)
    assert 2 == r.code and "cl-ley-19928" in r.err and "did you mean 'cl-ley-19927'" in r.err
    db = sqlite3.connect(db_path)
    assert "complete" in dict(db.execute("SELECT key, value FROM meta"))
    path.write_bytes(good)
    assert "cl-cp/367-ter" == show(corpus, env)["id"]


def test_a_reference_to_a_removed_provision_is_caught_incrementally(
    corpus: Path, env: dict[str, str]
) -> None:
    """Removing 374 bis breaks the references other files make to it."""
    show(corpus, env)
    (corpus / "articles" / "cl-cp" / "374-bis.yaml").unlink()
    r = run_cli("gaps", "--json", "--data", str(corpus), env=env)
    assert 2 == r.code
    assert "unknown" in r.err and "cl-cp/374-bis" in r.err


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "foreign-key"])
def test_a_damaged_cache_is_rebuilt_never_trusted(corpus: Path, env: dict[str, str], damage: str) -> None:
    expected = show(corpus, env)
    path = cache_files(env)[0]
    if damage == "truncate":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        db = sqlite3.connect(path)
        with db:
            db.execute("UPDATE meta SET value = 'made-by-other-code' WHERE key = 'key'")
        db.close()
    assert expected == show(corpus, env)


def test_the_cache_file_is_keyed_by_the_corpus_path(tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "data", tmp_path / "b" / "data"
    assert cache.cache_file(a) != cache.cache_file(b)


def test_no_cache_mode_writes_nothing(corpus: Path, env: dict[str, str]) -> None:
    r = run_cli("show", "367ter", "--data", str(corpus), env={**env, "LAWBASE_NO_CACHE": "1"})
    assert 0 == r.code
    assert [] == cache_files(env)


class _Rows:
    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        self.rows = rows

    def fetchone(self) -> tuple[object, ...] | None:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[tuple[object, ...]]:
        return self.rows

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rows)


def test_a_refresh_committed_in_the_middle_of_a_read_is_not_served_stale(
    corpus: Path, tmp_path: Path
) -> None:
    """Process B reads 367 ter's cached rows; process A, which saw the edit, commits the refresh
    right after B's first query. B must still answer with the edited text (a race CI once hit
    with ten processes at once)."""
    db_path = tmp_path / "c.sqlite"
    pid = "cl-cp/367-ter"
    provisions = cache.Cache(corpus, db_path).open(full=False).provisions
    assert isinstance(provisions, cache.CachedProvisions)
    store = provisions.store
    f = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("(the client offence)", "(EDITED)"), encoding="utf-8")
    real = store.db
    fired: list[bool] = []

    class Interleaved:
        def execute(self, sql: str, *args: object) -> _Rows:
            rows = _Rows(real.execute(sql, *args).fetchall())
            if not fired and "FROM provisions" in sql:
                fired.append(True)
                other = cache.Cache(corpus, db_path).open(full=False)  # process A
                assert "(EDITED)" in repr(other.provisions[pid])  # A refreshed and committed
            return rows

    store.db = Interleaved()
    assert "(EDITED)" in repr(store.provision(pid))
    assert fired


def _problems(read: Callable[[], object]) -> list[str]:
    try:
        read()
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return []


def _three_ways(corpus: Path, tmp_path: Path, edit: Callable[[Path], None]) -> list[str]:
    """The problems an edit causes, read the three ways a corpus is linked: refreshing a warm
    cache, compiling a cold one, and loading without a cache; all three must agree."""
    warm = tmp_path / "warm.sqlite"
    cache.Cache(corpus, warm).open(full=True)
    edit(corpus)
    refreshed = _problems(lambda: cache.Cache(corpus, warm).open(full=True))
    assert refreshed == _problems(lambda: cache.Cache(corpus, tmp_path / "cold.sqlite").open(full=True))
    assert refreshed == _problems(lambda: loader.load(corpus))
    return refreshed


# the catalogue's cases that only the cross-file checks catch
CROSS_FILE = [c for c in CASES if re.search(r": (unknown (?!field)|duplicate \w+ id)", header(c)[1])]


@pytest.mark.parametrize("case", CROSS_FILE, ids=[c.stem for c in CROSS_FILE])
def test_a_broken_reference_is_reported_alike_cached_or_not(case: Path, corpus: Path, tmp_path: Path) -> None:
    """One linker: a warm refresh reports what a cold build and the plain loader report (the
    refresh once missed an id defined twice in one file)."""
    target, expect = header(case)
    found = _three_ways(corpus, tmp_path, lambda c: (c / target).write_bytes(case.read_bytes()))
    assert any(p.startswith(f"data/{expect}") for p in found), found


def test_a_changed_bibliography_rechecks_every_citation_alike(corpus: Path, tmp_path: Path) -> None:
    """A shared file changed (a source renamed): every file citing it is reported, cached or not."""

    def rename(c: Path) -> None:
        path = c / "sources" / "cl.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "id: leychile-ley-20526\n", "id: leychile-ley-20526-x\n"
            ),
            "utf-8",
        )

    found = _three_ways(corpus, tmp_path, rename)
    assert len({p.split(":")[0] for p in found if "unknown source 'leychile-ley-20526'" in p}) > 1, found


def test_a_removed_provision_is_reported_where_it_is_cited_alike(corpus: Path, tmp_path: Path) -> None:
    """An id a refresh removes is looked for in the files not recompiled, as a full read does."""
    found = _three_ways(corpus, tmp_path, lambda c: (c / "articles" / "cl-cp" / "374-bis.yaml").unlink())
    assert found and all("cl-cp/374-bis" in p for p in found), found


def test_a_removed_provision_a_recommendation_concerns_is_reported_alike(
    corpus: Path, tmp_path: Path
) -> None:
    """A status file (a shared kind, not recompiled when a provision goes) that names the
    provision among a recommendation's concerns is found through the refs table too."""
    status = corpus / "status" / "cl" / "ngo-upr-2018-cl.yaml"
    text = status.read_text(encoding="utf-8")
    assert "concerns: [un-opsc/10-1]" in text
    status.write_text(
        text.replace("concerns: [un-opsc/10-1]", "concerns: [un-opsc/10-1, cl-cp/374-bis]"), "utf-8"
    )
    found = _three_ways(corpus, tmp_path, lambda c: (c / "articles" / "cl-cp" / "374-bis.yaml").unlink())
    assert any("ngo-upr-2018-cl.yaml" in p and "cl-cp/374-bis" in p for p in found), found


def test_a_corpus_answers_alike_through_its_cache_or_in_memory(tmp_path: Path) -> None:
    """The two provision sources give the same answers: every provision and requirement shown
    on two dates ("referred to by" once came in file-name order through the cache), and searches."""
    import datetime as dt

    from lawbase import queries

    cached = cache.Cache(ROOT / "data", tmp_path / "c.sqlite").open(full=False)
    memory = loader.load(ROOT / "data")
    assert isinstance(cached.provisions, cache.CachedProvisions)
    for when in (dt.date(2010, 6, 1), dt.date(2025, 6, 1)):
        for ident in [*memory.provisions, *memory.requirements]:
            assert queries.show(memory, ident, when) == queries.show(cached, ident, when), (ident, when)
    for words in ("client", "child pornography", "trafficking", "grooming", "367"):
        assert queries.search(memory, words, dt.date(2025, 6, 1)) == queries.search(
            cached, words, dt.date(2025, 6, 1)
        )


# --- a refresh proportional to the change (issue 13) ---


def _editor_save(path: Path, data: bytes) -> None:
    """Save as an editor does: a temporary file in the same folder renamed over the original
    (the folder's mtime changes, and the file's inode)."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@pytest.fixture
def listings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders refreshes list (display names; "*" for the whole tree). Folders are trusted
    at once (RACY_NS 0: a test's folders all changed within the last two seconds)."""
    from lawbase.corpus import files

    seen: list[str] = []
    real_list, real_find = files.list_folder, files.find_files_stat

    def list_folder(root: Path, folder: Path) -> Any:
        seen.append(str(Path(root.name) / folder.relative_to(root)))
        return real_list(root, folder)

    def find_files_stat(root: Path) -> Any:
        seen.append("*")
        return real_find(root)

    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(files, "list_folder", list_folder)
    monkeypatch.setattr(files, "find_files_stat", find_files_stat)
    return seen


@pytest.mark.parametrize("full", [False, True], ids=["point", "whole"])
def test_an_editor_save_lists_only_its_folder_and_its_content_is_seen(
    corpus: Path, tmp_path: Path, listings: list[str], full: bool
) -> None:
    db = tmp_path / "c.sqlite"
    cache.Cache(corpus, db).open(full=True)
    path = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    _editor_save(path, path.read_bytes())  # the same bytes: nothing to recompile
    listings.clear()
    kb = cache.Cache(corpus, db).open(full=full)
    assert listings == ["data/articles/cl-cp"]
    assert "(the client offence)" in kb.provisions["cl-cp/367-ter"].title.en
    _editor_save(path, path.read_bytes().replace(b"(the client offence)", b"(SAVED)"))
    listings.clear()
    kb = cache.Cache(corpus, db).open(full=full)
    assert listings == ["data/articles/cl-cp"]
    assert "(SAVED)" in kb.provisions["cl-cp/367-ter"].title.en
    listings.clear()
    cache.Cache(corpus, db).open(full=False)
    assert listings == []  # nothing changed since: no folder listed


@pytest.mark.parametrize("full", [False, True], ids=["point", "whole"])
def test_an_added_then_removed_file_is_found_then_gone(
    corpus: Path, tmp_path: Path, listings: list[str], full: bool
) -> None:
    db = tmp_path / "c.sqlite"
    cache.Cache(corpus, db).open(full=True)
    text = (corpus / "articles" / "cl-cp" / "362.yaml").read_text(encoding="utf-8")
    added = corpus / "articles" / "cl-cp" / "9999.yaml"
    added.write_text(
        text.replace("id: cl-cp/362", "id: cl-cp/9999").replace('number: "362"', 'number: "9999"')
    )
    listings.clear()
    kb = cache.Cache(corpus, db).open(full=full)
    assert listings == ["data/articles/cl-cp"]
    assert kb.provisions["cl-cp/9999"].number == "9999"
    added.unlink()
    listings.clear()
    kb = cache.Cache(corpus, db).open(full=full)
    assert listings == ["data/articles/cl-cp"]
    assert "cl-cp/9999" not in kb.provisions and "cl-cp/9999" not in set(kb.provisions)
    assert "cl-cp/362" in kb.provisions


def test_a_new_instrument_folder_is_listed_with_its_parent(
    corpus: Path, tmp_path: Path, listings: list[str]
) -> None:
    """A folder that appears is listed (its parent's mtime changed too); one that goes takes
    its files with it."""
    db = tmp_path / "c.sqlite"
    cache.Cache(corpus, db).open(full=True)
    src = corpus / "articles" / "cl-cot"
    moved = corpus / "articles" / "cl-cot-moved"
    src.rename(moved)  # its files are now in a folder of no instrument: a problem
    listings.clear()
    with pytest.raises(DataError) as err:
        cache.Cache(corpus, db).open(full=False)
    assert listings == ["data/articles", "data/articles/cl-cot-moved"]
    assert [str(p) for p in err.value.problems] == _problems(lambda: loader.load(corpus))
    moved.rename(src)
    listings.clear()
    kb = cache.Cache(corpus, db).open(full=False)
    # back under its name with its own mtime: its files are the cache's (the failed refresh
    # left the cache as it was)
    assert listings == ["data/articles"]
    assert "cl-cot/6" in kb.provisions


@pytest.mark.parametrize(
    "name", ["notes.yml", "README.md", "sub/x.yaml"], ids=["wrong-extension", "not-yaml", "subfolder"]
)
def test_a_problem_in_a_changed_folder_is_reported_as_a_full_listing_reports_it(
    corpus: Path, tmp_path: Path, listings: list[str], name: str
) -> None:
    db = tmp_path / "c.sqlite"
    cache.Cache(corpus, db).open(full=True)
    path = corpus / "articles" / "cl-cp" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("x: 1\n")
    found = _problems(lambda: cache.Cache(corpus, db).open(full=False))
    assert found and found == _problems(lambda: loader.load(corpus))


def test_a_removed_provision_cited_elsewhere_is_caught_by_a_folder_refresh(
    corpus: Path, tmp_path: Path, listings: list[str]
) -> None:
    """The folder-only refresh drops the removed file's ids and re-checks who cites them."""
    found = _three_ways(corpus, tmp_path, lambda c: (c / "articles" / "cl-cp" / "374-bis.yaml").unlink())
    assert found and all("cl-cp/374-bis" in p for p in found), found
    assert "data/articles/cl-cp" in listings


def test_a_duplicate_id_in_an_added_file_is_caught_by_a_folder_refresh(
    corpus: Path, tmp_path: Path, listings: list[str]
) -> None:
    """A new folder with a provision file whose id a treaty's own file defines already."""
    text = (corpus / "articles" / "cl-cp" / "362.yaml").read_text(encoding="utf-8")
    text = text.replace("id: cl-cp/362", "id: un-crc/1").replace("instrument: cl-cp", "instrument: un-crc")
    text = text.replace('number: "362"', 'number: "1"')

    def add(c: Path) -> None:
        (c / "articles" / "un-crc").mkdir()
        (c / "articles" / "un-crc" / "1.yaml").write_text(text, encoding="utf-8")

    warm = tmp_path / "warm.sqlite"
    cache.Cache(corpus, warm).open(full=True)
    add(corpus)
    found = _problems(lambda: cache.Cache(corpus, warm).open(full=False))
    # as a cold build reports it (the loader, reading files in another order, names the other
    # of the two definitions)
    assert found == _problems(lambda: cache.Cache(corpus, tmp_path / "cold.sqlite").open(full=True))
    assert any("duplicate provision id 'un-crc/1' (also in data/instruments/un-crc.yaml)" in p for p in found)
    assert "data/articles/un-crc" in listings


def test_refs_extradition_and_graph_see_an_in_place_edit_of_a_file_they_read(
    corpus: Path, env: dict[str, str]
) -> None:
    """refs on one provision is a point read and graph and extradition read the State in view,
    yet an in-place edit (no folder's mtime changes) of a file they answer from is seen."""
    args = ("--as-of", "2024-01-01", "--data", str(corpus))
    for cmd in (
        ["refs", "COT 6", "--json"],
        ["graph", "--format", "json"],
        ["extradition", "367ter", "--json"],
    ):
        assert 0 == run_cli(*cmd, *args, env=env).code
    path = corpus / "articles" / "cl-cot" / "6.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("N°10 reaches trade in material", "N°10 EDITED"), encoding="utf-8")
    assert "N°10 EDITED" in run_cli("refs", "COT 6", "--json", *args, env=env).out
    assert "N°10 EDITED" in run_cli("graph", "--format", "json", *args, env=env).out
    path = corpus / "articles" / "cl-cpp" / "431.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("The prosecutor must seek extradition", "EDITED seek"), encoding="utf-8")
    assert "EDITED seek" in run_cli("extradition", "367ter", "--json", *args, env=env).out


# --- the parallel cold compile ---


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus large enough (over 400 files) for the cold compile to use workers."""
    big = tmp_path_factory.mktemp("big") / "corpus"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(big), "--jurisdictions", "2", "--provisions", "400"],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return big


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of a cache but the moments it was written (files.seen, meta.built)."""
    db = sqlite3.connect(path)
    out = {}
    for (table,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'"
    ):
        if table.startswith("search_fts_") or table == "dirs":
            continue
        rows = db.execute(f"SELECT * FROM {table}").fetchall()
        if table == "files":
            rows = [r[:5] + r[6:] for r in rows]
        elif table == "meta":
            rows = [r for r in rows if r[0] != "built"]
        out[table] = sorted(rows, key=repr)
    out["search"] = sorted(db.execute("SELECT rowid, id, body FROM search_fts").fetchall())
    db.close()
    return out


def test_a_parallel_cold_compile_writes_what_one_process_writes(
    big_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers hand their answers back as bytes read after the pool is done: the cache holds
    the same rows, in the same order of rowids, as a compile in this process alone."""
    pools: list[int] = []
    real = cache._pool
    monkeypatch.setattr(cache, "_cores", lambda: 2)
    monkeypatch.setattr(cache, "_pool", lambda n: pools.append(n) or real(n))
    cache.Cache(big_corpus, tmp_path / "parallel.sqlite").open(full=True)
    assert [2] == pools
    monkeypatch.setattr(cache, "_cores", lambda: 1)
    cache.Cache(big_corpus, tmp_path / "serial.sqlite").open(full=True)
    parallel, serial = _tables(tmp_path / "parallel.sqlite"), _tables(tmp_path / "serial.sqlite")
    assert parallel["provisions"] and parallel["refs"] and parallel["search"]
    assert parallel == serial


def test_a_parallel_cold_compile_reports_what_one_process_reports(
    big_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file with its own problem and a broken cross-reference, found by workers, read as a
    compile in one process reads them, and no cache is left."""
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(big_corpus, broken)
    files = sorted((broken / "articles").rglob("*.yaml"))
    files[0].write_text(files[0].read_text(encoding="utf-8") + "title: twice\n", "utf-8")
    text = files[-1].read_text(encoding="utf-8")
    assert "{source: " in text
    files[-1].write_text(text.replace("{source: ", "{source: nosuch-", 1), "utf-8")
    found = {}
    for cores in (2, 1):
        monkeypatch.setattr(cache, "_cores", lambda cores=cores: cores)
        with pytest.raises(DataError) as info:
            cache.Cache(broken, tmp_path / f"c{cores}.sqlite").open(full=True)
        found[cores] = [str(p) for p in info.value.problems]
        assert not (tmp_path / f"c{cores}.sqlite").exists()
    assert found[2] == found[1]
    assert any(p.startswith(f"{files[0].relative_to(tmp_path)}:") and "title" in p for p in found[2]), found[
        2
    ]
    assert any(p.startswith(f"{files[-1].relative_to(tmp_path)}:") and "nosuch-" in p for p in found[2]), (
        found[2]
    )
