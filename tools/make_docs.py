"""Rebuild docs/: what a newcomer gets, from the shipped corpus, as pictures and a PDF.

    python tools/make_docs.py            # needs pandoc and a Chromium (Debian: chromium)

- docs/bill-14440-07/{gaps.md,compare.txt,case.md,case.es.md}: the worked example of --overlay;
- docs/gaps-2019-06-01.md / .pdf / .png: `lawbase gaps --as-of 2019-06-01 --format md`, rendered
  with pandoc to HTML and printed to PDF by headless Chromium (the PNG is its first page);
  the same in Spanish (docs/gaps-2019-06-01.es.*).
- docs/site-desktop.png, docs/site-phone.png (400 px wide), docs/site-es.png: the static site.

Nothing here is imported by lawbase; the outputs are committed so the README can show them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = Path(os.environ.get("LAWBASE_DOCS_OUT", ROOT / "docs"))
AS_OF = "2019-06-01"

# a sober page for a submission: a serif body, tables that fit the page
CSS = """
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 11pt; line-height: 1.45;
       max-width: 46em; margin: 2em auto; color: #111; }
h1, h2, h3 { font-family: "DejaVu Sans", Helvetica, sans-serif; line-height: 1.25; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.6em; } h3 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
section.footnotes, .footnotes { font-size: 9pt; }
@page { size: A4; margin: 18mm 16mm; }
"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("make_docs: no Chromium found (Debian: apt install chromium)")


def lawbase(*args: str) -> str:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "lawbase", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def browser(*args: str) -> None:
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
        check=True,
        capture_output=True,
    )


def submission(lang: str, work: Path) -> None:
    suffix = "" if lang == "en" else f".{lang}"
    md = DOCS / f"gaps-{AS_OF}{suffix}.md"
    md.write_text(lawbase("gaps", "--as-of", AS_OF, "--format", "md", "--lang", lang), encoding="utf-8")
    css = work / "page.css"
    css.write_text(CSS, encoding="utf-8")
    html = work / f"gaps{suffix}.html"
    subprocess.run(
        ["pandoc", str(md), "--standalone", "--css", str(css),
         "--metadata", f"pagetitle=lawbase gaps {AS_OF}", "--metadata", f"lang={lang}", "-o", str(html)],
        check=True,
    )  # fmt: skip
    browser("--no-pdf-header-footer", f"--print-to-pdf={DOCS / f'gaps-{AS_OF}{suffix}.pdf'}", html.as_uri())
    browser("--window-size=1000,1400", f"--screenshot={DOCS / f'gaps-{AS_OF}{suffix}.png'}", html.as_uri())


def site(work: Path) -> None:
    out = work / "site"
    lawbase("site", str(out), "--lang", "en")
    page = out / "cl-cp--367-ter.html"  # the client offence: versions, offences, references
    browser("--window-size=1280,1500", f"--screenshot={DOCS / 'site-desktop.png'}", page.as_uri())
    browser("--window-size=400,1200", f"--screenshot={DOCS / 'site-phone.png'}", page.as_uri())
    browser(
        "--window-size=1280,1500", f"--screenshot={DOCS / 'site-es.png'}", (out / "es" / page.name).as_uri()
    )


BILL = DOCS / "bill-14440-07"  # the worked example of --overlay (its README says what it is)


def bill_example() -> None:
    """The bill tried as law from 2022-06-01: its gap list (what it would close), what it
    changes, and a case it changes, written beside the overlay."""
    overlay = ("--overlay", str(BILL.relative_to(ROOT)))
    (BILL / "gaps.md").write_text(
        lawbase("gaps", "--as-of", "2022-06-15", "--format", "md", *overlay), encoding="utf-8"
    )
    (BILL / "compare.txt").write_text(
        lawbase("compare", "2022-05-31", "2022-06-15", *overlay), encoding="utf-8"
    )
    case = (
        "case",
        "366quinquies",
        "--facts",
        "2021-06-01",
        "--judgment",
        "2022-09-01",
        "--victim-born",
        "2006-01-01",
    )
    (BILL / "case.md").write_text(lawbase(*case, "--format", "md", *overlay), encoding="utf-8")
    (BILL / "case.es.md").write_text(
        lawbase(*case, "--format", "md", "--lang", "es", *overlay), encoding="utf-8"
    )


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    bill_example()
    with tempfile.TemporaryDirectory(prefix="lawbase-docs-") as tmp:
        work = Path(tmp)
        for lang in ("en", "es"):
            submission(lang, work)
        site(work)
    for path in sorted(DOCS.iterdir()):
        print(path, path.stat().st_size)


if __name__ == "__main__":
    main()
