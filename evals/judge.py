"""An optional judge: the local chat model rates how faithful the prose is to the passages.

Reported, never gated: a 1.5B model is a noisy judge, and it costs a model call per case.
"""

from __future__ import annotations

import re
from typing import Any

from assistant import Answer, ChatModel, finding_text
from evals.cases import Case
from evals.score import Score, skip
from evals.text import model_wrote

PASSAGE_CHARS = 500
JUDGE_SYSTEM = (
    "You check answers for faithfulness. Given source passages and an answer, rate how well "
    "every factual claim in the answer (numbers, chips, recommendations) is supported by the "
    "sources: 5 = fully supported, 3 = partly, 1 = contradicted or invented. "
    "Reply with one digit only."
)


def judge_messages(answer: Answer) -> list[dict[str, Any]]:
    """The rating request: sources (passages and the Decision's findings), then the answer."""
    sources = [
        f"[{p.section_id}] {' '.join(p.text.split())[:PASSAGE_CHARS]}" for p in answer.passages
    ]
    if answer.decision is not None:
        findings = (*answer.decision.reasons, *answer.decision.warnings)
        sources += [f"[{f.section_id}] {finding_text(f, answer.language)}" for f in findings]
    body = "Sources:\n" + "\n".join(sources) + f"\n\nAnswer:\n{answer.text}\n\nRating (1-5):"
    return [{"role": "system", "content": JUDGE_SYSTEM}, {"role": "user", "content": body}]


class JudgeFaithfulness:
    """Faithfulness of the model's prose to what it was given, 1-5 mapped to [0, 1]."""

    metric = "judge_faithfulness"

    def __init__(self, chat_model: ChatModel, max_tokens: int = 4) -> None:
        self.chat_model = chat_model
        self.max_tokens = max_tokens

    def evaluate(self, case: Case, answer: Answer) -> Score:
        if not model_wrote(answer) or not answer.passages:
            return skip(self.metric)
        reply = self.chat_model.complete(judge_messages(answer), self.max_tokens).text
        digit = re.search(r"[1-5]", reply)
        if digit is None:
            return Score(self.metric, None, None, f"unreadable rating {reply!r}")
        rating = int(digit.group(0))
        return Score(self.metric, (rating - 1) / 4, None, f"rated {rating}/5")
