"""The strict YAML reader beats each PyYAML hazard listed in shared/notes/measurements.md."""

from __future__ import annotations

import time

import pytest

from lawbase.corpus import yamlsafe


def parse(text: str | bytes) -> yamlsafe.Document:
    return yamlsafe.parse("t.yaml", text.encode() if isinstance(text, str) else text)


def messages(doc: yamlsafe.Document) -> list[str]:
    return [str(p) for p in doc.problems]


def test_plain_scalars_resolve_narrowly() -> None:
    """NO, yes, on, 012, 1:30 and dates stay text; integers, decimals, true/false, null resolve."""
    doc = parse(
        "a: NO\nb: yes\nc: on\nd: 012\ne: 1:30\nf: 2004-01-14\ng: 14\nh: 2.5\ni: true\nj: ~\nk: '14'\n"
    )
    assert doc.value == {
        "a": "NO", "b": "yes", "c": "on", "d": "012", "e": "1:30", "f": "2004-01-14",
        "g": 14, "h": 2.5, "i": True, "j": None, "k": "14",
    }  # fmt: skip


def test_duplicate_key_names_both_lines() -> None:
    doc = parse("a: 1\nb: 2\na: 3\n")
    assert messages(doc) == ["t.yaml:3:1: a: duplicate key 'a' (first at line 1)"]


def test_alias_bomb_is_refused_at_once() -> None:
    """A billion-laughs file is refused, quickly and without expanding anything."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    start = time.perf_counter()
    doc = parse("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 2
    assert doc.problems and all("anchor" in m or "alias" in m for m in messages(doc))


def test_merge_keys_get_nowhere() -> None:
    doc = parse("base: &b {x: 1}\nderived:\n  <<: *b\n")
    assert any("anchor" in m for m in messages(doc)) and any("alias" in m for m in messages(doc))


@pytest.mark.parametrize("depth", [41, 5_000, 30_000])
def test_deep_nesting_is_refused_without_crashing(depth: int) -> None:
    """libyaml's composer segfaults near 27,000 levels; we stop at MAX_DEPTH with a location."""
    doc = parse("a: " + "[" * depth + "]" * depth + "\n")
    assert len(doc.problems) == 1
    assert f"nesting deeper than {yamlsafe.MAX_DEPTH} levels" in doc.problems[0].message
    assert (doc.problems[0].line, doc.problems[0].col) == (1, 3 + yamlsafe.MAX_DEPTH)


class _ScanAheadLoader:
    """A stand-in for a libyaml whose scanner reads the whole input before the first event and
    has a nesting limit of its own (PyYAML 6.0.4's is 1,000; this one is 45): lawbase's own
    limit must still be the one that speaks."""

    def __init__(self, text: str) -> None:
        depth = deepest = 0
        for c in text:
            depth += c in "[{"
            depth -= c in "]}"
            deepest = max(deepest, depth)
        self.too_deep = deepest > yamlsafe.MAX_DEPTH + 5
        self.inner = yamlsafe.yaml.CSafeLoader(text)

    def get_event(self) -> object:
        if self.too_deep:
            raise yamlsafe.yaml.YAMLError("the parser's own limit: this message must never be shown")
        return self.inner.get_event()

    def dispose(self) -> None:
        self.inner.dispose()


@pytest.mark.parametrize("depth", [41, 5_000, 30_000])
def test_our_nesting_limit_speaks_before_the_parsers_own(monkeypatch: pytest.MonkeyPatch, depth: int) -> None:
    """The message and position are lawbase's whatever limit the installed libyaml has: the
    parser is only handed the text up to the opener past MAX_DEPTH."""
    monkeypatch.setattr(yamlsafe, "_Loader", _ScanAheadLoader)
    doc = parse("a:\n  b: " + "{c: " * depth + "1" + "}" * depth + "\n")
    # the root mapping and a's are two levels: the 39th '{' is the 41st level
    col = 6 + 4 * (yamlsafe.MAX_DEPTH - 2)
    assert [f"t.yaml:2:{col}: a.b.c...: nesting deeper than 40 levels is not allowed"] == messages(doc)


def test_problems_before_the_deep_part_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """A duplicate key above the deep flow collection is still reported with it."""
    monkeypatch.setattr(yamlsafe, "_Loader", _ScanAheadLoader)
    doc = parse("a: 1\na: 2\nb: " + "[" * 100 + "]" * 100 + "\n")
    assert [
        "t.yaml:2:1: a: duplicate key 'a' (first at line 1)",
        "t.yaml:3:43: b[0][0]...: nesting deeper than 40 levels is not allowed",
    ] == messages(doc)


def test_exactly_the_limit_is_accepted() -> None:
    """40 levels of flow nesting under the root mapping's 1 is 41 in all: refused; 39 is fine."""
    assert not parse("a: " + "[" * 39 + "]" * 39 + "\n").problems
    assert messages(parse("a: " + "[" * 40 + "]" * 40 + "\n"))[0].endswith(yamlsafe._NESTING)


