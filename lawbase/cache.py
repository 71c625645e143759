"""The compiled corpus: an SQLite file of checked model objects, refreshed file by file.

Why: parsing YAML is the slow part (CSafeLoader needs minutes for 100,000 records) and a lawyer
runs `lawbase penalty 367ter` many times a day. The first run compiles every file; later runs
parse no YAML at all and read only the rows a question needs.

Where: $LAWBASE_CACHE_DIR, else $XDG_CACHE_HOME/lawbase, else ~/.cache/lawbase; one file per
corpus folder, named after a hash of its absolute path. If that folder cannot be written, the
cache lives next to the corpus (`<corpus>/../.<name>.lawbase-cache.sqlite`); if neither can, the
corpus is read without a cache.

What makes it trustworthy:
* every file's size and mtime is stored with its SHA-256; a file whose stat changed is hashed
  again and recompiled only if its content changed;
* the cache records the lawbase version and its own format; any mismatch, a missing table, or a
  file SQLite cannot read (truncated, corrupted) means the cache is thrown away and rebuilt;
* how much is re-checked depends on the question. Commands that read the whole corpus (gaps,
  search, compare, validate ...) stat every file. A point lookup (show, penalty) checks every
  folder's mtime (which catches files added, removed or renamed anywhere) and the files its
  answer is read from: the provision's own file when it is loaded, the instruments, the
  bibliography, the vocabularies and the scales;
* a refresh happens in one SQLite transaction after the changed files pass every check; a corpus
  with problems raises DataError and leaves the cache as it was. A cold build is written to a
  temporary file and renamed into place, so a reader never sees half a cache.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import pickle
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .errors import DataError, Problem
from .kb import KnowledgeBase
from .model import Instrument, Provision, Recommendation, Requirement, Scale, Source, Vocabulary
from .refs import search_words

FORMAT = 7
SHARED_KINDS = ("sources", "vocabulary", "scale", "instrument")


def _version() -> str:
    from . import __version__

    return __version__


def cache_dir() -> Path:
    env = os.environ.get("LAWBASE_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "lawbase" if xdg else Path.home() / ".cache" / "lawbase"


def cache_file(root: Path) -> Path:
    """Where the cache of the corpus at `root` lives (the folder may not exist yet)."""
    import zlib  # a short, stable name; the cache's own meta row guards against collisions

    key = f"{zlib.crc32(str(root.resolve()).encode()):08x}"
    return cache_dir() / f"{root.resolve().name}-{key}.sqlite"


def _fallback_file(root: Path) -> Path:
    r = root.resolve()
    return r.parent / f".{r.name}.lawbase-cache.sqlite"


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (name TEXT PRIMARY KEY, kind TEXT NOT NULL, size INTEGER NOT NULL,
                    mtime INTEGER NOT NULL, sha TEXT NOT NULL);
CREATE INDEX files_kind ON files (kind);
CREATE TABLE results (name TEXT PRIMARY KEY, blob BLOB NOT NULL);
CREATE TABLE dirs (path TEXT PRIMARY KEY, mtime INTEGER NOT NULL);
CREATE TABLE defines (ns TEXT NOT NULL, id TEXT NOT NULL, file TEXT NOT NULL);
CREATE INDEX defines_id ON defines (ns, id);
CREATE INDEX defines_file ON defines (file);
CREATE TABLE refs (file TEXT NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL);
CREATE INDEX refs_target ON refs (target);
CREATE INDEX refs_file ON refs (file);
CREATE TABLE provisions (id TEXT PRIMARY KEY, file TEXT NOT NULL, instrument TEXT NOT NULL,
                         jurisdiction TEXT NOT NULL, blob BLOB NOT NULL);
CREATE INDEX provisions_file ON provisions (file);
CREATE INDEX provisions_jurisdiction ON provisions (jurisdiction);
CREATE INDEX provisions_instrument ON provisions (instrument);
CREATE TABLE objects (id TEXT NOT NULL, type TEXT NOT NULL, file TEXT NOT NULL, blob BLOB NOT NULL,
                      PRIMARY KEY (type, id));
CREATE INDEX objects_file ON objects (file);
CREATE TABLE offences (id TEXT PRIMARY KEY, provision TEXT NOT NULL);
CREATE TABLE xrefs (target TEXT NOT NULL, source TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL);
CREATE VIRTUAL TABLE search_fts USING fts5(id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE search_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE INDEX xrefs_target ON xrefs (target);
CREATE INDEX xrefs_source ON xrefs (source);
"""


