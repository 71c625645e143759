"""The penalty scale as data (CP arts. 21, 25, 56): every row of the fact sheet's §1.3 tables."""

from __future__ import annotations

import itertools

import pytest

from lawbase import penalties
from lawbase.model import Fine, Penalty, Threshold

# (kind, degrees, expected name, min, max, class) — fact sheet §1.3, degrees table
DEGREES = [
    ("presidio", ["menor-minimo"], "presidio menor en su grado mínimo", "P61D", "P540D", "simple-delito"),
    ("presidio", ["menor-medio"], "presidio menor en su grado medio", "P541D", "P3Y", "simple-delito"),
    ("presidio", ["menor-maximo"], "presidio menor en su grado máximo", "P3Y1D", "P5Y", "simple-delito"),
    (
        "presidio",
        ["menor-minimo", "menor-maximo"],
        "presidio menor en cualquiera de sus grados",
        "P61D",
        "P5Y",
        "simple-delito",
    ),
    ("presidio", ["mayor-minimo"], "presidio mayor en su grado mínimo", "P5Y1D", "P10Y", "crimen"),
    ("presidio", ["mayor-medio"], "presidio mayor en su grado medio", "P10Y1D", "P15Y", "crimen"),
    ("presidio", ["mayor-maximo"], "presidio mayor en su grado máximo", "P15Y1D", "P20Y", "crimen"),
    (
        "presidio",
        ["mayor-minimo", "mayor-maximo"],
        "presidio mayor en cualquiera de sus grados",
        "P5Y1D",
        "P20Y",
        "crimen",
    ),
    (
        "reclusion",
        ["menor-minimo", "menor-maximo"],
        "reclusión menor en cualquiera de sus grados",
        "P61D",
        "P5Y",
        "simple-delito",
    ),
    ("relegacion", ["menor-minimo"], "relegación menor en su grado mínimo", "P61D", "P540D", "simple-delito"),
    ("confinamiento", ["mayor-medio"], "confinamiento mayor en su grado medio", "P10Y1D", "P15Y", "crimen"),
    (
        "extranamiento",
        ["menor-medio"],
        "extrañamiento menor en su grado medio",
        "P541D",
        "P3Y",
        "simple-delito",
    ),
    ("prision", ["minimo"], "prisión en su grado mínimo", "P1D", "P20D", "falta"),
    ("prision", ["medio"], "prisión en su grado medio", "P21D", "P40D", "falta"),
    ("prision", ["maximo"], "prisión en su grado máximo", "P41D", "P60D", "falta"),
    ("prision", ["minimo", "maximo"], "prisión en cualquiera de sus grados", "P1D", "P60D", "falta"),
]

# fact sheet §1.3, composite ranges
COMPOSITE = [
    (
        "presidio",
        ["menor-medio", "menor-maximo"],
        "presidio menor en sus grados medio a máximo",
        "P541D",
        "P5Y",
        "simple-delito",
    ),
    (
        "presidio",
        ["menor-minimo", "menor-medio"],
        "presidio menor en sus grados mínimo a medio",
        "P61D",
        "P3Y",
        "simple-delito",
    ),
    (
        "reclusion",
        ["menor-minimo", "menor-medio"],
        "reclusión menor en sus grados mínimo a medio",
        "P61D",
        "P3Y",
        "simple-delito",
    ),
    (
        "presidio",
        ["menor-maximo", "mayor-minimo"],
        "presidio menor en su grado máximo a presidio mayor en su grado mínimo",
        "P3Y1D",
        "P10Y",
        "crimen",
    ),
    (
        "presidio",
        ["menor-maximo", "mayor-medio"],
        "presidio menor en su grado máximo a presidio mayor en su grado medio",
        "P3Y1D",
        "P15Y",
        "crimen",
    ),
    (
        "presidio",
        ["mayor-minimo", "mayor-medio"],
        "presidio mayor en sus grados mínimo a medio",
        "P5Y1D",
        "P15Y",
        "crimen",
    ),
    (
        "presidio",
        ["mayor-medio", "mayor-maximo"],
        "presidio mayor en sus grados medio a máximo",
        "P10Y1D",
        "P20Y",
        "crimen",
    ),
    (
        "reclusion",
        ["mayor-medio", "mayor-maximo"],
        "reclusión mayor en sus grados medio a máximo",
        "P10Y1D",
        "P20Y",
        "crimen",
    ),
]


