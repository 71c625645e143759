"""`lawbase site OUTDIR`: the corpus as a static website that works from file:// with no server.

Every page is built from the same JSON the commands print (queries, gaps, compare), so the site
and the CLI cannot disagree. Every string from data goes through `esc` (html.escape, quotes
included) on its way into a page; URLs are built from ids by `slug`, never taken from data.
Pages are flat (one folder) so relative links need no prefixes; each provision has a page (its
text on the site's date) and a page per version (`<slug>.<first day>.html`, a citable
point-in-time address). The site is in both languages: OUTDIR in the reader's (the locale's, or
--lang), OUTDIR/es/ (or OUTDIR/en/) in the other, built as a site of its own inside OUTDIR with
its own manifest; every page links to the same page in the other language.

How a build lands in OUTDIR, and what it may touch there:

- Only what lawbase wrote is lawbase's. Each build writes a manifest, `.lawbase-site`: a line
  saying what wrote the folder, then the name of every file the build wrote. A rebuild replaces
  the files it writes and deletes the files the previous manifest lists that it no longer writes;
  every other entry (.git, CNAME, .nojekyll, a page someone added) is left where it is, and
  nothing beside OUTDIR is ever touched. A manifest can only get names a build writes deleted
  (lower case, no slash, no leading dot, see OWN_NAME), and never a folder.
- A first build goes into a missing folder, an empty one, or one holding only dot-entries and
  CNAME (a publishing repository before its first build); any other folder is refused.
- The site is built in place, never by renaming OUTDIR (which fails on a mount point and would
  drop what the user keeps there): every file is written under a new name in a private staging
  folder inside OUTDIR and renamed over its final name, one atomic rename per file. Killed at
  any moment, OUTDIR holds whole files of the old or the new build, never a half-written one and
  never nothing; the manifest is renamed in before the pages and lists both builds' files, so the
  next build finishes the job and clears the staging folder. (Not fsync'ed: a power cut may
  lose the last files written; a killed process cannot.)
- No link is followed or written through: OUTDIR must be a real folder (a link there is refused,
  dangling or not), everything is opened relative to a descriptor of OUTDIR with O_NOFOLLOW,
  files are created with O_EXCL, and a rename replaces a link planted at a page's name rather
  than writing to what it points at. Links in OUTDIR's parents are the user's own and followed.
- Builds of one OUTDIR exclude each other with flock on OUTDIR itself: a second build fails at
  once with "another lawbase site is writing OUTDIR", leaving no lock file behind.
- Every refusal is a SiteError: one line naming the path and the reason, exit code 2.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import itertools
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import compare as comparemod
from . import gaps as gapmod
from . import i18n, matrix, queries
from .errors import LawbaseError, visible_json
from .i18n import t
from .kb import KnowledgeBase
from .model import in_lang
from .penalties import parse_duration
from .refs import search_words
from .render import svg
from .render.text import age_text, recommendation_text

if TYPE_CHECKING:
    from . import shapes
    from .model import Recommendation

MARKER = ".lawbase-site"  # the manifest: what wrote the folder, then one file it wrote a line
STAGING_PREFIX = ".lawbase-staging."
# the names a build writes, and so the only names a manifest can get deleted: lower case, no
# slash, never a dot first (so never .git, .nojekyll, the manifest itself) and never CNAME
OWN_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,254}")  # a longer line would fail every stat of it
# what a publishing repository holds before its first build, besides dot-entries
FIRST_BUILD_KEEPS = frozenset({"CNAME"})
MANIFEST_LIMIT = 4 * 1024 * 1024


def esc(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def slug(ident: str) -> str:
    """A file name for an id: lower-case letters, digits and dashes only."""
    out = []
    for ch in ident.lower():
        if ch.isascii() and (ch.isalnum() or ch == "-"):
            out.append(ch)
        elif ch == "/":
            out.append("--")
        else:
            out.append(f"_{ord(ch):x}_")
    return "".join(out)


def provision_page(pid: str) -> str:
    return f"{slug(pid)}.html"


def requirement_page(rid: str) -> str:
    return f"req-{slug(rid)}.html"


def version_page(pid: str, start: str) -> str:
    """The page of one version of a provision, named by the day it came into force: a citable
    point-in-time address ('cl-cp--367-ter.2004-01-14.html')."""
    return f"{slug(pid)}.{start}.html"


STYLE = """
:root {
  --fg: #1f1d1a; --muted: #5f5a52; --line: #d9d3c7; --accent: #7a2e1d; --link: #1f4e8c;
  --paper: #fffdf8; --band: #f4efe4; --now: #2f6b3a;
  --serif: "Iowan Old Style", "Palatino Linotype", Palatino, "Book Antiqua", Georgia, "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
}
* { box-sizing: border-box; }
body { font: 17px/1.6 var(--serif); color: var(--fg); background: var(--paper); margin: 0; }
header, main, footer { max-width: 46rem; margin: 0 auto; padding: 0.5rem 1rem; }
header { max-width: none; background: var(--band); border-bottom: 1px solid var(--line);
  font-family: var(--sans); font-size: 0.95rem; display: flex; flex-wrap: wrap; align-items: center;
  gap: 0.4rem 1.2rem; padding: 0.6rem max(1rem, calc((100% - 46rem) / 2 + 1rem)); }
header .brand { font-family: var(--serif); font-weight: bold; color: var(--accent); text-decoration: none;
  font-size: 1.1rem; }
