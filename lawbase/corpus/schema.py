"""A small JSON Schema validator for the keywords the corpus schemas use, with located messages.

Why not the `jsonschema` package: its messages would need rewriting anyway to carry our
positions and "did you mean" hints, it adds four packages (one compiled) to every install, and
it is several times slower per document than this walk. The schemas under data/schema/ stay
standard Draft 2020-12 so editors can use them; tests/test_schema.py checks that they are valid
schemas and that the `jsonschema` package agrees with this validator on every fixture.

Supported: type, properties, required, additionalProperties, patternProperties-free objects,
items (an object schema, never a list), minItems, maxItems, uniqueItems, enum, const, pattern,
minLength, minimum, maximum, format "date", and $ref to "#/$defs/..." or "file.json#/$defs/...".
`x-pattern-name` (ignored by other validators) names what a pattern means, for messages.
A `pattern`'s `$` means what JSON Schema says it means (ECMA-262): the end of the text. Python's
`$` also matches before a final line feed, which would let `"zz-pc/12\\n"` pass as an id;
the `jsonschema` package has that looser reading, so on such a value the two disagree and this
validator is the stricter on purpose (tests/test_schema.py says so).
Any other keyword in a schema is an error at load time, so a schema never silently means less
than it says.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path as FsPath
from typing import Any

Path = tuple[str | int, ...]
Schema = dict[str, Any]
Check = Callable[[Any, Path, list[tuple[Path, str, bool]]], None]
Valid = Callable[[Any], bool]

KNOWN = {
    "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "examples",
    "default", "type", "properties", "required", "additionalProperties", "items", "minItems",
    "maxItems", "uniqueItems", "enum", "const", "pattern", "minLength", "minimum", "maximum",
    "format", "x-pattern-name",
}  # fmt: skip

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TYPE_NAMES = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}


# the Python types of the JSON values each schema type names (bool is not an integer)
_PY_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
    "array": (list,), "object": (dict,), "null": (type(None),),
}  # fmt: skip
_ANY = object()  # in a node's set of types: it takes any value
# the keywords of a node that asks for a type and nothing else
_ONLY_TYPE = frozenset({"type", "$schema", "$id", "$comment", "title", "description", "examples", "default"})


def _always(value: Any) -> bool:
    return True


def _as_function(spec: Any) -> Any:
    """A yes-or-no check from a node's spec (a set of types is tested by the value's type)."""
    if not isinstance(spec, frozenset):
        return spec
    if _ANY in spec:
        return _always
    return lambda value: type(value) in spec


def describe(value: Any) -> str:
    """How a value is named in messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"whole number {value}"
    if isinstance(value, float):
        return f"number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text '{shown}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _is_type(value: Any, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    if name == "null":
        return value is None
    raise ValueError(f"unknown JSON Schema type {name!r}")


# Suggestions are for typos: a word longer than this is not one, and comparing it costs time
# in proportion to its length times every candidate's
MAX_SUGGEST_LEN = 200
MAX_SUGGEST_CHOICES = 100_000


def suggest(word: str, choices: Any) -> str:
    """' (did you mean 'x'?)' when a close choice exists, else ''.

    Linear in the number of choices (rapidfuzz, with a cutoff that lets it skip most of them),
    and nothing is computed for a word too long to be a typo or for absurdly many choices.
    """
    text = str(word)
    if len(text) > MAX_SUGGEST_LEN:
        return ""
    from rapidfuzz import fuzz, process  # only when a message needs a hint

    pool = [
        s
        for s in itertools.islice((str(c) for c in choices), MAX_SUGGEST_CHOICES)
        if len(s) <= MAX_SUGGEST_LEN
    ]
    # fuzz.ratio is difflib's ratio (2*matches/total) on a 0-100 scale: same 0.6 cutoff as before
    best = process.extractOne(text, pool, scorer=fuzz.ratio, score_cutoff=60)
    return f" (did you mean '{best[0]}'?)" if best else ""


def check_date(text: str) -> str | None:
    """None if `text` is a real YYYY-MM-DD calendar date, else the reason it is not."""
    if not _DATE.fullmatch(text):
        return f"'{text}' is not a date in YYYY-MM-DD form"
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return f"'{text}' is not a real calendar date"
    return None


