"""Knowledge curation over the API: real embedder, real Chroma store, real uploads on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.fake_slack import serve

from assistant import Curator, Settings, build, memory_storage
from assistant.adapters.retriever import from_settings
from assistant.startup import ingest_config
from assistant.testing import ScriptedModel
from ui.api import create_api

ADMIN = "admin-token-for-tests"
DOC = (
    "# Zebra codec field notes\n\n"
    "The zebracodec encoder runs best on the NPU of the Kestrel board at 720p; "
    "use the GPU only for the 4K masters.\n"
)


@pytest.fixture
def site(tmp_path: Path, embedder: Any) -> Iterator[dict[str, Any]]:
    settings = Settings(data_dir=tmp_path / "data", admin_token=ADMIN, max_upload_bytes=64 * 1024)
    storage = memory_storage()
    curator = Curator(settings, storage.sources, embeddings=embedder)
    retriever = from_settings(settings, ingest_config(settings), embedder)
    model = ScriptedModel(replies=("The notes say so [zebra-notes].",))
    assistant = build(settings, chat_model=model, retriever=retriever)
    app = create_api(assistant, storage=storage, curator=curator, admin_token=ADMIN)
    with serve(app) as url:
        headers = {"Authorization": f"Bearer {ADMIN}"}
        with httpx.Client(base_url=url, headers=headers, timeout=120) as http:
            yield {"http": http, "url": url, "data": tmp_path / "data", "retriever": retriever}


def upload(http: httpx.Client, name: str, content: bytes) -> httpx.Response:
    return http.post("/v1/sources", files={"file": (name, content, "application/octet-stream")})


def files_under(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_an_upload_is_listed_retrieved_cited_reingested_and_deleted(site: dict[str, Any]) -> None:
    http = site["http"]
    response = upload(http, "zebra notes.md", DOC.encode())
    assert response.status_code == 201, response.text
    record = response.json()
    assert record["path"].endswith("/uploads/zebra_notes.md") and record["uploaded"]
    assert record["title"] == "Zebra codec field notes" and record["language"] == "en"
    assert record["chunks"] >= 1 and "all-MiniLM-L6-v2" in record["embedder"]
    assert [s["id"] for s in http.get("/v1/sources").json()] == [record["id"]]

    question = "Our zebracodec encoder on the Kestrel board makes 720p clips: GPU or NPU?"
    answer = http.post("/v1/ask", json={"question": question}).json()
    assert "uploads/zebra_notes.md" in [s["path"] for s in answer["sources"]]

    again = http.post(f"/v1/sources/{record['id']}/reingest")
    assert again.status_code == 200 and again.json()["chunks"] == record["chunks"]

    deleted = http.delete(f"/v1/sources/{record['id']}")
    assert deleted.status_code == 200 and deleted.json()["deleted"] is True
    assert http.get("/v1/sources").json() == []
    assert site["retriever"].count() == 0 and files_under(site["data"] / "uploads") == []
    assert http.delete(f"/v1/sources/{record['id']}").status_code == 404


def test_text_and_html_uploads(site: dict[str, Any]) -> None:
    http = site["http"]
    assert upload(http, "notes.txt", b"Plain notes about NPUs.").status_code == 201
    page = b"<html><body><h1>Kestrel</h1><p>NPU first.</p></body></html>"
    assert upload(http, "kestrel.html", page).status_code == 201
    assert sorted(s["path"].rsplit("/", 1)[1] for s in http.get("/v1/sources").json()) == [
        "kestrel.html",
        "notes.txt",
    ]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content", "status", "message"),
    [
        ("picture.md", PNG, 415, "should be Markdown text but holds image/png"),
        ("notes.md", b"text\x00with NUL", 415, "but holds binary data"),
        ("latin1.txt", "café".encode("latin-1"), 415, "not UTF-8"),
        ("big.md", b"x" * (64 * 1024 + 1), 413, "over the upload limit"),
        ("broken.pdf", b"%PDF-1.7\nnot really a pdf", 422, "cannot be ingested"),
        ("fake.pdf", b"# markdown", 415, "is not a PDF"),
        ("../../x.md", DOC.encode(), 422, "without a folder or '..'"),
        ("..\\x.md", DOC.encode(), 422, "without a folder or '..'"),
        ("empty.md", b"  \n", 422, "is empty"),
        ("script.sh", b"echo hi", 415, "only .md, .txt, .html, .pdf"),
        ("", DOC.encode(), 422, ""),
    ],
)
def test_bad_uploads_are_clear_errors_and_write_nothing(
    site: dict[str, Any], name: str, content: bytes, status: int, message: str
) -> None:
    http = site["http"]
    response = upload(http, name, content)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]["message"]
    assert "Traceback" not in response.text
    assert files_under(site["data"] / "uploads") == []
    assert not (site["data"].parent / "x.md").exists()
    assert http.get("/v1/sources").json() == [] and site["retriever"].count() == 0
    assert http.post("/v1/decide", json={"deployment": "mobile"}).status_code == 200


def test_curation_needs_the_admin_token(site: dict[str, Any]) -> None:
    url = site["url"]
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        calls = [
            httpx.get(f"{url}/v1/sources", headers=headers),
            httpx.post(f"{url}/v1/sources", headers=headers, files={"file": ("a.md", b"# a")}),
            httpx.delete(f"{url}/v1/sources/abc", headers=headers),
            httpx.post(f"{url}/v1/sources/abc/reingest", headers=headers),
        ]
        assert [c.status_code for c in calls] == [401] * 4
    assert files_under(site["data"] / "uploads") == []


def test_without_an_admin_token_curation_is_off(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    assistant = build(settings, chat_model=ScriptedModel(), retriever=_empty())
    with serve(create_api(assistant)) as url:
        response = httpx.get(f"{url}/v1/sources", headers={"Authorization": "Bearer anything"})
    assert response.status_code == 401
    assert "CHIPWISE_ADMIN_TOKEN" in response.json()["error"]["message"]


def _empty() -> Any:
    from assistant.testing import MemoryRetriever

    return MemoryRetriever([])
