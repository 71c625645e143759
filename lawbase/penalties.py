"""Penalties from a jurisdiction's scale: names as statutes write them, ranges, classification.

A penalty in the data names a kind and one degree or a range of degrees ("presidio menor en su
grado máximo" is `kind: presidio, degrees: [menor-maximo]`). Everything else is derived here from
the scale (data/scales/<id>.yaml, Chile: Código Penal arts. 21, 25, 56):

* the range is the first degree's minimum to the last degree's maximum;
* the name is built the way the statute words it, from the scale's naming templates (Chile:
  "en su grado", "en sus grados X a Y", "en cualquiera de sus grados", "X en su grado máximo a
  Y en su grado mínimo" across tiers);
* the class (crimen / simple delito / falta) is the class of the most severe degree. Art. 3
  classifies by the penalty of art. 21; for a range that spans menor and mayor we follow the
  common reading that the highest penalty decides. That reading is ours, not the fact sheet's.

Durations are ISO 8601 strings in years, months and days ("P3Y1D", "P4M", "P1Y4M"). A degree
scale counts in years and days; a code that states its ranges directly may count in months
("seis meses a cuatro años"). To compare them we count a year as the scale's `days_per_year` (365 for
Chile, which makes the art. 56 table contiguous: 540 days, 541 days - 3 years, 3 years and 1 day
...) and a month as a twelfth of that, rounded to whole days (only the order matters: 12 months
and 1 year compare equal). Life penalties compare above every duration.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .model import Degree, Fine, Kind, Penalty, Scale, Threshold

# which bound of a penalty an extradition threshold compares (a Threshold's `bound`), in the
# words a reader is given (English; lawbase/i18n has their Spanish)
BOUND_WORDS = {
    "minimum": "minimum penalty",
    "maximum": "maximum penalty",
    "any-degree": "penalty in any of its degrees",
    "midpoint": "midpoint of the penalty",
}

_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?")
LIFE_DAYS = 10**9  # orders life above any term


def parse_duration(text: str) -> tuple[int, int, int]:
    """'P3Y1D' -> (3, 0, 1); 'P1Y4M' -> (1, 4, 0)."""
    m = _DURATION.fullmatch(text)
    if not m or text == "P":
        raise ValueError(f"not an ISO 8601 duration in years, months and days: {text!r}")
    return int(m.group(1) or 0), int(m.group(2) or 0), int(m.group(3) or 0)


def duration_days(text: str, days_per_year: int = 365) -> int:
    """The ordering value of a duration: years count as `days_per_year` days, months as a
    twelfth of a year rounded to whole days."""
    years, months, days = parse_duration(text)
    return years * days_per_year + round(months * days_per_year / 12) + days


def duration_text(text: str | None) -> str:
    """'P3Y1D' -> '3 years and 1 day'; 'P1Y4M' -> '1 year and 4 months'; None (life) -> 'life'."""
    if text is None:
        return "life"
    years, months, days = parse_duration(text)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    if days or not (years or months):
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class PenaltyRange(NamedTuple):
    """A penalty resolved against its scale."""

    text: str
    kind: str | None
    degrees: tuple[str, ...]
    min: str | None
    max: str | None
    min_days: int | None
    max_days: int | None
    life: bool
    klass: str | None
    fine: Fine | None

    def range_text(self) -> str:
        """'3 years and 1 day – 5 years', or a life penalty's description."""
        if self.life and self.min is None:
            return "life imprisonment"
        low = duration_text(self.min) if self.min else "?"
        high = "life imprisonment" if self.life else duration_text(self.max) if self.max else "?"
        return f"{low} – {high}"


def degree_span(scale: Scale, penalty: Penalty) -> tuple[Degree, Degree]:
    """The first and last degree of a degree-based penalty (KeyError/ValueError if invalid)."""
    if penalty.kind is None or not penalty.degrees:
        raise ValueError("the penalty names no kind and degrees")
    kind = scale.kinds[penalty.kind]
    by_id = {d.id: d for d in scale.ladders[kind.ladder] if d.id in kind.degrees}
    first = by_id[penalty.degrees[0]]
    last = by_id[penalty.degrees[-1]]
    if last.position < first.position:
        raise ValueError(f"degrees run backwards: '{first.id}' is above '{last.id}'")
    return first, last


def shift(scale: Scale, penalty: Penalty, steps: int) -> Penalty:
    """The penalty raised (steps > 0) or lowered by whole degrees along its ladder."""
    first, last = degree_span(scale, penalty)
    ladder = scale.ladder_of(penalty.kind or "")
    lo, hi = first.position + steps, last.position + steps
    if lo < 0 or hi >= len(ladder):
        raise ValueError(f"moving {steps:+d} degree(s) leaves the scale")
    degrees = (ladder[lo].id,) if lo == hi else (ladder[lo].id, ladder[hi].id)
    return penalty._replace(degrees=degrees, raise_degrees=0, text=None)


# what each of a scale's naming templates is given (data/scales/<id>.yaml, `naming`)
NAMING_FIELDS = {
    "degree": {"kind", "tier", "grade"},
    "named": {"kind", "name"},
    "whole_tier": {"kind", "tier"},
    "grades": {"kind", "tier", "first", "last"},
    "span": {"first", "last"},
}


