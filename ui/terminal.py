"""`chipwise ask` and `chipwise chat`: the assistant in a terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import IO

from assistant import (
    AnswerEvent,
    Assistant,
    ChipwiseError,
    DecisionEvent,
    TextEvent,
    ToolCallEvent,
    Turn,
    detect_language,
)
from ui.format import (
    answer_markdown,
    comparison_markdown,
    decision_card_markdown,
    fix_hint,
    readings_of,
    sources_markdown,
    to_json,
    tool_call_line,
)


def _error_json(question: str, exc: Exception) -> dict[str, object]:
    return {"question": question, "error": str(exc), "error_type": type(exc).__name__}


def ask_lines(assistant: Assistant, lines: IO[str], out: IO[str]) -> int:
    """One question per input line, one JSON object per output line; each answered alone."""
    failures = 0
    for line in lines:
        question = line.strip()
        if not question:
            continue
        try:
            record = to_json(assistant.ask(question))
        except ChipwiseError as exc:
            failures += 1
            record = _error_json(question, exc)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failures else 0


def ask_once(assistant: Assistant, question: str, as_json: bool, out: IO[str]) -> None:
    """Answer one question: JSON, or the Markdown card, prose and sources."""
    answer = assistant.ask(question)
    out.write(
        (json.dumps(to_json(answer), ensure_ascii=False) if as_json else answer_markdown(answer))
        + "\n"
    )


def chat(
    assistant: Assistant, read: Callable[[str], str] = input, out: IO[str] = sys.stdout
) -> None:
    """A conversation with memory: the card as soon as it is decided, then streamed prose."""
    history: list[Turn] = []
    out.write(
        "chipwise chat: ask about GPUs or NPUs for video generation "
        "(English or 中文). Empty line or Ctrl-D to quit.\n"
    )
    while True:
        try:
            question = read("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not question:
            break
        try:
            text = _stream_turn(assistant, question, history, out)
        except ChipwiseError as exc:
            out.write(f"chipwise: {exc}\n")
            continue
        history += [Turn("user", question), Turn("assistant", text)]


def _stream_turn(assistant: Assistant, question: str, history: list[Turn], out: IO[str]) -> str:
    shown = ""
    lang = detect_language(question)
    readings: list[dict[str, object]] = []
    for event in assistant.stream(question, history):
        if isinstance(event, ToolCallEvent):
            out.write(f"  {tool_call_line(event.call)}\n")
            readings = [dict(r) for r in event.call.readings]
        elif isinstance(event, DecisionEvent) and event.decision.verdict:
            out.write(decision_card_markdown(event.decision, lang, readings) + "\n\n")
        elif isinstance(event, TextEvent):
            if event.reset:
                out.write("\n  [the guard rewrote the answer:]\n")
                shown = ""
            shown += event.text
            out.write(event.text)
            out.flush()
        elif isinstance(event, AnswerEvent):
            answer = event.answer
            if answer.comparison is not None:
                out.write(comparison_markdown(answer.comparison, answer.language) + "\n\n")
            if not shown:
                out.write(answer.text)
            out.write("\n\n" + sources_markdown(answer.passages, answer.language) + "\n")
            if answer.decision and (hint := fix_hint(readings_of(answer), answer.language)):
                out.write(hint + "\n")
            return answer.text
    return shown
