"""The requirements as read: each one stated (with the user's words), read by the model, given
in a form, or assumed by the rules; and the `decide key=value ...` line that re-runs them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from assistant import Answer, Decision, Requirements, field_words

Reading = Mapping[str, Any]  # {field, value, words, display, stated}, as ToolCall.readings

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "As read",
        "model": "read by the model, not in your words",
        "assumed": "not stated: assumed by the rules",
        "yes": "yes",
        "no": "no",
        "open": "“",
        "close": "”",
        "colon": ": ",
        "fix": "To correct the reading, run",
    },
    "zh": {
        "title": "读取结果",
        "model": "由模型读出，并非你的原话",
        "assumed": "未说明：由规则假设",
        "yes": "是",
        "no": "否",
        "open": "“",
        "close": "”",
        "colon": "：",
        "fix": "如需修正读取结果，请运行",
    },
}
MARKS = {"stated": "🗣️", "model": "🤖", "given": "📝", "assumed": "💭"}
# The short keys of the decide line (parse_assignments knows them as aliases).
DECIDE_KEYS = {
    "duration_seconds": "duration",
    "power_budget_watts": "power",
    "videos_per_day": "per_day",
    "preferred_hardware": "prefer",
}
_UNITS = {"duration_seconds": " s", "power_budget_watts": " W", "fps": " fps"}


def words(lang: str) -> dict[str, str]:
    """The reading section's words in a language ("zh" or anything else for English)."""
    return WORDS["zh" if lang == "zh" else "en"]


def field_name(name: str, lang: str) -> str:
    """A field's name as the card shows it (the rules' own table, assistant.FIELD_NAMES)."""
    return field_words(name, lang)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def value_text(name: str, value: Any, lang: str) -> str:
    """A value in words: "yes"/"是", "299 s", "5 W", "720p", "mobile"."""
    if isinstance(value, bool):
        return words(lang)["yes" if value else "no"]
    if isinstance(value, int | float):
        return _number(value) + _UNITS.get(name, "")
    return str(value)


def readings_of(answer: Answer) -> list[dict[str, Any]]:
    """The requirements as the last tool call read them ([] when no call was made)."""
    return [dict(r) for r in answer.tool_calls[-1].readings] if answer.tool_calls else []


def given_readings(requirements: Requirements) -> list[dict[str, Any]]:
    """Readings for requirements given directly (form, `decide`): stated, no words."""
    return [
        {"field": name, "value": value, "words": None, "display": None, "stated": True}
        for name, value in requirements.known().items()
    ]


def reading_lines(
    readings: Sequence[Reading],
    decision: Decision | None,
    lang: str,
    *,
    escape: Callable[[str], str] = str,
) -> list[str]:
    """One line per requirement as read, then one per field the rules assumed.

    'duration: < 300 s — “shorter than 300 seconds”' for stated words, '… — read by the
    model, not in your words' when no words of the user state it, 'deployment: not stated:
    assumed by the rules' for an assumption's field. Each line starts with its mark.
    """
    w = words(lang)
    lines = []
    shown = set()
    for r in readings:
        name, value, said = str(r["field"]), r.get("value"), r.get("words")
        shown.add(name)
        plain = value_text(name, value, lang)
        display = r.get("display") if said and not isinstance(value, bool) else None
        head = f"{field_name(name, lang)}{w['colon']}{display or plain}"
        if said:
            lines.append(
                f"{MARKS['stated']} {escape(head)} — {escape(w['open'] + str(said))}"
                f"{escape(w['close'])}"
            )
        elif r.get("stated", True):
            lines.append(f"{MARKS['given']} {escape(head)}")
        else:
            lines.append(f"{MARKS['model']} {escape(head)} — {escape(w['model'])}")
    for name in decision.assumed if decision else []:
        if name not in shown:
            lines.append(
                f"{MARKS['assumed']} {escape(field_name(name, lang))} — {escape(w['assumed'])}"
            )
    return lines


def _decide_value(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if name == "duration_seconds":
        return f"{_number(value)}s"
    if name == "power_budget_watts":
        return f"{_number(value)}W"
    return str(value)


def fix_hint(readings: Sequence[Reading], lang: str, program: str = "chipwise") -> str:
    """'To correct the reading, run' and the decide line in code; "" without readings."""
    if not readings:
        return ""
    return f"{words(lang)['fix']}{words(lang)['colon']}`{decide_line(readings, program)}`"


def decide_line(readings: Sequence[Reading], program: str = "chipwise") -> str:
    """'chipwise decide deployment=mobile resolution=720p duration=299s' from the readings.

    `program` is "chipwise" (the CLI) or "/chipwise" (Slack); `parse_assignments` of the
    words after "decide" gives back the same Requirements.
    """
    items = [
        f"{DECIDE_KEYS.get(str(r['field']), str(r['field']))}={_decide_value(str(r['field']), r['value'])}"
        for r in readings
        if r.get("value") is not None
    ]
    return " ".join([program, "decide", *items])
