"""Exceptions the core raises; the CLI turns each into one line per problem and an exit code."""

from __future__ import annotations

import re
from typing import NamedTuple

# What must never reach a terminal, a log or a pipe as itself, whoever wrote it (a corpus file, a
# file name, an argument): C0 controls but tab, line feed and carriage return (those three are
# decided by each caller), DEL, C1 controls (U+0085 included), the bidirectional controls that
# reorder what a reader sees (U+061C, U+200E/F, U+202A-E, U+2066-9), the line and paragraph
# separators that some tools break lines at, a byte-order mark, the non-characters and lone
# surrogates (what an undecodable file name becomes). The loader refuses them in the corpus;
# everything printed shows them as escapes.
UNPRINTABLE = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff"
)
_PATTERNS: dict[str, re.Pattern[str]] = {}


def unprintable_in_text() -> re.Pattern[str]:
    """What a text value may not hold: UNPRINTABLE and a carriage return (a line break in a file,
    where YAML reads it as one, but inside a value only an escape makes one, and it overwrites
    what is shown). Compiled on first use: a warm `lawbase show` prints no error, and compiling
    these classes costs more than the rest of this module."""
    return _pattern("text", f"[\r{UNPRINTABLE}]")


def _pattern(name: str, source: str) -> re.Pattern[str]:
    found = _PATTERNS.get(name)
    if found is None:
        found = _PATTERNS[name] = re.compile(source)
    return found


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    if c in "\n\r":
        return "\\n" if c == "\n" else "\\r"
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def visible(text: str, *, one_line: bool = True) -> str:
    """`text` with every unprintable character shown as an escape (`\\x1b`, `\\u202e`); with
    `one_line`, line feeds too, so one message is always exactly one line."""
    pattern = _pattern("line", f"[\r\n{UNPRINTABLE}]") if one_line else unprintable_in_text()
    return pattern.sub(_escape, text)


def visible_json(text: str) -> str:
    """JSON text with the unprintable characters json.dumps(ensure_ascii=False) leaves as they are
    (C1 and bidi controls, U+2028 ...) written as \\u escapes: the same value to a parser."""
    return unprintable_in_text().sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Problem(NamedTuple):
    """One thing wrong with the data, located as precisely as the input allows."""

    file: str
    line: int | None
    col: int | None
    field: str
    message: str

    def __str__(self) -> str:
        # file names, keys and quoted values come from outside: escaped, they cannot forge a
        # second `file:line:col` line or drive the terminal
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        field = self.field or "(file)"
        return visible(f"{where}: {_shortened(field)}: {_shortened(self.message)}")


MAX_SHOWN = 400  # characters of a field or message printed in one problem line


def _shortened(text: str) -> str:
    """A 129 KB value quoted in a message would make a 129 KB line: keep both ends, say how much."""
    if len(text) <= MAX_SHOWN:
        return text
    half = MAX_SHOWN // 2
    return f"{text[:half]}…[{len(text) - 2 * half:,} characters]…{text[-half:]}"


class LawbaseError(Exception):
    """Base of every error lawbase raises on purpose; `exit_code` is what the CLI returns."""

    exit_code = 2

    def lines(self) -> list[str]:
        """The message as it is printed, one line per item."""
        return [str(self)]


class DataError(LawbaseError):
    """The corpus is invalid: every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.col or 0, p.field, p.message))
        super().__init__(f"{len(self.problems)} problem(s) in the corpus")

    def lines(self) -> list[str]:
        files = len({p.file for p in self.problems})
        n = len(self.problems)
        summary = f"{n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}"
        return [str(p) for p in self.problems] + [summary]


class UsageError(LawbaseError):
    """The user asked for something malformed (a bad date, an unknown option value)."""


class NotFound(LawbaseError):
    """A reference or query matched nothing; carries the closest matches as suggestions."""

    exit_code = 1

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        self.suggestions = suggestions or []
        super().__init__(message)

    def lines(self) -> list[str]:
        if not self.suggestions:
            return [str(self)]
        from lawbase.i18n import t

        return [
            t("{message} (did you mean: {choices}?)", message=str(self), choices=", ".join(self.suggestions))
        ]


class CacheDamaged(LawbaseError):
    """A cache row read while answering was not a well-formed record: the cache was removed, and
    the question must be asked again (the CLI does so once, by itself)."""

    def __init__(self, path: object, why: str) -> None:
        super().__init__(
            f"{path}: the compiled cache was damaged ({why}) and has been removed; run the command again"
        )
