"""Model records to and from JSON, for the compiled cache: reading a row can build nothing but
the records declared in model.py, and a row of the wrong shape is refused.

Why not pickle: a pickle names the code it runs to rebuild itself, so whoever can write a cache
file could run code as the next user of lawbase. JSON builds only lists, dicts, strings and
numbers; the decoders here turn those into records, checking every field against the record's
own annotation (a string where `str` is declared, a list of the right length for a record, a
real `YYYY-MM-DD` for a date ...). Anything else raises `Damaged`, and the cache is rebuilt.

A record is encoded as the JSON list of its fields in declaration order, so the decoder is
chosen by the type the field declares, never by anything the data says. `signature()` spells
out every record's fields and annotations: it is part of the cache's key, so adding, removing,
renaming or retyping a field makes an old cache unreadable rather than misread.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from lawbase import model

Decoder = Callable[[Any], Any]


class Damaged(Exception):
    """A cache row that does not decode to a well-formed record."""


# every record type the cache stores, by the name its `type` column holds
RECORDS: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        model.Text, model.Citation, model.Official, model.Source, model.AgeInterval, model.Fine, model.Penalty, model.Aggravated,
        model.Offence, model.Covers, model.Reference, model.JurisdictionRule, model.Threshold, model.Rule,
        model.Discrepancy, model.Version, model.Provision, model.Requirement, model.StatusEvent,
        model.ExtraditionTerms, model.Fulfilment, model.Recommendation, model.Instrument, model.Degree,
        model.Kind, model.Scale, model.FineUnit, model.Jurisdiction, model.Participation,
        model.Vocabulary, model.Settings,
    )
}  # fmt: skip


def signature() -> str:
    """Every record's fields with their declared types, in order: changes whenever the model does."""
    return ";".join(
        f"{name}(" + ",".join(f"{f}:{_annotation(cls, f)}" for f in cls._fields) + ")"  # type: ignore[attr-defined]
        for name, cls in RECORDS.items()
    )


def _annotation(cls: type, field: str) -> str:
    """A field's annotation as written (NamedTuple keeps postponed annotations as ForwardRefs)."""
    ann = cls.__annotations__[field]
    text = getattr(ann, "__forward_arg__", ann)
    if not isinstance(text, str):
        raise TypeError(f"codec: {cls.__name__}.{field} has no written annotation")
    return text


# --- encoding ---


