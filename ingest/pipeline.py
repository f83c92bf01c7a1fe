"""Incremental ingest: load → split → embed only new chunks → upsert → drop stale chunks."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ingest.config import DetectLanguage, IngestConfig
from ingest.discovery import discover, shown
from ingest.embeddings import SentenceEmbeddings
from ingest.loaders import SkipFile, SourceFile, load
from ingest.splitting import Chunk, Splitter
from ingest.store import open_store

Warn = Callable[[str], None]


@dataclass
class IngestReport:
    """What one `chipwise ingest` run did."""

    files: int = 0
    chunks_added: int = 0
    chunks_unchanged: int = 0
    chunks_removed: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    embedding_model: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _owned(path: Path, scope: Path) -> bool:
    """Whether a stored file path falls under the PATH argument `scope`."""
    return path == scope or scope in path.parents


def _read_all(
    scope: Path, detect_language: DetectLanguage, warn: Warn, report: IngestReport
) -> tuple[list[SourceFile], set[str]]:
    """Readable files of a scope, plus the paths of skipped ones (their chunks are kept)."""
    files: list[SourceFile] = []
    kept: set[str] = set()

    def skip(path: Path, reason: str) -> None:
        kept.add(_identity(path))
        report.skipped.append({"path": shown(path), "reason": reason})
        warn(f"skipped {shown(path)}: {reason}; its previously ingested chunks (if any) are kept")

    for path in discover(scope, skip):
        try:
            files.append(load(path, scope, detect_language))
        except SkipFile as exc:
            skip(path, str(exc))
    return files, kept


def _identity(path: Path) -> str:
    """The path a file's chunks are stored under; a loop or odd path just keeps its own."""
    try:
        return path.resolve().as_posix()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
        return os.path.abspath(path)


def _stored(store: Any) -> dict[str, Path]:
    """Every stored chunk id → the file it came from."""
    got = store.get(include=["metadatas"])
    return {
        cid: Path(str(meta.get("path", "")))
        for cid, meta in zip(got["ids"], got["metadatas"], strict=True)
    }


def _batches(items: Sequence[Chunk], size: int) -> Iterable[Sequence[Chunk]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def ingest_paths(
    paths: Sequence[Path],
    config: IngestConfig,
    *,
    embeddings: SentenceEmbeddings | None = None,
    rebuild: bool = False,
    progress: bool = True,
    warn: Warn = print,
) -> IngestReport:
    """Bring the store in line with `paths`; safe to interrupt and run again at any point."""
    started = time.perf_counter()
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"No such file or folder: {', '.join(missing)}")
    embeddings = embeddings or SentenceEmbeddings.from_config(config)
    store = open_store(config, embeddings, rebuild=rebuild)
    splitter = Splitter(embeddings.count_tokens)
    report = IngestReport(embedding_model=embeddings.info.describe())

    scopes = list(dict.fromkeys(p.resolve() for p in paths))
    stored = _stored(store)
    new_chunks: list[Chunk] = []
    wanted: set[str] = set()
    kept: set[str] = set()
    for scope in scopes:
        files, skipped = _read_all(scope, config.detect_language, warn, report)
        kept |= skipped
        report.files += len(files)
        for file in files:
            for chunk in splitter.split(file):
                if chunk.chunk_id not in wanted and chunk.chunk_id not in stored:
                    new_chunks.append(chunk)
                wanted.add(chunk.chunk_id)
    report.chunks_unchanged = len(wanted & stored.keys())
    stale = [
        cid
        for cid, path in stored.items()
        if cid not in wanted
        and path.as_posix() not in kept
        and any(_owned(path, scope) for scope in scopes)
    ]

    # Add before removing: a crash in between leaves extra chunks (removed next run), never gaps.
    with tqdm(total=len(new_chunks), desc="embedding", unit="chunk", disable=not progress) as bar:
        for batch in _batches(new_chunks, config.embed_batch_size):
            store.add_texts(
                [c.text for c in batch],
                metadatas=[c.metadata for c in batch],
                ids=[c.chunk_id for c in batch],
            )
            report.chunks_added += len(batch)
            bar.update(len(batch))
    for start in range(0, len(stale), 1000):
        store.delete(ids=stale[start : start + 1000])
    report.chunks_removed = len(stale)
    report.seconds = round(time.perf_counter() - started, 3)
    return report
