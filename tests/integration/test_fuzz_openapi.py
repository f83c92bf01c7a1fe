"""Schemathesis over the API's own OpenAPI document, on a loopback server with the scripted
model: no operation answers a 5xx (other than the documented 503 busy) for any input it allows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from support.fake_slack import scripted_assistant, serve

from ui.api import create_api


@pytest.fixture(scope="module")
def api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assistant = scripted_assistant(tmp_path_factory.mktemp("schemathesis"))
    with serve(create_api(assistant, token="tok")) as url:
        yield url


def test_no_operation_answers_a_server_error(api_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{api_url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/v1/ask", "/v1/decide", "/v1/chat/completions"}
    for operation in operations:

        @settings(
            max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            response = case.call(base_url=api_url, headers={"Authorization": "Bearer tok"})
            if response.status_code != 503:  # busy is documented, with Retry-After
                case.validate_response(response, checks=[not_a_server_error])
            kind = (response.headers.get("content-type") or [""])[0]
            assert kind.startswith(("application/json", "text/event-stream")), kind

        check()