def _json_default(value: Any) -> Any:
    """What the JSON encoder cannot write itself: dates as text, read-only mappings as objects."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, MappingProxyType):
        return dict(value)
    raise TypeError(f"codec: cannot encode {type(value).__name__}")


# records and tuples are tuples, which the C encoder writes as lists itself, without a Python
# call per value (a cold compile encodes every provision)
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_json_default)


# the C encoder JSONEncoder.encode makes afresh on every call, made once; without the check for
# cycles (a dict of every list and dict being encoded, by id): records are tuples built bottom
# up, which cannot hold themselves
_make_encoder: Any = getattr(json.encoder, "c_make_encoder", None)
_C_ENCODE = (
    _make_encoder(None, _json_default, json.encoder.encode_basestring, None, ":", ",", False, False, False)
    if _make_encoder is not None
    else None
)


def encode(record: Any) -> str:
    """A record as compact JSON text (non-finite numbers are refused: they are not JSON)."""
    if _C_ENCODE is None:
        return _ENCODER.encode(record)
    return "".join(_C_ENCODE(record, 0))


# --- decoding ---


def _fail(expected: str, value: Any) -> Damaged:
    shown = repr(value)
    return Damaged(f"expected {expected}, found {shown[:60]}")


# the JSON types a plain field may hold, by its annotation (a float may be written as an int)
_PLAIN_TYPES: dict[str, frozenset[type]] = {
    "str": frozenset({str}), "int": frozenset({int}), "bool": frozenset({bool}),
    "float": frozenset({int, float}),
}  # fmt: skip


def _checker(annotation: str, expected: str) -> Decoder:
    """The decoder of a plain value: the value itself, if its type is one the annotation allows."""
    types = _PLAIN_TYPES[annotation]

    def check(v: Any) -> Any:
        if type(v) not in types:
            raise _fail(expected, v)
        return v

    return check


_str = _checker("str", "text")


def _date(v: Any) -> dt.date:
    if type(v) is not str or len(v) != 10:
        raise _fail("a date", v)
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise _fail("a date", v) from None


def _any_json(v: Any) -> Any:
    return v


def _optional(inner: Decoder) -> Decoder:
    def dec(v: Any) -> Any:
        return None if v is None else inner(v)

    return dec


def _list_of(v: Any) -> list[Any]:
    if type(v) is not list:
        raise _fail("a list", v)
    return v


def _tuple_of(inner: Decoder) -> Decoder:
    if inner is _str:

        def strings(v: Any) -> tuple[str, ...]:
            if type(v) is not list:
                raise _fail("a list of texts", v)
            try:
                "".join(v)  # in C: a TypeError at the first item that is not a str
            except TypeError:
                raise _fail("a list of texts", v) from None
            return tuple(v)

        return strings

    def dec(v: Any) -> tuple[Any, ...]:
        return tuple([inner(x) for x in _list_of(v)])

    return dec


def _fixed_tuple(inners: list[Decoder]) -> Decoder:
    n = len(inners)

    def dec(v: Any) -> tuple[Any, ...]:
        if type(v) is not list or len(v) != n:
            raise _fail(f"a list of {n}", v)
        return tuple([f(x) for f, x in zip(inners, v, strict=True)])

    return dec


def _mapping(inner: Decoder, proxy: bool) -> Decoder:
    def dec(v: Any) -> Any:
        if type(v) is not dict:
            raise _fail("a mapping", v)
        out = {k: inner(x) for k, x in v.items()}
        return MappingProxyType(out) if proxy else out

    return dec


_PRIMITIVES: dict[str, Decoder] = {
    "str": _str, "int": _checker("int", "an integer"), "float": _checker("float", "a number"),
    "bool": _checker("bool", "true or false"), "dt.date": _date, "Any": _any_json,
}  # fmt: skip


def _split(text: str, sep: str) -> list[str]:
    """`A, B[C, D]` split on `sep` outside brackets -> [`A`, `B[C, D]`]."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def _decoder_for(annotation: str) -> Decoder:
    """The decoder of one field, from its annotation as written in model.py."""
    alternatives = _split(annotation, "|")
    if len(alternatives) == 2 and "None" in alternatives:
        other = next(a for a in alternatives if a != "None")
        return _optional(_decoder_for(other))
    if len(alternatives) > 1:
        raise TypeError(f"codec: unsupported union {annotation!r}")
    a = annotation.strip()
    if a in _PRIMITIVES:
        return _PRIMITIVES[a]
    if a in RECORDS:
        return _record_ref(a)
    head, _, rest = a.partition("[")
    if not rest.endswith("]"):
        raise TypeError(f"codec: unsupported annotation {annotation!r}")
    args = _split(rest[:-1], ",")
    if head == "tuple":
        if len(args) == 2 and args[1] == "...":
            return _tuple_of(_decoder_for(args[0]))
        return _fixed_tuple([_decoder_for(x) for x in args])
    if head in ("dict", "Mapping") and len(args) == 2 and args[0] == "str":
        return _mapping(_decoder_for(args[1]), proxy=head == "Mapping")
    raise TypeError(f"codec: unsupported annotation {annotation!r}")


_DECODERS: dict[str, Decoder] = {}


def _record_ref(name: str) -> Decoder:
    """A decoder of the record `name`, built on first use (records refer to each other)."""
    resolved: list[Decoder] = []

    def dec(v: Any) -> Any:
        if not resolved:
            resolved.append(record_decoder(name))
        return resolved[0](v)

    return dec


def _plain_types(annotation: str) -> frozenset[type] | None:
    """The JSON types a field of plain values may hold (`str | None` -> {str, None}), or None
    when its value needs converting (a date, a record, a tuple, a mapping)."""
    alternatives = _split(annotation, "|")
    out: set[type] = set()
    for a in alternatives:
        if a == "None":
            out.add(type(None))
        elif a in _PLAIN_TYPES:
            out |= _PLAIN_TYPES[a]
        else:
            return None
    return frozenset(out)