class SchemaSet:
    """Schemas loaded from one folder; `$ref`s between its files resolve by file name."""

    def __init__(self, folder: FsPath) -> None:
        self.folder = folder
        self._files: dict[str, Schema] = {}
        self._compiled: dict[str, Check] = {}
        self._refs: dict[tuple[str, str], Check] = {}
        self._valid: dict[str, Valid] = {}
        self._valid_refs: dict[tuple[str, str], Valid | frozenset[Any]] = {}
        self._valid_busy: set[tuple[str, str]] = set()
        self._valid_cells: dict[tuple[str, str], list[Valid]] = {}

    def file(self, name: str) -> Schema:
        if name not in self._files:
            schema = json.loads((self.folder / name).read_text(encoding="utf-8"))
            _check_keywords(schema, name)
            self._files[name] = schema
        return self._files[name]

    def resolve(self, ref: str, base: str) -> tuple[Schema, str]:
        target, _, pointer = ref.partition("#")
        name = target or base
        node: Any = self.file(name)
        for part in [p for p in pointer.split("/") if p]:
            node = node[part]
        return node, name

    def validate(self, value: Any, name: str) -> list[tuple[Path, str, bool]]:
        """Every (path, message, points_at_key) problem of `value` against schema file `name`.

        A yes-or-no walk goes first (no field paths, no messages: most files are valid); only
        a value it does not pass is walked again by the checks that say what is wrong."""
        valid = self._valid.get(name)
        if valid is None:
            valid = self._valid[name] = self._compile_valid(self.file(name), name)
        if valid(value):
            return []
        check = self._compiled.get(name)
        if check is None:
            check = self._compiled[name] = self._compile(self.file(name), name)
        out: list[tuple[Path, str, bool]] = []
        check(value, (), out)
        return out

    # The yes-or-no walk: each node compiled into `valid(value) -> bool`, True only when the
    # node's `check` would report nothing (False is always safe: `check` then says what is
    # wrong, or finds nothing). A node that asks only for a type is a set of Python types,
    # which an object's walk tests without a call (the parser makes no subclasses of them).

    def _compile_valid(self, schema: Schema, base: str) -> Valid:
        valid: Valid = _as_function(self._valid_spec(schema, base))
        return valid

    def _valid_spec(self, schema: Schema, base: str) -> Valid | frozenset[Any]:
        """A node's yes-or-no check, or the set of types it accepts when a type is all it asks."""
        if "$ref" in schema:
            key = (base, schema["$ref"])
            found = self._valid_refs.get(key)
            if found is not None:
                return found
            target, target_base = self.resolve(schema["$ref"], base)
            if key in self._valid_busy:
                # a schema that refers to itself: through a cell, filled in once it is compiled
                cell = self._valid_cells.setdefault(key, [])
                return lambda v: cell[0](v)
            self._valid_busy.add(key)
            spec = self._valid_spec(target, target_base)
            self._valid_busy.discard(key)
            self._valid_refs[key] = spec
            if key in self._valid_cells:
                self._valid_cells.pop(key).append(_as_function(spec))
            return spec
        types = schema.get("type")
        names = (types if isinstance(types, list) else [types]) if types is not None else None
        allowed = frozenset(t for n in names for t in _PY_TYPES.get(n, ())) if names is not None else None
        has_const, const = "const" in schema, schema.get("const")
        enum = schema.get("enum")
        # a node of one container or string type with only that type's keywords: one function
        # that checks the type itself (no call of a general node in between)
        only = not (has_const or enum is not None)
        single: Any = next(iter(allowed)) if allowed is not None and len(allowed) == 1 else None
        string = self._string_valid(schema, typed=only and single is str)
        number = self._number_valid(schema)
        array = self._array_valid(schema, base, typed=only and single is list)
        obj = self._object_valid(schema, base, typed=only and single is dict)
        if not (has_const or enum is not None or string or number or array or obj):
            return allowed if allowed is not None else frozenset({_ANY})
        if only and not number:
            if single is str and string and not (array or obj):
                return string
            if single is list and array and not (string or obj):
                return array
            if single is dict and obj and not (string or array):
                return obj

        def valid(value: Any) -> bool:
            t = type(value)
            if allowed is not None and t not in allowed:
                return False
            if has_const and value != const:
                return False
            if enum is not None and value not in enum:
                return False
            if t is str:
                return string is None or string(value)
            if t is dict:
                return obj is None or obj(value)
            if t is list:
                return array is None or array(value)
            if (t is int or t is float) and number is not None:
                return number(value)
            return True

        return valid

    def _string_valid(self, schema: Schema, typed: bool = False) -> Valid | None:
        min_length = schema.get("minLength", 0)
        is_date = schema.get("format") == "date"
        pattern = _compiled(schema["pattern"]).search if "pattern" in schema else None
        if not (min_length or is_date or pattern):
            return None

        def valid(value: str) -> bool:
            if typed and type(value) is not str:
                return False
            if len(value) < min_length:
                return False
            if is_date and check_date(value) is not None:
                return False
            return pattern is None or pattern(value) is not None

        return valid

    def _number_valid(self, schema: Schema) -> Valid | None:
        lo, hi = schema.get("minimum"), schema.get("maximum")
        if lo is None and hi is None:
            return None

        def valid(value: float) -> bool:
            return (lo is None or value >= lo) and (hi is None or value <= hi)

        return valid

    def _array_valid(self, schema: Schema, base: str, typed: bool = False) -> Valid | None:
        min_items, max_items = schema.get("minItems", 0), schema.get("maxItems")
        unique = schema.get("uniqueItems", False)
        items = self._valid_spec(schema["items"], base) if "items" in schema else None
        if not (min_items or max_items is not None or unique or items is not None):
            return None
        every = None if items is None or (isinstance(items, frozenset) and _ANY in items) else items

        def valid(value: list[Any]) -> bool:
            if typed and type(value) is not list:
                return False
            n = len(value)
            if n < min_items or (max_items is not None and n > max_items):
                return False
            if unique and len({_unique_key(item) for item in value}) != n:
                return False
            if every is None:
                return True
            if isinstance(every, frozenset):
                return all(map(every.__contains__, map(type, value)))
            return all(map(every, value))

        return valid

    def _object_valid(self, schema: Schema, base: str, typed: bool = False) -> Valid | None:
        props = {k: self._valid_spec(v, base) for k, v in schema.get("properties", {}).items()}
        required = frozenset(schema.get("required", []))
        extra = schema.get("additionalProperties", True)
        closed = extra is False
        extra_valid = self._compile_valid(extra, base) if isinstance(extra, dict) else None
        # per property: the set of types it takes, or its check
        sets = {k: v for k, v in props.items() if isinstance(v, frozenset) and _ANY not in v}
        calls = {k: v for k, v in props.items() if not isinstance(v, frozenset)}
        anything = frozenset(k for k, v in props.items() if isinstance(v, frozenset) and _ANY in v)

        def valid(value: dict[str, Any]) -> bool:
            if typed and type(value) is not dict:
                return False
            if required and not required <= value.keys():
                return False
            for key, item in value.items():
                call = calls.get(key)
                if call is not None:
                    if not call(item):
                        return False
                    continue
                types = sets.get(key)
                if types is not None:
                    if type(item) not in types:
                        return False
                elif key in anything:
                    continue
                elif closed or (extra_valid is not None and not extra_valid(item)):
                    return False
            return True

        return valid

    # Each schema node is compiled once into a closure `check(value, path, out)`: the keywords
    # are looked at when compiling, not for every value (a corpus has millions of values).

    def _compile(self, schema: Schema, base: str) -> Check:
        if "$ref" in schema:
            key = (base, schema["$ref"])
            if key not in self._refs:
                cell: list[Check] = []
                self._refs[key] = lambda v, p, o: cell[0](v, p, o)
                target, target_base = self.resolve(schema["$ref"], base)
                cell.append(self._compile(target, target_base))
            return self._refs[key]
        types = schema.get("type")
        names = (types if isinstance(types, list) else [types]) if types is not None else None
        want = " or ".join(_TYPE_NAMES[t] for t in names) if names else ""
        has_const, const = "const" in schema, schema.get("const")
        enum = schema.get("enum")
        string = self._string_check(schema)
        number = self._number_check(schema)
        array = self._array_check(schema, base)
        obj = self._object_check(schema, base)

        def check(value: Any, path: Path, out: list[tuple[Path, str, bool]]) -> None:
            if names is not None and not any(_is_type(value, t) for t in names):
                out.append((path, f"expected {want}, found {describe(value)}", False))
                return
            if has_const and value != const:
                out.append((path, f"must be {const!r}, found {describe(value)}", False))
            if enum is not None and value not in enum:
                allowed = ", ".join(str(v) for v in enum)
                hint = suggest(value, enum) if isinstance(value, str) else ""
                out.append((path, f"{describe(value)} is not one of: {allowed}{hint}", False))
            t = type(value)
            if t is str:
                if string is not None:
                    string(value, path, out)
            elif t is dict:
                if obj is not None:
                    obj(value, path, out)
            elif t is list:
                if array is not None:
                    array(value, path, out)
            elif (t is int or t is float) and number is not None:
                number(value, path, out)

        return check

    def _string_check(self, schema: Schema) -> Check | None:
        min_length = schema.get("minLength", 0)
        is_date = schema.get("format") == "date"
        pattern = _compiled(schema["pattern"]) if "pattern" in schema else None
        what = schema.get("x-pattern-name", f"the pattern {schema.get('pattern')}")
        if not (min_length or is_date or pattern):
            return None

        def check(value: str, path: Path, out: list[tuple[Path, str, bool]]) -> None:
            if len(value) < min_length:
                out.append((path, "must not be empty", False))
            if is_date:
                why = check_date(value)
                if why:
                    out.append((path, why, False))
                    return
            if pattern is not None and not pattern.search(value):
                out.append((path, f"'{value}' is not {what}", False))

        return check

    def _number_check(self, schema: Schema) -> Check | None:
        lo, hi = schema.get("minimum"), schema.get("maximum")
        if lo is None and hi is None:
            return None

        def check(value: float, path: Path, out: list[tuple[Path, str, bool]]) -> None:
            if lo is not None and value < lo:
                out.append((path, f"must be at least {lo}, found {value}", False))
            if hi is not None and value > hi:
                out.append((path, f"must be at most {hi}, found {value}", False))

        return check

    def _array_check(self, schema: Schema, base: str) -> Check | None:
        min_items, max_items = schema.get("minItems", 0), schema.get("maxItems")
        unique = schema.get("uniqueItems", False)
        items = self._compile(schema["items"], base) if "items" in schema else None

        def check(value: list[Any], path: Path, out: list[tuple[Path, str, bool]]) -> None:
            if len(value) < min_items:
                out.append((path, f"needs at least {min_items} item{'s' if min_items != 1 else ''}", False))
            if max_items is not None and len(value) > max_items:
                out.append((path, f"takes at most {max_items} items, found {len(value)}", False))
            if unique:
                seen: set[Any] = set()
                for i, item in enumerate(value):
                    key = _unique_key(item)
                    if key in seen:
                        out.append((path + (i,), f"repeats {describe(item)}", False))
                    seen.add(key)
            if items is not None:
                for i, item in enumerate(value):
                    items(item, path + (i,), out)

        return check

    def _object_check(self, schema: Schema, base: str) -> Check | None:
        props = {k: self._compile(v, base) for k, v in schema.get("properties", {}).items()}
        names = list(schema.get("properties", {}))
        required = schema.get("required", [])
        extra = schema.get("additionalProperties", True)
        extra_check = self._compile(extra, base) if isinstance(extra, dict) else None
        closed = extra is False

        def check(value: dict[str, Any], path: Path, out: list[tuple[Path, str, bool]]) -> None:
            for key in required:
                if key not in value:
                    out.append((path, f"missing required field '{key}'", False))
            for key, item in value.items():
                prop = props.get(key)
                if prop is not None:
                    prop(item, path + (key,), out)
                elif closed:
                    out.append((path + (key,), f"unknown field '{key}'{suggest(key, names)}", True))
                elif extra_check is not None:
                    extra_check(item, path + (key,), out)

        return check