@pytest.fixture(scope="module")
def scale(kb):  # type: ignore[no-untyped-def]
    return kb.scales["cl-cp"]


@pytest.mark.parametrize(("kind", "degrees", "name", "lo", "hi", "klass"), DEGREES + COMPOSITE)
def test_degrees_give_the_statutory_name_range_and_class(scale, kind, degrees, name, lo, hi, klass) -> None:  # type: ignore[no-untyped-def]
    """Each degree and composite range of §1.3 resolves to its name, its range and its class."""
    r = penalties.resolve(scale, Penalty(kind=kind, degrees=tuple(degrees)))
    assert (name, lo, hi, klass) == (r.text, r.min, r.max, r.klass)
    assert not r.life


@pytest.mark.parametrize(
    ("kind", "degree", "name"),
    [
        ("presidio", "perpetuo", "presidio perpetuo"),
        ("presidio", "perpetuo-calificado", "presidio perpetuo calificado"),
        ("reclusion", "perpetuo", "reclusión perpetua"),
    ],
)
def test_perpetual_penalties_are_indivisible_life_terms(scale, kind, degree, name) -> None:  # type: ignore[no-untyped-def]
    """Perpetuo and perpetuo calificado have no range; they are crímenes and rank above any term."""
    r = penalties.resolve(scale, Penalty(kind=kind, degrees=(degree,)))
    assert (name, True, None, "crimen") == (r.text, r.life, r.max, r.klass)
    assert r.max_days is not None and r.max_days > penalties.duration_days("P20Y")
    assert r.range_text() == "life imprisonment"


def test_only_presidio_takes_perpetuo_calificado(scale) -> None:  # type: ignore[no-untyped-def]
    """Art. 21 knows presidio perpetuo calificado, not a reclusión one."""
    with pytest.raises(KeyError):
        penalties.resolve(scale, Penalty(kind="reclusion", degrees=("perpetuo-calificado",)))


def test_degrees_of_each_ladder_are_contiguous(scale) -> None:  # type: ignore[no-untyped-def]
    """Every degree starts the day after the previous one ends (days_per_year = 365)."""
    for ladder in scale.ladders.values():
        terms = [d for d in ladder if not d.life]
        for a, b in itertools.pairwise(terms):
            assert a.max_days + 1 == b.min_days, (a.id, b.id)


def test_art_25_outer_limits(scale) -> None:  # type: ignore[no-untyped-def]
    """Menor penalties run 61 days-5 years, mayor 5 years and 1 day-20 years, prisión 1-60 days."""
    custodial = {d.id: d for d in scale.ladders["custodial"]}
    assert (custodial["menor-minimo"].min, custodial["menor-maximo"].max) == ("P61D", "P5Y")
    assert (custodial["mayor-minimo"].min, custodial["mayor-maximo"].max) == ("P5Y1D", "P20Y")
    prision = scale.ladders["prision"]
    assert (prision[0].min, prision[-1].max) == ("P1D", "P60D")


def test_inhabilitacion_and_suspension_ladders(scale) -> None:  # type: ignore[no-untyped-def]
    """The art. 56 rows for temporary disqualification and suspension (fact sheet §12.4)."""
    r = penalties.resolve(
        scale, Penalty(kind="inhabilitacion-absoluta-temporal", degrees=("minimo", "maximo"))
    )
    assert (r.min, r.max) == ("P3Y1D", "P10Y")
    r = penalties.resolve(scale, Penalty(kind="suspension", degrees=("medio",)))
    assert (r.min, r.max) == ("P1Y1D", "P2Y")


@pytest.mark.parametrize(
    ("iso", "text"),
    [
        ("P3Y1D", "3 years and 1 day"),
        ("P541D", "541 days"),
        ("P5Y", "5 years"),
        ("P1D", "1 day"),
        ("P1Y", "1 year"),
        ("P6M", "6 months"),
        ("P1Y4M", "1 year and 4 months"),
        ("P5M10D", "5 months and 10 days"),
        ("P2Y8M3D", "2 years, 8 months and 3 days"),
        (None, "life"),
    ],
)
def test_durations_read_as_people_say_them(iso, text) -> None:  # type: ignore[no-untyped-def]
    assert text == penalties.duration_text(iso)


