"""chipwise settings: one object, offline defaults, `CHIPWISE_*` environment overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_KNOWLEDGE = PROJECT_ROOT / "knowledge"


class Settings(BaseSettings):
    """Everything chipwise can be configured with; build it at start-up, never at import."""

    # populate_by_name: a field with an env alias can still be set as Settings(api_token=...).
    model_config = SettingsConfigDict(env_prefix="CHIPWISE_", extra="ignore", populate_by_name=True)

    data_dir: Path = Field(
        Path("data"), description="Where the embedded Chroma store and feedback live."
    )
    knowledge_dir: Path = Field(
        BUNDLED_KNOWLEDGE, description="Knowledge ingested by default and when the store is empty."
    )
    collection: str = Field("chipwise", min_length=3, description="Chroma collection name.")
    chroma_url: str | None = Field(
        None, description="Use a Chroma server (http://host:port) instead of the embedded store."
    )
    embedding_model: str | None = Field(
        None,
        description="A sentence-transformers model folder; default: the packaged all-MiniLM-L6-v2.",
    )
    embed_batch_size: int = Field(32, ge=1, description="Chunks embedded per batch.")

    model: Literal["qwen2.5-coder-1.5b", "qwen2.5-coder-0.5b"] = Field(
        "qwen2.5-coder-1.5b", description="Packaged chat model to use."
    )
    model_path: Path | None = Field(None, description="Any GGUF file; overrides `model`.")
    model_cache_dir: Path = Field(
        Path.home() / ".cache" / "chipwise",
        description="Where the packaged model's parts are joined into one GGUF file.",
    )
    llm_base_url: str | None = Field(
        None, description="Use an OpenAI-compatible server (e.g. http://127.0.0.1:8080/v1)."
    )
    llm_api_key: str = Field("not-needed", description="API key for the OpenAI-compatible server.")
    llm_model: str = Field("chipwise", description="Model name sent to that server.")
    threads: int = Field(2, ge=1, description="CPU threads for llama.cpp.")
    context_size: int = Field(3072, ge=512, description="llama.cpp context window in tokens.")
    max_answer_tokens: int = Field(220, ge=16, description="Upper bound on answer length.")
    queue_size: int = Field(4, ge=0, description="Requests that may wait for the model.")
    queue_timeout_s: float = Field(120.0, gt=0, description="How long a request may wait.")
    warm_up: bool = Field(
        True, description="Servers load the model and its constant prompt prefix at start-up."
    )

    top_k: int = Field(5, ge=1, le=20, description="Passages given to the model.")
    min_score: float = Field(0.01, ge=0, description="Fused-score floor for a passage.")
    max_question_chars: int = Field(4000, ge=1, description="Longest question accepted.")

    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the database (postgresql+psycopg://user@host/db for "
        "several replicas); default: a SQLite file in the data directory.",
    )
    admin_token: SecretStr | None = Field(
        None,
        description="Bearer token for knowledge curation (CHIPWISE_ADMIN_TOKEN); unset: off.",
    )
    max_upload_bytes: int = Field(
        10 * 1024 * 1024, ge=1024, description="Largest knowledge file an admin may upload."
    )

    api_token: SecretStr | None = Field(
        None, description="Bearer token `chipwise api` requires (CHIPWISE_API_TOKEN); unset: none."
    )
    slack_bot_token: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("CHIPWISE_SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN"),
        description="The Slack app's bot token (xoxb-...).",
    )
    slack_signing_secret: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("CHIPWISE_SLACK_SIGNING_SECRET", "SLACK_SIGNING_SECRET"),
        description="The Slack app's signing secret (HTTP mode).",
    )
    slack_app_token: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("CHIPWISE_SLACK_APP_TOKEN", "SLACK_APP_TOKEN"),
        description="The Slack app-level token (xapp-..., Socket Mode).",
    )
    slack_api_url: str = Field(
        "https://slack.com/api/",
        description="The Slack Web API's base URL (another one for GovSlack, or a test double).",
    )

    @field_validator(
        "api_token", "admin_token", "slack_bot_token", "slack_signing_secret", "slack_app_token"
    )
    @classmethod
    def _empty_secret_is_unset(cls, value: SecretStr | None) -> SecretStr | None:
        """An empty variable means "not set", as it always did."""
        return value if value is not None and value.get_secret_value() else None
