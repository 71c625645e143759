"""Corpus folder -> problems or a KnowledgeBase. Never prints.

Three stages, so every problem is found in one run and each is located:

1. **files**: walk the folder (no symlinked folders, nothing unexpected), read each file's bytes;
2. **per file**: strict YAML (yamlsafe), JSON Schema (schema.py), checks that need only the file
   (id matches path, versions ordered, unverified facts say why), then model objects plus the list
   of outgoing references, each with the field path it came from;
3. **across files**: unique ids, every reference resolves, tags come from the vocabularies,
   penalties fit the scale. Their problems are located by looking the field path up in the
   file's marks, which are kept only for files that need them (re-read on demand).

A file with per-file problems is left out of stage 3, so one typo does not cascade.
"""

from __future__ import annotations

import datetime as dt
import os
import string
from pathlib import Path
from typing import Any

from lawbase import penalties, refs
from lawbase.errors import DataError, Problem
from lawbase.kb import KnowledgeBase
from lawbase.model import (
    AgeInterval,
    Aggravated,
    Citation,
    Covers,
    Degree,
    Discrepancy,
    ExtraditionTerms,
    Fine,
    FineUnit,
    Fulfilment,
    Instrument,
    Jurisdiction,
    JurisdictionRule,
    Kind,
    Offence,
    Official,
    Participation,
    Penalty,
    Provision,
    Recommendation,
    Reference,
    Requirement,
    Rule,
    Scale,
    Settings,
    Source,
    StatusEvent,
    Text,
    Threshold,
    Version,
    Vocabulary,
)

from . import yamlsafe
from .files import (
    FieldPath,
    FileResult,
    NotRegularFile,
    Ref,
    Unreadable,
    find_files,
    read_corpus_file,
    too_large,
    unread_kinds,
)
from .link import VOCAB_NAMES, Cross, MemoryIndex, link
from .schema import SchemaSet, suggest


def schema_dir() -> Path:
    """The schemas shipped with this lawbase (they describe what this code accepts)."""
    from lawbase.paths import default_data_dir

    return default_data_dir() / "schema"


# ---------------------------------------------------------------------------------------------
# stage 2: one file


def read_file(
    kind: str, name: str, data: bytes, schemas: SchemaSet, expected_id: str
) -> tuple[FileResult, yamlsafe.Document]:
    """Parse, validate and build one file."""
    doc = yamlsafe.parse(name, data)
    result = FileResult(name, kind)
    if doc.problems:
        result.problems = doc.problems
        return result, doc
    schema_file = f"{_SCHEMA_FILE[kind]}.schema.json"
    found = schemas.validate(doc.value, schema_file)
    if not found:
        getattr(_Builder(doc, result), kind)(doc.value, expected_id)
        if not result.problems or doc.located:
            return result, doc
    elif doc.located:
        result.problems = [doc.problem(path, message, key=at_key) for path, message, at_key in found]
        return result, doc
    # a problem needs positions: read the file again, recording where each value stands
    return read_file_located(kind, name, data, schemas, expected_id)


def read_file_located(
    kind: str, name: str, data: bytes, schemas: SchemaSet, expected_id: str
) -> tuple[FileResult, yamlsafe.Document]:
    doc = yamlsafe.parse(name, data, located=True)
    result = FileResult(name, kind)
    if doc.problems:
        result.problems = doc.problems
        return result, doc
    for path, message, at_key in schemas.validate(doc.value, f"{_SCHEMA_FILE[kind]}.schema.json"):
        result.problems.append(doc.problem(path, message, key=at_key))
    if result.problems:
        return result, doc
    getattr(_Builder(doc, result), kind)(doc.value, expected_id)
    return result, doc


_SCHEMA_FILE = {
    "provision": "provision",
    "instrument": "instrument",
    "scale": "scale",
    "sources": "sources",
    "vocabulary": "vocabulary",
    "corpus": "corpus",
    "jurisdiction": "jurisdiction",
    "status": "status",
}
# the vocabularies a jurisdiction's file may add terms to, besides its own id
_SHARED_TERMS = ("jurisdictions", "conditions", "themes")


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _backwards(low: str, high: str) -> bool:
    """Whether a range's maximum is below its minimum (either unreadable: the schema says so)."""
    try:
        return penalties.duration_days(high) < penalties.duration_days(low)
    except ValueError:
        return False


