"""Split knowledge files into embeddable chunks with langchain-text-splitters.

Markdown is split by headers first (each chunk keeps its heading path), then by size.
Sizes are counted in the embedder's own word-pieces: all-MiniLM-L6-v2 reads at most 256,
so chunks hold up to 200 and the heading path prefixed to each fits in the rest; anything
longer would be silently truncated by the model. Chinese counts roughly one piece per
character, English about 0.75 words per piece, so one rule serves both languages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from ingest.loaders import SourceFile

CHUNK_TOKENS = 200
CHUNK_OVERLAP_TOKENS = 30
_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3")]
# Paragraphs, lines, then sentence ends in both languages, then clauses, then words.
_SEPARATORS = ["\n\n", "\n", "。", "！", "？", ". ", "! ", "? ", "；", "; ", "，", ", ", " ", ""]


@dataclass(frozen=True)
class Chunk:
    """One piece of a knowledge file, ready to embed and store."""

    chunk_id: str
    text: str
    metadata: dict[str, str | int]


class Splitter:
    """Header-aware, token-sized splitting, sized by one embedder's word-piece count."""

    def __init__(
        self,
        count_tokens: Callable[[str], int],
        chunk_tokens: int = CHUNK_TOKENS,
        overlap_tokens: int = CHUNK_OVERLAP_TOKENS,
    ) -> None:
        self._headers = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
        self._sizer = RecursiveCharacterTextSplitter(
            length_function=count_tokens,
            chunk_size=chunk_tokens,
            chunk_overlap=overlap_tokens,
            separators=_SEPARATORS,
            keep_separator="end",
        )

    def split(self, file: SourceFile) -> list[Chunk]:
        """Chunks of `file`, each prefixed by its heading path, with stable content ids."""
        sections: list[tuple[str, str]] = []
        if file.markdown:
            for doc in self._headers.split_text(file.text):
                path = [doc.metadata[k] for _, k in _HEADERS if k in doc.metadata]
                sections.append((" > ".join(path), doc.page_content))
        else:
            sections.append((file.title, file.text))
        file_sha = hashlib.sha256(file.text.encode()).hexdigest()[:16]
        chunks: list[Chunk] = []
        seen: set[str] = set()
        for heading, body in sections:
            for piece in self._sizer.split_text(body):
                text = f"{heading}\n{piece.strip()}" if heading else piece.strip()
                chunk_id = _chunk_id(file, text)
                if not piece.strip() or chunk_id in seen:
                    continue
                seen.add(chunk_id)
                chunks.append(
                    Chunk(chunk_id, text, _metadata(file, heading, len(chunks), file_sha))
                )
        return chunks


def _chunk_id(file: SourceFile, text: str) -> str:
    key = f"{file.path.as_posix()}|{text}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _metadata(file: SourceFile, heading: str, index: int, file_sha: str) -> dict[str, str | int]:
    return {
        "path": file.path.as_posix(),
        "source": file.source,
        "section_id": file.section_id,
        "title": file.title,
        "lang": file.lang,
        "topics": ",".join(file.topics),
        "heading": heading,
        "chunk_index": index,
        "file_sha": file_sha,
    }
