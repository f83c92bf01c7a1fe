"""Ingest with the real packaged embedder and a real Chroma store in a temporary folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.startup import ingest_config
from ingest.embeddings import ModelInfo, SentenceEmbeddings
from ingest.pipeline import ingest_paths
from ingest.store import ModelMismatchError, open_store


def _ingest(paths: list[Path], settings: Any, embedder: Any, **kw: Any) -> Any:
    warnings: list[str] = []
    config = ingest_config(settings)
    report = ingest_paths(
        paths, config, embeddings=embedder, progress=False, warn=warnings.append, **kw
    )
    report.warnings = warnings
    return report


def _chunks(settings: Any, embedder: Any) -> dict[str, dict[str, Any]]:
    got = open_store(ingest_config(settings), embedder).get(include=["metadatas"])
    return dict(zip(got["ids"], got["metadatas"], strict=True))


def test_every_knowledge_file_ingests_with_its_metadata(kb, settings, embedder) -> None:
    report = _ingest([kb], settings, embedder)
    assert report.files == 26 and not report.skipped
    assert report.chunks_added > 26 and report.chunks_removed == 0
    metas = list(_chunks(settings, embedder).values())
    assert len(metas) == report.chunks_added
    assert {m["lang"] for m in metas} == {"en", "zh"}
    assert {"scenario.mobile", "pitfall.cuda-only", "summary"} <= {m["section_id"] for m in metas}
    assert all(m["source"].startswith("knowledge/") and m["title"] for m in metas)


def test_chroma_default_embedding_function_never_used(kb, settings, embedder) -> None:
    _ingest([kb], settings, embedder)
    store = open_store(ingest_config(settings), embedder)
    assert store._collection._embedding_function is None
    assert store._collection.metadata["embedding_model"] == embedder.info.name


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("How much of a phone battery does a ten-second 720p clip use?", "scenario.mobile"),
        ("Our in-house model only runs on CUDA. Can we use an NPU?", "pitfall.cuda-only"),
        ("手机上生成短视频应该用什么芯片？", "scenario.mobile"),
        ("4K长视频可以用NPU生成吗？", "pitfall.npu-not-universal"),
    ],
)
def test_queries_retrieve_the_right_section(kb, settings, embedder, question, section) -> None:
    _ingest([kb], settings, embedder)
    hits = open_store(ingest_config(settings), embedder).similarity_search(question, k=2)
    assert section in [h.metadata["section_id"] for h in hits]


def test_unchanged_reingest_writes_nothing(kb, settings, embedder) -> None:
    first = _ingest([kb], settings, embedder)
    before = _chunks(settings, embedder)
    again = _ingest([kb], settings, embedder)
    assert (again.chunks_added, again.chunks_removed) == (0, 0)
    assert again.chunks_unchanged == first.chunks_added
    assert _chunks(settings, embedder) == before


def test_editing_one_file_changes_only_its_chunks(kb, settings, embedder) -> None:
    _ingest([kb], settings, embedder)
    before = _chunks(settings, embedder)
    edited = kb / "en" / "scenario.edge.md"
    edited.write_text(edited.read_text() + "\n## Field note\n\nDrones also fly at night.\n")
    report = _ingest([kb], settings, embedder)
    after = _chunks(settings, embedder)
    changed = {cid for cid in before.keys() ^ after.keys()}
    assert report.chunks_added >= 1
    assert changed and all(
        (before.get(cid) or after[cid])["path"] == edited.resolve().as_posix() for cid in changed
    )


def test_deleting_a_file_removes_its_chunks(kb, settings, embedder) -> None:
    _ingest([kb], settings, embedder)
    gone = kb / "zh" / "summary.md"
    gone.unlink()
    report = _ingest([kb], settings, embedder)
    assert report.chunks_removed > 0 and report.chunks_added == 0
    paths = {m["path"] for m in _chunks(settings, embedder).values()}
    assert gone.resolve().as_posix() not in paths
    assert len(paths) == 25


def test_naming_one_file_leaves_its_neighbours_alone(kb, settings, embedder) -> None:
    _ingest([kb], settings, embedder)
    count = len(_chunks(settings, embedder))
    report = _ingest([kb / "en" / "summary.md"], settings, embedder)
    assert (report.files, report.chunks_added, report.chunks_removed) == (1, 0, 0)
    assert len(_chunks(settings, embedder)) == count


class _OtherModel(SentenceEmbeddings):
    """The same weights announced as a different model, as a swapped embedder would be."""

    @property
    def info(self) -> ModelInfo:  # type: ignore[override]
        return ModelInfo(name="another-embedder", dimension=384, fingerprint="0123456789abcdef")


def test_a_different_embedding_model_is_refused_until_rebuild(kb, settings, embedder) -> None:
    _ingest([kb], settings, embedder)
    other = _OtherModel()
    with pytest.raises(ModelMismatchError) as err:
        _ingest([kb], settings, other)
    message = str(err.value)
    assert "another-embedder" in message and embedder.info.name in message
    assert "--rebuild" in message
    report = _ingest([kb], settings, other, rebuild=True)
    assert report.chunks_added > 0 and report.chunks_unchanged == 0


def test_bad_files_are_skipped_and_the_rest_ingest(tmp_path, settings, embedder, monkeypatch):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "good.md").write_text("# NPU note\n\nEdge NPUs draw under 10 W.\n")
    (folder / "page.html").write_text(
        "<html><body><h1>GPU</h1><p>H100 renders 4K.</p></body></html>"
    )
    (folder / "empty.md").write_text("   \n")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "latin1.txt").write_bytes("caf\xe9 NPU".encode("latin-1"))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    locked = folder / "locked.md"
    locked.write_text("# secret\n\ntext\n")
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # root can read anything, so deny this one file
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = _ingest([folder], settings, embedder)
    skipped = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert set(skipped) == {"empty.md", "blob.txt", "latin1.txt", "broken.pdf", "locked.md"}
    assert "empty" in skipped["empty.md"] and "binary" in skipped["blob.txt"]
    assert "UTF-8" in skipped["latin1.txt"] and "Permission denied" in skipped["locked.md"]
    assert report.files == 2 and report.chunks_added >= 2
    assert all(any(name in w for w in report.warnings) for name in skipped)


def test_a_file_that_becomes_unreadable_keeps_its_chunks(kb, settings, embedder, monkeypatch):
    _ingest([kb], settings, embedder)
    before = _chunks(settings, embedder)
    (kb / "en" / "overview.md").write_bytes(b"\xff\xfe broken")
    report = _ingest([kb], settings, embedder)
    assert report.chunks_removed == 0 and len(report.skipped) == 1
    assert _chunks(settings, embedder) == before