class Stat(NamedTuple):
    kind: str
    name: str
    path: Path
    size: int
    mtime: int


class Scan:
    """What a look at the corpus folders found (files are listed only when folders changed)."""

    def __init__(self, files: dict[str, Stat] | None = None, dirs: dict[str, int] | None = None) -> None:
        self.files: dict[str, Stat] = files or {}
        self.dirs: dict[str, int] = dirs or {}
        self.problems: list[Problem] = []


def _sha(data: bytes) -> str:
    import hashlib  # only when a file's stat changed

    return hashlib.sha256(data).hexdigest()


def _scan(root: Path, stat_all: bool, known_dirs: dict[str, int] | None = None) -> Scan:
    """The corpus files with their stat; with `known_dirs`, folders whose mtime is unchanged are
    not listed again (their files are taken from the cache by the caller)."""
    scan = Scan()
    dirs = [root, root / "articles", root / "instruments", root / "scales"]
    articles = root / "articles"
    if articles.is_dir():
        dirs += sorted(p for p in articles.iterdir() if p.is_dir() and not p.is_symlink())
    for d in dirs:
        with contextlib.suppress(OSError):
            scan.dirs[str(d)] = d.stat().st_mtime_ns
    if not stat_all and known_dirs is not None and known_dirs == scan.dirs:
        return scan  # nothing added, removed or renamed: files come from the cache
    from .corpusfiles import find_files

    files, problems = find_files(root)
    scan.problems = problems
    for kind, name, path in files:
        try:
            st = path.stat()
        except OSError as exc:
            scan.problems.append(Problem(name, None, None, "", f"cannot read file: {exc.strerror or exc}"))
            continue
        scan.files[name] = Stat(kind, name, path, st.st_size, st.st_mtime_ns)
    return scan


