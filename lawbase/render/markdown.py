"""The gap list as Markdown that reads like a section of a UPR or CRC submission, with footnoted
citations. Everything that comes from data is escaped: no Markdown or HTML in the corpus can
inject links, images or markup into the document.

Nor can a bare address become a link: GitHub-flavoured Markdown links `www.x`, `http://`,
`https://`, `ftp://` and e-mail addresses found in plain text (lawbase links nothing of the
data's). `://` is written `\\://` and `www.` `www\\.`, which the renderers read as text before
they look for a link; an `@` gets an empty HTML comment before it, because cmark-gfm (GitHub's
renderer) finds e-mail addresses only after merging adjacent text, so an escape or an entity
does not stop it (github/cmark-gfm#278), while a comment keeps the two sides apart and shows
nothing."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lawbase.i18n import t
from lawbase.model import in_lang
from lawbase.render.text import recommendation_text

if TYPE_CHECKING:
    from lawbase import shapes

# inline values only: these are the characters that can start emphasis, code, links, images,
# tables or strikethrough in the middle of a line (HTML is entity-escaped first)
_SPECIAL = re.compile(r"([\\`*_\[\]|~!])")
_AUTOLINK = re.compile(r"://|(?<![A-Za-z0-9])www\.|@", re.IGNORECASE)
STATUS_WORDS = {"gap": "Gap", "partial": "Partly met"}


def _unlink(m: re.Match[str]) -> str:
    found = m.group()
    if found == "@":
        return "<!-- -->@"
    return "\\://" if found == "://" else found[:3] + "\\."  # www. in any case


_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_TAG = re.compile(r"<([A-Za-z/!?][^<>]*)(>?)")


def escape(text: object) -> str:
    """Text from data, made inert: Markdown punctuation backslash-escaped, an `&` that would start
    an entity escaped, and a tag or autolink written with entities (`&lt;script&gt;`), bare addresses kept from
    becoming links. Plain `&` and `>` stay as they are, so the text pasted into a word processor
    reads as written (no `&amp;`)."""
    s = _SPECIAL.sub(r"\\\1", str(text))
    s = _ENTITY.sub(r"\\&", s)
    s = _TAG.sub(lambda m: "&lt;" + m.group(1) + ("&gt;" if m.group(2) else ""), s)
    s = _AUTOLINK.sub(_unlink, s)
    return " ".join(s.split())  # no line breaks: a value cannot start a new block


class Notes:
    """Footnotes numbered in order of first use, one per (source, pinpoint)."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], tuple[int, shapes.Citation]] = {}

    def ref(self, citation: shapes.Citation) -> str:
        key = (citation["source"], citation["pinpoint"])
        if key not in self.items:
            self.items[key] = (len(self.items) + 1, citation)
        return f"[^{self.items[key][0]}]"

    def refs(self, citations: list[shapes.Citation]) -> str:
        # each note once in a place; commas between them, so that 1, 2 and 3 do not read as 123
        return ",".join(dict.fromkeys(self.ref(c) for c in citations))

    def render(self) -> list[str]:
        lines = []
        for n, c in sorted(self.items.values(), key=lambda t: t[0]):
            text = _sentence(f"{escape(c['title'] or c['source'])}, {escape(c['pinpoint'])}")
            if not c["verified"]:
                reason = escape(in_lang(c, "reason", _lang()) or t("not checked against the primary text"))
                text += " " + t("Unverified: {reason}", reason=_sentence(reason[:1].lower() + reason[1:]))
            if c["note"]:
                text += " " + _sentence(escape(in_lang(c, "note", _lang()) or ""))
            if c["url"]:  # the schema admits no space, quote or angle bracket in it
                text += f" <{c['url']}>"
            lines.append(f"[^{n}]: {text}")
        return lines


def _lang() -> str:
    from lawbase import i18n

    return i18n.current()


