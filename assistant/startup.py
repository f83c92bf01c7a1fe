"""Start-up: the one composition root, from settings to a ready Assistant (or a clear error).

Every front end, the evals and the benchmarks start here. Heavy imports (llama.cpp, Chroma,
the embedder) happen inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.chat.pipeline import Assistant
from assistant.errors import KnowledgeStoreError, ModelError
from assistant.settings import Settings
from assistant.text.language import detect_language
from ingest.config import IngestConfig

if TYPE_CHECKING:
    from assistant.adapters.retriever import HybridRetriever
    from assistant.chat.protocols import ChatModel, Retriever
    from assistant.storage import Storage
    from ingest.embeddings import SentenceEmbeddings
    from ingest.pipeline import IngestReport

Warn = Callable[[str], None]


def ingest_config(settings: Settings) -> IngestConfig:
    """What ingest needs from the settings, with chipwise's one language detector."""
    return IngestConfig(
        data_dir=settings.data_dir,
        detect_language=detect_language,
        collection=settings.collection,
        chroma_url=settings.chroma_url,
        embedding_model=settings.embedding_model,
        embed_batch_size=settings.embed_batch_size,
        embedder_cache_dir=settings.model_cache_dir / "embedders",
    )


def ingest_knowledge(
    paths: Sequence[Path],
    settings: Settings,
    *,
    embeddings: SentenceEmbeddings | None = None,
    rebuild: bool = False,
    progress: bool = True,
    warn: Warn | None = None,
) -> IngestReport:
    """Ingest `paths` into the configured store; store problems become KnowledgeStoreError."""
    from ingest.pipeline import ingest_paths
    from ingest.store import StoreError

    try:
        return ingest_paths(
            paths,
            ingest_config(settings),
            embeddings=embeddings,
            rebuild=rebuild,
            progress=progress,
            warn=warn or _stderr,
        )
    except StoreError as exc:
        raise KnowledgeStoreError(str(exc)) from exc


def open_retriever(settings: Settings, *, warn: Warn | None = None) -> HybridRetriever:
    """The hybrid retriever over the configured store; an empty store gets the bundled knowledge."""
    from assistant.adapters.retriever import from_settings
    from ingest.embeddings import SentenceEmbeddings
    from ingest.store import StoreError

    warn = warn or _stderr
    config = ingest_config(settings)
    embeddings = SentenceEmbeddings.from_config(config)
    try:
        retriever = from_settings(settings, config, embeddings)
    except StoreError as exc:
        raise KnowledgeStoreError(str(exc)) from exc
    if retriever.count() == 0:
        warn(
            f"chipwise: the knowledge store is empty; ingesting {settings.knowledge_dir} first "
            "(one time, about a minute)."
        )
        ingest_knowledge(
            [settings.knowledge_dir], settings, embeddings=embeddings, progress=False, warn=warn
        )
    return retriever


def open_chat_model(settings: Settings) -> ChatModel:
    """The configured chat model: an OpenAI-compatible server, or the GGUF file in-process."""
    from assistant.adapters.chat_models import LlamaCppModel, OpenAICompatModel
    from assistant.adapters.model_files import ModelFileError, resolve_model_path

    if settings.llm_base_url:
        return OpenAICompatModel(
            settings.llm_base_url, api_key=settings.llm_api_key, model=settings.llm_model
        )
    try:
        path = resolve_model_path(settings)
    except ModelFileError as exc:
        raise ModelError(str(exc)) from exc
    # Loading itself is deferred to the first question; its failures are ModelErrors too.
    return LlamaCppModel(path, threads=settings.threads, context_size=settings.context_size)


def open_assistant(
    settings: Settings | None = None,
    *,
    chat_model: ChatModel | None = None,
    retriever: Retriever | None = None,
    warn: Warn | None = None,
) -> Assistant:
    """The one composition root: settings, retriever, chat model and request queue, wired."""
    from assistant.adapters.heap import return_freed_memory
    from assistant.chat.gate import RequestGate

    return_freed_memory()  # before the model, the store and any server thread allocate
    settings = settings or Settings()
    if chat_model is None:
        chat_model = open_chat_model(settings)
    if retriever is None:
        retriever = open_retriever(settings, warn=warn)
    gate = RequestGate(settings.queue_size, settings.queue_timeout_s)
    return Assistant(settings, chat_model, retriever, gate)


def warm_in_background(assistant: Assistant, *, warn: Warn | None = None) -> threading.Thread:
    """Servers start answering at once; the model loads and evaluates its constant prefix
    meanwhile, so the first question does not pay for it (a failure is only a warning)."""

    def run() -> None:
        if not assistant.settings.warm_up:
            return
        try:
            assistant.warm()
        except Exception as exc:  # the first question reports it properly
            (warn or _stderr)(f"warning: could not warm the model up: {exc}")

    thread = threading.Thread(target=run, name="chipwise-warm", daemon=True)
    thread.start()
    return thread


def database_url(settings: Settings) -> str:
    """The configured database: CHIPWISE_DATABASE_URL, or the SQLite file in the data folder."""
    from assistant.storage import default_url

    return settings.database_url or default_url(settings.data_dir)


def open_storage(settings: Settings | None = None) -> Storage:
    """The database every front end keeps its state in, migrated to this code's schema.

    A database that is unreachable, locked or newer than the code is a StorageError.
    """
    from assistant.storage import open_database, storage_over

    settings = settings or Settings()
    storage = storage_over(open_database(database_url(settings)))
    _import_feedback_file(settings, storage)
    return storage


def _import_feedback_file(settings: Settings, storage: Storage) -> None:
    """Feedback an older chipwise appended to feedback.jsonl moves into the database once."""
    from assistant.feedback import feedback_path, read_feedback

    path = feedback_path(settings.data_dir)
    if not path.exists():
        return
    for record in read_feedback(path):
        storage.feedback.add(record)
    path.rename(path.with_suffix(".jsonl.imported"))


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
