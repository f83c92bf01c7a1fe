"""The chat page takes no uploads and serves no files it did not make: a real launched server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.fake_slack import scripted_assistant

from assistant.testing import free_port


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from ui.web import serve

    port = free_port()
    demo = serve(scripted_assistant(tmp_path_factory.mktemp("web")), port=port, block=False)
    try:
        yield {"url": f"http://127.0.0.1:{port}", "demo": demo}
    finally:
        demo.close()


def _upload(url: str, size: int) -> httpx.Response:
    files = {"files": ("big.bin", b"x" * size, "application/octet-stream")}
    return httpx.post(f"{url}/gradio_api/upload", files=files, timeout=60)


@pytest.mark.parametrize("size", [10, 8 * 1024 * 1024])
def test_uploads_are_refused_without_a_path_in_the_reply(web, size) -> None:
    reply = _upload(web["url"], size)
    assert reply.status_code in (403, 413)
    assert "/tmp" not in reply.text and "gradio" not in reply.text.lower()
    assert reply.headers["content-type"].startswith("application/json")
    assert httpx.get(f"{web['url']}/").status_code == 200  # the page still works


def test_files_outside_what_the_page_made_are_not_served(web, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("not for the web")
    for path in (str(secret), "/etc/passwd", str(Path(__file__).resolve())):
        got = httpx.get(f"{web['url']}/gradio_api/file={path}")
        assert got.status_code in (403, 404), path
        assert "not for the web" not in got.text and "root:" not in got.text


def test_the_upload_bound_and_cleanup_are_set(web) -> None:
    demo = web["demo"]
    assert demo.max_file_size is not None and demo.max_file_size <= 1024 * 1024
    assert demo.delete_cache is not None


def test_with_the_knowledge_panel_uploads_are_bounded_by_the_curation_limit(tmp_path) -> None:
    from assistant import memory_storage
    from ui.web import serve

    port = free_port()
    assistant = scripted_assistant(tmp_path, admin_token="adm", max_upload_bytes=64 * 1024)
    demo = serve(assistant, port=port, block=False, storage=memory_storage())
    try:
        url = f"http://127.0.0.1:{port}"
        assert _upload(url, 1024).status_code == 200  # the panel's upload works
        too_big = _upload(url, 1024 * 1024)
        assert too_big.status_code == 413
        assert demo.max_file_size == 64 * 1024 and demo.delete_cache is not None
    finally:
        demo.close()
