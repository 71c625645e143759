"""The static site: built from the shipped corpus, escaped, and driven in real headless Chromium.

The browser tests need Playwright and Debian's Chromium (`.ci/run` installs both when missing);
without them they are skipped with the reason, and the HTML-level tests still run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("LAWBASE_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "tests" / "screenshots"  # kept out of git (.gitignore)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "www"
    r = run_cli("site", str(out), "--as-of", "2024-01-01")
    assert r.code == 0, r.err
    return out


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.external: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        for key in ("href", "src"):
            if a.get(key):
                link = str(a[key])
                if (
                    tag == "a"
                    and key == "href"
                    and a.get("rel") == "external"
                    and link.startswith("https://")
                ):
                    self.external.append(link)  # a citation's official address: followed only if clicked
                else:
                    self.links.append(link)


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_internal_link_resolves_and_nothing_is_fetched(site: Path) -> None:
    """A crawler: every href/src on every page of both languages names a file of the site (and
    an id on it)."""
    pages = {str(p.relative_to(site)): _parse(p) for p in site.rglob("*.html")}
    assert "index.html" in pages and "es/index.html" in pages and len(pages) > 300
    broken = []
    for name, parsed in pages.items():
        here = (site / name).parent
        for link in parsed.links:
            url = urlparse(link)
            assert url.scheme == "" and url.netloc == "", f"{name}: external {link}"
            target = (here / unquote(url.path)).resolve() if url.path else site / name
            rel = str(target.relative_to(site.resolve())) if url.path else name
            if not target.is_file():
                broken.append(f"{name} -> {link}")
            elif url.fragment and rel.endswith(".html") and url.fragment not in pages[rel].ids:
                broken.append(f"{name} -> {link} (no such id)")
    assert not broken, broken[:20]


def test_provision_page_has_timeline_penalty_and_references(site: Path) -> None:
    page = (site / "cl-cp--367-ter.html").read_text(encoding="utf-8")
    # a page per version: the timeline links the other versions' pages, the one shown is marked
    assert 'href="cl-cp--367-ter.2004-01-14.html"' in page
    assert (
        '<span class="here" aria-current="page"><span class="dates">from <span class="nw">2022-12-30' in page
    )
    assert "presidio menor en su grado máximo" in page
    assert "Ley 21.522" in page and "Ley 19.927" in page
    assert "<svg" in page  # the neighbourhood, drawn at build time
    q = (site / "cl-cp--366-quinquies.2011-08-13.html").read_text(encoding="utf-8")
    assert 'href="cl-cp--374-bis.2013-08-20.html"' in q  # the text in force when 2011's was


def test_a_superseded_version_says_so_and_lists_only_what_existed_then(site: Path) -> None:
    old = (site / "cl-cp--367-ter.2004-01-14.html").read_text(encoding="utf-8")
    text = _text(old)
    assert (
        "As at 2004-01-14: the text in force from 2004-01-14 until 2022-12-29 (Ley 19.927); "
        "superseded on 2022-12-30 by Ley 21.522." in text
    )
    assert "Status: in-force" not in text and "Status" not in text
    assert "obtaining sexual services from minors" in text.lower() or "Ley 19.927" in text
    # 367 sexies and octies came with Ley 21.522 (2022): not among the 2004 text's referrers
    referred = old.split("Referred to by", 1)[1] if "Referred to by" in old else ""
    assert "367 sexies" not in referred and "367 octies" not in referred
    now = (site / "cl-cp--367-ter.2022-12-30.html").read_text(encoding="utf-8")
    assert "In force on 2024-01-01: the text as it stands since 2022-12-30 (Ley 21.522)." in _text(now)


def test_every_versions_referrers_existed_while_it_was_in_force(site: Path) -> None:
    import lawbase
    from lawbase.scope import scoped

    kb = scoped(lawbase.load())
    wrong = []
    for page in site.glob("*.????-??-??.html"):
        html = page.read_text(encoding="utf-8")
        if "Referred to by, while this text was in force" not in html:
            continue
        stem, start = page.name[: -len(".html")].rsplit(".", 1)
        pid = next(p for p in kb.provisions.ids() if site_module().slug(p) == stem)
        v = next(v for v in kb.provisions[pid].versions if v.start.isoformat() == start)
        last = (v.end - dt.timedelta(days=1)) if v.end else dt.date(2024, 1, 1)
        section = html.split("Referred to by, while this text was in force", 1)[1].split("</ul>", 1)[0]
        for href in re.findall(r'href="([^"#.]+)\.html"', section):
            other = next(p for p in kb.provisions.ids() if site_module().slug(p) == href)
            days = {v.start, min(last, dt.date(2024, 1, 1))}
            if not any(q.id == other for d in days for q, _ in kb.referred_by(pid, d)):
                wrong.append(f"{page.name}: {other}")
    assert not wrong, wrong


def site_module():  # type: ignore[no-untyped-def]
    from lawbase import site as sitemod

    return sitemod


def _text(html: str) -> str:
    """The text a reader sees (tags dropped, entities decoded, whitespace collapsed)."""
    from html import unescape

    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    body = re.sub(r"</?(?:span|a|strong|em|sup)\b[^>]*>", "", body)  # inline: no space
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_dead_references_are_marked(site: Path) -> None:
    """COT art. 6 still cites 367 bis, repealed in 2011: the link says so."""
    page = (site / "cl-cot--6.2009-08-25.html").read_text(encoding="utf-8")
    assert re.search(r'class="not-in-force" href="cl-cp--367-bis.html"', page)
    # the reference names the offence it cites, never its key
    assert "minor-victim" not in _text(page)


def test_rebuild_replaces_and_refuses_foreign_folders(site: Path, tmp_path: Path) -> None:
    r = run_cli("site", str(site), "--as-of", "2024-01-01")
    assert r.code == 0, r.err
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious")
    r = run_cli("site", str(foreign))
    assert r.code == 2 and "not a lawbase site" in r.err and "Traceback" not in r.err
    assert (foreign / "thesis.docx").read_text() == "precious"


def test_hostile_strings_are_escaped_on_every_page(corpus: Path, tmp_path: Path) -> None:
    law = corpus / "instruments" / "cl-ley-19927.yaml"
    law.write_text(
        law.read_text(encoding="utf-8").replace(
            "short: Ley 19.927", 'short: "Ley 19.927 <script>alert(1)</script> \\" onmouseover=\\"x"'
        ),
        encoding="utf-8",
    )
    art = corpus / "articles" / "cl-cp" / "367-ter.yaml"
    art.write_text(
        art.read_text(encoding="utf-8").replace(
            "name: {es: obtención de servicios sexuales de menores,",
            'name: {es: "<img src=x onerror=alert(1)></script><script>alert(2)</script>",',
        ),
        encoding="utf-8",
    )
    out = tmp_path / "www"
    r = run_cli("site", str(out), "--data", str(corpus), env={"LAWBASE_CACHE_DIR": str(tmp_path / "c")})
    assert r.code == 0, r.err
    seen = 0
    for page in out.rglob("*.*"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, page.name
        assert '" onmouseover="' not in text, page.name
        seen += "&lt;script&gt;alert(1)" in text or "\\u003cscript" in text or "<\\/script>" in text
    assert seen  # the hostile text is there, escaped


# ------------------------------------------------------------------------------------------
# real headless Chromium


def _browser():  # type: ignore[no-untyped-def]
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed (.ci/run installs it)"
    )
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing (.ci/run installs Debian's chromium)")
    return sync_api


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    sync_api = _browser()
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(site: Path, browser):  # type: ignore[no-untyped-def]
    """A page that fails the test on any script error or failed request."""
    context = browser.new_context()
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("requestfailed", lambda r: errors.append(r.url))
    yield pg
    context.close()
    assert not errors, errors


def test_browser_index_from_file_url(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    assert page.title() == "Chile: the law on child sexual exploitation · lawbase"
    assert page.get_by_role("link", name="CP art. 367 ter").first.is_visible()


def test_browser_follows_a_cross_reference_and_reads_a_penalty(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    # 366 quinquies was repealed in 2022: its page opens on the repeal; the student goes back to
    # the 2011 text in the timeline and follows its reference
    page.goto((site / "cl-cp--366-quinquies.html").as_uri())
    assert "Repealed on" in page.locator(".banner").inner_text()
    page.locator(".timeline").get_by_role("link", name=re.compile(r"^2011-08-13")).click()
    page.locator("section.version").get_by_role("link", name="CP art. 374 bis").first.click()
    # it lands on the text of 374 bis in force when the 2011 version was last in force
    page.wait_for_url(re.compile(r"cl-cp--374-bis\.2013-08-20\.html$"))
    assert page.locator("h1").inner_text() == "CP art. 374 bis"
    shown = page.locator("section.version")
    assert shown.count() == 1
    assert "Ley 20.685" in shown.inner_text()
    assert re.search(r"Penalty: presidio menor en su grado \w+ .*\(\d+ (days|years)", shown.inner_text())
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "provision-374-bis.png"), full_page=True)
    assert (SHOTS / "provision-374-bis.png").stat().st_size > 10_000


def test_browser_search_finds_367_ter_by_client(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "search.html").as_uri())
    assert page.locator("#needs-js").count() == 0  # the no-script notice is gone
    page.locator("#q").press_sequentially("client")
    page.wait_for_function("document.querySelectorAll('#results li').length > 0")
    assert "CP art. 367 ter" in page.locator("#results").inner_text()
    # the header search of any page lands on the same results
    page.goto((site / "index.html").as_uri())
    page.locator("#site-q").fill("367 ter")
    page.locator("#site-q").press("Enter")
    page.wait_for_function("document.querySelectorAll('#results li').length > 0")
    assert page.locator("#results li a").first.inner_text() == "CP art. 367 ter"


def test_browser_switches_a_version_in_the_timeline(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    """A version is a page of its own: the title and the timeline stay in view (nothing
    jump-scrolls), the banner says 'as at' and 'superseded on', the current one is marked."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto((site / "cl-cp--367-ter.html").as_uri())
    assert "In force on 2024-01-01" in page.locator(".banner").inner_text()
    assert page.locator(".timeline li.current.selected").count() == 1
    page.locator(".timeline").get_by_role("link", name=re.compile(r"^2004-01-14")).click()
    page.wait_for_url(re.compile(r"cl-cp--367-ter\.2004-01-14\.html$"))
    assert page.evaluate("window.scrollY") == 0
    for selector in ("h1", ".timeline", ".banner"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 800, selector  # in the first screen
    banner = page.locator(".banner").inner_text()
    assert "As at 2004-01-14" in banner and "superseded on 2022-12-30 by Ley 21.522" in banner
    assert page.locator(".timeline li.selected").inner_text().startswith("2004-01-14 – 2022-12-29")
    assert "in force" in page.locator(".timeline li.current").inner_text().lower()
    assert "Ley 19.927" in page.locator("section.version").inner_text()


def test_browser_aggravated_conditions_are_read(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "cl-cp--411-bis.html").as_uri())
    text = page.locator("section.version").inner_text()
    assert "Aggravated (the victim is under 18):" in text
    assert "Aggravated ()" not in text and "victim_age" not in text