# the steps of a State's standing with an instrument (data/status/), for a reader
STEPS = {
    "signed": "signed",
    "ratified": "ratified",
    "acceded": "acceded",
    "in-force": "in force",
    "promulgated": "promulgated",
    "published": "published",
    "not-party": "not a party",
    "withdrawn": "withdrawn",
    "none": "no step recorded",
    "approved": "approved",
    "terminated": "terminated",
    "national": "national law",
    "benchmark": "benchmark",
}


def _status_line(st: shapes.InstrumentStatus | None) -> str:
    if not st:
        return ""
    if st["status"] == "benchmark":
        return t("A benchmark, not a binding instrument")
    who = escape(st.get("jurisdiction_label") or st["jurisdiction"])  # a State's own law names no label
    if st["in_force"] is True:
        if st["since"]:
            return t("Binding on {state} since {date}", state=who, date=st["since"])
        return t("Binding on {state}", state=who)
    step = t(STEPS.get(st["status"], st["status"].replace("-", " ")))
    since = f" ({st['since']})" if st["since"] else ""
    if st["in_force"] is None:
        return t(
            "{state}: {step}{since}; its entry into force for it is not recorded",
            state=who,
            step=step,
            since=since,
        )
    return t("{state}: {step}{since}; not binding on it", state=who, step=step, since=since)


def _not_assessed(data: shapes.GapsAnswer) -> list[str]:
    items = data["not_assessed"]
    if not items:
        return []
    out = [
        "## " + t("Not assessable on this date"),
        "",
        t(
            "For these requirements the corpus does not record the law that bore on them on {date}; no finding is stated.",
            date=data["as_of"],
        ),
        "",
    ]
    for f in items:
        title = _title(f)
        missing = "; ".join(
            t("{label} (recorded from {date})", label=escape(x["label"]), date=x["recorded_from"])
            for x in f["details"].get("not_recorded", [])
        )
        req = f" ({escape(f['requirement']['label'])})" if f["requirement"] else ""
        out.append(
            f"- {escape(title)}{req}"
            + (": " + t("not recorded: {what}", what=missing) + "." if missing else ".")
        )
    out.append("")
    return out


def _title(f: shapes.Finding) -> str:
    return (f["titles"]["es"] or f["title"]) if _lang() == "es" else f["title"]


def _provenance(data: shapes.GapsAnswer) -> str:
    p = data["provenance"]
    text = t(
        "Generated by lawbase {version} from its sourced corpus, as the law stood on {date}.",
        version=p["lawbase"],
        date=p["as_of"],
    )
    if p["sources_checked"]:
        text += " " + t("The sources cited were last checked on {date}.", date=p["sources_checked"])
    return text


def gaps(data: shapes.GapsAnswer) -> str:
    """The gap list as a submission-ready Markdown document, titled as the corpus says: a summary
    table, then the findings on treaty obligations, then those on benchmarks, each with its
    requirement, what the law in force shows and a recommendation; footnoted sources."""
    lang = _lang()
    notes = Notes()
    findings = data["findings"]
    title = data["title"].get(lang) if lang != "en" else None
    out = [
        f"# {escape(title or data['title']['en'])}",
        "",
        "*"
        + t("The law as it stood on {date}.", date=data["as_of"])
        + " "
        + t("Every statement below is footnoted to the provision version or source it rests on.")
        + "*",
        "",
    ]
    out += [_provenance(data), ""]
    changes = data.get("bill_changes")
    if changes is not None:
        from lawbase.render.text import bill_change_lines

        out += [f"## {t('What the bill would change in this list')}", ""]
        out += [f"- {escape(line)}" for line in bill_change_lines(changes)] + [""]
    if not data["assessable"]:
        out += [
            t(
                "The corpus records none of the national law as it stood on {date}, so it cannot assess the requirements on this date.",
                date=data["as_of"],
            ),
            "",
        ]
    if not findings:
        if data["assessable"]:
            out += [t("No gap was found against the requirements assessed."), ""]
        out += _not_assessed(data)
        return "\n".join(out)
    binding = [f for f in findings if _binding(f)]
    benchmarks = [f for f in findings if not _binding(f)]
    ordered = binding + benchmarks
    out += _summary(ordered, len(binding))
    out += ["", "## " + t("Findings"), ""]
    n = 0
    for heading, group in ((t("Treaty obligations"), binding), (t("Benchmarks"), benchmarks)):
        if not group:
            continue
        out += [f"### {heading}", ""]
        if group is benchmarks:
            out += [
                t(
                    "These findings measure the law against benchmarks (NGO checklists and recommendations), not binding obligations."
                ),
                "",
            ]
        for f in group:
            n += 1
            out += _finding(n, f, notes, data["as_of"])
    out += _not_assessed(data)
    out += ["## " + t("Sources"), "", *notes.render(), ""]
    return "\n".join(out)


