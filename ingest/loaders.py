"""Read knowledge files (.md, .txt, .html, .pdf) into `SourceFile`s."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ingest.config import DetectLanguage

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


class SkipFile(Exception):
    """A file that cannot be ingested; the reason is shown to the user."""


@dataclass(frozen=True)
class SourceFile:
    """One readable knowledge file and the metadata every chunk of it carries."""

    path: Path  # absolute: the file's identity in the store
    source: str  # shown to users: relative to the ingested folder's parent
    text: str
    markdown: bool
    section_id: str
    title: str
    lang: str
    topics: list[str] = field(default_factory=list)


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"unreadable ({exc.strerror or exc})") from exc
    if b"\x00" in raw:  # anywhere: a NUL late in a file is still binary
        raise SkipFile("binary content (NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SkipFile(f"not valid UTF-8 (byte {exc.start})") from exc


def _read_html(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_read_text(path), "html.parser")
    for tag in soup(["script", "style", "nav", "footer"]):
        tag.decompose()
    return soup.get_text("\n")


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except (OSError, PdfReadError, ValueError) as exc:
        raise SkipFile(f"unreadable PDF ({exc})") from exc


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise SkipFile(f"front matter is not valid YAML ({exc})") from exc
    if not isinstance(meta, dict):
        raise SkipFile("front matter is not a mapping of fields")
    return meta, text[match.end() :]


def load(path: Path, root: Path, detect_language: DetectLanguage) -> SourceFile:
    """Read one file; raises `SkipFile` with a reason when it cannot be used."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        text = _read_pdf(path)
    elif suffix in (".html", ".htm"):
        text = _read_html(path)
    else:
        text = _read_text(path)
    meta, body = _front_matter(text) if suffix in (".md", ".markdown") else ({}, text)
    if not body.strip():
        raise SkipFile("empty (no text to ingest)")
    base = (root if root.is_dir() else root.parent).resolve().parent
    resolved = path.resolve()
    # A file named directly may live anywhere (a symlink); discovery keeps folders' files inside.
    source = resolved.relative_to(base) if base in resolved.parents else Path(resolved.name)
    heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
    topics = meta.get("topics") or []
    return SourceFile(
        path=resolved,
        source=source.as_posix(),
        text=body,
        markdown=suffix in (".md", ".markdown"),
        section_id=str(meta.get("id") or path.stem),
        title=str(meta.get("title") or (heading.group(1).strip() if heading else path.stem)),
        lang=str(meta.get("lang") or detect_language(body)),
        topics=[str(t) for t in topics] if isinstance(topics, list) else [str(topics)],
    )
