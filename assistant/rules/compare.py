"""Two to four requirement sets side by side: each one's Decision and where they differ."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from assistant.rules.decision import Decision, recommend_hardware
from assistant.rules.requirements import Requirements

MIN_OPTIONS, MAX_OPTIONS = 2, 4


class Comparison(BaseModel):
    """The options' Decisions, in order, with the fields whose values differ between them."""

    model_config = ConfigDict(frozen=True)

    options: list[Decision]

    @property
    def fields(self) -> list[str]:
        """Every field any option states, in the Requirements' order."""
        stated = {name for d in self.options for name in d.requirements.known()}
        return [name for name in Requirements.model_fields if name in stated]

    @property
    def differing(self) -> list[str]:
        """The fields whose values are not the same in every option (unstated counts)."""
        return [
            name
            for name in self.fields
            if len({repr(getattr(d.requirements, name)) for d in self.options}) > 1
        ]

    @property
    def verdicts_differ(self) -> bool:
        """True when the options do not all end in the same outcome."""
        return len({(d.verdict, d.infeasible) for d in self.options}) > 1

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `/v1/compare` and `chipwise decide --compare --json`."""
        return {
            "options": [d.to_dict() for d in self.options],
            "differing": self.differing,
            "verdicts_differ": self.verdicts_differ,
        }


def compare(options: Sequence[Requirements]) -> Comparison:
    """Decide each option; ValueError unless there are two to four."""
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise ValueError(
            f"compare needs {MIN_OPTIONS} to {MAX_OPTIONS} requirement sets, got {len(options)}"
        )
    return Comparison(options=[recommend_hardware(req) for req in options])
