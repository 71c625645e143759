"""References as people type them -> canonical ids; the natural order of article numbers.

"367ter", "367 ter", "Art. 367-ter", "ART. 367 TER", "Artículo 367 ter", "CP 367 ter",
"411 quáter", "OPSC 3(1)(c)", "CRC 34" and "COT 6" all parse into an instrument hint (or none),
an article number, a Latin ordinal, an optional letter and sub-paragraphs. The words around the
number ("artículo", "del") are each jurisdiction's, from its file (see Syntax). Resolution against a
corpus (KnowledgeBase.resolve) turns the parse into one id. Accents and case never matter.
An inciso or párrafo after the article ("inc. 2", "inciso 2", "párr. 3") is kept as `part`, and a
word after the number that is near a suffix ("tre", "quinq") or a second suffix ("octies bis")
as `suffix`, so that neither is read as an instrument's name. "Ley N° 21.522" is "Ley 21.522".

Article numbers sort naturally: 367 < 367 bis < 367 ter < 367 quáter < ... < 367 octies < 368.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

ORDINALS = (
    "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "nonies", "decies",
    "undecies", "duodecies",
)  # fmt: skip
_ORD_INDEX = {name: i + 1 for i, name in enumerate(ORDINALS)}
_ORD_RE = "|".join(sorted(ORDINALS, key=len, reverse=True))

_NUMBER = re.compile(
    rf"""(?P<num>\d+)
        (?:[\s-]*(?P<ord>{_ORD_RE})\b)?
        (?:[\s-]+(?P<letter>[a-z])(?=\s|$|\())?
        (?P<subs>(?:\s*\(\s*[0-9a-z]+\s*\))*)""",
    re.VERBOSE,
)
_SUB = re.compile(r"\(\s*([0-9a-z]+)\s*\)")
# What a person types is at most this long: a longer "reference" is pasted by mistake or
# hostile, and parsing it (a 129,000-digit article number) or suggesting near matches for it
# would cost time for no answer
MAX_TYPED = 1_000

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?")


def too_long(text: str, what: str = "reference") -> str | None:
    """The reason `text` is refused as too long to be typed, or None."""
    if len(text) <= MAX_TYPED:
        return None
    return f"the {what} is {len(text):,} characters long; lawbase takes at most {MAX_TYPED:,}"


# the combining marks of the block accents decompose into (U+0300-U+036F, but the grapheme
# joiner): removed by one regex pass; a text with others left takes the per-character pass
_COMMON_MARKS = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]+"
)


def fold(text: str) -> str:
    """Lower case, accents removed, whitespace collapsed."""
    if text.isascii():  # no accent to remove (most ids and numbers): no per-character pass
        return " ".join(text.lower().split())
    nfkd = unicodedata.normalize("NFKD", text)
    plain = _COMMON_MARKS.sub("", nfkd)
    if not plain.isascii():
        plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


# a word is a run of digits or a run of letters (\w is str.isalnum() or "_", character by
# character; a letter is a \w that is neither a digit nor "_"): one pass, no look-behind
_WORD = re.compile(r"\d+|[^\W\d_]+")


def search_words(text: str) -> list[str]:
    """Folded words with numbers split from letters ('Art. 367ter' -> 'art', '367', 'ter')."""
    return _WORD.findall(fold(text))


def alias_key(text: str) -> str:
    """How an instrument alias is compared: folded, dots and spaces removed ('C.P.' -> 'cp')."""
    return re.sub(r"[\s.]+", "", fold(text))


class Syntax(NamedTuple):
    """How a jurisdiction's references are written (data/jurisdictions/<id>.yaml, `references`):
    words for "article" dropped before the number ("artículo", "art."), and words between the
    number and an instrument's name ("367 ter del Código Penal")."""

    article_words: re.Pattern[str] | None = None
    connectors: re.Pattern[str] | None = None


NO_SYNTAX = Syntax()


@lru_cache(maxsize=16)
def syntax(article_words: tuple[str, ...], connectors: tuple[str, ...]) -> Syntax:
    """The compiled Syntax of these words (accents and case never matter; longest first, so
    that "arts" is not read as "art" followed by "s")."""

    def alternatives(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted({fold(w) for w in words}, key=len, reverse=True))

    return Syntax(
        re.compile(rf"\b(?:{alternatives(article_words)})\b\.?") if article_words else None,
        re.compile(rf"^(?:{alternatives(connectors)})\s+") if connectors else None,
    )


class ParsedRef(NamedTuple):
    """A reference as typed, taken apart."""

    text: str
    instrument: str | None  # the alias as typed (folded), if any
    number: int
    ordinal: str | None
    letter: str | None
    subs: tuple[str, ...]
    rest: str  # what follows the article, e.g. "n°10"
    part: str | None = None  # the inciso or párrafo asked for, as the corpus writes it ("inc. 2")
    suffix: str | None = None  # a word after the number that is no ordinal but near one ("tre")

    @property
    def article_slug(self) -> str:
        return "-".join(p for p in (str(self.number), self.ordinal or "", self.letter or "") if p)

    def slugs(self) -> list[str]:
        """Candidate slugs, most specific first: '3-1-c', '3-1', '3'."""
        base = self.article_slug
        out = ["-".join([base, *self.subs[:n]]) for n in range(len(self.subs), -1, -1)]
        return out


def _match_alias(folded: str, key: str) -> int | None:
    """Where alias `key` (see alias_key) ends at the start of `folded`, spaces and dots in
    `folded` being ignored; None unless the alias ends at a word boundary."""
    i = 0
    for ch in key:
        while i < len(folded) and folded[i] in " .":
            i += 1
        if i >= len(folded) or folded[i] != ch:
            return None
        i += 1
    if i < len(folded) and folded[i] == ".":
        i += 1
    if i == len(folded):
        return i
    nxt = folded[i]
    if nxt.isdigit():
        return None if key[-1].isdigit() else i  # "CP367" yes; "Ley 19.9275" is not Ley 19.927
    return i if nxt in " (-" else None


def parse(text: str, aliases: tuple[str, ...] = (), words: Syntax = NO_SYNTAX) -> ParsedRef | None:
    """Take a typed reference apart; None if it holds no article number.

    `aliases` are instrument names to recognise at the start (longest first), so that the
    digits of a name such as "Ley 19.927" are not read as the article number; `words` are the
    jurisdictions' words for "article" and connectors (KnowledgeBase.reference_syntax).
    """
    if too_long(text):
        return None
    folded = fold(text).replace("º", "°")
    lead = None
    if folded[:1].isalpha():  # a bare number ("367 ter") needs no alias
        keys = sorted(
            {alias_key(a) for a in aliases if alias_key(a)[:1] == folded[:1]}, key=len, reverse=True
        )
        for key in keys:
            end = _match_alias(folded, key)
            if end is not None:
                lead = folded[:end]
                folded = folded[end:]
                break
    m = None
    cleaned = words.article_words.sub(" ", folded) if words.article_words else folded
    for candidate in _NUMBER.finditer(cleaned):
        # the article number is the first number not inside an instrument alias such as
        # "ley 19.927": we take the first run of digits preceded by a space or the start
        start = candidate.start()
        if start == 0 or cleaned[start - 1] in " -(":
            m = candidate
            break
    if m is None:
        return None
    before = cleaned[: m.start()].strip(" .,-")
    after = cleaned[m.end() :].strip(" .,")
    instrument = lead or before or None
    part = None
    pm = _PART.match(after)
    if pm:
        part = f"{_PART_KINDS[pm.group('kind')]} {pm.group('n')}"
        after = after[pm.end() :].strip(" .,")
    extra: list[str] = []
    while (sm := _SUFFIX_WORD.match(after)) and _suffix_like(sm.group(1)):
        # "367 tre", "366quinq", "367 octies bis", "367 tre bis": a suffix mistyped, or too many
        extra.append(sm.group(1))
        after = after[sm.end() :].strip(" .,")
    suffix = " ".join(extra) or None
    if extra:
        pm = _PART.match(after)
        if pm and part is None:
            part = f"{_PART_KINDS[pm.group('kind')]} {pm.group('n')}"
            after = after[pm.end() :].strip(" .,")
    rest = after
    if instrument is None and after:
        # "367 ter del codigo penal" / "367 ter CP"
        tail = words.connectors.sub("", after) if words.connectors else after
        instrument, rest = tail, ""
    subs = tuple(_SUB.findall(m.group("subs") or ""))
    return ParsedRef(
        text=text,
        instrument=instrument,
        number=int(m.group("num")),
        ordinal=m.group("ord"),
        letter=m.group("letter"),
        subs=subs,
        rest=rest,
        part=part,
        suffix=suffix,
    )


# an inciso or párrafo after the article: "inc. 2", "inciso 2", "párr. 3", "párrafo 3", "¶3"
_PART = re.compile(r"(?P<kind>incisos?|inc|parrafos?|parr|¶)\.?\s*(?P<n>\d+)\b")
_PART_KINDS = {
    "inc": "inc.", "inciso": "inc.", "incisos": "inc.",
    "parr": "párr.", "parrafo": "párr.", "parrafos": "párr.", "¶": "párr.",
}  # fmt: skip
_SUFFIX_WORD = re.compile(r"([a-z]{2,})\b")
# words that may follow an article number and are no suffix
_NOT_SUFFIX = frozenset({"del", "de", "la", "cp", "cpp", "cot", "ley", "codigo", "inc", "parr", "numero"})


def _suffix_like(word: str) -> bool:
    return word not in _NOT_SUFFIX and (word in _ORD_INDEX or bool(near_ordinals(word)))


def near_ordinals(word: str) -> list[str]:
    """The Latin ordinals a typed word may have meant, nearest first: 'tre' -> ['ter'],
    'quinq' -> ['quinquies'], 'quarter' -> ['quater']. A word is near an ordinal when it starts
    with the same letter and is its beginning (three letters or more) or at most two edits
    (a transposition counts as one) away from it."""
    from rapidfuzz.distance import OSA

    w = fold(word)
    if len(w) < 3:
        return []
    scored = []
    for o in ORDINALS:
        if o[0] != w[0] or o == w:
            continue
        d = 0 if o.startswith(w) else OSA.distance(w, o)
        if d <= 2:
            scored.append((d, _ORD_INDEX[o], o))
    return [o for _, _, o in sorted(scored)]


# "Ley N° 21.522", "Ley Nº 21522", "ley no. 21.522", "Law No. 21.522", "ley número 26.904"
_LAW_NUMBER = re.compile(
    r"^\s*(?:ley|law)\s*(?:n\s*[°º]|no\.|nro\.?|num\.|numero|número)?\s*(?=\d)", re.IGNORECASE
)


def law_name(text: str) -> str:
    """A law named with its number as people write it, as the corpus's aliases write it
    ('Ley N° 21.522' -> 'Ley 21.522'); any other text as it is."""
    return _LAW_NUMBER.sub("Ley ", text, count=1)


def looks_like_id(text: str) -> bool:
    """True for a canonical id such as 'zz-pc/12' or 'zz-pc/12-bis#armed'."""
    return _ID.fullmatch(text.strip()) is not None


def slug(number: str | int) -> str:
    """An article number as written -> its slug: '367 ter' -> '367-ter', '411 quáter' -> '411-quater'."""
    text = fold(str(number))
    text = re.sub(r"[()\s.]+", "-", text)
    text = re.sub(r"-+", "-", text).strip("-")
    return text


def number_key(number: str) -> tuple[int, int, str, str]:
    """Sort key for article numbers or slugs: 367 < 367 bis < 367 ter < 367 quáter < 368."""
    text = fold(number).replace("-", " ")
    m = _NUMBER_KEY.match(text)
    if not m:
        return (10**9, 0, text, "")
    return (int(m.group(1)), _ORD_INDEX.get(m.group(2) or "", 0), m.group(3), "")


_NUMBER_KEY = re.compile(rf"\s*(\d+)\s*({_ORD_RE})?\s*(.*)")


def id_key(ident: str) -> tuple[str, tuple[int, int, str, str], str]:
    """Sort key for provision ids: by instrument, then natural article order."""
    inst, _, rest = ident.partition("/")
    art, _, frag = rest.partition("#")
    return (inst, number_key(art), frag)
