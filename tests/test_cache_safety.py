"""The compiled cache is data: a planted or altered cache runs nothing and is never served as the
law, a cache someone else could have written is not read, and the cache's key follows the model."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from conftest import ROOT, run_cli

from lawbase import model
from lawbase.corpus import cache, codec

ROOT_ONLY = pytest.mark.skipif(
    os.geteuid() != 0, reason="giving a file to another user needs root (CI runs as root)"
)
OTHER_UID = 65534  # nobody


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    return {"LAWBASE_CACHE_DIR": str(folder)}


def show(corpus: Path, env: dict[str, str], *extra: str) -> Any:
    r = run_cli("show", "367ter", "--as-of", "2018-06-01", "--json", "--data", str(corpus), *extra, env=env)
    assert 0 == r.code, r.err
    return json.loads(r.out)


def the_cache(env: dict[str, str]) -> Path:
    (path,) = Path(env["LAWBASE_CACHE_DIR"]).glob("*.sqlite")
    return path


class Pwn:
    """A pickle that runs a shell command when it is loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def plant(db_path: Path, sql: str, value: object) -> None:
    db = sqlite3.connect(db_path)
    with db:
        assert 1 == db.execute(sql, (value,)).rowcount
    db.close()


ROWS = {
    "provision": "UPDATE provisions SET blob = ? WHERE id = 'cl-cp/367-ter'",
    "object": "UPDATE objects SET blob = ? WHERE rowid = (SELECT min(rowid) FROM objects WHERE type = 'Source')",
    "instrument": "UPDATE objects SET blob = ? WHERE type = 'Instrument' AND id = 'cl-cp'",
    "vocabulary": "UPDATE objects SET blob = ? WHERE type = 'Vocabulary'",
    "result": "UPDATE results SET blob = ? WHERE name = 'data/articles/cl-cp/367-ter.yaml'",
}


@pytest.mark.parametrize("row", sorted(ROWS))
def test_a_planted_pickle_runs_nothing_and_the_cache_is_rebuilt(
    corpus: Path, env: dict[str, str], tmp_path: Path, row: str
) -> None:
    """The attack of the review: a row replaced by a pickle whose loading calls os.system."""
    expected = show(corpus, env)
    marker = tmp_path / "pwned"
    plant(the_cache(env), ROWS[row], pickle.dumps(Pwn(marker)))
    assert expected == show(corpus, env)
    r = run_cli("validate", str(corpus), env=env)  # reads every row, the per-file results too
    assert 0 == r.code, r.err
    assert not marker.exists()
    db = sqlite3.connect(the_cache(env))  # rebuilt: every row is JSON text again
    kinds = db.execute(
        "SELECT DISTINCT typeof(blob) FROM (SELECT blob FROM provisions UNION ALL SELECT blob FROM objects "
        "UNION ALL SELECT blob FROM results)"
    ).fetchall()
    assert [("text",)] == kinds


def _altered_penalty(text: str) -> str:
    """367 ter's row with presidio menor en su grado mínimo (61 – 540 days) for its máximo."""
    assert '["menor-maximo"]' in text
    return text.replace('["menor-maximo"]', '["menor-minimo"]')


def _alter_with_checksum(db_path: Path) -> None:
    """367 ter's row altered as a writer of the cache file could: penalty and CRC together."""
    db = sqlite3.connect(db_path)
    (text,) = db.execute("SELECT blob FROM provisions WHERE id = 'cl-cp/367-ter'").fetchone()
    altered = _altered_penalty(text)
    with db:
        db.execute(
            "UPDATE provisions SET blob = ?, crc = ? WHERE id = 'cl-cp/367-ter'",
            (altered, cache._crc(altered)),
        )
    db.close()


CRAFTED = {
    "not JSON": lambda text: "{not json",
    "JSON of the wrong shape": lambda text: "[1, 2, 3]",
    "a field of the wrong type": lambda text: text.replace('"cl-cp/367-ter"', "367", 1),
    "a record with a field more": lambda text: text[:-1] + ',"extra"]',
    "NaN": lambda text: text.replace('"cl-cp/367-ter"', "NaN", 1),
    "an impossible date": lambda text: text.replace('"2004-01-14"', '"2004-02-31"', 1),
    "an altered penalty": _altered_penalty,
    "bytes instead of text": lambda text: text.encode(),
}


