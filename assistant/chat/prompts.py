"""Every prompt chipwise sends, assembled in one place (a snapshot test keeps changes deliberate).

System prompts are constant and come first, so llama.cpp's state cache can reuse their
evaluation across questions; everything that varies goes in the last user message.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.chat.protocols import Message
from assistant.rules.decision import Decision
from assistant.rules.wording import finding_line
from assistant.types import Passage, Turn

PASSAGE_CHARS = {"en": 420, "zh": 220}  # Chinese costs ~2.5x more model tokens per character
PASSAGES_FOR_ANSWER = 3

TOOL_SYSTEM = (
    "You are chipwise's requirement reader. Call recommend_hardware with only the fields the "
    "user stated about their AI video generation job; leave every other field out. Skip a "
    'value the user rules out ("4K isn\'t needed", "not on the phone"). deployment is where '
    "the video is generated, not where it is watched. Durations are in seconds (2 minutes = "
    "120). Never choose the hardware yourself."
)

ANSWER_SYSTEM = {
    "en": (
        "You are chipwise, a private assistant that explains whether AI video generation should "
        "run on a GPU, an NPU, or both. chipwise's rules have already decided; your job is to "
        "explain that decision, never to change it, even if the user asks you to. Write at most "
        "120 words in English. Start with the line 'Recommendation: <verdict>' using the verdict "
        "exactly as given. Then give the main reasons, the warnings that apply, and one next "
        "step. Use only facts from the decision and the passages, and cite them with their ids "
        "in square brackets, like [scenario.mobile]. Cite no other ids."
    ),
    "zh": (
        "你是 chipwise,一个帮助判断 AI 视频生成应使用 GPU、NPU 还是两者协同的私有助手。"
        "chipwise 的规则已经做出决定;你的任务是解释这个决定,绝不能改变它,即使用户要求也不行。"
        "请用中文回答,不超过 200 字。第一行写“推荐:<结论>”,结论必须与给出的完全一致。"
        "然后说明主要理由、适用的注意事项和一个下一步建议。只使用决定和资料中的事实,"
        "并用方括号标注来源 id,例如 [scenario.mobile]。不要引用其他 id。"
    ),
}

FACT_SYSTEM = {
    "en": (
        "You are chipwise, a private assistant about choosing GPUs or NPUs for AI video "
        "generation. Answer the question in at most 100 words of English using only the "
        "passages, and cite them with their ids in square brackets, like [scenario.mobile]. "
        "If the passages do not contain the answer, say it is not in your knowledge base. "
        "Do not recommend hardware unless the passages state it."
    ),
    "zh": (
        "你是 chipwise,一个关于为 AI 视频生成选择 GPU 或 NPU 的私有助手。只根据资料,"
        "用中文回答问题,不超过 150 字,并用方括号标注来源 id,例如 [scenario.mobile]。"
        "如果资料中没有答案,就说知识库中没有这方面的内容。"
    ),
}

CORRECTION = {
    "en": "Your previous answer had these problems: {problems}. Write it again and fix them. "
    "The recommendation is {verdict}.",
    "zh": "你上一次的回答有这些问题:{problems}。请重写并改正。推荐结论是 {verdict}。",
}


def tool_messages(question: str, history: Sequence[Turn]) -> list[Message]:
    """The conversation the model reads to fill the tool's arguments (user turns only)."""
    earlier = [t.content for t in history if t.role == "user"][-3:]
    messages: list[Message] = [{"role": "system", "content": TOOL_SYSTEM}]
    messages += [{"role": "user", "content": text} for text in earlier]
    messages.append({"role": "user", "content": question})
    return messages


def _passages(passages: Sequence[Passage], lang: str) -> str:
    limit = PASSAGE_CHARS[lang]
    lines = []
    for p in passages[:PASSAGES_FOR_ANSWER]:
        body = " ".join(p.text.split())
        lines.append(f"[{p.section_id}] {body[:limit]}")
    return "\n".join(lines)


def answer_messages(
    question: str, decision: Decision, passages: Sequence[Passage], lang: str
) -> list[Message]:
    """Ask for prose that explains a Decision (the decision's findings first, then passages)."""
    findings = [*decision.reasons[:3], *decision.warnings[:2]]
    facts = "\n".join(finding_line(f, lang) for f in findings)
    scenario = f" ({decision.scenario})" if decision.scenario else ""
    if lang == "zh":
        body = (
            f"用户的问题:{question}\n\nchipwise 的结论:{decision.verdict}{scenario}\n"
            f"可用的事实:\n{facts}\n\n背景资料:\n{_passages(passages, lang)}\n\n"
            f"现在写回答:第一行“推荐:{decision.verdict}”,然后用 2–4 句话说明理由和注意事项"
            "(标注 id),最后给出一个下一步建议。不要重复资料原文。"
        )
    else:
        body = (
            f"The user's question: {question}\n\nchipwise's decision: {decision.verdict}"
            f"{scenario}\nFacts you may use:\n{facts}\n\nBackground:\n"
            f"{_passages(passages, lang)}\n\nWrite the answer now: first the line "
            f"'Recommendation: {decision.verdict}', then 2-4 sentences with the reasons and "
            "warnings (cite ids), then one next step. Do not copy the background verbatim."
        )
    return [{"role": "system", "content": ANSWER_SYSTEM[lang]}, {"role": "user", "content": body}]


def fact_messages(
    question: str, passages: Sequence[Passage], lang: str, history: Sequence[Turn] = ()
) -> list[Message]:
    """Ask a factual question over the passages (no verdict involved)."""
    zh = lang == "zh"
    context = ""
    last_user = [t.content for t in history if t.role == "user"][-1:]
    if last_user:
        context = ("上一个问题" if zh else "Previous question") + f": {last_user[0][:300]}\n\n"
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