class Cache:
    """The compiled cache of one corpus folder."""

    def __init__(self, root: Path, path: Path | None = None) -> None:
        self.root = root
        self.path = path or cache_file(root)
        self.db: sqlite3.Connection | None = None

    # --- opening ---

    def open(self, full: bool) -> KnowledgeBase:
        """A KnowledgeBase for the corpus, compiling or refreshing the cache first."""
        db = self._connect()
        if db is None:
            return self._build_cold()
        self.db = db
        try:
            self._refresh(full)
            return self._knowledge_base()
        except sqlite3.DatabaseError:
            self._discard()
            return self._build_cold()

    def _connect(self) -> sqlite3.Connection | None:
        """The cache if it exists, is readable and was made by this lawbase for this corpus."""
        if not self.path.exists():
            return None
        try:
            db = sqlite3.connect(self.path, timeout=30)
            meta = dict(db.execute("SELECT key, value FROM meta"))
            expected = {"format": str(FORMAT), "version": _version(), "root": str(self.root.resolve())}
            if any(meta.get(k) != v for k, v in expected.items()) or meta.get("complete") != "1":
                db.close()
                self._discard()
                return None
            return db
        except sqlite3.DatabaseError:
            self._discard()
            return None

    def _discard(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None
        with contextlib.suppress(OSError):
            self.path.unlink()

    # --- building ---

    def _build_cold(self) -> KnowledgeBase:
        """Compile every file (in parallel), check across files, write the cache, read it back."""
        from .loader import link_cold

        scan = _scan(self.root, stat_all=True)
        if scan.problems and not scan.files:
            raise DataError(scan.problems)
        target = self._writable_target()
        if target is None:
            from .loader import load

            return load(self.root)
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=".lawbase-", suffix=".tmp", dir=str(target.parent))
        os.close(fd)
        try:
            db = sqlite3.connect(tmp)
            # a private file renamed into place only when complete: no journal needed
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("PRAGMA cache_size = -200000")
            db.executescript(SCHEMA)
            problems = list(scan.problems)
            lean: list[Any] = []
            # instruments before the provisions that belong to them, so each provision row gets
            # its instrument's jurisdiction as it is written
            order = {"sources": 0, "vocabulary": 1, "scale": 2, "instrument": 3, "provision": 4}
            stats = sorted(scan.files.values(), key=lambda st: (order[st.kind], st.name))
            jurisdiction: dict[str, str] = {}
            batch: list[Rows] = []
            with db, _gc_paused():
                self._write_meta(db, complete=False)
                for result, rows in compile_all(stats, self.root):
                    lean.append(result)
                    if rows is None:
                        problems += result.problems
                        continue
                    for ident, type_name, _file, blob in rows.objects:
                        if type_name == "Instrument":
                            jurisdiction[ident] = pickle.loads(blob).jurisdiction
                    if rows.provisions:
                        rows.provisions[:] = [
                            (pid, f, inst, jurisdiction.get(inst, inst), blob)
                            for pid, f, inst, _, blob in rows.provisions
                        ]
                    batch.append(rows)
                    if len(batch) >= 256:
                        insert_many(db, batch)
                        batch.clear()
                insert_many(db, batch)
                problems += link_cold(db, self.root, lean)
                if problems:
                    raise DataError(problems)
                self._store_dirs(db, scan.dirs)
                self._write_meta(db, complete=True)
            db.close()
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self.path = target
        self.db = sqlite3.connect(target, timeout=30)
        return self._knowledge_base()

    def _writable_target(self) -> Path | None:
        for candidate in (self.path, _fallback_file(self.root)):
            try:
                candidate.parent.mkdir(parents=True, exist_ok=True)
                probe = candidate.parent / f".lawbase-probe-{os.getpid()}"
                probe.write_bytes(b"")
                probe.unlink()
                return candidate
            except OSError:
                continue
        return None

    def _write_meta(self, db: sqlite3.Connection, complete: bool) -> None:
        rows = {
            "format": str(FORMAT),
            "version": _version(),
            "root": str(self.root.resolve()),
            "complete": "1" if complete else "0",
            "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }
        db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", rows.items())

    def _store_dirs(self, db: sqlite3.Connection, dirs: dict[str, int]) -> None:
        db.execute("DELETE FROM dirs")
        db.executemany("INSERT INTO dirs VALUES (?, ?)", dirs.items())

    def _store_file(self, db: sqlite3.Connection, st: Stat, result: Any, sha: str | None = None) -> None:
        """One file's compiled result and everything derived from it."""
        insert_rows(db, file_rows(st, result, sha or _sha(st.path.read_bytes())))
        if st.kind == "instrument":
            for obj in result.objects:
                if isinstance(obj, Instrument):
                    db.execute(
                        "UPDATE provisions SET jurisdiction = ? WHERE instrument = ?",
                        (obj.jurisdiction, obj.id),
                    )
        elif st.kind == "provision" and result.objects:
            row = db.execute(
                "SELECT blob FROM objects WHERE type = 'Instrument' AND id = ?",
                (result.objects[0].instrument,),
            ).fetchone()
            if row is not None:
                inst = pickle.loads(row[0])
                db.execute(
                    "UPDATE provisions SET jurisdiction = ? WHERE file = ?", (inst.jurisdiction, st.name)
                )

    def _forget_file(self, db: sqlite3.Connection, name: str) -> None:
        db.execute("DELETE FROM files WHERE name = ?", (name,))
        db.execute("DELETE FROM results WHERE name = ?", (name,))
        db.execute("DELETE FROM defines WHERE file = ?", (name,))
        db.execute("DELETE FROM refs WHERE file = ?", (name,))
        ids = [r[0] for r in db.execute("SELECT id FROM provisions WHERE file = ?", (name,))]
        for pid in ids:
            db.execute("DELETE FROM search_fts WHERE id = ?", (pid,))
            db.execute("DELETE FROM offences WHERE provision = ?", (pid,))
            db.execute("DELETE FROM xrefs WHERE source = ?", (pid,))
        db.execute("DELETE FROM provisions WHERE file = ?", (name,))
        db.execute("DELETE FROM objects WHERE file = ?", (name,))

    # --- refreshing ---

    def _refresh(self, full: bool) -> None:
        assert self.db is not None
        db = self.db
        known_dirs = dict(db.execute("SELECT path, mtime FROM dirs"))
        scan = _scan(self.root, stat_all=full, known_dirs=known_dirs)
        if scan.problems:
            raise DataError(scan.problems)
        if not scan.files:
            # folders unchanged and a point lookup: check only the files every answer reads
            marks = ",".join("?" * len(SHARED_KINDS))
            cached = {
                row[0]: (row[1], row[2], row[3], row[4])
                for row in db.execute(
                    f"SELECT name, kind, size, mtime, sha FROM files WHERE kind IN ({marks})", SHARED_KINDS
                )
            }
            parent = str(self.root.parent)
            for name, (kind, *_rest) in cached.items():
                try:
                    st = os.stat(os.path.join(parent, name))
                except OSError:
                    return self._refresh(full=True)
                scan.files[name] = Stat(kind, name, self.root.parent / name, st.st_size, st.st_mtime_ns)
            changed = self._changed(scan, cached, only=None)
            removed: list[str] = []
        else:
            cached = {
                row[0]: (row[1], row[2], row[3], row[4])
                for row in db.execute("SELECT name, kind, size, mtime, sha FROM files")
            }
            changed = self._changed(scan, cached, only=None)
            removed = [n for n in cached if n not in scan.files]
        if changed or removed or scan.dirs != known_dirs:
            self._update(changed, removed, scan, cached)
        return None

    def _changed(
        self, scan: Scan, cached: dict[str, tuple[str, int, int, str]], only: set[str] | None
    ) -> list[tuple[Stat, str]]:
        """(stat, sha) of files added or whose content changed; stat-only changes are recorded."""
        assert self.db is not None
        out = []
        touched = []
        for name, st in scan.files.items():
            if only is not None and name not in only:
                continue
            old = cached.get(name)
            if old is not None and (old[1], old[2]) == (st.size, st.mtime):
                continue
            sha = _sha(st.path.read_bytes())
            if old is not None and old[3] == sha:
                touched.append((st.size, st.mtime, name))
                continue
            out.append((st, sha))
        if touched:
            with self.db:
                self.db.executemany("UPDATE files SET size = ?, mtime = ? WHERE name = ?", touched)
        return out

    def _update(
        self, changed: list[tuple[Stat, str]], removed: list[str], scan: Scan, cached: dict[str, Any]
    ) -> None:
        """Recompile `changed`, drop `removed`, check across files, and commit all or nothing."""
        from .loader import link_incremental, read_file
        from .schema import SchemaSet

        assert self.db is not None
        db = self.db
        schemas = SchemaSet(_schema_dir())
        results = []
        problems: list[Problem] = []
        docs = {}
        for st, _sha in changed:
            from .loader import _expected_id

            data = st.path.read_bytes()
            result, doc = read_file(
                st.kind, st.name, data, schemas, _expected_id(st.kind, st.path, self.root)
            )
            results.append(result)
            docs[st.name] = doc
            problems += result.problems
        if problems:
            raise DataError(problems)
        try:
            db.execute("BEGIN IMMEDIATE")
            touched = [*removed, *(st.name for st, _ in changed)]
            old_ids: set[tuple[str, str]] = set()
            for name in touched:
                old_ids |= set(db.execute("SELECT ns, id FROM defines WHERE file = ?", (name,)))
                self._forget_file(db, name)
            for (st, sha), result in zip(changed, results, strict=True):
                self._store_file(db, st, result, sha)
            problems = link_incremental(db, self.root, results, old_ids, docs)
            if problems:
                raise DataError(problems)
            self._store_dirs(db, scan.dirs)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    # --- reading ---

    def _knowledge_base(self) -> KnowledgeBase:
        assert self.db is not None
        store = Store(self.db, self)
        objects: list[Any] = []
        vocabulary = Vocabulary()
        for (blob,) in self.db.execute("SELECT blob FROM objects"):
            obj = pickle.loads(blob)
            if isinstance(obj, Vocabulary):
                vocabulary = obj
            else:
                objects.append(obj)
        kb = KnowledgeBase.build(objects, vocabulary)
        kb.attach_store(store)
        return kb

    def reload_file(self, name: str) -> None:
        """Refresh one file found changed while answering (its provision was read stale)."""
        assert self.db is not None
        cached = {
            row[0]: (row[1], row[2], row[3], row[4])
            for row in self.db.execute("SELECT name, kind, size, mtime, sha FROM files")
        }
        path = self.root.parent / name
        if not path.exists():
            return self._refresh(full=True)
        st = path.stat()
        stat = Stat(cached[name][0], name, path, st.st_size, st.st_mtime_ns)
        scan = Scan(files={name: stat}, dirs=dict(self.db.execute("SELECT path, mtime FROM dirs")))
        changed = self._changed(scan, cached, only={name})
        if changed:
            self._update(changed, [], scan, cached)
        return None


class Store:
    """Rows of the cache a KnowledgeBase reads on demand."""

    def __init__(self, db: sqlite3.Connection, cache: Cache) -> None:
        self.db = db
        self.cache = cache
        self.verified: set[str] = set()

    def provision(self, pid: str) -> Provision | None:
        # the blob and the stat it was compiled from come from one statement, so one snapshot:
        # read apart, another process's refresh could commit between them and a stale blob
        # would pass a check against the new stat
        row = self.db.execute(
            "SELECT p.file, p.blob, f.size, f.mtime FROM provisions p LEFT JOIN files f ON f.name = p.file "
            "WHERE p.id = ?",
            (pid,),
        ).fetchone()
        if row is None:
            return None
        file, blob, size, mtime = row
        if file not in self.verified:
            if not self._matches(file, size, mtime):
                self.cache.reload_file(file)
                self.verified.add(file)
                return self.provision(pid)
            self.verified.add(file)
        return pickle.loads(blob)  # type: ignore[no-any-return]

    def _matches(self, file: str, size: int | None, mtime: int | None) -> bool:
        """Whether `file` on disk still has the size and mtime its cached rows were compiled from."""
        try:
            st = os.stat(os.path.join(str(self.cache.root.parent), file))
        except OSError:
            return False
        return size is not None and (st.st_size, st.st_mtime_ns) == (size, mtime)

    def provision_ids(self, jurisdictions: set[str] | None = None) -> list[str]:
        if jurisdictions is None:
            return [r[0] for r in self.db.execute("SELECT id FROM provisions")]
        marks = ",".join("?" * len(jurisdictions))
        return [
            r[0]
            for r in self.db.execute(
                f"SELECT id FROM provisions WHERE jurisdiction IN ({marks})", sorted(jurisdictions)
            )
        ]

    def verify_jurisdictions(self, jurisdictions: set[str]) -> None:
        """Check the files of these jurisdictions' provisions against the disk; refresh stale ones.
        (A point lookup checked the folders and shared files; an analysis of one country reads
        all of that country's provisions, so it checks their files too.)"""
        marks = ",".join("?" * len(jurisdictions))
        rows = self.db.execute(
            f"SELECT f.name, f.size, f.mtime FROM files f JOIN (SELECT DISTINCT file FROM provisions "
            f"WHERE jurisdiction IN ({marks})) p ON p.file = f.name",
            sorted(jurisdictions),
        ).fetchall()
        stale = []
        for name, size, mtime in rows:
            try:
                st = (self.cache.root.parent / name).stat()
            except OSError:
                stale.append(name)
                continue
            if (st.st_size, st.st_mtime_ns) != (size, mtime):
                stale.append(name)
        if len(stale) > 100:
            self.cache._refresh(full=True)
        else:
            for name in stale:
                self.cache.reload_file(name)
        self.verified.update(name for name, _, _ in rows)

    def provisions(self, jurisdictions: set[str] | None = None) -> Iterator[Provision]:
        query = "SELECT blob FROM provisions"
        args: list[str] = []
        if jurisdictions is not None:
            query += f" WHERE jurisdiction IN ({','.join('?' * len(jurisdictions))})"
            args = sorted(jurisdictions)
        with _gc_paused():
            for (blob,) in self.db.execute(query, args):
                yield pickle.loads(blob)

    def offence_owner(self, oid: str) -> str | None:
        row = self.db.execute("SELECT provision FROM offences WHERE id = ?", (oid,)).fetchone()
        return row[0] if row else None

    def offence_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM offences")}

    def preload(self, ids: list[str]) -> list[Provision]:
        """Several provisions in one query (fresh files only; a stale one goes through provision())."""
        if not ids:
            return []
        rows = self.db.execute(
            f"SELECT p.id, p.file, p.blob, f.size, f.mtime FROM provisions p JOIN files f ON f.name = p.file "
            f"WHERE p.id IN ({','.join('?' * len(ids))})",
            ids,
        ).fetchall()
        out = []
        for pid, file, blob, size, mtime in rows:
            if self._matches(file, size, mtime):
                self.verified.add(file)
                out.append(pickle.loads(blob))
            else:
                p = self.provision(pid)
                if p is not None:
                    out.append(p)
        return out

    def search_candidates(self, query: str, limit: int = 120) -> list[str]:
        """Provisions that share a word (or a near spelling of one) with the query, best first."""
        tokens = search_words(query)
        if not tokens:
            return []
        known = {r[0] for r in self.db.execute("SELECT word FROM search_words")}
        terms: set[str] = set()
        for tok in tokens:
            if tok in known:
                terms.add(tok)
            if len(tok) >= 3:
                from rapidfuzz import fuzz, process

                terms |= {
                    w for w, _, _ in process.extract(tok, known, scorer=fuzz.ratio, limit=5, score_cutoff=70)
                }
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in sorted(terms))
        rows = self.db.execute(
            "SELECT id FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit)
        )
        return [r[0] for r in rows]

    def xrefs(self, target: str, kind: str) -> list[tuple[str, int]]:
        return [
            (r[0], r[1])
            for r in self.db.execute(
                "SELECT source, version FROM xrefs WHERE target = ? AND kind = ?", (target, kind)
            )
        ]


