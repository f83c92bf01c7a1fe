"""Ingest fuzzing over generated file trees: every readable file ingested, every other named in
a warning, no abort, and the store consistent (exactly the readable files; a rerun writes nothing)."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.startup import ingest_config
from ingest.discovery import shown
from ingest.pipeline import ingest_paths
from ingest.store import open_store

NAMES = st.text(
    st.characters(categories=("Lu", "Ll", "Lo", "Nd", "Zs", "So"), include_characters="_-+()'"),
    min_size=1,
    max_size=30,
).filter(lambda n: n.strip() == n and not n.startswith("-") and n.lower() != "readme")
WORDS = st.text(st.characters(categories=("Ll", "Lo", "Zs", "Nd")), min_size=1, max_size=3000)


@dataclass(frozen=True)
class Entry:
    """One generated path: how to make it, and whether it must be ingested or warned about."""

    kind: str
    name: str
    body: str = ""
    offset: int = 0


ENTRIES = st.one_of(
    st.builds(Entry, st.just("good"), NAMES, WORDS),
    st.builds(Entry, st.just("empty"), NAMES),
    st.builds(Entry, st.just("latin1"), NAMES, WORDS),
    st.builds(Entry, st.just("nul"), NAMES, WORDS, st.integers(0, 20_000)),
    st.builds(Entry, st.sampled_from(["bad-name", "outside", "dangling", "loop", "inside"]), NAMES),
)


def _make(folder: Path, outside: Path, index: int, entry: Entry) -> tuple[Path, bool | None]:
    """Create `entry` in `folder`; (its path, True: ingested, False: warned, None: neither)."""
    sub = folder / ("sub" if index % 2 else "") / f"{index}-{entry.name}"
    sub.parent.mkdir(exist_ok=True)
    path = sub.with_name(sub.name + (".md" if index % 3 else ".txt"))
    text = f"note {entry.body}"
    if entry.kind == "good":
        path.write_text(text, encoding="utf-8")
        return path, True
    if entry.kind == "empty":
        path.write_text(" \n")
    elif entry.kind == "latin1":
        path.write_bytes(text.encode("utf-8") + "caf\xe9".encode("latin-1"))
    elif entry.kind == "nul":
        raw = text.encode("utf-8") * (1 + entry.offset // max(1, len(text)))
        path.write_bytes(raw[: entry.offset] + b"\x00" + raw[entry.offset :])
    elif entry.kind == "bad-name":
        path = Path(os.fsdecode(os.fsencode(path.parent) + b"/\xff" + os.fsencode(path.name)))
        path.write_text(text)
    elif entry.kind == "outside":
        target = outside / f"{index}.md"
        target.write_text(text)
        path.symlink_to(target)
    elif entry.kind == "dangling":
        path.symlink_to(outside / "missing.md")
    elif entry.kind == "loop":
        path.symlink_to(path)
    elif entry.kind == "inside":
        target = folder / f"target-{index}.md"
        target.write_text(text)
        path.symlink_to(target)
        return target, True  # the target is ingested once; the link adds nothing
    return path, False


@settings(
    max_examples=int(os.environ.get("CHIPWISE_FUZZ_EXAMPLES", "80")) // 7,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(entries=st.lists(ENTRIES, min_size=1, max_size=8))
def test_generated_trees_ingest_what_is_readable_and_name_the_rest(
    embedder: Any, entries: list[Entry]
) -> None:
    from assistant.settings import Settings

    root = Path(tempfile.mkdtemp(prefix="fuzz-ingest-"))
    try:
        folder, outside = root / "kb", root / "elsewhere"
        folder.mkdir()
        outside.mkdir()
        made = [_make(folder, outside, i, e) for i, e in enumerate(entries)]
        config = ingest_config(Settings(data_dir=root / "data", knowledge_dir=folder))
        warnings: list[str] = []
        report = ingest_paths(
            [folder], config, embeddings=embedder, progress=False, warn=warnings.append
        )
        ingested = {p.resolve().as_posix() for p, expect in made if expect}
        warned = [p for p, expect in made if expect is False]
        got = open_store(config, embedder).get(include=["metadatas"])
        assert {m["path"] for m in got["metadatas"]} == ingested
        assert report.files == len(ingested)
        skipped = {s["path"] for s in report.skipped}
        for path in warned:
            assert shown(path) in skipped, (path, report.skipped)
            assert any(shown(path) in w for w in warnings)
        assert len(report.skipped) == len(warned)
        again = ingest_paths([folder], config, embeddings=embedder, progress=False, warn=len)
        assert (again.chunks_added, again.chunks_removed) == (0, 0)
        assert again.chunks_unchanged == len(got["ids"])
    finally:
        shutil.rmtree(root, ignore_errors=True)