def _binding(f: shapes.Finding) -> bool:
    return f["binding"]


def _status_word(status: str) -> str:
    return t(STATUS_WORDS.get(status, status))


def _summary(findings: list[shapes.Finding], binding: int) -> list[str]:
    """The count of findings and a table of them: number, short title, status, requirement."""
    gaps_n = sum(1 for f in findings if f["status"] == "gap")
    out = [
        "## " + t("Summary"),
        "",
        t(
            "{n} findings: {gaps} gaps and {partial} requirements met only in part; {binding} concern treaty obligations, {benchmarks} benchmarks.",
            n=len(findings),
            gaps=gaps_n,
            partial=len(findings) - gaps_n,
            binding=binding,
            benchmarks=len(findings) - binding,
        ),
        "",
        f"| # | {t('Finding')} | {t('Status')} | {t('Requirement')} |",
        # the dashes set pandoc's column widths: the title takes the page, the others what they need
        "|--:|" + "-" * 56 + "|" + "-" * 10 + "|" + "-" * 14 + "|",
    ]
    for i, f in enumerate(findings, 1):
        required = f["requirement"]["label"] if f["requirement"] else t("internal consistency")
        out.append(f"| {i} | {escape(_title(f))} | {_status_word(f['status'])} | {escape(required)} |")
    return out


def _where(e: shapes.Evidence, as_of: str) -> str:
    """Which text an evidence line rests on, in the report's tense: the version in force on the
    report's date (never "to today"), or one that ended before it."""
    v = e["version"]
    if not v:
        return escape(e["label"]) if e["label"] else ""
    if v["status"] == "repealed":  # the evidence says when and by what; "in force" it is not
        return escape(e["label"])
    by = escape(v["by_title"] or v["by"])
    if v["until"] and v["until"] <= as_of:
        return t(
            "{label}, text in force from {start} to {end} ({law})",
            label=escape(e["label"]),
            start=v["from"],
            end=v["until"],
            law=by,
        )
    return t("{label}, text in force from {start} ({law})", label=escape(e["label"]), start=v["from"], law=by)


def _finding(i: int, f: shapes.Finding, notes: Notes, as_of: str) -> list[str]:
    """One finding: the requirement, recommendations made, the evidence, the recommendation."""
    lang = _lang()
    out = [f"#### {i}. {escape(_title(f))}", ""]
    req = f["requirement"]
    if req:
        summary = (req.get("summary_es") or req["summary"]) if lang == "es" else req["summary"]
        optional = (
            ""
            if req["mandatory"] or summary.lower().startswith(("optionally", "opcionalmente"))
            else " " + t("(optional)")
        )
        about = f["conduct_labels"][lang]
        bears = ""
        if len(about) == 1 and len(req["conduct"]) > 1:  # one of many: say which part it answers
            bears = ", " + t("as it bears on {conducts}", conducts=escape("; ".join(about)))
        out.append(
            f"**{t('Requirement.')}** {escape(req['label'])}{optional}{bears}: {_sentence(escape(summary))}{notes.refs(req['sources'])}"
        )
        status = _status_line(f["instrument_status"])
        if status:
            out[-1] += f" {status}."
        if f["also_required_by"]:
            also = ", ".join(escape(r["label"]) for r in f["also_required_by"])
            out.append("")
            out.append(t("Also required by: {list}.", list=also))
        out.append("")
    for r in f["recommendations"]:
        out += [
            f"**{t('{review} recommendation.', review=escape(r['review']))}** {_sentence(escape(recommendation_text(r)))}{notes.refs(r['sources'])}",
            "",
        ]
    lines = f["detail_lines"][lang]
    out.append(
        f"**{t('Finding ({status}).', status=_status_word(f['status']).lower())}** {escape(_title(f))}."
    )
    out.append("")
    for line in lines or []:
        out.append(f"- {escape(line)}")
    if lines:
        out.append("")
    out.append(t("The law in force on {date}:", date=as_of))
    out.append("")
    for e in f["evidence"]:
        where = _where(e, as_of)
        shows = escape(in_lang(e, "shows", lang) or "")
        out.append(
            f"- {where + ': ' if where else ''}{_sentence(shows) if not where else _stop(shows)}{notes.refs(e['sources'])}"
        )
    out.append("")
    rec = in_lang(f, "recommendation", lang)
    if rec:
        out += [f"**{t('Recommendation.')}** {_sentence(escape(rec))}", ""]
    return out