class Rows(NamedTuple):
    """Everything one file contributes to the cache, ready to insert (built in worker processes)."""

    file: tuple[Any, ...]
    defines: list[tuple[str, str, str]]
    refs: list[tuple[str, str, str]]
    provisions: list[tuple[str, str, str, str, bytes]]
    fts: list[tuple[str, str]]
    words: set[str]
    offences: list[tuple[str, str]]
    xrefs: list[tuple[str, str, int, str]]
    objects: list[tuple[str, str, str, bytes]]


def file_rows(st: Stat, result: Any, sha: str) -> Rows:
    """The rows of one compiled file (see SCHEMA)."""
    rows = Rows(
        file=(st.name, st.kind, st.size, st.mtime, sha, pickle.dumps(_lean(result), protocol=5)),
        defines=[(ns, ident, st.name) for ns, ident, _ in result.defines],
        refs=[(st.name, ref.kind, _target_key(ref)) for ref in result.refs if ref.kind != "penalty"],
        provisions=[], fts=[], words=set(), offences=[], xrefs=[], objects=[],
    )  # fmt: skip
    for obj in result.objects:
        if isinstance(obj, Provision):
            # the jurisdiction is the instrument's, filled in once instruments are stored
            rows.provisions.append(
                (obj.id, st.name, obj.instrument, obj.instrument, pickle.dumps(obj, protocol=5))
            )
            body = _search_body(obj)
            rows.fts.append((obj.id, body))
            rows.words.update(body.split())
            for vi, v in enumerate(obj.versions):
                for o in v.offences:
                    rows.offences.append((o.id, obj.id))
                    rows.offences.extend((f"{obj.id}#{a.key}", obj.id) for a in o.aggravated if a.key)
                rows.xrefs.extend((r.to.split("#")[0], obj.id, vi, "refers-to") for r in v.refers_to)
                rows.xrefs.extend((req, obj.id, vi, "implements") for req in v.implements)
        else:
            ident = obj.id if not isinstance(obj, Vocabulary) else "vocabulary"
            rows.objects.append((ident, type(obj).__name__, st.name, pickle.dumps(obj, protocol=5)))
    return rows


