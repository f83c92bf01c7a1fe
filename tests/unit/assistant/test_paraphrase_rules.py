"""Every paraphrase group's expected requirements, straight through the rules (no reading)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.rules.decision import recommend_hardware
from assistant.rules.requirements import Requirements

DIR = Path(__file__).resolve().parents[3] / "evals" / "paraphrases"


def _groups() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(DIR.glob("*.yaml")):
        for group in yaml.safe_load(path.read_text(encoding="utf-8")):
            if group["expect"].get("scope", "in") == "in":
                found.append((f"{path.stem}:{group['id']}", group["expect"]))
    return found


GROUPS = _groups()


def test_there_are_groups() -> None:
    assert len(GROUPS) >= 70


@pytest.mark.parametrize(("name", "expect"), GROUPS, ids=[name for name, _ in GROUPS])
def test_the_rules_give_the_expected_verdict(name: str, expect: dict[str, Any]) -> None:
    decision = recommend_hardware(Requirements(**expect["requirements"]))
    assert decision.verdict == expect["verdict"]
    assert decision.infeasible is bool(expect.get("infeasible", False))
    # The data lists what must at least be asked; asking for more is fine.
    assert set(expect.get("needs", [])) <= set(decision.needs)
    if expect["verdict"] is None and not expect.get("infeasible"):
        assert decision.needs, "no verdict and not infeasible: it must ask"
