"""Exceptions the core raises; the CLI turns each into one line per problem and an exit code."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with the data, located as precisely as the input allows."""

    file: str
    line: int | None
    col: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        field = self.field or "(file)"
        return f"{where}: {field}: {self.message}"


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
        return [f"{self} (did you mean: {', '.join(self.suggestions)}?)"]


class CacheDamaged(LawbaseError):
    """A cache row read while answering was not a well-formed record: the cache was removed, and
    the question must be asked again (the CLI does so once, by itself)."""

    def __init__(self, path: object, why: str) -> None:
        super().__init__(
            f"{path}: the compiled cache was damaged ({why}) and has been removed; run the command again"
        )
