"""`lawbase check FILE --as-of DATE`: the claims about the law in a text, checked against it.

A report, a submission or a State's reply makes claims about the law. This module finds the ones
it can test, in English or Spanish prose (a text or Markdown file), and checks each against the
law in force on the date the text speaks of:

- **penalty**: an article named with a penalty range ("article 365 punishes ... with prison
  sentences from 61 days to three years and one day"): the range is compared with the ranges of
  the article's offences (and aggravated forms) on the date, narrowed to the victims the sentence
  names ("children under 12") and to the conduct it names ("to produce pornographic material");
  an article that punished no such conduct is named, with the one that did;
- **jurisdiction**: "no (specific) provision allows extraterritorial jurisdiction" against the
  State's rules extending jurisdiction then in force;
- **offence**: "X is not criminalised" / "there is no sanction for X" against the offences then
  in force with that conduct;
- **recorded**: a sentence close to a claim the corpus has already weighed (a `discrepancy` of a
  provision version in force on the date): its verdict and the statute's reading, whatever the
  file.

Each claim gets a verdict: `agrees`, `contradicts` (with what the law says, the provision version
and sources that decide it, and a suggested wording) or `cannot-tell` (the claim is about
something the corpus does not hold). Nothing else in the text is judged: a sentence with no
testable claim is not reported.

The words that signal a conduct or a victim band are the engine's vocabulary (conduct tags and
ages), never one State's law; the articles are resolved by the State's own reference syntax.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from . import penalties
from .errors import DataError, NotFound, Problem, UsageError
from .gaps.common import Shows, worded, words
from .kb import KnowledgeBase
from .model import AgeInterval, Offence, Penalty, Provision, Scale, Version
from .queries import citation, iso, version_window
from .refs import fold
from .scope import assessed, scoped

if TYPE_CHECKING:
    from . import shapes

MAX_BYTES = 5_000_000  # a text longer than this is not a report: refused
SIMILAR = 72.0  # how close a sentence must be to a recorded claim about a provision it names (0-100)
CLOSE = 90.0  # ... and to one about a provision it does not name

# -- numbers and durations in prose ------------------------------------------------------------------

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
}  # fmt: skip
_HUNDREDS = {
    "hundred": 100, "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300,
    "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600, "setecientos": 700,
    "ochocientos": 800, "novecientos": 900,
}  # fmt: skip
_WORDS = "|".join(sorted([*_UNITS, *_HUNDREDS], key=len, reverse=True))
# a number in figures, or in words: "sixty-one", "five hundred and forty-one", "quinientos cuarenta y un"
_NUMBER = rf"(?:\d+|(?:{_WORDS})(?:(?:[- ]|(?<=hundred)\s+and\s+|(?<=nta)\s+y\s+)(?:{_WORDS}))*)\b"
# ("and" only after "hundred", "y" only after the Spanish tens: "between three and five years" is two)
_UNIT = r"(?:years?|months?|days?|a[ñn]os?|mes(?:es)?|d[ií]as?)"
_ONE_DAY = r"(?:\s*,?\s*(?:(?:and|plus|y|más)\s+(?:a\s+)?)?(?:one|1|un|uno|a)\s+(?:day|d[ií]a)\b)"
_DURATION = rf"{_NUMBER}\s+{_UNIT}{_ONE_DAY}?"
_RANGE = re.compile(
    rf"(?:from\s+|between\s+|de\s+|desde\s+)?(?P<low>{_DURATION}|{_NUMBER}(?=\s*(?:to|–|-|and|a|hasta)\s))"
    rf"\s*(?:to|–|-|and|a|hasta)\s*(?P<high>{_DURATION})",
    re.IGNORECASE,
)  # "from four to ten years", "de cuatro a diez años": the low bound takes the high one's unit


def _bounds(m: re.Match[str]) -> tuple[str, str]:
    """A range's two durations (ISO), the low one in the high one's unit when it gives none."""
    low, high = m.group("low"), m.group("high")
    if not re.search(_UNIT, low, re.IGNORECASE):
        unit = re.search(_UNIT, high, re.IGNORECASE)
        low = f"{low} {unit.group(0) if unit else ''}"
    return to_duration(low), to_duration(high)


_DEGREE_WORDS = {"minimum": "minimo", "medium": "medio", "middle": "medio", "maximum": "maximo"}
# a letter doubled where a page break split the word ("maxi-" / "imum") is read as one
_TIER_WORDS = {"minor": "menor", "major": "mayor"}
_EN_NAMED = re.compile(
    r"\b(?P<grade>minimum|medium|middle|maxi{1,2}mum)\s+degree\s+of\s+(?P<tier>minor|major)\s+"
    r"(?:incarceration|imprisonment|prison|reclusion|seclusion)"
    r"|\b(?P<whole>minor|major)\s+(?:incarceration|imprisonment)\s+in\s+(?:any|all)\s+of\s+its\s+degrees",
    re.IGNORECASE,
)


class Named(NamedTuple):
    start: int
    end: int
    low: str
    high: str
    words: str


def _named_penalties(kb: KnowledgeBase, p: Provision, sentence: str) -> list[Named]:
    """Penalties named in the sentence, in the statute's Spanish ("presidio menor en su grado
    máximo") or in a translation of it ("maximum degree of minor incarceration"), with the range
    the provision's scale gives them."""
    scale = kb.scale_for(p)
    if scale is None:
        return []
    out: list[Named] = []

    def add(start: int, end: int, penalty: Penalty) -> None:
        try:
            r = penalties.resolve(scale, penalty)
        except (KeyError, ValueError, IndexError):
            return
        if r.min and r.max:
            out.append(Named(start, end, r.min, r.max, sentence[start:end]))

    for m in _EN_NAMED.finditer(sentence):
        if m.group("whole"):
            tier = _TIER_WORDS[m.group("whole").lower()]
            add(m.start(), m.end(), Penalty(kind="presidio", degrees=(f"{tier}-minimo", f"{tier}-maximo")))
        else:
            grade = re.sub("i+", "i", m.group("grade").lower())
            degree = f"{_TIER_WORDS[m.group('tier').lower()]}-{_DEGREE_WORDS[grade]}"
            add(m.start(), m.end(), Penalty(kind="presidio", degrees=(degree,)))
    folded = fold(sentence)
    if len(folded) == len(sentence):  # positions line up (accents fold one to one)
        for name, penalty in _spanish_names(scale):
            for m in re.finditer(re.escape(name), folded):
                if not any(n.start <= m.start() < n.end for n in out):
                    add(m.start(), m.end(), penalty)
    return out


