"""The page's knowledge panel over a real store: the token gates every action."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant import Curator, Settings, build, memory_storage
from assistant.testing import MemoryRetriever, ScriptedModel
from ui.web import create_app
from ui.web_admin import OFF, REFUSED, AdminPanel

ADMIN = "admin-token"


class NoProgress:
    def tqdm(self, items: Any, desc: str = "") -> Any:
        return items


@pytest.fixture
def panel(tmp_path: Path, embedder: Any) -> AdminPanel:
    settings = Settings(data_dir=tmp_path / "data", admin_token=ADMIN)
    return AdminPanel(Curator(settings, memory_storage().sources, embeddings=embedder), ADMIN)


def test_upload_list_reingest_and_delete(panel: AdminPanel, tmp_path: Path) -> None:
    doc = tmp_path / "kestrel notes.md"
    doc.write_text("# Kestrel board\n\nRun the 720p encoder on the NPU.\n", "utf-8")
    table, picker, status = panel.upload(ADMIN, [str(doc)], NoProgress())  # type: ignore[arg-type]
    assert status.startswith("✅ Kestrel board (1 chunks)")
    assert "| Kestrel board 📤 | en | 1 |" in table
    [(label, source)] = picker.constructor_args["choices"]
    assert label == "Kestrel board · kestrel_notes.md"
    assert panel.reingest(ADMIN, source)[2].startswith("✅ Re-ingested")
    table, _, status = panel.delete(ADMIN, source)
    assert status.startswith("✅ Deleted") and "No sources" in table


def test_a_bad_upload_says_why(panel: AdminPanel, tmp_path: Path) -> None:
    fake = tmp_path / "photo.md"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    table, _, status = panel.upload(ADMIN, [str(fake)], NoProgress())  # type: ignore[arg-type]
    assert status.startswith("⚠️") and "image/png" in status and "No sources" in table


def test_without_the_token_nothing_happens(panel: AdminPanel, tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("# A\n\ntext\n", "utf-8")
    for token in ("", "wrong", None):
        assert panel.upload(token, [str(doc)], NoProgress())[2] == REFUSED  # type: ignore[arg-type]
        assert panel.refresh(token)[2] == REFUSED
        assert panel.delete(token, "x")[2] == REFUSED
    assert panel.refresh(ADMIN)[0].startswith("_No sources")
    assert AdminPanel(None, None).refresh(ADMIN)[2] == OFF


def test_the_page_builds_with_and_without_curation(tmp_path: Path, panel: AdminPanel) -> None:
    settings = Settings(data_dir=tmp_path / "data", admin_token=ADMIN)
    assistant = build(settings, chat_model=ScriptedModel(), retriever=MemoryRetriever([]))
    assert "chipwise-admin-token" in str(create_app(assistant, curator=panel.curator).config)
    assert "chipwise-admin-token" not in str(create_app(assistant).config)
