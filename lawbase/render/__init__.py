"""Renderers: they format the answers of the questions and never compute legal facts.

FORMATS is the one list of output formats: for each question (a function of lawbase.api, by
name), its formats and the writer of each. A command's `--format` choices, its default (the
first listed) and the wording of its `--format` help come from here, and `--json` is the
`json` writer. To add a format, write its writer and add one line below.

A writer prints one answer on standard output (an answer with `json_lists`, such as the whole
graph, is written as JSON record by record: see emit_json_records). It is given the answer and
what the command line asked (`request`: the values of its arguments and options, for the few
writers that need more than the answer, such as validate's folder). Writers import their
renderer when they run, so naming a format costs nothing: rich is imported only by
render/terminal.py.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

Request = Mapping[str, Any]
Writer = Callable[[Any, Request], None]


class Format(NamedTuple):
    write: Writer
    note: str = ""  # said after the format's name in `--format`'s help


def emit_json(obj: Any) -> None:
    """Print `obj` as JSON; as \\u escapes when the output encoding cannot show the text
    (PYTHONIOENCODING=ascii), which is the same JSON, losslessly. NaN and Infinity are not JSON:
    the loader refuses numbers that would make them, and allow_nan makes any other route to one
    a loud bug rather than output a JSON parser rejects."""
    from lawbase.errors import visible_json

    text = visible_json(json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False))
    try:
        text.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(obj, ensure_ascii=True, indent=2, allow_nan=False)
    sys.stdout.write(text + "\n")


# the encodings that can write any text the corpus holds (it refuses surrogates): streamed JSON
# needs no look at the whole text first
_WRITES_ALL = frozenset({"utf-8", "utf-16", "utf-32", "utf-8-sig"})
_CHUNK = 2000  # records written at once: few writes, little text held


def emit_json_records(head: Mapping[str, Any], lists: Mapping[str, Callable[[], Iterable[Any]]]) -> None:
    """Print the object `head` followed by the members `lists`, each a list made record by record
    (a callable giving its records afresh), as emit_json prints the whole object: the same
    bytes, but written in chunks, so the text of a long list is never held at once. When the
    output encoding might not write every character, the records are first made once to see
    whether all of the text can be written (emit_json's ascii fallback is all or nothing)."""
    import codecs

    encoding = sys.stdout.encoding or "utf-8"
    ascii_only = False
    try:
        sure = codecs.lookup(encoding).name in _WRITES_ALL
    except LookupError:
        sure = False
    if not sure:
        try:
            for chunk in _json_chunks(head, lists, False):
                chunk.encode(encoding, sys.stdout.errors or "strict")
        except (UnicodeEncodeError, LookupError):
            ascii_only = True
    for chunk in _json_chunks(head, lists, ascii_only):
        sys.stdout.write(chunk)


def _json_chunks(
    head: Mapping[str, Any], lists: Mapping[str, Callable[[], Iterable[Any]]], ascii_only: bool
) -> Iterator[str]:
    """The text of emit_json(head | lists), in pieces: json.dumps(indent=2) of each record
    (a flat record of text values is formatted here, which is the same text made faster)."""
    from json.encoder import encode_basestring, encode_basestring_ascii

    from lawbase.errors import visible_json

    quote = encode_basestring_ascii if ascii_only else encode_basestring

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=ascii_only, indent=2, allow_nan=False)

    def record(item: Any) -> str:
        if type(item) is not dict or not item:
            return "    " + dumps(item).replace("\n", "\n    ")
        fields = ",\n".join(
            f"      {quote(k)}: {quote(v)}"
            if type(k) is str and type(v) is str
            else "      " + dumps({k: v})[4:-2].replace("\n", "\n    ")
            for k, v in item.items()
        )
        return "    {\n" + fields + "\n    }"

    def clean(text: str) -> str:
        return text if ascii_only else visible_json(text)

    sep = "\n"  # before a member: the first follows the brace, the others a comma
    yield "{"
    for k, v in head.items():
        yield clean(f"{sep}  {quote(k)}: " + dumps(v).replace("\n", "\n  "))
        sep = ",\n"
    for name, make in lists.items():
        yield f"{sep}  {quote(name)}: ["
        sep = ",\n"
        batch: list[str] = []
        written = 0
        for item in make():
            batch.append(record(item))
            if len(batch) >= _CHUNK:
                yield clean(("\n" if not written else ",\n") + ",\n".join(batch))
                written += len(batch)
                batch.clear()
        if batch:
            yield clean(("\n" if not written else ",\n") + ",\n".join(batch))
            written += len(batch)
        yield "\n  ]" if written else "]"
    yield "}\n" if sep == "\n" else "\n}\n"


