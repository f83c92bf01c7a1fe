"""Asking the model only for the open fields never changes the reconciled arguments."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.chat.protocols import narrowed
from assistant.rules.tool_schema import tool_schema
from assistant.text.extract import extract, open_fields, reconcile
from evals.paraphrase_cases import load_groups

TEXTS = [text for group in load_groups() for _, text in group.phrasings]
PARAMETERS = tool_schema()["function"]["parameters"]


def _values(name: str, prop: dict[str, Any], text: str) -> st.SearchStrategy[Any]:
    """Values a model might give: the schema's own, and every number the text holds."""
    kinds = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    numbers = [int(n) for n in re.findall(r"\d+", text)] or [7]
    if "enum" in prop:
        return st.sampled_from(prop["enum"])
    if "boolean" in kinds:
        return st.booleans()
    if "integer" in kinds or "number" in kinds:
        return st.sampled_from(numbers) | st.integers(0, 10**6)
    return st.text(max_size=8)


@st.composite
def calls(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    text = draw(st.sampled_from(TEXTS))
    names = draw(st.sets(st.sampled_from(sorted(PARAMETERS["properties"]))))
    args = {n: draw(_values(n, PARAMETERS["properties"][n], text)) for n in sorted(names)}
    return text, args


@settings(max_examples=400, deadline=None)
@given(calls())
def test_fields_left_out_of_the_call_could_not_have_changed_the_arguments(
    call: tuple[str, dict[str, Any]],
) -> None:
    text, args = call
    cues = extract(text)
    asked = open_fields(cues, text)
    left = {k: v for k, v in args.items() if k in asked}
    assert reconcile(left, cues, text)[0] == reconcile(args, cues, text)[0]


def test_a_question_that_states_everything_leaves_little_open() -> None:
    text = "Our phone app makes 10-second 720p clips. GPU or NPU?"
    asked = open_fields(extract(text), text)
    assert not {"deployment", "resolution", "duration_seconds", "preferred_hardware"} & set(asked)
    assert len(asked) < len(PARAMETERS["properties"]) // 2


def test_a_number_no_cue_read_leaves_the_counts_open_and_a_read_one_does_not() -> None:
    read_all = "Drone camera, 5-second 720p clips: GPU or NPU?"
    assert not {"power_budget_watts", "videos_per_day", "fps"} & set(
        open_fields(extract(read_all), read_all)
    )
    # "5-second" is the duration: it cannot also ground a model's 5 W budget.
    assert (
        "power_budget_watts"
        not in reconcile({"power_budget_watts": 5}, extract(read_all), read_all)[0]
    )
    unread = "Drone camera, 5-second 720p clips, about 40 of them: GPU or NPU?"
    assert {"power_budget_watts", "videos_per_day"} <= set(open_fields(extract(unread), unread))


def test_the_narrowed_schema_keeps_order_and_the_required_fields_it_still_has() -> None:
    schema = narrowed(PARAMETERS, ["offline", "deployment", "fps"])
    assert list(schema["properties"]) == [
        n for n in PARAMETERS["properties"] if n in {"offline", "deployment", "fps"}
    ]
    assert schema["required"] == ["deployment"]
    assert schema["additionalProperties"] is False
    assert narrowed(PARAMETERS, [])["properties"] == {}