def record_decoder(name: str) -> Decoder:
    """The decoder of the record type `name` (a list of its fields -> the record). Fields of plain
    values are checked by type alone; the others go through their own decoders."""
    found = _DECODERS.get(name)
    if found is not None:
        return found
    cls = RECORDS[name]
    fields = cls._fields  # type: ignore[attr-defined]
    plain: list[tuple[int, frozenset[type]]] = []
    converted: list[tuple[int, Decoder]] = []
    for i, f in enumerate(fields):
        annotation = _annotation(cls, f)
        types = _plain_types(annotation)
        if types is None:
            converted.append((i, _decoder_for(annotation)))
        else:
            plain.append((i, types))
    n = len(fields)
    make = tuple.__new__
    # the plain fields are checked in C: their values' types, each against its allowed set
    plain_values = itemgetter(*[i for i, _ in plain]) if len(plain) > 1 else None
    plain_sets = tuple(types for _, types in plain)
    member = frozenset.__contains__

    def dec(v: Any) -> Any:
        if type(v) is not list or len(v) != n:
            raise _fail(f"a {name} record of {n} fields", v)
        if plain_values is not None:
            ok = all(map(member, plain_sets, map(type, plain_values(v))))
        else:
            ok = all(type(v[i]) in types for i, types in plain)
        if not ok:
            i, types = next((i, t) for i, t in plain if type(v[i]) not in t)
            raise _fail(f"{name}.{fields[i]} of type {'/'.join(sorted(t.__name__ for t in types))}", v[i])
        for i, conv in converted:
            v[i] = conv(v[i])  # the list is json's own, fresh for this call
        return make(cls, v)

    _DECODERS[name] = dec
    return dec


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_JSON = json.JSONDecoder(parse_constant=_no_constant)


def decode_json(text: Any) -> Any:
    """Plain JSON values from a row's text; Damaged if it is not strict JSON text."""
    if type(text) is not str:
        raise _fail("JSON text", text)
    try:
        return _JSON.decode(text)
    except (ValueError, RecursionError) as exc:
        raise Damaged(f"not JSON: {exc}") from None


def decode(name: str, text: Any) -> Any:
    """The record of type `name` stored as `text`; Damaged if it is not one."""
    if name not in RECORDS:
        raise Damaged(f"unknown record type {name!r}")
    value = decode_json(text)
    try:
        return record_decoder(name)(value)
    except RecursionError:
        raise Damaged("nested too deeply") from None


# --- per-file results (what the cross-file checks need of a file: its references and ids) ---

# the layout encode_result writes, part of the cache key like signature()
RESULT_SIGNATURE = "result([ref(kind,target,path,context)],[define(ns,id,path)])"


def encode_result(result: Any) -> str:
    """A file's references and definitions (a corpus.files.FileResult) as JSON text."""
    # a Ref, its path and a penalty's target are tuples, which the C encoder writes as lists
    return encode([result.refs, result.defines])


_PATH_PARTS = frozenset({str, int})


def _path(v: Any) -> tuple[str | int, ...]:
    items = _list_of(v)
    # every part's type checked in C: a corpus has a million of these paths
    if not all(map(_PATH_PARTS.__contains__, map(type, items))):
        raise _fail("a field path", v)
    return tuple(items)


def _target(kind: str, v: Any) -> Any:
    if kind != "penalty":
        return _str(v)
    if type(v) is not list or len(v) != 3:
        raise _fail("a penalty reference", v)
    penalty_kind, degrees, text = v
    if penalty_kind is not None:
        _str(penalty_kind)
    if text is not None:
        _str(text)
    return (penalty_kind, _tuple_of(_str)(degrees), text)


def decode_result(name: str, kind: str, text: Any) -> Any:
    """The FileResult of file `name` stored by encode_result; Damaged if it is not one."""
    from .files import FileResult, Ref

    value = decode_json(text)
    if type(value) is not list or len(value) != 2:
        raise _fail("a file's references and definitions", value)
    # the checks of _str, _target and _path written out: a warm `validate` decodes the
    # results of every file, about fifteen references each (a call per field was most of it)
    is_part = _PATH_PARTS.__contains__
    refs = []
    for r in _list_of(value[0]):
        if type(r) is not list or len(r) != 4:
            raise _fail("a reference", r)
        ref_kind, target, path, context = r
        if type(ref_kind) is not str:
            raise _fail("text", ref_kind)
        if context is not None and type(context) is not str:
            raise _fail("text", context)
        if ref_kind == "penalty":
            target = _target(ref_kind, target)
        elif type(target) is not str:
            raise _fail("text", target)
        if type(path) is not list or not all(map(is_part, map(type, path))):
            raise _fail("a field path", path)
        refs.append(Ref(ref_kind, target, tuple(path), context))
    defines = []
    for d in _list_of(value[1]):
        if type(d) is not list or len(d) != 3:
            raise _fail("a definition", d)
        defines.append((_str(d[0]), _str(d[1]), _path(d[2])))
    return FileResult(name, kind, [], [], refs, defines)
