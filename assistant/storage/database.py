"""The database: one SQLAlchemy engine, migrated to the code's schema at start-up (Alembic)."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from assistant.errors import StorageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DATABASE_FILE = "chipwise.db"
_LOCK_ID = 7_450_213  # the PostgreSQL advisory lock replicas take while migrating


def default_url(data_dir: Path) -> str:
    """The SQLite file under the data directory: nothing to start."""
    return f"sqlite:///{Path(data_dir).resolve() / DATABASE_FILE}"


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


class Database:
    """An engine and its sessions; `session()` commits on success and rolls back on error."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work; database failures become StorageError with what to check."""
        try:
            with self._sessions.begin() as session:
                yield session
        except StorageError:
            raise
        except SQLAlchemyError as exc:
            raise StorageError(f"the database {self.url} failed: {_reason(exc)}") from exc

    def close(self) -> None:
        self.engine.dispose()


def _reason(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None)
    return str(original or exc).strip().splitlines()[0]


def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    # WAL lets readers and one writer work at once; busy_timeout waits for a lock instead of
    # failing at once; SQLite enforces foreign keys only when asked.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create(url: str) -> Engine:
    """An engine for `url` (sqlite:///… or postgresql+psycopg://…)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        memory = parsed.database in (None, "", ":memory:")
        if not memory:
            Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 5},
            # one shared connection keeps an in-memory database alive between sessions
            poolclass=StaticPool if memory else None,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for the migrations shipped in this package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the code's head; a database newer than the code is a StorageError."""
    url = engine.url.render_as_string(hide_password=True)
    try:
        with _migration_lock(engine), engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
            _check_not_newer(connection, url)
            command.upgrade(alembic_config(connection), "head")
    except StorageError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        reason = _reason(exc) if isinstance(exc, SQLAlchemyError) else str(exc)
        raise StorageError(
            f"cannot open the database {url}: {reason}. Check CHIPWISE_DATABASE_URL, that the "
            "server is running and reachable, and that no other program holds a lock on it."
        ) from exc


def _check_not_newer(connection: Connection, url: str) -> None:
    current = MigrationContext.configure(connection).get_current_revision()
    script = ScriptDirectory.from_config(alembic_config())
    if current is None:
        return
    try:
        known = script.get_revision(current) is not None
    except CommandError:  # alembic's way of saying "not one of mine"
        known = False
    if not known:
        raise StorageError(
            f"the database {url} has schema revision {current!r}, newer than this chipwise "
            f"knows (head {script.get_current_head()!r}): upgrade chipwise, or point "
            "CHIPWISE_DATABASE_URL at another database."
        )


@contextlib.contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """For a SQLite file, a lock file beside it, so two processes starting at once migrate once."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def open_database(url: str) -> Database:
    """Connect to `url` and migrate it; StorageError when it cannot be used."""
    try:
        engine = create(url)
    except (SQLAlchemyError, ValueError) as exc:
        raise StorageError(f"invalid CHIPWISE_DATABASE_URL {url!r}: {exc}") from exc
    migrate(engine)
    return Database(engine)