def _fill(scale: Scale, template: str, **fields: str) -> str:
    # an empty field ({tier} of a ladder without tiers) leaves no double space
    return " ".join(scale.naming[template].format(**fields).split())


def _single_name(scale: Scale, kind: Kind, d: Degree) -> str:
    if d.grade is None:
        return _fill(scale, "named", kind=kind.es, name=kind.degree_names.get(d.id) or d.name or d.id)
    return _fill(scale, "degree", kind=kind.es, tier=d.tier or "", grade=d.grade)


def name(scale: Scale, penalty: Penalty) -> str:
    """The penalty's name as the statute words it, built from its degrees with the scale's
    naming templates."""
    first, last = degree_span(scale, penalty)
    kind = scale.kinds[penalty.kind or ""]
    if first.id == last.id:
        return _single_name(scale, kind, first)
    ladder = scale.ladder_of(penalty.kind or "")
    if first.grade and last.grade and first.tier == last.tier:
        tier_degrees = [d for d in ladder if d.tier == first.tier and d.grade]
        tier = first.tier or ""
        if first is tier_degrees[0] and last is tier_degrees[-1]:
            return _fill(scale, "whole_tier", kind=kind.es, tier=tier)
        return _fill(scale, "grades", kind=kind.es, tier=tier, first=first.grade, last=last.grade)
    return _fill(scale, "span", first=_single_name(scale, kind, first), last=_single_name(scale, kind, last))


def resolve(scale: Scale | None, penalty: Penalty) -> PenaltyRange:
    """The penalty's name, range and class. Raises ValueError/KeyError on an invalid penalty."""
    if penalty.degrees:
        if scale is None:
            raise ValueError("degrees need a penalty scale, and the instrument names none")
        first, last = degree_span(scale, penalty)
        text = name(scale, penalty)
        klass = last.klass or first.klass
        return PenaltyRange(
            text=penalty.text or text,
            kind=penalty.kind,
            degrees=penalty.degrees,
            min=first.min,
            max=last.max,
            min_days=first.min_days if not first.life else LIFE_DAYS,
            max_days=LIFE_DAYS if last.life else last.max_days,
            life=last.life,
            klass=klass,
            fine=penalty.fine,
        )
    dpy = scale.days_per_year if scale else 365
    return PenaltyRange(
        text=penalty.text or (penalty.kind or "fine"),
        kind=penalty.kind,
        degrees=(),
        min=penalty.min,
        max=None if penalty.life else penalty.max,
        min_days=duration_days(penalty.min, dpy) if penalty.min else LIFE_DAYS if penalty.life else None,
        max_days=LIFE_DAYS if penalty.life else duration_days(penalty.max, dpy) if penalty.max else None,
        life=penalty.life,
        klass=None,
        fine=penalty.fine,
    )


def classify(scale: Scale, penalty: Penalty) -> str | None:
    """crimen / simple-delito / falta for a degree-based penalty."""
    return resolve(scale, penalty).klass


def build_degree(raw: dict[str, object], index: int, days_per_year: int) -> Degree:
    """A Degree from its validated data."""
    lo = raw.get("min")
    hi = raw.get("max")
    return Degree(
        id=str(raw["id"]),
        tier=str(raw["tier"]) if raw.get("tier") else None,
        grade=str(raw["grade"]) if raw.get("grade") else None,
        name=str(raw["name"]) if raw.get("name") else None,
        min=str(lo) if lo else None,
        max=str(hi) if hi else None,
        min_days=duration_days(str(lo), days_per_year) if lo else None,
        max_days=duration_days(str(hi), days_per_year) if hi else None,
        life=bool(raw.get("life", False)),
        klass=str(raw["class"]) if raw.get("class") else None,
        position=index,
    )


def bound_days(r: PenaltyRange, bound: str) -> float | None:
    """The ordering value of a penalty's `bound`: its minimum, its maximum, or the midpoint of
    the two (half their sum: Argentina's extradition test, Ley 24.767 art. 6); None where the
    bound is missing."""
    if bound == "minimum":
        return r.min_days
    if bound == "midpoint":
        if r.min_days is None or r.max_days is None:
            return None
        return (r.min_days + r.max_days) / 2
    return r.max_days


def bound_text(r: PenaltyRange, bound: str, days_per_year: int = 365) -> str:
    """How a bound reads in an explanation: '4 months', 'life', or for the midpoint 'half of
    4 months + 1 year (about 8 months)'."""
    if bound == "midpoint":
        value = bound_days(r, bound)
        if value is None or r.min is None:
            return "unknown"
        if r.life:
            return "life"
        months = value / (days_per_year / 12)
        about = f"{months:.0f} months" if months < 24 else f"{months / 12:.1f} years"
        return f"half of {duration_text(r.min)} + {duration_text(r.max)} (about {about})"
    value_text = r.min if bound == "minimum" else r.max
    return duration_text(value_text) if value_text else "life"


def meets(scale: Scale | None, penalty: Penalty, threshold: Threshold) -> bool:
    """Whether a penalty passes a threshold such as 'maximum > P1Y' on the scale it is written in."""
    r = resolve(scale, penalty)
    limit = duration_days(threshold.duration, scale.days_per_year if scale else 365)
    value = bound_days(r, threshold.bound)
    if value is None:
        return False
    return value > limit if threshold.comparison == ">" else value >= limit
