"""The vocabulary every layer speaks: passages, tool calls, answers and stream events."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from assistant.rules.compare import Comparison
from assistant.rules.decision import Decision, Finding
from assistant.rules.requirements import Requirements

Language = Literal["en", "zh"]
Intent = Literal["recommend", "factual", "out_of_scope"]

__all__ = [
    "Answer",
    "AnswerEvent",
    "Comparison",
    "Decision",
    "DecisionEvent",
    "Finding",
    "Intent",
    "Language",
    "Passage",
    "PassagesEvent",
    "Requirements",
    "StreamEvent",
    "TextEvent",
    "Timings",
    "ToolCall",
    "ToolCallEvent",
    "Turn",
]


@dataclass(frozen=True)
class Turn:
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: str


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of the knowledge base."""

    chunk_id: str
    section_id: str
    title: str
    path: str
    lang: str
    text: str
    score: float

    def source_dict(self) -> dict[str, Any]:
        return {
            "id": self.section_id,
            "title": self.title,
            "path": self.path,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class ToolCall:
    """A call of the decision tool, as the model made it and as chipwise reconciled it."""

    name: str
    arguments: dict[str, Any]  # what was finally used (validated, normalised, merged)
    model_arguments: dict[str, Any] | None = None  # what the model produced, raw
    extracted_arguments: dict[str, Any] = field(default_factory=dict)  # deterministic cues
    corrections: list[str] = field(default_factory=list)  # reconciliation rules that fired
    valid: bool = True  # the model's own arguments validated as Requirements
    # Per final argument: field, value, the user's words (None: the model's), display, stated.
    readings: list[dict[str, Any]] = field(default_factory=list)
    completion_tokens: int = 0  # what the call cost in generated tokens (the Decision waits)
    asked: list[str] | None = None  # the fields the model was asked for; None: all of them

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "arguments": self.arguments}

    def trace(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Timings:
    """Where the time of one answer went, in milliseconds."""

    retrieve_ms: float = 0.0
    decision_ms: float = 0.0
    first_token_ms: float = 0.0
    last_token_ms: float = 0.0  # of the streamed prose: decode speed is measured up to here
    total_ms: float = 0.0
    completion_tokens: int = 0
    streamed_tokens: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {k: round(v, 1) if isinstance(v, float) else v for k, v in asdict(self).items()}


@dataclass(frozen=True)
class Quote:
    """The sentence of a section an answer rests on (shown highlighted under the answer)."""

    section_id: str
    sentence: str

    def to_dict(self) -> dict[str, str]:
        return {"section_id": self.section_id, "sentence": self.sentence}


@dataclass
class Answer:
    """Everything one question produced; every front end renders this and nothing else."""

    question: str
    text: str
    language: Language
    intent: Intent
    decision: Decision | None = None
    needs: list[str] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    guard: str = "ok"  # "ok" | "regenerated" | "templated"
    guard_problems: list[str] = field(default_factory=list)
    timings: Timings = field(default_factory=Timings)
    comparison: Comparison | None = None  # a question comparing alternatives, side by side
    added: list[str] = field(default_factory=list)  # what chipwise appended to the model's prose

    @property
    def verdict(self) -> str | None:
        return self.decision.verdict if self.decision else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of `chipwise ask --json` and the HTTP API."""
        seen: set[str] = set()
        sources = []
        for passage in self.passages:
            if passage.section_id not in seen:
                seen.add(passage.section_id)
                sources.append(passage.source_dict())
        return {
            "question": self.question,
            "answer": self.text,
            "language": self.language,
            "intent": self.intent,
            "decision": self.decision.to_dict() if self.decision else None,
            "comparison": self.comparison.to_dict() if self.comparison else None,
            "needs": list(self.needs),
            "tool_calls": [call.to_dict() for call in self.tool_calls],
            # The requirements as read (the last call's), and the fields the rules assumed.
            "readings": [dict(r) for r in self.tool_calls[-1].readings] if self.tool_calls else [],
            "assumed": self.decision.assumed if self.decision else [],
            "sources": sources,
            "cited": list(self.cited),
            "quotes": [q.to_dict() for q in self.quotes],
            "guard": self.guard,
            "timings": self.timings.to_dict(),
        }


@dataclass(frozen=True)
class PassagesEvent:
    passages: list[Passage]
    kind: Literal["passages"] = "passages"


@dataclass(frozen=True)
class ToolCallEvent:
    call: ToolCall
    kind: Literal["tool_call"] = "tool_call"


@dataclass(frozen=True)
class DecisionEvent:
    decision: Decision
    kind: Literal["decision"] = "decision"


@dataclass(frozen=True)
class TextEvent:
    """A piece of prose. `reset` means: discard the text shown so far (the guard rewrote it)."""

    text: str
    reset: bool = False
    kind: Literal["text"] = "text"


@dataclass(frozen=True)
class AnswerEvent:
    """The last event: the final, guarded Answer (its text is authoritative)."""

    answer: Answer
    kind: Literal["answer"] = "answer"


StreamEvent = PassagesEvent | ToolCallEvent | DecisionEvent | TextEvent | AnswerEvent
