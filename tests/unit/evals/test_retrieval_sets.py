"""The retrieval sets ask, in both languages, for sections the knowledge has."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from evals.retrieval_set import HELD_OUT_SET, RETRIEVAL_SET, load_retrieval_set

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"


def _section_ids(lang: str) -> set[str]:
    ids = set()
    for path in (KNOWLEDGE / lang).glob("*.md"):
        front = path.read_text("utf-8").split("---")[1]
        ids.add(str(yaml.safe_load(front)["id"]))
    return ids


@pytest.mark.parametrize(("path", "least"), [(RETRIEVAL_SET, 40), (HELD_OUT_SET, 39)])
def test_a_retrieval_set_asks_enough_questions_for_known_sections(path: Path, least: int) -> None:
    cases = load_retrieval_set(path)
    for lang in ("en", "zh"):
        asked = [c for c in cases if c.lang == lang]
        assert len(asked) >= least
        assert {c.section for c in asked} <= _section_ids(lang)
        assert len({c.question for c in asked}) == len(asked)  # no question twice


def test_the_held_out_questions_are_not_the_tuned_ones() -> None:
    tuned = {c.question.lower() for c in load_retrieval_set(RETRIEVAL_SET)}
    assert not tuned & {c.question.lower() for c in load_retrieval_set(HELD_OUT_SET)}
