"""The database layer on SQLite and on a real PostgreSQL server the tests start."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy

from assistant import Answer, Settings, StorageError, Turn, open_storage
from assistant.storage import open_database, storage_over
from assistant.storage.database import migrate
from assistant.testing import free_port


def answer(text: str = "Recommendation: NPU [scenario.mobile]") -> Answer:
    return Answer(question="q", text=text, language="en", intent="recommend")


def test_migrations_run_once_and_reach_the_head(database_url: str) -> None:
    first = open_database(database_url)
    migrate(first.engine)  # again: nothing to do, no error
    with first.engine.connect() as connection:
        tables = set(sqlalchemy.inspect(connection).get_table_names())
        version = connection.execute(sqlalchemy.text("SELECT version_num FROM alembic_version"))
        assert version.scalar_one() == "0001"
    assert {"conversations", "messages", "feedback", "seen_events", "sources"} <= tables
    first.close()


def test_a_database_newer_than_the_code_stops_with_a_clear_error(database_url: str) -> None:
    db = open_database(database_url)
    with db.engine.begin() as connection:
        connection.execute(sqlalchemy.text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(StorageError, match=r"revision '9999', newer than this chipwise"):
        open_database(database_url)


def test_conversations_keep_their_messages_in_order(database_url: str) -> None:
    store = storage_over(open_database(database_url)).conversations
    cid = store.create("web")
    store.append(cid, "4K ads, 90 s: GPU or NPU?", answer("Recommendation: GPU"), display="**GPU**")
    store.append(cid, "and on a phone?", answer())
    record = store.get(cid)
    assert record is not None and record.title == "4K ads, 90 s: GPU or NPU?"
    assert [m.role for m in record.messages] == ["user", "assistant"] * 2
    assert record.messages[1].answer is not None
    assert record.messages[1].answer["answer"] == "Recommendation: GPU"
    assert record.messages[1].display == "**GPU**"
    assert store.turns(cid, last=2) == [
        Turn("user", "and on a phone?"),
        Turn("assistant", "Recommendation: NPU [scenario.mobile]"),
    ]
    assert [c.id for c in store.recent("web")] == [cid]
    assert store.recent("api") == []
    assert store.rename(cid, "  ads  ") and store.get(cid, messages=False).title == "ads"  # type: ignore[union-attr]
    assert store.delete(cid) and store.get(cid) is None and store.turns(cid) == []
    assert not store.delete(cid) and not store.rename(cid, "x")


def test_two_openings_share_threads_events_and_conversations(database_url: str) -> None:
    one, other = (storage_over(open_database(database_url)) for _ in range(2))
    one.threads.remember(("C1", "1700000000.0001"), "GPU or NPU for 4K?", "GPU")
    assert other.threads.history(("C1", "1700000000.0001")) == [
        Turn("user", "GPU or NPU for 4K?"),
        Turn("assistant", "GPU"),
    ]
    assert one.events.first_time("Ev1") and not other.events.first_time("Ev1")
    cid = one.conversations.create("api")
    other.conversations.append(cid, "q", "a")
    assert one.conversations.turns(cid) == [Turn("user", "q"), Turn("assistant", "a")]


def test_racing_takers_of_one_event_yield_exactly_one_winner(database_url: str) -> None:
    stores = [storage_over(open_database(database_url)).events for _ in range(4)]
    results: list[bool] = []
    barrier = threading.Barrier(len(stores))

    def take(events: object) -> None:
        barrier.wait()
        results.append(events.first_time("EvRace"))  # type: ignore[attr-defined]

    threads = [threading.Thread(target=take, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, False, True]


def test_thread_history_is_bounded(database_url: str) -> None:
    threads = storage_over(open_database(database_url)).threads
    threads.max_turns = 4
    for i in range(5):
        threads.remember(("C", "1.0"), f"q{i}", f"a{i}")
    assert [t.content for t in threads.history(("C", "1.0"))] == ["q3", "a3", "q4", "a4"]


def test_feedback_and_sources(database_url: str) -> None:
    storage = storage_over(open_database(database_url))
    stored = storage.feedback.record(answer(), "down", [Turn("user", "earlier")])
    assert storage.feedback.records() == [stored]
    assert stored["rating"] == "down" and stored["history"][0]["content"] == "earlier"
    first = storage.sources.put(
        "uploads/a.md",
        title="A",
        language="en",
        chunks=3,
        embedder="m",
        size_bytes=9,
        uploaded=True,
    )
    again = storage.sources.put(
        "uploads/a.md",
        title="A2",
        language="en",
        chunks=4,
        embedder="m",
        size_bytes=9,
        uploaded=True,
    )
    assert first.id == again.id and [s.title for s in storage.sources.all()] == ["A2"]
    assert storage.sources.get(first.id) == again
    assert storage.sources.remove(first.id) and storage.sources.all() == []


def test_the_default_is_a_sqlite_file_in_wal_mode(tmp_path: Path) -> None:
    storage = open_storage(Settings(data_dir=tmp_path / "data"))
    storage.events.first_time("x")
    with storage.database.engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar_one()
    assert mode == "wal" and (tmp_path / "data" / "chipwise.db").exists()


def test_old_feedback_file_moves_into_the_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "feedback.jsonl").write_text('{"rating": "up", "question": "q"}\nbroken\n', "utf-8")
    storage = open_storage(Settings(data_dir=data))
    assert storage.feedback.records() == [{"rating": "up", "question": "q"}]
    assert not (data / "feedback.jsonl").exists()
    assert open_storage(Settings(data_dir=data)).feedback.records() == [
        {"rating": "up", "question": "q"}
    ]  # imported once


def test_an_unreachable_server_is_a_clear_error() -> None:
    url = f"postgresql+psycopg://chipwise@127.0.0.1:{free_port()}/chipwise"
    with pytest.raises(StorageError, match=r"cannot open the database .*CHIPWISE_DATABASE_URL"):
        open_database(url)


def test_a_malformed_url_is_a_clear_error() -> None:
    with pytest.raises(StorageError, match="invalid CHIPWISE_DATABASE_URL"):
        open_database("not a url")


def test_a_locked_database_is_a_clear_error_and_nothing_is_half_written(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'chipwise.db'}"
    storage = storage_over(open_database(url))
    holder = sqlite3.connect(tmp_path / "chipwise.db", timeout=0)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        with pytest.raises(StorageError, match="database is locked"):
            storage.conversations.append("c1", "q", "a")
    finally:
        holder.rollback()
        holder.close()
    assert storage.conversations.get("c1") is None
    storage.conversations.append("c1", "q", "a")  # and it works again once the lock is gone
    assert len(storage.conversations.turns("c1")) == 2