@pytest.mark.parametrize(
    "text",
    [
        "a: see " + "[" * 60 + "\n",  # brackets inside a plain scalar of block context are text
        "a: '" + "[" * 60 + "'\n",  # inside quotes
        'a: "' + "{" * 60 + '\\" ["\n',  # escaped quote inside double quotes
        "a: x  # " + "[" * 60 + "\n",  # in a comment
        "a: |\n  " + "[" * 60 + "\n",  # a block scalar's content line
        "a: [" + ", ".join(["[1]"] * 60) + "]\n",  # many collections, none deep
    ],
)
def test_brackets_that_are_text_are_not_nesting(text: str) -> None:
    """The pre-scan's guesses are confirmed by the composer: text is never taken for nesting."""
    doc = parse(text)
    assert not any(yamlsafe._NESTING in m for m in messages(doc))
    assert doc.value is not None and doc.value["a"]


def test_block_nesting_is_refused_too() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(60)) + " " * 60 + "v\n"
    doc = parse(text)
    assert any("nesting deeper" in m for m in messages(doc))


def test_python_tags_never_run() -> None:
    doc = parse("a: !!python/object/apply:os.system ['echo pwned > /tmp/lawbase-pwned']\n")
    assert messages(doc) == [
        "t.yaml:1:4: a: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
    ]


def test_leading_bom_is_accepted_but_not_one_mid_file() -> None:
    assert parse(b"\xef\xbb\xbfa: 1\n").value == {"a": 1}
    assert messages(parse("a: 1\nb: \ufeffx\n")) == [
        "t.yaml:2:4: (file): byte-order mark U+FEFF is not allowed in the corpus"
    ]


def test_utf16_and_invalid_utf8_are_located() -> None:
    assert "not valid UTF-8" in messages(parse("a: 1\n".encode("utf-16")))[0]
    assert messages(parse(b"a: 1\nb: x\xff\n")) == [
        "t.yaml:2:5: (file): not valid UTF-8 (byte 0xff); the corpus must be UTF-8 text"
    ]


def test_control_characters_are_located() -> None:
    assert messages(parse("a: x\x07\n")) == [
        "t.yaml:1:5: (file): control character U+0007 is not allowed in the corpus"
    ]


def test_size_cap_is_checked_before_parsing() -> None:
    start = time.perf_counter()
    doc = parse(b"a: " + b"x" * (yamlsafe.MAX_BYTES + 1))
    assert time.perf_counter() - start < 1
    assert "a corpus file may be at most" in doc.problems[0].message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "empty file"),
        ("# only a comment\n", "empty file"),
        ("[1]\n", "holds a list"),
        ("just text\n", "holds a single value"),
        ("a: 1\n---\nb: 2\n", "one YAML document"),
    ],
)
def test_files_that_are_not_one_mapping(text: str, expected: str) -> None:
    assert expected in messages(parse(text))[0]


def test_tab_indentation_is_a_located_syntax_error() -> None:
    doc = parse("a:\n\tb: 1\n")
    assert doc.problems and (doc.problems[0].line, doc.problems[0].col) == (2, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a: "x\\e]52;c;SGk=\\a"\n', "t.yaml:1:4: a: control character U+001B"),
        ('a:\n  - "\\x9b2J"\n', "t.yaml:2:5: a[0]: control character U+009B"),
        ('a: "\\u202egnp.exe"\n', "t.yaml:1:4: a: bidirectional control character U+202E"),
        ('a: "\\u2066x"\n', "t.yaml:1:4: a: bidirectional control character U+2066"),
        ('a: "\\u200f"\n', "t.yaml:1:4: a: bidirectional control character U+200F"),
        ('a: "\\L"\n', "t.yaml:1:4: a: line separator U+2028"),
        ('a: "\\N"\n', "t.yaml:1:4: a: control character U+0085"),
        ('a: "over\\rwrite"\n', "t.yaml:1:4: a: control character U+000D"),
        ('a: "\\x7f"\n', "t.yaml:1:4: a: control character U+007F"),
        ('a: {"k\\x1b": 1}\n', "t.yaml:1:5: a.k\\x1b: control character U+001B"),
    ],
)
def test_control_characters_written_as_escapes_are_located(text: str, expected: str) -> None:
    """An escape in double quotes cannot smuggle in what the raw-text check refuses."""
    found = messages(parse(text))
    assert 1 == len(found) and found[0].startswith(expected), found
    assert found[0].endswith("is not allowed in the corpus (written as an escape in double quotes)")


def test_tabs_and_line_feeds_in_values_are_fine() -> None:
    """Tab and line feed are text, whether written as escapes or in a block scalar."""
    doc = parse('a: "one\\ttwo\\nthree"\nb: |\n  x\ty\n  z\n')
    assert ([], {"a": "one\ttwo\nthree", "b": "x\ty\nz\n"}) == (doc.problems, doc.value)


