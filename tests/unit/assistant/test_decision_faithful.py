"""Properties that keep the rules faithful to the framework: reasons argue for the verdict,
findings never contradict each other or the stated facts, open questions are asked, and
unknowns never flip what the stated facts decided."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from requirement_space import (
    CANDIDATES,
    DEVICES,
    REQUIREMENTS,
    SERVERS,
    heavy,
    on_device,
    outcome,
    with_values,
)
from unit.knowledge import test_source_figures as source_figures  # its wording rules

from assistant.rules.claims import clashes, supports
from assistant.rules.decision import (
    BATCH_VIDEOS_PER_DAY,
    NEED_PROMPTS,
    Decision,
    recommend_hardware,
)
from assistant.rules.findings import TEXTS
from assistant.rules.requirements import Requirements
from assistant.rules.verdict import Finding

FIELDS = tuple(Requirements.model_fields)
# An unstated workload means generating videos; training is another job (decision docstring).
REFINING = tuple(name for name in FIELDS if name != "workload")


def _findings(decision: Decision) -> list[Finding]:
    return [*decision.reasons, *decision.warnings, *decision.assumptions]


def _claims(decision: Decision) -> set[str]:
    return {claim for f in _findings(decision) for claim in TEXTS[f.key].claims}


def _assumed(decision: Decision) -> set[str]:
    return {name for f in decision.assumptions for name in TEXTS[f.key].assumes}


def _decided(decision: Decision) -> bool:
    return decision.verdict is not None or decision.infeasible


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_every_finding_names_its_text(req: Requirements) -> None:
    for finding in _findings(recommend_hardware(req)):
        text = TEXTS[finding.key]
        if finding.key != "close.preferred":  # cites the section of the reason it repeats
            assert finding.section_id == text.section
        assert finding.text and finding.text_zh


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_every_reason_supports_the_verdict(req: Requirements) -> None:
    decision = recommend_hardware(req)
    if decision.verdict is None:
        return
    stances = [TEXTS[f.key].stance for f in decision.reasons]
    against = [
        f.key for f in decision.reasons if not supports(TEXTS[f.key].stance, decision.verdict)
    ]
    assert not against, f"{decision.verdict} argued with {against}"
    if decision.verdict == "GPU+NPU":
        assert "both" in stances or {"GPU", "NPU"} <= set(stances)
    else:
        assert decision.verdict in stances, "a verdict needs a reason that argues for it"


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_no_two_findings_contradict_each_other(req: Requirements) -> None:
    decision = recommend_hardware(req)
    assert not clashes(_claims(decision)), [f.key for f in _findings(decision)]


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_no_finding_contradicts_a_stated_fact(req: Requirements) -> None:
    claims = _claims(recommend_hardware(req))
    if req.offline and req.deployment != "cloud":
        assert "cloud" not in claims
    if req.deployment in DEVICES:
        assert "server" not in claims
    if req.deployment in SERVERS:
        assert "-server" not in claims
    assert ("npu_fits" if heavy(req) else "-npu_fits") not in claims
    volume = req.videos_per_day
    if req.templated is False or (volume is not None and volume < BATCH_VIDEOS_PER_DAY):
        assert "batch" not in claims
    if req.templated and volume is not None and volume >= BATCH_VIDEOS_PER_DAY:
        assert "-batch" not in claims


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_assumptions_take_only_unknowns_for_granted(req: Requirements) -> None:
    for finding in recommend_hardware(req).assumptions:
        assumes = TEXTS[finding.key].assumes
        assert assumes, f"{finding.key} must name the fields it assumes"
        assert any(getattr(req, name) is None for name in assumes), finding.key


@settings(max_examples=200)
@given(REQUIREMENTS)
def test_an_open_question_is_worth_asking(req: Requirements) -> None:
    decision = recommend_hardware(req)
    if not decision.needs:
        return
    answers = itertools.product(*(CANDIDATES[name] for name in decision.needs))
    outcomes = set()
    for values in answers:
        answered = recommend_hardware(
            with_values(req, **dict(zip(decision.needs, values, strict=True)))
        )
        outcomes.add((*outcome(answered), answered.scenario))
    assert len(outcomes) >= 2, f"asking {decision.needs} cannot change anything"


@settings(max_examples=300)
@given(REQUIREMENTS)
def test_one_more_fact_never_flips_what_the_stated_facts_decided(req: Requirements) -> None:
    decision = recommend_hardware(req)
    if not _decided(decision):
        return
    open_fields = [n for n in REFINING if getattr(req, n) is None and n not in _assumed(decision)]
    for name in open_fields:
        for value in CANDIDATES[name]:
            after = recommend_hardware(with_values(req, **{name: value}))
            assert outcome(after) == outcome(decision), f"{name}={value!r} flipped it"


@settings(max_examples=300)
@given(REQUIREMENTS, REQUIREMENTS)
def test_many_more_facts_never_flip_what_the_stated_facts_decided(
    req: Requirements, extra: Requirements
) -> None:
    decision = recommend_hardware(req)
    if not _decided(decision):
        return
    assumed = _assumed(decision)
    added = {
        name: value
        for name, value in extra.known().items()
        if name in REFINING and getattr(req, name) is None and name not in assumed
    }
    assert outcome(recommend_hardware(with_values(req, **added))) == outcome(decision)


@settings(max_examples=300)
@given(REQUIREMENTS)
def test_an_unstated_workload_decides_like_inference(req: Requirements) -> None:
    if req.workload is not None:
        return
    unstated = recommend_hardware(req)
    inference = recommend_hardware(with_values(req, workload="inference"))
    assert inference.model_dump(exclude={"requirements", "flips"}) == unstated.model_dump(
        exclude={"requirements", "flips"}
    )
    # The same flips; only the workload's "from" differs (unstated vs inference).
    targets = [[(c.field, c.after) for c in f.changes] + [f.verdict] for f in unstated.flips]
    assert [[(c.field, c.after) for c in f.changes] + [f.verdict] for f in inference.flips] == (
        targets
    )


@settings(max_examples=400)
@given(REQUIREMENTS)
def test_infeasible_exactly_when_no_hardware_can_run_it(req: Requirements) -> None:
    decision = recommend_hardware(req)
    generates = req.workload != "training"  # training runs on GPU servers off the device
    assert decision.infeasible is (
        heavy(req) and on_device(req) and bool(req.offline) and generates
    )
    if not decision.infeasible:
        return
    assert decision.verdict is None and decision.needs == [] and decision.confidence == 0.0
    assert {"GPU", "NPU"} <= {TEXTS[f.key].stance for f in decision.reasons}
    ways_out = {f.key for f in decision.warnings}
    assert {"infeasible.shrink", "infeasible.cloud"} <= ways_out
    assert decision.to_dict()["infeasible"] is True


@given(st.sampled_from(sorted(TEXTS)))
def test_every_text_is_consistent_in_itself(key: str) -> None:
    text = TEXTS[key]
    assert not clashes(text.claims)
    assert set(text.assumes) <= set(FIELDS)
    assert text.en.startswith("Assumed") == bool(text.assumes) == text.zh.startswith("假设")


def test_chipwise_labels_its_own_advice_in_both_languages() -> None:
    for key, text in TEXTS.items():
        advice = "chipwise's advice" in text.en
        assert advice == ("chipwise 建议" in text.zh), key
        reading = "chipwise's reading" in text.en
        assert reading == ("chipwise 的判断" in text.zh), key


LABEL = {
    "en": re.compile(r"chipwise's (?:advice|reading|note)|chipwise defaults"),
    "zh": re.compile(r"chipwise (?:建议|的判断|补充)|chipwise 在服务器上默认"),
}


def _search(pattern: str, text: str) -> bool:
    return bool(source_figures._compile(pattern).search(text))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_findings_hold_to_the_knowledge_bases_wording_rules(lang: str) -> None:
    for key, text in TEXTS.items():
        wording = source_figures._normalise(text.en if lang == "en" else text.zh)
        for pattern, why in source_figures.BANNED[lang]:
            assert not _search(pattern, wording), f"{key}: {why}"
        advice = [p for p in source_figures.PROJECT_ADVICE[lang] if _search(p, wording)]
        assert not advice or LABEL[lang].search(wording), f"{key}: unlabelled advice {advice}"
    for prompts in NEED_PROMPTS.values():
        wording = source_figures._normalise(prompts[lang])
        assert not any(_search(p, wording) for p, _ in source_figures.BANNED[lang])
