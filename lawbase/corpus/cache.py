"""The compiled corpus: an SQLite file of checked model objects, refreshed file by file.

Why: parsing YAML is the slow part (CSafeLoader needs minutes for 100,000 records) and a lawyer
runs `lawbase penalty 367ter` many times a day. The first run compiles every file; later runs
parse no YAML at all and read only the rows a question needs.

Where: $LAWBASE_CACHE_DIR, else $XDG_CACHE_HOME/lawbase, else ~/.cache/lawbase; one file per
corpus folder, named after a hash of its absolute path. If that place cannot be used, the cache
lives next to the corpus (`<corpus>/../.<name>.lawbase-cache.sqlite`), else in a private folder
of the user's in the temporary directory (`lawbase-<uid>`, mode 0700); if none can, the corpus
is read without a cache. Moving to a fallback is said once, on stderr, when that cache is built.

A cache is data like the corpus, and reading it never runs code:
* rows hold JSON text decoded by `codec`, which builds only model records and checks every
  field; a row that is not a well-formed record (or whose CRC-32 does not match) is a damaged
  cache: it is removed and rebuilt, never trusted (`CacheDamaged` asks the caller to start again);
* a cache file is read only if it is a regular file (not a symbolic link) owned by the user, in
  a folder others cannot write (or can only under the sticky bit); files are created with
  O_EXCL in place (never through a name someone planted) and renamed into place;
* the cache's key is derived, never a number to remember to bump: the table layout, every
  model record's fields and annotations (`codec.signature()`) and the size and mtime of the
  compiling code and schemas. A model change makes an old cache unreadable, not misread. The
  lawbase version (importlib.metadata, ~45 ms to import) is recorded when a cache is written but
  not read on a warm run: a new install rewrites the code files, which changes the key anyway.

What makes it current:
* every file's size and mtime is stored with its SHA-256; a file whose stat changed is hashed
  again and recompiled only if its content changed. A stat is not trusted while it is "racy"
  (the file changed less than RACY_NS before its stat was recorded: a same-size edit within the
  filesystem's timestamp granularity keeps size and mtime), so such a file is hashed again;
* a missing table or a file SQLite cannot read (truncated, corrupted) means the cache is thrown
  away and rebuilt;
* how much is re-checked depends on the question. Commands that read the whole corpus
  (validate, age, site, penalty --conduct, refs --reverse) stat every file. A point lookup (show,
  penalty, search, refs) checks every folder's mtime (which catches files added, removed or
  renamed anywhere) and the files its answer is read from: the provision's own file when it is
  loaded, the instruments, the bibliography, the vocabularies and the scales; "referred to by"
  checks the files that cite the provision, search the files of the provisions it returns, and
  refs the files of the provisions on its tree. An analysis of one State's law (gaps, compare,
  coverage, extradition, graph) checks what a point lookup does and every file of the
  provisions in view (the State's and the treaties'), not other States' files. An in-place edit
  elsewhere that adds a new citation or search word (one that changes no folder's mtime, unlike
  an editor's save-by-rename) is seen by the next whole-corpus command: statting every file on
  every point lookup would cost ~0.3 s at 100,000 files;
* a refresh costs what changed, not the corpus: only a folder whose mtime changed (or was
  recorded too soon after it changed to be trusted, as for files) is listed again, with the
  checks the full walk makes of its entries (files.list_folder); the files of the other folders
  are the cache's rows. A folder that shows a problem, or a change only the whole listing can
  judge (no bibliography left, say), lists the whole tree, so problems read as they always do.
  Linking the recompiled files asks the tables' indexes for the ids and records their references
  name (SqlIndex), and what a removed file defined is looked for in the files that cite it;
* `validate` (verify=True) hashes every file and decodes every row before it says the corpus is
  valid (a large cache's rows in a process per core, each with a connection of its own);
* a refresh happens in one SQLite transaction after the changed files pass every check; a corpus
  with problems raises DataError and leaves the cache as it was. A cold build is written to a
  temporary file and renamed into place, so a reader never sees half a cache.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import os
import sqlite3
import stat as stat_mod
import sys
import time
import zlib
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from lawbase.errors import CacheDamaged, DataError, LawbaseError, Problem, visible
from lawbase.kb import KnowledgeBase
from lawbase.model import Instrument, Provision, Scale, Settings, Vocabulary
from lawbase.provisions import (
    IMPLEMENTS,
    MADE_BY,
    NAMED_BY_RULE,
    REFERS_TO,
    MemoryProvisions,
    ProvisionSource,
    offence_ids,
)
from lawbase.refs import id_key, search_words

from . import codec

if TYPE_CHECKING:
    from .files import FileResult

# A stat recorded less than this after the file's mtime may not show a later edit: the filesystem's
# timestamps may be that coarse (FAT: 2 s; some network filesystems: 1 s).
RACY_NS = 2_000_000_000
# the files every answer reads (corpus settings, instruments, bibliography, vocabularies, scales): a point lookup
# checks them, and no other file unless its folder changed or the answer is read from it
ALWAYS_CHECKED = ("corpus", "sources", "vocabulary", "scale", "instrument")


_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6  # result codes (sqlite3 names them from Python 3.11)


class CacheBusy(LawbaseError):
    """Another process held the cache's lock past the timeout."""


@functools.cache
def _version() -> str:
    """The installed lawbase's version, recorded in a cache it writes (for whoever reads the
    file; the key decides whether a cache is used). Read on cold builds only: importing
    importlib.metadata costs about 45 ms, half a warm run."""
    import importlib.metadata

    try:
        return importlib.metadata.version("lawbase")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout without installing
        return "unknown"


