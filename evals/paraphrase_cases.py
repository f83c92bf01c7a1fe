"""The robustness set: phrasings of the paraphrase groups (`evals/paraphrases/`) as eval cases.

Every phrasing of a group states the same situation, so every answer must reach the same
outcome (see `evals.robustness`). Answering all 500+ phrasings on the real model would take
hours, so a deterministic, stratified selection is run instead:

- **full run**: of every group, one English and one Chinese phrasing (2 per group, in-scope
  and out-of-scope alike, so every group can be checked for agreement). Within a language the
  phrasing whose sha256 of "group id, newline, text" is smallest is taken: stable across runs
  and machines, unchanged when phrasings are added that hash higher, and not biased towards
  the first phrasing someone wrote.
- **ci subset**: `CI_GROUPS` groups spread over the themes. A theme is a file, and
  `out_of_scope.yaml` is two themes (its out-of-scope groups and its in-scope ones in unusual
  words). Themes are visited in the order of the hash of their name, groups inside a theme in
  the order of the hash of their id, round-robin, so every theme is covered before any gets a
  second group. The first `CI_PAIRS` groups picked keep both their phrasings (so CI measures
  agreement too); the others keep one, English and Chinese in turn.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from evals.cases import CASES_DIR, Case, CaseError, load_cases, parse_cases

PARAPHRASES_DIR = Path(__file__).resolve().parent / "paraphrases"
LANGUAGES = ("en", "zh")  # one phrasing of each per group in the full run
CI_GROUPS = 12
CI_PAIRS = 3
ID_PREFIX = "robust"


@dataclass(frozen=True)
class Group:
    """One paraphrase group as written in its file."""

    id: str
    file: str
    note: str
    expect: dict[str, Any]
    phrasings: tuple[tuple[str, str], ...]  # (lang, text)

    @property
    def in_scope(self) -> bool:
        return bool(self.expect.get("scope", "in") != "out")

    @property
    def theme(self) -> str:
        """The stratum for the ci subset: the file, and in or out of scope."""
        return f"{Path(self.file).stem}/{'in' if self.in_scope else 'out'}"


def _rank(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def load_groups(folder: Path = PARAPHRASES_DIR) -> list[Group]:
    """Every group under `folder` (*.yaml), in file order."""
    groups = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise CaseError(f"paraphrases/{path.name}: not valid YAML: {exc}") from None
        if not isinstance(data, list):
            raise CaseError(f"paraphrases/{path.name}: expected a list of groups")
        for item in data:
            try:
                phrasings = tuple((str(p["lang"]), str(p["text"])) for p in item["phrasings"])
                groups.append(
                    Group(
                        str(item["id"]), path.name, item.get("note", ""), item["expect"], phrasings
                    )
                )
            except (KeyError, TypeError) as exc:
                raise CaseError(f"paraphrases/{path.name}: a group lacks {exc}") from None
    return groups


def selected(group: Group) -> list[tuple[str, str]]:
    """The phrasings the full run asks: per language, the one with the smallest hash."""
    chosen = []
    for lang in LANGUAGES:
        texts = [text for la, text in group.phrasings if la == lang]
        if texts:
            chosen.append((lang, min(texts, key=lambda t: _rank(group.id, t))))
    return chosen


def ci_plan(
    groups: Sequence[Group], n_groups: int = CI_GROUPS, pairs: int = CI_PAIRS
) -> dict[str, tuple[str, ...]]:
    """Which languages of which groups are in the ci subset: group id → languages."""
    themes: dict[str, list[Group]] = {}
    for group in groups:
        themes.setdefault(group.theme, []).append(group)
    queues = [sorted(themes[t], key=lambda g: _rank(g.id)) for t in sorted(themes, key=_rank)]
    picked: list[Group] = []
    depth = 0
    while len(picked) < n_groups and any(depth < len(q) for q in queues):
        picked += [q[depth] for q in queues if depth < len(q)][: n_groups - len(picked)]
        depth += 1
    plan: dict[str, tuple[str, ...]] = {}
    for i, group in enumerate(picked):
        single = (LANGUAGES[(i - pairs) % len(LANGUAGES)],)
        plan[group.id] = LANGUAGES if i < pairs else single
    return plan


def expectations(group: Group) -> dict[str, Any]:
    """The case's `expect` from the group's: decline, ask, no verdict (infeasible) or a verdict."""
    if not group.in_scope:
        return {"intent": "out_of_scope", "verdict": None, "decline": True}
    expect = group.expect
    fields: dict[str, Any] = {
        "intent": "recommend",
        "verdict": expect.get("verdict"),
        "arguments": dict(expect.get("requirements") or {}),
        "accept": dict(expect.get("accept") or {}),
    }
    if fields["verdict"] is None and not expect.get("infeasible"):
        fields |= {"clarify": True, "needs": list(expect.get("needs") or [])}
    return fields


def robustness_cases(folder: Path = PARAPHRASES_DIR, *, ci_only: bool = False) -> list[Case]:
    """The selected phrasings as cases of kind `robustness`, each with its `group`."""
    groups = load_groups(folder)
    plan = ci_plan(groups)
    cases = []
    for group in groups:
        items = [
            {
                "id": f"{ID_PREFIX}.{group.id}.{lang}",
                "kind": "robustness",
                "language": lang,
                "question": text,
                "group": group.id,
                "ci": lang in plan.get(group.id, ()),
                "note": group.note,
                "expect": expectations(group),
            }
            for lang, text in selected(group)
        ]
        cases += parse_cases(items, f"paraphrases/{group.file}")
    return [c for c in cases if c.ci] if ci_only else cases


def paraphrases_next_to(cases_dir: Path) -> Path:
    """Where the groups of a case folder are: `paraphrases/` beside it (evals/paraphrases)."""
    return Path(cases_dir).resolve().parent / "paraphrases"


def load_eval_set(
    cases_dir: Path = CASES_DIR, paraphrases: Path | None = None, *, ci_only: bool = False
) -> list[Case]:
    """The golden cases, then the robustness cases (from `paraphrases`, by default the folder
    beside `cases_dir`; none when it does not exist). Ids must be unique across both."""
    cases = load_cases(cases_dir, ci_only=ci_only)
    folder = paraphrases if paraphrases is not None else paraphrases_next_to(cases_dir)
    if Path(folder).is_dir() and any(Path(folder).glob("*.yaml")):
        # ci_only filters after loading: the ci plan is computed over all groups.
        extra = robustness_cases(folder, ci_only=ci_only)
        taken = {c.id for c in cases}
        clash = [c.id for c in extra if c.id in taken]
        if clash:
            raise CaseError(f"case ids used by both cases and paraphrases: {clash}")
        cases += extra
    return cases
