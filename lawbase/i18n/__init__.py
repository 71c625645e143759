"""The reader's language: every string a person reads (terminal, Markdown, CSV headers, site)
exists in English and Spanish.

A string is written in English in the code and passed through `t()`; in Spanish it is looked up
in the catalogues of this package (one module per reader-facing area, each a plain `MESSAGES`
dict from the English text to the Spanish one, so two people working on two areas never edit
the same file). Placeholders are `str.format` fields: `t("in force since {date}", date=...)`.

The language is the innermost `use(lang)` block, else the one `set_language` chose (the CLI's
`--lang`), else the locale's (`LC_ALL`, `LC_MESSAGES`, `LANG`: Spanish when it starts `es`).

JSON output and ids are not translated: they are for programs.

With `LAWBASE_STRICT_I18N=1` (the test suite sets it) a Spanish look-up with no entry raises
`MissingTranslation`, so a reader-facing string added without its Spanish fails the tests that
render in Spanish instead of silently showing English.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from contextvars import ContextVar

from lawbase.i18n import es_case, es_cli, es_refs, es_report, es_site, es_terminal, es_words

LANGS = ("en", "es")

_chosen: ContextVar[str | None] = ContextVar("lawbase_lang", default=None)


class MissingTranslation(KeyError):
    """A reader-facing English string with no Spanish entry (raised only in strict mode)."""


def _merge(*catalogues: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for cat in catalogues:
        for en, es in cat.items():
            if en in out and out[en] != es:
                raise ValueError(f"two Spanish texts for {en!r}: {out[en]!r} and {es!r}")
            out[en] = es
    return out


SPANISH: dict[str, str] = _merge(
    es_words.MESSAGES,
    es_cli.MESSAGES,
    es_terminal.MESSAGES,
    es_report.MESSAGES,
    es_site.MESSAGES,
    es_refs.MESSAGES,
    es_case.MESSAGES,
)


def from_locale(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


def current() -> str:
    return _chosen.get() or from_locale()


def chosen() -> str | None:
    """The language `set_language` chose (None: the locale's)."""
    return _chosen.get()


def set_language(lang: str | None) -> None:
    """The language for the rest of this process (None: the locale's)."""
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    _chosen.set(lang)


@contextlib.contextmanager
def use(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block (the site builds each language in turn)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    token = _chosen.set(lang)
    try:
        yield
    finally:
        _chosen.reset(token)


def _strict() -> bool:
    return os.environ.get("LAWBASE_STRICT_I18N", "") not in ("", "0")


def t(en: str, /, **fields: object) -> str:
    """`en` in the reader's language, with `fields` filled in."""
    text = en
    if current() == "es":
        es = SPANISH.get(en)
        if es is None:
            if _strict():
                raise MissingTranslation(en)
        else:
            text = es
    return text.format(**fields) if fields else text


def has(en: str) -> bool:
    """Whether `en` has a Spanish text (for the catalogue's own tests)."""
    return en in SPANISH
