"""Open the Chroma collection (embedded or server) and guard its embedding-model manifest."""

from __future__ import annotations

import shutil
from typing import Any
from urllib.parse import urlparse

from langchain_chroma import Chroma

from ingest.config import IngestConfig
from ingest.embeddings import ModelInfo, SentenceEmbeddings

STORE_VERSION = 1
_MANIFEST_KEYS = ("embedding_model", "embedding_dimension", "embedding_fingerprint")


class StoreError(RuntimeError):
    """The store cannot be used as it is; the message says what to do."""


class ModelMismatchError(StoreError):
    """The collection was built by another embedding model."""


def chroma_client(config: IngestConfig) -> Any:
    """A Chroma client for the config: `HttpClient` when a URL is set, else embedded."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if config.chroma_url:
        url = urlparse(config.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    path = config.chroma_dir
    path.mkdir(parents=True, exist_ok=True)
    sqlite = path / "chroma.sqlite3"
    if sqlite.exists() and sqlite.stat().st_size == 0:  # Chroma would quietly start afresh
        raise StoreError(
            f"The Chroma store file {sqlite} is 0 bytes (truncated): the chunks it held are "
            "gone. Re-embed your files with `chipwise ingest --rebuild PATH...`."
        )
    try:
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:  # chromadb raises many types for a damaged sqlite file
        raise StoreError(
            f"The Chroma store at {path} cannot be opened ({exc}). "
            "Rebuild it with `chipwise ingest --rebuild`."
        ) from exc


def manifest(info: ModelInfo) -> dict[str, Any]:
    return {
        "embedding_model": info.name,
        "embedding_dimension": info.dimension,
        "embedding_fingerprint": info.fingerprint,
        "chipwise_store_version": STORE_VERSION,
    }


def _recorded_model(metadata: dict[str, Any] | None) -> str:
    meta = metadata or {}
    return (
        f"{meta.get('embedding_model', 'an unknown model')} "
        f"({meta.get('embedding_dimension', '?')}-d, "
        f"fingerprint {meta.get('embedding_fingerprint', '?')})"
    )


def _check_manifest(collection: Any, info: ModelInfo, name: str) -> None:
    recorded = collection.metadata or {}
    expected = manifest(info)
    if all(recorded.get(k) == expected[k] for k in _MANIFEST_KEYS):
        return
    if collection.count() == 0:  # nothing embedded yet: just restamp it
        collection.modify(metadata=expected)
        return
    raise ModelMismatchError(
        f"The collection '{name}' was built with {_recorded_model(recorded)}, but the "
        f"configured embedding model is {info.describe()}. Mixing them would make search "
        "meaningless. Re-embed everything with `chipwise ingest --rebuild`, or set "
        "CHIPWISE_EMBEDDING_MODEL back to the model that built it."
    )


def _drop(client: Any, config: IngestConfig) -> Any:
    """Delete the collection; if the embedded store is too damaged for that, remove it."""
    try:
        client.delete_collection(config.collection)
        return client
    except Exception as exc:
        if config.chroma_url:
            if "does not exist" in str(exc).lower() or "not found" in str(exc).lower():
                return client
            raise StoreError(f"Could not drop collection '{config.collection}': {exc}") from exc
    _remove_local_store(config)
    return chroma_client(config)


def _remove_local_store(config: IngestConfig) -> None:
    """Delete the embedded store's folder and forget Chroma's cached client for that path."""
    from chromadb.api.shared_system_client import SharedSystemClient

    shutil.rmtree(config.chroma_dir, ignore_errors=True)
    SharedSystemClient.clear_system_cache()


def open_store(
    config: IngestConfig, embeddings: SentenceEmbeddings, *, rebuild: bool = False
) -> Chroma:
    """The LangChain Chroma store, checked against (or stamped with) the embedder's manifest."""
    try:
        client = chroma_client(config)
    except StoreError:
        if not rebuild or config.chroma_url:
            raise
        _remove_local_store(config)  # too damaged to open: start over
        client = chroma_client(config)
    if rebuild:
        client = _drop(client, config)
    try:
        existing = {c.name if hasattr(c, "name") else str(c) for c in client.list_collections()}
        if config.collection in existing:
            _check_manifest(
                client.get_collection(config.collection), embeddings.info, config.collection
            )
        store = Chroma(
            collection_name=config.collection,
            embedding_function=embeddings,
            client=client,
            collection_metadata=manifest(embeddings.info),
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(
            f"The Chroma collection '{config.collection}' cannot be read ({exc}). "
            "Rebuild it with `chipwise ingest --rebuild`."
        ) from exc
    return store
