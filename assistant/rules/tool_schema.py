"""The recommend_hardware function-call schema, generated from its signature and docstring."""

from __future__ import annotations

import inspect
from typing import Any, get_type_hints

from pydantic import BaseModel

from assistant.rules.decision import recommend_hardware

TOOL_NAME = "recommend_hardware"
# The framework's three questions must be answered, if only with null: a small model given
# all-optional fields tends to skip straight past them to later ones.
ALWAYS_ANSWERED = ("resolution", "duration_seconds", "deployment")


def tool_schema() -> dict[str, Any]:
    """The OpenAI "tools" entry for recommend_hardware: a flat object of optional fields."""
    model = _argument_model()
    schema = model.model_json_schema()
    properties = {name: _flatten(prop) for name, prop in schema["properties"].items()}
    for name in ALWAYS_ANSWERED:
        properties[name] = _nullable(properties[name])
    return {
        "type": "function",
        "function": {
            "name": recommend_hardware.__name__,
            "description": inspect.getdoc(recommend_hardware) or "",
            "parameters": {
                "type": "object",
                "properties": properties,
                "required": [n for n in properties if n in ALWAYS_ANSWERED],
                "additionalProperties": False,
            },
        },
    }


def _argument_model() -> type[BaseModel]:
    """The pydantic model that is recommend_hardware's single parameter."""
    hints = get_type_hints(recommend_hardware)
    params = [hint for name, hint in hints.items() if name != "return"]
    if len(params) != 1 or not issubclass(params[0], BaseModel):
        raise TypeError("recommend_hardware must take exactly one pydantic model")
    model: type[BaseModel] = params[0]
    return model


def _flatten(prop: dict[str, Any]) -> dict[str, Any]:
    """Turn pydantic's `anyOf: [X, null]` into plain X, without title or default.

    llama.cpp's JSON-schema grammar handles a flat optional field far better than a nullable
    union; leaving a field out already says "unknown".
    """
    flat = {key: value for key, value in prop.items() if key not in ("anyOf", "title", "default")}
    variants = [v for v in prop.get("anyOf", []) if v.get("type") != "null"]
    if len(variants) > 1:
        raise TypeError(f"cannot flatten a union of {variants}")
    if variants:
        flat = {**variants[0], **flat}
    if "$ref" in flat or "type" not in flat:
        raise TypeError(f"tool parameters must be plain typed fields, got {prop}")
    return {key: flat[key] for key in ("type", "enum", "description") if key in flat}


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    """The same field, with null meaning "the user did not say"."""
    out = {**prop, "type": [prop["type"], "null"]}
    if "enum" in prop:
        out["enum"] = [*prop["enum"], None]
    out["description"] = prop["description"] + " null if the user did not say."
    return out
