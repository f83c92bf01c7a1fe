"""Knowledge curation: upload, list, delete and re-ingest source files, all under the data folder.

An upload is checked before anything is written (name, size, type by content), written
atomically under `<data dir>/uploads/`, ingested, and recorded in the source registry; a file
that fails to ingest is removed again, so nothing is left half-done.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import filetype

from assistant.errors import ChipwiseError
from assistant.settings import Settings
from assistant.storage import SourceRecord, SourceRegistry
from assistant.text.language import detect_language

if TYPE_CHECKING:
    from ingest.embeddings import SentenceEmbeddings

UPLOADS = "uploads"
KINDS = {".md": "Markdown text", ".txt": "plain text", ".html": "HTML", ".pdf": "a PDF document"}
MAX_NAME_CHARS = 100
_UNSAFE = re.compile(r"[^\w.\-]+")


class CurationError(ChipwiseError, ValueError):
    """An upload or a curation request that cannot be done; `status` is its HTTP status."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def safe_name(name: str) -> str:
    """The file name to store an upload under; a name with a path in it is refused."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name:
        raise CurationError("the upload has no file name")
    if "/" in name or "\\" in name or name.startswith("..") or "\x00" in name:
        raise CurationError(f"file name {name!r} must be a plain name, without a folder or '..'")
    stem, suffix = os.path.splitext(name)
    suffix = suffix.lower()
    if suffix not in KINDS:
        raise CurationError(f"{name!r}: only {', '.join(KINDS)} files can be uploaded", status=415)
    stem = _UNSAFE.sub("_", stem).strip("._")[: MAX_NAME_CHARS - len(suffix)]
    if not stem:
        raise CurationError(f"file name {name!r} has no usable characters")
    return stem + suffix


def check_content(name: str, content: bytes, max_bytes: int) -> None:
    """Refuse content that is too big, empty, or not what its name says (by its bytes)."""
    suffix = Path(name).suffix.lower()
    if len(content) > max_bytes:
        raise CurationError(
            f"{name}: {len(content):,} bytes is over the upload limit of {max_bytes:,} bytes "
            "(CHIPWISE_MAX_UPLOAD_BYTES)",
            status=413,
        )
    if not content.strip():
        raise CurationError(f"{name} is empty: nothing to ingest")
    guessed = filetype.guess(content)
    if suffix == ".pdf":
        if not content.startswith(b"%PDF-"):
            seen = f"{guessed.mime} content" if guessed else "no PDF header"
            raise CurationError(f"{name} is not a PDF ({seen})", status=415)
        return
    if guessed is not None or b"\x00" in content:
        seen = guessed.mime if guessed else "binary data"
        raise CurationError(f"{name} should be {KINDS[suffix]} but holds {seen}", status=415)
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError(f"{name} is not UTF-8 text ({exc.reason})", status=415) from None


class Curator:
    """Changes the knowledge store from the API and the page, keeping the registry in step."""

    def __init__(
        self,
        settings: Settings,
        sources: SourceRegistry,
        embeddings: SentenceEmbeddings | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        from assistant.startup import ingest_config

        self.settings = settings
        self.sources = sources
        self.config = ingest_config(settings)
        self._embeddings = embeddings
        self.warn = warn or (lambda _: None)
        self.uploads = (Path(settings.data_dir) / UPLOADS).resolve()

    @property
    def embeddings(self) -> SentenceEmbeddings:
        if self._embeddings is None:
            from ingest.embeddings import SentenceEmbeddings

            self._embeddings = SentenceEmbeddings.from_config(self.config)
        return self._embeddings

    def upload(self, filename: str, content: bytes) -> SourceRecord:
        """Check, store, ingest and record one file; on any failure nothing stays behind."""
        name = safe_name(filename)
        check_content(name, content, self.settings.max_upload_bytes)
        self.uploads.mkdir(parents=True, exist_ok=True)
        target = self.uploads / name
        if target.parent != self.uploads:  # safe_name makes this impossible; never write outside
            raise CurationError(f"refusing to write {name!r} outside {self.uploads}")
        previous = target.read_bytes() if target.exists() else None
        _write_atomically(target, content)
        try:
            return self._ingest(target, uploaded=True)
        except BaseException:
            self._undo(target, previous)
            raise

    def _undo(self, target: Path, previous: bytes | None) -> None:
        """Put the store and the folder back as they were before a failed upload."""
        from ingest.catalog import remove_files

        try:
            if previous is None:
                remove_files([target], self.config, self.embeddings)
                target.unlink(missing_ok=True)
            else:
                _write_atomically(target, previous)
                self._ingest(target, uploaded=True)
        except Exception as exc:  # the first failure is the one to report
            self.warn(f"undoing the upload of {target.name} failed too: {exc}")

    def _ingest(self, path: Path, *, uploaded: bool) -> SourceRecord:
        from assistant.startup import ingest_knowledge
        from ingest.loaders import SkipFile, load

        try:
            loaded = load(path, path, detect_language)
        except SkipFile as exc:
            raise CurationError(f"{path.name} cannot be ingested: {exc}") from None
        report = ingest_knowledge(
            [path], self.settings, embeddings=self.embeddings, progress=False, warn=self.warn
        )
        if report.skipped:
            raise CurationError(f"{path.name} cannot be ingested: {report.skipped[0]['reason']}")
        return self.sources.put(
            path.as_posix(),
            title=loaded.title,
            language=loaded.lang,
            chunks=report.chunks_added + report.chunks_unchanged,
            embedder=report.embedding_model,
            size_bytes=path.stat().st_size,
            uploaded=uploaded,
        )

    def catalog(self) -> list[SourceRecord]:
        """One record per file in the store; files ingested elsewhere (CLI) are registered."""
        from ingest.catalog import stored_files

        stored = stored_files(self.config, self.embeddings)
        known = {r.path: r for r in self.sources.all()}
        for path in known.keys() - stored.keys():
            self.sources.remove(known[path].id)  # its chunks left the store by other means
        embedder = self.embeddings.info.describe()
        for path, file in stored.items():
            if path not in known or known[path].chunks != file.chunks:
                size = Path(path).stat().st_size if Path(path).exists() else 0
                self.sources.put(
                    path,
                    title=file.title,
                    language=file.lang,
                    chunks=file.chunks,
                    embedder=embedder,
                    size_bytes=size,
                    uploaded=Path(path).parent == self.uploads,
                )
        return self.sources.all()

    def _get(self, source_id: str) -> SourceRecord:
        record = self.sources.get(source_id)
        if record is None:
            raise CurationError(f"no source with id {source_id!r}", status=404)
        return record

    def delete(self, source_id: str) -> SourceRecord:
        """Remove a source's chunks from the store (and an uploaded file from the disk)."""
        from ingest.catalog import remove_files

        record = self._get(source_id)
        path = Path(record.path)
        remove_files([path], self.config, self.embeddings)
        if record.uploaded and path.parent == self.uploads:
            path.unlink(missing_ok=True)  # only ever a file chipwise wrote itself
        self.sources.remove(source_id)
        return record

    def reingest(self, source_id: str) -> SourceRecord:
        """Ingest a source's file again (after it changed, or with a new embedder)."""
        record = self._get(source_id)
        path = Path(record.path)
        if not path.is_file():
            raise CurationError(f"{record.path} is gone from the disk; delete the source", 409)
        return self._ingest(path, uploaded=record.uploaded)


def _write_atomically(target: Path, content: bytes) -> None:
    """Write to a temporary file beside `target`, then rename: never a half-written file."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
