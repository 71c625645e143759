"""`lawbase site OUTDIR` on hostile or unlucky ground: planted links, the user's own files beside
and inside the site, a build killed half-way, builds racing each other, and folders it cannot use.

Every refusal is one line on stderr and exit 2; nothing of the user's is written through,
replaced or deleted; and OUTDIR always holds a whole site (the previous one or the new one).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from lawbase import cli
from lawbase import site as sitemod

AS_OF = "2024-01-01"


def _site(out: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`lawbase site OUT` in this process (a second per build instead of three); its exit code
    and stderr."""
    try:
        cli.main(["site", str(out), "--as-of", AS_OF])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def _one_line_error(code: int, err: str, *words: str) -> None:
    """The shape of every refusal: exit 2, one line on stderr naming the problem, no traceback."""
    assert 2 == code, err
    assert 1 == len(err.splitlines()), err
    assert "Traceback" not in err and "internal error" not in err, err
    for w in words:
        assert w in err, err


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (links as their target) by relative path, to prove nothing moved."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if p.is_symlink():
            out[rel] = "-> " + os.readlink(p)
        elif p.is_file():
            out[rel] = p.read_text(encoding="utf-8", errors="replace")
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The files of one clean build, to compare interrupted and raced builds against."""
    out = tmp_path_factory.mktemp("ref") / "www"
    r = subprocess.run(
        [sys.executable, "-m", "lawbase", "site", str(out), "--as-of", AS_OF],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert 0 == r.returncode, r.stderr
    return _snapshot(out)


# 1. writes through planted links


def test_a_dangling_symlink_outdir_is_refused_and_its_target_never_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link at OUTDIR pointing nowhere is refused; the place it points to stays absent."""
    target = tmp_path / "elsewhere" / "planted"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "www").symlink_to(target)
    code, err = _site(tmp_path / "www", capsys)
    _one_line_error(code, err, "www", "symbolic link")
    assert not target.exists()
    assert (tmp_path / "www").is_symlink()


def test_a_symlink_outdir_to_a_folder_is_refused_and_nothing_is_written_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link at OUTDIR to a real empty folder is refused too: lawbase writes only into the folder named."""
    target = tmp_path / "victim"
    target.mkdir()
    (tmp_path / "www").symlink_to(target)
    code, err = _site(tmp_path / "www", capsys)
    _one_line_error(code, err, "symbolic link")
    assert [] == list(target.iterdir())


def test_a_planted_marker_link_does_not_make_a_folder_look_like_a_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `.lawbase-site` that is a link to a real site's marker does not make the user's folder lawbase's."""
    real = tmp_path / "real"
    assert 0 == _site(real, capsys)[0]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("precious")
    (mine / "index.html").write_text("my own page")
    (mine / sitemod.MARKER).symlink_to(real / sitemod.MARKER)
    before = _snapshot(mine)
    code, err = _site(mine, capsys)
    _one_line_error(code, err, "mine")
    assert before == _snapshot(mine)


def test_a_link_planted_at_a_page_name_is_replaced_not_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rebuild replaces a link found at one of its page names; the file it pointed to is untouched."""
    out = tmp_path / "www"
    assert 0 == _site(out, capsys)[0]
    victim = tmp_path / "victim.txt"
    victim.write_text("do not overwrite")
    (out / "style.css").unlink()
    (out / "style.css").symlink_to(victim)
    assert 0 == _site(out, capsys)[0]
    assert "do not overwrite" == victim.read_text()
    assert not (out / "style.css").is_symlink() and "--accent" in (out / "style.css").read_text()


# 2. deleting what the user owns


def test_a_users_own_dot_old_folder_survives_rebuilds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`.www.old` is the user's: two builds of www leave it and what it holds alone."""
    mine = tmp_path / ".www.old"
    mine.mkdir()
    (mine / "backup.txt").write_text("mine")
    link = tmp_path / ".www.old-link"
    link.symlink_to(mine)
    for _ in range(2):
        code, err = _site(tmp_path / "www", capsys)
        assert 0 == code, err
    assert "mine" == (mine / "backup.txt").read_text()
    assert link.is_symlink()
    assert {".www.old", ".www.old-link", "www"} == {p.name for p in tmp_path.iterdir()}


