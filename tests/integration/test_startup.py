"""The one start-up path: an empty store is filled visibly; store problems are ChipwiseErrors."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from assistant import ChipwiseError, KnowledgeStoreError, build, open_assistant
from assistant.settings import Settings
from assistant.testing import ScriptedModel
from ingest.embeddings import ModelInfo

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def _embedder_is(monkeypatch: pytest.MonkeyPatch, embedder: Any) -> None:
    """Start-up builds its embedder from the settings; hand it this one instead."""
    monkeypatch.setattr(
        "ingest.embeddings.SentenceEmbeddings.from_config", classmethod(lambda *a, **k: embedder)
    )


def test_build_is_the_one_start_up_path() -> None:
    assert build is open_assistant


def test_an_empty_store_is_ingested_at_start_up_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedder: Any
) -> None:
    _embedder_is(monkeypatch, embedder)
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=KNOWLEDGE / "en")
    warnings: list[str] = []
    assistant = open_assistant(settings, chat_model=ScriptedModel(), warn=warnings.append)
    assert len(warnings) == 1 and "knowledge store is empty" in warnings[0]
    assert str(KNOWLEDGE / "en") in warnings[0]
    assert assistant.retriever.retrieve("phone battery", "en", 3)

    again: list[str] = []
    open_assistant(settings, chat_model=ScriptedModel(), warn=again.append)
    assert again == []  # a filled store is used as it is

    other = SimpleNamespace(info=ModelInfo("another-embedder", 384, "0123456789abcdef"))
    _embedder_is(monkeypatch, other)
    with pytest.raises(KnowledgeStoreError, match="--rebuild") as err:
        open_assistant(settings, chat_model=ScriptedModel())
    assert isinstance(err.value, ChipwiseError) and "another-embedder" in str(err.value)