class _Builder:
    """Turns one schema-valid document into model objects and outgoing references."""

    def __init__(self, doc: yamlsafe.Document, result: FileResult) -> None:
        self.doc = doc
        self.result = result

    def problem(self, path: FieldPath, message: str, *, key: bool = False) -> None:
        self.result.problems.append(self.doc.problem(path, message, key=key))

    def ref(self, kind: str, target: Any, path: FieldPath, context: str | None = None) -> None:
        self.result.refs.append(Ref(kind, target, path, context))

    # --- shared pieces ---

    def text(self, raw: dict[str, str]) -> Text:
        return Text(en=raw["en"], es=raw.get("es"))

    def citations(self, raw: list[dict[str, Any]], path: FieldPath) -> tuple[Citation, ...]:
        out = []
        for i, c in enumerate(raw):
            p = path + (i,)
            version = _date(c["version"]) if "version" in c else None
            self.ref("source", f"{c['source']}@{c['version']}" if version else c["source"], p + ("source",))
            if not c["verified"] and "reason" not in c:
                self.problem(p, "an unverified fact must say why (add 'reason')")
            out.append(
                Citation(
                    source=c["source"],
                    pinpoint=c["pinpoint"],
                    verified=c["verified"],
                    checked=_date(c["checked"]),
                    reason=c.get("reason"),
                    note=c.get("note"),
                    reason_es=c.get("reason_es"),
                    note_es=c.get("note_es"),
                    version=version,
                )
            )
        return tuple(out)

    def official(self, raw: dict[str, str] | None) -> Official | None:
        return Official(raw["register"], raw["id"], raw.get("url")) if raw else None

    def age(self, raw: dict[str, Any], path: FieldPath) -> AgeInterval:
        interval = AgeInterval(raw["from"], raw["under"])
        if interval.under is not None and interval.under <= interval.lo:
            self.problem(path + ("under",), f"must be above 'from' ({interval.lo}): the interval is empty")
        return interval

    def penalty(self, raw: dict[str, Any], path: FieldPath, instrument: str) -> Penalty:
        has_degrees = "degrees" in raw
        has_range = "min" in raw or "max" in raw
        relative = "raise_degrees" in raw
        if has_degrees and has_range:
            self.problem(path, "give either 'degrees' or 'min'/'max', not both")
        elif has_degrees and "kind" not in raw:
            self.problem(path, "'degrees' need a 'kind' (presidio, reclusión, ...)")
        elif has_degrees and raw.get("life"):
            self.problem(
                path + ("life",), "a life degree comes from the scale: give 'degrees' or 'life', not both"
            )
        elif raw.get("life") and "max" in raw:
            self.problem(path + ("max",), "a life penalty has no maximum")
        elif not (has_degrees or has_range or relative or "fine" in raw or raw.get("life")):
            self.problem(path, "a penalty needs 'degrees', 'min'/'max', 'life', 'raise_degrees' or 'fine'")
        if "min" in raw and "max" in raw and _backwards(raw["min"], raw["max"]):
            self.problem(path + ("max",), f"the range runs backwards: {raw['max']} is below {raw['min']}")
        fine = raw.get("fine")
        if fine:
            self.ref("vocab:fine_units", fine["unit"], path + ("fine", "unit"))
            if fine.get("max") is not None and fine["max"] < fine["min"]:
                self.problem(path + ("fine", "max"), "the fine's range runs backwards")
        if has_degrees:
            target = (raw.get("kind"), tuple(raw["degrees"]), raw.get("text"))
            self.ref("penalty", target, path, instrument)
        return Penalty(
            kind=raw.get("kind"),
            degrees=tuple(raw.get("degrees", ())),
            min=raw.get("min"),
            max=raw.get("max"),
            raise_degrees=raw.get("raise_degrees", 0),
            fine=Fine(fine["unit"], fine["min"], fine.get("max"), fine.get("alternative", False))
            if fine
            else None,
            text=raw.get("text"),
            note=raw.get("note"),
            note_es=raw.get("note_es"),
            life=bool(raw.get("life", False)),
        )

    def _tag(self, name: str, tag: str, path: FieldPath) -> str:
        self.ref(f"vocab:{name}", tag, path)
        return tag

    def vocab(self, name: str, tags: list[str], path: FieldPath) -> tuple[str, ...]:
        for i, tag in enumerate(tags):
            self.ref(f"vocab:{name}", tag, path + (i,))
        return tuple(tags)

    # --- file kinds ---

    def sources(self, raw: dict[str, Any], expected_id: str) -> None:
        # sources/<owner>.yaml: the jurisdiction whose files cite them (int: the shared ones)
        self.ref("vocab:jurisdictions", expected_id, ())
        for i, s in enumerate(raw["sources"]):
            p: FieldPath = ("sources", i)
            repo = s.get("repository", {})
            published, official, versions = (
                s.get("published", {}),
                s.get("official", {}),
                s.get("versions", {}),
            )
            if versions:  # a consolidated text is cited by version: 'id@date' is what resolves
                for vi, d in enumerate(versions["dates"]):
                    self.result.defines.append(("source", f"{s['id']}@{d}", p + ("versions", "dates", vi)))
            else:
                self.result.defines.append(("source", s["id"], p + ("id",)))
            self.result.objects.append(
                Source(
                    id=s["id"],
                    kind=s["kind"],
                    title=s["title"],
                    author=s.get("author"),
                    date=_date(s["date"]) if "date" in s else None,
                    version_date=_date(s["version_date"]) if "version_date" in s else None,
                    file=s.get("file"),
                    url=s.get("url"),
                    repo=repo.get("repo"),
                    path=repo.get("path"),
                    commit=repo.get("commit"),
                    note=s.get("note"),
                    published_in=published.get("in"),
                    published=_date(published["date"]) if published else None,
                    official=self.official(official),
                    version_label=versions.get("label"),
                    version_url=versions.get("url"),
                    versions=tuple(_date(d) for d in versions.get("dates", ())),
                )
            )

    def vocabulary(self, raw: dict[str, Any], expected_id: str) -> None:
        spanish: dict[str, str] = {}

        def labels(name: str) -> dict[str, str]:
            out = {}
            for tag, term in raw[name].items():
                if refs.slug(tag) != tag:
                    self.problem((name, tag), f"'{tag}' is not a lower-case slug", key=True)
                out[tag] = term["label"]
                if "label_es" in term:
                    spanish[f"{name}:{tag}"] = term["label_es"]
            return out

        keywords = {tag: tuple(term.get("keywords", ())) for tag, term in raw["conduct"].items()}
        self.terms(raw, _SHARED_TERMS)
        self.result.objects.append(
            Vocabulary(
                jurisdictions=labels("jurisdictions"),
                conduct=labels("conduct"),
                conditions=labels("conditions"),
                nexus=labels("nexus"),
                requirement_kinds=labels("requirement_kinds"),
                themes=labels("themes"),
                rule_kinds=labels("rule_kinds"),
                keywords=keywords,
                spanish=spanish,
            )
        )

    def corpus(self, raw: dict[str, Any], expected_id: str) -> None:
        if "default_jurisdiction" in raw:
            self.ref("vocab:jurisdictions", raw["default_jurisdiction"], ("default_jurisdiction",))
        title = raw.get("report_title")
        for lang, text in (title or {}).items():
            if "{jurisdiction}" not in text:
                self.problem(("report_title", lang), "needs '{jurisdiction}', where the State's name goes")
        self.result.objects.append(
            Settings(
                default_jurisdiction=raw.get("default_jurisdiction"),
                report_title=self.text(title) if title else None,
                milestones=tuple(sorted(_date(d) for d in raw.get("milestones", ()))),
            )
        )

    def terms(self, raw: dict[str, Any], names: tuple[str, ...]) -> None:
        """Terms a jurisdiction may add to (its own conditions ...) are defined like ids, so a
        term defined twice, in the engine's vocabulary or by two jurisdictions, is refused."""
        for name in names:
            for tag in raw.get(name, {}):
                self.result.defines.append((VOCAB_NAMES[name], tag, (name, tag)))

    def jurisdiction(self, raw: dict[str, Any], expected_id: str) -> None:
        jid = raw["id"]
        if jid != expected_id:
            self.problem(("id",), f"'{jid}' does not match the file name (expected '{expected_id}')")
        self.result.defines.append(("jurisdiction", jid, ("id",)))
        self.terms(raw, ("conditions", "themes"))
        for name in ("conditions", "themes"):
            for tag in raw.get(name, {}):
                if refs.slug(tag) != tag:
                    self.problem((name, tag), f"'{tag}' is not a lower-case slug", key=True)
        units = []
        for uid, unit in raw.get("fine_units", {}).items():
            self.result.defines.append((VOCAB_NAMES["fine_units"], uid, ("fine_units", uid)))
            units.append(FineUnit(uid, unit["label"], self.text(unit["name"])))
        words = raw.get("references", {})
        if "bare_numbers" in words:
            self.ref("instrument", words["bare_numbers"], ("references", "bare_numbers"))
        self.result.objects.append(
            Jurisdiction(
                id=jid,
                label=raw["label"],
                courts=self.text(raw["courts"]),
                languages=tuple(raw["languages"]),
                currency=raw.get("currency"),
                fine_units=tuple(units),
                article_words=tuple(words.get("article_words", ())),
                connectors=tuple(words.get("connectors", ())),
                bare_numbers=words.get("bare_numbers"),
                conditions={tag: term["label"] for tag, term in raw.get("conditions", {}).items()},
                themes={tag: term["label"] for tag, term in raw.get("themes", {}).items()},
                note=raw.get("note"),
                spanish={
                    f"{name}:{tag}": term["label_es"]
                    for name in ("conditions", "themes")
                    for tag, term in raw.get(name, {}).items()
                    if "label_es" in term
                },
            )
        )

    def scale(self, raw: dict[str, Any], expected_id: str) -> None:
        if raw["id"] != expected_id:
            self.problem(("id",), f"'{raw['id']}' does not match the file name (expected '{expected_id}')")
        self.ref("vocab:jurisdictions", raw["jurisdiction"], ("jurisdiction",))
        dpy = raw["days_per_year"]
        ladders = {}
        ladder_sources: tuple[Citation, ...] = ()
        for li, ladder in enumerate(raw["ladders"]):
            ladders[ladder["id"]] = self.ladder(ladder, li, raw["classes"], dpy)
            ladder_sources += self.citations(ladder["sources"], ("ladders", li, "sources"))
        classes = {cid: (c["es"], c["en"], c["rank"]) for cid, c in raw["classes"].items()}
        sources = self.citations(raw["sources"], ("sources",)) + ladder_sources
        self.result.defines.append(("scale", raw["id"], ("id",)))
        self.result.objects.append(
            Scale(
                raw["id"],
                raw["jurisdiction"],
                dpy,
                ladders,
                self.kinds(raw["kinds"], ladders),
                classes,
                sources,
                self.naming(raw["naming"]),
            )
        )

    def ladder(
        self, ladder: dict[str, Any], li: int, classes: dict[str, Any], dpy: int
    ) -> tuple[Degree, ...]:
        """A ladder's degrees: each divisible one a range contiguous with the one before."""
        degrees = []
        prev_max: int | None = None
        for di, d in enumerate(ladder["degrees"]):
            p: FieldPath = ("ladders", li, "degrees", di)
            if d.get("life"):
                if "min" in d or "max" in d:
                    self.problem(p, "a life penalty has no min/max")
            elif "min" not in d or "max" not in d:
                self.problem(p, "a divisible degree needs 'min' and 'max'")
            degree = penalties.build_degree(d, di, dpy)
            if degree.min_days is not None and degree.max_days is not None:
                if degree.max_days < degree.min_days:
                    self.problem(p + ("max",), "the degree's range runs backwards")
                if prev_max is not None and degree.min_days != prev_max + 1:
                    self.problem(
                        p + ("min",),
                        "degrees of a ladder must be contiguous (min = previous max + 1 day)",
                    )
                prev_max = degree.max_days
            if d.get("class") and d["class"] not in classes:
                self.problem(p + ("class",), f"unknown class '{d['class']}'{suggest(d['class'], classes)}")
            degrees.append(degree)
        return tuple(degrees)

    def kinds(self, raw: list[dict[str, Any]], ladders: dict[str, tuple[Degree, ...]]) -> dict[str, Kind]:
        """The scale's penalty kinds, each on a ladder of the scale and using its degrees."""
        kinds = {}
        for ki, k in enumerate(raw):
            p: FieldPath = ("kinds", ki)
            if k["ladder"] not in ladders:
                self.problem(
                    p + ("ladder",), f"unknown ladder '{k['ladder']}'{suggest(k['ladder'], ladders)}"
                )
                continue
            ids = [d.id for d in ladders[k["ladder"]]]
            allowed = tuple(k.get("degrees", ids))
            for di, d_id in enumerate(allowed):
                if d_id not in ids:
                    self.problem(p + ("degrees", di), f"unknown degree '{d_id}'{suggest(d_id, ids)}")
            kinds[k["id"]] = Kind(
                k["id"], k["es"], k["en"], k["ladder"], allowed, dict(k.get("degree_names", {}))
            )
        return kinds

    def naming(self, raw: dict[str, str]) -> dict[str, str]:
        """The scale's templates of penalty names, each using only the fields it is given."""
        for name, template in raw.items():
            allowed = penalties.NAMING_FIELDS[name]
            try:
                used = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
            except ValueError as exc:
                self.problem(("naming", name), f"not a template: {exc}")
                continue
            for f in sorted(used - allowed):
                fields = ", ".join(f"{{{a}}}" for a in sorted(allowed))
                self.problem(("naming", name), f"unknown field {{{f}}}: '{name}' is given {fields}")
        return dict(raw)

    def instrument(self, raw: dict[str, Any], expected_id: str) -> None:
        iid = raw["id"]
        if iid != expected_id:
            self.problem(("id",), f"'{iid}' does not match the file name (expected '{expected_id}')")
        self.result.defines.append(("instrument", iid, ("id",)))
        self.ref("vocab:jurisdictions", raw["jurisdiction"], ("jurisdiction",))
        for i, state in enumerate(raw.get("addressed_to", ())):
            self.ref("vocab:jurisdictions", state, ("addressed_to", i))
        if "scale" in raw:
            self.ref("scale", raw["scale"], ("scale",))
        official = raw.get("official")
        ext = raw.get("extradition")
        extradition = (
            ExtraditionTerms(
                summary=ext["summary"],
                summary_es=ext.get("summary_es"),
                sources=self.citations(ext["sources"], ("extradition", "sources")),
                double_criminality=ext.get("double_criminality"),
                threshold=self.threshold(ext.get("threshold")),
                enforcement_remaining=ext.get("enforcement_remaining"),
                nationals=ext.get("nationals"),
                multilateral_offences=ext.get("multilateral_offences"),
            )
            if ext
            else None
        )
        instrument = Instrument(
            id=iid,
            kind=raw["kind"],
            jurisdiction=raw["jurisdiction"],
            title=self.text(raw["title"]),
            short=raw["short"],
            sources=self.citations(raw["sources"], ("sources",)),
            aliases=tuple(raw.get("aliases", ())),
            number=raw.get("number"),
            scale=raw.get("scale"),
            adopted=_date(raw["adopted"]) if "adopted" in raw else None,
            published=_date(raw["published"]) if "published" in raw else None,
            in_force=_date(raw["in_force"]) if "in_force" in raw else None,
            official=self.official(official),
            summary=raw.get("summary"),
            extradition=extradition,
            note=raw.get("note"),
            note_es=raw.get("note_es"),
            addressed_to=tuple(raw.get("addressed_to", ())),
            summary_es=raw.get("summary_es"),
        )
        if instrument.published and instrument.in_force and instrument.in_force < instrument.published:
            self.problem(("in_force",), "comes into force before it was published")
        self.result.objects.append(instrument)
        start = instrument.adopted or instrument.published or instrument.in_force
        articles = raw.get("articles", ())
        if articles and start is None:
            self.problem(("articles",), "an instrument with articles needs an 'adopted' or 'published' date")
            return
        for ai, art in enumerate(articles):
            self.article(instrument, art, ("articles", ai), start)
        for ri, r in enumerate(raw.get("requirements", ())):
            self.requirement(instrument, None, r, ("requirements", ri))

    def status(self, raw: dict[str, Any], expected_id: str) -> None:
        """A State's standing in one instrument: its steps, and the recommendations made to it."""
        jurisdiction, iid = raw["jurisdiction"], raw["instrument"]
        want_j, _, want_i = expected_id.partition("/")
        if jurisdiction != want_j:
            self.problem(
                ("jurisdiction",), f"'{jurisdiction}' does not match the file's folder (expected '{want_j}')"
            )
        if iid != want_i:
            self.problem(("instrument",), f"'{iid}' does not match the file name (expected '{want_i}')")
        self.ref("vocab:jurisdictions", jurisdiction, ("jurisdiction",))
        self.ref("instrument", iid, ("instrument",))
        self.result.defines.append(("status", f"{jurisdiction}/{iid}", ("instrument",)))
        events = []
        for i, ev in enumerate(raw.get("events", ())):
            p: FieldPath = ("events", i)
            events.append(
                StatusEvent(
                    jurisdiction=jurisdiction,
                    event=ev["event"],
                    sources=self.citations(ev["sources"], p + ("sources",)),
                    date=_date(ev["date"]) if "date" in ev else None,
                    summary=ev.get("summary"),
                    summary_es=ev.get("summary_es"),
                )
            )
        for i in range(1, len(events)):
            a, b = events[i - 1].date, events[i].date
            if a and b and b < a:
                self.problem(
                    ("events", i, "date"), f"status events must be in date order ({b} is before {a})"
                )
        self.result.objects.append(Participation(f"{jurisdiction}/{iid}", jurisdiction, iid, tuple(events)))
        for ri, rec in enumerate(raw.get("recommendations", ())):
            self.recommendation(iid, jurisdiction, rec, ("recommendations", ri))

    def recommendation(self, iid: str, jurisdiction: str, raw: dict[str, Any], path: FieldPath) -> None:
        rid = f"{iid}/{raw['key']}"
        self.result.defines.append(("recommendation", rid, path + ("key",)))
        for ci, c in enumerate(raw.get("concerns", ())):
            self.ref("concern", c, path + ("concerns", ci))
        met = []
        for mi, m in enumerate(raw.get("met_by", ())):
            mp = path + ("met_by", mi)
            if "by" in m:
                self.ref("law", m["by"], mp + ("by",))
            if "provision" in m:
                self.ref("target", m["provision"], mp + ("provision",))
            met.append(
                Fulfilment(
                    date=_date(m["date"]),
                    summary=m["summary"],
                    summary_es=m.get("summary_es"),
                    sources=self.citations(m["sources"], mp + ("sources",)),
                    by=m.get("by"),
                    provision=m.get("provision"),
                )
            )
        self.result.objects.append(
            Recommendation(
                id=rid,
                instrument=iid,
                jurisdiction=jurisdiction,
                summary=raw["summary"],
                summary_es=raw.get("summary_es"),
                sources=self.citations(raw["sources"], path + ("sources",)),
                recommending=tuple(raw.get("recommending", ())),
                accepted=raw.get("accepted"),
                concerns=tuple(raw.get("concerns", ())),
                met_by=tuple(met),
            )
        )

    def requirement(self, inst: Instrument, article: str | None, r: dict[str, Any], rp: FieldPath) -> str:
        rid = f"{inst.id}/{r['key']}"
        self.result.defines.append(("requirement", rid, rp + ("key",)))
        self.ref("vocab:requirement_kinds", r["kind"], rp + ("kind",))
        self.result.objects.append(
            Requirement(
                id=rid,
                instrument=inst.id,
                article=article,
                kind=r["kind"],
                summary=r["summary"],
                summary_es=r.get("summary_es"),
                sources=self.citations(r["sources"], rp + ("sources",)),
                title=self.text(r["title"]) if "title" in r else None,
                mandatory=r.get("mandatory", True),
                conduct=self.vocab("conduct", r.get("conduct", []), rp + ("conduct",)),
                victim_age=self.age(r["victim_age"], rp + ("victim_age",)) if "victim_age" in r else None,
                nexus=self.vocab("nexus", r.get("nexus", []), rp + ("nexus",)),
                conduct_match=r.get("conduct_match", "all"),
            )
        )
        return rid

    def article(self, inst: Instrument, raw: dict[str, Any], path: FieldPath, start: dt.date | None) -> None:
        number = str(raw["number"])
        pid = f"{inst.id}/{refs.slug(number)}"
        self.result.defines.append(("provision", pid, path + ("number",)))
        req_ids = [
            self.requirement(inst, pid, r, path + ("requirements", ri))
            for ri, r in enumerate(raw.get("requirements", ()))
        ]
        sources = self.citations(raw["sources"], path + ("sources",))
        assert start is not None
        version = Version(
            start=start, by=inst.id, sources=sources, summary=raw["summary"], summary_es=raw.get("summary_es")
        )
        self.result.objects.append(
            Provision(
                id=pid,
                instrument=inst.id,
                number=number,
                title=self.text(raw["title"]),
                versions=(version,),
                keywords=tuple(raw.get("keywords", ())),
                themes=self.vocab("themes", raw.get("themes", []), path + ("themes",)),
                requirements=tuple(req_ids),
                file=self.result.file,
            )
        )

    def provision(self, raw: dict[str, Any], expected_id: str) -> None:
        pid = raw["id"]
        if pid != expected_id:
            self.problem(("id",), f"'{pid}' does not match the file's path (expected '{expected_id}')")
        inst = raw["instrument"]
        if inst != pid.split("/")[0]:
            self.problem(
                ("instrument",), f"'{inst}' does not match the id's instrument '{pid.split('/')[0]}'"
            )
        number = str(raw["number"])
        if refs.slug(number) != pid.split("/")[-1]:
            self.problem(
                ("number",), f"'{number}' does not match the id '{pid}' (its slug is '{refs.slug(number)}')"
            )
        self.ref("instrument", inst, ("instrument",))
        self.result.defines.append(("provision", pid, ("id",)))
        versions: list[Version] = []
        raws = raw["versions"]
        for i, v in enumerate(raws):
            versions.append(self.version(pid, inst, v, ("versions", i)))
        for i in range(1, len(versions)):
            a, b = versions[i - 1], versions[i]
            if b.start == a.start:
                self.problem(
                    ("versions", i, "from"), f"overlaps versions[{i - 1}], which also starts on {a.start}"
                )
            elif b.start < a.start:
                self.problem(
                    ("versions", i, "from"),
                    f"versions must be in date order: {b.start} comes before versions[{i - 1}] ({a.start})",
                )
        # each version ends where the next one starts
        versions = [
            v._replace(end=versions[i + 1].start) if i + 1 < len(versions) else v
            for i, v in enumerate(versions)
        ]
        before = raw.get("before")
        if before and before.get("same_text") and versions:
            if "since" not in before:
                self.problem(
                    ("before", "same_text"),
                    "say since when the text is known to stand ('since': the oldest official version read); "
                    "it is never projected further back",
                )
            elif _date(before["since"]) >= versions[0].start:
                self.problem(("before", "since"), f"must be before the first version ({versions[0].start})")
        self.result.objects.append(
            Provision(
                id=pid,
                instrument=inst,
                number=number,
                title=self.text(raw["title"]),
                versions=tuple(versions),
                keywords=tuple(raw.get("keywords", ())),
                section=self.text(raw["section"]) if "section" in raw else None,
                note=raw.get("note"),
                note_es=raw.get("note_es"),
                before=before["summary"] if before else None,
                before_es=before.get("summary_es") if before else None,
                before_sources=self.citations(before["sources"], ("before", "sources")) if before else (),
                before_same_text=bool(before.get("same_text")) if before else False,
                before_since=_date(before["since"]) if before and "since" in before else None,
                file=self.result.file,
            )
        )

    def version(self, pid: str, inst: str, raw: dict[str, Any], path: FieldPath) -> Version:
        self.ref("law", raw["by"], path + ("by",))
        status = raw.get("status", "in-force")
        offences: list[Offence] = []
        keys: dict[str, FieldPath] = {}
        for oi, o in enumerate(raw.get("offences", ())):
            op = path + ("offences", oi)
            offences.append(self.offence(pid, inst, o, op, keys))
        if status == "repealed":
            for name in ("offences", "refers_to", "implements", "extends_jurisdiction", "rules"):
                if raw.get(name):
                    self.problem(path + (name,), f"a repealed version has no {name.replace('_', ' ')}")
        refs_to = []
        for ri, r in enumerate(raw.get("refers_to", ())):
            self.ref("target", r["to"], path + ("refers_to", ri, "to"))
            if r["to"].split("#")[0] == pid:
                self.problem(path + ("refers_to", ri, "to"), "a provision does not refer to itself")
            refs_to.append(Reference(r["to"], r.get("why"), r.get("why_es")))
        for ii, req in enumerate(raw.get("implements", ())):
            self.ref("requirement", req, path + ("implements", ii))
        jrules = []
        for ji, j in enumerate(raw.get("extends_jurisdiction", ())):
            jp = path + ("extends_jurisdiction", ji)
            scope = j.get("scope", "listed")
            if (scope == "listed") != bool(j.get("offences")):
                self.problem(jp, "list 'offences' exactly when the scope is 'listed' (the default)")
            for oi, off in enumerate(j.get("offences", ())):
                self.ref("target", off, jp + ("offences", oi))
            jrules.append(
                JurisdictionRule(
                    scope=scope,
                    offences=tuple(j.get("offences", ())),
                    nexus=self.vocab("nexus", j["nexus"], jp + ("nexus",)),
                    part=j.get("part"),
                    restriction=j.get("restriction"),
                    restriction_es=j.get("restriction_es"),
                )
            )
        rules = [self.rule(r, path + ("rules", ri)) for ri, r in enumerate(raw.get("rules", ()))]
        discrepancies = []
        for di, d in enumerate(raw.get("discrepancies", ())):
            dp = path + ("discrepancies", di)
            discrepancies.append(
                Discrepancy(
                    citation=self.citations([d["citation"]], dp + ("citation",))[0],
                    says=d["says"],
                    statute=d["statute"],
                    statute_es=d.get("statute_es"),
                    authoritative=d["authoritative"],
                    why=d["why"],
                    why_es=d.get("why_es"),
                    verdict=d.get("verdict", "contradicts"),
                )
            )
        return Version(
            start=_date(raw["from"]),
            by=raw["by"],
            sources=self.citations(raw["sources"], path + ("sources",)),
            status=status,
            title=self.text(raw["title"]) if "title" in raw else None,
            summary=raw.get("summary"),
            offences=tuple(offences),
            refers_to=tuple(refs_to),
            implements=tuple(raw.get("implements", ())),
            extends_jurisdiction=tuple(jrules),
            rules=tuple(rules),
            discrepancies=tuple(discrepancies),
            note=raw.get("note"),
            note_es=raw.get("note_es"),
            summary_es=raw.get("summary_es"),
        )

    def threshold(self, raw: dict[str, Any] | None) -> Threshold | None:
        return Threshold(raw["bound"], raw["comparison"], raw["duration"]) if raw else None

    def rule(self, raw: dict[str, Any], path: FieldPath) -> Rule:
        self.ref("vocab:rule_kinds", raw["kind"], path + ("kind",))
        for oi, off in enumerate(raw.get("offences", ())):
            self.ref("target", off, path + ("offences", oi))
        for ci, c in enumerate(raw.get("classes", ())):
            self.ref("class", c, path + ("classes", ci))
        start, end = raw.get("facts_from"), raw.get("facts_until")
        if start and end and end < start:
            self.problem(path + ("facts_until",), f"ends before facts_from ({start})")
        if "penalty_bound" in raw and "duration" in raw:
            self.problem(path + ("duration",), "give a fixed 'duration' or a 'penalty_bound', not both")
        if ("at_least" in raw or "at_most" in raw) and "penalty_bound" not in raw:
            self.problem(
                path, "'at_least'/'at_most' bound a period taken from the penalty: give 'penalty_bound'"
            )
        if "at_least" in raw and "at_most" in raw and _backwards(raw["at_least"], raw["at_most"]):
            self.problem(path + ("at_most",), f"is below at_least ({raw['at_least']})")
        return Rule(
            kind=raw["kind"],
            summary=raw["summary"],
            summary_es=raw.get("summary_es"),
            part=raw.get("part"),
            offences=tuple(raw.get("offences", ())),
            cites=raw.get("cites", "articles"),
            classes=tuple(raw.get("classes", ())),
            duration=raw.get("duration"),
            counted_from=raw.get("counted_from"),
            victim_under=raw.get("victim_under"),
            victim_from=raw.get("victim_from"),
            age=raw.get("age"),
            sex=raw.get("sex"),
            direction=raw.get("direction"),
            threshold=self.threshold(raw.get("threshold")),
            facts_from=_date(start) if start else None,
            facts_until=_date(end) if end else None,
            penalty_bound=raw.get("penalty_bound"),
            at_least=raw.get("at_least"),
            at_most=raw.get("at_most"),
            life=raw.get("life"),
        )

    def offence(
        self, pid: str, inst: str, raw: dict[str, Any], path: FieldPath, keys: dict[str, FieldPath]
    ) -> Offence:
        key = raw.get("key")
        oid = f"{pid}#{key}" if key else pid
        self._claim(keys, key or "", path + (("key",) if key else ()), "offence")
        base = self.penalty(raw["penalty"], path + ("penalty",), inst)
        if base.raise_degrees:
            self.problem(
                path + ("penalty", "raise_degrees"), "only an aggravated variant may raise the base penalty"
            )
        aggravated = []
        for ai, a in enumerate(raw.get("aggravated", ())):
            ap = path + ("aggravated", ai)
            if "key" in a:
                self._claim(keys, a["key"], ap + ("key",), "aggravated variant")
            aggravated.append(
                Aggravated(
                    conditions=self.vocab("conditions", a["conditions"], ap + ("conditions",)),
                    penalty=self.penalty(a["penalty"], ap + ("penalty",), inst),
                    key=a.get("key"),
                    part=a.get("part"),
                    summary=a.get("summary"),
                    summary_es=a.get("summary_es"),
                    victim_age=self.age(a["victim_age"], ap + ("victim_age",)) if "victim_age" in a else None,
                )
            )
        return Offence(
            id=oid,
            name=self.text(raw["name"]),
            conduct=self.vocab("conduct", raw["conduct"], path + ("conduct",)),
            victim_age=self.age(raw["victim_age"], path + ("victim_age",)),
            penalty=base,
            conditions=self.vocab("conditions", raw.get("conditions", []), path + ("conditions",)),
            aggravated=tuple(aggravated),
            part=raw.get("part"),
            summary=raw.get("summary"),
            summary_es=raw.get("summary_es"),
            also_covers=tuple(
                Covers(
                    conduct=self._tag("conduct", c["conduct"], path + ("also_covers", ci, "conduct")),
                    victim_age=self.age(c["victim_age"], path + ("also_covers", ci, "victim_age"))
                    if "victim_age" in c
                    else self.age(raw["victim_age"], path + ("victim_age",)),
                    why=self.text(c["why"]),
                    conditions=self.vocab(
                        "conditions", c.get("conditions", []), path + ("also_covers", ci, "conditions")
                    ),
                )
                for ci, c in enumerate(raw.get("also_covers", ()))
            ),
        )

    def _claim(self, keys: dict[str, FieldPath], key: str, path: FieldPath, what: str) -> None:
        if key in keys:
            label = f"key '{key}'" if key else "an offence without a key"
            first = yamlsafe.format_path(keys[key])
            self.problem(
                path,
                f"{label} is used twice in this version (first at {first}); give each {what} its own key",
            )
        else:
            keys[key] = path


