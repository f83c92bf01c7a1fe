"""The decision map is evaluated by the rules over the grid, not drawn by hand."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from requirement_space import REQUIREMENTS

from assistant.rules.decision_map import DURATIONS, decision_map, outcome
from assistant.rules.flips import RESOLUTIONS
from assistant.rules.requirements import Requirements


@settings(max_examples=60)
@given(REQUIREMENTS, st.integers(0, len(DURATIONS) - 1), st.integers(0, len(RESOLUTIONS) - 1))
def test_every_cell_is_the_rules_verdict(req: Requirements, row: int, column: int) -> None:
    grid = decision_map(req)
    changed = req.model_copy(
        update={"resolution": RESOLUTIONS[column], "duration_seconds": DURATIONS[row]}
    )
    assert grid.outcomes[row][column] == outcome(changed)


@settings(max_examples=60)
@given(REQUIREMENTS)
def test_the_users_cell_has_the_users_outcome(req: Requirements) -> None:
    grid = decision_map(req)
    if grid.here is not None:
        row, column = grid.here
        assert grid.outcomes[row][column] == outcome(req)
