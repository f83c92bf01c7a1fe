"""Secrets live in the one Settings object, under their usual variable names, never shown."""

from __future__ import annotations

import pytest

from assistant.settings import Settings

SECRET_VARIABLES = {
    "api_token": ("CHIPWISE_API_TOKEN",),
    "slack_bot_token": ("SLACK_BOT_TOKEN", "CHIPWISE_SLACK_BOT_TOKEN"),
    "slack_signing_secret": ("SLACK_SIGNING_SECRET", "CHIPWISE_SLACK_SIGNING_SECRET"),
    "slack_app_token": ("SLACK_APP_TOKEN", "CHIPWISE_SLACK_APP_TOKEN"),
}


@pytest.fixture(autouse=True)
def _no_secrets_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for names in SECRET_VARIABLES.values():
        for name in names:
            monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("field", "variable"),
    [(field, name) for field, names in SECRET_VARIABLES.items() for name in names],
)
def test_each_secret_is_read_from_its_variable(
    monkeypatch: pytest.MonkeyPatch, field: str, variable: str
) -> None:
    monkeypatch.setenv(variable, "s3cret-value")
    settings = Settings()
    assert getattr(settings, field).get_secret_value() == "s3cret-value"
    assert "s3cret-value" not in repr(settings) and "s3cret-value" not in str(settings)


def test_unset_or_empty_secrets_are_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIPWISE_API_TOKEN", "")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "")
    settings = Settings()
    assert all(getattr(settings, field) is None for field in SECRET_VARIABLES)


def test_secrets_can_be_given_by_field_name() -> None:
    settings = Settings(api_token="t0ken", slack_bot_token="xoxb-1")
    assert settings.api_token is not None and settings.api_token.get_secret_value() == "t0ken"
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-1"
