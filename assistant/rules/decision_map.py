"""The decision map: the verdict the rules give over a resolution × duration grid, for the
stated place and everything else as stated. Evaluated, not drawn: each cell is a Decision."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from assistant.rules.decision import decide_only
from assistant.rules.flips import RESOLUTIONS
from assistant.rules.requirements import Requirements

# Row values include the rules' thresholds (30 s, 300 s), so each row stands for its band.
DURATIONS = (5, 10, 20, 30, 60, 120, 240, 300, 600, 1800)
Outcome = str  # "GPU", "NPU", "GPU+NPU", "infeasible" or "undecided"


class DecisionMap(BaseModel):
    """outcomes[row][column]: rows are DURATIONS, columns RESOLUTIONS; the user's cell, if any."""

    model_config = ConfigDict(frozen=True)

    requirements: Requirements
    resolutions: tuple[str, ...] = RESOLUTIONS
    durations: tuple[int, ...] = DURATIONS
    outcomes: list[list[Outcome]]

    def cell(self, resolution: str | None, duration: int | None) -> tuple[int, int] | None:
        """(row, column) of a job on the grid; None when either is not stated."""
        if resolution is None or duration is None:
            return None
        row = max((i for i, d in enumerate(self.durations) if d <= duration), default=0)
        return row, self.resolutions.index(resolution)

    @property
    def here(self) -> tuple[int, int] | None:
        """The user's own cell."""
        return self.cell(self.requirements.resolution, self.requirements.duration_seconds)


def outcome(requirements: Requirements) -> Outcome:
    """What the rules decide for these requirements, as one word."""
    decision = decide_only(requirements)
    if decision.infeasible:
        return "infeasible"
    return decision.verdict or "undecided"


def decision_map(requirements: Requirements) -> DecisionMap:
    """Decide every cell of the grid with the other requirements as stated."""
    outcomes = [
        [
            outcome(requirements.model_copy(update={"resolution": r, "duration_seconds": d}))
            for r in RESOLUTIONS
        ]
        for d in DURATIONS
    ]
    return DecisionMap(requirements=requirements, outcomes=outcomes)
