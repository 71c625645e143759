"""`lawbase site OUTDIR`: the corpus as a static website that works from file:// with no server.

Every page is built from the same JSON the commands print (queries, gaps, compare), so the site
and the CLI cannot disagree. Every string from data goes through `esc` (html.escape, quotes
included) on its way into a page; URLs are built from ids by `slug`, never taken from data.
Pages are flat (one folder) so relative links need no prefixes.

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
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from . import compare as comparemod
from . import gaps as gapmod
from . import matrix, queries
from .errors import LawbaseError, visible_json
from .kb import KnowledgeBase
from .refs import fold
from .render import svg
from .render.text import age_text, fine_text, range_text, recommendation_text

if TYPE_CHECKING:
    from . import shapes

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


STYLE = """
:root { --fg: #1b1b1b; --muted: #5d5d5d; --line: #d0d0d0; --accent: #0b57a4; }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--fg); margin: 0; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0.5rem 1rem; }
header { border-bottom: 1px solid var(--line); }
header nav a { margin-right: 1rem; }
a { color: var(--accent); }
a:focus, input:focus, summary:focus { outline: 3px solid #f0a800; outline-offset: 2px; }
.muted, .until { color: var(--muted); }
.not-in-force { text-decoration: line-through; }
.badge { font-size: 0.8rem; border: 1px solid var(--line); border-radius: 0.3rem; padding: 0 0.3rem; }
.gap { color: #9b1c1c; } .partial { color: #8a5a00; } .met { color: #1d6b2c; }
table { border-collapse: collapse; } td, th { border: 1px solid var(--line); padding: 0.2rem 0.4rem; text-align: left; }
.timeline ol { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.timeline li a { display: block; border: 1px solid var(--line); border-radius: 0.3rem; padding: 0.2rem 0.5rem; }
.version { border-left: 4px solid var(--line); padding-left: 1rem; margin: 1rem 0; }
.version.shown { border-color: var(--accent); }
.versions:has(.version:target) .version.shown:not(:target) { border-color: var(--line); }
.version:target { border-color: var(--accent); }
@media screen {
  .versions .version { display: none; }
  .versions .version.shown, .versions .version:target { display: block; }
  .versions:has(.version:target) .version.shown:not(:target) { display: none; }
}
svg { max-width: 100%; height: auto; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 0.5rem; background: #fff; }
"""

SEARCH_JS = """
(function () {
  "use strict";
  function fold(s) {
    return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  }
  var STOP = { "art": 1, "art.": 1, "article": 1, "articulo": 1, "arts.": 1 };
  function find(query) {
    var words = fold(query).split(/[\\s,;]+/).filter(function (w) { return w && !STOP[w]; });
    if (!words.length) return [];
    var compact = words.join("");
    var hits = [];
    window.LAWBASE_INDEX.forEach(function (entry, i) {
      if (!words.every(function (w) { return entry.k.indexOf(w) !== -1; })) return;
      // the article itself first, then articles whose label holds the words, then the rest
      var label = fold(entry.l);
      var rank = entry.n === compact ? 0 : words.every(function (w) { return label.indexOf(w) !== -1; }) ? 1 : 2;
      hits.push({ entry: entry, rank: rank, i: i });
    });
    hits.sort(function (a, b) { return a.rank - b.rank || a.i - b.i; });
    return hits.map(function (h) { return h.entry; });
  }
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
      li.appendChild(document.createTextNode(" \\u2014 " + entry.t));
      list.appendChild(li);
    });
    status.textContent = query.trim() ? hits.length + " result" + (hits.length === 1 ? "" : "s") : "";
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


_NAV = (
    '<nav aria-label="Site">\n'
    '<a href="index.html">Index</a><a href="requirements.html">Requirements</a><a href="gaps.html">Gaps</a>'
    '<a href="compare.html">Comparisons</a><a href="search.html">Search</a>\n'
    "</nav>\n"
    '<form role="search" action="search.html" method="get">\n'
    '<label for="site-q">Search</label> <input id="site-q" name="q" type="search">\n'
    '<button type="submit">Go</button>\n'
    "</form>"
)
# the top level of a comparison site: its States and the matrix
_STATES_NAV = '<nav aria-label="Site">\n<a href="index.html">States</a><a href="matrix.html">Requirements × States</a>\n</nav>'


def _page(title: str, body: str, as_of: dt.date, nav: str = _NAV) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} · lawbase</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
{nav}
</header>
<main id="main">
<h1>{esc(title)}</h1>
{body}
</main>
<footer><p class="muted">The law as it stood on {esc(as_of.isoformat())}, built by lawbase from its
sourced corpus. Not legal advice: check the sources each page cites.</p></footer>
</body>
</html>
"""


def _link(
    kb: KnowledgeBase, target: str, label: str | None = None, in_force: bool | None = True, fragment: str = ""
) -> str:
    """A link to the page of a provision or requirement, marked when not in force."""
    if target in kb.requirements:
        href = requirement_page(target)
    else:
        pid = kb.provision_of(target)
        if pid not in kb.provisions:
            return esc(label or target)
        href = provision_page(pid) + (f"#{fragment}" if fragment else "")
    text = esc(label or kb.label(target))
    if in_force is False:
        return f'<a class="not-in-force" href="{href}">{text}</a> <span class="badge">not in force</span>'
    return f'<a href="{href}">{text}</a>'


def _bilingual(t: shapes.Text | None) -> str:
    if not t:
        return ""
    es, en = t["es"], t["en"]
    if es and en and es != en:
        return f'<span lang="es">{esc(es)}</span> <span class="muted">({esc(en)})</span>'
    return esc(es or en)


def _sources(items: list[shapes.Citation]) -> str:
    if not items:
        return ""
    rows = []
    for c in items:
        status = "verified" if c["verified"] else "unverified"
        extra = "".join(f" — {esc(text)}" for text in (c["reason"], c["note"]) if text)
        title = esc(c["title"] or c["source"])
        if c["url"]:
            title = f'<a href="{esc(c["url"])}" rel="external">{title}</a>'
        rows.append(f'<li>{title}, {esc(c["pinpoint"])} <span class="badge">{status}</span>{extra}</li>')
    return "<ul class='sources'>" + "".join(rows) + "</ul>"


def _penalty(p: shapes.Penalty) -> str:
    parts = [f'<span lang="es">{esc(p["text"])}</span>']
    rng = range_text(p)
    if rng:
        parts.append(f"({esc(rng)})")
    if fine_text(p):
        parts.append(esc(fine_text(p)))
    if p["class"]:
        parts.append(f'<span class="badge">{esc(p["class"])}</span>')
    return " ".join(parts)


def _range(r: shapes.Range) -> str:
    """A penalty as compare gives it, with its range ready-made."""
    return f'<span lang="es">{esc(r["text"])}</span> ({esc(r["range"])})'


def _offences(kb: KnowledgeBase, items: list[shapes.OffenceWithAccessories]) -> str:
    if not items:
        return ""
    out = ["<h4>Offences</h4><dl>"]
    for o in items:
        conduct = ", ".join(esc(kb.vocabulary.conduct.get(c, c)) for c in o["conduct"])
        out.append(f"<dt>{_bilingual(o['name'])}</dt>")
        out.append(f"<dd>Victim age: {esc(age_text(o['victim_age']))}")
        if conduct:
            out.append(f"<br>Conduct: {conduct}")
        if o["conditions"]:
            out.append("<br>Conditions: " + ", ".join(esc(c) for c in o["conditions"]))
        out.append(f"<br>Penalty: {_penalty(o['penalty'])}")
        for a in o["aggravated"]:
            when = [kb.vocabulary.conditions.get(c, c) for c in a["conditions"]]
            if a["victim_age"]:
                when.append(f"victim {age_text(a['victim_age'])}")
            out.append(
                f"<br>Aggravated ({esc('; '.join(when) or a['part'] or '')}): {_penalty(a['penalty'])}"
            )
        for acc in o["accessory"]:
            out.append(
                f"<br>Accessory penalty ({_link(kb, acc['provision'], acc['label'])}): {esc(acc['summary'])}"
            )
        if o["summary"]:
            out.append(f"<br>{esc(o['summary'])}")
        out.append("</dd>")
    out.append("</dl>")
    return "".join(out)


def _discrepancies(items: list[shapes.Discrepancy]) -> str:
    if not items:
        return ""
    out = ["<h4>Where the sources disagree</h4><ul>"]
    for d in items:
        cite = d["citation"]
        where = esc(f"{cite['title'] or cite['source']}, {cite['pinpoint']}")
        out.append(
            f"<li><strong>{where}</strong> says: {esc(d['says'])}.<br>The statute: {esc(d['statute'])}."
            f"<br>Authoritative: {esc(d['authoritative'])}. {esc(d['why'])}</li>"
        )
    out.append("</ul>")
    return "".join(out)


def _ref(kb: KnowledgeBase, target: str, label: str | None, when: dt.date) -> str:
    """A reference from a version: to the target's text in force on `when` when it had one
    (so an old version's citation opens the text it cited), marked when it had none."""
    pid = kb.provision_of(target)
    if pid not in kb.provisions:
        return _link(kb, target, label)
    pit = kb.at(pid, when)
    if pit.state == "in-force" and pit.version is not None:
        return _link(kb, target, label, True, f"v-{pit.version.start.isoformat()}")
    return _link(kb, target, label, False)


def _version_block(
    kb: KnowledgeBase, j: shapes.ProvisionShow, v: shapes.VersionWindow, shown: bool, last_day: dt.date
) -> str:
    """One version `v` (`j` is the provision on its first day); its references are marked when
    their target was no longer in force on the version's last day (or the site's date), which
    is how a dead reference shows."""
    vid = f"v-{v['from']}"
    until = f" until {esc(v['until'])}" if v["until"] else " (no later version recorded)"
    cls = "version shown" if shown else "version"
    refs = "".join(
        f"<li>{_ref(kb, r['id'], r['label'], last_day)}{' — ' + esc(r['why']) if r['why'] else ''}</li>"
        for r in j["refers_to"]
    )
    juris = "".join(
        f"<li>{esc(e['part'] or '')} ({esc(', '.join(kb.vocabulary.nexus.get(n, n) for n in e['nexus']))}): "
        + (
            ", ".join(_ref(kb, o["id"], o["label"], last_day) for o in e["offences"])
            if e["offences"]
            else esc(e["scope"])
        )
        + (f". {esc(e['restriction'])}" if e["restriction"] else "")
        + "</li>"
        for e in j["extends_jurisdiction"]
    )
    parts = [
        f'<section class="{cls}" id="{esc(vid)}" aria-labelledby="{esc(vid)}-h">',
        f'<h3 id="{esc(vid)}-h">Version from {esc(v["from"])}{until}</h3>',
        f"<p>Enacted by {esc(v['by_title'] or v['by'])}. Status: {esc(v['status'])}.</p>",
        f"<p>{esc(j['summary'])}</p>" if j["summary"] else "",
        _offences(kb, j["offences"]),
        f"<h4>Refers to</h4><ul>{refs}</ul>" if refs else "",
        f"<h4>Jurisdiction over offences abroad</h4><ul>{juris}</ul>" if juris else "",
        _discrepancies(j["discrepancies"]),
        "<h4>Sources</h4>" + _sources(j["sources"]) if j["sources"] else "",
        f"<p class='muted'>{esc(j['note'])}</p>" if j["note"] else "",
        "</section>",
    ]
    return "\n".join(p for p in parts if p)


def _neighbourhood_svg(kb: KnowledgeBase, j: shapes.ProvisionShow) -> str:
    centre = j["id"]
    nodes = {centre: svg.Node(centre, j["label"], "provision", None)}
    edges = []
    for r in j["refers_to"]:
        pid = kb.provision_of(r["id"]) if r["id"] not in kb.requirements else r["id"]
        nodes.setdefault(pid, svg.Node(pid, r["label"], "provision", provision_page(pid), not r["in_force"]))
        edges.append(svg.Edge(centre, pid, "refers to"))
    for q in j["referred_by"]:
        nodes.setdefault(q["id"], svg.Node(q["id"], q["label"], "provision", provision_page(q["id"])))
        edges.append(svg.Edge(q["id"], centre, "refers to"))
    for rid in [r["id"] for r in j["requirements"]] + [m["id"] for m in j["implements"]]:
        if rid in kb.requirements:
            nodes.setdefault(rid, svg.Node(rid, kb.label(rid), "requirement", requirement_page(rid)))
            edges.append(svg.Edge(centre, rid, "meets"))
    return svg.render(centre, list(nodes.values()), edges, f"{j['label']}: its neighbourhood")


def _provision(
    kb: KnowledgeBase, now: shapes.ProvisionShow, as_of: dt.date, met: dict[str, list[str]]
) -> str:
    """The body of a provision's page; `now` is its JSON on the site's date."""
    pid = now["id"]
    p = kb.provisions[pid]
    versions = now["versions"]
    shown_from = now["version"]["from"] if now["version"] else None
    if shown_from is None and versions:
        shown_from = versions[-1]["from"]
    blocks = []
    nav = []
    for v in versions:
        when = dt.date.fromisoformat(v["from"])
        j = queries.provision(kb, kb.at(p, when), with_versions=False)  # the list is `versions`
        end = dt.date.fromisoformat(v["until"]) if v["until"] else as_of
        blocks.append(_version_block(kb, j, v, v["from"] == shown_from, min(end, as_of)))
        mark = f" (on {as_of.isoformat()})" if v["current"] else ""
        current = ' aria-current="true"' if v["current"] else ""
        nav.append(
            f'<li><a{current} href="#v-{esc(v["from"])}">{esc(v["from"])} · {esc(v["by_title"])}{mark}</a></li>'
        )
    state = esc(now["state"])
    body = [
        f"<p>{_bilingual(now['title'])}</p>",
        f"<p>{_bilingual(now['instrument_title'])}"
        + (f" — {_bilingual(now['section'])}" if now["section"] else "")
        + "</p>",
        f'<p>On {esc(as_of.isoformat())}: <strong class="badge">{state}</strong></p>',
    ]
    if now["recorded_from"]:
        body.append(
            f"<p class='muted'>The corpus records this provision from {esc(now['recorded_from'])}.</p>"
        )
    if now["before"]:
        body.append(f"<p class='muted'>Before its first recorded version: {esc(now['before'])}</p>")
    if versions:
        body.append(
            '<nav class="timeline" aria-label="Versions"><h2>Timeline</h2><ol>' + "".join(nav) + "</ol></nav>"
        )
        body.append('<div class="versions">' + "\n".join(blocks) + "</div>")
    referrers = "".join(f"<li>{_link(kb, r['id'], r['label'])}</li>" for r in now["referred_by"])
    if referrers:
        body.append(f"<h2>Referred to by</h2><ul>{referrers}</ul>")
    reqs = met.get(pid, [])
    if reqs:
        body.append(
            "<h2>Treaty requirements it helps meet</h2><ul>"
            + "".join(f"<li>{_link(kb, r)}</li>" for r in reqs)
            + "</ul>"
        )
    if now["instrument_status"]:
        body.append(_status(now["instrument_status"]))
    body.append("<h2>Neighbourhood</h2>" + _neighbourhood_svg(kb, now))
    return "\n".join(body)


def _status(st: shapes.InstrumentStatus) -> str:
    events = "".join(
        f"<li>{esc(e['date'])}: {esc(e['event'])} — {esc(e['summary'])}</li>" for e in st["events"]
    )
    return (
        f"<h2>Standing for {esc(st.get('jurisdiction_label'))}</h2>"  # none for a State's own law
        f"<p>{esc(st['status'])}{' since ' + esc(st['since']) if st['since'] else ''}</p><ul>{events}</ul>"
    )


def _requirement(
    kb: KnowledgeBase, rid: str, as_of: dt.date, row: shapes.CoverageRow | None, on_gaps_page: set[str]
) -> tuple[str, str]:
    j = queries.requirement(kb, rid, as_of)
    body = [
        f"<p>{_bilingual(j['title'])}</p>" if j["title"] else "",
        f"<p>{esc(j['summary'])}</p>",
        f"<p>Kind: {esc(j['requirement_kind'])}{' (mandatory)' if j['mandatory'] else ''}. "
        f"Victims: {esc(age_text(j['victim_age']))}.</p>",
    ]
    if j["article"] and j["article"] in kb.provisions:
        body.append(f"<p>Part of {_link(kb, j['article'])}.</p>")
    if row is not None:
        status = esc(row["status"])
        body.append(f'<h2>On {esc(as_of.isoformat())}: <span class="{status}">{status}</span></h2>')
        cells = row["cells"]
        if cells:
            body.append(
                "<h3>Provisions that meet it</h3><ul>"
                + "".join(f"<li>{_link(kb, pid)} — {esc(how)}</li>" for pid, how in cells.items())
                + "</ul>"
            )
        if row["assessments"]:
            body.append(
                "<h3>Assessments</h3><ul>"
                + "".join(
                    f"<li>{_finding_link(a, on_gaps_page)} "
                    f'<span class="{esc(a["status"])}">{esc(a["status"])}</span></li>'
                    for a in row["assessments"]
                )
                + "</ul>"
            )
    implemented = "".join(f"<li>{_link(kb, r['id'], r['label'])}</li>" for r in j["implemented_by"])
    if implemented:
        body.append(f"<h3>Implemented by</h3><ul>{implemented}</ul>")
    body.append(_status(j["instrument_status"]))
    body.append("<h2>Sources</h2>" + _sources(j["sources"]))
    return j["label"], "\n".join(b for b in body if b)


def _finding_link(a: shapes.CoverageAssessment | shapes.Transition, on_gaps_page: set[str]) -> str:
    """A link to the finding on the gap list; assessments merged into another finding there
    (or assessed only against one instrument) are named without a link."""
    if a["id"] in on_gaps_page:
        return f'<a href="gaps.html#{esc(slug(a["id"]))}">{esc(a["title"])}</a>'
    return esc(a["title"])


def _gaps(kb: KnowledgeBase, report: shapes.GapsAnswer) -> str:
    out = [f"<p>Assessed against {esc(', '.join(report['against'] or []) or 'every instrument')}.</p>"]
    for f in report["findings"]:
        status = esc(f["status"])
        req = f["requirement"]
        out.append(
            f'<section id="{esc(slug(f["id"]))}"><h2><span class="{status}">{status}</span>: {esc(f["title"])}</h2>'
        )
        if req:
            also = ", ".join(_link(kb, r["id"], r["label"]) for r in f["also_required_by"])
            out.append(
                f"<p>Required by {_link(kb, req['id'], req['label'])}{'; also ' + also if also else ''}.</p>"
            )
        ev = []
        for e in f["evidence"]:
            shows = e["shows"]
            label = e["label"] or ""
            if e["provision"] and label and shows.startswith(label):
                # the finding already names it: link the name rather than repeat it
                ev.append(f"<li>{_link(kb, e['provision'], label)}{esc(shows[len(label) :])}</li>")
            elif e["provision"]:
                ev.append(f"<li>{_link(kb, e['provision'], label or None)}: {esc(shows)}</li>")
            else:
                ev.append(f"<li>{esc(shows)}</li>")
        if ev:
            out.append("<h3>Evidence</h3><ul>" + "".join(ev) + "</ul>")
        if f["recommendation"]:
            out.append(f"<p>Recommendation: {esc(f['recommendation'])}</p>")
        recs = f["recommendations"]
        if recs:
            out.append(
                "<h3>Recommendations made</h3><ul>"
                + "".join(f"<li>{esc(r['review'])}: {esc(recommendation_text(r))}</li>" for r in recs)
                + "</ul>"
            )
        if f["sources"]:
            out.append("<h3>Sources</h3>" + _sources(f["sources"]))
        out.append("</section>")
    if not report["assessable"]:
        out.append(
            f"<p><strong>The corpus records none of the national law as it stood on {esc(report['as_of'])}: "
            "it cannot assess the requirements on this date.</strong></p>"
        )
    unknown = report["not_assessed"]
    if unknown:
        out.append(
            f"<section id='not-assessed'><h2>Not assessable on {esc(report['as_of'])}</h2>"
            "<p>The corpus does not record the law that bore on these requirements on this date.</p><ul>"
        )
        for f in unknown:
            missing = ", ".join(
                f"{_link(kb, m['provision'], m['label'])} (recorded from {esc(m['recorded_from'])})"
                for m in f["details"].get("not_recorded", [])
            )
            out.append(f"<li>{esc(f['title'])}" + (f": not recorded: {missing}" if missing else "") + "</li>")
        out.append("</ul></section>")
    return "\n".join(out)


def _laws(laws: list[shapes.Law]) -> str:
    return (" — " + ", ".join(esc(f"{law['label']} ({law['date']})") for law in laws)) if laws else ""


def _compare(kb: KnowledgeBase, c: shapes.CompareAnswer, on_gaps_page: set[str]) -> str:
    out = []
    prov = c["provisions"]
    for key, changed in (
        ("added", prov["added"]),
        ("amended", prov["amended"]),
        ("repealed", prov["repealed"]),
    ):
        if changed:
            out.append(
                f"<h2>{esc(f'Provisions {key}')}</h2><ul>"
                + "".join(f"<li>{_link(kb, i['id'], i['label'])}{_laws(i['laws'])}</li>" for i in changed)
                + "</ul>"
            )
    if prov["first_recorded"]:
        out.append(
            f"<h2>{esc('Provisions recorded from a date in the period (older texts; not changes)')}</h2><ul>"
            + "".join(f"<li>{_link(kb, i['id'], i['label'])}</li>" for i in prov["first_recorded"])
            + "</ul>"
        )
    rows = [
        f"<tr><td>{_link(kb, p['offence'], p['label'])}</td><td>{_range(p['before'])}</td>"
        f"<td>{_range(p['after'])}</td><td>{', '.join(esc(law['label']) for law in p['laws'])}</td></tr>"
        for p in c["penalties_changed"]
    ]
    ages = [
        f"<tr><td>{_link(kb, a['offence'], a['label'])}</td><td>{esc(a['before']) if a['before'] else '—'}</td>"
        f"<td>{esc(a['after']) if a['after'] else '—'}</td><td>{', '.join(esc(law['label']) for law in a['laws'])}</td></tr>"
        for a in c["age_thresholds_changed"]
    ]
    for title, table in (("Penalties changed", rows), ("Age thresholds changed", ages)):
        if table:
            out.append(
                f"<h2>{title}</h2><table><thead><tr><th>Offence</th><th>Before</th><th>After</th><th>By</th></tr>"
                "</thead><tbody>" + "".join(table) + "</tbody></table>"
            )
    gaps = c["gaps"]
    for key, items in (("opened", gaps["opened"]), ("closed", gaps["closed"]), ("changed", gaps["changed"])):
        if items:
            out.append(
                f"<h2>Gaps {esc(key)}</h2><ul>"
                + "".join(
                    f"<li>{_finding_link(g, on_gaps_page)} ({esc(g['before'])} → {esc(g['after'])})</li>"
                    for g in items
                )
                + "</ul>"
            )
    between = c["laws"]
    if between:
        out.append(
            "<h2>Laws in between</h2><ul>"
            + "".join(
                f"<li>{esc(law['label'])} ({esc(law['date'])}): {esc(', '.join(law['provisions']))}</li>"
                for law in between
            )
            + "</ul>"
        )
    return "\n".join(out) or "<p>Nothing changed.</p>"


def _search_entry(kb: KnowledgeBase, j: shapes.ProvisionShow, url: str) -> shapes.SiteIndexEntry:
    words = [j["label"], j["number"], j["id"]]
    for t in (j["title"], j["instrument_title"]):
        if t:
            words += [t["es"] or "", t["en"]]
    for o in j["offences"]:
        words += [o["name"]["es"] or "", o["name"]["en"]]
        for c in o["conduct"]:
            words += [c, kb.vocabulary.conduct.get(c, "")]
    if j["summary"]:
        words.append(j["summary"])
    number = j["number"].replace(" ", "")
    words.append(number)
    title = j["title"]
    return {
        "u": url,
        "l": j["label"],
        "n": fold(number),
        "t": title["en"] or title["es"] or j["summary"] or "",
        "k": fold(" ".join(words)),
    }


Progress = Callable[[int, int], None]


def build(
    kb: KnowledgeBase, outdir: Path, as_of: dt.date, progress: Progress | None = None
) -> shapes.SiteResult:
    """Write the site into `outdir` (see the module docstring for what is replaced and what kept)
    and say what was written; `progress(done, total)` is told as each provision's page is made
    (the bulk of a large site's time). The site is one State's: `kb` as lawbase.scope views
    it (the corpus's default State, unless `kb` is already a view of another)."""
    from .scope import scoped

    kb = scoped(kb)
    check_outdir(outdir)
    pages: dict[str, str] = {}
    index: list[shapes.SiteIndexEntry] = []
    coverage_rows, met = _coverage(kb, as_of)
    listed, by_instrument, by_theme, by_conduct = _provision_pages(kb, as_of, met, pages, index, progress)
    report = gapmod.gaps(kb, as_of)
    on_gaps_page = {f["id"] for f in report["findings"]}
    pages["gaps.html"] = _page("Gaps", _gaps(kb, report), as_of)
    _requirement_pages(kb, as_of, coverage_rows, on_gaps_page, pages, index)
    _comparison_pages(kb, as_of, on_gaps_page, pages)
    pages["index.html"] = _page(
        "lawbase", _index(kb, listed, as_of, by_instrument, by_theme, by_conduct), as_of
    )
    pages["search.html"] = _page(
        "Search",
        '<form role="search" onsubmit="return false"><label for="q">Number or title, in English or Spanish</label> '
        '<input id="q" name="q" type="search" autofocus></form>'
        '<p id="status" role="status" aria-live="polite"></p><ol id="results"></ol>'
        "<p id='needs-js'>Search needs JavaScript; the <a href='index.html'>index</a> lists every page.</p>"
        '<script src="search-index.js"></script><script src="search.js"></script>',
        as_of,
    )
    assets = {
        "style.css": STYLE,
        "search.js": SEARCH_JS,
        # a script, not JSON fetched at view time: fetch() is refused on file://
        "search-index.js": "window.LAWBASE_INDEX = "
        + visible_json(json.dumps(index, ensure_ascii=False, allow_nan=False)).replace("</", "<\\/")
        + ";\n",
    }
    written = publish(outdir, {**pages, **assets}, as_of)
    return {"outdir": written, "as_of": as_of.isoformat(), "pages": len(pages)}


def build_many(
    kb: KnowledgeBase, outdir: Path, as_of: dt.date, states: list[str], progress: Progress | None = None
) -> shapes.SiteResult:
    """Several States' sites side by side: OUTDIR holds an index of the States and the matrix
    page (requirements × States, each cell's findings linked to the provision pages they rest
    on), and each State's own site in a folder named by its id (OUTDIR/cl, OUTDIR/ar), built as
    `build` builds one. The top level is written first, so that each State's folder is one
    OUTDIR's manifest leaves alone."""
    from .scope import scoped

    check_outdir(outdir)
    views = [scoped(kb, j) for j in states]
    if outdir.is_dir():  # a State's folder another build or person made is refused before any write
        for j in states:
            check_outdir(outdir / slug(j))
    m = matrix.countries(kb, matrix.compared_instruments(kb, states), states, as_of)
    top = {
        "index.html": _page("lawbase", _states_index(m), as_of, _STATES_NAV),
        "matrix.html": _page(
            "Requirements × States",
            _matrix(m, {j: set(v.provisions) for j, v in zip(states, views, strict=True)}),
            as_of,
            _STATES_NAV,
        ),
        "style.css": STYLE,
    }
    written = publish(outdir, top, as_of)
    pages = len(top) - 1
    for view, j in zip(views, states, strict=True):
        pages += build(view, outdir / slug(j), as_of, progress)["pages"]
    return {"outdir": written, "as_of": as_of.isoformat(), "pages": pages}


def _states_index(m: shapes.MatrixAnswer) -> str:
    out = [
        f"<p>The law of each State as it stood on {esc(m['as_of'])}, and "
        '<a href="matrix.html">its requirements side by side</a>.</p><ul>'
    ]
    for s in m["jurisdictions"]:
        sid = slug(s["id"])
        out.append(
            f'<li><a href="{sid}/index.html">{esc(s["label"])}</a>: <a href="{sid}/gaps.html">gap list</a> · '
            f'<a href="{sid}/requirements.html">requirements</a></li>'
        )
    return "".join(out) + "</ul>"


_CELL_WORDS = {
    "gap": "Gap",
    "partial": "Partly met",
    "met": "Met",
    "not-recorded": "Not recorded",
    "not-assessed": "Not assessed",
}


def _matrix(m: shapes.MatrixAnswer, pages: dict[str, set[str]]) -> str:
    """The comparison table: a row per requirement, a column per State; a cell's word links to
    its notes below, which give each finding and the provision versions and sources it rests on,
    each provision linked to its page in that State's site."""
    states = m["jurisdictions"]
    out = [
        "<p>A cell gives the worst status of the findings about that requirement on the date; "
        "its note gives the findings and the provision versions they rest on.</p>"
    ]
    notes: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    for t in m["instruments"]:
        out.append(f"<h2>{esc(t['label'])}: {esc(t['title'])}</h2>")
        standing = " · ".join(f"{esc(s['label'])}: {_standing(t['statuses'][s['id']])}" for s in states)
        out.append(f'<p class="muted">{standing}</p>')
        out.append("<table><thead><tr><th scope='col'>Requirement</th>")
        out += [f"<th scope='col'>{esc(s['label'])}</th>" for s in states]
        out.append("</tr></thead><tbody>")
        for r in t["requirements"]:
            req = f'<a href="{slug(states[0]["id"])}/{requirement_page(r["id"])}">{esc(r["label"])}</a>'
            row = [f"<tr><th scope='row'>{req}</th>"]
            for s in states:
                cell = r["cells"][s["id"]]
                marks = []
                for f in cell["findings"]:
                    key = (s["id"], f["id"])
                    if key not in seen:
                        seen[key] = f"n{len(seen) + 1}"
                        notes.append(_matrix_note(seen[key], s, f, pages[s["id"]]))
                    marks.append(f'<a href="#{seen[key]}">{seen[key][1:]}</a>')
                sup = f" <sup>{', '.join(marks)}</sup>" if marks else ""
                row.append(f'<td class="{esc(cell["status"])}">{esc(_CELL_WORDS[cell["status"]])}{sup}</td>')
            out.append("".join(row) + "</tr>")
        out.append("</tbody></table>")
    out.append("<h2>Notes</h2><ol class='notes'>" + "".join(notes) + "</ol>")
    return "\n".join(out)


def _standing(st: shapes.InstrumentStatus) -> str:
    """A State's standing in one line: 'in force since 2003-03-06', 'signed, not binding'."""
    if st["status"] == "benchmark":
        return "a benchmark, not binding"
    since = f" since {esc(st['since'])}" if st["since"] else ""
    binding = {True: "", False: ", not binding", None: ", entry into force not recorded"}[st["in_force"]]
    word = {"none": "no step recorded"}.get(st["status"], st["status"])
    return f"{esc(word)}{since}{binding}"


def _matrix_note(anchor: str, state: shapes.Jurisdiction, f: shapes.MatrixFinding, pages: set[str]) -> str:
    parts = [
        f'<li id="{anchor}"><p><strong>{esc(state["label"])}</strong>, {esc(_CELL_WORDS[f["status"]].lower())}: {esc(f["title"])}</p>'
    ]
    if f["evidence"]:
        parts.append("<ul>")
        for e in f["evidence"]:
            where = ""
            if e["provision"] and e["label"]:
                since = f" (version in force from {esc(e['version']['from'])})" if e["version"] else ""
                name = esc(e["label"])
                if e["provision"] in pages:  # a treaty cited as evidence has no page of its own
                    name = f'<a href="{slug(state["id"])}/{provision_page(e["provision"])}">{name}</a>'
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
    index: list[shapes.SiteIndexEntry],
    progress: Progress | None = None,
) -> _Groups:
    """A page per provision; what the index lists: each title and whether in force, and the
    provisions by instrument, theme and conduct."""
    by_instrument: dict[str, list[str]] = {}
    by_theme: dict[str, list[str]] = {}
    by_conduct: dict[str, list[str]] = {}
    listed: dict[str, tuple[str, bool]] = {}  # title and whether in force, for the index
    total = len(kb.provisions)
    for done, (pid, p) in enumerate(kb.provisions.items(), 1):
        if progress is not None:
            progress(done, total)
        now = queries.provision(kb, kb.at(pid, as_of))
        pages[provision_page(pid)] = _page(now["label"], _provision(kb, now, as_of, met), as_of)
        title_text = now["title"]
        listed[pid] = (title_text["en"] or title_text["es"] or "", now["state"] == "in-force")
        index.append(_search_entry(kb, now, provision_page(pid)))
        by_instrument.setdefault(p.instrument, []).append(pid)
        for t in p.themes:
            by_theme.setdefault(t, []).append(pid)
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
    index: list[shapes.SiteIndexEntry],
) -> None:
    """A page per requirement, and the list of them with their status."""
    req_list = []
    for rid in kb.requirements:
        title, body = _requirement(kb, rid, as_of, coverage_rows.get(rid), on_gaps_page)
        pages[requirement_page(rid)] = _page(title, body, as_of)
        found = coverage_rows.get(rid)
        status = found["status"] if found else ""
        req_list.append(f'<li>{_link(kb, rid)} <span class="{esc(status)}">{esc(status)}</span></li>')
        r = kb.requirements[rid]
        index.append(
            {
                "u": requirement_page(rid),
                "l": kb.label(rid),
                "n": "",
                "t": r.summary,
                "k": fold(f"{kb.label(rid)} {rid} {r.summary} {' '.join(r.conduct)}"),
            }
        )
    pages["requirements.html"] = _page("Requirements", "<ul>" + "".join(req_list) + "</ul>", as_of)


def _comparison_pages(
    kb: KnowledgeBase, as_of: dt.date, on_gaps_page: set[str], pages: dict[str, str]
) -> None:
    """The law compared between each two of the corpus's milestones (corpus.yaml) and the site's date."""
    dates = [d for d in kb.settings.milestones if d < as_of] + [as_of]
    comparisons = []
    for start, end in itertools.combinations(dates, 2):  # 2001 → 2018, 2001 → today, 2018 → today
        name = f"compare-{start.isoformat()}-{end.isoformat()}.html"
        title = f"From {start.isoformat()} to {end.isoformat()}"
        pages[name] = _page(title, _compare(kb, comparemod.compare(kb, start, end), on_gaps_page), as_of)
        comparisons.append(f'<li><a href="{name}">{esc(title)}</a></li>')
    pages["compare.html"] = _page("Comparisons", "<ul>" + "".join(comparisons) + "</ul>", as_of)


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
        f"<p>The law as it stood on {esc(as_of.isoformat())}. Start from an instrument, a theme or a kind of conduct, "
        'or <a href="search.html">search</a> by number or title.</p>',
        '<p><a href="gaps.html">The gap list</a> · <a href="requirements.html">Treaty requirements</a> · '
        '<a href="compare.html">How the law changed</a></p>',
        "<h2>By instrument</h2>",
    ]
    for inst_id, pids in by_instrument.items():
        inst = kb.instruments.get(inst_id)
        name = inst.short if inst else inst_id
        out.append(f"<details open><summary>{esc(name)} ({len(pids)})</summary>{items(pids)}</details>")
    out.append("<h2>By theme</h2>")
    for theme, pids in sorted(by_theme.items()):
        out.append(
            f"<details><summary>{esc(kb.vocabulary.themes.get(theme, theme))}</summary>{items(pids)}</details>"
        )
    out.append("<h2>By conduct</h2>")
    for c, pids in sorted(by_conduct.items()):
        out.append(
            f"<details><summary>{esc(kb.vocabulary.conduct.get(c, c))}</summary>{items(pids)}</details>"
        )
    return "\n".join(out)


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
