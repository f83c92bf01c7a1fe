"""Scale-out by settings: a Chroma server and an OpenAI-compatible model server on loopback."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from support.servers import running

from assistant import build
from assistant.adapters.model_files import resolve_model_path
from assistant.settings import Settings
from assistant.startup import ingest_knowledge
from assistant.testing import ScriptedModel, free_port

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def test_chroma_server_by_setting_only(tmp_path, embedder) -> None:
    port = free_port()
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    command = [
        chroma,
        "run",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--path",
        str(tmp_path / "server-data"),
    ]
    with running(command, f"http://127.0.0.1:{port}/api/v2/heartbeat", tmp_path / "chroma.log"):
        settings = Settings(data_dir=tmp_path / "local", chroma_url=f"http://127.0.0.1:{port}")
        first = ingest_knowledge([KNOWLEDGE], settings, embeddings=embedder, progress=False)
        again = ingest_knowledge([KNOWLEDGE], settings, embeddings=embedder, progress=False)
        assert first.chunks_added > 26 and again.chunks_added == 0
        model = ScriptedModel(replies=["Recommendation: NPU [scenario.mobile]"])
        answer = build(settings, chat_model=model).ask("手机APP生成10秒720P短视频用GPU还是NPU?")
        assert answer.verdict == "NPU"
        assert "scenario.mobile" in {p.section_id for p in answer.passages}
    assert not (tmp_path / "local" / "chroma").exists()  # nothing went to the embedded store


@pytest.mark.slow
def test_openai_compatible_model_server_by_setting_only(tmp_path, real_settings) -> None:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(resolve_model_path(real_settings)),
        "--model_alias",
        "chipwise",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(real_settings.context_size),
        "--n_threads",
        str(real_settings.threads),
    ]
    with running(command, f"http://127.0.0.1:{port}/v1/models", tmp_path / "llama.log", 300):
        settings = real_settings.model_copy(update={"llm_base_url": f"http://127.0.0.1:{port}/v1"})
        assistant = build(settings)
        assert "127.0.0.1" in assistant.chat_model.name
        answer = assistant.ask("Battery-powered drone camera, 5-second 720p clips: GPU or NPU?")
    assert answer.verdict == "NPU"
    assert answer.tool_calls[0].model_arguments is not None and answer.tool_calls[0].valid
    assert "NPU" in answer.text