# ---------------------------------------------------------------------------------------------
# stage 3: across files


def load(root: Path | str) -> KnowledgeBase:
    """Read and check a whole corpus folder; raise DataError listing every problem."""
    return load_results(Path(root))[1]


def load_results(
    root: Path, scan_problems: list[Problem] | None = None
) -> tuple[list[FileResult], KnowledgeBase]:
    """Every file's compiled result and the linked KnowledgeBase, or DataError."""
    files, problems = find_files(root)
    if scan_problems is not None:
        problems = list(scan_problems)
    schemas = SchemaSet(schema_dir())
    results: list[FileResult] = []
    docs: dict[str, yamlsafe.Document] = {}
    for kind, name, path in files:
        try:
            data = _read_bytes(path)
        except OSError as exc:
            problems.append(_read_problem(name, exc))
            continue
        if isinstance(data, int):
            problems.append(too_large(name, data))
            continue
        result, doc = read_file(kind, name, data, schemas, _expected_id(kind, path))
        results.append(result)
        if result.problems:
            docs[name] = doc
        problems += result.problems
    good = [r for r in results if not r.problems]
    # a file that could not be read failed too: what it defines is unknown, so references to
    # it are not reported as dangling (its own problem says why)
    failed = {r.kind for r in results if r.problems} | unread_kinds(problems)
    index = MemoryIndex(good)
    problems += locate(root, link(index, good, failed), docs)
    if problems:
        raise DataError(problems)
    return results, KnowledgeBase.build([o for r in good for o in r.objects], index.vocabulary)