def insert_rows(db: sqlite3.Connection, rows: Rows) -> None:
    insert_many(db, [rows])


def insert_many(db: sqlite3.Connection, batch: list[Rows]) -> None:
    """Insert the rows of several files, one statement per table (far fewer round trips)."""
    db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", [r.file[:5] for r in batch])
    db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", [(r.file[0], r.file[5]) for r in batch])
    db.executemany("INSERT INTO defines VALUES (?, ?, ?)", [x for r in batch for x in r.defines])
    db.executemany("INSERT INTO refs VALUES (?, ?, ?)", [x for r in batch for x in r.refs])
    db.executemany(
        "INSERT OR REPLACE INTO provisions VALUES (?, ?, ?, ?, ?)", [x for r in batch for x in r.provisions]
    )
    db.executemany("INSERT INTO search_fts (id, body) VALUES (?, ?)", [x for r in batch for x in r.fts])
    words: set[str] = set().union(*(r.words for r in batch))
    db.executemany("INSERT OR IGNORE INTO search_words VALUES (?)", [(w,) for w in words])
    db.executemany("INSERT OR REPLACE INTO offences VALUES (?, ?)", [x for r in batch for x in r.offences])
    db.executemany("INSERT INTO xrefs VALUES (?, ?, ?, ?)", [x for r in batch for x in r.xrefs])
    db.executemany(
        "INSERT OR REPLACE INTO objects VALUES (?, ?, ?, ?)", [x for r in batch for x in r.objects]
    )