_NAMES: dict[str, list[tuple[str, Penalty]]] = {}


def _spanish_names(scale: Scale) -> list[tuple[str, Penalty]]:
    """Every name the scale gives a custodial penalty of one or more contiguous degrees, folded,
    longest first (so "presidio menor en sus grados medio a maximo" wins over its parts)."""
    sc = scale
    if sc.id in _NAMES:
        return _NAMES[sc.id]
    names: list[tuple[str, Penalty]] = []
    for kind in sc.kinds:
        try:
            ladder = [d.id for d in sc.ladder_of(kind)]
        except KeyError:
            continue
        for i, first in enumerate(ladder):
            for last in ladder[i:]:
                penalty = Penalty(kind=kind, degrees=(first,) if first == last else (first, last))
                try:
                    names.append((fold(penalties.name(sc, penalty)), penalty))
                except (KeyError, ValueError, IndexError):
                    continue
    names.sort(key=lambda x: -len(x[0]))
    _NAMES[sc.id] = names
    return names


def _number(text: str) -> int:
    text = text.lower().strip()
    if text.isdigit():
        return int(text)
    total = 0
    for word in re.split(r"[- ]+", text):
        if word == "hundred":
            total = (total or 1) * 100
        else:
            total += _UNITS.get(word, 0) + _HUNDREDS.get(word, 0)
    return total


def to_duration(text: str) -> str:
    """'three years and one day' -> 'P3Y1D'; '61 days' -> 'P61D'; '541 días' -> 'P541D'."""
    folded = fold(text)
    m = re.match(rf"({_NUMBER})\s+({_UNIT})", folded, re.IGNORECASE)
    if not m:
        raise ValueError(text)
    n, unit = _number(m.group(1)), m.group(2)
    extra = 1 if re.search(_ONE_DAY, folded, re.IGNORECASE) else 0
    if unit.startswith(("year", "año", "ano")):
        return f"P{n}Y{extra}D" if extra else f"P{n}Y"
    if unit.startswith(("month", "mes")):
        return f"P{n}M{extra}D" if extra else f"P{n}M"
    return f"P{n + extra}D"


# -- articles in prose ----------------------------------------------------------------------------------

