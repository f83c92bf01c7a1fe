"""Every phrasing of every paraphrase group reads the same on the deterministic path.

evals/paraphrases/*.yaml: intent, then extract → Requirements must give exactly the group's
`expect.requirements` (within its `accept` ranges), and the rules then its verdict. No model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.rules.decision import recommend_hardware
from assistant.rules.requirements import Requirements
from assistant.text.extract import extract, read
from assistant.text.intent import classify

DIR = Path(__file__).resolve().parents[3] / "evals" / "paraphrases"
GROUPS = [
    group
    for path in sorted(DIR.glob("*.yaml"))
    for group in yaml.safe_load(path.read_text(encoding="utf-8"))
]
PHRASINGS = [(g, p["lang"], p["text"]) for g in GROUPS for p in g["phrasings"]]
IN_SCOPE = [g for g in GROUPS if g["expect"].get("scope", "in") == "in"]


def reading(text: str) -> dict[str, Any]:
    """The requirements the deterministic reader takes from one phrasing."""
    requirements, _ = Requirements.lenient(extract(text))
    return requirements.known()


def matches(got: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """What differs from the group's requirements, allowing its `accept` ranges."""
    want, accept = expect.get("requirements", {}), expect.get("accept", {})
    problems = []
    for name in sorted(set(got) | set(want)):
        if name in accept and name in got and name in want:
            low, high = accept[name]
            if not low <= got[name] <= high:
                problems.append(f"{name}: read {got[name]!r}, accepted {low}..{high}")
        elif got.get(name) != want.get(name):
            problems.append(f"{name}: read {got.get(name)!r}, expected {want.get(name)!r}")
    return problems


@pytest.mark.parametrize(
    ("group", "lang", "text"),
    PHRASINGS,
    ids=[f"{g['id']}-{i}" for i, (g, _, _) in enumerate(PHRASINGS)],
)
def test_every_phrasing_reads_its_groups_requirements(
    group: dict[str, Any], lang: str, text: str
) -> None:
    expect = group["expect"]
    intent = classify(text)
    if expect.get("scope") == "out":
        assert intent == "out_of_scope", f"{lang}: {text}"
        return
    assert intent == "recommend", f"{lang}: {text}"
    assert matches(reading(text), expect) == [], f"{lang}: {text}"


@pytest.mark.parametrize("group", IN_SCOPE, ids=[g["id"] for g in IN_SCOPE])
def test_every_group_gets_its_verdict(group: dict[str, Any]) -> None:
    expect = group["expect"]
    for phrasing in group["phrasings"]:
        decision = recommend_hardware(Requirements.model_validate(reading(phrasing["text"])))
        assert decision.verdict == expect["verdict"], phrasing["text"]
        assert decision.infeasible == expect.get("infeasible", False), phrasing["text"]
        assert set(expect.get("needs", [])) <= set(decision.needs), phrasing["text"]


@pytest.mark.parametrize("group", IN_SCOPE, ids=[g["id"] for g in IN_SCOPE])
def test_every_reading_shows_the_users_words(group: dict[str, Any]) -> None:
    for phrasing in group["phrasings"]:
        text = phrasing["text"]
        for r in read(text):
            assert r.stated and r.words and r.words in text, (r, text)
            assert r.display, r
