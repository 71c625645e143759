"""Maintainer tool: list the LeyChile versions (idVersion dates) of a consolidated text, as read in
a local clone of a mirror of LeyChile's texts (one commit per legislative act, each file opening
with the front matter LeyChile's service returned: id_norma, version_date).

    python tools/leychile_versions.py GIT_DIR codigos/codigo-penal.md [--since 1990-01-01]

prints `id_norma` and the flow list of version dates that data/sources/cl.yaml keeps under
`versions.dates`, so the loader can refuse a citation of a version LeyChile does not have.
Not part of the package: lawbase itself never reads the mirror."""

from __future__ import annotations

import argparse
import re
import subprocess


def front_matter(git_dir: str, commit: str, path: str) -> dict[str, str]:
    text = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    head = text.split("\n---", 1)[0] if text.startswith("---") else ""
    return dict(re.findall(r"^(\w+): *\"?([^\"\n]*)\"?$", head, flags=re.M))


def versions(git_dir: str, path: str, since: str) -> tuple[str, list[str]]:
    commits = subprocess.run(
        ["git", f"--git-dir={git_dir}", "log", "--format=%H", "--", path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    dates, id_norma = set(), ""
    for c in commits:
        fm = front_matter(git_dir, c, path)
        id_norma = id_norma or fm.get("id_norma", "")
        d = fm.get("version_date", "")
        if d >= since:
            dates.add(d)
        elif d:
            dates.add(d)  # keep the one in force at `since`: the newest before it
            break
    return id_norma, sorted(dates)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("path")
    ap.add_argument("--since", default="1990-01-01")
    a = ap.parse_args()
    id_norma, dates = versions(a.git_dir, a.path, a.since)
    print(f"id_norma: {id_norma}")
    print("versions: [" + ", ".join(f'"{d}"' for d in dates) + "]")


if __name__ == "__main__":
    main()