def test_range_text_and_fines(scale) -> None:  # type: ignore[no-untyped-def]
    """'3 years and 1 day – 5 years'; a fine keeps its unit and whether it is cumulative or alternative."""
    fine = Fine("utm", 31, 35)
    r = penalties.resolve(
        scale, Penalty(kind="presidio", degrees=("mayor-minimo", "mayor-maximo"), fine=fine)
    )
    assert r.range_text() == "5 years and 1 day – 20 years"
    assert (fine, (31, 35)) == (r.fine, r.fine.amounts() if r.fine else None)
    alt = Fine("utm", 11, 20, alternative=True)
    assert (
        alt == penalties.resolve(scale, Penalty(kind="reclusion", degrees=("menor-minimo",), fine=alt)).fine
    )
    assert (20,) == Fine("utm", 20).amounts()


def test_one_ordering_for_comparisons() -> None:
    """Years count as 365 days: 540 days < 541 days < 3 years < 3 years and 1 day < 5 years."""
    values = ["P540D", "P541D", "P3Y", "P3Y1D", "P5Y", "P5Y1D"]
    days = [penalties.duration_days(v) for v in values]
    assert days == sorted(days) and len(set(days)) == len(days)
    assert penalties.duration_days("P1Y") < penalties.duration_days("P1Y1D")


def test_raising_a_penalty_by_one_degree(scale) -> None:  # type: ignore[no-untyped-def]
    """Raising 'medio a máximo' of reclusión menor by one degree gives 'máximo a mayor mínimo'."""
    raised = penalties.shift(scale, Penalty(kind="reclusion", degrees=("menor-medio", "menor-maximo")), 1)
    r = penalties.resolve(scale, raised)
    assert r.text == "reclusión menor en su grado máximo a reclusión mayor en su grado mínimo"
    assert (r.min, r.max) == ("P3Y1D", "P10Y")


def test_backwards_degrees_are_refused(scale) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="backwards"):
        penalties.resolve(scale, Penalty(kind="presidio", degrees=("mayor-minimo", "menor-maximo")))


def test_months_order_between_days_and_years() -> None:
    """A month is a twelfth of the scale's year: 12 months and a year compare equal, four months
    of a range written in months sit between 121 and 122 days, and a scale in years and days
    (Chile's) orders exactly as before."""
    assert penalties.duration_days("P12M") == penalties.duration_days("P1Y") == 365
    assert penalties.duration_days("P4M") == 122
    assert penalties.duration_days("P1Y4M") == 365 + 122
    assert penalties.duration_days("P3Y1D") == 3 * 365 + 1
    assert penalties.duration_days("P6M", days_per_year=360) == 180
    with pytest.raises(ValueError):
        penalties.parse_duration("P1D2M")


def test_a_life_penalty_without_a_scale() -> None:
    """'reclusión o prisión perpetua' where the Code has no degree scale: life orders above any
    term, and reads as life imprisonment."""
    r = penalties.resolve(
        None, Penalty(kind="reclusion-o-prision", life=True, text="reclusión o prisión perpetua")
    )
    assert (r.life, r.max, r.max_days, r.range_text()) == (
        True,
        None,
        penalties.LIFE_DAYS,
        "life imprisonment",
    )
    assert penalties.meets(None, Penalty(kind="prision", life=True), Threshold("maximum", ">", "P20Y"))


@pytest.mark.parametrize(
    ("low", "high", "met"),
    [
        ("P4M", "P1Y", False),
        ("P6M", "P2Y", True),
        ("P3Y", "P6Y", True),
        ("P1M", "P1Y10M", False),
        ("P1M", "P1Y11M", True),
    ],
)
def test_the_midpoint_test(low: str, high: str, met: bool) -> None:
    """Half the sum of the minimum and the maximum against a year (Argentina's Ley 24.767 art. 6):
    four months to a year is about eight months and fails; six months to two years passes."""
    p = Penalty(kind="prision", min=low, max=high)
    assert met == penalties.meets(None, p, Threshold("midpoint", ">=", "P1Y"))
    r = penalties.resolve(None, p)
    assert penalties.bound_text(r, "midpoint").startswith(f"half of {penalties.duration_text(low)} + ")