_WORKER: dict[str, Any] = {}


def _compile_one(job: tuple[str, str, str, int, int, str]) -> tuple[Any, Rows | None]:
    """Worker: parse, validate and build one file; return its lean result and its rows."""
    from .loader import _expected_id, read_file, schema_dir
    from .schema import SchemaSet

    kind, name, path_text, size, mtime, root_text = job
    schemas = _WORKER.get("schemas")
    if schemas is None:
        schemas = _WORKER["schemas"] = SchemaSet(schema_dir())
    path = Path(path_text)
    if size > yamlsafe_max_bytes():
        from .corpusfiles import FileResult

        mib = f"{size / 1_048_576:.1f} MiB"
        problem = Problem(
            name,
            1,
            1,
            "",
            f"file is {mib}; a corpus file may be at most {yamlsafe_max_bytes() // 1_048_576} MiB",
        )
        return FileResult(name, kind, [problem]), None
    data = path.read_bytes()
    result, _doc = read_file(kind, name, data, schemas, _expected_id(kind, path, Path(root_text)))
    if result.problems:
        return _lean(result, keep_problems=True), None
    return _lean(result), file_rows(Stat(kind, name, path, size, mtime), result, _sha(data))


def yamlsafe_max_bytes() -> int:
    from .yamlsafe import MAX_BYTES

    return MAX_BYTES


