"""The tool schema the model sees is generated from recommend_hardware and Requirements."""

from __future__ import annotations

import inspect
import json
from typing import Any

from assistant.rules.decision import recommend_hardware
from assistant.rules.requirements import Requirements
from assistant.rules.tool_schema import ALWAYS_ANSWERED, TOOL_NAME, tool_schema


def _base_type(prop: dict[str, Any]) -> str:
    """The field's type without the null that always-answered fields allow."""
    kinds = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    (kind,) = [k for k in kinds if k != "null"]
    return str(kind)


def _walk(node: Any) -> list[Any]:
    """Every dict and list inside a JSON value."""
    found = [node]
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        found += _walk(child)
    return found


def test_openai_tools_shape() -> None:
    schema = tool_schema()
    assert schema["type"] == "function"
    assert schema["function"]["name"] == TOOL_NAME == recommend_hardware.__name__
    parameters = schema["function"]["parameters"]
    assert parameters["type"] == "object"
    assert parameters["additionalProperties"] is False
    assert parameters["required"] == [n for n in parameters["properties"] if n in ALWAYS_ANSWERED]
    for name in ALWAYS_ANSWERED:
        assert "null" in parameters["properties"][name]["type"]
    json.dumps(schema)


def test_one_source_of_truth() -> None:
    function = tool_schema()["function"]
    assert function["description"] == inspect.getdoc(recommend_hardware)
    properties = function["parameters"]["properties"]
    assert list(properties) == list(Requirements.model_fields)
    for name, info in Requirements.model_fields.items():
        assert properties[name]["description"].startswith(str(info.description))


def test_simple_enough_for_a_llama_cpp_grammar() -> None:
    schema = tool_schema()
    for node in _walk(schema):
        if isinstance(node, dict):
            assert not {"$ref", "$defs", "anyOf", "oneOf", "allOf", "title"} & set(node)
    properties = schema["function"]["parameters"]["properties"]
    for name, prop in properties.items():
        assert _base_type(prop) in ("string", "integer", "number", "boolean"), name
        assert prop["description"], name
    assert properties["resolution"]["enum"] == ["480p", "720p", "1080p", "2k", "4k", "8k", None]
    assert properties["deployment"]["enum"] == ["cloud", "datacenter", "edge", "mobile", None]
    assert properties["workload"]["enum"] == ["inference", "training", "both"]
    assert _base_type(properties["duration_seconds"]) == "integer"
    assert "SECONDS" in properties["duration_seconds"]["description"]


def test_every_schema_valid_call_is_accepted() -> None:
    properties = tool_schema()["function"]["parameters"]["properties"]
    sample = {"string": None, "integer": 30, "number": 5.0, "boolean": True}
    arguments = {
        name: prop["enum"][0] if "enum" in prop else sample[_base_type(prop)]
        for name, prop in properties.items()
    }
    arguments = {name: value for name, value in arguments.items() if value is not None}
    assert Requirements.model_validate(arguments).known() == arguments


def test_a_null_for_an_always_answered_field_means_unknown() -> None:
    nulls = dict.fromkeys(ALWAYS_ANSWERED)
    assert Requirements.model_validate(nulls).known() == {}
