"""Text helpers for the scorers: fact folding, arguments, citations and the prose's language.

What counts as a stated verdict, a citation or a language is the assistant's own rule (the
guard's and the pipeline's), so the evals score what the assistant enforces.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from assistant import Answer, Language, Requirements, citations, strip_citations, written_language


def fold(text: str) -> str:
    """Text compared for facts: NFKC, lower case, one kind of dash, no spaces, × → x."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[‐‑‒–—−~～]", "-", text).replace("×", "x")
    return re.sub(r"\s+", "", text)


def requirements_of(arguments: dict[str, Any] | None) -> dict[str, Any]:
    """Arguments normalised through Requirements, field by field (bad fields dropped)."""
    requirements, _ = Requirements.lenient(arguments or {})
    return requirements.known()


def model_wrote(answer: Answer) -> bool:
    """True when the model was asked for the prose: not a decline, not a question back, not
    a comparison (the rules' own table and sentences)."""
    asked = answer.decision is not None and answer.decision.verdict is None
    return answer.intent != "out_of_scope" and not asked and answer.comparison is None


def cited_ids(answer: Answer) -> list[str]:
    """Ids the answer cites: the guard's list and any [section.id] left in the text."""
    return list(dict.fromkeys([*answer.cited, *citations(answer.text)]))


def text_language(text: str) -> Language | None:
    """The language the prose is written in, citations aside (None: no letters)."""
    return written_language(strip_citations(text))
