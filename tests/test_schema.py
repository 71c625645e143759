"""The JSON Schemas are standard, and lawbase's own validator agrees with the reference one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from lawbase.corpus import loader, yamlsafe
from lawbase.corpus.loader import find_files
from lawbase.corpus.schema import SchemaSet

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

SCHEMA_DIR = DATA / "schema"
# every kind of corpus file and its schema, as the loader reads them
KIND_SCHEMA = {kind: f"{name}.schema.json" for kind, name in loader._SCHEMA_FILE.items()}


def _registry():  # type: ignore[no-untyped-def]
    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, referencing.Resource.from_contents(schema)))
    return referencing.Registry().with_resources(resources)


def _reference(name: str):  # type: ignore[no-untyped-def]
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, registry=_registry(), format_checker=jsonschema.FormatChecker()
    )


@pytest.mark.parametrize("path", sorted(SCHEMA_DIR.glob("*.json")), ids=lambda p: p.name)
def test_schemas_are_valid_draft_2020_12(path: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def _corpus_files() -> list[tuple[str, Path]]:
    files, problems = find_files(DATA)
    assert problems == []
    return [(kind, path) for kind, _, path in files]


@pytest.mark.parametrize(("kind", "path"), _corpus_files(), ids=lambda x: getattr(x, "name", x))
def test_reference_validator_accepts_every_shipped_file(kind: str, path: Path) -> None:
    """Both validators accept the shipped corpus, file by file."""
    doc = yamlsafe.parse(path.name, path.read_bytes())
    assert doc.problems == []
    ours = SchemaSet(SCHEMA_DIR).validate(doc.value, KIND_SCHEMA[kind])
    theirs = [e.message for e in _reference(KIND_SCHEMA[kind]).iter_errors(doc.value)]
    assert (ours, theirs) == ([], [])


BAD = Path(__file__).parent / "bad"


@pytest.mark.parametrize(
    "case",
    ["unknown-key", "date-not-iso", "date-impossible", "wrong-type", "wrong-type-container",
     "version-without-source", "second-item-bad"],
)  # fmt: skip
def test_both_validators_reject_the_schema_level_bad_cases(case: str) -> None:
    """The failure modes a schema catches are caught by lawbase's validator and jsonschema alike."""
    doc = yamlsafe.parse(case, (BAD / f"{case}.yaml").read_bytes())
    assert doc.problems == []
    ours = SchemaSet(SCHEMA_DIR).validate(doc.value, "provision.schema.json")
    theirs = list(_reference("provision.schema.json").iter_errors(doc.value))
    assert ours and theirs
    # jsonschema places an unknown key on its mapping; ours on the key itself
    assert {tuple(e.absolute_path) for e in theirs} == {p[:-1] if at_key else p for p, _, at_key in ours}


def test_items_checks_every_entry_not_only_the_first(tmp_path: Path) -> None:
    """A one-element list under `items` would validate only the first entry; ours refuses that form."""
    (tmp_path / "list-items.schema.json").write_text(
        json.dumps({"type": "array", "items": [{"type": "string"}]}), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="items must be a schema object"):
        SchemaSet(tmp_path).file("list-items.schema.json")
    (tmp_path / "ok.schema.json").write_text(
        json.dumps({"type": "array", "items": {"type": "string"}}), encoding="utf-8"
    )
    problems = SchemaSet(tmp_path).validate(["fine", 2], "ok.schema.json")
    assert problems == [((1,), "expected a string, found whole number 2", False)]


def test_unsupported_keywords_are_refused(tmp_path: Path) -> None:
    """A schema may not use a keyword our validator would silently ignore."""
    (tmp_path / "x.schema.json").write_text(json.dumps({"type": "object", "oneOf": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="unsupported JSON Schema keyword 'oneOf'"):
        SchemaSet(tmp_path).file("x.schema.json")


def test_a_trailing_newline_does_not_pass_an_anchored_pattern() -> None:
    """`$` ends the text, as JSON Schema (ECMA-262) means it: an id with a final line feed is
    refused. The jsonschema package reads `$` as Python does and accepts it: there, and only
    there, lawbase's validator is the stricter of the two, on purpose."""
    doc = yamlsafe.parse("id-trailing-newline", (BAD / "id-trailing-newline.yaml").read_bytes())
    assert "cl-cp/999\n" == doc.value["id"]
    ours = SchemaSet(SCHEMA_DIR).validate(doc.value, "provision.schema.json")
    theirs = list(_reference("provision.schema.json").iter_errors(doc.value))
    assert ([("id",)], []) == ([p for p, _, _ in ours], theirs)
    assert [] == SchemaSet(SCHEMA_DIR).validate({**doc.value, "id": "cl-cp/999"}, "provision.schema.json")
