"""The layers stay layered: ingest < assistant < evals < ui, checked on every import statement."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# package -> the top-level packages it must never import (anywhere, also inside functions)
FORBIDDEN = {
    "ingest": ("assistant", "ui", "evals"),
    "assistant": ("ui", "evals"),
    "evals": ("ui",),
}


def imported_modules(source: str, module: str) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in `source`, which is module `module`."""
    package = module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module's package
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            yield node.lineno, name
            if not node.module:  # `from . import x` imports the submodule x
                for alias in node.names:
                    yield node.lineno, f"{name}.{alias.name}"


def violations(source: str, module: str, forbidden: tuple[str, ...]) -> list[str]:
    """`module:line imports name` for every import of a forbidden top-level package."""
    return [
        f"{module}:{line} imports {name}"
        for line, name in imported_modules(source, module)
        if name.split(".")[0] in forbidden
    ]


def package_violations(package: str) -> list[str]:
    found: list[str] = []
    for path in sorted((REPO / package).rglob("*.py")):
        # a package's __init__ is named "pkg.__init__", so that its package is "pkg"
        module = ".".join(path.relative_to(REPO).with_suffix("").parts)
        found += violations(path.read_text("utf-8"), module, FORBIDDEN[package])
    return found


def test_the_checker_sees_every_kind_of_import() -> None:
    source = (
        "import os\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    import ui.web\n"
        "def late():\n"
        "    from evals.runner import evaluate\n"
        "    from . import ui\n"
        "class C:\n"
        "    def m(self):\n"
        "        import assistant.settings as s\n"
    )
    assert violations(source, "assistant.chat.pipeline", ("ui", "evals")) == [
        "assistant.chat.pipeline:4 imports ui.web",
        "assistant.chat.pipeline:6 imports evals.runner",
    ]  # `from . import ui` is assistant.chat.ui, not the ui package
    assert violations(source, "ingest.loaders", ("assistant", "ui", "evals")) == [
        "ingest.loaders:4 imports ui.web",
        "ingest.loaders:6 imports evals.runner",
        "ingest.loaders:10 imports assistant.settings",
    ]


def test_every_package_is_checked() -> None:
    for package in FORBIDDEN:
        assert list((REPO / package).rglob("*.py")), f"no Python files found in {package}/"


def test_ingest_imports_nothing_from_assistant_ui_or_evals() -> None:
    assert package_violations("ingest") == []


def test_assistant_imports_nothing_from_ui_or_evals() -> None:
    assert package_violations("assistant") == []


def test_evals_import_nothing_from_ui() -> None:
    assert package_violations("evals") == []


# The front ends speak to the assistant through its public face only: `from assistant import`.
FRONT_ENDS = ("ui", "evals")


def internal_imports(source: str, module: str) -> list[str]:
    """`module:line imports name` for every import of an assistant module other than the package."""
    submodules = {p.stem for p in (REPO / "assistant").iterdir() if p.suffix == ".py" or p.is_dir()}
    found = [
        f"{module}:{line} imports {name}"
        for line, name in imported_modules(source, module)
        if name.startswith("assistant.")
    ]
    for node in ast.walk(ast.parse(source)):  # `from assistant import testing` is a submodule
        if isinstance(node, ast.ImportFrom) and not node.level and node.module == "assistant":
            found += [
                f"{module}:{node.lineno} imports assistant.{alias.name}"
                for alias in node.names
                if alias.name in submodules - {"__init__"}
            ]
    return found


def test_the_front_end_checker_sees_internal_imports() -> None:
    source = (
        "from assistant import Answer, Settings\n"
        "import assistant\n"
        "from assistant.types import Turn\n"
        "def late():\n"
        "    import assistant.rules.decision\n"
        "    from assistant import testing\n"
    )
    assert internal_imports(source, "ui.web") == [
        "ui.web:3 imports assistant.types",
        "ui.web:5 imports assistant.rules.decision",
        "ui.web:6 imports assistant.testing",
    ]


@pytest.mark.parametrize("package", FRONT_ENDS)
def test_front_ends_import_only_the_assistant_package(package: str) -> None:
    found: list[str] = []
    for path in sorted((REPO / package).rglob("*.py")):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts)
        found += internal_imports(path.read_text("utf-8"), module)
    assert found == []


# Inside assistant/: each room may import only the rooms below it (module prefixes).
ROOMS = {
    "assistant.rules": ("assistant.rules",),
    "assistant.text": ("assistant.rules", "assistant.text", "assistant.types"),
    "assistant.chat": (
        "assistant.rules",
        "assistant.text",
        "assistant.chat",
        "assistant.types",
        "assistant.settings",
        "assistant.errors",
    ),
    "assistant.adapters": (
        "assistant.adapters",
        "assistant.chat.protocols",
        "assistant.text.ranking",
        "assistant.types",
        "assistant.settings",
        "assistant.errors",
    ),
    "assistant.storage": (
        "assistant.storage",
        "assistant.feedback",
        "assistant.types",
        "assistant.errors",
    ),
}


def room_violations(room: str, source: str, module: str) -> list[str]:
    """`module:line imports name` for every assistant import outside the room's allowed ones."""
    allowed = ROOMS[room]
    return [
        f"{module}:{line} imports {name}"
        for line, name in imported_modules(source, module)
        if name.split(".")[0] == "assistant"
        and not any(name == a or name.startswith(a + ".") for a in allowed)
    ]


def test_the_room_checker_sees_an_upward_import() -> None:
    source = "from assistant.chat.pipeline import Assistant\nfrom assistant.rules import x\n"
    assert room_violations("assistant.rules", source, "assistant.rules.decision") == [
        "assistant.rules.decision:1 imports assistant.chat.pipeline"
    ]
    # the bare package re-exports everything, so importing it from a room is upward too
    assert room_violations("assistant.text", "import assistant.startup\n", "assistant.text.x") == [
        "assistant.text.x:1 imports assistant.startup"
    ]
    assert room_violations("assistant.chat", "from assistant import X\n", "assistant.chat.x") == [
        "assistant.chat.x:1 imports assistant"
    ]


@pytest.mark.parametrize("room", sorted(ROOMS))
def test_rooms_import_only_the_rooms_below(room: str) -> None:
    found: list[str] = []
    for path in sorted((REPO / room.replace(".", "/")).rglob("*.py")):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts)
        found += room_violations(room, path.read_text("utf-8"), module)
    assert found == []