header nav { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; min-width: 0; }
header form { display: flex; gap: 0.3rem; align-items: center; flex-wrap: wrap; }
header input { font: inherit; padding: 0.1rem 0.3rem; max-width: 11rem; }
header .lang { margin-left: auto; }
h1, h2, h3, h4 { font-family: var(--serif); line-height: 1.25; color: #2a211b; }
h1 { font-size: 2rem; margin: 0.8rem 0 0.2rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; } h4 { font-size: 1rem; margin-bottom: 0.2rem; }
.subtitle { font-size: 1.15rem; margin-top: 0; font-style: italic; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:focus, input:focus, summary:focus, button:focus { outline: 3px solid #e0a100; outline-offset: 2px; }
.muted, .until { color: var(--muted); }
.not-in-force { text-decoration: line-through; }
.badge { font-family: var(--sans); font-size: 0.75rem; border: 1px solid var(--line); border-radius: 0.3rem;
  padding: 0 0.35rem; white-space: nowrap; background: #fff; }
.gap { color: #9b1c1c; } .partial { color: #8a5a00; } .met { color: #1d6b2c; }
table { border-collapse: collapse; font-size: 0.95rem; } td, th { border: 1px solid var(--line);
  padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
dt { font-weight: bold; margin-top: 0.6rem; } dd { margin-left: 1rem; }
.penalty { font-variant-numeric: tabular-nums; }
.banner { border: 1px solid var(--line); border-left: 6px solid var(--now); background: #f3f8f1;
  padding: 0.5rem 0.8rem; font-family: var(--sans); font-size: 0.95rem; }
.banner.superseded { border-left-color: #a35200; background: #fbf3e6; }
.banner.repealed { border-left-color: #9b1c1c; background: #fbeeee; }
.timeline { font-family: var(--sans); font-size: 0.85rem; margin: 1rem 0; }
.timeline ol { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; row-gap: 0.6rem;
  border-top: 3px solid var(--line); }
.timeline li { flex: 1 1 0; position: relative; padding: 0.6rem 0.4rem 0 0; min-width: 11rem; }
.timeline li.skipped { flex: 0 0 auto; min-width: 0; color: var(--muted); }
.timeline li.skipped::before { display: none; }
.timeline li::before { content: ""; position: absolute; top: -0.55rem; left: 0; width: 0.7rem; height: 0.7rem;
  border-radius: 50%; background: var(--paper); border: 2px solid var(--muted); }
.timeline li.current::before { background: var(--now); border-color: var(--now); }
.timeline li.selected::before { background: var(--accent); border-color: var(--accent); }
.timeline li.repeal::before { border-radius: 0; }
.timeline a, .timeline .here { display: block; text-decoration: none; padding: 0.2rem 0.4rem;
  border: 1px solid var(--line); border-radius: 0.3rem; background: #fff; }
.timeline .here { border: 2px solid var(--accent); font-weight: bold; }
.timeline .dates { display: block; font-variant-numeric: tabular-nums; }
.nw { white-space: nowrap; }
.timeline .law { display: block; color: var(--muted); }
.timeline .tag { display: inline-block; font-size: 0.7rem; text-transform: uppercase; letter-spacing: 0.04em;
  color: var(--now); }
.version { border-left: 4px solid var(--accent); padding-left: 1rem; margin: 1rem 0; }
.summary { font-size: 1.05rem; }
details > summary { cursor: pointer; }
svg { max-width: 100%; height: auto; }
.graph { overflow-x: auto; } .graph svg { min-width: 36rem; }
footer { border-top: 1px solid var(--line); margin-top: 2rem; font-family: var(--sans); font-size: 0.85rem; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 0.5rem; background: #fff; }
.hypothetical { margin: 0; padding: 0.6rem 1rem; background: #fde8e8; color: #7a0010; border-bottom: 3px solid #b00020; }
ol#results li { margin-bottom: 0.4rem; }
@media (max-width: 30rem) {
  body { font-size: 16px; } h1 { font-size: 1.6rem; }
  header { gap: 0.3rem 0.8rem; } header .lang { margin-left: 0; }
}
@media print {
  header, .skip, form, .graph, .lang { display: none; }
  body { background: #fff; font-size: 11pt; }
  main, footer { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a[rel=external]::after { content: " <" attr(href) ">"; font-size: 0.8em; }
  h2, h3 { break-after: avoid; } .version, dd { break-inside: avoid; }
}
"""

SEARCH_JS = """
(function () {
  "use strict";
  function fold(s) {
    return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  }
  var STOP = { "art": 1, "arts": 1, "article": 1, "articulo": 1, "articulos": 1 };
  function words(s) {
    return (fold(s).match(/\\d+|[a-z\\u00f1\\u00df-\\u00ff]+/g) || []).filter(function (w) { return !STOP[w]; });
  }
  // rapidfuzz's ratio, as the command line's search uses it: 100 * 2 * LCS / (len a + len b)
  function ratio(a, b) {
    if (a === b) return 100;
    var n = a.length, m = b.length, prev = new Array(m + 1).fill(0);
    for (var i = 1; i <= n; i++) {
      var cur = [0];
      for (var j = 1; j <= m; j++) {
        cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      prev = cur;
    }
    return 200 * prev[m] / (n + m);
  }
  function matches(q, w) {
    if (q === w) return 2;
    if (q.length >= 3 && w.indexOf(q) === 0) return 1;
    return ratio(q, w) >= 80 ? 1 : 0;
  }
  function find(query) {
    var qs = words(query);
    if (!qs.length) return [];
    var compact = qs.join("");
    var hits = [];
    window.LAWBASE_INDEX.forEach(function (entry, i) {
      var best = -1;
      entry.r.forEach(function (row) {
        // every word typed must be found in one and the same text, as on the command line
        var score = 0;
        for (var k = 0; k < qs.length; k++) {
          var m = 0;
          for (var x = 0; x < row.length && m < 2; x++) m = Math.max(m, matches(qs[k], row[x]));
          if (!m) return;
          score += m;
        }
        if (score > best) best = score;
      });
      if (entry.n === compact) best = 1000;
      if (best < 0) return;
      hits.push({ entry: entry, best: best, i: i });
    });
    // the article itself first; then the State's own provisions before treaty articles and
    // benchmarks; then exact words before near spellings
    hits.sort(function (a, b) {
      return (b.best === 1000) - (a.best === 1000) || a.entry.g - b.entry.g || b.best - a.best || a.i - b.i;
    });
    return hits.map(function (h) { return h.entry; });
  }
  window.LAWBASE_FIND = find;
  function show(query) {
    var list = document.getElementById("results");
    var status = document.getElementById("status");
    list.textContent = "";
    var hits = find(query);
    hits.slice(0, 50).forEach(function (entry) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = entry.u;
      a.textContent = entry.l;
      li.appendChild(a);
      if (entry.t) li.appendChild(document.createTextNode(" \\u2014 " + entry.t));
      list.appendChild(li);
    });
    var words = document.getElementById("results").dataset;
    status.textContent = query.trim() ? (hits.length === 1 ? words.one : words.many.replace("{n}", hits.length)) : "";
  }
  var notice = document.getElementById("needs-js");
  if (notice) notice.remove();  // shown only where scripts do not run
  var input = document.getElementById("q");
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); }
  input.addEventListener("input", function () { show(input.value); });
  show(input.value);
})();
"""

SWITCH = "<!--lawbase:language-switch-->"  # replaced, page by page, by the link to the other language
LANG_NAMES = {"en": "English", "es": "Español"}


def _lang() -> str:
    return i18n.current()


def _nav() -> str:
    return (
        f'<a class="brand" href="index.html">lawbase</a>\n<nav aria-label="{esc(t("Site"))}">\n'
        f'<a href="index.html">{esc(t("Index"))}</a><a href="laws.html">{esc(t("Laws"))}</a>'
        f'<a href="requirements.html">{esc(t("Requirements"))}</a><a href="gaps.html">{esc(t("Gaps"))}</a>'
        f'<a href="compare.html">{esc(t("Comparisons"))}</a><a href="search.html">{esc(t("Search"))}</a>\n'
        "</nav>\n"
        '<form role="search" action="search.html" method="get">\n'
        f'<label for="site-q">{esc(t("Search"))}</label> <input id="site-q" name="q" type="search">\n'
        f'<button type="submit">{esc(t("Go"))}</button>\n'
        "</form>"
    )


def _states_nav() -> str:
    """The top level of a comparison site: its States and the matrix."""
    return (
        f'<a class="brand" href="index.html">lawbase</a>\n<nav aria-label="{esc(t("Site"))}">\n'
        f'<a href="index.html">{esc(t("States"))}</a><a href="matrix.html">{esc(t("Requirements × States"))}</a>\n</nav>'
    )


_TAG_OR_SVG = re.compile(r"(<svg\b.*?</svg>|<[^>]*>)", re.S)
# what a line must never be broken inside: a date (at its hyphens), a law's name and number,
# a range of amounts (50–100)
_UNBREAKABLE = re.compile(r"\b(\d{4}-\d{2}-\d{2}|(?:Ley|DL|DFL|Decreto) \d[\d.]*\d|\d[\d.,]*–\d[\d.,]*)\b")


def _keep_together(html: str) -> str:
    """Dates and law numbers in the text of `html` wrapped so no line breaks inside them
    (browsers break '2004-01-14' after a hyphen); tags, attributes and drawings untouched."""
    parts = _TAG_OR_SVG.split(html)
    for i in range(0, len(parts), 2):  # the text between tags
        if parts[i]:
            parts[i] = _UNBREAKABLE.sub(r'<span class="nw">\1</span>', parts[i])
    return "".join(parts)


# the bill a site is built as if it were law (--overlay): every page says so at its top
HYPOTHETICAL: ContextVar[Mapping[str, Any] | None] = ContextVar("lawbase_site_bill", default=None)


def _hypothetical() -> str:
    bill = HYPOTHETICAL.get()
    if bill is None:
        return ""
    from .overlay import banner

    return f'<p class="hypothetical" role="alert"><strong>{esc(banner(bill))}</strong></p>'  # type: ignore[arg-type]


def _page(title: str, body: str, as_of: dt.date, nav: str | None = None, *, head: str | None = None) -> str:
    """A whole page; `head` is the window title (default: `title` · lawbase); a site built with a
    bill laid over the corpus says so at the top of every page and in every window title."""
    window = head if head is not None else f"{title} · lawbase"
    if HYPOTHETICAL.get() is not None:
        window = f"{t('HYPOTHETICAL')} · {window}"
    return f"""<!doctype html>
<html lang="{_lang()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(window)}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<a class="skip" href="#main">{esc(t("Skip to content"))}</a>
<header>
{_nav() if nav is None else nav}
{SWITCH}
</header>
{_hypothetical()}
<main id="main">
<h1>{esc(title)}</h1>
{body}
</main>
<footer><p>{esc(t("The law as it stood on {date}, built by lawbase from its sourced corpus. Not legal advice: check the sources each page cites.", date=as_of.isoformat()))}</p></footer>
</body>
</html>
"""


def _with_switch(pages: dict[str, str], there: str, other: str) -> dict[str, str]:
    """Each page with its link to the same page in the `other` language (`there` + its name)."""
    out = {}
    for name, text in pages.items():
        if not name.endswith(".html"):
            out[name] = text
            continue
        link = (
            f'<a class="lang" href="{there}{name}" hreflang="{other}" lang="{other}">'
            f"{esc(LANG_NAMES[other])}</a>"
        )
        out[name] = text.replace(SWITCH, link, 1).replace(
            '<link rel="stylesheet" href="style.css">',
            f'<link rel="stylesheet" href="style.css">\n<link rel="alternate" hreflang="{other}" href="{there}{name}">',
            1,
        )
    return out


def _link(
    kb: KnowledgeBase, target: str, label: str | None = None, in_force: bool | None = True, page: str = ""
) -> str:
    """A link to the page of a provision or requirement (or `page`, one of its versions),
    marked when not in force."""
    if target in kb.requirements:
        href = requirement_page(target)
    else:
        pid = kb.provision_of(target)
        if pid not in kb.provisions:
            return esc(label or target)
        href = page or provision_page(pid)
    if "#" in target:  # an offence or variant of a provision: named, never by its key
        label = _target_label(kb, target, label)
    text = esc(label or kb.label(target))
    if in_force is False:
        return f'<a class="not-in-force" href="{href}">{text}</a> <span class="badge">{esc(t("not in force"))}</span>'
    return f'<a href="{href}">{text}</a>'


def _bilingual(text: shapes.Text | None) -> str:
    """A title in the reader's language; in English, the Spanish original beside it."""
    if not text:
        return ""
    es, en = text["es"], text["en"]
    if _lang() == "es":
        return f'<span lang="es">{esc(es or en)}</span>'
    if es and en and es != en:
        return f'{esc(en)} <span class="muted">(<span lang="es">{esc(es)}</span>)</span>'
    return esc(en or es)


def _plain(text: shapes.Text | None) -> str:
    """A title in the reader's language, as text."""
    if not text:
        return ""
    return (text["es"] or text["en"]) if _lang() == "es" else (text["en"] or text["es"] or "")


_CITED: set[str] = set()  # the sources the pages of the language being built cite


def _sources(items: list[shapes.Citation]) -> str:
    _CITED.update(c["source"] for c in items)
    if not items:
        return ""
    rows = []
    for c in items:
        status = t("verified") if c["verified"] else t("unverified")
        extra = "".join(f" — {_free(c, field)}" for field in ("reason", "note") if c[field])
        title = esc(c["title"] or c["source"])
        if c["url"]:
            title = f'<a href="{esc(c["url"])}" rel="external">{title}</a>'
        rows.append(f'<li>{title}, {esc(c["pinpoint"])} <span class="badge">{esc(status)}</span>{extra}</li>')
    return "<ul class='sources'>" + "".join(rows) + "</ul>"


def _duration(text: str | None) -> str:
    """'P3Y1D' -> '3 years and 1 day' ('3 años y 1 día')."""
    if text is None:
        return t("life imprisonment")
    years, months, days = parse_duration(text)
    parts = []
    if years:
        parts.append(t("1 year") if years == 1 else t("{n} years", n=years))
    if months:
        parts.append(t("1 month") if months == 1 else t("{n} months", n=months))
    if days or not (years or months):
        parts.append(t("1 day") if days == 1 else t("{n} days", n=days))
    if len(parts) == 1:
        return parts[0]
    return t("{first} and {last}", first=", ".join(parts[:-1]), last=parts[-1])


def _range_text(p: shapes.Penalty | None) -> str:
    if p is None:
        return ""
    if p["life"]:
        return (
            t("{low} to life imprisonment", low=_duration(p["min"])) if p["min"] else t("life imprisonment")
        )
    if p["min"] or p["max"]:
        low = _duration(p["min"]) if p["min"] else "?"
        high = _duration(p["max"]) if p["max"] else "?"
        return t("{low} to {high}", low=low, high=high)
    return ""


def _fine_text(p: shapes.Penalty) -> str:
    fine = p["fine"]
    if not fine:
        return ""
    amount = "–".join(f"{v:g}" for v in (fine["min"], fine["max"]) if v is not None)
    if fine["alternative"]:
        return t("or a fine of {amount} {unit}", amount=amount, unit=fine["label"])
    return t("and a fine of {amount} {unit}", amount=amount, unit=fine["label"])


def _age(a: shapes.AgeBand | None) -> str:
    if not a:
        return t("any age")
    lo, under = a["from"], a["under"]
    if under is None:
        return t("{n} and over", n=lo) if lo else t("any age")
    if lo == 0:
        return t("under {n}", n=under)
    return t("{low} to {high}", low=lo, high=under - 1)


_CLASSES: dict[str, tuple[str, str]] = {}  # an offence class's names (es, en), set per build


def _class_name(code: str) -> str:
    es, en = _CLASSES.get(code, (code, code))
    return es if _lang() == "es" else en


def _penalty(p: shapes.Penalty) -> str:
    parts = [f'<span lang="es">{esc(p["text"])}</span>']
    rng = _range_text(p)
    if rng:
        parts.append(f'<span class="nw">({esc(rng)})</span>')
    if _fine_text(p):
        parts.append(_keep_together(esc(_fine_text(p))))
    if p["class"]:
        parts.append(f'<span class="badge">{esc(_class_name(p["class"]))}</span>')
    return '<span class="penalty">' + " ".join(parts) + "</span>"


def _english(text: str) -> str:
    """Text the corpus records in English only (notes, offence summaries), escaped; on a
    Spanish page marked as English, as summary_in falls back to it."""
    return esc(text) if _lang() == "en" else f'<span lang="en">{esc(text)}</span>'


def _titled(x: Mapping[str, Any]) -> str:
    """A finding's, transition's or instrument's title in the page's language: its `title_es` or
    `titles.es` on a Spanish page, else the English `title` (escaped)."""
    if _lang() == "es":
        es = x.get("title_es") or (x.get("titles") or {}).get("es")
        if es:
            return esc(es)
    return esc(x["title"])


def _scope(code: str) -> str:
    """A jurisdiction rule's scope in words (never its code)."""
    if code == "all-offences":
        return t("any offence")
    if code == "treaty-offences":
        return t("offences covered by treaties")
    return ""


def _free(obj: Mapping[str, Any], field: str) -> str:
    """A free text of the corpus in the page's language, escaped: its `<field>_es` on a Spanish
    page where the corpus records one, else the English (marked as English)."""
    es = obj.get(f"{field}_es") if _lang() == "es" else None
    return esc(es) if es else _english(obj.get(field) or "")


def _vocab(kb: KnowledgeBase, vocabulary: str, tag: str) -> str:
    return kb.vocabulary.label(vocabulary, tag, _lang())


def _aggravated_when(kb: KnowledgeBase, a: shapes.Aggravated) -> str:
    """When an aggravated penalty applies: its conditions' labels (any one of them is enough),
    and the victim's age said once: a condition that only points at the age band gives way to it ('victim-minor'), and
    the band is not repeated after a condition that already names it ('the victim is under 13')."""
    band = a["victim_age"]
    under = band["under"] if band else None
    ages = band is not None and (under is not None or band["from"])
    when = []
    named = False
    for c in a["conditions"]:
        if ages and c.startswith("victim-") and c.endswith("minor"):
            continue  # the age band below says it, with its numbers
        en = kb.vocabulary.label("conditions", c)
        if under is not None and f"under {under}" in en:
            named = True
        when.append(_vocab(kb, "conditions", c))
    # any one of the conditions brings the penalty: said so when there are several
    text = t("any of: {conditions}", conditions="; ".join(when)) if len(when) > 1 else "".join(when)
    if ages and not named:
        age = _age(band)
        text = (
            t("{conditions}, where the victim is {age}", conditions=text, age=age)
            if text
            else t("the victim is {age}", age=age)
        )
    if not text and a["part"]:
        text = t("see {part}", part=a["part"])
    return text


def _offences(kb: KnowledgeBase, items: list[shapes.OffenceWithAccessories]) -> str:
    if not items:
        return ""
    out = [f"<h3>{esc(t('Offences'))}</h3><dl>"]
    for o in items:
        conduct = ", ".join(esc(_vocab(kb, "conduct", c)) for c in o["conduct"])
        out.append(f"<dt>{_bilingual(o['name'])}</dt>")
        out.append(f"<dd>{esc(t('Victim age'))}: {esc(_age(o['victim_age']))}")
        if conduct:
            out.append(f"<br>{esc(t('Conduct'))}: {conduct}")
        if o["conditions"]:
            out.append(
                f"<br>{esc(t('Conditions'))}: "
                + "; ".join(esc(_vocab(kb, "conditions", c)) for c in o["conditions"])
            )
        out.append(f"<br>{esc(t('Penalty'))}: {_penalty(o['penalty'])}")
        for a in o["aggravated"]:
            when = _aggravated_when(kb, a)
            head = t("Aggravated ({when})", when=when) if when else t("Aggravated")
            out.append(f"<br>{esc(head)}: {_penalty(a['penalty'])}")
        for acc in o["accessory"]:
            out.append(
                f"<br>{esc(t('Accessory penalty'))} ({_link(kb, acc['provision'], acc['label'])})"
                + (f": {_free(acc, 'summary')}" if acc["summary"] else "")
            )
        if o["summary"]:
            out.append(f"<br>{_free(o, 'summary')}")
        out.append("</dd>")
    out.append("</dl>")
    return "".join(out)


def _discrepancies(items: list[shapes.Discrepancy]) -> str:
    if not items:
        return ""
    out = [f"<h3>{esc(t('Where the sources disagree'))}</h3><ul>"]
    for d in items:
        cite = d["citation"]
        said = t("the statute") if d["authoritative"] == "statute" else t("the source")
        where = esc(f"{cite['title'] or cite['source']}, {cite['pinpoint']}")
        out.append(
            f"<li><strong>{where}</strong> {esc(t('says'))}: {esc(d['says'])}.<br>{esc(t('The statute'))}: "
            f"{_free(d, 'statute')}.<br>{esc(t('Authoritative'))}: {esc(said)}. {_free(d, 'why')}</li>"
        )
    out.append("</ul>")
    return "".join(out)


def _target_label(kb: KnowledgeBase, target: str, label: str | None) -> str | None:
    """A reference to an offence of a provision ('cl-cp/367-bis#minor-victim') by the
    provision's label and the offence's name, never its key."""
    if "#" not in target:
        return label
    pid, key = target.split("#", 1)
    if pid not in kb.provisions:
        return label
    for v in reversed(kb.provisions[pid].versions):
        for o in v.offences:
            if o.id == key:
                return f"{kb.label(pid)} ({o.name.best(_lang())})"
    return kb.label(pid)


def _ref(kb: KnowledgeBase, target: str, label: str | None, when: dt.date) -> str:
    """A reference from a version: to the target's text in force on `when` when it had one
    (so an old version's citation opens the text it cited), marked when it had none."""
    label = _target_label(kb, target, label)
    pid = kb.provision_of(target)
    if pid not in kb.provisions:
        return _link(kb, target, label)
    pit = kb.at(pid, when)
    if pit.state == "in-force" and pit.version is not None:
        return _link(kb, target, label, True, version_page(pid, pit.version.start.isoformat()))
    return _link(kb, target, label, False)


_STATE_WORDS = {
    "in-force": "in force",
    "repealed": "repealed",
    "not-yet": "not yet in force",
    "not-recorded": "not recorded",
}


def _state_word(state: str) -> str:
    return t(_STATE_WORDS.get(state, state))


def _law_name(v: shapes.VersionWindow) -> str:
    return v["by_title"] or v["by"]


TIMELINE_AROUND = 6  # a version page of a long history shows this many versions either side


def _timeline_window(
    versions: list[shapes.VersionEntry], selected: int | None, current: int | None
) -> set[int]:
    """The versions a version page's timeline shows: all of a short history; of a long one the
    first, the last, the current and those around the page's own (so that a provision with
    thousands of versions costs each page a few, not thousands)."""
    n = len(versions)
    if selected is None or n <= 3 * TIMELINE_AROUND:
        return set(range(n))
    keep = {0, n - 1, *range(max(0, selected - TIMELINE_AROUND), min(n, selected + TIMELINE_AROUND + 1))}
    if current is not None:
        keep.add(current)
    return keep


def _timeline(
    pid: str,
    versions: list[shapes.VersionEntry],
    selected: int | None,
    as_of: dt.date,
    whole: bool = False,
    current: int | None = None,
) -> str:
    """The versions on a date axis (each as wide as the years it was in force, within bounds):
    each its dates from–until and its law, the one in force on the site's date marked, the one
    on this page highlighted; each a link to its own page, so nothing scrolls."""
    items = []
    shown = range(len(versions)) if whole else sorted(_timeline_window(versions, selected, current))
    previous = -1
    for i in shown:
        v = versions[i]
        if i > previous + 1:
            items.append('<li class="skipped" aria-hidden="true">…</li>')
        previous = i
        start = dt.date.fromisoformat(v["from"])
        cls = ["repeal"] if v["status"] == "repealed" else []
        if v["current"]:
            cls.append("current")
        if i == selected:
            cls.append("selected")
        if v["status"] == "repealed":
            dates = t("repealed {date}", date=v["from"])
        elif v["until"]:
            dates = f"{v['from']} – {v['until']}"
        else:
            dates = t("from {date}", date=v["from"])
        end = dt.date.fromisoformat(v["until"]) if v["until"] else max(as_of, start)
        years = max(1, min(12, round((end - start).days / 365)))
        attrs = f'class="{" ".join(cls)}" style="flex-grow: {years}"'
        tag = f'<span class="tag">{esc(t("in force"))}</span>' if v["current"] else ""
        inner = _keep_together(
            f'<span class="dates">{esc(dates)}</span><span class="law">{esc(_law_name(v))}</span>{tag}'
        )
        if i == selected:
            items.append(f'<li {attrs}><span class="here" aria-current="page">{inner}</span></li>')
        else:
            items.append(f'<li {attrs}><a href="{version_page(pid, v["from"])}">{inner}</a></li>')
    return (
        f'<nav class="timeline" aria-label="{esc(t("Versions"))}"><h2>{esc(t("Versions"))}</h2><ol>'
        + "".join(items)
        + "</ol></nav>"
    )


def _banner_html(
    now: shapes.ProvisionShow, versions: list[shapes.VersionEntry], i: int | None, as_of: dt.date
) -> str:
    """What the reader is looking at: the law on the site's date, or one version 'as at' its
    first day and when it was superseded (as legislation.gov.uk and LeyChile say it)."""
    if i is None:  # no version on the page
        return f'<p class="banner">{esc(t("On {date}: {state}.", date=as_of.isoformat(), state=_state_word(now["state"])))}</p>'
    v = versions[i]
    nxt = versions[i + 1] if i + 1 < len(versions) else None
    if v["status"] == "repealed":
        text = t("Repealed on {date} by {law}.", date=v["from"], law=_law_name(v))
        return f'<p class="banner repealed"><strong>{esc(text)}</strong></p>'
    if v["current"]:
        text = t(
            "In force on {date}: the text as it stands since {start} ({law}).",
            date=as_of.isoformat(),
            start=v["from"],
            law=_law_name(v),
        )
        return f'<p class="banner"><strong>{esc(text)}</strong></p>'
    if nxt is not None and dt.date.fromisoformat(nxt["from"]) <= as_of:
        what = (
            t("repealed on {date} by {law}", date=nxt["from"], law=_law_name(nxt))
            if nxt["status"] == "repealed"
            else t("superseded on {date} by {law}", date=nxt["from"], law=_law_name(nxt))
        )
        text = t(
            "As at {start}: the text in force from {start} until {until} ({law}); {what}.",
            start=v["from"],
            until=v["until"] or "",
            law=_law_name(v),
            what=what,
        )
        return f'<p class="banner superseded"><strong>{esc(text)}</strong></p>'
    text = t(
        "Not yet in force on {date}: this text comes into force on {start} ({law}).",
        date=as_of.isoformat(),
        start=v["from"],
        law=_law_name(v),
    )
    return f'<p class="banner superseded"><strong>{esc(text)}</strong></p>'


def _banner(
    now: shapes.ProvisionShow, versions: list[shapes.VersionEntry], i: int | None, as_of: dt.date
) -> str:
    return _keep_together(_banner_html(now, versions, i, as_of))


def _version_block(kb: KnowledgeBase, pid: str, v: shapes.VersionEntry, as_of: dt.date) -> str:
    """One version's content (the provision on its first day); its references are marked when
    their target was no longer in force on the version's last day (or the site's date), which
    is how a dead reference shows."""
    start = dt.date.fromisoformat(v["from"])
    pit = kb.at(pid, start)
    j = queries.provision(kb, pit, with_versions=False)
    end = dt.date.fromisoformat(v["until"]) if v["until"] else as_of
    last_day = max(start, min(end, as_of))
    summary = pit.version.summary_in(_lang()) if pit.version is not None else j["summary"]
    refs = "".join(
        f"<li>{_ref(kb, r['id'], r['label'], last_day)}{' — ' + _free(r, 'why') if r['why'] else ''}</li>"
        for r in j["refers_to"]
    )
    juris = "".join(
        f"<li>{esc(e['part'] or '')} ({esc(', '.join(_vocab(kb, 'nexus', n) for n in e['nexus']))}): "
        + (
            ", ".join(_ref(kb, o["id"], o["label"], last_day) for o in e["offences"])
            if e["offences"]
            else esc(_scope(e["scope"]))
        )
        + (f". {_free(e, 'restriction')}" if e["restriction"] else "")
        + "</li>"
        for e in j["extends_jurisdiction"]
    )
    vid = f"v-{v['from']}"
    if v["status"] == "repealed":
        head = t("Repeal of {date} ({law})", date=v["from"], law=_law_name(v))
    else:
        if v["until"]:
            head = t("Text in force from {start} to {until}", start=v["from"], until=v["until"])
        else:
            head = t("Text in force from {start}", start=v["from"])
    parts = [
        f'<section class="version" id="{esc(vid)}" aria-labelledby="{esc(vid)}-h">',
        f'<h2 id="{esc(vid)}-h">{_keep_together(esc(head))}</h2>',
        f"<p>{esc(t('Made by'))} {_law_link(kb, v['by'], _law_name(v))}.</p>",
        f"<p class='summary'>{esc(summary)}</p>" if summary else "",
        _offences(kb, j["offences"]),
        f"<h3>{esc(t('Refers to'))}</h3><ul>{refs}</ul>" if refs else "",
        f"<h3>{esc(t('Jurisdiction over offences abroad'))}</h3><ul>{juris}</ul>" if juris else "",
        _discrepancies(j["discrepancies"]),
        f"<h3>{esc(t('Sources'))}</h3>" + _sources(j["sources"]) if j["sources"] else "",
        f"<p class='muted'>{_english(j['note'])}</p>" if j["note"] else "",
        "</section>",
    ]
    referrers: dict[str, str] = {}
    for day in (start, last_day):
        for q, _ in kb.referred_by(pid, day):
            referrers.setdefault(q.id, kb.label(q.id))
    if referrers:
        parts.append(
            f"<h2>{esc(t('Referred to by, while this text was in force'))}</h2><ul>"
            + "".join(f"<li>{_link(kb, q, label)}</li>" for q, label in referrers.items())
            + "</ul>"
        )
    return "\n".join(p for p in parts if p)


def _law_link(kb: KnowledgeBase, law: str, name: str) -> str:
    if law in kb.instruments:
        return f'<a href="{instrument_page(law)}">{esc(name)}</a>'
    return esc(name)


def instrument_page(inst_id: str) -> str:
    return f"law-{slug(inst_id)}.html"


def _neighbourhood_svg(kb: KnowledgeBase, j: shapes.ProvisionShow) -> str:
    centre = j["id"]
    nodes = {centre: svg.Node(centre, j["label"], "provision", None)}
    edges = []
    for r in j["refers_to"]:
        pid = kb.provision_of(r["id"]) if r["id"] not in kb.requirements else r["id"]
        nodes.setdefault(pid, svg.Node(pid, r["label"], "provision", provision_page(pid), not r["in_force"]))
        edges.append(svg.Edge(centre, pid, t("refers to")))
    for q in j["referred_by"]:
        nodes.setdefault(q["id"], svg.Node(q["id"], q["label"], "provision", provision_page(q["id"])))
        edges.append(svg.Edge(q["id"], centre, t("refers to")))
    for rid in [r["id"] for r in j["requirements"]] + [m["id"] for m in j["implements"]]:
        if rid in kb.requirements:
            nodes.setdefault(rid, svg.Node(rid, kb.label(rid), "requirement", requirement_page(rid)))
            edges.append(svg.Edge(centre, rid, t("meets")))
    return svg.render(centre, list(nodes.values()), edges, t("{label}: its neighbourhood", label=j["label"]))


def _is_benchmark(kb: KnowledgeBase, rid: str) -> bool:
    inst = kb.instruments.get(kb.requirements[rid].instrument)
    return inst is not None and inst.kind in ("benchmark", "review")


def _provision_pages_of(
    kb: KnowledgeBase, now: shapes.ProvisionShow, as_of: dt.date, met: dict[str, list[str]]
) -> dict[str, str]:
    """A provision's page (its text on the site's date) and a page per version."""
    pid = now["id"]
    versions = now["versions"]
    shown = now_index = next((i for i, v in enumerate(versions) if v["current"]), None)
    if shown is None and versions:
        shown = len(versions) - 1 if now["state"] != "not-yet" else 0
    head = [f"<p class='subtitle'>{_bilingual(now['title'])}</p>"]
    where = _bilingual(now["instrument_title"]) + (
        f" — {_bilingual(now['section'])}" if now["section"] else ""
    )
    if where:
        head.append(f"<p>{where}</p>")
    extra = []
    if now["recorded_from"]:
        extra.append(
            f"<p class='muted'>{esc(t('The corpus records this provision from {date}.', date=now['recorded_from']))}</p>"
        )
    if now["before"]:
        extra.append(
            f"<p class='muted'>{esc(t('Before its first recorded version'))}: {_free(now, 'before')}</p>"
        )
    obligations = _obligations(kb, met.get(pid, []))
    status = _status(kb, now["instrument_status"]) if now["instrument_status"] else ""
    out = {}
    for i in [None, *range(len(versions))]:
        sel = shown if i is None else i
        body = list(head)
        body.append(_banner(now, versions, sel, as_of))
        if i is None and now["state"] == "not-recorded":
            body.append(
                f'<p class="banner">{esc(t("On {date}: {state}.", date=as_of.isoformat(), state=_state_word(now["state"])))}</p>'
            )
        body += extra
        if versions:
            body.append(_timeline(pid, versions, sel, as_of, whole=i is None, current=now_index))
        if sel is not None:
            body.append(_version_block(kb, pid, versions[sel], as_of))
        if sel is None or versions[sel]["current"]:
            body.append(obligations)
        body.append(status)
        if i is None:
            body.append(
                f"<h2>{esc(t('Neighbourhood'))}</h2><div class='graph'>{_neighbourhood_svg(kb, now)}</div>"
            )
        name = provision_page(pid) if i is None else version_page(pid, versions[i]["from"])
        window = (
            None
            if i is None
            else t("{label} (version of {date})", label=now["label"], date=versions[i]["from"]) + " · lawbase"
        )
        out[name] = _page(now["label"], "\n".join(b for b in body if b), as_of, head=window)
    return out


def _obligations(kb: KnowledgeBase, reqs: list[str]) -> str:
    """The treaty requirements a provision helps meet, apart from the benchmarks (checklists,
    recommendations), which bind no one."""
    binding = [r for r in reqs if not _is_benchmark(kb, r)]
    benchmarks = [r for r in reqs if _is_benchmark(kb, r)]
    out = []
    if binding:
        out.append(
            f"<h2>{esc(t('Treaty obligations it helps meet'))}</h2><ul>"
            + "".join(f"<li>{_link(kb, r)}</li>" for r in binding)
            + "</ul>"
        )
    if benchmarks:
        out.append(
            f"<h2>{esc(t('Benchmarks it is measured against'))}</h2>"
            f"<p class='muted'>{esc(t('Benchmarks are standards and checklists, not binding instruments.'))}</p><ul>"
            + "".join(f"<li>{_link(kb, r)}</li>" for r in benchmarks)
            + "</ul>"
        )
    return "\n".join(out)


_STANDING_WORDS = {
    "national": "national law",
    "benchmark": "a benchmark, not binding",
    "none": "no step recorded",
    "not-party": "not a party",
    "signed": "signed",
    "approved": "approved",
    "ratified": "ratified",
    "acceded": "acceded",
    "in-force": "in force",
    "terminated": "terminated",
}
_EVENT_WORDS = {
    **_STANDING_WORDS,
    "reservation": "reservation",
    "declaration": "declaration",
    "promulgated": "promulgated",
    "published": "published",
}


def _status(kb: KnowledgeBase, st: shapes.InstrumentStatus) -> str:
    events = []
    for e in st["events"]:
        word = esc(t(_EVENT_WORDS.get(e["event"], e["event"])))
        line = f"{esc(e['date'])}: {word}" if e["date"] else word[:1].upper() + word[1:]
        if e["summary"]:
            line += f" — {_free(e, 'summary')}"
        events.append(f"<li>{line}</li>")
    who = st.get("jurisdiction_label")
    if who is None:
        return ""  # a State's own law, or a benchmark: no standing to tell
    who = _vocab(kb, "jurisdictions", st["jurisdiction"]) if st.get("jurisdiction") else who
    since = t(" since {date}", date=st["since"]) if st["since"] else ""
    return (
        f"<h2>{esc(t('Standing for {state}', state=who))}</h2>"
        f"<p>{esc(t(_STANDING_WORDS.get(st['status'], st['status'])))}{esc(since)}</p><ul>{''.join(events)}</ul>"
    )


_FINDING_WORDS = {
    "gap": "gap",
    "partial": "partly met",
    "met": "met",
    "unknown": "not assessable",
    "not-assessed": "not assessed",
    "absent": "no finding",
}


def _finding_word(status: str) -> str:
    return t(_FINDING_WORDS.get(status, status))


def _requirement(
    kb: KnowledgeBase, rid: str, as_of: dt.date, row: shapes.CoverageRow | None, on_gaps_page: set[str]
) -> tuple[str, str]:
    j = queries.requirement(kb, rid, as_of)
    r = kb.requirements[rid]
    mandatory = t(" (mandatory)") if j["mandatory"] else ""
    body = [
        f"<p class='subtitle'>{_bilingual(j['title'])}</p>" if j["title"] else "",
        f"<p class='summary'>{esc(r.summary_in(_lang()))}</p>",
        f"<p>{esc(t('Kind'))}: {esc(_vocab(kb, 'requirement_kinds', j['requirement_kind']))}{esc(mandatory)}. "
        f"{esc(t('Victims'))}: {esc(_age(j['victim_age']))}.</p>",
    ]
    if _is_benchmark(kb, rid):
        body.append(f"<p class='banner superseded'>{esc(t('A benchmark, not a binding instrument.'))}</p>")
    if j["article"] and j["article"] in kb.provisions:
        body.append(f"<p>{esc(t('Part of'))} {_link(kb, j['article'])}.</p>")
    if row is not None:
        status = esc(row["status"])
        body.append(
            f'<h2>{esc(t("On {date}", date=as_of.isoformat()))}: <span class="{status}">{esc(_finding_word(row["status"]))}</span></h2>'
        )
        cells = row["cells"]
        if cells:
            body.append(
                f"<h3>{esc(t('Provisions that meet it'))}</h3><ul>"
                + "".join(
                    f"<li>{_link(kb, pid)} — {esc(t(_CELL_PART.get(how, how)))}</li>"
                    for pid, how in cells.items()
                )
                + "</ul>"
            )
        if row["assessments"]:
            body.append(
                f"<h3>{esc(t('Assessments'))}</h3><ul>"
                + "".join(
                    f"<li>{_finding_link(a, on_gaps_page)} "
                    f'<span class="{esc(a["status"])}">{esc(_finding_word(a["status"]))}</span></li>'
                    for a in row["assessments"]
                )
                + "</ul>"
            )
    implemented = "".join(f"<li>{_link(kb, x['id'], x['label'])}</li>" for x in j["implemented_by"])
    if implemented:
        body.append(f"<h3>{esc(t('Implemented by'))}</h3><ul>{implemented}</ul>")
    body.append(_status(kb, j["instrument_status"]))
    body.append(f"<h2>{esc(t('Sources'))}</h2>" + _sources(j["sources"]))
    return j["label"], "\n".join(b for b in body if b)


_CELL_PART = {
    "full": "every child in the band",
    "conditional": "only under conditions",
    "gap": "gap",
    "partial": "partly met",
    "met": "met",
    "unknown": "not assessable",
}


def _finding_link(a: shapes.CoverageAssessment | shapes.Transition, on_gaps_page: set[str]) -> str:
    """A link to the finding on the gap list; assessments merged into another finding there
    (or assessed only against one instrument) are named without a link."""
    if a["id"] in on_gaps_page:
        return f'<a href="gaps.html#{esc(slug(a["id"]))}">{_titled(a)}</a>'
    return _titled(a)


def _gaps(kb: KnowledgeBase, report: shapes.GapsAnswer) -> str:
    against = ", ".join(report["against"] or []) or t("every instrument")
    out = [f"<p>{esc(t('Assessed against {what}.', what=against))}</p>"]
    for f in report["findings"]:
        status = esc(f["status"])
        req = f["requirement"]
        out.append(
            f'<section id="{esc(slug(f["id"]))}"><h2><span class="{status}">{esc(_finding_word(f["status"]))}</span>: {_titled(f)}</h2>'
        )
        if req:
            also = ", ".join(_link(kb, r["id"], r["label"]) for r in f["also_required_by"])
            tail = t("; also {others}", others="\x00") if also else ""
            out.append(
                f"<p>{esc(t('Required by'))} {_link(kb, req['id'], req['label'])}"
                + esc(tail).replace("\x00", also)
                + ".</p>"
            )
        ev = []
        for e in f["evidence"]:
            shows = in_lang(e, "shows", _lang()) or ""
            label = e["label"] or ""
            if e["provision"] and label and shows.startswith(label):
                # the finding already names it: link the name rather than repeat it
                ev.append(f"<li>{_link(kb, e['provision'], label)}{esc(shows[len(label) :])}</li>")
            elif e["provision"]:
                ev.append(f"<li>{_link(kb, e['provision'], label or None)}: {esc(shows)}</li>")
            else:
                ev.append(f"<li>{esc(shows)}</li>")
        if ev:
            out.append(f"<h3>{esc(t('Evidence'))}</h3><ul>" + "".join(ev) + "</ul>")
        rec = in_lang(f, "recommendation", _lang())
        if rec:
            out.append(f"<p>{esc(t('Recommendation'))}: {esc(rec)}</p>")
        recs = f["recommendations"]
        if recs:
            out.append(
                f"<h3>{esc(t('Recommendations made'))}</h3><ul>"
                + "".join(f"<li>{esc(r['review'])}: {esc(recommendation_text(r))}</li>" for r in recs)
                + "</ul>"
            )
        if f["sources"]:
            out.append(f"<h3>{esc(t('Sources'))}</h3>" + _sources(f["sources"]))
        out.append("</section>")
    if not report["assessable"]:
        out.append(
            "<p><strong>"
            + esc(
                t(
                    "The corpus records none of the national law as it stood on {date}: it cannot assess the requirements on this date.",
                    date=report["as_of"],
                )
            )
            + "</strong></p>"
        )
    unknown = report["not_assessed"]
    if unknown:
        out.append(
            f"<section id='not-assessed'><h2>{esc(t('Not assessable on {date}', date=report['as_of']))}</h2>"
            f"<p>{esc(t('The corpus does not record the law that bore on these requirements on this date.'))}</p><ul>"
        )
        for f in unknown:
            missing = ", ".join(
                f"{_link(kb, m['provision'], m['label'])} ({esc(t('recorded from {date}', date=m['recorded_from']))})"
                for m in f["details"].get("not_recorded", [])
            )
            out.append(
                f"<li>{_titled(f)}" + (f": {esc(t('not recorded'))}: {missing}" if missing else "") + "</li>"
            )
        out.append("</ul></section>")
    return "\n".join(out)


def _laws(laws: list[shapes.Law]) -> str:
    return (" — " + ", ".join(esc(f"{law['label']} ({law['date']})") for law in laws)) if laws else ""


def _range_of(r: shapes.Range) -> str:
    low = _duration(r["min"]) if r["min"] else "?"
    high = _duration(r["max"]) if r["max"] else t("life imprisonment")
    return f'<span lang="es">{esc(r["text"])}</span> ({esc(t("{low} to {high}", low=low, high=high))})'


def _compare(kb: KnowledgeBase, c: shapes.CompareAnswer, on_gaps_page: set[str]) -> str:
    out = []
    prov = c["provisions"]
    for title, changed in (
        (t("Provisions added"), prov["added"]),
        (t("Provisions amended"), prov["amended"]),
        (t("Provisions repealed"), prov["repealed"]),
    ):
        if changed:
            out.append(
                f"<h2>{esc(title)}</h2><ul>"
                + "".join(f"<li>{_link(kb, i['id'], i['label'])}{_laws(i['laws'])}</li>" for i in changed)
                + "</ul>"
            )
    if prov["first_recorded"]:
        out.append(
            f"<h2>{esc(t('Provisions recorded from a date in the period (older texts; not changes)'))}</h2><ul>"
            + "".join(f"<li>{_link(kb, i['id'], i['label'])}</li>" for i in prov["first_recorded"])
            + "</ul>"
        )
    rows = [
        f"<tr><td>{_link(kb, p['offence'], p['label'])}</td><td>{_range_of(p['before'])}</td>"
        f"<td>{_range_of(p['after'])}</td><td>{', '.join(esc(law['label']) for law in p['laws'])}</td></tr>"
        for p in c["penalties_changed"]
    ]
    ages = [
        f"<tr><td>{_link(kb, a['offence'], a['label'])}</td><td>{esc(age_text(a['before_age']))}</td>"
        f"<td>{esc(age_text(a['after_age']))}</td><td>{', '.join(esc(law['label']) for law in a['laws'])}</td></tr>"
        for a in c["age_thresholds_changed"]
    ]
    for title, table in ((t("Penalties changed"), rows), (t("Age thresholds changed"), ages)):
        if table:
            out.append(
                f"<h2>{esc(title)}</h2><table><thead><tr><th>{esc(t('Offence'))}</th><th>{esc(t('Before'))}</th>"
                f"<th>{esc(t('After'))}</th><th>{esc(t('By'))}</th></tr>"
                "</thead><tbody>" + "".join(table) + "</tbody></table>"
            )
    gaps = c["gaps"]
    for title, items in (
        (t("Gaps opened"), gaps["opened"]),
        (t("Gaps closed"), gaps["closed"]),
        (t("Gaps changed"), gaps["changed"]),
    ):
        if items:
            out.append(
                f"<h2>{esc(title)}</h2><ul>"
                + "".join(
                    f"<li>{_finding_link(g, on_gaps_page)} ({esc(_finding_word(g['before']))} → {esc(_finding_word(g['after']))})</li>"
                    for g in items
                )
                + "</ul>"
            )
    between = c["laws"]
    if between:
        out.append(
            f"<h2>{esc(t('Laws in between'))}</h2><ul>"
            + "".join(
                f"<li>{_law_link(kb, law['id'], law['label'])} ({esc(law['date'])}): {esc(', '.join(law['provisions']))}</li>"
                for law in between
            )
            + "</ul>"
        )
    return "\n".join(out) or f"<p>{esc(t('Nothing changed.'))}</p>"


# ---------------------------------------------------------------------------------------------
# search: the command line's own index (lawbase.search.index), words pre-split for the page


_GROUP = {"provision": 0, "treaty": 1, "requirement": 2, "benchmark": 3}


def _search_index(kb: KnowledgeBase) -> list[dict[str, object]]:
    """The site's search index, built from `lawbase.search.index` (numbers, titles in both
    languages, offence names, keywords, conduct words, requirement summaries): one entry per
    page with the words of each indexed text, so that the page asks, as the command line does,
    that every word typed be found in one text. `g` orders the results: the State's own
    provisions, then treaty articles, then requirements, then benchmarks."""
    from .search import index as search_index

    rows: dict[str, list[list[str]]] = {}
    for ident, _field, text in search_index(kb):
        if not kb.in_scope(ident):
            continue
        words = list(dict.fromkeys(search_words(text)))
        if words and words not in rows.setdefault(ident, []):
            rows[ident].append(words)
    out: list[dict[str, object]] = []
    for ident, texts in rows.items():
        if ident in kb.requirements:
            r = kb.requirements[ident]
            group = "benchmark" if _is_benchmark(kb, ident) else "requirement"
            url, title = requirement_page(ident), r.summary_in(_lang())
            number = ""
        else:
            p = kb.provisions[ident]
            inst = kb.instruments.get(p.instrument)
            group = (
                "treaty"
                if inst is not None and inst.kind in ("treaty", "benchmark", "review")
                else "provision"
            )
            url = provision_page(ident)
            v = p.versions[-1] if p.versions else None
            title = (v.title if v is not None and v.title else p.title).best(_lang())
            number = "".join(search_words(p.number))
        out.append({"u": url, "l": kb.label(ident), "n": number, "t": title, "g": _GROUP[group], "r": texts})
    return out


Progress = Callable[[int, int], None]


def _class_names(kb: KnowledgeBase) -> dict[str, tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {}
    for sc in kb.scales.values():
        for code, (es, en, _rank) in sc.classes.items():
            names.setdefault(code, (es, en))
    return names


def build(
    kb: KnowledgeBase, outdir: Path, as_of: dt.date, progress: Progress | None = None
) -> shapes.SiteResult:
    """Write the site into `outdir` (see the module docstring for what is replaced and what kept)
    and say what was written; `progress(done, total)` is told as each provision's page is made
    (the bulk of a large site's time). The site is one State's: `kb` as lawbase.scope views
    it (the corpus's default State, unless `kb` is already a view of another).

    The site is in both languages: OUTDIR in the reader's (i18n.current()), OUTDIR/<other>/
    (es/ or en/) in the other, each page linking to the same page in the other language."""
    from .scope import scoped

    kb = scoped(kb)
    first = _lang()
    other = "es" if first == "en" else "en"
    check_outdir(outdir)
    if outdir.is_dir():
        check_outdir(outdir / other)
    _CLASSES.clear()
    _CLASSES.update(_class_names(kb))
    # one language at a time, written before the next is made (a site's pages are held in memory)
    with i18n.use(first):
        pages = _build_pages(kb, as_of, progress)
    count = len(pages)
    written = publish(outdir, _with_switch(pages, f"{other}/", other), as_of)
    del pages
    with i18n.use(other):
        others = _build_pages(kb, as_of, None)
    count += len(others)
    publish(outdir / other, _with_switch(others, "../", first), as_of)
    _clear_other_language(outdir / first, as_of)
    return {"outdir": written, "as_of": as_of.isoformat(), "pages": count}


def _clear_other_language(folder: Path, as_of: dt.date) -> None:
    """A site built before in the other language left this language's folder (OUTDIR/en after
    a build in English made OUTDIR/es, then one in Spanish): its pages are removed, as any
    page a build no longer writes; a folder no build of ours wrote is left alone."""
    if not folder.is_symlink() and (folder / MARKER).is_file():
        publish(folder, {}, as_of)


def _build_pages(kb: KnowledgeBase, as_of: dt.date, progress: Progress | None) -> dict[str, str]:
    """Every page and asset of one State's site, in the current language."""
    pages: dict[str, str] = {}
    _CITED.clear()
    coverage_rows, met = _coverage(kb, as_of)
    listed, by_instrument, by_theme, by_conduct = _provision_pages(kb, as_of, met, pages, progress)
    report = gapmod.gaps(kb, as_of)
    on_gaps_page = {f["id"] for f in report["findings"]}
    pages["gaps.html"] = _page(t("Gaps"), _gaps(kb, report), as_of)
    _requirement_pages(kb, as_of, coverage_rows, on_gaps_page, pages)
    _comparison_pages(kb, as_of, on_gaps_page, pages)
    _law_pages(kb, as_of, by_instrument, pages)
    _recommendation_and_source_pages(kb, pages, as_of)
    state = _state_name(kb)
    pages["index.html"] = _page(
        state,
        _index(kb, listed, as_of, by_instrument, by_theme, by_conduct),
        as_of,
        head=t("{state}: the law on child sexual exploitation · lawbase", state=state),
    )
    pages["search.html"] = _page(
        t("Search"),
        f'<form role="search" onsubmit="return false"><label for="q">{esc(t("Number, title, offence or keyword, in English or Spanish"))}</label> '
        '<input id="q" name="q" type="search" autofocus></form>'
        f'<p id="status" role="status" aria-live="polite"></p><ol id="results" data-one="{esc(t("1 result"))}" '
        f'data-many="{esc(t("{n} results", n="{n}"))}"></ol>'
        f"<p id='needs-js'>{esc(t('Search needs JavaScript; the index lists every page.'))} "
        f"<a href='index.html'>{esc(t('Index'))}</a></p>"
        '<script src="search-index.js"></script><script src="search.js"></script>',
        as_of,
    )
    index = _search_index(kb)
    pages["style.css"] = STYLE
    pages["search.js"] = SEARCH_JS
    # a script, not JSON fetched at view time: fetch() is refused on file://
    pages["search-index.js"] = (
        "window.LAWBASE_INDEX = "
        + visible_json(json.dumps(index, ensure_ascii=False, allow_nan=False)).replace("</", "<\\/")
        + ";\n"
    )
    return pages


def _state_name(kb: KnowledgeBase) -> str:
    from .scope import assessed

    return _vocab(kb, "jurisdictions", assessed(kb))


def _home(kb: KnowledgeBase) -> set[str]:
    """The State whose law the site is (its instruments are 'national')."""
    from .scope import assessed

    return {assessed(kb)}


def build_many(
    kb: KnowledgeBase, outdir: Path, as_of: dt.date, states: list[str], progress: Progress | None = None
) -> shapes.SiteResult:
    """Several States' sites side by side: OUTDIR holds an index of the States and the matrix
    page (requirements × States, each cell's findings linked to the provision pages they rest
    on), and each State's own site in a folder named by its id (OUTDIR/cl, OUTDIR/ar), built as
    `build` builds one (each with its other language inside it, OUTDIR/cl/es). The top level
    is written first, so that each State's folder is one OUTDIR's manifest leaves alone."""
    from .scope import scoped

    check_outdir(outdir)
    first = _lang()
    other = "es" if first == "en" else "en"
    views = [scoped(kb, j) for j in states]
    if outdir.is_dir():  # a State's folder another build or person made is refused before any write
        for j in states:
            check_outdir(outdir / slug(j))
        check_outdir(outdir / other)
    m = matrix.countries(kb, matrix.compared_instruments(kb, states), states, as_of)
    provisions = {j: set(v.provisions) for j, v in zip(states, views, strict=True)}

    def top(base: str) -> dict[str, str]:
        return {
            "index.html": _page("lawbase", _states_index(m, base), as_of, _states_nav(), head="lawbase"),
            "matrix.html": _page(
                t("Requirements × States"), _matrix(m, provisions, base), as_of, _states_nav()
            ),
            "style.css": STYLE,
        }

    with i18n.use(first):
        home = top("")
    with i18n.use(other):
        away = top(f"../{other}/")  # OUTDIR/es/index.html links ../cl/es/...
    written = publish(outdir, _with_switch(home, f"{other}/", other), as_of)
    publish(outdir / other, _with_switch(away, "../", first), as_of)
    _clear_other_language(outdir / first, as_of)
    pages = len(home) + len(away) - 2
    for view, j in zip(views, states, strict=True):
        pages += build(view, outdir / slug(j), as_of, progress)["pages"]
    return {"outdir": written, "as_of": as_of.isoformat(), "pages": pages}


def _state_href(base: str, sid: str, page: str) -> str:
    """A page of a State's site seen from the top level: `base` is '' at OUTDIR, '../es/' (the
    language's folder inside each State's) from OUTDIR/es."""
    if not base:
        return f"{sid}/{page}"
    lang = base.strip("./")
    return f"../{sid}/{lang}/{page}"


def _states_index(m: shapes.MatrixAnswer, base: str) -> str:
    out = [
        "<p>"
        + esc(t("The law of each State as it stood on {date}, and", date=m["as_of"]))
        + f' <a href="matrix.html">{esc(t("its requirements side by side"))}</a>.</p><ul>'
    ]
    for s in m["jurisdictions"]:
        sid = slug(s["id"])
        out.append(
            f'<li><a href="{_state_href(base, sid, "index.html")}">{esc(s["label"])}</a>: '
            f'<a href="{_state_href(base, sid, "gaps.html")}">{esc(t("gap list"))}</a> · '
            f'<a href="{_state_href(base, sid, "requirements.html")}">{esc(t("requirements"))}</a></li>'
        )
    return "".join(out) + "</ul>"


_CELL_WORDS = {
    "gap": "Gap",
    "partial": "Partly met",
    "met": "Met",
    "not-recorded": "Not recorded",
    "not-assessed": "Not assessed",
}


def _matrix(m: shapes.MatrixAnswer, pages: dict[str, set[str]], base: str = "") -> str:
    """The comparison table: a row per requirement, a column per State; a cell's word links to
    its notes below, which give each finding and the provision versions and sources it rests on,
    each provision linked to its page in that State's site."""
    states = m["jurisdictions"]
    out = [
        "<p>"
        + esc(
            t(
                "A cell gives the worst status of the findings about that requirement on the date; "
                "its note gives the findings and the provision versions they rest on."
            )
        )
        + "</p>"
    ]
    notes: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    for tr in m["instruments"]:
        out.append(f"<h2>{esc(tr['label'])}: {_titled(tr)}</h2>")
        standing = " · ".join(f"{esc(s['label'])}: {_standing(tr['statuses'][s['id']])}" for s in states)
        out.append(f'<p class="muted">{standing}</p>')
        out.append(f"<table><thead><tr><th scope='col'>{esc(t('Requirement'))}</th>")
        out += [f"<th scope='col'>{esc(s['label'])}</th>" for s in states]
        out.append("</tr></thead><tbody>")
        for r in tr["requirements"]:
            req = f'<a href="{_state_href(base, slug(states[0]["id"]), requirement_page(r["id"]))}">{esc(r["label"])}</a>'
            row = [f"<tr><th scope='row'>{req}</th>"]
            for s in states:
                cell = r["cells"][s["id"]]
                marks = []
                for f in cell["findings"]:
                    key = (s["id"], f["id"])
                    if key not in seen:
                        seen[key] = f"n{len(seen) + 1}"
                        notes.append(_matrix_note(seen[key], s, f, pages[s["id"]], base))
                    marks.append(f'<a href="#{seen[key]}">{seen[key][1:]}</a>')
                sup = f" <sup>{', '.join(marks)}</sup>" if marks else ""
                row.append(
                    f'<td class="{esc(cell["status"])}">{esc(t(_CELL_WORDS[cell["status"]]))}{sup}</td>'
                )
            out.append("".join(row) + "</tr>")
        out.append("</tbody></table>")
    out.append(f"<h2>{esc(t('Notes'))}</h2><ol class='notes'>" + "".join(notes) + "</ol>")
    return "\n".join(out)


def _standing(st: shapes.InstrumentStatus) -> str:
    """A State's standing in one line: 'in force since 2003-03-06', 'signed, not binding'."""
    if st["status"] == "benchmark":
        return esc(t("a benchmark, not binding"))
    since = t(" since {date}", date=st["since"]) if st["since"] else ""
    binding = {True: "", False: t(", not binding"), None: t(", entry into force not recorded")}[
        st["in_force"]
    ]
    word = t(_STANDING_WORDS.get(st["status"], st["status"]))
    return esc(f"{word}{since}{binding}")


def _matrix_note(
    anchor: str, state: shapes.Jurisdiction, f: shapes.MatrixFinding, pages: set[str], base: str = ""
) -> str:
    parts = [
        f'<li id="{anchor}"><p><strong>{esc(state["label"])}</strong>, {esc(t(_CELL_WORDS[f["status"]]).lower())}: {_titled(f)}</p>'
    ]
    if f["evidence"]:
        parts.append("<ul>")
        for e in f["evidence"]:
            where = ""
            if e["provision"] and e["label"]:
                since = (
                    " (" + esc(t("version in force from {date}", date=e["version"]["from"])) + ")"
                    if e["version"]
                    else ""
                )
                name = esc(e["label"])
                if e["provision"] in pages:  # a treaty cited as evidence has no page of its own
                    href = _state_href(base, slug(state["id"]), provision_page(e["provision"]))
                    name = f'<a href="{href}">{name}</a>'
                where = f"{name}{since}: "
            parts.append(f"<li>{where}{esc(e['shows'])}{_sources(e['sources'])}</li>")
        parts.append("</ul>")
    return "".join(parts) + "</li>"


def _coverage(
    kb: KnowledgeBase, as_of: dt.date
) -> tuple[dict[str, shapes.CoverageRow], dict[str, list[str]]]:
    """Every requirement's coverage row, and provision -> the requirements it bears on."""
    coverage_rows: dict[str, shapes.CoverageRow] = {}
    met: dict[str, list[str]] = {}
    for inst in sorted({r.instrument for r in kb.requirements.values()}):
        cov = matrix.coverage(kb, inst, as_of)
        for row in cov["requirements"]:
            coverage_rows[row["id"]] = row
            for pid in row["cells"]:
                met.setdefault(pid, []).append(row["id"])
    return coverage_rows, met


_Groups = tuple[dict[str, tuple[str, bool]], dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]


def _provision_pages(
    kb: KnowledgeBase,
    as_of: dt.date,
    met: dict[str, list[str]],
    pages: dict[str, str],
    progress: Progress | None = None,
) -> _Groups:
    """A page per provision and per version; what the index lists: each title and whether in
    force, and the provisions by instrument, theme and conduct. A national provision is under
    the themes of the treaty articles whose requirements it helps meet."""
    by_instrument: dict[str, list[str]] = {}
    by_theme: dict[str, list[str]] = {}
    by_conduct: dict[str, list[str]] = {}
    listed: dict[str, tuple[str, bool]] = {}  # title and whether in force, for the index
    total = len(kb.provisions)
    for done, (pid, p) in enumerate(kb.provisions.items(), 1):
        if progress is not None:
            progress(done, total)
        now = queries.provision(kb, kb.at(pid, as_of))
        pages.update(_provision_pages_of(kb, now, as_of, met))
        listed[pid] = (_plain(now["title"]), now["state"] == "in-force")
        by_instrument.setdefault(p.instrument, []).append(pid)
        themes = list(p.themes)
        for rid in met.get(pid, []):
            article = kb.requirements[rid].article
            if article and article in kb.provisions:
                themes += kb.provisions[article].themes
        for th in dict.fromkeys(themes):
            by_theme.setdefault(th, []).append(pid)
        for o in now["offences"]:
            for c in o["conduct"]:
                if pid not in by_conduct.setdefault(c, []):
                    by_conduct[c].append(pid)
    return listed, by_instrument, by_theme, by_conduct


def _requirement_pages(
    kb: KnowledgeBase,
    as_of: dt.date,
    coverage_rows: dict[str, shapes.CoverageRow],
    on_gaps_page: set[str],
    pages: dict[str, str],
) -> None:
    """A page per requirement, and the list of them with their status: treaty obligations
    first, the benchmarks apart."""
    lists: dict[bool, list[str]] = {False: [], True: []}
    for rid in kb.requirements:
        title, body = _requirement(kb, rid, as_of, coverage_rows.get(rid), on_gaps_page)
        pages[requirement_page(rid)] = _page(title, body, as_of)
        found = coverage_rows.get(rid)
        status = found["status"] if found else ""
        word = _finding_word(status) if status else ""
        lists[_is_benchmark(kb, rid)].append(
            f'<li>{_link(kb, rid)} <span class="{esc(status)}">{esc(word)}</span></li>'
        )
    body = f"<h2>{esc(t('Treaty obligations'))}</h2><ul>" + "".join(lists[False]) + "</ul>"
    if lists[True]:
        body += (
            f"<h2>{esc(t('Benchmarks'))}</h2><p class='muted'>"
            f"{esc(t('Benchmarks are standards and checklists, not binding instruments.'))}</p><ul>"
            + "".join(lists[True])
            + "</ul>"
        )
    pages["requirements.html"] = _page(t("Requirements"), body, as_of)


def _comparison_pages(
    kb: KnowledgeBase, as_of: dt.date, on_gaps_page: set[str], pages: dict[str, str]
) -> None:
    """The law compared between each two of the corpus's milestones (corpus.yaml) and the site's date."""
    dates = [d for d in kb.settings.milestones if d < as_of] + [as_of]
    comparisons = []
    for start, end in itertools.combinations(dates, 2):  # 2001 → 2018, 2001 → today, 2018 → today
        name = f"compare-{start.isoformat()}-{end.isoformat()}.html"
        title = t("From {start} to {end}", start=start.isoformat(), end=end.isoformat())
        pages[name] = _page(title, _compare(kb, comparemod.compare(kb, start, end), on_gaps_page), as_of)
        comparisons.append(f'<li><a href="{name}">{esc(title)}</a></li>')
    pages["compare.html"] = _page(t("Comparisons"), "<ul>" + "".join(comparisons) + "</ul>", as_of)


_KIND_ORDER = {"code": 0, "constitution": 1, "law": 2, "bill": 3, "treaty": 4, "benchmark": 5, "review": 6}


def _instrument_order(kb: KnowledgeBase, counts: dict[str, int]) -> list[str]:
    """The State's own codes first (the one with most articles first: the Penal Code before
    the Civil Code), then its laws, then treaties and benchmarks."""
    home = _home(kb)

    def key(inst_id: str) -> tuple[int, int, int, str]:
        inst = kb.instruments.get(inst_id)
        if inst is None:
            return (9, 9, 0, inst_id)
        return (
            0 if inst.jurisdiction in home else 1,
            _KIND_ORDER.get(inst.kind, 5),
            -counts.get(inst_id, 0),
            inst.title.best(_lang()),
        )

    return sorted(set(counts) | {i for i, inst in kb.instruments.items() if inst.kind == "law"}, key=key)


def _law_pages(
    kb: KnowledgeBase, as_of: dt.date, by_instrument: dict[str, list[str]], pages: dict[str, str]
) -> None:
    """A page per code, law, treaty and benchmark: what it is, its dates (the Diario Oficial's
    for a law), its articles in the corpus and what it added, amended or repealed; and the list
    of them."""
    items = []
    for inst_id in _instrument_order(kb, {k: len(v) for k, v in by_instrument.items()}):
        j = queries.instrument_show(kb, inst_id, as_of)
        inst = kb.instruments[inst_id]
        if not j["made"] and not j["articles"]:
            continue
        name = instrument_page(inst_id)
        body = [f"<p class='subtitle'>{_bilingual(j['title'])}</p>"]
        facts = []
        for label, value in (
            (t("Adopted"), j["adopted"]),
            (t("Published"), j["published"]),
            (t("In force"), j["in_force"]),
        ):
            if value:
                facts.append(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>")
        if facts:
            body.append("<dl>" + "".join(facts) + "</dl>")
        summary = inst.summary_in(_lang())
        if summary:
            body.append(f"<p class='summary'>{esc(summary)}</p>")
        if j["made"]:
            rows = []
            for v in j["made"]:
                if v["status"] == "repealed":
                    what = t("repealed")
                else:
                    first = kb.provisions[v["provision"]].versions[0].start.isoformat()
                    what = t("amended") if v["from"] > first else t("added")
                rows.append(
                    f"<tr><td>{_link(kb, v['provision'], v['label'], True, version_page(v['provision'], v['from']))}</td>"
                    f"<td>{esc(what)}</td><td>{esc(v['from'])}</td><td>{esc(v['until'] or '—')}</td></tr>"
                )
            body.append(
                f"<h2>{esc(t('What it changed'))}</h2><table><thead><tr><th>{esc(t('Article'))}</th>"
                f"<th>{esc(t('Change'))}</th><th>{esc(t('In force from'))}</th><th>{esc(t('Until'))}</th></tr></thead><tbody>"
                + "".join(rows)
                + "</tbody></table>"
            )
        if j["articles"]:
            body.append(
                f"<h2>{esc(t('Its articles in the corpus'))}</h2><ul>"
                + "".join(f"<li>{_link(kb, a['id'], a['label'])}</li>" for a in j["articles"])
                + "</ul>"
            )
        body.append(_status(kb, j["instrument_status"]))
        if j["sources"]:
            body.append(f"<h2>{esc(t('Sources'))}</h2>" + _sources(j["sources"]))
        pages[name] = _page(j["label"], "\n".join(b for b in body if b), as_of)
        when = f" ({esc(j['published'])})" if j["published"] else ""
        items.append(
            (inst.kind, f'<li><a href="{name}">{esc(j["label"])}</a> — {_bilingual(j["title"])}{when}</li>')
        )
    body = []
    for kind in ("constitution", "code", "law", "bill", "treaty", "benchmark", "review"):
        these = [html for k, html in items if k == kind]
        if these:
            body.append(f"<h2>{esc(t(_KIND_HEADINGS[kind]))}</h2><ul>" + "".join(these) + "</ul>")
    pages["laws.html"] = _page(t("Codes, laws and treaties"), "\n".join(body), as_of)


def _recommendation_and_source_pages(kb: KnowledgeBase, pages: dict[str, str], as_of: dt.date) -> None:
    """The recommendations made to the State (UPR, treaty bodies, NGO submissions), each with
    what it concerns and what later met it; and the bibliography every page cites."""
    home = _home(kb)
    recs = [r for r in kb.recommendations.values() if r.jurisdiction in home]
    by_review: dict[str, list[Recommendation]] = {}
    for r in recs:
        by_review.setdefault(r.instrument, []).append(r)
    body = []
    for review, items in by_review.items():
        inst = kb.instruments.get(review)
        name = inst.title.best(_lang()) if inst else review
        body.append(f"<h2>{esc(name)}</h2>")
        if inst is not None and inst.kind in ("benchmark", "review"):
            body.append(f"<p class='muted'>{esc(t('Recommendations are not binding instruments.'))}</p>")
        body.append("<ul>")
        for r in items:
            who = ", ".join(r.recommending) or t("recommending State not recorded")
            accepted = {True: t("accepted"), False: t("noted (not accepted)"), None: ""}[r.accepted]
            line = [f'<li id="{esc(slug(r.id))}"><strong>{esc(who)}</strong>']
            if accepted:
                line.append(f" ({esc(accepted)})")
            line.append(f": {esc(r.summary_es) if _lang() == 'es' and r.summary_es else _english(r.summary)}")
            concerns = [c for c in r.concerns if c in kb.requirements]
            if concerns:
                line.append(f"<br>{esc(t('Concerns'))}: " + ", ".join(_link(kb, c) for c in concerns))
            for m in r.met_by:
                what = _link(kb, m.provision) if m.provision and m.provision in kb.provisions else ""
                line.append(
                    f"<br>{esc(t('Met on {date}', date=m.date.isoformat()))}" + (f": {what}" if what else "")
                )
            line.append(_sources([queries.citation(kb, c) for c in r.sources]))
            line.append("</li>")
            body.append("".join(line))
        body.append("</ul>")
    if not body:
        body.append(f"<p>{esc(t('The corpus records no recommendation made to this State.'))}</p>")
    pages["recommendations.html"] = _page(t("Recommendations made to the State"), "\n".join(body), as_of)
    rows = []
    cited = [(sid, src) for sid, src in kb.sources.items() if sid in _CITED]  # this State's pages cite them
    for sid, src in sorted(cited, key=lambda kv: kv[1].title):
        title = esc(src.title)
        if src.url:
            title = f'<a href="{esc(src.url)}" rel="external">{title}</a>'
        extra = "".join(f", {esc(x)}" for x in (src.author, src.published_in) if x)
        when = src.published or src.date
        rows.append(
            f'<li id="{esc(slug(sid))}">{title}{extra}'
            + (f" ({esc(when.isoformat())})" if when else "")
            + f' <span class="badge">{esc(t(_SOURCE_KINDS.get(src.kind, src.kind)))}</span></li>'
        )
    pages["sources.html"] = _page(t("Sources"), "<ul class='sources'>" + "".join(rows) + "</ul>", as_of)


_SOURCE_KINDS = {
    "official-record": "official record",
    "report": "report",
    "secondary": "secondary source",
    "statute": "statute",
    "treaty-text": "treaty text",
}


_KIND_HEADINGS = {
    "constitution": "Constitution",
    "code": "Codes",
    "law": "Laws",
    "treaty": "Treaties",
    "benchmark": "Benchmarks",
    "review": "Reviews",
    "bill": "Bills (hypothetical, not law)",
}


def _index(
    kb: KnowledgeBase,
    listed: dict[str, tuple[str, bool]],
    as_of: dt.date,
    by_instrument: dict[str, list[str]],
    by_theme: dict[str, list[str]],
    by_conduct: dict[str, list[str]],
) -> str:
    def items(pids: list[str]) -> str:
        out = []
        for pid in pids:
            title, in_force = listed[pid]
            out.append(
                f"<li>{_link(kb, pid, in_force=in_force)}"
                + (f' <span class="muted">{esc(title)}</span>' if title else "")
                + "</li>"
            )
        return "<ul>" + "".join(out) + "</ul>"

    out = [
        "<p>"
        + esc(
            t(
                "The law as it stood on {date}. Start from an instrument, a theme or a kind of conduct, or search by number, title or keyword.",
                date=as_of.isoformat(),
            )
        )
        + "</p>",
        f'<p><a href="search.html">{esc(t("Search"))}</a> · <a href="gaps.html">{esc(t("The gap list"))}</a> · '
        f'<a href="requirements.html">{esc(t("Treaty requirements"))}</a> · '
        f'<a href="laws.html">{esc(t("Codes, laws and treaties"))}</a> · '
        f'<a href="compare.html">{esc(t("How the law changed"))}</a> · '
        f'<a href="recommendations.html">{esc(t("Recommendations made to the State"))}</a> · '
        f'<a href="sources.html">{esc(t("Sources"))}</a></p>',
        f"<h2>{esc(t('By instrument'))}</h2>",
    ]
    counts = {k: len(v) for k, v in by_instrument.items()}
    for inst_id in _instrument_order(kb, counts):
        pids = by_instrument.get(inst_id)
        if not pids:
            continue
        inst = kb.instruments.get(inst_id)
        name = f"{inst.title.best(_lang())} ({inst.short})" if inst else inst_id
        home = inst is not None and inst.jurisdiction in _home(kb)
        opened = " open" if home and inst is not None and inst.kind == "code" else ""
        out.append(f"<details{opened}><summary>{esc(name)} — {len(pids)}</summary>{items(pids)}</details>")
    out.append(f"<h2>{esc(t('By theme'))}</h2>")
    for theme, pids in sorted(by_theme.items(), key=lambda kv: _vocab(kb, "themes", kv[0])):
        out.append(
            f"<details><summary>{esc(_vocab(kb, 'themes', theme))} — {len(pids)}</summary>{items(_national_first(kb, pids))}</details>"
        )
    out.append(f"<h2>{esc(t('By conduct'))}</h2>")
    for c, pids in sorted(by_conduct.items(), key=lambda kv: _vocab(kb, "conduct", kv[0])):
        out.append(
            f"<details><summary>{esc(_vocab(kb, 'conduct', c))} — {len(pids)}</summary>{items(pids)}</details>"
        )
    return "\n".join(out)


def _national_first(kb: KnowledgeBase, pids: list[str]) -> list[str]:
    home = _home(kb)

    def national(pid: str) -> int:
        inst = kb.instruments.get(kb.provisions[pid].instrument)
        return 0 if inst is not None and inst.jurisdiction in home else 1

    return sorted(pids, key=national)  # stable: the corpus's order within each group


class SiteError(LawbaseError):
    """OUTDIR cannot take the site (a link, a file, someone else's folder, no permission): the
    message names the path and the reason."""


class _Target(NamedTuple):
    path: str  # absolute, as the user wrote it: its last part is never resolved through a link
    parent: str
    name: str


def _target(outdir: Path) -> _Target:
    path = os.path.abspath(outdir)
    parent, name = os.path.split(path)
    if not name:
        raise SiteError(f"{path}: the root folder cannot hold a site; name a folder inside it")
    return _Target(path, parent, name)


def check_outdir(outdir: Path) -> None:
    """Refuse early, before the pages are computed, a folder `publish` would refuse (it checks
    again under its lock, since the folder may change in between)."""
    t = _target(outdir)
    try:
        parent_fd = _open_parent(t)
        try:
            out_fd = _open_outdir(t, parent_fd)
            if out_fd is not None:
                try:
                    _previous_build(t, out_fd)
                finally:
                    os.close(out_fd)
        finally:
            os.close(parent_fd)
    except OSError as exc:
        raise SiteError(f"{t.path}: cannot write the site: {exc.strerror or exc}") from None


def publish(outdir: Path, files: dict[str, str], as_of: dt.date) -> str:
    """Write `files` into `outdir` as described in the module docstring; the absolute path written."""
    t = _target(outdir)
    try:
        parent_fd = _open_parent(t)
        try:
            out_fd, created = _open_or_create(t, parent_fd)
            try:
                _lock(t, parent_fd, out_fd)
                try:
                    _replace_site(t, out_fd, files, as_of)
                except BaseException:
                    if created:
                        _remove_if_empty(t, parent_fd, out_fd)
                    raise
            finally:
                os.close(out_fd)  # releases the lock
        finally:
            os.close(parent_fd)
    except OSError as exc:
        raise SiteError(f"{t.path}: cannot write the site: {exc.strerror or exc}") from None
    return t.path


_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# what open() says of a link where O_NOFOLLOW forbids one (Linux, the BSDs) or of a non-folder
_NOT_A_FOLDER = (errno.ELOOP, errno.EMLINK, errno.ENOTDIR)


def _open_parent(t: _Target) -> int:
    try:
        # links in the parent's path are the user's own choice; only OUTDIR's last part is guarded
        return os.open(t.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise SiteError(f"{t.path}: its parent folder {t.parent} does not exist") from None
    except NotADirectoryError:
        raise SiteError(f"{t.path}: its parent {t.parent} is not a folder") from None


def _open_outdir(t: _Target, parent_fd: int) -> int | None:
    """OUTDIR as a folder descriptor, None when nothing is there; a link or a file is refused."""
    try:
        st = os.stat(t.name, dir_fd=parent_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode):
        raise SiteError(
            f"{t.path}: is a symbolic link; lawbase writes only into a real folder, never through a link"
        )
    if not stat.S_ISDIR(st.st_mode):
        raise SiteError(f"{t.path}: exists and is not a folder")
    try:
        return os.open(t.name, _DIR, dir_fd=parent_fd)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in _NOT_A_FOLDER:  # swapped for a link or a file since the stat
            raise SiteError(f"{t.path}: changed while lawbase was opening it; try again") from None
        raise


def _open_or_create(t: _Target, parent_fd: int) -> tuple[int, bool]:
    """OUTDIR opened, and whether this run created it."""
    fd = _open_outdir(t, parent_fd)
    if fd is not None:
        return fd, False
    try:
        os.mkdir(t.name, 0o777, dir_fd=parent_fd)  # never follows a link left at the name
        created = True
    except FileExistsError:  # another build, or someone, made it since: check it like any other
        created = False
    fd = _open_outdir(t, parent_fd)
    if fd is None:
        raise SiteError(f"another lawbase site is writing {t.path}; try again when it has finished")
    return fd, created


def _lock(t: _Target, parent_fd: int, out_fd: int) -> None:
    """Hold OUTDIR's own lock for the rest of the run: the folder is never renamed, so its inode
    is a lock every build of the same OUTDIR meets, and no lock file is left anywhere."""
    busy = SiteError(f"another lawbase site is writing {t.path}; try again when it has finished")
    try:
        fcntl.flock(out_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise busy from None
    # a build that created OUTDIR and failed removes it again: make sure ours is still the one there
    try:
        now = os.stat(t.name, dir_fd=parent_fd, follow_symlinks=False)
    except FileNotFoundError:
        raise busy from None
    held = os.fstat(out_fd)
    if (now.st_dev, now.st_ino) != (held.st_dev, held.st_ino):
        raise busy


def _previous_build(t: _Target, out_fd: int) -> set[str]:
    """The files the previous build listed in its manifest (none for a folder no build wrote);
    a folder holding anything else of the user's is refused."""
    try:
        fd = os.open(MARKER, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=out_fd)
    except FileNotFoundError:
        if any(not n.startswith(".") and n not in FIRST_BUILD_KEEPS for n in os.listdir(out_fd)):
            raise SiteError(
                f"{t.path}: exists and is not a lawbase site; choose an empty or new folder"
            ) from None
        return set()
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):
            raise SiteError(
                f"{t.path}/{MARKER}: is a symbolic link, not a lawbase site's manifest; refusing"
            ) from None
        raise
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SiteError(
                f"{t.path}/{MARKER}: is not a regular file, not a lawbase site's manifest; refusing"
            )
        data = f.read(MANIFEST_LIMIT)
    # line 1 says what wrote it; a site written before manifests has no list, so a rebuild
    # deletes nothing of it (its pages are replaced, stale ones stay)
    lines = data.decode("utf-8", "replace").splitlines()[1:]
    return {line for line in lines if OWN_NAME.fullmatch(line)}


def _replace_site(t: _Target, out_fd: int, files: dict[str, str], as_of: dt.date) -> None:
    old = _previous_build(t, out_fd)  # again, now that no other build can change the folder
    _clear_debris(out_fd)
    names = set(files)
    for name in sorted(names | {MARKER}):
        try:
            st = os.stat(name, dir_fd=out_fd, follow_symlinks=False)
        except FileNotFoundError:
            continue
        if stat.S_ISDIR(st.st_mode):  # found before anything is written, not half-way
            raise SiteError(f"{t.path}/{name}: is a folder where the site writes a file; move it away")
    stage, stage_fd = _make_staging(out_fd)
    try:
        for name, text in files.items():
            _write_new(stage_fd, name, text.encode("utf-8"))
        # the manifest goes first and lists both builds' files: a build killed among the renames
        # below leaves a folder of whole files the next build still knows as its own, and cleans
        _write_new(stage_fd, MARKER, _manifest(as_of, names | old))
        os.replace(MARKER, MARKER, src_dir_fd=stage_fd, dst_dir_fd=out_fd)
        # the index last, so a reader never lands on a new index whose pages are not there yet
        for name in sorted(names, key=lambda n: n == "index.html"):
            os.replace(name, name, src_dir_fd=stage_fd, dst_dir_fd=out_fd)
        for name in sorted(old - names):
            _remove_own_file(out_fd, name)
        _write_new(stage_fd, MARKER, _manifest(as_of, names))
        os.replace(MARKER, MARKER, src_dir_fd=stage_fd, dst_dir_fd=out_fd)
    finally:
        _remove_staging(out_fd, stage, stage_fd)


def _manifest(as_of: dt.date, names: set[str]) -> bytes:
    head = (
        f"lawbase site, as of {as_of.isoformat()}\n"
        "# written by lawbase: a rebuild replaces or deletes the files listed here and nothing else\n"
    )
    return (head + "".join(f"{n}\n" for n in sorted(names))).encode("utf-8")


def _make_staging(out_fd: int) -> tuple[str, int]:
    for _ in range(100):
        name = STAGING_PREFIX + secrets.token_hex(6)
        try:
            os.mkdir(name, 0o700, dir_fd=out_fd)
        except FileExistsError:
            continue
        return name, os.open(name, _DIR, dir_fd=out_fd)
    raise FileExistsError(errno.EEXIST, "no free name for a staging folder")


def _write_new(dir_fd: int, name: str, data: bytes) -> None:
    """Create `name` and write it; an existing name (a link included) is an error, never opened."""
    fd = os.open(
        name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666, dir_fd=dir_fd
    )
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _remove_own_file(out_fd: int, name: str) -> None:
    """Delete a file the previous build listed; a folder of that name is the user's and stays."""
    try:
        st = os.stat(name, dir_fd=out_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(st.st_mode):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name, dir_fd=out_fd)


def _remove_staging(out_fd: int, stage: str, stage_fd: int) -> None:
    """Remove this run's staging folder (it holds only what this run put there); what cannot be
    removed now is left for the next build's `_clear_debris`."""
    with contextlib.suppress(OSError):
        for name in os.listdir(stage_fd):
            os.unlink(name, dir_fd=stage_fd)
    os.close(stage_fd)
    with contextlib.suppress(OSError):
        os.rmdir(stage, dir_fd=out_fd)


def _clear_debris(out_fd: int) -> None:
    """Remove the staging folders of builds that were killed: only names a build writes are
    deleted from them, and a folder goes only once empty, so nothing else can go with them."""
    for stage in os.listdir(out_fd):
        if not stage.startswith(STAGING_PREFIX):
            continue
        try:
            fd = os.open(stage, _DIR, dir_fd=out_fd)
        except OSError:  # a link or a file by that name is not ours
            continue
        try:
            for name in os.listdir(fd):
                if name == MARKER or OWN_NAME.fullmatch(name):
                    _remove_own_file(fd, name)
        finally:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.rmdir(stage, dir_fd=out_fd)


def _remove_if_empty(t: _Target, parent_fd: int, out_fd: int) -> None:
    """Undo this run's creation of OUTDIR after a failure: only the folder it made, only if empty."""
    with contextlib.suppress(OSError):
        now = os.stat(t.name, dir_fd=parent_fd, follow_symlinks=False)
        held = os.fstat(out_fd)
        if (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
            os.rmdir(t.name, dir_fd=parent_fd)
