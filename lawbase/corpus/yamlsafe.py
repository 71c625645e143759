"""Strict YAML reading for legal data: libyaml events composed by hand, with every position kept.

PyYAML's loaders are unfit for legal data as they stand (see shared/notes/measurements.md): they
keep the last of two duplicate keys, expand anchors and aliases (billion laughs, merge-key
amplification), turn `no` into False, `012` into 10 and `2004-01-14` into a date, and libyaml's
recursive composer segfaults on deep nesting. So we take only the *event stream* from the safe
libyaml parser (a state machine with heap stacks, no recursion) and compose plain Python values
ourselves, iteratively:

* duplicate keys, anchors, aliases, explicit tags and multi-document files are problems;
* plain scalars resolve YAML-1.2-like and narrowly: `null`/`~`/empty, `true`/`false`, decimal
  integers without leading zeros, simple decimals; everything else, dates included, stays text;
  a number with more than MAX_DIGITS digits before the point is a problem (no corpus value is
  that large, Python's int() refuses 4,300 digits and float() makes 400 of them infinity, which
  no JSON can carry);
* nesting deeper than MAX_DEPTH stops the read with a located problem, whatever limits the
  installed libyaml has of its own: its scanner reads a flow collection (`[[[[...`) ahead of
  the events we count, so a cheap scan finds a flow opener past MAX_DEPTH first and only the
  text up to it is handed to the parser (see `_deep_flow_at`);
* bytes are decoded here, so invalid UTF-8 and control characters get a line and column; the
  characters refused are errors.UNPRINTABLE (controls, bidirectional controls, U+0085, U+2028,
  U+2029 ...), written as themselves or, in a double-quoted scalar, as an escape (`"\\e"`,
  `"\\u202e"`): the escapes are looked for only in files that hold a backslash, so plain files
  pay nothing;
* positions follow one rule, an editor's: `\\n`, `\\r\\n` and a lone `\\r` end a line (as
  libyaml counts them too, once U+0085, U+2028 and U+2029 are refused), columns count
  characters;
* files over MAX_BYTES are refused before any parsing.

The result is the value plus `marks`, a map from field path to (line, column) of the value, and
`key_marks` for the key itself (where "unknown key" and "duplicate key" problems point).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from lawbase.errors import UNPRINTABLE, Problem, unprintable_in_text

from .files import MAX_BYTES as MAX_BYTES
from .files import too_large

MAX_DEPTH = 40
MAX_DIGITS = 18  # an int64 holds every such integer; fines and ages need far fewer

Path = tuple[str | int, ...]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_NULL = {"", "~", "null", "Null", "NULL"}
_NUMERIC_START = set("-0123456789")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_PLAIN_SPECIAL = _NULL | _TRUE | _FALSE
_NESTING = f"nesting deeper than {MAX_DEPTH} levels is not allowed"
_FLOW_MARK = re.compile(r"[\[\]{}\"'#\n\r]")
_EOL = re.compile(r"[\r\n]")
_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_SINGLE_QUOTED = re.compile(r"'(?:[^']|'')*'", re.S)
# raw text may hold tab, LF and CR (line breaks); YAML forbids most of the rest and libyaml
# reports it without a line, or counts U+0085/U+2028/U+2029 as line breaks no editor shows
_BAD_CHAR = re.compile(f"[{UNPRINTABLE}]")
_IN_TEXT = unprintable_in_text()
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_CHAR_NAMES = {"\ufeff": "byte-order mark", "\u2028": "line separator", "\u2029": "paragraph separator"}


def format_path(path: Path) -> str:
    """`('versions', 2, 'penalty')` -> `versions[2].penalty`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass
class Document:
    """A parsed file: its value, where each field stands, and the problems met while reading."""

    file: str
    value: Any = None
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    located: bool = False

    def where(self, path: Path, *, key: bool = False) -> tuple[int | None, int | None]:
        """The position of `path` (its key if `key`), else of its nearest located ancestor."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        p = path
        while True:
            if p in self.marks:
                return self.marks[p]
            if not p:
                return (None, None)
            p = p[:-1]

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(path, key=key)
        return Problem(self.file, line, col, format_path(path), message)


def _line_col(text: str, index: int) -> tuple[int, int]:
    """The editor's line and column of `text[index]`: LF, CRLF and a lone CR end a line."""
    line = text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index) + 1
    col = index - max(text.rfind("\n", 0, index), text.rfind("\r", 0, index))
    return line, col