@pytest.mark.parametrize("craft", sorted(CRAFTED))
def test_a_crafted_provision_row_is_never_served(corpus: Path, env: dict[str, str], craft: str) -> None:
    """Whatever replaces 367 ter's row - malformed, mistyped, or well formed but altered - the
    answer is what the file says (the row is refused by shape or by its checksum)."""
    expected = show(corpus, env)
    db = sqlite3.connect(the_cache(env))
    (text,) = db.execute("SELECT blob FROM provisions WHERE id = 'cl-cp/367-ter'").fetchone()
    db.close()
    plant(the_cache(env), ROWS["provision"], CRAFTED[craft](text))
    assert expected == show(corpus, env)


def test_an_altered_row_is_found_by_validate(corpus: Path, env: dict[str, str]) -> None:
    """validate decodes and checks every row before it calls the corpus valid, and rebuilds."""
    show(corpus, env)
    db = sqlite3.connect(the_cache(env))
    (text,) = db.execute("SELECT blob FROM provisions WHERE id = 'cl-cp/367-ter'").fetchone()
    db.close()
    plant(the_cache(env), ROWS["provision"], _altered_penalty(text))
    r = run_cli("validate", str(corpus), "--json", env=env)
    assert 0 == r.code and json.loads(r.out)["valid"]
    db = sqlite3.connect(the_cache(env))
    assert [(text,)] == db.execute("SELECT blob FROM provisions WHERE id = 'cl-cp/367-ter'").fetchall()


@pytest.mark.parametrize("table", ["xrefs", "offences", "search_fts", "provisions", "files"])
def test_a_missing_table_means_a_rebuild_not_an_error_on_every_run(
    corpus: Path, env: dict[str, str], table: str
) -> None:
    """A table dropped from the cache: the run that meets it rebuilds, and so answers."""
    expected = show(corpus, env)
    db = sqlite3.connect(the_cache(env))
    db.execute(f"DROP TABLE {table}")
    db.close()
    assert expected == show(corpus, env)
    assert 0 == run_cli("search", "client", "--data", str(corpus), env=env).code
    db = sqlite3.connect(the_cache(env))
    assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0


@ROOT_ONLY
def test_a_cache_owned_by_another_user_is_not_read_and_not_removed(corpus: Path, env: dict[str, str]) -> None:
    """Another user's file at the cache's predictable name (here: an altered one) is neither read
    nor deleted; lawbase answers from the files and keeps its cache elsewhere."""
    expected = show(corpus, env)
    path = the_cache(env)
    _alter_with_checksum(path)
    os.chown(path, OTHER_UID, OTHER_UID)
    r = run_cli("show", "367ter", "--as-of", "2018-06-01", "--json", "--data", str(corpus), env=env)
    assert 0 == r.code, r.err
    assert expected == json.loads(r.out)
    assert "belongs to another user" in r.err and 1 == len(r.err.splitlines())
    assert OTHER_UID == path.stat().st_uid  # still there, still theirs
    second = run_cli("show", "367ter", "--as-of", "2018-06-01", "--json", "--data", str(corpus), env=env)
    assert (0, "") == (second.code, second.err)  # the fallback cache is used, and said once


def test_a_cache_in_a_folder_anyone_can_write_is_not_read(corpus: Path, tmp_path: Path) -> None:
    """A folder writable by others without the sticky bit: anyone could have swapped the file."""
    shared = tmp_path / "shared"
    shared.mkdir()
    env = {"LAWBASE_CACHE_DIR": str(shared)}
    expected = show(corpus, env)
    path = the_cache(env)
    _alter_with_checksum(path)
    os.chmod(shared, 0o777)
    r = run_cli("show", "367ter", "--as-of", "2018-06-01", "--json", "--data", str(corpus), env=env)
    assert 0 == r.code and expected == json.loads(r.out)
    assert "others can write the folder" in r.err
    os.chmod(shared, 0o1777)  # sticky, as /tmp: others cannot replace our files, so ours is read
    r = run_cli("show", "367ter", "--as-of", "2018-06-01", "--json", "--data", str(corpus), env=env)
    assert "P61D" in r.out


