"""A deterministic bilingual requirement reader, and the rule that reconciles it with the
model's tool-call arguments.

Reading: every cue match is a Mention (assistant/text/clauses.py); negated mentions set
nothing, or the value their negation states ("not CUDA-only" is cuda_only_model false); a
place counts only where videos are generated, not where they are watched or only captured.
`read` returns one Reading per field with the words it came from; `extract` its values.

The reconciliation rule (recorded in every ToolCall's `corrections`):
1. An explicit cue in the user's words wins: "4K", "手机", "battery", "CUDA only" set the field,
   whatever the model said.
2. A model value the text rules out is dropped: a negated value ("4K isn't needed") or a place
   where the videos are only watched ("users watch on their phones").
3. A model value with no cue is kept only when it is grounded in the user's words: its number
   appears in the text outside every mention a cue read ("5-second clips" is no 5 W budget),
   or a hint word for that field does ("app" for mobile, "action" for
   complex motion, ...). Otherwise it is dropped as invented, so a vague question never gets
   a verdict from values the user did not give.
4. A model `false` with no cue is dropped: not mentioning something is not saying no.

So the model's call is asked only for the `open_fields`: stated fields and fields with no
words to ground them could not change the result, and every generated token is time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, get_args

from pydantic import ValidationError

from assistant.rules import normalize
from assistant.rules.requirements import Requirements
from assistant.text.clauses import Folded, Mention, fold, negated, role
from assistant.text.mentions import find_mentions, is_weak_server

_RES_ORDER = {r: i for i, r in enumerate(normalize.RESOLUTIONS)}
_PLACE_ORDER = ("mobile", "edge", "datacenter", "cloud", "server")
_HIDDEN_ROLES = ("viewer", "source")
# Words that make a model's value for a field plausible when no explicit cue was found.
_HINTS: dict[str, str] = {
    "deployment": r"\bapps?\b|app|on-device|handheld|wearable|surveillance|security|vehicle|car"
    r"|server|cluster|hosted|saas|e-?commerce|news|短视频|监控|车载|服务器|电商|新闻",
    "complex_motion": r"action|dynamic|motion|动态|动作",
    # Changing a job while it generates; an "editing app" edits photos, not parameters.
    "interactive_edits": r"adjust|tweak|keyframe|interactiv|mid-generation|on the fly"
    r"|调整|关键帧|交互式|修改参数",  # 多人物交互 is characters interacting: motion
    # The model, not anything else that is new ("新" alone is also in 新闻, news).
    "experimental_model": r"\bnew(?:ly)?[- ](?:\w+[- ]){0,2}(?:model|network|architecture)"
    r"|latest|research|prototype|novel|unreleased|(?:private|early|technical) preview|paper"
    r"|beta"
    r"|最新|研究|新模型|新发布|刚出|内测|论文|原型|未发布",
    "realtime": r"\blive\b|real-?time|immediate|latency|即时|实时|马上|延迟",
    "cuda_only_model": r"cuda|nvidia|triton|英伟达",
    # A device carried around; "portable across vendors" is about code.
    "battery_powered": r"handheld|wearable|portable (?:device|camera|gadget)|便携设备|手持|穿戴",
    # No network: where it runs ("locally", 本地) says nothing about a connection.
    "offline": r"offline|network|internet|connect|air-?gap|离线|断网|网络|联网|无网|没网",
    "templated": r"standard|batch|bulk|批量|统一",
    "cost_priority": r"price|expens|money|spend|价格|贵|花费",
    "workload": r"train|fine|inference|\bserv(?:e|es|ing)\b|训练|微调|推理",
}


@dataclass(frozen=True)
class Reading:
    """One requirement as read: its value, the user's words for it, and how to show it."""

    field: str
    value: Any
    words: str | None  # None: the model supplied it, no words of the user state it
    display: str
    stated: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Live = tuple[Mention, Any, str]  # a mention, the value it states, its role


