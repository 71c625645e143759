"""The terminal renderer prints the same text for the same answer, run after run."""

from __future__ import annotations

from conftest import run_cli


def test_penalty_notes_print_in_the_same_order_whatever_the_hash_seed() -> None:
    """CP 411 bis has notes on its base and aggravated penalties: they print once each, in the
    order the penalties stand, not in the order of a set (which changes with PYTHONHASHSEED)."""
    outs = {run_cli("show", "411 bis", "--as-of", "2024-01-01", env={"PYTHONHASHSEED": s}).out for s in "123"}
    assert 1 == len(outs)
    (out,) = outs
    assert out.index("inc. 2 applies") < out.index("inc. 3 raises")  # inc. 2's penalty stands first


def _out(args: list[str], monkeypatch, capsys, columns: int = 100) -> str:  # type: ignore[no-untyped-def]
    from lawbase import cli, i18n

    monkeypatch.setenv("COLUMNS", str(columns))
    capsys.readouterr()
    try:
        cli.main(args)
    finally:
        i18n.set_language(None)
    return str(capsys.readouterr().out)


def test_penalty_brief_is_one_line_per_offence_with_version_law_penalty_range_and_class(
    monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = _out(["penalty", "367ter", "--history", "--brief"], monkeypatch, capsys)
    assert out.splitlines() == [
        "CP art. 367 ter · 2004-01-14→2022-12-29 (Ley 19.927) · presidio menor en su grado máximo"
        " · 3 years and 1 day – 5 years · misdemeanour (simple delito)",
        "CP art. 367 ter · 2022-12-30→today (Ley 21.522) · presidio menor en su grado máximo"
        " · 3 years and 1 day – 5 years · misdemeanour (simple delito)",
    ]
    es = _out(["penalty", "367ter", "--as-of", "2024-01-01", "--brief", "--lang", "es"], monkeypatch, capsys)
    assert es.strip() == (
        "CP art. 367 ter · 2022-12-30→hoy (Ley 21.522) · presidio menor en su grado máximo"
        " · 3 años y 1 día a 5 años · simple delito"
    )


def test_penalty_of_a_repealed_article_says_where_its_content_went(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """CP art. 366 quinquies was repealed by Ley 21.522; its repealing version records that the
    offence is now art. 367 quáter inc. 2 with the same penalty, and penalty says so."""
    out = _out(["penalty", "366 quinquies", "--as-of", "2024-01-01"], monkeypatch, capsys, 400)
    assert "repealed on 2022-12-30 by Ley 21.522" in out
    assert "now art. 367 quáter inc. 2, with the same penalty" in out
    # an article repealed with no successor recorded names none
    bare = _out(["penalty", "367bis", "--as-of", "2024-01-01"], monkeypatch, capsys, 400)
    assert "now art." not in bare


def test_penalty_and_show_give_the_same_title_on_the_same_date(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    for date in ("2010-01-01", "2024-01-01"):
        for lang in ("en", "es"):
            args = ["367ter", "--as-of", date, "--lang", lang]
            show = _out(["show", *args], monkeypatch, capsys, 400).splitlines()[0]
            penalty = _out(["penalty", *args], monkeypatch, capsys, 400).splitlines()[0]
            assert show == penalty
    old = _out(["penalty", "367ter", "--as-of", "2010-01-01"], monkeypatch, capsys, 400).splitlines()[0]
    new = _out(["penalty", "367ter", "--as-of", "2024-01-01"], monkeypatch, capsys, 400).splitlines()[0]
    assert old != new  # the 2022 reform retitled the article: each date has its own title


def test_history_says_penalty_unchanged_instead_of_repeating_the_table(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """366 quinquies: Ley 20.526 (2011) widened the definition but kept the offence and penalty."""
    out = _out(["penalty", "366 quinquies", "--history"], monkeypatch, capsys, 400)
    assert out.count("presidio menor en su grado máximo") == 1
    later = out[out.index("2011-08-13") :]
    assert "penalty unchanged" in later.splitlines()[1]
    changed = _out(["penalty", "367ter", "--history"], monkeypatch, capsys, 400)
    assert "penalty unchanged" not in changed  # its 2022 version renamed the offence and widened the ages


def test_a_table_too_wide_for_the_terminal_is_stacked_not_split(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    narrow = _out(["show", "411bis", "--as-of", "2024-01-01"], monkeypatch, capsys, 60)
    assert "Penalty: reclusión menor en sus grados medio a máximo" in narrow
    assert "↳ aggravated (inc. 2)" in narrow
    wide = _out(["show", "411bis", "--as-of", "2024-01-01"], monkeypatch, capsys, 200)
    header = next(x for x in wide.splitlines() if x.startswith("Offence "))
    assert "↳" not in wide and "Victim" in header and "Range" in header


def test_ranges_stay_on_one_line_and_prose_hangs_under_its_bullet(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    out = _out(["penalty", "367ter", "--as-of", "2024-01-01"], monkeypatch, capsys, 80)
    assert "3 years and 1 day – 5 years" in out
    lines = out.splitlines()
    first = next(i for i, x in enumerate(lines) if x.startswith("  • CP art. 372"))
    assert lines[first + 1].startswith("    ") and lines[first + 1].strip()


def test_piped_output_without_columns_does_not_wrap_prose(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    env = {"COLUMNS": ""}
    out = run_cli("penalty", "367ter", "--as-of", "2024-01-01", env=env).out
    line = next(x for x in out.splitlines() if "Perpetual absolute disqualification" in x)
    assert "prosecutors must request it" in line  # the whole paragraph on one line
    assert max(len(x) for x in out.splitlines() if "─" in x) <= 100