def compile_all(stats: list[Stat], root: Path) -> Iterator[tuple[Any, Rows | None]]:
    """Compile files, in a process per core when there are enough of them to be worth it."""
    jobs = [(st.kind, st.name, str(st.path), st.size, st.mtime, str(root)) for st in stats]
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or len(jobs) < 400:
        with _gc_paused():
            yield from map(_compile_one, jobs)
        return
    import concurrent.futures as cf
    import multiprocessing

    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=gc.disable) as pool:
        yield from pool.map(_compile_one, jobs, chunksize=64)


def _search_body(p: Provision) -> str:
    """The words a provision is found by: number, titles, keywords, offence names, conduct."""

    parts = [p.number, p.title.en, p.title.es or "", *p.keywords]
    for v in p.versions:
        if v.title:
            parts += [v.title.en, v.title.es or ""]
        for o in v.offences:
            parts += [o.name.en, o.name.es or "", *o.conduct]
    return " ".join(search_words(" ".join(parts)))


def _target_key(ref: Any) -> str:
    return ref.target if isinstance(ref.target, str) else repr(ref.target)


def _lean(result: Any, keep_problems: bool = False) -> Any:
    """What of a FileResult is kept per file: its definitions and references (objects live in
    their own tables)."""
    from .corpusfiles import FileResult

    problems = list(result.problems) if keep_problems else []
    return FileResult(result.file, result.kind, problems, [], list(result.refs), list(result.defines))


def _schema_dir() -> Path:
    from .loader import schema_dir

    return schema_dir()


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Bulk loads allocate millions of objects the cyclic GC need not scan (3-4x faster)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def open_corpus(root: Path, full: bool) -> KnowledgeBase:
    """The corpus at `root` through its cache (see the module docstring)."""
    if os.environ.get("LAWBASE_NO_CACHE"):
        from .loader import load

        return load(root)
    return Cache(root).open(full)


__all__ = ["Cache", "Instrument", "Recommendation", "Requirement", "Scale", "Source", "open_corpus"]