@pytest.mark.parametrize("char", ["\u202e", "\u2067", "\u200e", "\u061c", "\x85", "\u2028", "\u2029"])
def test_bidi_controls_and_unicode_line_breaks_are_refused_as_characters(char: str) -> None:
    """Written as themselves they are refused too, at the editor's line and column."""
    problems = parse(f"a: 1\nb: x{char}y\nc: 3\n").problems
    assert [(2, 5, True)] == [
        (p.line, p.col, f"U+{ord(char):04X} is not allowed" in p.message) for p in problems
    ]


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_positions_follow_the_editor_whatever_the_line_ending(newline: str) -> None:
    """LF, CRLF and a lone CR each end a line, for our own checks and for libyaml's alike."""
    raw = parse(newline.join(["a: 1", "b: 2", "c: x\x07"]) + newline)
    assert ["t.yaml:3:5: (file): control character U+0007 is not allowed in the corpus"] == messages(raw)
    dup = parse(newline.join(["a: 1", "b: 2", "a: 3"]) + newline)
    assert ["t.yaml:3:1: a: duplicate key 'a' (first at line 1)"] == messages(dup)


def test_deep_flow_nesting_after_carriage_returns_is_found_by_the_scan() -> None:
    """The pre-scan knows a lone CR ends a comment, so a flow collection after one is counted."""
    assert 13 + yamlsafe.MAX_DEPTH == yamlsafe._deep_flow_at("a: 1  # x\rb: " + "[" * 60 + "]" * 60 + "\r")


@pytest.mark.parametrize(
    ("text", "digits"),
    [("a: 1" + "0" * 5000 + "\n", 5001), ("a: -1" + "0" * 400 + ".5\n", 401), ("a: 1" + "0" * 18 + "\n", 19)],
)
def test_numbers_too_large_are_located_problems(text: str, digits: int) -> None:
    """Past MAX_DIGITS a plain number is refused: no int() limit error, no float infinity."""
    assert [
        f"t.yaml:1:4: a: number too large ({digits} digits; a corpus number has at most 18 before any "
        "decimal point): quote it if it is text"
    ] == messages(parse(text))


def test_the_largest_numbers_allowed_resolve() -> None:
    """18 digits before the point is the bound; quoted, any number is text."""
    doc = parse("a: 999999999999999999\nb: -123456789012345678.25\nc: '1" + "0" * 5000 + "'\n")
    assert ([], 999999999999999999, -123456789012345678.25) == (doc.problems, doc.value["a"], doc.value["b"])


# --- libyaml's events read as tuples (the fast composer) ---

_EVENT_NAMES = ("ScalarEvent", "MappingStartEvent", "SequenceEndEvent", "StreamEndEvent")


def _pyyaml_names_intact() -> bool:
    import yaml

    module = getattr(yaml, "_yaml", None)
    return module is None or all(getattr(module, n) is getattr(yaml.events, n) for n in _EVENT_NAMES)


def _compose_in_a_threaded_process(text: str) -> object:
    """_compose_fast as it runs beside another thread: PyYAML's own event objects."""
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        return yamlsafe._compose_fast(text)
    finally:
        stop.set()
        other.join()


SAMPLES = [
    "a: 1\nb: [x, 'y', \"z\", ~, true, -3, 2.5]\nc: {d: {e: []}}\n",
    "a: &x 1\nb: *x\n",  # an anchor and an alias: the located composer is needed
    "a: 1\na: 2\n",  # a duplicate key
    "!!str a: b\n",  # a tag
    "a: [1, 2\n",  # a syntax error
    "---\na: 1\n---\nb: 2\n",  # two documents
    'a: "tab\\there"\n',
    "",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_fast_composer_reads_alike_with_or_without_its_own_events(text: str) -> None:
    """One thread: libyaml's parser makes tuples; beside another: PyYAML's event objects. The
    same answer either way, and PyYAML's names are its own again afterwards."""
    if yamlsafe._own_events() is None:
        pytest.skip("this PyYAML's parser cannot make the tuples itself")
    alone = yamlsafe._compose_fast(text)
    assert _pyyaml_names_intact()
    assert alone == _compose_in_a_threaded_process(text)
    assert _pyyaml_names_intact()


def test_the_fast_composer_reads_the_shipped_corpus_alike_both_ways() -> None:
    from conftest import ROOT

    files = sorted((ROOT / "data").rglob("*.yaml"))
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yamlsafe._compose_fast(text) == _compose_in_a_threaded_process(text), path
    assert _pyyaml_names_intact()


def test_a_pyyaml_whose_parser_cannot_make_the_tuples_is_left_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The probe finds a parser that does not make its events by its module's names (here: a
    maker that fails) and falls back to PyYAML's event objects, names restored."""
    monkeypatch.setattr(yamlsafe, "_OWN_EVENTS", [])
    broken = {**yamlsafe._TUPLE_EVENTS, "ScalarEvent": lambda *a: None}
    monkeypatch.setattr(yamlsafe, "_TUPLE_EVENTS", broken)
    assert yamlsafe._own_events() is None
    assert _pyyaml_names_intact()
    assert {"a": [1]} == yamlsafe._compose_fast("a: [1]\n")
    assert _pyyaml_names_intact()