@dataclass(frozen=True)
class _Analysis:
    text: str
    mentions: list[Mention]
    negated: set[int]
    roles: dict[int, str]

    def live(self, field: str) -> list[Live]:
        """A field's mentions that state a value, with that value and role, in text order."""
        out = []
        for i, m in enumerate(self.mentions):
            if m.field != field or self.roles.get(i) in _HIDDEN_ROLES:
                continue
            value = m.negated_value if i in self.negated else m.value
            if value is not None:
                out.append((m, value, self.roles.get(i, "")))
        return out

    def ruled_out(self, field: str) -> dict[Any, str]:
        """Values the text names for a field only to rule them out, and why."""
        out: dict[Any, str] = {}
        for i, m in enumerate(self.mentions):
            if m.field == field and i in self.negated:
                out.setdefault(m.value, "rules it out")
            elif m.field == field and self.roles.get(i) in _HIDDEN_ROLES:
                out.setdefault(m.value, "names it only where videos are watched")
        return out


def _analyse(text: str) -> tuple[Folded, _Analysis]:
    folded = fold(text)
    mentions = find_mentions(folded.text)
    hit = negated(folded.text, mentions)
    roles = {
        i: role(folded.text, m)
        for i, m in enumerate(mentions)
        if m.field == "deployment" and i not in hit
    }
    return folded, _Analysis(folded.text, mentions, hit, roles)


def _place(live: list[Live], text: str) -> Live | None:
    """Where generation runs: a generator-role place first, the most constrained place next."""
    clouds = any(value == "cloud" for _, value, _ in live)

    def rank(item: Live) -> tuple[bool, int]:
        m, value, role_ = item
        weak = value == "datacenter" and clouds and is_weak_server(text[m.start : m.end])
        return role_ != "generator", _PLACE_ORDER.index("server" if weak else value)

    return min(live, key=rank)


def _workload(live: list[Live]) -> Live | None:
    """Training, inference or both, from the training, serving and "then serve" mentions."""
    kinds = {value: item for item in live for value in [item[1]]}
    if "training" in kinds:
        m, _, r = kinds["training"]
        return m, "both" if "inference" in kinds or "then" in kinds else "training", r
    return kinds.get("inference")


def _last_statement(live: list[Live], _: str) -> Live:
    return live[-1]


# How each field's mentions become one value: the largest target, the generating place,
# the first volume or frame rate stated, and for flags the last statement.
_PICK: dict[str, Callable[[list[Live], str], Live | None]] = {
    "resolution": lambda live, _: max(live, key=lambda item: _RES_ORDER[item[1]]),
    "duration_seconds": lambda live, _: max(live, key=lambda item: item[1]),
    "power_budget_watts": lambda live, _: max(live, key=lambda item: item[1]),
    "deployment": _place,
    "workload": lambda live, _: _workload(live),
    "videos_per_day": lambda live, _: live[0],
    "fps": lambda live, _: live[0],
    "preferred_hardware": lambda live, _: live[0],
}


def read(text: str) -> list[Reading]:
    """Every requirement field the text states, with the words each was read from."""
    folded, analysis = _analyse(text)
    readings = []
    for field in dict.fromkeys(m.field for m in analysis.mentions):
        live = analysis.live(field)
        pick = _PICK.get(field, _last_statement)
        chosen = pick(live, analysis.text) if live else None
        canonical = _normalised(field, chosen[1]) if chosen else None
        if chosen is not None and canonical is not None:
            m = chosen[0]
            display = m.display or _display(canonical)
            readings.append(Reading(field, canonical, folded.words(m.start, m.end), display))
    return readings


def _display(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).upper() if isinstance(value, str) and value[-1:] == "k" else str(value)


def extract(text: str) -> dict[str, Any]:
    """Requirement fields the text states explicitly, in canonical form."""
    return {r.field: r.value for r in read(text)}


def _normalised(name: str, value: Any) -> Any:
    try:
        return getattr(Requirements.model_validate({name: value}), name)
    except ValidationError:
        return None


