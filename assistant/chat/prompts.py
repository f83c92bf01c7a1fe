"""Every prompt chipwise sends, assembled in one place (a snapshot test keeps changes deliberate).

A recommendation is one conversation, the way function calling is meant to run: the constant
system prompt and tool schema, the question, the model's call, the tool's result as a `tool`
message, then the answer. llama.cpp keeps the evaluated prefix, so the answer costs only the
result's tokens instead of a second, unrelated prompt. Everything constant comes first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from assistant.chat.protocols import Message
from assistant.rules.decision import Decision
from assistant.rules.tool_schema import TOOL_NAME
from assistant.rules.wording import finding_line
from assistant.types import Passage, Turn

PASSAGE_CHARS = {"en": 420, "zh": 220}  # Chinese costs ~2.5x more model tokens per character
PASSAGES_FOR_ANSWER = 3
CALL_ID = "call_0"
# How many reasons and warnings the tool result shows the model. None: with 3 and 2 the model
# still wrote only the headline (6 of 6 answers in bench/assistant.py, chipwise added every
# finding by rule), and their 106 tokens of prefill made the first word wait 3.2 s, not 2.1 s.
RESULT_FINDINGS = (0, 0)

# One system prompt for the call and the answer: English, constant, so its evaluation is
# cached once for every question in either language.
SYSTEM = (
    "You are chipwise, a private assistant that says whether AI video generation should run on "
    "a GPU, an NPU, or both. For a hardware question, call recommend_hardware with only the "
    "fields the user stated; leave every other field out. Skip a value the user rules out "
    '("4K isn\'t needed", "not on the phone"). deployment is where the video is generated, not '
    "where it is watched. Durations are in seconds (2 minutes = 120). Never choose the hardware "
    "yourself: the tool's result is chipwise's decision; never change it, even if the user "
    "asks you to. Then write its first line exactly as the result gives it, with the id it "
    "names in square brackets like [scenario.mobile]; chipwise adds the reasons, warnings "
    "and next step. Cite no other ids. Write in the language the result names."
)

# The model is asked for the first line only: told to explain, it copied the findings word for
# word (85-215 tokens, 10-15 s of decode on 2 cores) and wrote next steps that contradicted the
# verdict; shown the findings and asked for the first line, it wrote that line alone (174 of
# 175 in the full eval). chipwise adds the findings and its own next step by rule
# (templates.completed).
ANSWER_RULE = {
    "en": 'Answer in English, at most 120 words. First line: "Recommendation: {verdict}".',
    "zh": "用中文回答,不超过 200 字。第一行:“推荐:{verdict}”。",
}

FACT_SYSTEM = {
    "en": (
        "You are chipwise, a private assistant about choosing GPUs or NPUs for AI video "
        "generation. Answer the question in at most 100 words of English using only the "
        "passages, and cite them with their ids in square brackets, like [scenario.mobile]. "
        "If the passages do not contain the answer, say it is not in your knowledge base. "
        "Keep the passages' figures exactly as written. "
        "Do not recommend hardware unless the passages state it."
    ),
    "zh": (
        "你是 chipwise,一个关于为 AI 视频生成选择 GPU 或 NPU 的私有助手。只根据资料,"
        "用中文回答问题,不超过 150 字,并用方括号标注来源 id,例如 [scenario.mobile]。"
        "资料中的数字要原样保留。如果资料中没有答案,就说知识库中没有这方面的内容。"
    ),
}

CORRECTION = {
    "en": "Your previous answer had these problems: {problems}. Write it again and fix them. "
    "The recommendation is {verdict}.",
    "zh": "你上一次的回答有这些问题:{problems}。请重写并改正。推荐结论是 {verdict}。",
}


def conversation(question: str, history: Sequence[Turn]) -> list[Message]:
    """The start of a recommendation: the system prompt, recent user turns and the question."""
    earlier = [t.content for t in history if t.role == "user"][-3:]
    messages: list[Message] = [{"role": "system", "content": SYSTEM}]
    messages += [{"role": "user", "content": text} for text in earlier]
    messages.append({"role": "user", "content": question})
    return messages


def tool_result(decision: Decision, lang: str) -> str:
    """What recommend_hardware returns to the model: the verdict, an id it rests on, its
    first findings (RESULT_FINDINGS) and the answer's rule. No passages: every token here is
    prefill the first word waits for; chipwise adds the findings the prose leaves out and
    the sources panel shows the passages."""
    reasons, warnings = RESULT_FINDINGS
    # An id to cite: the scenario, else the first reason's section (given none, the model
    # made ids up from the arguments, "[gpu.mobile]").
    cite: str | None = decision.scenario or next((f.section_id for f in decision.reasons), None)
    lines = [f"decision: {decision.verdict}" + (f" [{cite}]" if cite else "")]
    for title, found in (
        ("reasons", decision.reasons[:reasons]),
        ("warnings", decision.warnings[:warnings]),
    ):
        if found:
            lines += [f"{title}:", *(finding_line(f, lang) for f in found)]
    lines.append(ANSWER_RULE[lang].format(verdict=decision.verdict))
    return "\n".join(lines)


def with_result(messages: list[Message], arguments: dict[str, Any], result: str) -> list[Message]:
    """The conversation after the call: the call as the model's turn, the result as `tool`."""
    call = {
        "id": CALL_ID,
        "type": "function",
        "function": {"name": TOOL_NAME, "arguments": json.dumps(arguments, ensure_ascii=False)},
    }
    return [
        *messages,
        # "" rather than None: llama.cpp's server (like some others) requires a string.
        {"role": "assistant", "content": "", "tool_calls": [call]},
        {"role": "tool", "tool_call_id": CALL_ID, "content": result},
    ]


def _passages(passages: Sequence[Passage], lang: str) -> str:
    limit = PASSAGE_CHARS[lang]
    lines = []
    for p in passages[:PASSAGES_FOR_ANSWER]:
        body = " ".join(p.text.split())
        lines.append(f"[{p.section_id}] {body[:limit]}")
    return "\n".join(lines)


def previous_question(history: Sequence[Turn]) -> str:
    """The user's last question before this one ("" when there is none)."""
    return next((t.content for t in reversed(history) if t.role == "user"), "")


def fact_messages(
    question: str, passages: Sequence[Passage], lang: str, history: Sequence[Turn] = ()
) -> list[Message]:
    """Ask a factual question over the passages (no verdict involved)."""
    zh = lang == "zh"
    context = ""
    if earlier := previous_question(history):
        context = ("上一个问题" if zh else "Previous question") + f": {earlier[:300]}\n\n"
    body = (
        context
        + ("资料" if zh else "Passages")
        + ":\n"
        + _passages(passages, lang)
        + "\n\n"
        + ("问题" if zh else "Question")
        + f": {question}"
    )
    return [{"role": "system", "content": FACT_SYSTEM[lang]}, {"role": "user", "content": body}]


def correction_messages(
    messages: list[Message], draft: str, problems: Sequence[str], verdict: str | None, lang: str
) -> list[Message]:
    """The same request again, with the rejected draft and what was wrong with it."""
    note = CORRECTION[lang].format(problems="; ".join(problems), verdict=verdict or "-")
    return [*messages, {"role": "assistant", "content": draft}, {"role": "user", "content": note}]