def cache_dir() -> Path:
    env = os.environ.get("LAWBASE_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "lawbase" if xdg else Path.home() / ".cache" / "lawbase"


def _key(root: Path) -> str:
    # a short, stable name; the cache's own meta row guards against collisions
    return f"{zlib.crc32(os.fsencode(root.resolve())):08x}"


def _file_name(root: Path) -> str:
    return f"{root.resolve().name}-{_key(root)}.sqlite"


def cache_file(root: Path) -> Path:
    """Where the cache of the corpus at `root` lives (the folder may not exist yet)."""
    return cache_dir() / _file_name(root)


def _fallback_file(root: Path) -> Path:
    r = root.resolve()
    return r.parent / f".{r.name}.lawbase-cache.sqlite"


def _private_tmp_file(root: Path) -> Path:
    import tempfile

    return Path(tempfile.gettempdir()) / f"lawbase-{os.geteuid()}" / _file_name(root)


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (name TEXT PRIMARY KEY, kind TEXT NOT NULL, size INTEGER NOT NULL,
                    mtime INTEGER NOT NULL, sha TEXT NOT NULL, seen INTEGER NOT NULL, folder TEXT NOT NULL)
                    WITHOUT ROWID;
CREATE INDEX files_kind ON files (kind);
CREATE INDEX files_folder ON files (folder);
CREATE TABLE results (name TEXT PRIMARY KEY, blob TEXT NOT NULL);
CREATE TABLE dirs (path TEXT PRIMARY KEY, mtime INTEGER NOT NULL, seen INTEGER NOT NULL);
CREATE TABLE defines (ns TEXT NOT NULL, id TEXT NOT NULL, file TEXT NOT NULL);
CREATE INDEX defines_id ON defines (ns, id);
CREATE INDEX defines_file ON defines (file);
CREATE TABLE refs (file TEXT NOT NULL, target TEXT NOT NULL, PRIMARY KEY (file, target)) WITHOUT ROWID;
CREATE INDEX refs_target ON refs (target);
CREATE TABLE provisions (id TEXT PRIMARY KEY, file TEXT NOT NULL, instrument TEXT NOT NULL,
                         jurisdiction TEXT NOT NULL, blob TEXT NOT NULL, crc INTEGER NOT NULL);
CREATE INDEX provisions_file ON provisions (file);
CREATE INDEX provisions_jurisdiction ON provisions (jurisdiction);
CREATE INDEX provisions_instrument ON provisions (instrument);
CREATE TABLE objects (id TEXT NOT NULL, type TEXT NOT NULL, file TEXT NOT NULL, blob TEXT NOT NULL,
                      crc INTEGER NOT NULL, PRIMARY KEY (type, id));
CREATE INDEX objects_file ON objects (file);
CREATE TABLE offences (id TEXT PRIMARY KEY, provision TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX offences_provision ON offences (provision);
CREATE TABLE xrefs (target TEXT NOT NULL, source TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL);
CREATE VIRTUAL TABLE search_fts USING fts5(id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE search_words USING fts5vocab(search_fts, 'row');
CREATE INDEX xrefs_target ON xrefs (target);
CREATE INDEX xrefs_source ON xrefs (source);
"""


_INDEXES = [x.strip() for x in SCHEMA.split(";") if x.strip().startswith("CREATE INDEX")]
_TABLES = ";\n".join(x.strip() for x in SCHEMA.split(";") if x.strip() and x.strip() not in _INDEXES) + ";"


# the modules whose code decides what a compiled row holds, or whether a file is accepted at all
COMPILER = (
    "corpus/yamlsafe",
    "corpus/schema",
    "corpus/loader",
    "corpus/files",
    "corpus/link",
    "penalties",
    "refs",
    "model",
    "corpus/codec",
    "corpus/cache",
    "errors",
)
_KEY: list[str] = []


def _compiler_fingerprint() -> str:
    """A CRC-32 of the compiling code and the schemas it checks against, by their size and mtime
    (an edit or a new install changes them; reading the files would cost every warm run ~0.7
    ms): a lawbase whose reader or schemas changed (a stricter rule, a new field) does not trust
    rows an older one wrote."""
    from lawbase.paths import default_data_dir

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = [os.path.join(package, f"{m}.py") for m in COMPILER]
    schemas = os.path.join(default_data_dir(), "schema")
    with contextlib.suppress(OSError):
        paths += sorted(os.path.join(schemas, n) for n in os.listdir(schemas) if n.endswith(".json"))
    marks = []
    for path in paths:
        try:
            st = os.stat(path)
            marks.append(f"{os.path.basename(path)}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            marks.append(f"{os.path.basename(path)}:missing")
    return f"{zlib.crc32(chr(0).join(marks).encode()):08x}"


def cache_key() -> str:
    """What a cache must have been made with to be read: the table layout, every model record's
    fields and types, and the compiling code (all derived, never a hand-kept number). The lawbase
    version is stored beside it."""
    if not _KEY:
        _KEY.append(
            f"{zlib.crc32(SCHEMA.encode()):08x};{_compiler_fingerprint()};{codec.RESULT_SIGNATURE};{codec.signature()}"
        )
    return _KEY[0]


def _crc(text: str) -> int:
    return zlib.crc32(text.encode())


def _decode(type_name: str, text: Any, crc: Any) -> Any:
    """One stored record, checked against the CRC-32 written with it."""
    if type(text) is not str or _crc(text) != crc:
        raise codec.Damaged(f"a {type_name} row does not match its checksum")
    return codec.decode(type_name, text)


def _distrust(path: Path) -> str | None:
    """Why the cache file at `path` must not be read (None: it may, or it does not exist).

    Whoever can write a cache decides what lawbase answers, so only the user's own regular file,
    in a folder no one else can swap files in, is read. The journal SQLite keeps beside it is
    held to the same rule, since a write follows it."""
    folder = path.parent
    try:
        dst = os.stat(folder)
    except OSError:
        return None
    if dst.st_mode & (stat_mod.S_IWGRP | stat_mod.S_IWOTH) and not dst.st_mode & stat_mod.S_ISVTX:
        return f"others can write the folder {folder}"
    for candidate in (path, Path(f"{path}-journal")):
        try:
            st = os.lstat(candidate)
        except FileNotFoundError:
            continue
        except OSError as exc:
            return f"{candidate} cannot be read ({exc.strerror or exc})"
        if stat_mod.S_ISLNK(st.st_mode):
            return f"{candidate} is a symbolic link"
        if not stat_mod.S_ISREG(st.st_mode):
            return f"{candidate} is not a regular file"
        if st.st_uid != os.geteuid():
            return f"{candidate} belongs to another user"
    return None


def _note(message: str) -> None:
    """A one-line note on stderr (never on stdout, which may be JSON)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"lawbase: note: {visible(message)}\n")


CachedRow = tuple[str, int, int, str, int, str]  # kind, size, mtime, sha, seen, folder
Cached = dict[str, CachedRow]


def _cached_files(
    db: sqlite3.Connection,
    kinds: Collection[str] = (),
    folders: Collection[str] = (),
    names: Collection[str] = (),
) -> Cached:
    """name -> (kind, size, mtime, sha, seen, folder) of the files the cache was compiled from:
    all of them, or those of these kinds, in these folders (display names) or of these names."""
    query = "SELECT name, kind, size, mtime, sha, seen, folder FROM files"
    where, args = [], []
    for column, values in (("kind", kinds), ("folder", folders), ("name", names)):
        if values:
            where.append(f"{column} IN ({','.join('?' * len(values))})")
            args += sorted(values)
    rows = db.execute(f"{query} WHERE {' OR '.join(where)}" if where else query, args)
    return {
        name: (kind, size, mtime, sha, seen, folder) for name, kind, size, mtime, sha, seen, folder in rows
    }


def _ids_defined(db: sqlite3.Connection, name: str) -> set[tuple[str, str]]:
    """(namespace, id) of what a cached file defines, its provisions' offences and aggravated
    variants included: everything a reference may point at."""
    ids = set(db.execute("SELECT ns, id FROM defines WHERE file = ?", (name,)))
    query = "SELECT o.id FROM offences o JOIN provisions p ON p.id = o.provision WHERE p.file = ?"
    return ids | {("offence", r[0]) for r in db.execute(query, (name,))}


class Stat(NamedTuple):
    kind: str
    name: str
    path: str
    size: int
    mtime: int


class Scan:
    """What a look at the corpus folders found (files are listed only when folders changed)."""

    def __init__(self, files: dict[str, Stat] | None = None, dirs: dict[str, int] | None = None) -> None:
        self.files: dict[str, Stat] = files or {}
        self.dirs: dict[str, int] = dirs or {}
        self.problems: list[Problem] = []
        # the folders (display names) whose files were listed afresh, those gone included; None
        # when the whole tree was (files holds every corpus file)
        self.listed: set[str] | None = None


def _sha(data: bytes) -> str:
    import hashlib  # only when a file's stat changed

    return hashlib.sha256(data).hexdigest()


def _read(path: str | os.PathLike[str]) -> bytes | None:
    """A corpus file's bytes, as the loader reads them (None when over the size limit): a regular
    file only (a FIFO swapped in after the walk raises OSError instead of hanging), and never
    more than the size limit plus one byte."""
    from .files import MAX_BYTES, read_corpus_file

    return read_corpus_file(path, MAX_BYTES)[0]


def _digest(path: str) -> str:
    """The SHA-256 a file's rows are keyed by; a file over the limit gets a mark that matches no
    digest, so it is always "changed" and its problem is reported."""
    data = _read(path)
    return _sha(data) if data is not None else "over-the-size-limit"


def _racy(mtime: int, seen: int) -> bool:
    """Whether a stat recorded at `seen` could miss an edit made after it in the same tick."""
    return seen - mtime < RACY_NS


# the corpus's folders (files.TOP_DIRS but schema), and those with a folder per instrument
# or jurisdiction in them
_AREAS = ("articles", "instruments", "jurisdictions", "scales", "sources", "status")
_NESTED = ("articles", "status")


def _folders(root: Path) -> dict[str, int]:
    """The mtime of every folder of the corpus (absolute path -> mtime): the corpus folder, its
    areas and the folder of each instrument or jurisdiction in them."""
    dirs = [str(root), *(str(root / area) for area in _AREAS)]
    for area in _NESTED:
        with contextlib.suppress(OSError), os.scandir(root / area) as entries:
            # is_dir without following links: the entry's type, no stat
            dirs += sorted(e.path for e in entries if e.is_dir(follow_symlinks=False))
    out = {}
    for d in dirs:
        with contextlib.suppress(OSError):
            out[d] = os.stat(d).st_mtime_ns
    return out


def _scan(root: Path, dirs: dict[str, int] | None = None) -> Scan:
    """Every corpus file with its stat, the whole tree listed (find_files)."""
    from .files import find_files_stat

    scan = Scan(dirs=_folders(root) if dirs is None else dirs)
    files, problems = find_files_stat(root)
    scan.problems = problems
    for kind, name, path, st in files:
        scan.files[name] = Stat(kind, name, path, st.st_size, st.st_mtime_ns)
    return scan


def _scan_folders(root: Path, dirs: dict[str, int], known_dirs: dict[str, tuple[int, int]]) -> Scan | None:
    """The files of the folders that changed since `known_dirs` was recorded (mtime changed,
    recorded too soon after it to be trusted, new or gone), with their stat: an editor's save,
    one file added or removed costs a listing of its folder, not of the corpus. None when only
    the whole listing can say what is wrong (the folders show a problem, or a bibliography or
    vocabulary may be missing): find_files then reports it as it always does."""
    from .files import _namer, list_folder

    rel = _namer(root)
    scan = Scan(dirs=dirs)
    scan.listed = set()
    prefix = str(root) + os.sep
    for d, mtime in dirs.items():
        old = known_dirs.get(d)
        if old is not None and old[0] == mtime and not _racy(*old):
            continue
        try:
            files, problems = list_folder(root, Path(d))
        except ValueError:
            return None
        if problems:
            return None
        for kind, name, path, st in files:
            scan.files[name] = Stat(kind, name, path, st.st_size, st.st_mtime_ns)
        scan.listed.add(rel(Path(d)))
    for d in known_dirs.keys() - dirs.keys():
        if d != str(root) and not d.startswith(prefix):
            return None  # recorded under another spelling of the corpus's path
        scan.listed.add(rel(Path(d)))
    kinds = {st.kind for st in scan.files.values()}
    if (rel(root / "sources") in scan.listed and "sources" not in kinds) or (
        rel(root) in scan.listed and "vocabulary" not in kinds
    ):
        return None
    return scan


class Cache:
    """The compiled cache of one corpus folder (at `path` if given, else the first usable of the
    places named in the module docstring)."""

    def __init__(self, root: Path, path: Path | None = None) -> None:
        self.root = root
        self.explicit = path
        self.path = path or cache_file(root)
        self.db: sqlite3.Connection | None = None

    def places(self) -> Iterator[tuple[Path, bool]]:
        """(path, private) where the cache may be, in order, each computed only if the one before
        did not do; `private` marks the folder lawbase makes for the user alone (mode 0700)."""
        if self.explicit is not None:
            yield self.explicit, False
            return
        yield cache_file(self.root), False
        yield _fallback_file(self.root), False
        yield _private_tmp_file(self.root), True

    # --- opening ---

    def open(self, full: bool, verify: bool = False) -> KnowledgeBase:
        """A KnowledgeBase for the corpus, compiling or refreshing the cache first; `verify`
        hashes every file and decodes every row first (what `validate` trusts)."""
        for place, _private in self.places():
            db = self._connect(place)
            if db is None:
                continue
            self.path, self.db = place, db
            try:
                self._refresh(full or verify, verify)
                kb = self._knowledge_base()
                if verify:
                    self._check_rows(kb)
                return kb
            except (sqlite3.DatabaseError, codec.Damaged):
                self._discard()
                break
        return self._build_cold()

    def _connect(self, path: Path) -> sqlite3.Connection | None:
        """The cache at `path` if it exists, may be trusted, and was made by this lawbase with
        this model for this corpus."""
        try:
            if not os.path.lexists(path) or _distrust(path) is not None:
                return None
        except (OSError, ValueError):
            return None
        db = None
        try:
            db = sqlite3.connect(path, timeout=30)
            meta = dict(db.execute("SELECT key, value FROM meta"))
            expected = {"key": cache_key(), "root": str(self.root.resolve())}
            if any(meta.get(k) != v for k, v in expected.items()) or meta.get("complete") != "1":
                db.close()
                self._unlink(path)
                return None
            return db
        except (sqlite3.DatabaseError, OSError, ValueError):
            if db is not None:
                with contextlib.suppress(sqlite3.Error):
                    db.close()
            self._unlink(path)
            return None

    @staticmethod
    def _unlink(path: Path) -> None:
        """Remove a cache file of ours that cannot be used (never someone else's, nor a link's target)."""
        if _distrust(path) is None:
            with contextlib.suppress(OSError):
                os.unlink(path)

    def _discard(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None
        self._unlink(self.path)

    def damaged(self, why: str) -> CacheDamaged:
        """Remove this cache after a bad row was read while answering; the error to raise."""
        self._discard()
        return CacheDamaged(self.path, why)

    # --- building ---

    def _build_cold(self) -> KnowledgeBase:
        """Compile every file (in parallel), check across files, write the cache, read it back."""
        scan = _scan(self.root)
        if scan.problems and not scan.files:
            raise DataError(scan.problems)
        why: list[str] = []
        for place, private in self.places():
            reason = self._unusable(place, private)
            if reason is None:
                try:
                    kb = self._build_into(place, scan)
                except (OSError, sqlite3.OperationalError) as exc:
                    # a write that failed half-way (a full disk, a quota): another place would
                    # mean compiling everything again, likely to fail the same way
                    why.append(f"{place.parent}: {getattr(exc, 'strerror', None) or exc}")
                    break
                if why:
                    _note(f"the cache cannot be kept where it belongs ({why[0]}); it is kept in {place}")
                return kb
            why.append(reason)
        from .loader import load

        _note(f"no place for the compiled cache could be used ({'; '.join(why)}): the corpus is read afresh")
        return load(self.root)

    def _unusable(self, place: Path, private: bool) -> str | None:
        """Why a cache cannot be written at `place` (None: it can be tried); a `private` folder
        is made 0700 and must be the user's own and closed to others."""
        folder = place.parent
        try:
            if private:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(folder, 0o700)
                st = os.lstat(folder)
                if not stat_mod.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o077:
                    return f"{folder} is not a private folder of this user's"
            else:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except (OSError, ValueError) as exc:
            return f"{folder}: {getattr(exc, 'strerror', None) or exc}"
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"{folder}: cannot write there"
        # a planted link or another user's file at our name is never followed, read or removed:
        # another place is used
        return _distrust(place)

    def _build_into(self, target: Path, scan: Scan) -> KnowledgeBase:
        """Compile into a temporary file beside `target`, renamed into place once complete."""
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=".lawbase-", suffix=".tmp", dir=str(target.parent))
        os.close(fd)
        db = None
        try:
            db = sqlite3.connect(tmp)
            # a private file renamed into place only when complete: no journal needed
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("PRAGMA cache_size = -200000")
            # the secondary indexes are made once the rows are in (a sort each, not an index
            # updated row by row: most of the inserts' time at 100,000 files)
            db.executescript(_TABLES)
            with db, _gc_paused():
                self._write_meta(db, complete=False)
                problems = list(scan.problems) + self._compile_into(db, scan, str(target.parent))
                if problems:
                    raise DataError(problems)
                self._store_dirs(db, scan.dirs)
                self._write_meta(db, complete=True)
            db.close()
            db = None
            os.replace(tmp, target)
        except BaseException:
            if db is not None:
                with contextlib.suppress(sqlite3.Error):
                    db.close()
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self.path = target
        self.db = sqlite3.connect(target, timeout=30)
        return self._knowledge_base()

    def _compile_into(self, db: sqlite3.Connection, scan: Scan, spool: str | None = None) -> list[Problem]:
        """Compile every file into the empty tables of `db`, then link them; the problems found
        (`spool`: where the workers' answers may wait, see compile_all)."""
        from .link import link
        from .loader import locate

        problems: list[Problem] = []
        lean: list[FileResult] = []
        # instruments before the provisions that belong to them, so each provision row gets
        # its instrument's jurisdiction as it is written
        order = {
            "corpus": 0, "sources": 0, "vocabulary": 1, "jurisdiction": 2, "scale": 3, "instrument": 4,
            "status": 5, "provision": 6,
        }  # fmt: skip
        stats = sorted(scan.files.values(), key=lambda st: (order[st.kind], st.name))
        jurisdiction: dict[str, str] = {}
        batch: list[Rows] = []
        for result, rows in compile_all(stats, spool):
            lean.append(result)
            if rows is None:
                problems += result.problems
                continue
            for ident, type_name, _file, blob, crc in rows.objects:
                if type_name == "Instrument":
                    jurisdiction[ident] = _decode(type_name, blob, crc).jurisdiction
            rows.provisions[:] = [
                (pid, f, inst, jurisdiction.get(inst, inst), blob, crc)
                for pid, f, inst, _, blob, crc in rows.provisions
            ]
            batch.append(rows)
            if len(batch) >= 256:
                insert_many(db, batch)
                batch.clear()
        insert_many(db, batch)
        # files with their own problems are left out (their rows were never written)
        failed = {r.kind for r in lean if r.problems}
        good = [r for r in lean if not r.problems]
        for statement in _INDEXES:
            db.execute(statement)
        return problems + locate(self.root, link(SqlIndex(db, None), good, failed), {})

    def _write_meta(self, db: sqlite3.Connection, complete: bool) -> None:
        rows = {
            "key": cache_key(),
            "version": _version(),
            "root": str(self.root.resolve()),
            "complete": "1" if complete else "0",
            "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }
        db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", rows.items())

    def _store_dirs(self, db: sqlite3.Connection, dirs: dict[str, int]) -> None:
        db.execute("DELETE FROM dirs")
        now = time.time_ns()
        db.executemany("INSERT INTO dirs VALUES (?, ?, ?)", [(d, m, now) for d, m in dirs.items()])

    def _store_file(self, db: sqlite3.Connection, st: Stat, result: Any, sha: str | None = None) -> None:
        """One file's compiled result and everything derived from it."""
        insert_many(db, [file_rows(st, result, sha or _digest(st.path))])
        if st.kind == "instrument":
            for obj in result.objects:
                if isinstance(obj, Instrument):
                    db.execute(
                        "UPDATE provisions SET jurisdiction = ? WHERE instrument = ?",
                        (obj.jurisdiction, obj.id),
                    )
        elif st.kind == "provision" and result.objects:
            row = db.execute(
                "SELECT blob, crc FROM objects WHERE type = 'Instrument' AND id = ?",
                (result.objects[0].instrument,),
            ).fetchone()
            if row is not None:
                inst = _decode("Instrument", row[0], row[1])
                db.execute(
                    "UPDATE provisions SET jurisdiction = ? WHERE file = ?", (inst.jurisdiction, st.name)
                )

    def _forget_file(self, db: sqlite3.Connection, name: str) -> None:
        db.execute("DELETE FROM files WHERE name = ?", (name,))
        db.execute("DELETE FROM results WHERE name = ?", (name,))
        db.execute("DELETE FROM defines WHERE file = ?", (name,))
        db.execute("DELETE FROM refs WHERE file = ?", (name,))
        # a search row has its provision row's rowid (the id is not indexed in the FTS table)
        db.execute(
            "DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM provisions WHERE file = ?)", (name,)
        )
        ids = [r[0] for r in db.execute("SELECT id FROM provisions WHERE file = ?", (name,))]
        for pid in ids:
            db.execute("DELETE FROM offences WHERE provision = ?", (pid,))
            db.execute("DELETE FROM xrefs WHERE source = ?", (pid,))
        db.execute("DELETE FROM provisions WHERE file = ?", (name,))
        db.execute("DELETE FROM objects WHERE file = ?", (name,))

    # --- refreshing ---

    def _refresh(self, full: bool, rehash: bool = False) -> None:
        assert self.db is not None
        db = self.db
        known_dirs = {r[0]: (r[1], r[2]) for r in db.execute("SELECT path, mtime, seen FROM dirs")}
        dirs = _folders(self.root)
        scan = _scan_folders(self.root, dirs, known_dirs)
        if scan is not None and (scan.listed or not full):
            # the files of the folders that changed were listed; the others are the cache's:
            # all of them statted for a whole-corpus command, else only those every answer reads
            listed = scan.listed
            assert listed is not None
            cached = _cached_files(db) if full else _cached_files(db, ALWAYS_CHECKED, listed)
            removed = [n for n, row in cached.items() if row[5] in listed and n not in scan.files]
            rest = [(n, row) for n, row in cached.items() if row[5] not in listed]
            if not self._stat_rest(scan, rest, strict=full, rehash=rehash):
                scan = None
        if scan is None or scan.listed is None or (full and not scan.listed):
            # a whole-corpus command with no folder changed lists the tree (its warm cost); so
            # does any command when a folder shows a problem (reported as a full listing does)
            # or a file is not what the cache says
            scan = _scan(self.root, dirs)
            if scan.problems:
                raise DataError(scan.problems)
            cached = _cached_files(db)
            removed = [n for n in cached if n not in scan.files]
        changed = self._changed(scan, cached, only=None, rehash=rehash)
        if changed or removed or scan.dirs != {k: v[0] for k, v in known_dirs.items()}:
            self._update(changed, removed, scan, cached)
        elif any(_racy(m, s) for m, s in known_dirs.values()):
            with db:
                self._store_dirs(db, scan.dirs)  # listed again and unchanged: trusted from now on
        return None

    def _stat_rest(
        self,
        scan: Scan,
        rest: list[tuple[str, CachedRow]],
        strict: bool,
        rehash: bool,
    ) -> bool:
        """Stat the cached files of folders that did not change; those whose stat differs from
        the cache's (or is racy, or all with `rehash`) join `scan.files` to be checked by
        content. `strict` (a whole-corpus command): each must still be a regular file the user
        can read, as a full listing checks. False: a file is not what the cache says (gone
        while its folder kept its mtime, no longer readable): the caller lists the whole tree."""
        from .files import regular_stat

        parent = str(self.root.parent)
        problems: list[Problem] = []
        for name, (kind, size, mtime, _sha, seen, _folder) in rest:
            path = os.path.join(parent, name)
            if strict:
                st = regular_stat(path, name, problems)
                if st is None:
                    return False
            else:
                try:
                    st = os.stat(path)
                except OSError:
                    return False
            if rehash or (st.st_size, st.st_mtime_ns) != (size, mtime) or _racy(mtime, seen):
                scan.files[name] = Stat(kind, name, path, st.st_size, st.st_mtime_ns)
        return True

    def _changed(
        self,
        scan: Scan,
        cached: Cached,
        only: set[str] | None,
        rehash: bool = False,
    ) -> list[tuple[Stat, str]]:
        """(stat, sha) of files added or whose content changed; stat-only changes are recorded.
        A stat that matches but is racy (or everything, with `rehash`) is checked by content."""
        assert self.db is not None
        out = []
        touched = []
        now = time.time_ns()
        for name, st in scan.files.items():
            if only is not None and name not in only:
                continue
            old = cached.get(name)
            if (
                old is not None
                and (old[1], old[2]) == (st.size, st.mtime)
                and not rehash
                and not _racy(old[2], old[4])
            ):
                continue
            try:
                sha = _digest(st.path)
            except OSError:
                sha = "unreadable"  # _update reports why
            if old is not None and old[3] == sha:
                touched.append((st.size, st.mtime, now, name))
                continue
            out.append((st, sha))
        if touched:
            with self.db:
                self.db.executemany("UPDATE files SET size = ?, mtime = ?, seen = ? WHERE name = ?", touched)
        return out

    def _check_rows(self, kb: KnowledgeBase) -> None:
        """Decode every stored record (Damaged at the first that is not well formed). A large
        cache's provision and per-file rows are decoded in a process per core, each reading
        its own share through its own connection (decoding is most of a warm `validate`); a
        small one's provisions are decoded into `kb` itself, as `validate` then counts them."""
        assert self.db is not None
        with _gc_paused():
            for type_name, blob, crc in self.db.execute("SELECT type, blob, crc FROM objects"):
                _decode(type_name, blob, crc)
            (rows,) = self.db.execute("SELECT count(*) FROM provisions").fetchone()
            workers = _cores()
            if workers >= 2 and rows >= PARALLEL_CHECK_ROWS and hasattr(os, "fork"):
                return self._check_rows_in_parallel(workers)
            stored_results(self.db)
            into = kb.provisions
            assert isinstance(into, CachedProvisions)
            for blob, crc in self.db.execute("SELECT blob, crc FROM provisions"):
                p = _decode("Provision", blob, crc)
                into._loaded.setdefault(p.id, p)
        return None

    def _check_rows_in_parallel(self, workers: int) -> None:
        assert self.db is not None
        jobs = []
        for table in ("provisions", "results"):
            lo, hi = self.db.execute(f"SELECT min(rowid), max(rowid) FROM {table}").fetchone()
            if lo is None:
                continue
            step = max(1, (hi - lo + 1) // (workers * 4))  # a few shares each, for balance
            jobs += [(str(self.path), table, a, min(a + step - 1, hi)) for a in range(lo, hi + 1, step)]
        with _pool(workers) as pool:
            found = [why for why in pool.map(_check_share, jobs) if why is not None]
        if found:
            kind, why = found[0]
            raise codec.Damaged(why) if kind == "damaged" else sqlite3.DatabaseError(why)

    def _update(
        self, changed: list[tuple[Stat, str]], removed: list[str], scan: Scan, cached: dict[str, Any]
    ) -> None:
        """Recompile `changed`, drop `removed`, check across files, and commit all or nothing."""
        from .link import link
        from .loader import locate

        assert self.db is not None
        db = self.db
        results, docs = self._recompile(changed)
        try:
            db.execute("BEGIN IMMEDIATE")
            touched = [*removed, *(st.name for st, _ in changed)]
            old_ids: set[tuple[str, str]] = set()
            for name in touched:
                old_ids |= _ids_defined(db, name)
                self._forget_file(db, name)
            for (st, sha), result in zip(changed, results, strict=True):
                self._store_file(db, st, result, sha)
            new_ids = set().union(*(_ids_defined(db, st.name) for st, _ in changed))
            gone = {ident for _ns, ident in old_ids - new_ids}
            cross = link(SqlIndex(db, set(touched)), results, gone=gone)
            problems = locate(self.root, cross, docs)
            if problems:
                raise DataError(problems)
            self._store_dirs(db, scan.dirs)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _recompile(self, changed: list[tuple[Stat, str]]) -> tuple[list[FileResult], dict[str, Any]]:
        """The compiled results of changed files and their parsed documents; DataError if any
        has a problem of its own."""
        from .files import too_large
        from .loader import _expected_id, _read_problem, read_file, schema_dir
        from .schema import SchemaSet

        schemas = SchemaSet(schema_dir())
        results = []
        problems: list[Problem] = []
        docs = {}
        for st, _sha in changed:
            try:
                data = _read(st.path)
            except OSError as exc:
                problems.append(_read_problem(st.name, exc))
                continue
            if data is None:
                problems.append(too_large(st.name, st.size))
                continue
            expected = _expected_id(st.kind, st.path)
            result, doc = read_file(st.kind, st.name, data, schemas, expected)
            results.append(result)
            docs[st.name] = doc
            problems += result.problems
        if problems:
            raise DataError(problems)
        return results, docs

    # --- reading ---

    def _knowledge_base(self) -> KnowledgeBase:
        assert self.db is not None
        objects: list[Any] = []
        vocabulary = Vocabulary()
        for type_name, blob, crc in self.db.execute("SELECT type, blob, crc FROM objects"):
            obj = _decode(type_name, blob, crc)
            if isinstance(obj, Vocabulary):
                vocabulary = obj
            else:
                objects.append(obj)
        return KnowledgeBase.build(objects, vocabulary, CachedProvisions(Store(self.db, self)))

    def reload_file(self, name: str) -> None:
        """Refresh one file found changed while answering (its provision was read stale)."""
        assert self.db is not None
        cached = _cached_files(self.db, names=[name])
        path = self.root.parent / name
        if not path.exists() or name not in cached:
            return self._refresh(full=True)
        st = path.stat()
        stat = Stat(cached[name][0], name, str(path), st.st_size, st.st_mtime_ns)
        scan = Scan(
            files={name: stat}, dirs={r[0]: r[1] for r in self.db.execute("SELECT path, mtime FROM dirs")}
        )
        changed = self._changed(scan, cached, only={name}, rehash=True)
        if changed:
            self._update(changed, [], scan, cached)
        return None


class Store:
    """Rows of the cache a KnowledgeBase reads on demand. Every row is checked as it is read: a
    file that changed on disk is recompiled first, and a row that is not a well-formed record
    removes the cache (CacheDamaged)."""

    def __init__(self, db: sqlite3.Connection, cache: Cache) -> None:
        self.db = db
        self.cache = cache
        self.verified: set[str] = set()

    def _record(self, type_name: str, blob: Any, crc: Any) -> Any:
        try:
            return _decode(type_name, blob, crc)
        except codec.Damaged as exc:
            raise self.cache.damaged(str(exc)) from None

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """SQLite errors while reading rows: a damaged cache (removed), except a lock held by
        another lawbase for longer than the timeout, which says nothing about the file."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", None) in (_SQLITE_BUSY, _SQLITE_LOCKED):
                raise CacheBusy(
                    f"{self.cache.path}: the compiled cache is busy (another lawbase is writing it); try again"
                ) from None
            raise self.cache.damaged(str(exc)) from None

    def provision(self, pid: str) -> Provision | None:
        # the blob and the stat it was compiled from come from one statement, so one snapshot:
        # read apart, another process's refresh could commit between them and a stale blob
        # would pass a check against the new stat
        with self._reading():
            row = self.db.execute(
                "SELECT p.file, p.blob, p.crc, f.size, f.mtime, f.seen FROM provisions p "
                "LEFT JOIN files f ON f.name = p.file WHERE p.id = ?",
                (pid,),
            ).fetchone()
        if row is None:
            return None
        file, blob, crc, size, mtime, seen = row
        if file not in self.verified:
            if not self._matches(file, size, mtime, seen):
                self.cache.reload_file(file)
                self.verified.add(file)
                return self.provision(pid)
            self.verified.add(file)
        return self._record("Provision", blob, crc)  # type: ignore[no-any-return]

    def _matches(self, file: str, size: int | None, mtime: int | None, seen: int | None) -> bool:
        """Whether `file` on disk still has the size and mtime its cached rows were compiled from
        (a racy stat is not enough: the caller then re-reads the file by content)."""
        try:
            st = os.stat(os.path.join(str(self.cache.root.parent), file))
        except OSError:
            return False
        if size is None or mtime is None or seen is None or (st.st_size, st.st_mtime_ns) != (size, mtime):
            return False
        return not _racy(mtime, seen)

    def check_files(self, files: set[str]) -> None:
        """Make sure the rows of `files` match the disk (those not already verified)."""
        todo = sorted(files - self.verified)
        if not todo:
            return
        with self._reading():
            rows = self.db.execute(
                f"SELECT name, size, mtime, seen FROM files WHERE name IN ({','.join('?' * len(todo))})", todo
            ).fetchall()
        stale = [name for name, size, mtime, seen in rows if not self._matches(name, size, mtime, seen)]
        if len(rows) < len(todo) or len(stale) > 100:
            self.cache._refresh(full=True)
        else:
            for name in stale:
                self.cache.reload_file(name)
        self.verified.update(todo)

    def version_count(self) -> int:
        """The versions of every stored provision, counted in SQLite without decoding a row (a
        provision is stored as the JSON list of its fields)."""
        at = Provision._fields.index("versions")
        with self._reading():
            row = self.db.execute(
                f"SELECT sum(json_array_length(blob, '$[{at}]')) FROM provisions"
            ).fetchone()
        return int(row[0] or 0)

    def provision_ids(self, jurisdictions: set[str] | None = None) -> list[str]:
        with self._reading():
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
        with self._reading():
            files = {
                r[0]
                for r in self.db.execute(
                    f"SELECT DISTINCT file FROM provisions WHERE jurisdiction IN ({marks})",
                    sorted(jurisdictions),
                )
            }
        self.check_files(files)

    def provisions(self, jurisdictions: set[str] | None = None) -> Iterator[Provision]:
        query = "SELECT blob, crc FROM provisions"
        args: list[str] = []
        if jurisdictions is not None:
            query += f" WHERE jurisdiction IN ({','.join('?' * len(jurisdictions))})"
            args = sorted(jurisdictions)
        with _gc_paused(), self._reading():
            for blob, crc in self.db.execute(query, args):
                yield self._record("Provision", blob, crc)

    def offence_owner(self, oid: str) -> str | None:
        with self._reading():
            row = self.db.execute("SELECT provision FROM offences WHERE id = ?", (oid,)).fetchone()
        return row[0] if row else None

    def preload(self, ids: list[str]) -> list[Provision]:
        """Several provisions in one query (fresh files only; a stale one goes through provision())."""
        if not ids:
            return []
        with self._reading():
            rows = self.db.execute(
                f"SELECT p.id, p.file, p.blob, p.crc, f.size, f.mtime, f.seen FROM provisions p "
                f"JOIN files f ON f.name = p.file WHERE p.id IN ({','.join('?' * len(ids))})",
                ids,
            ).fetchall()
        out = []
        for pid, file, blob, crc, size, mtime, seen in rows:
            if self._matches(file, size, mtime, seen):
                self.verified.add(file)
                out.append(self._record("Provision", blob, crc))
            else:
                p = self.provision(pid)
                if p is not None:
                    out.append(p)
        return out

    def search_words(self) -> set[str]:
        """Every word of the full-text index (search.py picks the near spellings among them)."""
        with self._reading():
            # the full-text index's own vocabulary: nothing kept beside it, so a word no
            # provision holds any more is gone with it
            return {r[0] for r in self.db.execute("SELECT term FROM search_words")}

    def with_words(
        self, terms: Collection[str], limit: int, jurisdictions: Collection[str] | None = None
    ) -> list[str]:
        """Provisions (of `jurisdictions`; None: all) whose search text holds one of `terms`,
        best first (SQLite's FTS5 rank). A search row has its provision row's rowid."""
        match = " OR ".join(f'"{t}"' for t in sorted(terms))
        with self._reading():
            if jurisdictions is None:
                rows = self.db.execute(
                    "SELECT id FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit)
                ).fetchall()
            else:
                marks = ",".join("?" * len(jurisdictions))
                rows = self.db.execute(
                    "SELECT f.id FROM search_fts f JOIN provisions p ON p.rowid = f.rowid "
                    f"WHERE search_fts MATCH ? AND p.jurisdiction IN ({marks}) ORDER BY f.rank LIMIT ?",
                    (match, *sorted(jurisdictions), limit),
                ).fetchall()
        return [r[0] for r in rows]

    def xrefs(self, target: str, kind: str) -> list[tuple[str, int]]:
        """(citing provision, version index) of every citation of `target`, after checking the
        citing files against the disk (an edit there may have removed or moved the citation)."""
        query = (
            "SELECT x.source, x.version, p.file FROM xrefs x JOIN provisions p ON p.id = x.source "
            "WHERE x.target = ? AND x.kind = ?"
        )
        with self._reading():
            rows = self.db.execute(query, (target, kind)).fetchall()
        files = {r[2] for r in rows}
        if files - self.verified:
            self.check_files(files)
            with self._reading():
                rows = self.db.execute(query, (target, kind)).fetchall()
        # in article order, as a corpus held in memory gives them (rowid order is file-name order)
        return sorted(((r[0], r[1]) for r in rows), key=lambda r: (id_key(r[0]), r[1]))


class CachedProvisions(ProvisionSource):
    """The provisions of the compiled cache (see provisions.ProvisionSource), each read and
    checked against its file on first use, then kept."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._loaded: dict[str, Provision] = {}
        self._ids: list[str] | None = None
        self._missing: set[str] = set()

    def __getitem__(self, pid: str) -> Provision:
        if pid in self._loaded:
            return self._loaded[pid]
        if pid in self._missing:
            raise KeyError(pid)
        p = self.store.provision(pid)
        if p is None:
            self._missing.add(pid)
            raise KeyError(pid)
        self._loaded[pid] = p
        return p

    def __contains__(self, pid: object) -> bool:
        if not isinstance(pid, str):
            return False
        try:
            self[pid]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        if len(self._loaded) < len(self.ids()):
            for p in self.store.provisions():
                self._loaded.setdefault(p.id, p)
        return iter(self.ids())

    def __len__(self) -> int:
        return len(self.ids())

    def ids(self) -> list[str]:
        if self._ids is None:
            self._ids = sorted(self.store.provision_ids(), key=id_key)
        return self._ids

    def offence_owner(self, oid: str) -> str | None:
        return self.store.offence_owner(oid)

    def xrefs(self, target: str, kind: str) -> list[tuple[str, int]]:
        return self.store.xrefs(target, kind)

    def restricted(self, jurisdictions: set[str], instruments: Mapping[str, Instrument]) -> ProvisionSource:
        # an analysis of one country reads all of its provisions: their files are checked first
        self.store.verify_jurisdictions(jurisdictions)
        return MemoryProvisions({p.id: p for p in self.store.provisions(jurisdictions)})

    def search_words(self) -> Collection[str]:
        return self.store.search_words()

    def with_words(
        self, terms: Collection[str], limit: int, jurisdictions: Collection[str] | None = None
    ) -> list[str]:
        return self.store.with_words(terms, limit, jurisdictions)

    def preload(self, ids: list[str]) -> None:
        for p in self.store.preload([i for i in ids if i not in self._loaded]):
            self._loaded[p.id] = p

    def version_count(self) -> int:
        # once every provision is decoded (a warm `validate` decodes them all to check them)
        # they are counted; right after a cold build, whose rows were just written from the
        # files, the rows are counted where they are rather than decoded again
        if len(self._loaded) >= len(self.ids()):
            return super().version_count()
        return self.store.version_count()


class _SqlIds(Collection[str]):
    """Ids a reference may name, asked of the cache's indexes one id at a time: a refresh checks
    the few references of the files it recompiled, and reading every id (100,000 provisions,
    twice as many offences) would cost more than the rest of it. Iterated (a suggestion for a
    reference that resolves to nothing), every id is read; `eager`: read at once (a cold build
    checks every reference, so one query is cheaper than one per id)."""

    def __init__(self, db: sqlite3.Connection, one: list[str], every: list[str], eager: bool) -> None:
        self.db, self.one, self.every = db, one, every
        self._known: dict[str, bool] = {}
        self._all: set[str] | None = None
        if eager:
            self._every()

    def __contains__(self, ident: object) -> bool:
        if not isinstance(ident, str):
            return False
        if self._all is not None:
            return ident in self._all
        found = self._known.get(ident)
        if found is None:
            found = self._known[ident] = any(
                self.db.execute(q, (ident,)).fetchone() is not None for q in self.one
            )
        return found

    def _every(self) -> set[str]:
        if self._all is None:
            self._all = {r[0] for q in self.every for r in self.db.execute(q)}
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._every())

    def __len__(self) -> int:
        return len(self._every())


def _defined(db: sqlite3.Connection, ns: str, eager: bool) -> _SqlIds:
    return _SqlIds(
        db,
        [f"SELECT 1 FROM defines WHERE ns = '{ns}' AND id = ?"],
        [f"SELECT id FROM defines WHERE ns = '{ns}'"],
        eager,
    )


class _SqlRecords(Mapping[str, Any]):
    """The stored records of one type by id, each decoded when first asked for (an instrument
    or scale a reference names), all of them when iterated."""

    def __init__(self, db: sqlite3.Connection, type_name: str) -> None:
        self.db, self.type_name = db, type_name
        self._records: dict[str, Any] = {}
        self._missing: set[str] = set()
        self._ids: list[str] | None = None

    def __getitem__(self, ident: str) -> Any:
        if ident in self._records:
            return self._records[ident]
        if ident not in self._missing:
            row = self.db.execute(
                "SELECT blob, crc FROM objects WHERE type = ? AND id = ?", (self.type_name, ident)
            ).fetchone()
            if row is not None:
                record = self._records[ident] = _decode(self.type_name, row[0], row[1])
                return record
            self._missing.add(ident)
        raise KeyError(ident)

    def _every(self) -> list[str]:
        if self._ids is None:
            query = "SELECT id FROM objects WHERE type = ? ORDER BY id"
            self._ids = [r[0] for r in self.db.execute(query, (self.type_name,))]
        return self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._every())

    def __len__(self) -> int:
        return len(self._every())


class SqlIndex:
    """The linker's index (link.Index) over the cache's tables, which already hold the rows of
    the files being linked. `linked`: those files' names, or None when the tables hold nothing
    else (a cold build: nothing is defined elsewhere). Ids and records are looked up one by one
    through the tables' indexes (see _SqlIds), so linking a few files costs a few lookups."""

    def __init__(self, db: sqlite3.Connection, linked: set[str] | None) -> None:
        self.db = db
        self.linked = linked

    @functools.cached_property
    def sources(self) -> Collection[str]:
        return _defined(self.db, "source", self.linked is None)

    @functools.cached_property
    def requirements(self) -> Collection[str]:
        return _defined(self.db, "requirement", self.linked is None)

    @functools.cached_property
    def targets(self) -> Collection[str]:
        return _SqlIds(
            self.db,
            [
                "SELECT 1 FROM defines WHERE ns = 'provision' AND id = ?",
                "SELECT 1 FROM offences WHERE id = ?",
            ],
            ["SELECT id FROM defines WHERE ns = 'provision'", "SELECT id FROM offences"],
            self.linked is None,
        )

    @functools.cached_property
    def instruments(self) -> Mapping[str, Instrument]:
        return _SqlRecords(self.db, "Instrument")

    @functools.cached_property
    def scales(self) -> Mapping[str, Scale]:
        return _SqlRecords(self.db, "Scale")

    @functools.cached_property
    def vocabulary(self) -> Vocabulary:
        from .link import vocabulary_of

        return vocabulary_of(stored_objects(self.db, ("Vocabulary", "Jurisdiction")))

    def defined_elsewhere(self, ns: str, ident: str) -> str | None:
        if self.linked is None:
            return None
        rows = self.db.execute("SELECT file FROM defines WHERE ns = ? AND id = ? ORDER BY rowid", (ns, ident))
        return next((f for (f,) in rows if f not in self.linked), None)

    def other_results(self, referring_to: Collection[str] | None) -> list[FileResult]:
        if self.linked is None:
            return []
        linked = self.linked
        if referring_to is None:
            return [r for r in stored_results(self.db) if r.file not in linked]
        marks = ",".join("?" * len(referring_to))
        query = f"SELECT DISTINCT file FROM refs WHERE target IN ({marks})"
        files = {f for (f,) in self.db.execute(query, sorted(referring_to))}
        return stored_results(self.db, sorted(files - linked))


def stored_objects(db: sqlite3.Connection, types: tuple[str, ...]) -> list[Any]:
    """The stored records of these types (Damaged if one is not well formed)."""
    marks = ",".join("?" * len(types))
    rows = db.execute(f"SELECT type, blob, crc FROM objects WHERE type IN ({marks})", types)
    return [_decode(t, blob, crc) for t, blob, crc in rows]


def stored_results(
    db: sqlite3.Connection, names: list[str] | None = None, rowids: tuple[int, int] | None = None
) -> list[Any]:
    """The stored references and definitions of these files (all files when None), or of the
    rows with rowids from rowids[0] to rowids[1] (a share of a parallel check)."""
    query = "SELECT r.name, f.kind, r.blob FROM results r JOIN files f ON f.name = r.name"
    if rowids is not None:
        rows = db.execute(f"{query} WHERE r.rowid BETWEEN ? AND ?", rowids).fetchall()
    elif names is None:
        rows = db.execute(query).fetchall()
    else:
        rows = db.execute(f"{query} WHERE r.name IN ({','.join('?' * len(names))})", names).fetchall()
    return [codec.decode_result(name, kind, text) for name, kind, text in rows]


class Rows(NamedTuple):
    """Everything one file contributes to the cache, ready to insert (built in worker processes)."""

    file: tuple[Any, ...]
    defines: list[tuple[str, str, str]]
    refs: list[tuple[str, str]]
    provisions: list[tuple[str, str, str, str, str, int]]
    fts: list[tuple[str, str]]
    offences: list[tuple[str, str]]
    xrefs: list[tuple[str, str, int, str]]
    objects: list[tuple[str, str, str, str, int]]


def file_rows(st: Stat, result: Any, sha: str) -> Rows:
    """The rows of one compiled file (see SCHEMA)."""
    rows = object_rows(st.kind, st.name, st.size, st.mtime, result, sha)
    rows.defines.extend(define_rows(st.name, result.defines))
    rows.refs.extend(ref_rows(st.name, result.refs))
    return rows


def define_rows(name: str, defines: Any) -> list[tuple[str, str, str]]:
    return [(ns, ident, name) for ns, ident, _ in defines]


# the kinds of reference that may point at what a provision file defines (a provision, an
# offence, an aggravated variant). The refs table answers only "which files refer to these ids
# a refresh removed", asked when no recompiled file is of a shared kind (link.link); a change to
# a file of a shared kind (sources, vocabulary, instruments, scales...) re-checks every file's
# references instead. So the other kinds, nine rows in ten, need no row.
LOOKED_UP = frozenset({"target", "concern"})


def ref_rows(name: str, refs: Any) -> list[tuple[str, str]]:
    """(file, target) of each provision, offence or variant file `name` refers to, once (see
    LOOKED_UP); those targets are strings (only a penalty's is not)."""
    return list(dict.fromkeys((name, target) for kind, target, _path, _context in refs if kind in LOOKED_UP))


def object_rows(kind: str, name: str, size: int, mtime: int, result: Any, sha: str) -> Rows:
    """The rows of one compiled file but its definitions and references (a worker leaves those
    to the main process, which receives them anyway for linking)."""
    rows = Rows(
        file=(
            name, kind, size, mtime, sha, time.time_ns(), os.path.dirname(name),
            codec.encode_result(result),
        ),
        defines=[], refs=[], provisions=[], fts=[], offences=[], xrefs=[], objects=[],
    )  # fmt: skip
    for obj in result.objects:
        if isinstance(obj, Provision):
            # the jurisdiction is the instrument's, filled in once instruments are stored
            text = codec.encode(obj)
            rows.provisions.append((obj.id, name, obj.instrument, obj.instrument, text, _crc(text)))
            words = _search_words(obj)
            rows.fts.append((obj.id, " ".join(words)))
            rows.offences.extend((oid, obj.id) for oid in offence_ids(obj))
            for vi, v in enumerate(obj.versions):
                rows.xrefs.extend((r.to.split("#")[0], obj.id, vi, REFERS_TO) for r in v.refers_to)
                rows.xrefs.extend((req, obj.id, vi, IMPLEMENTS) for req in v.implements)
                named = dict.fromkeys(t for rule in v.rules for t in rule.offences)
                rows.xrefs.extend((t, obj.id, vi, NAMED_BY_RULE) for t in named)
                rows.xrefs.append((v.by, obj.id, vi, MADE_BY))
        else:
            ident = (
                "vocabulary"
                if isinstance(obj, Vocabulary)
                else "corpus"
                if isinstance(obj, Settings)
                else obj.id
            )
            text = codec.encode(obj)
            rows.objects.append((ident, type(obj).__name__, name, text, _crc(text)))
    return rows


def insert_many(db: sqlite3.Connection, batch: list[Rows]) -> None:
    """Insert the rows of several files, one statement per table (far fewer round trips)."""
    db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", [r.file[:7] for r in batch])
    db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", [(r.file[0], r.file[7]) for r in batch])
    db.executemany("INSERT INTO defines VALUES (?, ?, ?)", [x for r in batch for x in r.defines])
    db.executemany("INSERT OR IGNORE INTO refs VALUES (?, ?)", [x for r in batch for x in r.refs])
    # a search row takes its provision row's rowid, so that a refresh removes it by rowid (the
    # FTS table cannot index the id); a provision id defined twice fails the build or refresh.
    # The rows just written are those past the largest rowid before them (a row replaced gets
    # a new rowid too): one query, where a look-up per search row cost three times the FTS
    # insert itself
    before = db.execute("SELECT max(rowid) FROM provisions").fetchone()[0] or 0
    db.executemany(
        "INSERT OR REPLACE INTO provisions VALUES (?, ?, ?, ?, ?, ?)",
        [x for r in batch for x in r.provisions],
    )
    rowid = dict(db.execute("SELECT id, rowid FROM provisions WHERE rowid > ?", (before,)))
    db.executemany(
        "INSERT OR REPLACE INTO search_fts (rowid, id, body) VALUES (?, ?, ?)",
        [(rowid[pid], pid, body) for r in batch for pid, body in r.fts if pid in rowid],
    )
    db.executemany("INSERT OR REPLACE INTO offences VALUES (?, ?)", [x for r in batch for x in r.offences])
    db.executemany("INSERT INTO xrefs VALUES (?, ?, ?, ?)", [x for r in batch for x in r.xrefs])
    db.executemany(
        "INSERT OR REPLACE INTO objects VALUES (?, ?, ?, ?, ?)", [x for r in batch for x in r.objects]
    )


_WORKER: dict[str, Any] = {}
SPOOL_BYTES = 64 * 1_048_576  # the workers' answers held in memory before they go to a file (compile_all)
COMPILE_CHUNK = 256  # files per task of a parallel compile (benchmarks/parse_only.py hands them out alike)
# from this many provision rows on, `validate` decodes the rows in a process per core
PARALLEL_CHECK_ROWS = 5000


def _check_share(job: tuple[str, str, int, int]) -> tuple[str, str] | None:
    """Worker: decode the rows of `table` with rowids lo..hi of the cache at `path`, through a
    connection of its own (the parent's is never used after the fork); ("damaged" or
    "database", why) at the first that is not well formed, else None."""
    path, table, lo, hi = job
    try:
        db = sqlite3.connect(path, timeout=30)
    except sqlite3.Error as exc:
        return "database", str(exc)
    try:
        if table == "provisions":
            rows = db.execute("SELECT blob, crc FROM provisions WHERE rowid BETWEEN ? AND ?", (lo, hi))
            for blob, crc in rows:
                _decode("Provision", blob, crc)
        else:
            stored_results(db, rowids=(lo, hi))
    except codec.Damaged as exc:
        return "damaged", str(exc)
    except sqlite3.DatabaseError as exc:
        return "database", str(exc)
    finally:
        db.close()
    return None


# what a worker sends back for one file: its name, kind, problems, references (plain tuples),
# definitions and rows (a plain tuple, None for a file with problems). Plain tuples, not
# FileResult, Ref and Rows: pickling those calls back into Python for every object, and the
# main process rebuilds them for less than that costs
Compiled = tuple[str, str, list[Problem], list[tuple[Any, ...]], list[Any], tuple[Any, ...] | None]


def _compile_one(job: tuple[str, str, str, int, int]) -> Compiled:
    """Worker: parse, validate and build one file; return what the main process needs of it
    (strings throughout: no pathlib object is made for a file)."""
    from .files import MAX_BYTES, too_large
    from .loader import _expected_id, _read_problem, read_file, schema_dir
    from .schema import SchemaSet

    kind, name, path, size, mtime = job
    schemas = _WORKER.get("schemas")
    if schemas is None:
        schemas = _WORKER["schemas"] = SchemaSet(schema_dir())
    try:
        data = _read(path) if size <= MAX_BYTES else None
    except OSError as exc:
        return name, kind, [_read_problem(name, exc)], [], [], None
    if data is None:
        return name, kind, [too_large(name, size)], [], [], None
    result, _doc = read_file(kind, name, data, schemas, _expected_id(kind, path))
    refs = [tuple(r) for r in result.refs]
    if result.problems:
        return name, kind, list(result.problems), refs, list(result.defines), None
    rows = object_rows(kind, name, size, mtime, result, _sha(data))
    return name, kind, [], refs, list(result.defines), tuple(rows)


def _received(compiled: Compiled) -> tuple[Any, Rows | None]:
    """A worker's answer as the lean FileResult (definitions and references: objects live in
    their own tables) and the Rows of one file, its definition and reference rows made here
    from what came for the FileResult (not sent twice)."""
    from .files import FileResult, Ref

    name, kind, problems, refs, defines, rows = compiled
    make = tuple.__new__
    result = FileResult(name, kind, problems, [], [make(Ref, r) for r in refs], defines)
    if rows is None:
        return result, None
    out: Rows = make(Rows, rows)
    out.defines.extend(define_rows(name, defines))
    out.refs.extend(ref_rows(name, refs))
    return result, out


def _worker_start() -> None:
    """A compile worker: no cyclic GC (it only allocates), and it dies with its parent, so a
    killed `lawbase` leaves no workers behind (Linux; elsewhere the closed pipe ends them)."""
    gc.disable()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() == 1:  # the parent died before the line above ran
        os._exit(1)


def _cores() -> int:
    """How many worker processes bulk work may use (one per core, at most eight)."""
    return min(os.cpu_count() or 1, 8)


def _pool(workers: int) -> Any:
    """A pool of `workers` processes (forked where the platform can: a fork inherits the
    imported code), each started by _worker_start."""
    import concurrent.futures as cf
    import multiprocessing

    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    return cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_start)


def _compile_sealed(job: tuple[str, str, str, int, int]) -> bytes:
    """Worker: _compile_one's answer already pickled, so that the pool's thread in the main
    process only moves bytes while the workers run (see compile_all)."""
    import pickle

    return pickle.dumps(_compile_one(job), pickle.HIGHEST_PROTOCOL)


def compile_all(stats: list[Stat], spool: str | None = None) -> Iterator[tuple[Any, Rows | None]]:
    """Compile files, in a process per core when there are enough of them to be worth it:
    (lean FileResult, Rows or None when the file has problems) of each, in order. The workers'
    answers wait in memory up to SPOOL_BYTES, then in an unlinked temporary file in the folder
    `spool` (the system's temporary folder when None)."""
    jobs = [(st.kind, st.name, st.path, st.size, st.mtime) for st in stats]
    workers = _cores()
    if workers < 2 or len(jobs) < 400:
        with _gc_paused():
            yield from map(_received, map(_compile_one, jobs))
        return
    # The main process stays idle while the workers run and does its share (unpickling,
    # building rows, inserting) once they are done. Busy beside them, it made their every
    # second cost more CPU (a third busy thread on the cores: about 1 s more of the workers'
    # CPU at 10,000 files, where the main process's own share is about 2 s), and a two-core
    # machine finishes no sooner for the overlap. What waits meanwhile is each file's answer
    # as pickled bytes (a worker's, on this machine, read back by the process that forked it):
    # about the corpus's size, so past SPOOL_BYTES in a file rather than in memory (at 100,000
    # files, 400 MB more at the peak). 256 files a task (~0.1 s of work): fewer, larger messages
    import pickle
    import tempfile

    sizes: list[int] = []
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, prefix=".lawbase-", dir=spool) as waiting:
        with _pool(workers) as pool:
            for data in pool.map(_compile_sealed, jobs, chunksize=COMPILE_CHUNK):
                waiting.write(data)
                sizes.append(len(data))
        waiting.seek(0)
        for size in sizes:
            yield _received(pickle.loads(waiting.read(size)))


def _search_words(p: Provision) -> list[str]:
    """The words a provision is found by: number, titles, keywords, offence names, conduct."""
    parts = [p.number, p.title.en, p.title.es or "", *p.keywords]
    for v in p.versions:
        if v.title:
            parts += [v.title.en, v.title.es or ""]
        for o in v.offences:
            parts += [o.name.en, o.name.es or "", *o.conduct]
    return search_words(" ".join(parts))


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


def open_corpus(root: Path, full: bool, verify: bool = False) -> KnowledgeBase:
    """The corpus at `root` through its cache (see the module docstring)."""
    if os.environ.get("LAWBASE_NO_CACHE"):
        from .loader import load

        return load(root)
    return Cache(root).open(full, verify)


__all__ = ["Cache", "CacheBusy", "CacheDamaged", "CachedProvisions", "SqlIndex", "open_corpus"]