_SUFFIX = r"(?:bis|ter|qu[aá]ter|quinquies|sexies|septies|octies)"
_ARTICLE = re.compile(
    rf"\b(?i:articles?|arts?\.|art[ií]culos?)\s+(?P<n>\d+)"
    rf"(?P<hyphen>-[23]\b)?"
    rf"(?:\s*(?P<suffix>(?i:{_SUFFIX}))\b)?"
    rf"(?P<of>\s+(?:of\s+the|del?|de\s+la)\s+(?P<code>[A-ZÁÉÍÓÚ][\wáéíóúñ]*(?:\s+(?:(?:of|de|del|the)\b|[A-ZÁÉÍÓÚ][\wáéíóúñ]*)){{0,5}}))?"
    rf"(?:\s*\((?P<alias>[^)]{{3,60}})\))?"
    rf"(?:\s+(?P<late>(?i:{_SUFFIX}))\b)?",
)  # case matters in the code's name (capitalised words), not in "Article" or the suffix
_MORE = re.compile(rf"\s*(?:,|and|y|e)\s+(?P<n>\d+)(?:\s*(?P<suffix>(?i:{_SUFFIX}))\b)?")
_HYPHEN = {"-2": "bis", "-3": "ter"}  # "article 367-2" for 367 bis, in some translations


class Ref(NamedTuple):
    at: int  # where in the sentence
    provision: Provision | None
    typed: str


def _articles(kb: KnowledgeBase, sentence: str) -> list[Ref]:
    out: list[Ref] = []
    for m in _ARTICLE.finditer(sentence):
        suffix = m.group("suffix") or m.group("late") or _HYPHEN.get(m.group("hyphen") or "", "")
        number = f"{m.group('n')} {suffix}".strip()
        names = [m.group("alias"), m.group("code")]
        found = None
        for name in [n for n in names if n] + [None]:
            typed = f"{name} {number}" if name else number
            try:
                r = kb.resolve(typed)
            except (NotFound, UsageError):
                continue
            if r.kind in ("provision", "offence"):
                found = kb.provisions[kb.provision_of(r.id)]
                break
        out.append(Ref(m.start(), found, m.group(0)))
        # "Articles 365 and 362", "arts. 366 bis, 366 quáter y 367": the further numbers of a list
        rest = sentence[m.end() :]
        more = _MORE.match(rest)
        while more and m.group(0).lower().startswith(("articles", "arts", "artículos", "articulos")):
            typed = f"{more.group('n')} {more.group('suffix') or ''}".strip()
            try:
                r = kb.resolve(typed)
                other = kb.provisions[kb.provision_of(r.id)] if r.kind in ("provision", "offence") else None
            except (NotFound, UsageError):
                other = None
            at = m.end() + (len(sentence[m.end() :]) - len(rest)) + more.start("n")
            out.append(Ref(at, other, typed))
            rest = rest[more.end() :]
            more = _MORE.match(rest)
    return sorted(out)


# -- the victims and the conduct a sentence names ----------------------------------------------------------

_CHILD = re.compile(r"\b(?:child(?:ren)?|minors?|niñ[oa]s?|menores?|adolescent(?:e)?s?)\b", re.IGNORECASE)
_UNDER = re.compile(r"\b(?:under|below|younger than|menores? de)\s+(\d+)", re.IGNORECASE)
_OVER = re.compile(r"\b(?:over|older than|above|mayores? de)\s+(\d+)", re.IGNORECASE)

# words that signal a conduct tag of the engine's vocabulary (data/vocabulary.yaml: conduct)
_CONDUCT_WORDS: dict[str, tuple[str, ...]] = {
    "csam-production": (r"produc\w*\s+(?:of\s+)?(?:csam|child\s+(?:sexual\s+abuse|pornograph)|pornograph)",
                        r"(?:csam|pornograph\w*\s+material)\W+(?:\w+\W+){0,3}produc", r"to\s+produce\s+pornograph"),
    "csam-possession": (r"\bpossess\w*", r"\bacquisition\b", r"\balmacena\w*", r"\btenencia\b", r"\bposesi[oó]n\b"),
    "csam-distribution": (r"\bdistribut\w*", r"\bdissemina\w*", r"\bdifusi\w*", r"\bdistribuci\w*"),
    "csam-sale": (r"\bcommerciali[sz]\w*", r"\bcomerciali\w*", r"\bsell(?:s|ing)?\b", r"\bsale of (?:csam|material)"),
    "grooming": (r"\bgrooming\b", r"\bonline (?:solicitation|enticement)\b"),
    "csam-live-streaming": (r"\blive[- ](?:stream\w*|transmi\w*)", r"\btransmisi[oó]n en (?:vivo|directo)"),
    "prostitution-client": (r"\bcustomers?\b", r"\bclients?\b", r"\bclientes?\b",
                            r"sexual\s+(?:relations|services)\s+with\s+\w+\s+(?:\w+\s+){0,3}in\s+exchange"),
    "prostitution-facilitation": (r"promot\w*\s+(?:or|and)\s+facilitat\w*\s+(?:\w+\s+){0,3}prostitution",),
    "trafficking-sexual": (r"\btraffick\w*", r"\btrata\b"),
    "sectt": (r"\bsectt\b", r"sexual exploitation of children in (?:travel|tourism)", r"turismo sexual"),
}  # fmt: skip