def test_a_symlink_planted_at_the_cache_path_is_not_followed(
    corpus: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """Neither read through nor written through: the file it points at is left as it was."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    path = cache.cache_file(corpus).name
    folder = Path(env["LAWBASE_CACHE_DIR"])
    os.symlink(victim, folder / path)
    os.symlink(victim, folder / f"{path}-journal")
    expected = show(corpus, env)
    show(corpus, env)
    assert "precious\n" == victim.read_text()
    assert expected == show(corpus, env, "--as-of", "2018-06-01")


def test_an_unusable_cache_folder_falls_back_and_says_so_once(corpus: Path, tmp_path: Path) -> None:
    """A cache folder that cannot be made (a file is in the way): one note when the fallback
    cache is built, none after, and no cold compile on every run."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    env = {"LAWBASE_CACHE_DIR": str(blocker / "cache")}
    first = run_cli("show", "367ter", "--json", "--data", str(corpus), env=env)
    assert 0 == first.code
    assert 1 == len(first.err.splitlines()) and "lawbase: note: the cache cannot be kept" in first.err
    fallback = corpus.parent / ".data.lawbase-cache.sqlite"
    assert fallback.exists()
    built = fallback.stat().st_mtime_ns
    second = run_cli("show", "367ter", "--json", "--data", str(corpus), env=env)
    assert (0, "", first.out) == (second.code, second.err, second.out)
    assert built == fallback.stat().st_mtime_ns


@pytest.mark.parametrize("length", [300, 5000])
def test_a_cache_path_longer_than_the_system_allows(corpus: Path, tmp_path: Path, length: int) -> None:
    """A name (300) or a path (5000) too long for the filesystem: a fallback, never a traceback."""
    long = tmp_path / ("d" * length) if length < 1000 else tmp_path.joinpath(*["d" * 200] * (length // 200))
    r = run_cli("show", "367ter", "--json", "--data", str(corpus), env={"LAWBASE_CACHE_DIR": str(long)})
    assert 0 == r.code, r.err
    assert "Traceback" not in r.err and 1 == len(r.err.splitlines())


def _small_file_limit() -> None:
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_full_disk_while_writing_the_cache(corpus: Path, env: dict[str, str]) -> None:
    """No file may grow past 64 KiB (as on a full disk): the answer comes, the cache does not,
    nothing half-written is left, and the run says why in one line."""
    proc = subprocess.run(
        [sys.executable, "-m", "lawbase", "show", "367ter", "--json", "--data", str(corpus)],
        capture_output=True, text=True, env={**os.environ, **env}, cwd=ROOT, timeout=120,
        preexec_fn=_small_file_limit,
    )  # fmt: skip
    assert 0 == proc.returncode, proc.stderr
    assert "cl-cp/367-ter" == json.loads(proc.stdout)["id"]
    assert 1 == len(proc.stderr.splitlines()) and "read afresh" in proc.stderr
    assert [] == list(Path(env["LAWBASE_CACHE_DIR"]).iterdir())
    assert [] == list(corpus.parent.glob(".*lawbase*"))


def test_a_same_size_edit_within_the_same_timestamp_tick_is_seen(corpus: Path, env: dict[str, str]) -> None:
    """On a filesystem with coarse timestamps an edit can keep size and mtime: a stat recorded
    that soon after the mtime is not trusted, so the file is read by content."""
    path = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    st = path.stat()
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, time.time_ns()))  # the file was just written
    show(corpus, env)
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("the client offence", "THE CLIENT OFFENCE"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same tick: same size, same mtime
    assert "THE CLIENT OFFENCE" in show(corpus, env)["title"]["en"]


def test_a_file_added_within_the_folders_timestamp_tick_is_seen(corpus: Path, env: dict[str, str]) -> None:
    """The same for folders: a file added while the folder's mtime stays the same is found."""
    folder = corpus / "articles" / "cl-cp"
    os.utime(folder, ns=(time.time_ns(), time.time_ns()))
    show(corpus, env)
    st = folder.stat()
    (folder / "374.yaml").unlink()
    os.utime(folder, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert 1 == run_cli("show", "374", "--data", str(corpus), env=env).code


def test_the_cache_key_follows_the_model(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field inserted into a record (the review's experiment: a new field in Citation) makes an
    old cache unreadable, so it is rebuilt with the new record instead of read with values shifted."""
    db_path = tmp_path / "c.sqlite"
    cache.Cache(corpus, db_path).open(full=False)
    old_key = cache.cache_key()

    class Citation(NamedTuple):
        source: str
        pinpoint: str
        verified: bool
        checked: dt.date
        page: str | None = None  # the new field
        reason: str | None = None
        note: str | None = None

    monkeypatch.setitem(codec.RECORDS, "Citation", Citation)
    monkeypatch.setattr(codec, "_DECODERS", {})
    monkeypatch.setattr(cache, "_KEY", [])
    assert old_key != cache.cache_key()
    assert cache.Cache(corpus, db_path)._connect(db_path) is None  # not read: removed, to be rebuilt
    assert not db_path.exists()


def test_a_model_change_rebuilds_a_warm_cache_and_never_misreads_it(corpus: Path, tmp_path: Path) -> None:
    """The review's experiment end to end, in a copy of lawbase: a field inserted into Citation,
    with model.py keeping its size and mtime (so the compiler's file fingerprint cannot tell,
    only the model's own). The warm cache is rebuilt; cl-cc/107's note stays a note."""
    pkg = tmp_path / "pkg"
    shutil.copytree(
        Path(model.__file__).parent, pkg / "lawbase", ignore=shutil.ignore_patterns("__pycache__")
    )
    (pkg / "data").symlink_to(ROOT / "data")  # the schemas, where a checkout keeps them
    env = {"PYTHONPATH": str(pkg), "PYTHONDONTWRITEBYTECODE": "1", "LAWBASE_CACHE_DIR": str(tmp_path / "c")}

    def citation() -> dict[str, Any]:
        r = run_cli(
            "show", "cl-cc/107", "--as-of", "2018-06-01", "--json", "--data", str(corpus), env=env, cwd=pkg
        )
        assert 0 == r.code, r.err
        return next(c for c in json.loads(r.out)["sources"] if c["source"] == "s2-ecpat-upr-2018")

    first = citation()
    assert first["note"] and first["reason"] is None

    def key() -> str:
        db = sqlite3.connect(sorted((tmp_path / "c").glob("*.sqlite"))[0])
        try:
            return str(db.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()[0])
        finally:
            db.close()

    old_key = key()
    path = pkg / "lawbase" / "model.py"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("    checked: dt.date\n", "    checked: dt.date\n    page: str | None = None\n", 1)
    said = "`verified` false means the fact was not confirmed in the source, and `reason` says so."
    edited = edited.replace(said, said[: len(said) - (len(edited) - len(text))], 1)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert first == citation()
    assert old_key != key()  # rebuilt under the new model's key


def test_the_cache_key_follows_the_compiling_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A reader or schema change (a stricter rule) makes rows compiled by the old code untrusted."""
    package = Path(cache.__file__).parent.parent  # COMPILER's names are relative to lawbase/
    monkeypatch.setattr(cache, "_KEY", [])  # computed now, from the files as they are
    old_key = cache.cache_key()
    (tmp_path / "corpus").mkdir()
    for name in cache.COMPILER:
        shutil.copy2(package / f"{name}.py", tmp_path / f"{name}.py")  # content and mtime
    monkeypatch.setattr(cache, "__file__", str(tmp_path / "corpus" / "cache.py"))
    monkeypatch.setattr(cache, "_KEY", [])
    assert old_key == cache.cache_key()  # the same code: the same key
    with open(tmp_path / "corpus" / "yamlsafe.py", "a") as fh:
        fh.write("\n# a new rule\n")
    monkeypatch.setattr(cache, "_KEY", [])
    assert old_key != cache.cache_key()


def test_every_record_of_the_model_is_in_the_codec_and_round_trips(kb: Any) -> None:
    """A record type added to model.py must be known to the codec (and so to the cache's key),
    and every record of the shipped corpus decodes to itself."""
    records = {
        n
        for n, v in vars(model).items()
        if isinstance(v, type) and issubclass(v, tuple) and hasattr(v, "_fields")
    }
    assert records == set(codec.RECORDS)
    objects = [*kb.instruments.values(), *kb.provisions.values(), *kb.requirements.values(),
               *kb.sources.values(), *kb.scales.values(), *kb.recommendations.values(), kb.vocabulary]  # fmt: skip
    for obj in objects:
        assert obj == codec.decode(type(obj).__name__, codec.encode(obj)), getattr(obj, "id", obj)


def test_compile_workers_die_with_a_killed_parent(tmp_path: Path, env: dict[str, str]) -> None:
    """kill -9 during a parallel cold compile leaves no worker process behind."""
    big = tmp_path / "big"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(big), "--jurisdictions", "2", "--provisions", "400"],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "lawbase", "validate", str(big)],
        env={**os.environ, **env}, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip

    def children() -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout
        return [int(x) for x in out.split()]

    deadline = time.monotonic() + 60
    while not children() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    workers = children()
    assert workers, "the compile did not start workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [w for w in alive if Path(f"/proc/{w}").exists() and "Z" not in _state(w)]
    assert [] == alive


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[0]
    except (OSError, IndexError):
        return "Z"


class _Failing:
    """A connection whose every statement fails with the given SQLite error."""

    def __init__(self, code: int) -> None:
        self.code = code

    def execute(self, *args: object) -> None:
        exc = sqlite3.OperationalError("database is locked" if self.code == 5 else "disk I/O error")
        exc.sqlite_errorcode = self.code  # type: ignore[attr-defined]
        raise exc


def test_a_lock_held_too_long_is_not_taken_for_damage(corpus: Path, tmp_path: Path) -> None:
    """Another lawbase writing past the timeout: a one-line "busy" error, and the cache stays;
    any other SQLite error while reading rows removes the cache as damaged."""
    db_path = tmp_path / "c.sqlite"
    provisions = cache.Cache(corpus, db_path).open(full=False).provisions
    assert isinstance(provisions, cache.CachedProvisions)
    store = provisions.store
    store.db = _Failing(5)
    with pytest.raises(cache.CacheBusy, match="busy"):
        store.provision("cl-cp/367-ter")
    assert db_path.exists()
    store.db = _Failing(10)  # SQLITE_IOERR
    with pytest.raises(cache.CacheDamaged):
        store.provision("cl-cp/367-ter")
    assert not db_path.exists()


@pytest.mark.parametrize("row", ["provision", "result"])
def test_validate_in_parallel_refuses_a_damaged_row_too(
    corpus: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch, row: str
) -> None:
    """A large cache's rows are decoded in a process per core; a planted pickle in a provision
    or a per-file row found there runs nothing and the cache is rebuilt, and a healthy cache
    gives the same summary as the one-process check."""
    from lawbase import queries

    monkeypatch.setenv("LAWBASE_CACHE_DIR", env["LAWBASE_CACHE_DIR"])
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    expected = queries.summary(cache.open_corpus(corpus, full=True, verify=True))  # one process
    monkeypatch.setattr(cache, "PARALLEL_CHECK_ROWS", 0)
    checked: list[int] = []
    real = cache.Cache._check_rows_in_parallel
    monkeypatch.setattr(
        cache.Cache, "_check_rows_in_parallel", lambda self, n: checked.append(n) or real(self, n)
    )
    assert expected == queries.summary(cache.open_corpus(corpus, full=True, verify=True))
    marker = corpus.parent / "pwned"
    plant(the_cache(env), ROWS[row], pickle.dumps(Pwn(marker)))
    assert expected == queries.summary(cache.open_corpus(corpus, full=True, verify=True))
    assert checked == [2, 2] and not marker.exists()
    db = sqlite3.connect(the_cache(env))  # rebuilt: the planted row is JSON text again
    assert [("text",)] == db.execute(
        "SELECT DISTINCT typeof(blob) FROM (SELECT blob FROM provisions UNION ALL SELECT blob FROM results)"
    ).fetchall()
    db.close()
