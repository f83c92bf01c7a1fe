"""Find the knowledge files under a folder; every odd path is reported, none aborts the walk."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf")
# A README describes its folder; it is not guidance.
IGNORED_NAMES = {"readme.md"}
_SHOWN_CHARS = 240

Skip = Callable[[Path, str], None]


def shown(path: Path | str) -> str:
    """A path as a person can read it: undecodable bytes as U+FFFD, very long ones shortened."""
    text = os.fsencode(path).decode("utf-8", errors="replace")
    if len(text) <= _SHOWN_CHARS:
        return text
    half = _SHOWN_CHARS // 2
    return f"{text[:half]}…{text[-half:]}"


def _ignore(path: Path, reason: str) -> None:
    """The default `skip`: callers that only want the usable files."""


def _wanted(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith(SUPPORTED_SUFFIXES) and lowered not in IGNORED_NAMES


def _inside(target: Path, top: Path) -> bool:
    return target == top or top in target.parents


def _unusable(path: Path, top: Path) -> str | None:
    """Why `path` cannot be ingested from the folder `top`, or None when it can."""
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        return "its name is not valid UTF-8; rename it"
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return "its path is longer than the system allows (PATH_MAX); move it higher up"
        if exc.errno == errno.ELOOP:
            return "a symlink loop"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"a dangling symlink (its target {shown(os.readlink(path))} does not exist)"
        return f"unreadable ({exc.strerror or exc})"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if path.is_symlink():
        target = path.resolve()
        if not _inside(target, top):
            return (
                f"a symlink to {shown(target)}, outside the folder; "
                "copy the file in, or ingest its folder too"
            )
    return None


def discover(root: Path, skip: Skip = _ignore) -> Iterator[Path]:
    """Supported files under `root` (or `root` itself), in a stable order, each file once.

    Hidden entries and unsupported suffixes are passed over; every other path that cannot be
    ingested is handed to `skip` with the reason, and the walk goes on.
    """
    if not root.is_dir():
        yield root
        return
    top = root.resolve()
    seen: set[Path] = set()

    def unreadable_folder(exc: OSError) -> None:
        skip(Path(exc.filename or root), f"folder not readable ({exc.strerror or exc})")

    for folder, dirs, files in os.walk(root, onerror=unreadable_folder):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in list(dirs):
            if (here / name).is_symlink():  # os.walk does not follow them; say so
                skip(here / name, "a symlink to a folder, not followed; ingest that folder")
        for name in sorted(f for f in files if not f.startswith(".") and _wanted(f)):
            path = here / name
            reason = _unusable(path, top)
            if reason:
                skip(path, reason)
                continue
            target = path.resolve()
            if target not in seen:  # a symlink to a file in the folder: that file, once
                seen.add(target)
                yield path