def _band(sentence: str) -> AgeInterval | None:
    under = _UNDER.search(sentence)
    over = _OVER.search(sentence)
    if under:
        return AgeInterval(0, int(under.group(1)))
    if over and _CHILD.search(sentence):
        return AgeInterval(int(over.group(1)), 18)
    if _CHILD.search(sentence):
        return AgeInterval(0, 18)
    return None


def _conducts(text: str) -> set[str]:
    return {
        tag for tag, pats in _CONDUCT_WORDS.items() if any(re.search(p, text, re.IGNORECASE) for p in pats)
    }


# -- reading the file ---------------------------------------------------------------------------------


class Sentence(NamedTuple):
    line: int  # the line it starts on, from 1
    text: str
    before: str  # the sentence before it in the paragraph (an article named there)


_MARKUP = re.compile(r"[*_`#>]+|\[\^?\d+\]|!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ITEM = re.compile(r"\s*(?:[-*+]\s|\d+[.)]\s|\|)")  # a Markdown list item or table row
_SPLIT = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z“\"(¿¡•])|\s+•\s+")


def sentences(text: str) -> Iterator[Sentence]:
    """The sentences of each paragraph (lines joined until a blank line), each with the line it
    starts on; Markdown emphasis, headings, footnote marks and link targets removed."""
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)  # unseen by a reader
    lines = text.splitlines()
    fenced = False
    for n, raw in enumerate(lines):  # code is not prose: its lines are left out
        if raw.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            lines[n] = ""
        elif fenced:
            lines[n] = ""
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        start = i
        parts: list[tuple[int, str]] = []
        while i < len(lines) and lines[i].strip():
            if parts and _ITEM.match(lines[i]):
                break  # a list item or a table row is a paragraph of its own
            parts.append((i + 1, _MARKUP.sub(lambda m: m.group(1) or "", lines[i]).strip()))
            i += 1
            if _ITEM.match(lines[i - 1]) and lines[i - 1].lstrip().startswith("|"):
                break
            if i < len(lines) and not lines[i].strip() and re.search(r"[a-záéíóúñ]-$", parts[-1][1]):
                # a word broken across a page break ("maxi-", a blank line, "imum"): one paragraph
                while i < len(lines) and not lines[i].strip():
                    i += 1
        para = ""
        starts: list[tuple[int, int]] = []  # (offset in para, line)
        for number, part in parts:
            if para and para.endswith("-") and not para.endswith(" -"):
                para = para[:-1]  # a word broken at the end of a line
            elif para:
                para += " "
            starts.append((len(para), number))
            para += part
        offset, previous = 0, ""
        for piece in _SPLIT.split(para):
            at = para.find(piece, offset)
            offset = at + len(piece)
            line = max((n for o, n in starts if o <= at), default=start + 1)
            if piece.strip():
                yield Sentence(line, piece.strip(), previous)
                previous = piece.strip()