def test_files_the_site_did_not_write_survive_a_rebuild(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A site folder someone publishes from keeps its .git, CNAME, .nojekyll and any file they added."""
    out = tmp_path / "www"
    assert 0 == _site(out, capsys)[0]
    (out / ".git" / "objects").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (out / "CNAME").write_text("law.example.org\n")
    (out / ".nojekyll").write_text("")
    (out / "extra.html").write_text("<p>my own page</p>")
    (out / "notes").mkdir()
    (out / "notes" / "todo.txt").write_text("check 367 ter")
    code, err = _site(out, capsys)
    assert 0 == code, err
    assert "ref: refs/heads/gh-pages\n" == (out / ".git" / "HEAD").read_text()
    assert (out / ".git" / "objects").is_dir()
    assert "law.example.org\n" == (out / "CNAME").read_text()
    assert (out / ".nojekyll").exists()
    assert "<p>my own page</p>" == (out / "extra.html").read_text()
    assert "check 367 ter" == (out / "notes" / "todo.txt").read_text()
    assert (out / "index.html").is_file()


def test_a_first_build_into_a_publishing_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder holding only dot-entries and CNAME (a fresh gh-pages clone) takes a first build and keeps them."""
    out = tmp_path / "www"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (out / "CNAME").write_text("law.example.org\n")
    code, err = _site(out, capsys)
    assert 0 == code, err
    assert "ref: refs/heads/gh-pages\n" == (out / ".git" / "HEAD").read_text()
    assert "law.example.org\n" == (out / "CNAME").read_text()
    assert (out / "index.html").is_file()


def test_the_manifest_lists_every_file_the_build_wrote(reference: dict[str, str]) -> None:
    """Each file of a clean build is in its manifest under a name a rebuild may delete, and nothing else is."""
    # the site's other language is a site of its own in es/, with its own manifest
    for folder in ("", "es/"):
        lines = reference[folder + sitemod.MARKER].splitlines()
        assert lines[0].startswith("lawbase site, as of ")
        listed = [n for n in lines[1:] if not n.startswith("#")]
        files = {n[len(folder) :] for n in reference if n.startswith(folder) and "/" not in n[len(folder) :]}
        assert sorted(files - {sitemod.MARKER}) == listed
        assert all(sitemod.OWN_NAME.fullmatch(n) for n in listed)
    assert "es" not in reference[sitemod.MARKER].splitlines()  # a rebuild never deletes the folder


def test_pages_the_previous_build_wrote_and_this_one_does_not_are_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page listed in the previous build's manifest that this build no longer writes is deleted."""
    out = tmp_path / "www"
    assert 0 == _site(out, capsys)[0]
    (out / "cl-cp--999-repealed.html").write_text("<p>gone</p>")
    with open(out / sitemod.MARKER, "a", encoding="utf-8") as f:
        f.write("cl-cp--999-repealed.html\n")
    assert 0 == _site(out, capsys)[0]
    assert not (out / "cl-cp--999-repealed.html").exists()
    assert "cl-cp--999-repealed.html" not in (out / sitemod.MARKER).read_text()


def test_a_hostile_manifest_deletes_nothing_of_the_users(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Manifest lines naming dotfiles, CNAME, other folders or a folder of the user's delete nothing."""
    out = tmp_path / "www"
    assert 0 == _site(out, capsys)[0]
    (tmp_path / "victim.txt").write_text("outside")
    (out / "CNAME").write_text("law.example.org\n")
    (out / ".nojekyll").write_text("")
    (out / "sub").mkdir()
    (out / "sub" / "x.html").write_text("inside a folder")
    (out / "folder.html").mkdir()
    (out / "folder.html" / "kept.txt").write_text("kept")
    with open(out / sitemod.MARKER, "a", encoding="utf-8") as f:
        f.write("CNAME\n.nojekyll\n../victim.txt\nsub/x.html\nsub\nfolder.html\n/etc/hostname\n")
    assert 0 == _site(out, capsys)[0]
    assert "outside" == (tmp_path / "victim.txt").read_text()
    assert "law.example.org\n" == (out / "CNAME").read_text()
    assert (out / ".nojekyll").exists()
    assert "inside a folder" == (out / "sub" / "x.html").read_text()
    assert "kept" == (out / "folder.html" / "kept.txt").read_text()


def test_a_manifest_line_too_long_for_a_file_name_is_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A manifest line longer than any file name can be does not stop the next build."""
    out = tmp_path / "www"
    assert 0 == _site(out, capsys)[0]
    with open(out / sitemod.MARKER, "a", encoding="utf-8") as f:
        f.write("a" * 300 + ".html\n")
    code, err = _site(out, capsys)
    assert 0 == code, err


def test_a_folder_at_a_page_name_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of the user's where the site writes a page stops the build before it writes anything."""
    out = tmp_path / "www"
    assert 0 == _site(out, capsys)[0]
    (out / "style.css").unlink()
    (out / "style.css").mkdir()
    (out / "style.css" / "mine.css").write_text("mine")
    before = _snapshot(out)
    code, err = _site(out, capsys)
    _one_line_error(code, err, str(out / "style.css"), "is a folder")
    assert before == _snapshot(out)
    assert [] == [p.name for p in out.iterdir() if p.name.startswith(sitemod.STAGING_PREFIX)]


# 3. a build killed half-way


def _renames_then_die(after: int) -> None:
    """In a forked child: let `after` renames through, then die at the next one as SIGKILL would
    (os._exit runs no cleanup handler)."""
    calls = [0]

    def wrap(real: Callable[..., Any]) -> Callable[..., Any]:
        def dying(*args: Any, **kwargs: Any) -> Any:
            calls[0] += 1
            if calls[0] > after:
                os._exit(9)
            return real(*args, **kwargs)

        return dying

    os.replace = wrap(os.replace)  # type: ignore[assignment]
    os.rename = wrap(os.rename)  # type: ignore[assignment]


@pytest.mark.parametrize("after", [0, 1, 2, 3, 40, 150, 158, 160])
def test_a_build_killed_at_any_rename_leaves_a_whole_site(
    tmp_path: Path, kb: Any, reference: dict[str, str], after: int
) -> None:
    """Killed between any two renames of a rebuild, OUTDIR still holds whole pages, and the next
    build ends with exactly a clean build's files."""
    out = tmp_path / "www"
    sitemod.build(kb, out, dt.date.fromisoformat("2018-06-01"))  # the previous site, a different date
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            _renames_then_die(after)
            sitemod.build(kb, out, dt.date.fromisoformat(AS_OF))
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status)
    assert out.is_dir() and not out.is_symlink()
    pages = list(out.glob("*.html"))
    assert (out / "index.html") in pages and len(pages) > 150
    for p in pages:
        assert p.read_text(encoding="utf-8").endswith("</html>\n"), p.name
    assert (out / sitemod.MARKER).is_file()
    sitemod.build(kb, out, dt.date.fromisoformat(AS_OF))
    assert reference == _snapshot(out)


def test_an_exception_half_way_through_writing_leaves_the_previous_site(
    tmp_path: Path, kb: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails (disk full) part-way leaves the previous site exactly as it was and no debris."""
    out = tmp_path / "www"
    sitemod.build(kb, out, dt.date.fromisoformat("2018-06-01"))
    before = _snapshot(out)
    real_write = os.write
    calls = [0]

    def full(fd: int, data: Any) -> int:
        calls[0] += 1
        if calls[0] > 20:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(sitemod.SiteError, match="No space left on device"):
        sitemod.build(kb, out, dt.date.fromisoformat(AS_OF))
    monkeypatch.undo()
    assert before == _snapshot(out)
    assert sorted({n.split("/", 1)[0] for n in before}) == sorted(p.name for p in out.iterdir())


# 4. builds racing each other


# Builds that start together still reach the disk seconds apart (computing the pages takes
# longer than writing them), so each child here holds at its first mkdir, which is where writing
# starts, until every child is there: then they all write at once
_AT_THE_LINE = """
import os, sys, time
from pathlib import Path
from lawbase import cli, site
ready, go = Path(sys.argv[1]), Path(sys.argv[2])
real_build, real_mkdir = site.build, os.mkdir

def mkdir(*args, **kwargs):
    os.mkdir = real_mkdir
    ready.touch()
    while not go.exists():
        time.sleep(0.002)
    return real_mkdir(*args, **kwargs)

def build(*args, **kwargs):
    os.mkdir = mkdir
    return real_build(*args, **kwargs)

site.build = build
cli.main(sys.argv[3:])
"""


@pytest.mark.parametrize("start", ["fresh", "rebuild"])
def test_concurrent_builds_of_one_folder(tmp_path: Path, reference: dict[str, str], start: str) -> None:
    """Ten builds of one folder writing at the same moment: each succeeds or says in one line
    that another is writing, and the folder ends as one clean build."""
    out = tmp_path / "www"
    lines = tmp_path / "lines"
    lines.mkdir()
    args = ["site", str(out), "--as-of", AS_OF]
    if start == "rebuild":
        subprocess.run([sys.executable, "-m", "lawbase", *args], check=True, capture_output=True, cwd=ROOT)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _AT_THE_LINE, str(lines / f"ready-{i}"), str(lines / "go"), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for i in range(10)
    ]
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if sum(1 for p in lines.iterdir()) + sum(1 for p in procs if p.poll() is not None) >= len(procs):
            break
        time.sleep(0.05)
    (lines / "go").touch()
    results = [(p.wait(timeout=240), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for code, err in results:
        if code != 0:
            _one_line_error(code, err, "another lawbase site is writing", str(out))
    assert any(code == 0 for code, _ in results)
    assert reference == _snapshot(out)
    assert ["lines", "www"] == sorted(p.name for p in tmp_path.iterdir())


# 5. folders lawbase cannot use


def test_an_outdir_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file at OUTDIR is refused by name and left as it was."""
    f = tmp_path / "www"
    f.write_text("a file")
    code, err = _site(f, capsys)
    _one_line_error(code, err, str(f), "not a folder")
    assert "a file" == f.read_text()


def test_an_outdir_whose_parent_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing parent folder is named; nothing is created."""
    out = tmp_path / "no" / "such" / "www"
    code, err = _site(out, capsys)
    _one_line_error(code, err, str(tmp_path / "no" / "such"), "does not exist")
    assert not (tmp_path / "no").exists()


def test_an_outdir_whose_parent_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A parent that is a file is named as such."""
    (tmp_path / "f").write_text("x")
    code, err = _site(tmp_path / "f" / "www", capsys)
    _one_line_error(code, err, str(tmp_path / "f"), "not a folder")


def test_a_mount_point_is_rebuilt_in_place(
    tmp_path: Path, kb: Any, monkeypatch: pytest.MonkeyPatch, reference: dict[str, str]
) -> None:
    """OUTDIR as a mount point (renaming or removing it fails with EBUSY, as the kernel says) is
    rebuilt in place: the folder itself is never renamed or removed."""
    out = tmp_path / "www"
    sitemod.build(kb, out, dt.date.fromisoformat("2018-06-01"))
    inode = out.stat().st_ino

    def path_of(p: Any, dir_fd: int | None) -> str:
        p = os.fsdecode(p)
        if dir_fd is not None:
            p = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), p)
        return os.path.abspath(p)

    def busy(real: Callable[..., Any], *names: str) -> Callable[..., Any]:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            fds = [kwargs.get(n) or kwargs.get("dir_fd") for n in names]
            if any(path_of(a, fd) == str(out) for a, fd in zip(args, fds, strict=False)):
                raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(out))
            return real(*args, **kwargs)

        return guarded

    monkeypatch.setattr(os, "replace", busy(os.replace, "src_dir_fd", "dst_dir_fd"))
    monkeypatch.setattr(os, "rename", busy(os.rename, "src_dir_fd", "dst_dir_fd"))
    monkeypatch.setattr(os, "rmdir", busy(os.rmdir, "dir_fd"))
    sitemod.build(kb, out, dt.date.fromisoformat(AS_OF))
    monkeypatch.undo()
    assert inode == out.stat().st_ino
    assert reference == _snapshot(out)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A scratch folder another user can enter (pytest's own are private to root)."""
    d = Path(tempfile.mkdtemp(prefix="lawbase-site-"))
    os.chmod(d, 0o755)
    yield d
    shutil.rmtree(d, ignore_errors=True)


# Python itself lives under /root here, which nobody may read: the child reads everything
# `lawbase site` imports (by building one site where it may) before it gives up root
_DROP_ROOT = """
import os, sys
from lawbase import cli
cli.main(["site", sys.argv[1], *sys.argv[4:]])  # the same options, a scratch folder
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
cli.main(sys.argv[2:])
"""


def _as_someone_else(out: Path, scratch: Path) -> tuple[int, str]:
    """`lawbase site OUT` as a user who may not write there: nobody when we are root (where chmod
    means nothing), else ourselves after the test took write permission away."""
    r = subprocess.run(
        [sys.executable, "-c", _DROP_ROOT, str(scratch / "warm"), "site", str(out), "--as-of", AS_OF],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "LAWBASE_NO_CACHE": "1"},
    )
    return r.returncode, r.stderr


def test_an_unwritable_site_folder(shared_tmp: Path, reference: dict[str, str]) -> None:
    """A site folder the user may not write is named with the reason; the site in it stays as it was."""
    out = shared_tmp / "www"
    subprocess.run(
        [sys.executable, "-m", "lawbase", "site", str(out), "--as-of", AS_OF],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    if os.geteuid() != 0:
        os.chmod(out, 0o555)
    try:
        code, err = _as_someone_else(out, shared_tmp)
    finally:
        os.chmod(out, 0o755)
    _one_line_error(code, err, str(out), "Permission denied")
    assert reference == _snapshot(out)


def test_an_unwritable_parent_folder(shared_tmp: Path) -> None:
    """A new OUTDIR in a folder the user may not write is named with the reason; nothing is created."""
    parent = shared_tmp / "ro"
    parent.mkdir()
    if os.geteuid() != 0:
        os.chmod(parent, 0o555)
    try:
        code, err = _as_someone_else(parent / "www", shared_tmp)
    finally:
        os.chmod(parent, 0o755)
    _one_line_error(code, err, str(parent / "www"), "Permission denied")
    assert [] == list(parent.iterdir())
