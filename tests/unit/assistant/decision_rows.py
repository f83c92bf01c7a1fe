"""One decision-table row: loose English/Chinese requirements in, the expected verdict out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ANY = object()  # the scenario is not checked


@dataclass(frozen=True)
class Case:
    name: str
    inputs: dict[str, Any]
    verdict: str | None
    scenario: object = ANY
    cites: tuple[str, ...] = ()  # section ids that must be among the sources
    warns: tuple[str, ...] = ()  # section ids that must be cited by a warning
    needs: list[str] = field(default_factory=list)
    firm: bool | None = None
    infeasible: bool = False  # no hardware fits: no verdict and nothing to ask