def _json(answer: Any, request: Request) -> None:
    lists = getattr(answer, "json_lists", None)
    if lists is not None:  # an answer too big to hold as text (graph.Parts): record by record
        emit_json_records(answer.json_head(), lists())
    else:
        emit_json(answer)


def _terminal(name: str) -> Writer:
    """render.terminal.<name>(answer), which prints with rich."""

    def write(answer: Any, request: Request) -> None:
        from . import terminal

        terminal.write(name, answer, request)

    return write


def _lines(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _write_lines(lines: Iterable[str]) -> None:
    """Lines written as they are made, a chunk at a time, each ending with a newline."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= _CHUNK:
            sys.stdout.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        sys.stdout.write("\n".join(batch) + "\n")


def _validate_table(answer: Any, request: Request) -> None:
    from lawbase.paths import data_dir

    from . import terminal

    terminal.validate(answer, str(data_dir(request.get("folder") or request.get("data"))))


def _gaps_md(answer: Any, request: Request) -> None:
    from . import markdown

    _lines(markdown.gaps(answer))


def _gaps_csv(answer: Any, request: Request) -> None:
    from . import table_csv

    sys.stdout.write(table_csv.gaps(answer))


def _matrix_md(answer: Any, request: Request) -> None:
    from . import markdown

    _lines(markdown.matrix(answer))


def _check_md(answer: Any, request: Request) -> None:
    from . import markdown

    _lines(markdown.check(answer))


def _case_md(answer: Any, request: Request) -> None:
    from . import markdown

    _lines(markdown.case(answer))


def _matrix_csv(answer: Any, request: Request) -> None:
    from . import table_csv

    sys.stdout.write(table_csv.matrix(answer))


def _csv(name: str) -> Writer:
    """render.table_csv.<name>(answer): CSV with a byte-order mark, so a spreadsheet opened with
    a double-click reads it as UTF-8."""

    def write(answer: Any, request: Request) -> None:
        from . import table_csv

        sys.stdout.write(getattr(table_csv, name)(answer))

    return write


def _site_line(answer: Any, request: Request) -> None:
    from lawbase.errors import visible

    print(visible(f"{answer['pages']} pages written to {answer['outdir']} (open index.html)"))


def _graph(name: str) -> Writer:
    """A drawing of the graph's shape (render/graphs.py); svg and html draw one article's
    neighbourhood, so they need the article's node (`centre` in the request)."""

    def write(answer: Any, request: Request) -> None:
        from lawbase.errors import UsageError

        from . import graphs

        centre = request.get("centre")
        if name in ("dot", "mermaid"):
            lines = graphs.dot_lines(answer) if name == "dot" else graphs.mermaid_lines(answer)
            _write_lines(lines)
            return
        if centre is None:
            raise UsageError("--format svg and html draw one article's neighbourhood: name the article")
        svg = graphs.to_svg(answer, centre)
        _lines(svg if name == "svg" else graphs.svg_page(svg, graphs.label(answer, centre)))

    return write


def _plain(*names: str) -> dict[str, dict[str, Format]]:
    """Questions answered on the terminal by render.terminal.<name>, or as JSON."""
    return {name: {"table": Format(_terminal(name)), "json": Format(_json)} for name in names}


_CSV_NOTE = "for a spreadsheet: UTF-8 with a BOM"

FORMATS: dict[str, dict[str, Format]] = {
    **_plain("show", "search"),
    "penalty": {**_plain("penalty")["penalty"], "csv": Format(_csv("penalty"), _CSV_NOTE)},
    "penalties_for_conduct": {
        **_plain("penalties_for_conduct")["penalties_for_conduct"],
        "csv": Format(_csv("penalties_for_conduct"), _CSV_NOTE),
    },
    "validate": {"table": Format(_validate_table), "json": Format(_json)},
    "gaps": {
        "table": Format(_terminal("gaps")),
        "json": Format(_json),
        "md": Format(_gaps_md, "a submission-ready document"),
        "csv": Format(_gaps_csv, _CSV_NOTE),
    },
    "coverage": {**_plain("coverage")["coverage"], "csv": Format(_csv("coverage"), _CSV_NOTE)},
    **_plain("compare", "compare_states", "age", "refs", "extradition"),
    "case": {
        "table": Format(_terminal("case")),
        "json": Format(_json),
        "md": Format(_case_md, "a memo with footnotes"),
    },
    "check": {
        "table": Format(_terminal("check")),
        "json": Format(_json),
        "md": Format(_check_md, "a list of the claims with footnotes"),
    },
    "matrix": {
        "table": Format(_terminal("matrix")),
        "json": Format(_json),
        "md": Format(_matrix_md, "a comparison table with footnotes"),
        "csv": Format(_matrix_csv, _CSV_NOTE),
    },
    "graph": {
        "dot": Format(_graph("dot")),
        "mermaid": Format(_graph("mermaid")),
        "json": Format(_json),
        "svg": Format(_graph("svg")),
        "html": Format(_graph("html"), "a page holding the SVG"),
    },
    "site": {"table": Format(_site_line), "json": Format(_json)},
}


def formats_help(question: str) -> str:
    """`--format`'s help, from the registry: 'table, json, md (a submission-ready document) or csv.'"""
    named = [f"{name} ({f.note})" if f.note else name for name, f in FORMATS[question].items()]
    return f"{', '.join(named[:-1])} or {named[-1]}."


MARKED = ("table", "json", "md", "csv")  # the formats that can say an answer is hypothetical
# (the site marks each of its pages itself: lawbase/site.py)


def write(question: str, fmt: str, answer: Any, request: Request) -> None:
    """Print `answer` to question `question` in format `fmt` (one of FORMATS[question]). An answer
    about a bill (--overlay) says so before anything else: a line on the terminal, in the
    Markdown and as the CSV's first row, `hypothetical` in the JSON."""
    hypothetical = request.get("hypothetical")
    if hypothetical is None:
        FORMATS[question][fmt].write(answer, request)
        return
    from lawbase.errors import UsageError
    from lawbase.overlay import banner

    if fmt not in MARKED:
        raise UsageError(
            f"--overlay: --format {fmt} cannot mark the answer as hypothetical; use table, json, md or csv"
        )
    line = banner(hypothetical)
    if fmt == "json":
        if isinstance(answer, dict):
            answer = {"hypothetical": hypothetical, **answer}
        FORMATS[question][fmt].write(answer, request)
        return
    if fmt == "md":
        print(f"> **{line}**\n")
    elif fmt == "csv":  # the banner is the first row; the BOM stays the file's first character
        import contextlib
        import io

        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            FORMATS[question][fmt].write(answer, request)
        sys.stdout.write("\ufeff" + '"' + line.replace('"', '""') + '"\r\n' + buf.getvalue().lstrip("\ufeff"))
        return
    else:
        from lawbase.errors import visible

        print(visible(line))
        print()
    FORMATS[question][fmt].write(answer, request)
