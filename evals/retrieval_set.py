"""The retrieval questions (evals/retrieval.yaml) that bench/retrieval.py and a test score."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

RETRIEVAL_SET = Path(__file__).with_name("retrieval.yaml")
# Written after the retrieval options were chosen on RETRIEVAL_SET, never tuned on.
HELD_OUT_SET = Path(__file__).with_name("retrieval_heldout.yaml")


@dataclass(frozen=True)
class RetrievalCase:
    """A question in one language and the section id that answers it."""

    lang: str
    question: str
    section: str


def load_retrieval_set(path: Path = RETRIEVAL_SET) -> list[RetrievalCase]:
    data = yaml.safe_load(path.read_text("utf-8"))
    return [
        RetrievalCase(lang, str(row["q"]), str(row["section"]))
        for lang, rows in data.items()
        for row in rows
    ]


def rank_of(section: str, found: list[str]) -> int | None:
    """1-based rank of the first passage from `section`, None when it is not found."""
    return found.index(section) + 1 if section in found else None


def hit_rates(ranks: list[int | None]) -> dict[str, float]:
    """hit@1, hit@3 and MRR of a list of ranks."""
    n = len(ranks) or 1
    return {
        "hit@1": round(sum(r == 1 for r in ranks) / n, 3),
        "hit@3": round(sum(r is not None and r <= 3 for r in ranks) / n, 3),
        "mrr": round(sum(1 / r for r in ranks if r) / n, 3),
    }
