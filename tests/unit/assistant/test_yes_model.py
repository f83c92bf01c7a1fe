"""A model that says yes to every flag it is asked about changes no paraphrase group's reading.

Asked only for the open fields (assistant/text/extract.py `open_fields`), the 1.5B model tends
to answer `true` to each flag whose hint word it sees. So a hint word must be evidence for its
field, not a piece of another word ("新" in 新闻 is news, not a new model; "lives" is not
live; generating "locally" says where, not that no network exists).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.rules.requirements import Requirements
from assistant.rules.tool_schema import tool_schema
from assistant.text.extract import extract, open_fields, reconcile
from assistant.text.intent import classify

DIR = Path(__file__).resolve().parents[3] / "evals" / "paraphrases"
PROPERTIES = tool_schema()["function"]["parameters"]["properties"]
FLAGS = {n for n, p in PROPERTIES.items() if p["type"] == "boolean"}
PHRASINGS = [
    (group, p["text"])
    for path in sorted(DIR.glob("*.yaml"))
    for group in yaml.safe_load(path.read_text(encoding="utf-8"))
    if group["expect"].get("scope", "in") == "in"
    for p in group["phrasings"]
]


def with_yes_model(text: str) -> dict[str, Any]:
    cues = extract(text)
    yes = {name: True for name in open_fields(cues, text) if name in FLAGS}
    requirements, _ = Requirements.lenient(reconcile(yes, cues, text)[0])
    return requirements.known()


@pytest.mark.parametrize(
    ("group", "text"), PHRASINGS, ids=[f"{g['id']}-{i}" for i, (g, _) in enumerate(PHRASINGS)]
)
def test_a_yes_saying_model_adds_no_flag_the_group_does_not_have(
    group: dict[str, Any], text: str
) -> None:
    if classify(text) != "recommend":
        pytest.skip("not a recommendation on its own (a follow-up or a question)")
    want = group["expect"].get("requirements", {})
    added = {k: v for k, v in with_yes_model(text).items() if k in FLAGS and k not in want}
    assert added == {}, f"{text!r}: the model's yes would add {added}"
