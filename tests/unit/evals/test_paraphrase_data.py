"""The paraphrase groups in evals/paraphrases/ load and follow their schema (data only, fast)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant import Requirements

DIR = Path(__file__).resolve().parents[3] / "evals" / "paraphrases"
GROUP_KEYS = {"id", "note", "expect", "phrasings"}
EXPECT_KEYS = {"scope", "requirements", "verdict", "needs", "infeasible", "accept"}
VERDICTS = {"GPU", "NPU", "GPU+NPU", None}
LANGS = ("en", "zh")
MIN_PHRASINGS = 5
MIN_PER_LANG = 2
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CJK = re.compile(r"[\u4e00-\u9fff]")
HARDWARE_WORDS = re.compile(r"gpu|npu|显卡|graphics card", re.IGNORECASE)
SERVERS = ("cloud", "datacenter")
DEVICES = ("mobile", "edge")


def _load() -> list[tuple[str, dict[str, Any]]]:
    groups: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, list) and data, f"{path.name}: must be a non-empty list"
        for group in data:
            assert isinstance(group, dict), f"{path.name}: every group is a mapping"
            groups.append((path.name, group))
    return groups


GROUPS = _load()
IN_SCOPE = [(f, g) for f, g in GROUPS if g["expect"].get("scope", "in") == "in"]
OUT_OF_SCOPE = [(f, g) for f, g in GROUPS if g["expect"].get("scope") == "out"]


def _ids(groups: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [f"{name}:{group.get('id')}" for name, group in groups]


def test_files_are_there() -> None:
    names = {path.name for path in DIR.glob("*.yaml")}
    assert "out_of_scope.yaml" in names
    assert len(names) >= 5
    assert (DIR / "README.md").is_file()


def test_ids_are_unique_kebab_case() -> None:
    ids = [group["id"] for _, group in GROUPS]
    duplicated = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicated, f"duplicate ids: {duplicated}"
    bad = [i for i in ids if not isinstance(i, str) or not KEBAB.match(i)]
    assert not bad, f"ids not kebab-case: {bad}"


def test_phrasings_are_unique_across_groups() -> None:
    texts = [" ".join(p["text"].lower().split()) for _, g in GROUPS for p in g["phrasings"]]
    duplicated = [t for t, n in Counter(texts).items() if n > 1]
    assert not duplicated, f"phrasings used twice: {duplicated}"


@pytest.mark.parametrize(("name", "group"), GROUPS, ids=_ids(GROUPS))
def test_group_shape(name: str, group: dict[str, Any]) -> None:
    assert set(group) == GROUP_KEYS, f"keys {sorted(group)}; expected {sorted(GROUP_KEYS)}"
    assert isinstance(group["note"], str) and group["note"].strip()
    assert isinstance(group["expect"], dict)
    phrasings = group["phrasings"]
    assert isinstance(phrasings, list) and len(phrasings) >= MIN_PHRASINGS
    for phrasing in phrasings:
        assert isinstance(phrasing, dict) and set(phrasing) == {"lang", "text"}, phrasing
        assert phrasing["lang"] in LANGS, phrasing
        text = phrasing["text"]
        assert isinstance(text, str) and text.strip(), phrasing
        if phrasing["lang"] == "zh":
            assert CJK.search(text), f"zh phrasing without Chinese: {text!r}"
        else:
            assert not CJK.search(text), f"en phrasing with Chinese (tag it zh): {text!r}"
    langs = Counter(p["lang"] for p in phrasings)
    for lang in LANGS:
        assert langs[lang] >= MIN_PER_LANG, f"{group['id']}: only {langs[lang]} {lang} phrasings"


@pytest.mark.parametrize(("name", "group"), OUT_OF_SCOPE, ids=_ids(OUT_OF_SCOPE))
def test_out_of_scope_expects_nothing_else(name: str, group: dict[str, Any]) -> None:
    assert group["expect"] == {"scope": "out"}


@pytest.mark.parametrize(("name", "group"), IN_SCOPE, ids=_ids(IN_SCOPE))
def test_in_scope_expectations(name: str, group: dict[str, Any]) -> None:
    expect = group["expect"]
    unknown = set(expect) - EXPECT_KEYS
    assert not unknown, f"unknown expect keys {sorted(unknown)}"
    assert expect.get("scope", "in") == "in"
    assert "requirements" in expect and "verdict" in expect
    assert expect["verdict"] in VERDICTS

    stated = expect["requirements"]
    assert isinstance(stated, dict)
    # Valid field names and values, already in canonical form (e.g. 720p, not "720P").
    assert Requirements(**stated).known() == stated

    needs = expect.get("needs", [])
    infeasible = expect.get("infeasible", False)
    assert isinstance(needs, list) and isinstance(infeasible, bool)
    assert all(n in Requirements.model_fields for n in needs), needs
    assert not set(needs) & set(stated), "a field both stated and needed"
    if expect["verdict"] is not None:
        assert not needs and not infeasible, "a verdict needs nothing and is feasible"
    elif infeasible:
        assert not needs, "infeasible: nothing left to ask"
    else:
        assert needs, "no verdict: say what must be asked"

    for field, bounds in expect.get("accept", {}).items():
        assert field in stated, f"accept {field} not in requirements"
        low, high = bounds
        assert isinstance(low, int | float) and isinstance(high, int | float)
        assert low <= stated[field] <= high, f"{field} {stated[field]} outside {bounds}"


@pytest.mark.parametrize(("name", "group"), IN_SCOPE, ids=_ids(IN_SCOPE))
def test_expectations_follow_the_framework(name: str, group: dict[str, Any]) -> None:
    """A few rules of the source read straight off the data, to catch typos in it."""
    expect, req = group["expect"], group["expect"]["requirements"]
    verdict, infeasible = expect["verdict"], expect.get("infeasible", False)
    duration = req.get("duration_seconds")
    heavy = req.get("resolution") in ("4k", "8k") or (duration is not None and duration >= 300)
    on_device = req.get("deployment") in DEVICES
    if heavy and on_device and req.get("offline"):
        assert infeasible and verdict is None, "heavy target on an offline device: infeasible"
    elif heavy:
        assert verdict == "GPU", "4K/8K or 5 minutes and more: GPU (pitfall 1)"
    elif on_device and req.get("workload") in (None, "inference"):
        assert verdict == "NPU", "generation on a phone or edge device: NPU (pitfall 2)"
    if duration == 299:
        assert expect.get("accept", {}).get("duration_seconds", [0, 0])[1] == 299
        assert "< 300" in group["note"], "say that any value < 300 is acceptable"
    if infeasible:
        assert heavy and on_device and req.get("offline")


def test_unusual_wording_groups_avoid_hardware_words() -> None:
    unusual = [g for f, g in IN_SCOPE if f == "out_of_scope.yaml"]
    assert len(unusual) >= 4
    for group in unusual:
        for phrasing in group["phrasings"]:
            assert not HARDWARE_WORDS.search(phrasing["text"]), phrasing["text"]


def test_counts_and_coverage() -> None:
    assert len(IN_SCOPE) >= 40, f"only {len(IN_SCOPE)} in-scope situations"
    assert len(OUT_OF_SCOPE) >= 8, f"only {len(OUT_OF_SCOPE)} out-of-scope groups"
    verdicts = Counter(g["expect"]["verdict"] for _, g in IN_SCOPE)
    assert all(verdicts[v] >= 3 for v in VERDICTS), verdicts
    assert sum(bool(g["expect"].get("infeasible")) for _, g in IN_SCOPE) >= 2
