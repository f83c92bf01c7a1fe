"""Errors a front end shows to users; each message says what to do."""

from __future__ import annotations


class ChipwiseError(Exception):
    """Base of the errors chipwise explains to users."""


class QuestionError(ChipwiseError, ValueError):
    """The question cannot be answered as given (empty, too long)."""


class BusyError(ChipwiseError):
    """The model is serving other requests and the queue is full."""

    def __init__(self, retry_after_s: float) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(
            f"chipwise is busy answering other questions; retry in {retry_after_s:.0f} s."
        )


class ModelError(ChipwiseError):
    """The chat model could not be loaded or reached."""


class KnowledgeStoreError(ChipwiseError):
    """The knowledge store is missing, damaged or built by another embedding model."""


class StorageError(ChipwiseError):
    """The database is unreachable, locked, or was made by a newer chipwise."""