def _read(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise UsageError(f"{path}: {len(raw):,} bytes; a text to check is at most {MAX_BYTES:,}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError([Problem(str(path), line, column, "text", "not UTF-8 text")]) from None


# -- the checks -------------------------------------------------------------------------------------------


def _penalty(kb: KnowledgeBase, p: Provision, o: Offence) -> Shows:
    """'presidio menor en su grado medio (541 days – 3 years)', the range in the reader's words."""
    from .gaps.common import range_words

    r = penalties.resolve(kb.scale_for(p), o.penalty)
    return lambda: f"{r.text} ({range_words(r)})"


def _span(kb: KnowledgeBase, p: Provision, o: Offence) -> Shows:
    """The range alone, in the reader's words ('541 days – 3 years')."""
    from .gaps.common import range_words

    r = penalties.resolve(kb.scale_for(p), o.penalty)
    return lambda: range_words(r)


def _state(state: str) -> str:
    from .i18n import t

    return {
        "repealed": t("repealed"),
        "not-yet": t("not yet in force"),
        "not-recorded": t("not recorded"),
    }.get(state, state)


def _forms(o: Offence) -> list[tuple[Offence, bool]]:
    """An offence and each aggravated form of it, as offences (the form's own penalty and ages)."""
    out = [(o, False)]
    for a in o.aggravated:
        out.append(
            (
                o._replace(
                    penalty=a.penalty, victim_age=a.victim_age or o.victim_age, conditions=a.conditions
                ),
                True,
            )
        )
    return out


def _both(said: Shows | str | None) -> tuple[str | None, str | None]:
    """A text in English and Spanish: worded under each language, or the same text twice."""
    if said is None or isinstance(said, str):
        return said, said
    return worded(said)


def _claim(
    kb: KnowledgeBase,
    s: Sentence,
    kind: str,
    verdict: str,
    claim: str,
    p: Provision | None,
    v: Version | None,
    statute: Shows | str | None,
    suggestion: Shows | str | None = None,
    claimed: tuple[str, str] | None = None,
) -> shapes.CheckedClaim:
    hint, hint_es = _both(suggestion)
    en, es = _both(statute)
    return {
        "line": s.line,
        "sentence": s.text,
        "kind": cast("shapes.ClaimKind", kind),
        "claim": claim,
        "verdict": cast("shapes.Verdict", verdict),
        "provision": p.id if p else None,
        "label": kb.label(p.id) if p else None,
        "version": version_window(kb, v) if v else None,
        "statute": en,
        "statute_es": es,
        "suggestion": hint,
        "suggestion_es": hint_es,
        "claimed": {"min": claimed[0], "max": claimed[1]} if claimed else None,
        "discrepancy": None,
        "sources": [citation(kb, c) for c in v.sources] if v else [],
    }


class Claimed(NamedTuple):
    start: int
    end: int
    low: str
    high: str
    words: str


def _claimed(kb: KnowledgeBase, s: Sentence, refs: list[Ref]) -> list[Claimed]:
    """The penalties the sentence gives: ranges ("from 61 days to three years and one day") and
    named penalties ("maximum degree of minor incarceration") not inside a range's words."""
    out: list[Claimed] = []
    for m in _RANGE.finditer(s.text):
        try:
            out.append(Claimed(m.start(), m.end(), *_bounds(m), m.group(0)))
        except ValueError:
            continue
    scaled = next((r.provision for r in refs if r.provision is not None), None)
    if scaled is not None:
        for n in _named_penalties(kb, scaled, s.text):
            # a name followed by its range in brackets is one claim, the range's
            if not any(c.start - 40 <= n.end <= c.start + 5 or c.start <= n.start < c.end for c in out):
                out.append(Claimed(n.start, n.end, n.low, n.high, n.words))
    return sorted(out)


_RESPECTIVELY = re.compile(r"\brespectiv", re.IGNORECASE)
_BOUNDARY = re.compile(r";|\s(?:while|whereas|mientras que|mientras|en tanto que)\s|\.\s", re.IGNORECASE)


def _clause_of(text: str, start: int, end: int, after: int = 0) -> str:
    """The part of the sentence a claim's words are in: from the last clause boundary (a
    semicolon, "while", "mientras") before `start`... to `end`, so that the conduct and victims
    of another clause do not narrow this claim."""
    cut = after  # never before the end of the claim before it in the sentence
    for b in _BOUNDARY.finditer(text, after, start):
        cut = b.end()
    return text[cut:end]


def _penalty_claims(
    kb: KnowledgeBase, s: Sentence, as_of: dt.date, here: list[Ref], before: list[Ref]
) -> list[shapes.CheckedClaim]:
    """`here`, `before`: the articles the sentence names, and those of the sentence before it."""
    refs = here or before[-1:]
    if not refs:
        return []
    claimed = _claimed(kb, s, refs)
    out = []
    paired = len(refs) == len(claimed) > 1 and _RESPECTIVELY.search(s.text)
    previous_end = 0
    for k, m in enumerate(claimed):
        if paired:  # "articles 365 and 362 ... with A and B respectively"
            ref = refs[k]
        else:
            ref = max((r for r in refs if r.at <= m.start), key=lambda r: r.at, default=refs[0])
        clause = _clause_of(s.text, ref.at if ref.at <= m.start else m.start, m.end, previous_end)
        previous_end = m.end
        band = _band(clause) or _band(s.text[: m.end])
        low, high = m.low, m.high
        claim = f"{ref.typed.strip()}: {m.words.strip()}"
        if ref.provision is None:
            out.append(_claim(kb, s, "penalty", "cannot-tell", claim, None, None, None, claimed=(low, high)))
            continue
        p = ref.provision
        pit = kb.at(p, as_of)
        if pit.state != "in-force" or pit.version is None:
            state = words("{label} is not in force on {date} ({state})", label=kb.label(p.id), date=iso(as_of),
                          state=lambda st=pit.state: _state(st))  # fmt: skip
            verdict = (
                "cannot-tell" if pit.state == "not-recorded" else "contradicts"
            )  # repealed or not yet law
            out.append(_claim(kb, s, "penalty", verdict, claim, p, pit.version, state, claimed=(low, high)))
            continue
        v = pit.version
        conduct = _conducts(clause)
        forms = [(f, agg) for o in v.offences for f, agg in _forms(o)]
        if band is not None:
            # the victims the sentence names: the forms for exactly them, else those that reach them
            within = [(f, agg) for f, agg in forms if f.victim_age.within(band)]
            forms = within or [(f, agg) for f, agg in forms if f.victim_age.overlaps(band)] or forms
        if conduct:
            fitting = [(f, agg) for f, agg in forms if conduct & set(f.conduct)]
            if not fitting:
                out.append(_elsewhere(kb, s, claim, p, v, conduct, band, as_of, low, high))
                continue
            forms = fitting
        exact = [f for f, _ in forms if _same(kb, p, f, low, high)]
        if exact:
            out.append(
                _claim(
                    kb, s, "penalty", "agrees", claim, p, v, _penalty(kb, p, exact[0]), claimed=(low, high)
                )
            )
            continue
        if not forms:
            out.append(_claim(kb, s, "penalty", "cannot-tell", claim, p, v, None, claimed=(low, high)))
            continue
        nearest = min(forms, key=lambda fa: _distance(kb, p, fa[0], low, high))[0]
        out.append(
            _claim(kb, s, "penalty", "contradicts", claim, p, v, _penalty(kb, p, nearest), _span(kb, p, nearest),
                   claimed=(low, high))
        )  # fmt: skip
    return out


def _elsewhere(
    kb: KnowledgeBase, s: Sentence, claim: str, p: Provision, v: Version, conduct: set[str],
    band: AgeInterval | None, as_of: dt.date, low: str, high: str,
) -> shapes.CheckedClaim:  # fmt: skip
    """The article named punished no such conduct on the date: the one that did, when the corpus
    has it (its range agreeing or not)."""
    others = [
        (q, qv, f)
        for q, qv, o in kb.offences_at(as_of)
        for f, _agg in _forms(o)
        if conduct & set(f.conduct) and (band is None or f.victim_age.overlaps(band))
    ]
    if not others:
        said = words("{label} punishes no such conduct on {date}", label=kb.label(p.id), date=iso(as_of))
        return _claim(kb, s, "penalty", "contradicts", claim, p, v, said, claimed=(low, high))
    best = next(((q, qv, f) for q, qv, f in others if _same(kb, q, f, low, high)), others[0])
    q, qv, f = best
    label = kb.label(f.id)
    said = words(
        "{label} punishes no such conduct on {date}: {other} does, with {penalty}",
        label=kb.label(p.id), date=iso(as_of), other=label, penalty=_penalty(kb, q, f),
    )  # fmt: skip
    return _claim(kb, s, "penalty", "contradicts", claim, q, qv, said, label, claimed=(low, high))


def _same(kb: KnowledgeBase, p: Provision, o: Offence, low: str, high: str) -> bool:
    r = penalties.resolve(kb.scale_for(p), o.penalty)
    dpy = kb.scale_for(p).days_per_year if kb.scale_for(p) else 365  # type: ignore[union-attr]
    if r.min is None or r.max is None:
        return False
    return (penalties.duration_days(r.min, dpy), penalties.duration_days(r.max, dpy)) == (
        penalties.duration_days(low, dpy), penalties.duration_days(high, dpy),
    )  # fmt: skip


def _distance(kb: KnowledgeBase, p: Provision, o: Offence, low: str, high: str) -> int:
    r = penalties.resolve(kb.scale_for(p), o.penalty)
    if r.min_days is None or r.max_days is None:
        return 10**9
    return abs(r.min_days - penalties.duration_days(low)) + abs(r.max_days - penalties.duration_days(high))


_NO_JURISDICTION = re.compile(
    r"\bno\s+(?:\w+\s+){0,3}(?:provisions?|laws?|rules?|norms?|normas?|disposici\w+)\b[^.;]{0,50}"
    r"\b(?:allows?|provides?|establish\w*|grants?|permits?|contempl\w*|permit\w*)\b[^.;]{0,40}"
    r"(?:extraterritorial jurisdiction|jurisdicci[oó]n extraterritorial)"
    r"|\bthere is no extraterritorial jurisdiction\b|\bno (?:hay|existe)\s+jurisdicci[oó]n extraterritorial"
    r"|\bninguna\s+(?:\w+\s+){0,2}(?:disposici[oó]n|norma|ley)\b[^.;]{0,50}\b(?:permit\w*|establec\w*|contempl\w*)\b"
    r"[^.;]{0,40}jurisdicci[oó]n extraterritorial",
    re.IGNORECASE,
)  # a claim about the law as a whole ("no provision allows ..."), not about one named article
_NOT_AN_OFFENCE = re.compile(
    r"\b(?P<before>(?:is|are)\s+not\s+(?:\w+\s+)?criminali[sz]ed|no (?:est[aá]|se encuentra)n?\s+tipificad\w*)\b"
    r"|\b(?P<after>there is no (?:sanction|offence|penalty|crime) for|no (?:hay|existe) (?:sanci[oó]n|delito|pena) (?:para|por))\b",
    re.IGNORECASE,
)  # "X is not criminalised" names the conduct before; "there is no sanction for X" after


def _clause(text: str, start: int, end: int) -> str:
    """The clause of the sentence holding text[start:end] (between commas, semicolons or stops)."""
    left = max(text.rfind(c, 0, start) for c in ",;:")
    right = min((i for i in (text.find(c, end) for c in ",;.") if i != -1), default=len(text))
    return text[left + 1 : right].strip()


def _jurisdiction_claims(kb: KnowledgeBase, s: Sentence, as_of: dt.date) -> list[shapes.CheckedClaim]:
    m = _NO_JURISDICTION.search(s.text)
    if not m:
        return []
    rules = [(p, v) for p, v in kb.in_force_at(as_of) if v.extends_jurisdiction]
    claim = _clause(s.text, m.start(), m.end())
    if not rules:
        none = words("no rule extending jurisdiction abroad is in force on {date}", date=iso(as_of))
        return [_claim(kb, s, "jurisdiction", "agrees", claim, None, None, none)]
    p, v = rules[0]
    named = ", ".join(kb.label(q.id) for q, _ in rules)
    said = (
        words(
            "{named} extends jurisdiction to some offences committed abroad (in force on {date})",
            named=named,
            date=iso(as_of),
        )
        if len(rules) == 1
        else words(
            "{named} extend jurisdiction to some offences committed abroad (in force on {date})",
            named=named,
            date=iso(as_of),
        )
    )
    return [_claim(kb, s, "jurisdiction", "contradicts", claim, p, v, said)]


def _offence_claims(kb: KnowledgeBase, s: Sentence, as_of: dt.date) -> list[shapes.CheckedClaim]:
    m = _NOT_AN_OFFENCE.search(s.text)
    if not m:
        return []
    if m.group("before"):
        conduct = _conducts(s.text[: m.start()])
    else:
        conduct = _conducts(
            re.split(r"[.;,]", s.text[m.end() :], maxsplit=1)[0] + " " + s.text[m.end() :][:80]
        )
    if not conduct:
        return []
    found = [(p, v, o) for p, v, o in kb.offences_at(as_of) if conduct & set(o.conduct)]
    claim = _clause(s.text, m.start(), m.end())
    if not found:
        none = words("no offence of this conduct is in force on {date}", date=iso(as_of))
        return [_claim(kb, s, "offence", "agrees", claim, None, None, none)]
    p, v, o = found[0]
    said = words("{label} punishes it, with {penalty}", label=kb.label(o.id), penalty=_penalty(kb, p, o))
    return [_claim(kb, s, "offence", "contradicts", claim, p, v, said)]


def _says_penalties(kb: KnowledgeBase, p: Provision, says: str) -> set[tuple[str, str]]:
    """The penalties a recorded claim gives, as ranges ("61 days – 5 years", or a penalty named
    as the statute names it)."""
    out = {(_days(n.low), _days(n.high)) for n in _named_penalties(kb, p, says)}
    for m in _RANGE.finditer(says):
        try:
            low, high = _bounds(m)
            out.add((_days(low), _days(high)))
        except ValueError:
            continue
    return out


def _days(duration: str) -> str:
    return str(penalties.duration_days(duration))


def _attach_same_penalty(
    kb: KnowledgeBase, c: shapes.CheckedClaim, recorded: list[tuple[Provision, Version, int]]
) -> None:
    """A penalty claim about a provision gets the recorded claim about it that gives the same
    range: the corpus has weighed these very words already."""
    if c["claimed"] is None or c["provision"] is None:
        return
    key = (_days(c["claimed"]["min"]), _days(c["claimed"]["max"]))
    when = c["version"]["from"] if c["version"] else None
    for p, v, i in recorded:
        d = v.discrepancies[i]
        if p.id == c["provision"] and iso(v.start) == when and key in _says_penalties(kb, p, d.says):
            from .queries import discrepancy

            c["discrepancy"] = discrepancy(kb, d)
            c["sources"] = [citation(kb, d.citation)] + c["sources"]
            return


def _recorded(
    kb: KnowledgeBase,
    s: Sentence,
    as_of: dt.date,
    recorded: list[tuple[Provision, Version, int]],
    named: set[str],
    refs: list[Ref],
) -> shapes.CheckedClaim | None:
    """The recorded claim (a discrepancy of a version in force on the date) this sentence makes:
    one close to it about a provision the sentence (or the one before) names or the checks found
    it speaking of, or one very close to it whatever it names."""
    from .search import similarity

    best: tuple[float, Provision, Version, int] | None = None
    given = {(_days(c.low), _days(c.high)) for c in _claimed(kb, s, refs)}
    for p, v, i in recorded:
        penalties_said = _says_penalties(kb, p, v.discrepancies[i].says)
        if penalties_said and not penalties_said & given:
            continue  # a recorded claim about a penalty needs that penalty in the sentence
        score = similarity(v.discrepancies[i].says, s.text)
        if score < (SIMILAR if p.id in named else CLOSE):
            continue
        if best is None or score > best[0]:
            best = (score, p, v, i)
    if best is None:
        return None
    _, p, v, i = best
    d = v.discrepancies[i]
    verdict = "contradicts" if d.verdict == "contradicts" else "agrees"
    out = _claim(kb, s, "recorded", verdict, s.text, p, v, None)
    out["statute"], out["statute_es"] = d.statute, d.statute_es or d.statute
    from .queries import discrepancy

    out["discrepancy"] = discrepancy(kb, d)
    out["sources"] = [citation(kb, d.citation)] + out["sources"]
    return out


def check(kb: KnowledgeBase, path: Path, as_of: dt.date) -> shapes.CheckAnswer:
    """Every testable claim of the file, checked against the law in force on `as_of`."""
    kb = scoped(kb)
    text = _read(path)
    recorded = [
        (p, v, i) for p in kb.provisions.values() for v in p.versions for i, _d in enumerate(v.discrepancies)
    ]
    claims: list[shapes.CheckedClaim] = []
    read: dict[
        str, list[Ref]
    ] = {}  # each sentence's articles, resolved once (it is also the next one's before)
    for s in sentences(text):
        for said in (s.text, s.before):
            if said not in read:
                read[said] = _articles(kb, said)
        here, before = read[s.text], read[s.before]
        found = (
            _penalty_claims(kb, s, as_of, here, before)
            + _jurisdiction_claims(kb, s, as_of)
            + _offence_claims(kb, s, as_of)
        )
        for c in found:
            _attach_same_penalty(kb, c, recorded)
        named = {r.provision.id for r in here + before if r.provision}
        named |= {c["provision"] for c in found if c["provision"]}
        rec = _recorded(kb, s, as_of, recorded, named, here + before)
        same = [c for c in found if rec is not None and c["provision"] == rec["provision"]]
        if rec is not None and not any(c["kind"] == "penalty" for c in same):
            # a penalty the checks read in the words themselves decides; otherwise the recorded
            # reading goes with the claim the checks found, or stands as the claim
            for c in same:
                c["discrepancy"] = c["discrepancy"] or rec["discrepancy"]
            if not same:
                found.append(rec)
        claims += found
    counts = {v: sum(c["verdict"] == v for c in claims) for v in ("agrees", "contradicts", "cannot-tell")}
    return {
        "file": str(path),
        "as_of": iso(as_of),
        "jurisdiction": assessed(kb),
        "claims": claims,
        "counts": cast("shapes.CheckCounts", counts),
    }