def _refused(char: str) -> str:
    """The problem with a character of errors.UNPRINTABLE (or a CR in a value), named."""
    what = _CHAR_NAMES.get(char) or (
        "bidirectional control character" if char in _BIDI else
        "non-character" if char in "\ufffe\uffff" else "control character"
    )  # fmt: skip
    return f"{what} U+{ord(char):04X} is not allowed in the corpus"


def decode(file: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 bytes -> text; a leading byte-order mark is dropped, anything else wrong is located."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(good, len(good))
        bad = data[exc.start : exc.start + 1].hex()
        msg = f"not valid UTF-8 (byte 0x{bad}); the corpus must be UTF-8 text"
        return None, [Problem(file, line, col, "", msg)]
    m = _BAD_CHAR.search(text)
    if m:
        line, col = _line_col(text, m.start())
        return None, [Problem(file, line, col, "", _refused(m.group()))]
    return text, []


class _Refused(ValueError):
    """A scalar the corpus may not hold; its message is the problem's."""


def _escaped(value: str) -> None:
    """Refuse what an escape in a double-quoted scalar wrote that the raw text could not hold."""
    m = _IN_TEXT.search(value)
    if m:
        raise _Refused(_refused(m.group()) + " (written as an escape in double quotes)")


def resolve_plain(value: str) -> Any:
    """The narrow YAML-1.2-like resolution of an unquoted scalar (see the module docstring);
    _Refused for a number too large."""
    first = value[:1]
    if first in _NUMERIC_START:
        if _INT.fullmatch(value):
            digits = len(value) - (first == "-")
        elif _FLOAT.fullmatch(value):
            digits = value.index(".") - (first == "-")
        else:
            return value
        if digits > MAX_DIGITS:
            raise _Refused(
                f"number too large ({digits} digits; a corpus number has at most {MAX_DIGITS} "
                "before any decimal point): quote it if it is text"
            )
        return int(value) if "." not in value else float(value)
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return value


def parse(file: str, data: bytes, located: bool = False) -> Document:
    """Read one YAML file strictly. `file` is the name used in problems.

    Without `located`, a well-formed file is composed without recording where each value
    stands (most files are fine, and positions are the costly part); anything unusual - a
    syntax error, a duplicate key, an anchor, a tag, deep nesting - is read again with
    positions so its problem can be located. `Document.located` says which happened; callers
    that find a problem in an unlocated document parse again with `located=True`.
    """
    doc = Document(file)
    if len(data) > MAX_BYTES:
        doc.problems.append(too_large(file, len(data)))
        return doc
    text, problems = decode(file, data)
    if text is None:
        doc.problems.extend(problems)
        return doc
    cut = _deep_flow_at(text)
    if cut is not None:
        # only the text up to the opener past MAX_DEPTH reaches the parser: our composer stops
        # there with its own problem (and position and field), before any limit of libyaml's
        probe = Document(file, located=True)
        _compose(probe, text[: cut + 1])
        if any(p.message == _NESTING for p in probe.problems):
            probe.problems = probe.problems[: [p.message for p in probe.problems].index(_NESTING) + 1]
            return probe
    if not located:
        value = _compose_fast(text)
        if value is _NOTHING:
            doc.problems.append(Problem(file, 1, 1, "", "empty file: expected a mapping"))
            return doc
        if value is not _FAILED and isinstance(value, dict):
            doc.value = value
            return doc
    doc.located = True
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        doc.problems.append(Problem(file, 1, 1, "", "empty file: expected a mapping"))
        return doc
    _compose(doc, text)
    if not doc.problems and not isinstance(doc.value, dict):
        kind = "a list" if isinstance(doc.value, list) else "a single value"
        line, col = doc.marks.get((), (1, 1))
        doc.problems.append(Problem(file, line, col, "", f"the file holds {kind}; expected a mapping"))
    return doc


def _deep_flow_at(text: str) -> int | None:
    """The offset of the first flow opener (`[` or `{`) that a scan puts deeper than MAX_DEPTH,
    or None. The scan knows comments, quoted scalars and that a bracket inside a plain scalar
    of block context is text; it need not be exact, since `parse` confirms what it finds with
    the composer, and block nesting reaches the composer event by event anyway."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    pos = 0
    search = _FLOW_MARK.search
    while (m := search(text, pos)) is not None:
        i = m.start()
        c = text[i]
        pos = i + 1
        if c in "\r\n":
            continue
        k = i - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        prev = text[k] if k >= 0 else "\n"
        if prev == "\r":
            prev = "\n"
        spaced = k < i - 1
        if c == "#":
            if spaced or prev == "\n":
                end = _EOL.search(text, i)
                if end is None:
                    return None
                pos = end.start()
            continue
        token_start = prev in "\n[{," or (prev in ":-?" and (spaced or depth > 0))
        if c in "\"'":
            if token_start:
                quoted = (_DOUBLE_QUOTED if c == '"' else _SINGLE_QUOTED).match(text, i)
                if quoted is None:
                    return None  # unterminated: the parser reports it
                pos = quoted.end()
        elif c in "[{":
            if depth or token_start:
                depth += 1
                if depth > MAX_DEPTH:
                    return i
        elif depth:
            depth -= 1
    return None


_NOTHING = object()  # the stream held no document
_FAILED = object()  # something needs the located composer to be reported
_NO_KEY = object()


# libyaml's events for _compose_fast as plain tuples: (kind, anchor, tag, value, style) for a
# scalar, (kind, anchor, tag) for a collection's start, (kind,) for the rest
_SCALAR, _MAP, _SEQ, _END, _DOC, _STREAM_END, _ALIAS, _OTHER = range(8)


def _scalar_event(anchor: Any, tag: Any, implicit: Any, value: Any, start: Any = None, end: Any = None,
                  style: Any = None) -> tuple[Any, ...]:  # fmt: skip
    return (_SCALAR, anchor, tag, value, style)


def _map_event(anchor: Any, tag: Any, *_: Any) -> tuple[Any, ...]:
    return (_MAP, anchor, tag)


def _seq_event(anchor: Any, tag: Any, *_: Any) -> tuple[Any, ...]:
    return (_SEQ, anchor, tag)


_END_EVENT, _DOC_EVENT, _STREAM_END_EVENT, _ALIAS_EVENT, _OTHER_EVENT = (
    (_END,), (_DOC,), (_STREAM_END,), (_ALIAS,), (_OTHER,)
)  # fmt: skip
# what each event class of PyYAML is made by, to read events as tuples
_TUPLE_EVENTS: dict[str, Any] = {
    "ScalarEvent": _scalar_event,
    "MappingStartEvent": _map_event,
    "SequenceStartEvent": _seq_event,
    "MappingEndEvent": lambda *_: _END_EVENT,
    "SequenceEndEvent": lambda *_: _END_EVENT,
    "DocumentStartEvent": lambda *_: _DOC_EVENT,
    "DocumentEndEvent": lambda *_: _OTHER_EVENT,
    "StreamStartEvent": lambda *_: _OTHER_EVENT,
    "StreamEndEvent": lambda *_: _STREAM_END_EVENT,
    "AliasEvent": lambda *_: _ALIAS_EVENT,
}
_EVENT_KINDS = {
    yaml.MappingEndEvent: _END_EVENT, yaml.SequenceEndEvent: _END_EVENT, yaml.DocumentStartEvent: _DOC_EVENT,
    yaml.StreamEndEvent: _STREAM_END_EVENT, yaml.AliasEvent: _ALIAS_EVENT,
}  # fmt: skip
_OWN_EVENTS: list[tuple[Any, dict[str, Any], dict[str, Any]] | None] = []  # see _own_events


def _as_tuple(ev: Any) -> tuple[Any, ...]:
    """A PyYAML event object as _compose_fast's tuple."""
    t = type(ev)
    if t is yaml.ScalarEvent:
        return (_SCALAR, ev.anchor, ev.tag, ev.value, ev.style)
    if t is yaml.MappingStartEvent:
        return (_MAP, ev.anchor, ev.tag)
    if t is yaml.SequenceStartEvent:
        return (_SEQ, ev.anchor, ev.tag)
    return _EVENT_KINDS.get(t, _OTHER_EVENT)


def _own_events() -> tuple[Any, dict[str, Any], dict[str, Any]] | None:
    """(module, tuple makers, PyYAML's classes) when libyaml's parser can make _compose_fast's
    tuples itself, else None; found out once, by a probe.

    Each event is otherwise an object of a Python class whose __init__ sets seven attributes:
    about a third of a file's parse. PyYAML's C parser makes its events by the names of its
    module (`yaml._yaml`); _compose_fast points those names at tuple makers while it reads a
    file, and back after, and only while one thread runs (another might be parsing YAML
    meanwhile). A PyYAML whose parser does not make its events so fails the probe and is left
    as it is."""
    if _OWN_EVENTS:
        return _OWN_EVENTS[0]
    _OWN_EVENTS.append(None)
    module = getattr(yaml, "_yaml", None)
    if module is None or not hasattr(module, "CParser") or _Loader is not getattr(yaml, "CSafeLoader", None):
        return None
    theirs = {name: getattr(module, name, None) for name in _TUPLE_EVENTS}
    if any(v is None for v in theirs.values()):
        return None
    _OWN_EVENTS[0] = (module, _TUPLE_EVENTS, theirs)
    try:
        ok = _compose_fast("a: [1, {b: 'x'}, ~]\n") == {"a": [1, {"b": "x"}, None]}
    except Exception:  # any surprise from another PyYAML means: leave it be
        ok = False
    ok = ok and all(getattr(module, name) is made for name, made in theirs.items())
    if not ok:
        _OWN_EVENTS[0] = None
        for name, made in theirs.items():
            setattr(module, name, made)
    return _OWN_EVENTS[0]


def _compose_fast(text: str) -> Any:
    """The value of a well-formed, plain file; _FAILED at the first thing worth a problem."""
    loader = _Loader(text)
    escapes = "\\" in text  # without a backslash no double-quoted scalar holds an escape
    threads = sys.modules.get("threading")
    own = _own_events() if threads is None or threads.active_count() == 1 else None
    if own is not None:
        module, tuples, _theirs = own
        for name, make in tuples.items():
            setattr(module, name, make)
        get = loader.get_event
    else:
        get = map(_as_tuple, iter(loader.get_event, None)).__next__

    # the open container, its pending key (mappings) and whether it is a mapping are locals;
    # the enclosing ones wait on `stack`
    stack: list[tuple[Any, Any, bool]] = []
    cur: Any = None
    key: Any = _NO_KEY
    is_map = False
    depth = 0
    root: Any = _NOTHING
    documents = 0
    special = _PLAIN_SPECIAL
    numeric = _NUMERIC_START
    try:
        while True:
            ev = get()
            t = ev[0]
            if t == _SCALAR:
                _, anchor, tag, value, style = ev
                if anchor is not None or (tag is not None and not (tag == "!" and style)):
                    return _FAILED
                if style:
                    if escapes and style == '"':
                        _escaped(value)
                elif value[:1] in numeric or value in special:
                    # most plain scalars are words: only these can resolve to something else
                    value = resolve_plain(value)
                if cur is None:
                    root = value
                elif not is_map:
                    cur.append(value)
                elif key is _NO_KEY:
                    key = value if type(value) is str else "null" if value is None else str(value).lower()
                    if key in cur:
                        return _FAILED
                else:
                    cur[key] = value
                    key = _NO_KEY
            elif t in (_MAP, _SEQ):
                if ev[1] is not None or ev[2] is not None or depth >= MAX_DEPTH:
                    return _FAILED
                new: Any = {} if t == _MAP else []
                if cur is not None:
                    if not is_map:
                        cur.append(new)
                    elif key is _NO_KEY:
                        return _FAILED  # a mapping or list used as a key
                    else:
                        cur[key] = new
                        key = _NO_KEY
                    stack.append((cur, key, is_map))
                else:
                    root = new
                cur, key, is_map = new, _NO_KEY, t == _MAP
                depth += 1
            elif t == _END:
                depth -= 1
                if stack:
                    cur, key, is_map = stack.pop()
                else:
                    cur, key, is_map = None, _NO_KEY, False
            elif t == _DOC:
                documents += 1
                if documents > 1:
                    return _FAILED
            elif t == _STREAM_END:
                return root
            elif t == _ALIAS:
                return _FAILED
    except (yaml.YAMLError, _Refused):
        return _FAILED
    finally:
        loader.dispose()
        if own is not None:
            for name, made in own[2].items():
                setattr(own[0], name, made)


def _compose(doc: Document, text: str) -> None:
    """Build the value from parser events without recursion; record marks and problems."""
    loader = _Loader(text)
    escapes = "\\" in text
    # Each frame: [container, path, pending_key (for mappings), key_path_marks]
    stack: list[list[Any]] = []
    documents = 0
    root: Any = None

    def here() -> Path:
        if not stack:
            return ()
        container, path, pending, _ = stack[-1]
        base: Path = path
        if isinstance(container, list):
            return base + (len(container),)
        return base + (pending,) if pending is not None else base

    try:
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.StreamStartEvent | yaml.DocumentEndEvent):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line = event.start_mark.line + 1 if event.start_mark else 1
                    doc.problems.append(
                        Problem(doc.file, line, 1, "", "a corpus file holds one YAML document")
                    )
                    return
                continue
            start = event.start_mark
            mark = (start.line + 1, start.column + 1) if start else (1, 1)
            if isinstance(event, yaml.AliasEvent):
                doc.problems.append(
                    _at(
                        doc,
                        mark,
                        _fmt(here()),
                        f"alias '*{event.anchor}' is not allowed: write the value out",
                    )
                )
                value: Any = None
                _attach(doc, stack, value, mark)
                continue
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                container, path, _, _ = stack.pop()
                if not stack:
                    root = container
                continue
            path = here()
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                doc.problems.append(
                    _at(
                        doc,
                        mark,
                        _fmt(path),
                        f"anchor '&{anchor}' is not allowed: corpus files use no anchors or aliases",
                    )
                )
            tag = getattr(event, "tag", None)
            if tag is not None and not (
                isinstance(event, yaml.ScalarEvent) and tag == "!" and event.style is not None
            ):
                doc.problems.append(_at(doc, mark, _fmt(path), f"tag '{tag}' is not allowed"))
            if isinstance(event, yaml.ScalarEvent):
                try:
                    if escapes and event.style == '"':
                        _escaped(event.value)
                    value = event.value if event.style else resolve_plain(event.value)
                except _Refused as exc:
                    key = bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is None
                    doc.problems.append(
                        _at(doc, mark, _fmt(path + (event.value,) if key else path), str(exc))
                    )
                    value = event.value
                if not stack:
                    root = value
                    doc.marks[()] = mark
                    continue
                _attach(doc, stack, value, mark)
                continue
            if len(stack) >= MAX_DEPTH:
                where = _fmt(path[:3]) + ("..." if len(path) > 3 else "")
                doc.problems.append(_at(doc, mark, where, _NESTING))
                return
            new: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            if stack:
                _attach(doc, stack, new, mark)
            else:
                doc.marks[()] = mark
            stack.append([new, path, None, None])
    except yaml.MarkedYAMLError as exc:
        m = exc.problem_mark or exc.context_mark
        err_line = m.line + 1 if m else None
        err_col = m.column + 1 if m else None
        problem = exc.problem or "invalid YAML"
        context = f" {exc.context}" if exc.context else ""
        msg = f"YAML syntax error: {problem}{context}"
        doc.problems.append(Problem(doc.file, err_line, err_col, _fmt(here()), msg))
        return
    except yaml.YAMLError as exc:  # reader errors carry no mark
        doc.problems.append(Problem(doc.file, None, None, _fmt(here()), f"invalid YAML: {exc}"))
        return
    finally:
        loader.dispose()
    doc.value = root