def locate(root: Path, cross: list[Cross], docs: dict[str, yamlsafe.Document]) -> list[Problem]:
    """Cross-file problems with their line and column, re-reading only the files concerned
    (`docs`: files already parsed, which need not be read again if they were located)."""
    out = []
    for file, field_path, message in cross:
        doc = docs.get(file)
        if doc is None or not doc.located:
            data = _read_bytes(root.parent / file)
            if isinstance(data, int):  # grown past the limit since it was read
                out.append(too_large(file, data))
                continue
            doc = yamlsafe.parse(file, data, located=True)
            docs[file] = doc
        out.append(doc.problem(field_path, message))
    return out


def _read_bytes(path: Path) -> bytes | int:
    """The file's bytes, or its size when it is over the size limit (never read past it).
    Raises OSError for a file that cannot be read or is not a regular file."""
    data, size = read_corpus_file(path, yamlsafe.MAX_BYTES)
    return size if data is None else data


def _read_problem(name: str, exc: OSError) -> Problem:
    if isinstance(exc, NotRegularFile):
        return Unreadable(name, None, None, "", str(exc))
    return Unreadable(name, None, None, "", f"cannot read file: {exc.strerror or exc}")


def _expected_id(kind: str, path: str | os.PathLike[str]) -> str:
    """The id a file's place says it holds: its name without .yaml, after its folder's name for
    a provision or a status file (string work: a cold compile asks this of every file)."""
    folder, name = os.path.split(os.fspath(path))
    stem = name[: -len(".yaml")] if name.endswith(".yaml") else name
    if kind in ("provision", "status"):
        return f"{os.path.basename(folder)}/{stem}"
    return stem
