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
Any other keyword in a schema is an error at load time, so a schema never silently means less
than it says.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path as FsPath
from typing import Any

Path = tuple[str | int, ...]
Schema = dict[str, Any]

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


def suggest(word: str, choices: Any) -> str:
    """' (did you mean 'x'?)' when a close choice exists, else ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


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
        """Every (path, message, points_at_key) problem of `value` against schema file `name`."""
        return list(self._walk(value, self.file(name), name, ()))

    def _walk(self, value: Any, schema: Schema, base: str, path: Path) -> Iterator[Any]:
        if "$ref" in schema:
            target, target_base = self.resolve(schema["$ref"], base)
            yield from self._walk(value, target, target_base, path)
            return
        types = schema.get("type")
        if types is not None:
            names = types if isinstance(types, list) else [types]
            if not any(_is_type(value, t) for t in names):
                want = " or ".join(_TYPE_NAMES[t] for t in names)
                yield path, f"expected {want}, found {describe(value)}", False
                return
        if "const" in schema and value != schema["const"]:
            yield path, f"must be {schema['const']!r}, found {describe(value)}", False
        if "enum" in schema and value not in schema["enum"]:
            allowed = ", ".join(str(v) for v in schema["enum"])
            hint = suggest(value, schema["enum"]) if isinstance(value, str) else ""
            yield path, f"{describe(value)} is not one of: {allowed}{hint}", False
        if isinstance(value, str):
            yield from self._string(value, schema, path)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                yield path, f"must be at least {schema['minimum']}, found {value}", False
            if "maximum" in schema and value > schema["maximum"]:
                yield path, f"must be at most {schema['maximum']}, found {value}", False
        elif isinstance(value, list):
            yield from self._array(value, schema, base, path)
        elif isinstance(value, dict):
            yield from self._object(value, schema, base, path)

    def _string(self, value: str, schema: Schema, path: Path) -> Iterator[Any]:
        if len(value) < schema.get("minLength", 0):
            yield path, "must not be empty", False
        if schema.get("format") == "date":
            why = check_date(value)
            if why:
                yield path, why, False
                return
        pattern = schema.get("pattern")
        if pattern is not None and not _compiled(pattern).search(value):
            what = schema.get("x-pattern-name", f"the pattern {pattern}")
            yield path, f"'{value}' is not {what}", False

    def _array(self, value: list[Any], schema: Schema, base: str, path: Path) -> Iterator[Any]:
        if len(value) < schema.get("minItems", 0):
            n = schema["minItems"]
            yield path, f"needs at least {n} item{'s' if n != 1 else ''}", False
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            yield path, f"takes at most {schema['maxItems']} items, found {len(value)}", False
        if schema.get("uniqueItems"):
            seen: list[Any] = []
            for i, item in enumerate(value):
                if item in seen:
                    yield path + (i,), f"repeats {describe(item)}", False
                seen.append(item)
        items = schema.get("items")
        if items is not None:
            for i, item in enumerate(value):
                yield from self._walk(item, items, base, path + (i,))

    def _object(self, value: dict[str, Any], schema: Schema, base: str, path: Path) -> Iterator[Any]:
        props: dict[str, Schema] = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                yield path, f"missing required field '{key}'", False
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                yield from self._walk(item, props[key], base, path + (key,))
            elif extra is False:
                yield path + (key,), f"unknown field '{key}'{suggest(key, props)}", True
            elif isinstance(extra, dict):
                yield from self._walk(item, extra, base, path + (key,))


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


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
