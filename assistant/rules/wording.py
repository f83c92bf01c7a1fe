"""A Decision's parts in words: a finding's text and line, the question for a missing field."""

from __future__ import annotations

from collections.abc import Callable

from assistant.rules.decision import NEED_PROMPTS, Finding


def _bracketed(section_id: str) -> str:
    return f"[{section_id}]"


def _plain(text: str) -> str:
    return text


def finding_text(finding: Finding, lang: str) -> str:
    """The finding in the given language ("zh" or anything else for English)."""
    return finding.text_zh if lang == "zh" else finding.text


def finding_line(
    finding: Finding,
    lang: str,
    *,
    mark: str = "-",
    escape: Callable[[str], str] = _plain,
    cite: Callable[[str], str] = _bracketed,
) -> str:
    """One finding as a line: mark, text and its section id ("- text [section.id]")."""
    return f"{mark} {escape(finding_text(finding, lang))} {cite(finding.section_id)}"


def need_prompt(field: str, lang: str) -> str:
    """The question to ask for a missing requirement (the field's name if there is none)."""
    prompts = NEED_PROMPTS.get(field)
    if not prompts:
        return field
    return prompts["zh" if lang == "zh" else "en"]
