"""Shared fixtures: one real embedder per session, stores in temporary folders."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    from ingest.embeddings import SentenceEmbeddings

    return SentenceEmbeddings()


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """A private copy of the bundled knowledge that a test may edit."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from assistant.settings import Settings

    return Settings(data_dir=tmp_path / "data", knowledge_dir=KNOWLEDGE)


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory, embedder):  # type: ignore[no-untyped-def]
    """Settings over a store holding the bundled knowledge, ingested once per session."""
    from assistant.settings import Settings
    from assistant.startup import ingest_knowledge

    settings = Settings(
        data_dir=tmp_path_factory.mktemp("real-store"), knowledge_dir=KNOWLEDGE, queue_timeout_s=900
    )
    ingest_knowledge([KNOWLEDGE], settings, embeddings=embedder, progress=False)
    return settings


@pytest.fixture(scope="session")
def real_assistant(real_settings):  # type: ignore[no-untyped-def]
    """The real assistant: packaged GGUF model in-process, real Chroma store, real retrieval."""
    from assistant import build

    return build(real_settings)


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A real PostgreSQL server for the session (URL without a database name)."""
    from support.postgres import binaries, postgres_server

    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (/usr/lib/postgresql/*/bin): run `make setup`")
    with postgres_server(bin_dir) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite file, then a database on the real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'chipwise.db'}"
    from support.postgres import new_database

    return new_database(request.getfixturevalue("postgres"))