def _stop(text: str) -> str:
    """A clause ending a line, with its one full stop."""
    text = text.strip()
    return text if not text or text.endswith((".", "?", "!", ".)")) else text + "."


def _sentence(text: str) -> str:
    """A sentence as it is printed: a capital first letter and one full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!", ".)")) else text + "."


MATRIX_WORDS = {
    "gap": "Gap",
    "partial": "Partly met",
    "met": "Met",
    "not-recorded": "Not recorded",
    "not-assessed": "Not assessed",
}


def matrix(data: shapes.MatrixAnswer) -> str:
    """The comparison table of a regional report: per instrument, requirements down and States
    across; each cell's word carries a footnote per finding behind it, and each finding's note
    names the provision versions it rests on and their sources (numbered after it)."""
    states = data["jurisdictions"]
    sources = Notes()
    findings: dict[tuple[str, str], int] = {}  # (state, finding id) -> its letter's position
    notes: list[str] = []
    out = [
        "# " + t("Requirements × States: {states}", states=escape(", ".join(s["label"] for s in states))),
        "",
        t(
            "The law of each State as it stood on {date}, assessed by lawbase's gap rules. A cell gives the worst status of the findings about that requirement; its notes give the findings and the provision versions they rest on.",
            date=data["as_of"],
        ),
        "",
    ]
    for s in states:
        if not s["assessable"]:
            out += [
                t(
                    "The corpus records none of {state}'s law on {date}: its cells are not recorded.",
                    state=escape(s["label"]),
                    date=data["as_of"],
                ),
                "",
            ]
    for inst in data["instruments"]:
        title = in_lang(inst, "title", _lang()) or ""
        out += [f"## {escape(inst['label'])}: {escape(title)}", ""]
        for s in states:
            line = _status_line(inst["statuses"][s["id"]])
            if line:
                out.append(f"- {line}.")
        out += ["", f"| {t('Requirement')} | " + " | ".join(escape(s["label"]) for s in states) + " |"]
        out.append("|---|" + "---|" * len(states))
        for r in inst["requirements"]:
            cells = []
            for s in states:
                cell = r["cells"][s["id"]]
                marks = ""
                for f in cell["findings"]:
                    if f["status"] not in ("gap", "partial", "met"):
                        continue
                    key = (s["id"], f["id"])
                    if key not in findings:
                        findings[key] = len(findings) + 1
                        notes.append(_matrix_note(len(findings), s["label"], f, sources))
                    marks += f"[^f{findings[key]}]"
                cells.append(t(MATRIX_WORDS[cell["status"]]) + marks)
            out.append(f"| {escape(r['label'])} | " + " | ".join(cells) + " |")
        out.append("")
    out += ["## " + t("Notes"), "", *notes, "", *sources.render()]
    return "\n".join(out) + "\n"


def _matrix_note(n: int, state: str, f: shapes.MatrixFinding, sources: Notes) -> str:
    title = in_lang(f, "title", _lang()) or ""
    parts = [f"[^f{n}]: {escape(state)}, {t(MATRIX_WORDS[f['status']]).lower()}: {_stop(escape(title))}"]
    for e in f["evidence"]:
        where = escape(e["label"]) if e["label"] else ""
        if e["label"] and e["version"]:
            where += " " + t("(version in force from {date})", date=e["version"]["from"])
        parts.append(
            f"{where + ': ' if where else ''}{_stop(escape(in_lang(e, 'shows', _lang()) or ''))}{sources.refs(e['sources'])}"
        )
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------
# case: a memo on the law that applies to given facts


def case(data: shapes.CaseAnswer) -> str:
    """The case as a memo a lawyer can file: each step, then the provisions and sources that
    decide it as footnotes."""
    from lawbase.render.text import (
        COMPARED_WORDS,
        aggravation_words,
        case_penalty,
        limitation_words,
        state_word,
        version_words,
    )

    notes = Notes()

    def klass(o: shapes.Offence) -> shapes.Text | None:
        return data["class_labels"].get(o["penalty"]["class"] or "")

    out = [
        "# "
        + t(
            "{label}: the law that applies to facts of {facts}, judged on {judgment}",
            label=escape(data["label"]),
            facts=data["facts"],
            judgment=data["judgment"],
        ),
        "",
    ]
    if data["victim_born"]:
        out += [
            t("Victim born {date}: {age} at the facts", date=data["victim_born"], age=data["victim_age"]),
            "",
        ]
    if not data["offences"]:
        out += [t("On the date of the facts: {state}", state=state_word(data["state_at_facts"])), ""]
        if data["same_conduct"]:
            out += [
                t(
                    "Offences in force then with the same conduct (to look at, not a finding that they apply):"
                ),
                "",
            ]
            out += [
                f"- {escape(x['label'])} — {escape(_text(x['name']))} ({escape(version_words(x['version']))})"
                for x in data["same_conduct"]
            ]
            out.append("")
    for o in data["offences"]:
        off = o["offence"]
        out += [f"## {escape(o['label'])} — {escape(_text(off['name']))}", ""]
        if o["victim_fits"] is False:
            out += [t("the victim's age is outside this offence's band"), ""]
            continue
        cites = {id(e): notes.refs(e["sources"]) for e in o["trace"]}
        first = o["trace"][0]
        out.append(f"- **{t('At the facts:')}** {escape(case_penalty(off, klass(off)))}{cites[id(first)]}")
        if data["version_at_facts"]:
            out.append(f"  ({escape(version_words(data['version_at_facts']))})")
        out.append(f"- **{t('Later laws up to the judgment')}:**")
        if not o["later_laws"]:
            out.append("  - " + t("none: the law of the facts is the law of the judgment"))
        traced = iter(o["trace"][1 : 1 + len(o["later_laws"])])
        for step in o["later_laws"]:
            v = step["version"]
            body = t(COMPARED_WORDS[step["compared"]])
            if step["offence"]:
                body += ": " + case_penalty(step["offence"], klass(step["offence"]))
            if step["aggravated_form"]:
                body += " " + t("(aggravated form)")
            if step["carried_over"]:
                body += " " + t("(takes over the conduct)")
            elif step["offence"] and not step["changed"]:
                body += " " + t("(this law left its penalty as it was)")
            e = next(traced, None)
            out.append(
                f"  - {v['from']} {escape(v['by_title'] or v['by'])}: "
                f"{escape(step['offence_label'] or step['label'])} — {escape(body)}{cites[id(e)] if e else ''}"
            )
        g = o["governing"]
        why = (
            t("a more lenient later law")
            if g["reason"] == "more-lenient-later-law"
            else t("the law of the facts")
        )
        out.append(
            f"- **{t('Governing law:')}** "
            + escape(
                f"{g['offence_label']} ({why}; {version_words(g['version'])}): {case_penalty(g['offence'], klass(g['offence']))}"
            )
        )
        if o["aggravations"]:
            out.append(f"- **{t('Aggravations, if their facts are proven')}:**")
            for a in o["aggravations"]:
                out.append(f"  - {escape(aggravation_words(a))}")
        if o["accessories"]:
            out.append(f"- **{t('Accessory penalties')}:**")
            for acc in o["accessories"]:
                out.append(f"  - {escape(acc['label'])}: {escape(in_lang(acc, 'summary', _lang()) or '')}")
        out.append(f"- **{t('Limitation:')}** {escape(limitation_words(o['limitation'], data['judgment']))}")
        ext = o["extradition"]
        if ext["codes"] or ext["treaties"]:
            out.append(f"- **{t('Extradition')}:**")
        for code in ext["codes"]:
            mark = t("yes") if code["qualifies"] else t("no")
            scope = "" if code["governs_facts_of_date"] else " " + t("(does not govern facts of this date)")
            out.append(f"  - {escape(code['label'])}: {mark}{scope}")
        for tr in ext["treaties"]:
            mark = {True: t("yes"), False: t("no"), None: t("unknown")}[tr["qualifies"]]
            out.append(f"  - {escape(tr['label'])}: {mark}{notes.refs(tr['sources'])}")
        out += ["", f"### {t('What decides each step')}", ""]
        for i, e in enumerate(o["trace"], 1):
            where = (
                f"{e['label']}, {version_words(e['version'])}"
                if e["label"] and e["version"]
                else (e["label"] or "")
            )
            out.append(f"{i}. {escape(where)}: {escape(in_lang(e, 'shows', _lang()) or '')}{cites[id(e)]}")
        notes_ = o["cannot_decide"] + data["cannot_decide"]
        if notes_:
            out += ["", f"### {t('What the corpus cannot decide')}", ""]
            out += [f"- {escape(in_lang(n, 'text', _lang()) or '')}" for n in notes_]
        out.append("")
    if not data["offences"]:
        out += [f"- {escape(in_lang(n, 'text', _lang()) or '')}" for n in data["cannot_decide"]] + [""]
    out += [t("Prepared with lawbase from the dated corpus; each footnote names the official text."), ""]
    return "\n".join(out + notes.render())


def _text(text: shapes.Text) -> str:
    """A short text of the corpus (an offence's name) in the reader's language."""
    return (text.get("es") or text["en"]) if _lang() == "es" else text["en"]


# ---------------------------------------------------------------------------------------------
# check: a text's claims about the law


def check(data: shapes.CheckAnswer) -> str:
    """The claims a text makes, by verdict, each with what the law says and its sources."""
    from lawbase.render.text import check_counts

    notes = Notes()
    out = [
        "# "
        + t(
            "The claims of {file}, checked against the law on {date}",
            file=escape(data["file"]),
            date=data["as_of"],
        ),
        "",
    ]
    for verdict, heading in (
        ("contradicts", "Claims the law contradicts"),
        ("cannot-tell", "Claims the corpus cannot tell"),
        ("agrees", "Claims the law bears out"),
    ):
        these = [c for c in data["claims"] if c["verdict"] == verdict]
        if not these:
            continue
        out += [f"## {t(heading)} ({len(these)})", ""]
        for c in these:
            line = t("line {n}", n=c["line"]) + f": {escape(c['claim'])}"
            said = in_lang(c, "statute", _lang())
            if said:
                line += " — " + escape(said)
            if c["suggestion"] and verdict == "contradicts":
                line += " " + escape(
                    t("(the text should say: {words})", words=in_lang(c, "suggestion", _lang()))
                )
            if c["discrepancy"]:
                line += " " + escape(
                    t(
                        "(recorded on a report making this claim: {why})",
                        why=in_lang(c["discrepancy"], "why", _lang()) or "",
                    )
                )
            out.append(f"- {line}{notes.refs(c['sources'])}")
        out.append("")
    out += [
        check_counts(data),
        "",
    ]  # fmt: skip
    return "\n".join(out + notes.render())