def test_browser_header_fits_a_phone(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 400, "height": 900})
    pg = context.new_page()
    for name in ("index.html", "cl-cp--367-ter.html", "es/cl-cp--367-ter.2004-01-14.html", "search.html"):
        pg.goto((site / name).as_uri())
        nav = pg.evaluate(
            "(() => { const n = document.querySelector('header nav');"
            " return [n.scrollWidth, n.clientWidth, document.documentElement.scrollWidth]; })()"
        )
        assert nav[0] <= nav[1] and nav[2] <= 400, (name, nav)
        assert pg.get_by_role("link", name=re.compile("^(Search|Buscar)$")).first.is_visible()
    context.close()


# the command line's search and the site's, on the same words (the site's index is the CLI's)
QUERIES = [
    "cliente", "client", "pornografía infantil", "pornografia infantil", "child pornography",
    "trata", "trata de personas", "trafficking", "grooming", "estupro", "retribución", "367 ter",
]  # fmt: skip


def test_browser_search_matches_the_command_line(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    import lawbase
    from lawbase import api

    kb = lawbase.load()
    page.goto((site / "search.html").as_uri())
    for q in QUERIES:
        cli = [r["label"] for r in api.search(kb, q, dt.date(2024, 1, 1))["results"]]
        found = page.evaluate("q => window.LAWBASE_FIND(q).map(e => [e.l, e.g])", q)
        labels = [label for label, _ in found]
        assert cli, q
        missing = [label for label in cli if label not in labels[: len(cli) + 5]]
        assert not missing, (q, missing, labels)
        # national provisions (group 0) before treaty articles, requirements and benchmarks
        groups = [g for _, g in found]
        assert groups == sorted(groups), (q, found)
    page.goto((site / "search.html").as_uri() + "?q=pornograf%C3%ADa%20infantil")
    page.wait_for_function("document.querySelectorAll('#results li').length > 0")
    assert page.locator("#results li a").first.inner_text().startswith("CP art.")


def test_browser_the_spanish_site(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "es" / "cl-cp--367-ter.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "es"
    assert "Vigente al 2024-01-01" in page.locator(".banner").inner_text()
    assert "3 años y 1 día a 5 años" in page.locator("section.version").inner_text()
    page.locator("#site-q").fill("trata de personas")
    page.locator("#site-q").press("Enter")
    page.wait_for_function("document.querySelectorAll('#results li').length > 0")
    assert page.locator("#results li a").first.inner_text() == "CP art. 367 bis"
    assert "resultados" in page.locator("#status").inner_text()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/www/search\.html$"))
    assert page.evaluate("document.documentElement.lang") == "en"


def test_browser_keyboard_reaches_links(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"


def test_browser_search_in_spanish_without_accents(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "search.html").as_uri() + "?q=retribucion")
    page.wait_for_function("document.querySelectorAll('#results li').length > 0")
    assert "CP art. 367 ter" in page.locator("#results").inner_text()


def test_browser_reads_without_javascript(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """Everything but search works with JavaScript off: the timeline is links between pages."""
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto((site / "cl-cp--367-ter.html").as_uri())
    pg.locator(".timeline").get_by_role("link", name=re.compile(r"^2004-01-14")).click()
    assert "As at 2004-01-14" in pg.locator(".banner").inner_text()
    pg.goto((site / "search.html").as_uri())
    assert pg.get_by_text("Search needs JavaScript").is_visible()
    context.close()


def test_screenshots_are_not_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "tests/screenshots/" in ignored


def test_graph_svg_and_html_for_slides(corpus: Path, tmp_path: Path) -> None:
    """`graph --format svg` is well-formed standalone SVG with data escaped; html wraps it."""
    import xml.etree.ElementTree as ET

    env = {"LAWBASE_CACHE_DIR": str(tmp_path / "c")}
    r = run_cli("graph", "367ter", "--depth", "2", "--format", "svg", "--data", str(corpus), env=env)
    assert r.code == 0, r.err
    root = ET.fromstring(r.out)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    labels = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"CP art. 367 ter", "CP art. 367 sexies", "CP"} <= labels
    r = run_cli("graph", "367ter", "--format", "html", "--data", str(corpus), env=env)
    assert r.code == 0 and r.out.startswith("<!doctype html>") and "<svg" in r.out
    assert "http" not in r.out.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    r = run_cli("graph", "--format", "svg", "--data", str(corpus), env=env)
    assert r.code == 2 and "name the article" in r.err


def test_svg_escapes_labels() -> None:
    from lawbase.render import svg

    out = svg.render(
        "a",
        [
            svg.Node("a", '<script>alert(1)</script>"', "provision", 'x.html"onclick="y'),
            svg.Node("b", "&b", "requirement"),
        ],
        [svg.Edge("a", "b", "<meets>")],
        "t<itle>",
    )
    assert "<script>" not in out and "&lt;script&gt;" in out and '"onclick="' not in out
    assert "<meets>" not in out and "t&lt;itle&gt;" in out


def test_aggravated_variants_name_their_conditions(site: Path) -> None:
    """Each aggravated penalty says when it applies (the query's `conditions`, `victim_age`)."""
    pages = {p.name: p.read_text(encoding="utf-8") for p in site.glob("*.html")}
    assert not [name for name, text in pages.items() if "Aggravated ()" in text]
    assert "Aggravated (the offender falsified identity or age)" in pages["cl-cp--366-quater.html"]


def test_site_tells_its_progress_page_by_page(tmp_path: Path) -> None:
    """`progress(done, total)` hears of every provision page in order, and a site built with it
    is the same site as one built without (the command line draws a bar with it on a terminal)."""
    import lawbase

    kb = lawbase.load()
    heard: list[tuple[int, int]] = []
    told = lawbase.api.site(
        kb, tmp_path / "a", dt.date(2024, 1, 1), progress=lambda d, t: heard.append((d, t))
    )
    plain = lawbase.api.site(kb, tmp_path / "b", dt.date(2024, 1, 1))
    total = heard[-1][1]
    assert heard == [(i, total) for i in range(1, total + 1)]
    assert told["pages"] == plain["pages"] > total > 0
    for page in (tmp_path / "a").rglob("*.html"):
        assert page.read_bytes() == (tmp_path / "b" / page.relative_to(tmp_path / "a")).read_bytes()


# ------------------------------------------------------------------------------------------
# what a reader is shown: labels, never codes; both languages


def _codes() -> set[str]:
    """Codes the site must turn into words: offence classes, states and standings, and the
    conditions that are about the victim."""
    import lawbase
    from lawbase.scope import scoped

    kb = scoped(lawbase.load())
    codes = {c for sc in kb.scales.values() for c in sc.classes if "-" in c}
    codes |= {c for c in kb.vocabulary.conditions if c.startswith("victim-")}
    return codes | {"in-force", "not-yet", "not-recorded", "not-party", "not-assessed"}


def test_no_vocabulary_code_reaches_a_page(site: Path) -> None:
    pattern = re.compile(r"(?<![\w/#.-])(" + "|".join(map(re.escape, sorted(_codes()))) + r")(?![\w-])")
    leaks = []
    for page in site.rglob("*.html"):
        if page.name == "gaps.html" or page.name.startswith("compare-"):
            continue  # the findings' own wording is the gap list's (lawbase.gaps)
        found = pattern.findall(_text(page.read_text(encoding="utf-8")))
        if found:
            leaks.append(f"{page.relative_to(site)}: {sorted(set(found))}")
    assert not leaks, leaks[:10]


def test_undated_status_events_are_not_shown_as_a_bare_colon(site: Path) -> None:
    bare = [p.name for p in site.rglob("*.html") if "<li>: " in p.read_text(encoding="utf-8")]
    assert not bare, bare[:5]


def test_benchmarks_are_not_called_treaty_obligations(site: Path) -> None:
    import lawbase

    kb = lawbase.load()
    benchmark_pages = {
        f"req-{site_module().slug(rid)}.html"
        for rid, r in kb.requirements.items()
        if kb.instruments[r.instrument].kind in ("benchmark", "review")
    }
    assert benchmark_pages
    seen_benchmarks = 0
    for page in site.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "Treaty obligations it helps meet" in html:
            section = html.split("Treaty obligations it helps meet", 1)[1].split("</ul>", 1)[0]
            assert not set(re.findall(r'href="(req-[^"]+)"', section)) & benchmark_pages, page.name
        if "Benchmarks it is measured against" in html:
            section = html.split("Benchmarks it is measured against", 1)[1].split("</ul>", 1)[0]
            links = set(re.findall(r'href="(req-[^"]+)"', section))
            assert links and links <= benchmark_pages, page.name
            seen_benchmarks += 1
    assert seen_benchmarks  # some provision is measured against a benchmark, and says so


def test_themes_cover_the_national_provisions(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    themes = index.split("By theme", 1)[1].split("By conduct", 1)[0]
    exploitation = next(d for d in themes.split("<details>") if "prostitution, trafficking" in d)
    assert 'href="cl-cp--367-ter.html"' in exploitation and 'href="cl-cp--411-quater.html"' in exploitation


def test_index_titles_and_instrument_groups(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>lawbase · lawbase</title>" not in index
    assert re.search(r"<title>Chile: [^<]+</title>", index)
    groups = re.findall(r"<summary>([^<]+?) — \d+</summary>", index.split("By theme", 1)[0])
    assert groups[0].startswith("Criminal Code (CP)"), groups
    assert any(g.startswith("Civil Code") for g in groups[1:]), groups
    treaty = next(i for i, g in enumerate(groups) if "(OPSC)" in g)
    assert all(not g.startswith("Ley ") for g in groups[treaty:]), groups  # national law first


def test_a_law_page_says_what_the_law_changed(site: Path) -> None:
    page = (site / "law-cl-ley-19927.html").read_text(encoding="utf-8")
    text = _text(page)
    assert "What it changed" in text
    assert re.search(r"CP art\. 367 ter added 2004-01-14 2022-12-29", text), text[:2000]
    assert 'href="cl-cp--367-ter.2004-01-14.html"' in page
    assert "Published" in text
    laws = (site / "laws.html").read_text(encoding="utf-8")
    assert 'href="law-cl-ley-19927.html"' in laws and 'href="law-cl-cp.html"' in laws
    version = (site / "cl-cp--367-ter.2004-01-14.html").read_text(encoding="utf-8")
    assert "Made by Ley 19.927." in _text(version) and 'Made by <a href="law-cl-ley-19927.html">' in version


def test_the_spanish_site_mirrors_the_english_one(site: Path) -> None:
    english = {p.name for p in site.glob("*.html")}
    spanish = {p.name for p in (site / "es").glob("*.html")}
    assert english == spanish
    for name in ("index.html", "cl-cp--367-ter.html", "cl-cp--367-ter.2004-01-14.html", "gaps.html"):
        en = (site / name).read_text(encoding="utf-8")
        es = (site / "es" / name).read_text(encoding="utf-8")
        assert '<html lang="en">' in en and '<html lang="es">' in es
        assert f'href="es/{name}" hreflang="es"' in en and f'href="../{name}" hreflang="en"' in es
    es = _text((site / "es" / "cl-cp--367-ter.2004-01-14.html").read_text(encoding="utf-8"))
    assert "Pena: presidio menor en su grado máximo (3 años y 1 día a 5 años) simple delito" in es
    assert "Versión al 2004-01-14: el texto vigente del 2004-01-14 al 2022-12-29 (Ley 19.927)" in es
    assert "Obtención de acción sexual" in _text(
        (site / "es" / "cl-cp--367-ter.html").read_text(encoding="utf-8")
    )
    index = _text((site / "es" / "index.html").read_text(encoding="utf-8"))
    assert "Por instrumento" in index and "Código Penal (CP)" in index


def test_a_comparison_site_in_both_languages(tmp_path: Path) -> None:
    out = tmp_path / "www"
    r = run_cli("site", str(out), "--as-of", "2024-01-01", "--jurisdiction", "cl,ar")
    assert r.code == 0, r.err
    for lang_index in ("index.html", "es/index.html"):
        page = out / lang_index
        links = re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8"))
        missing = [link for link in links if not (page.parent / link).resolve().is_file()]
        assert not missing, (lang_index, missing)
    assert (out / "ar" / "es" / "cl-cp--367-ter.html").exists() is False
    assert (out / "ar" / "es" / "index.html").is_file() and (out / "cl" / "es" / "index.html").is_file()
    ar = _text((out / "ar" / "index.html").read_text(encoding="utf-8"))
    assert ar.count("Argentina") >= 1
    # the age of an aggravation is said once (not "the victim is under 13; victim under 13")
    for page in (out / "ar").rglob("*.html"):
        for when in re.findall(
            r"(?:Aggravated|Agravada) \(([^)]*)\)", _text(page.read_text(encoding="utf-8"))
        ):
            assert len(re.findall(r"under 1[38]|menor de 1[38]", when)) <= 1, (page.name, when)


def test_recommendation_and_source_pages(site: Path) -> None:
    import lawbase

    kb = lawbase.load()
    recs = (site / "recommendations.html").read_text(encoding="utf-8")
    chile = [r for r in kb.recommendations.values() if r.jurisdiction == "cl"]
    assert chile and all(f'id="{site_module().slug(r.id)}"' in recs for r in chile)
    assert 'href="req-un-opsc--10-1.html"' in recs  # what a recommendation concerns, linked
    sources = (site / "sources.html").read_text(encoding="utf-8")
    from html import escape

    cited = {c.source for r in chile for c in r.sources}
    assert cited and all(escape(kb.sources[sid].title, quote=True) in sources for sid in cited)
    assert 'rel="external"' in sources
    notes = [src.note for src in kb.sources.values() if src.note]
    assert notes and not [n for n in notes if escape(n, quote=True) in sources]  # maintainers' notes stay out
    es = _text((site / "es" / "recommendations.html").read_text(encoding="utf-8"))
    assert "Recomendaciones formuladas al Estado" in es and "Se refiere a" in es


def test_a_site_rebuilt_in_the_other_language(tmp_path: Path) -> None:
    """OUTDIR is in the reader's language, the other one in a folder: built in English, then in
    Spanish, OUTDIR holds the Spanish pages, OUTDIR/en the English ones, and the Spanish pages
    the first build left in OUTDIR/es are gone."""
    out = tmp_path / "www"
    assert run_cli("site", str(out), "--as-of", "2024-01-01").code == 0
    assert (out / "es" / "index.html").is_file()
    r = run_cli("site", str(out), "--as-of", "2024-01-01", "--lang", "es")
    assert r.code == 0, r.err
    assert '<html lang="es">' in (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in (out / "en" / "index.html").read_text(encoding="utf-8")
    assert not list((out / "es").glob("*.html"))
    assert 'href="en/index.html" hreflang="en"' in (out / "index.html").read_text(encoding="utf-8")