def _at(doc: Document, mark: tuple[int, int], field: str, message: str) -> Problem:
    return Problem(doc.file, mark[0], mark[1], field, message)


def _fmt(path: Path) -> str:
    return format_path(path)


def _attach(doc: Document, stack: list[list[Any]], value: Any, mark: tuple[int, int]) -> None:
    """Place `value` in the open container: as an item, a mapping key, or a key's value."""
    frame = stack[-1]
    container, path, pending, _ = frame
    if isinstance(container, list):
        p = path + (len(container),)
        container.append(value)
        doc.marks[p] = mark
        return
    if pending is None:
        if isinstance(value, dict | list):
            doc.problems.append(_at(doc, mark, format_path(path), "a mapping key must be a plain value"))
            frame[2] = "?"
            frame[3] = mark
            return
        key = value if isinstance(value, str) else str(value).lower()
        if value is None:
            key = "null"
        kp = path + (key,)
        if key in container:
            first = doc.key_marks.get(kp, (0, 0))[0]
            doc.problems.append(
                _at(
                    doc,
                    mark,
                    format_path(kp),
                    f"duplicate key '{key}' (first at line {first})",
                )
            )
            frame[2] = key
            frame[3] = None  # the duplicate's value is read but dropped
            return
        doc.key_marks[kp] = mark
        frame[2] = key
        frame[3] = mark
        return
    kp = path + (pending,)
    if frame[3] is not None:  # None marks the value of a duplicate key: keep the first
        container[pending] = value
        doc.marks[kp] = mark
    elif isinstance(value, dict | list):
        # still needs a home so its children attach somewhere; it is discarded afterwards
        pass
    frame[2] = None
    frame[3] = None
