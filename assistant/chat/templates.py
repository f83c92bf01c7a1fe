"""Deterministic answers in English and Chinese: the guard's fallback, clarifying questions,
and the polite refusals. No model is involved, so nothing here can contradict the Decision."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from assistant.rules.compare import Comparison
from assistant.rules.decision import NEED_PROMPTS, Decision
from assistant.rules.wording import finding_line, finding_text
from assistant.text.guard import citations

NEXT_STEP = {
    "GPU": {
        "en": "Next step: benchmark your model on a GPU instance at your target resolution and "
        "length before buying.",
        "zh": "下一步:先在 GPU 实例上按目标分辨率和时长实测你的模型,再决定采购。",
    },
    "NPU": {
        "en": "Next step: check that your (pruned, quantised) model converts to the NPU toolchain "
        "and measure latency and power on the target device.",
        "zh": "下一步:确认你的(裁剪、量化后的)模型能转换到 NPU 工具链,并在目标设备上实测延迟和功耗。",
    },
    "GPU+NPU": {
        "en": "Next step: train and fine-tune on GPUs, then convert the fixed model for an NPU "
        "inference cluster and compare the energy per video.",
        "zh": "下一步:在 GPU 上训练和微调,模型固定后转换到 NPU 推理集群,并对比每条视频的能耗。",
    },
}

_LABELS = {
    "en": {"rec": "Recommendation", "why": "Why", "warn": "Watch out", "assume": "Assumed"},
    "zh": {"rec": "推荐", "why": "理由", "warn": "注意", "assume": "假设"},
}


_HEADLINE = re.compile(r"^\s*(?:recommendation|推荐)\s*[:：]\s*(?:gpu\+npu|gpu|npu)", re.I)
_LEFT_OVER = re.compile(r"\[[^\]]*\]|[\s.。,，:：;；()（）*_-]+")


def without_headline(prose: str) -> str:
    """The prose after its "Recommendation: X" / "推荐:X" headline, if it opens with one."""
    return _HEADLINE.sub("", prose, count=1)


def cite_copied(prose: str, decision: Decision, lang: str) -> str:
    """The prose with each finding it repeats word for word followed by the finding's id,
    where the model left the id out (it copies findings, and often drops their ids)."""
    for found in (*decision.reasons, *decision.warnings):
        text, tag = finding_text(found, lang), f"[{found.section_id}]"
        at = prose.find(text)
        if at >= 0 and not prose[at + len(text) :].lstrip().startswith(tag):
            end = at + len(text)
            prose = f"{prose[:end]} {tag}{prose[end:]}"
    return prose


def _explained(prose: str, decision: Decision) -> set[str]:
    """The ids of the reasons and warnings the prose, past its headline, cites."""
    body = without_headline(prose)
    if _LEFT_OVER.sub("", body) == "":
        return set()
    found: set[str] = {f.section_id for f in (*decision.reasons, *decision.warnings)}
    return found & set(citations(body))


def completed(prose: str, decision: Decision, lang: str) -> tuple[str, list[str]]:
    """The prose with what a recommendation must say and the model may leave out, and what
    was added: the Decision's reasons and warnings the prose does not cite (all of them when
    it does not explain the verdict with one), and always the next step, chipwise's own
    advice (the 1.5B model's next steps contradicted its verdict in probes: "consider a GPU"
    under NPU)."""
    if decision.verdict is None:
        return prose, []
    prose = cite_copied(prose, decision, lang)
    parts, added = [prose.strip()], []
    if lines := _findings(decision, lang, assumptions=False, cited=_explained(prose, decision)):
        parts.append("\n".join(lines))
        added.append("reasons")
    step = NEXT_STEP[decision.verdict][lang]
    if step not in prose:
        parts.append(step)
        added.append("next_step")
    return "\n\n".join(parts), added


def _findings(
    decision: Decision, lang: str, assumptions: bool = True, cited: Set[str] = frozenset()
) -> list[str]:
    """The Decision's reasons, warnings (and assumptions) as labelled lines with their ids,
    but for those whose ids are in `cited`."""
    labels = _LABELS[lang]
    groups = [
        ("why", decision.reasons),
        ("warn", decision.warnings),
        ("assume", decision.assumptions if assumptions else []),
    ]
    lines = []
    for key, found in groups:
        if left := [f for f in found if f.section_id not in cited]:
            lines += [f"{labels[key]}:", *(finding_line(f, lang) for f in left)]
    return lines


def decision_answer(decision: Decision, lang: str) -> str:
    """A complete answer built only from the Decision."""
    labels = _LABELS[lang]
    verdict = decision.verdict or "-"
    scenario = f" ({decision.scenario})" if decision.scenario else ""
    parts = [f"{labels['rec']}: {verdict}{scenario}", *_findings(decision, lang)]
    if decision.verdict:
        parts.append(NEXT_STEP[decision.verdict][lang])
    return "\n".join(parts)


_INFEASIBLE = {
    "en": {
        "head": "No hardware fits this job as stated: it needs GPUs, the device cannot run "
        "them, and offline there are no cloud GPUs.",
        "why": "Why",
        "out": "Ways out",
    },
    "zh": {
        "head": "按目前的条件,没有可行的硬件方案:这项任务需要GPU,设备上不能运行GPU,离线时也用不了云端GPU。",
        "why": "理由",
        "out": "可行的出路",
    },
}


def infeasible(decision: Decision, lang: str) -> str:
    """Say plainly that no hardware fits, why, and the ways out (a Decision with infeasible)."""
    labels = _INFEASIBLE[lang]
    parts = [labels["head"], f"{labels['why']}:"]
    parts += [finding_line(f, lang) for f in decision.reasons]
    parts.append(f"{labels['out']}:")
    parts += [finding_line(f, lang) for f in decision.warnings]
    if decision.assumptions:
        parts.append(f"{_LABELS[lang]['assume']}:")
        parts += [finding_line(f, lang) for f in decision.assumptions]
    return "\n".join(parts)


def clarify(needs: Sequence[str], lang: str) -> str:
    """Ask for the missing requirements instead of guessing a verdict."""
    intro = {
        "en": "I need a little more information before I can recommend a GPU or an NPU:",
        "zh": "在推荐 GPU 还是 NPU 之前,我还需要了解以下信息:",
    }[lang]
    questions = [
        f"{i}. {NEED_PROMPTS[n][lang]}" for i, n in enumerate(needs, 1) if n in NEED_PROMPTS
    ]
    outro = {
        "en": "Answer in your own words, e.g. “a phone app, 10-second clips at 720p”. "
        "[questions.target] [questions.deployment] [questions.constraints]",
        "zh": "直接用自己的话回答即可,例如“手机APP,10秒720P短视频”。"
        "[questions.target] [questions.deployment] [questions.constraints]",
    }[lang]
    return "\n".join([intro, *questions, outro])


def out_of_scope(lang: str) -> str:
    """Decline politely and say what chipwise can help with."""
    return {
        "en": "That is not in my knowledge base, so I won't guess. I can help you choose between "
        "a GPU and an NPU for AI video generation: tell me the resolution and length of your "
        "videos, where they will be generated (cloud, data center, edge device or phone) and "
        "any power, cost or framework constraints.",
        "zh": "这不在我的知识库范围内,我不做猜测。我可以帮你为 AI 视频生成选择 GPU 还是 NPU:"
        "请告诉我视频的分辨率和时长、在哪里生成(云端、数据中心、边缘设备或手机),"
        "以及功耗、成本或框架方面的限制。",
    }[lang]


def not_in_knowledge(lang: str) -> str:
    """A factual question the passages cannot answer."""
    return {
        "en": "I could not find that in my knowledge base. I can answer questions about running "
        "AI video generation on GPUs or NPUs: scenarios, energy figures, pitfalls.",
        "zh": "我的知识库中没有找到相关内容。我可以回答关于 AI 视频生成使用 GPU 或 NPU 的问题:"
        "适用场景、能耗数据和常见误区。",
    }[lang]


def comparison(result: Comparison, lang: str) -> str:
    """The comparison in sentences: each option's outcome and its first reason, then the gist."""
    zh = lang == "zh"
    lines = []
    for number, decision in enumerate(result.options, 1):
        head = f"方案{number}" if zh else f"Option {number}"
        if decision.infeasible:
            outcome = "按目前的条件没有可行的硬件方案" if zh else "no hardware fits as stated"
        elif decision.verdict is None:
            outcome = "尚无结论" if zh else "not decided yet"
        else:
            outcome = decision.verdict
        first = decision.reasons[0] if decision.reasons else None
        why = f" {finding_line(first, lang, mark='—')}" if first else ""
        lines.append(f"{head}{'：' if zh else ': '}{outcome}.{why}".replace("。.", "。"))
    if result.verdicts_differ:
        lines.append("结论不同。" if zh else "The verdicts differ.")
    else:
        lines.append("结论相同。" if zh else "The verdict is the same.")
    return "\n".join(lines)
