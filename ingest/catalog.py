"""What the store holds per file, and removing one file's chunks (knowledge curation)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest.config import IngestConfig
from ingest.embeddings import SentenceEmbeddings
from ingest.store import open_store


@dataclass(frozen=True)
class StoredFile:
    """One file's chunks in the store: its identity (absolute path) and what they say of it."""

    path: str
    source: str
    title: str
    lang: str
    chunks: int


def stored_files(config: IngestConfig, embeddings: SentenceEmbeddings) -> dict[str, StoredFile]:
    """Every file with chunks in the store, by absolute path."""
    got = open_store(config, embeddings).get(include=["metadatas"])
    files: dict[str, StoredFile] = {}
    for meta in got["metadatas"]:
        path = str(meta.get("path", ""))
        seen = files.get(path)
        files[path] = StoredFile(
            path,
            str(meta.get("source", path)),
            str(meta.get("title", Path(path).stem)),
            str(meta.get("lang", "")),
            (seen.chunks if seen else 0) + 1,
        )
    return files


def remove_files(
    paths: Iterable[Path], config: IngestConfig, embeddings: SentenceEmbeddings
) -> int:
    """Delete every chunk of the files at `paths` from the store: how many were removed."""
    store = open_store(config, embeddings)
    removed = 0
    for path in paths:
        ids = store.get(where={"path": Path(path).resolve().as_posix()}, include=[])["ids"]
        if ids:
            store.delete(ids=ids)
        removed += len(ids)
    return removed
