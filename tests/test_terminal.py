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
