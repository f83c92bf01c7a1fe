"""Golden cases as data: one YAML list per file in `evals/cases/`, validated on load."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant import SECTION_IDS, Requirements, Turn

CASES_DIR = Path(__file__).resolve().parent / "cases"
Kind = Literal[
    "recommend",
    "factual",
    "clarify",
    "out_of_scope",
    "injection",
    "multi_turn",
    "robustness",
    "compare",
]
KINDS: tuple[Kind, ...] = (
    "recommend",
    "factual",
    "clarify",
    "out_of_scope",
    "injection",
    "multi_turn",
    "robustness",  # made from the paraphrase groups (evals/paraphrase_cases.py), not YAML here
    "compare",
)
Verdict = Literal["GPU", "NPU", "GPU+NPU"]


class CaseError(ValueError):
    """A case file that does not load: says which file and which case."""


class Expect(BaseModel):
    """What a good answer does. Leave a field out to not check it; `verdict: null` = no verdict."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    intent: Literal["recommend", "factual", "out_of_scope"] | None = None
    verdict: Verdict | None = None
    arguments: dict[str, Any] = Field(default_factory=dict)
    sections: list[str] = Field(default_factory=list)
    facts: list[list[str]] = Field(default_factory=list)
    clarify: bool = False
    needs: list[str] = Field(default_factory=list)
    decline: bool = False
    injected: Literal["GPU", "NPU"] | None = None
    forbidden: list[str] = Field(default_factory=list)
    # Inclusive ranges of acceptable readings of an argument ("under five minutes": 1-299).
    accept: dict[str, tuple[float, float]] = Field(default_factory=dict)
    # What would change it: flips the Decision must offer, each {field, to, verdict}.
    flips: list[dict[str, Any]] = Field(default_factory=list)
    # A comparison question: the outcome of each alternative, in order (null: no verdict).
    compare: list[Verdict | None] = Field(default_factory=list)

    @property
    def checks_verdict(self) -> bool:
        """True when the case says what the verdict must be (`verdict: null` included)."""
        return "verdict" in self.model_fields_set

    def accepts(self, name: str, value: Any) -> bool:
        """True when `value` is the expected argument, or inside its accepted range."""
        low, high = self.accept.get(name, (None, None))
        if low is None or high is None or isinstance(value, bool):
            return bool(value == self.arguments.get(name))
        return isinstance(value, int | float) and low <= value <= high

    @field_validator("arguments", mode="before")
    @classmethod
    def _canonical_arguments(cls, value: Any) -> dict[str, Any]:
        """Loose values ("4K", "2 minutes", "手机") in their canonical form."""
        if not isinstance(value, dict):
            raise ValueError("arguments must be a mapping of requirement fields")
        return Requirements.model_validate(value).known()

    @field_validator("sections")
    @classmethod
    def _known_sections(cls, value: list[str]) -> list[str]:
        unknown = [s for s in value if s not in SECTION_IDS]
        if unknown:
            raise ValueError(f"unknown section ids {unknown}; known: {', '.join(SECTION_IDS)}")
        return value

    @field_validator("facts", mode="before")
    @classmethod
    def _fact_alternatives(cls, value: Any) -> list[list[str]]:
        """Each fact is a string or a list of accepted spellings ("2-5", "2–5", "2 到 5")."""
        if not isinstance(value, list):
            raise ValueError("facts must be a list")
        return [[str(v) for v in f] if isinstance(f, list) else [str(f)] for f in value]

    @field_validator("accept")
    @classmethod
    def _ranges(cls, value: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        bad = {k: v for k, v in value.items() if k not in Requirements.model_fields or v[0] > v[1]}
        if bad:
            raise ValueError(f"accept needs requirement fields with [low, high] ranges: {bad}")
        return value

    @field_validator("needs")
    @classmethod
    def _known_needs(cls, value: list[str]) -> list[str]:
        unknown = [n for n in value if n not in Requirements.model_fields]
        if unknown:
            raise ValueError(f"unknown requirement fields in needs: {unknown}")
        return value


class Case(BaseModel):
    """One question (with the conversation before it) and what its answer must do."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    kind: Kind
    language: Literal["en", "zh"]
    question: str = Field(min_length=1)
    history: list[Turn] = Field(default_factory=list)
    expect: Expect
    ci: bool = False
    group: str = ""  # robustness: the paraphrase group the question is a phrasing of
    note: str = ""
    source: str = ""  # the file it came from, filled in by the loader

    @field_validator("history", mode="before")
    @classmethod
    def _turns(cls, value: Any) -> list[Turn]:
        """Turns as {role, content} or the short form {user: ...} / {assistant: ...}."""
        turns = []
        for item in value or []:
            if isinstance(item, Turn):
                turns.append(item)
                continue
            if not isinstance(item, dict):
                raise ValueError(f"a history turn must be a mapping, got {item!r}")
            if "role" in item:
                role, content = item.get("role"), item.get("content")
            elif len(item) == 1:
                role, content = next(iter(item.items()))
            else:
                raise ValueError(f"a history turn needs one role: {item!r}")
            if role not in ("user", "assistant") or not isinstance(content, str):
                raise ValueError(f"bad history turn {item!r}")
            turns.append(Turn(role=role, content=content))
        return turns

    @model_validator(mode="after")
    def _kind_has_its_checks(self) -> Case:
        e = self.expect
        missing = {
            "recommend": not (e.verdict and e.arguments),
            "injection": not (e.verdict and e.injected),
            "clarify": not (e.clarify and e.checks_verdict and e.verdict is None),
            "out_of_scope": not e.decline,
            "factual": not (e.facts or e.sections),
            "multi_turn": not self.history,
            "robustness": not (self.group and (e.decline or e.checks_verdict)),
            "compare": not e.compare,
        }[self.kind]
        if missing:
            raise ValueError(f"a {self.kind} case lacks the expectations its kind needs")
        return self

    def history_dicts(self) -> list[dict[str, str]]:
        return [{"role": t.role, "content": t.content} for t in self.history]


def parse_cases(data: Any, source: str = "") -> list[Case]:
    """Cases from parsed YAML: a list of cases, or a mapping with a `cases` list."""
    items = data.get("cases") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise CaseError(f"{source}: expected a list of cases")
    cases = []
    for i, item in enumerate(items):
        label = item.get("id", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
        try:
            cases.append(Case.model_validate({**item, "source": source}))
        except (ValidationError, TypeError) as exc:
            raise CaseError(f"{source}: case {label}: {_short(exc)}") from None
    return cases


def load_cases(folder: Path = CASES_DIR, *, ci_only: bool = False) -> list[Case]:
    """Every case under `folder` (*.yaml, *.yml), in file order; ids must be unique."""
    folder = Path(folder)
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    if not files:
        raise CaseError(f"no *.yaml case files in {folder}")
    cases: list[Case] = []
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise CaseError(f"{path.name}: not valid YAML: {exc}") from None
        cases += parse_cases(data or [], path.name)
    seen: dict[str, str] = {}
    for case in cases:
        if case.id in seen:
            raise CaseError(f"case id {case.id!r} is in both {seen[case.id]} and {case.source}")
        seen[case.id] = case.source
    return [c for c in cases if c.ci] if ci_only else cases


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'case'}: {err['msg']}"
            for err in exc.errors()
        )
    return re.sub(r"\s+", " ", str(exc))