def _unique_key(value: Any) -> Any:
    """A hashable stand-in for a JSON value, equal exactly when JSON Schema calls two values
    equal (1 == 1.0, but true != 1), so uniqueItems takes one set look-up per item."""
    if isinstance(value, bool) or value is None:
        return ("b", value)
    if isinstance(value, int | float):
        return ("n", value)
    if isinstance(value, str):
        return ("s", value)
    if isinstance(value, list):
        return ("l", tuple(_unique_key(v) for v in value))
    if isinstance(value, dict):
        return ("d", frozenset((k, _unique_key(v)) for k, v in value.items()))
    return ("?", repr(value))


# an escape, a character class, or a `$` outside both: only the last is rewritten
_PATTERN_TOKEN = r"\\.|\[(?:\\.|[^\]\\])*\]|\$"  # compiled (and cached by re) on first use


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    """`pattern` with each `$` anchor made `\\Z`, the end of the text (see the module docstring)."""
    anchored = re.sub(
        _PATTERN_TOKEN, lambda m: r"\Z" if m.group() == "$" else m.group(), pattern, flags=re.DOTALL
    )
    return re.compile(anchored)


def _check_keywords(schema: Any, name: str, where: str = "#") -> None:
    """Refuse schemas that use keywords this validator would silently ignore."""
    if not isinstance(schema, dict):
        return
    for key, sub in schema.items():
        if key not in KNOWN:
            raise ValueError(f"{name}: {where}: unsupported JSON Schema keyword {key!r}")
        if key == "items" and not isinstance(sub, dict):
            raise ValueError(f"{name}: {where}/items must be a schema object, not a list")
        if key in ("properties", "$defs"):
            for k, v in sub.items():
                _check_keywords(v, name, f"{where}/{key}/{k}")
        elif key in ("items", "additionalProperties"):
            _check_keywords(sub, name, f"{where}/{key}")