def _masked(analysis: _Analysis) -> str:
    """The text with every negated mention and every watched-only place blanked out."""
    chars = list(analysis.text)
    for i, m in enumerate(analysis.mentions):
        if i in analysis.negated or analysis.roles.get(i) in _HIDDEN_ROLES:
            chars[m.start : m.end] = " " * (m.end - m.start)
    return "".join(chars)


def _unread(analysis: _Analysis, masked: str) -> str:
    """The masked text with every mention blanked too: what no cue has read. A number there
    can ground a model's count; "5-second clips" cannot also be a 5 W power budget."""
    chars = list(masked)
    for m in analysis.mentions:
        chars[m.start : m.end] = " " * (m.end - m.start)
    return "".join(chars)


def _quantity(name: str) -> bool:
    return name == "resolution" or _numeric(name)


def _grounded(name: str, value: Any, text: str) -> bool:
    if isinstance(value, bool):
        hint = _HINTS.get(name)
        return bool(value) and hint is not None and re.search(hint, text) is not None
    if isinstance(value, int | float):
        return re.search(rf"(?<!\d){int(value)}(?!\d)", text) is not None
    if name == "resolution":
        return str(value).rstrip("pk") in text
    hint = _HINTS.get(name)
    if hint is None:
        return False
    hits = (Mention(name, value, m.start(), m.end()) for m in re.finditer(hint, text))
    return any(name != "deployment" or role(text, h) not in _HIDDEN_ROLES for h in hits)


def _numeric(name: str) -> bool:
    """A count or quantity field (grounded by digits), as the Requirements model types it."""
    kinds = get_args(Requirements.model_fields[name].annotation) or (
        Requirements.model_fields[name].annotation,
    )
    return bool not in kinds and any(k in (int, float) for k in kinds)


def open_fields(cues: dict[str, Any], text: str) -> list[str]:
    """The fields a model's value could still set: not stated, with words in the text that
    could ground one. `reconcile` drops a value for any other field, so asking the model for
    them would only cost tokens (a superset of what `_grounded` can accept)."""
    _, analysis = _analyse(text)
    masked = _masked(analysis)
    digits = re.search(r"\d", _unread(analysis, masked)) is not None
    out = []
    for name in Requirements.model_fields:
        if name in cues:
            continue
        if _quantity(name):
            possible = digits
        else:
            hint = _HINTS.get(name)
            possible = hint is not None and re.search(hint, masked) is not None
        if possible:
            out.append(name)
    return out


def reconcile(
    model_args: dict[str, Any] | None, cues: dict[str, Any], text: str
) -> tuple[dict[str, Any], list[str]]:
    """Final arguments from the cues and the model's call, and the rules that fired."""
    final = dict(cues)
    notes: list[str] = []
    _, analysis = _analyse(text)
    masked = _masked(analysis)
    unread = _unread(analysis, masked)
    for name, raw in (model_args or {}).items():
        value = _normalised(name, raw)
        if value is None:
            if raw is not None:
                notes.append(f"{name}: dropped the model's invalid value {raw!r}")
            continue
        if name in cues:
            if cues[name] != value:
                notes.append(f"{name}: the text says {cues[name]!r}, the model said {value!r}")
            continue
        if value is False:
            continue
        if (why := analysis.ruled_out(name).get(value)) is not None:
            notes.append(f"{name}: dropped the model's {value!r}, the text {why}")
        elif _grounded(name, value, unread if _quantity(name) else masked):
            final[name] = value
        else:
            notes.append(f"{name}: dropped the model's {value!r}, not grounded in the question")
    return final, notes


def provenance(arguments: dict[str, Any], stated: dict[str, Reading]) -> list[dict[str, Any]]:
    """One reading per final argument: the user's words when a cue set it, None for the model."""
    out = []
    for name, value in arguments.items():
        reading = stated.get(name)
        if reading is None or reading.value != value:
            reading = Reading(name, value, None, _display(value), stated=False)
        out.append(reading.to_dict())
    return out
