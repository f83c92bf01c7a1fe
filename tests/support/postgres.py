"""A real PostgreSQL server for tests: initdb in a temporary folder, a free loopback port.

initdb and postgres refuse to run as root, so as root they run as `nobody` (runuser).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from assistant.testing import free_port

BIN_DIRS = [Path(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian's `postgresql` package), or None."""
    found = [d for d in BIN_DIRS if (d / "initdb").exists() and (d / "pg_ctl").exists()]
    return found[0] if found else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "nobody", "--", *command]


@contextlib.contextmanager
def postgres_server(bin_dir: Path) -> Iterator[str]:
    """A running server; yields `postgresql+psycopg://postgres@127.0.0.1:PORT`, stopped after."""
    # Not under pytest's tmp folders: those are private to root, and the server runs as nobody.
    root = Path(tempfile.mkdtemp(prefix="chipwise-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "nobody")
    data, log, port = root / "data", root / "server.log", free_port()

    def run(tool: str, *args: str) -> None:
        command = _as_server_user([str(bin_dir / tool), "-D", str(data), *args])
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    try:
        run("initdb", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        options = f"-p {port} -h 127.0.0.1 -k {root} -F -c fsync=off"
        run("pg_ctl", "-o", options, "-l", str(log), "-w", "start")
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
        finally:
            run("pg_ctl", "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def new_database(server_url: str) -> str:
    """A fresh, empty database on the server: its URL."""
    import sqlalchemy

    name = f"test_{uuid.uuid4().hex[:12]}"
    engine = sqlalchemy.create_engine(f"{server_url}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{server_url}/{name}"
