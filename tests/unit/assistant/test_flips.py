"""What would change it: properties of the flips over the whole requirement space."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from requirement_space import REQUIREMENTS

from assistant.rules.decision import decide_only, recommend_hardware
from assistant.rules.flips import DURATION_EDGES, MAX_FLIPS, RESOLUTIONS, constraints
from assistant.rules.requirements import Requirements, parse_assignments


def _applied(req: Requirements, flip_changes: dict[str, object]) -> Requirements:
    return Requirements.model_validate({**req.known(), **flip_changes})


@settings(max_examples=300)
@given(REQUIREMENTS)
def test_applying_a_flip_gives_exactly_its_verdict(req: Requirements) -> None:
    decision = recommend_hardware(req)
    assert len(decision.flips) <= MAX_FLIPS
    for flip in decision.flips:
        assert flip.verdict != decision.verdict
        assert all(getattr(req, c.field) == c.before for c in flip.changes)
        changed = recommend_hardware(_applied(req, {c.field: c.after for c in flip.changes}))
        assert changed.verdict == flip.verdict
        assert flip.section_id in changed.sources


@settings(max_examples=300)
@given(REQUIREMENTS)
def test_no_flip_changes_a_stated_hard_constraint(req: Requirements) -> None:
    decision = recommend_hardware(req)
    assert decision.constraints == constraints(req)
    fields = {c.field for flip in decision.flips for c in flip.changes}
    assert not fields & set(decision.constraints)
    if req.offline:
        assert "offline" in decision.constraints


@settings(max_examples=300)
@given(REQUIREMENTS, st.data())
def test_no_smaller_change_on_that_dimension_flips(req: Requirements, data: st.DataObject) -> None:
    decision = recommend_hardware(req)
    for flip in decision.flips:
        if len(flip.changes) != 1:
            continue
        change = flip.changes[0]
        if change.field == "duration_seconds" and change.before is not None:
            low, high = sorted((int(change.before), int(change.after)))
            between = data.draw(st.integers(low, high))
            if between in (change.after, change.before):
                continue
            other = decide_only(_applied(req, {"duration_seconds": between}))
            assert other.verdict in (decision.verdict, None)
        if change.field == "resolution" and change.before is not None:
            here, there = (
                RESOLUTIONS.index(str(change.before)),
                RESOLUTIONS.index(str(change.after)),
            )
            for index in range(min(here, there) + 1, max(here, there)):
                other = decide_only(_applied(req, {"resolution": RESOLUTIONS[index]}))
                assert other.verdict in (decision.verdict, None)


@settings(max_examples=200)
@given(REQUIREMENTS)
def test_flips_are_deterministic(req: Requirements) -> None:
    assert recommend_hardware(req).flips == recommend_hardware(req).flips


def test_duration_flips_land_on_the_rules_thresholds() -> None:
    decision = recommend_hardware(parse_assignments(["deployment=mobile", "duration=10s"]))
    durations = [
        c.after for f in decision.flips for c in f.changes if c.field == "duration_seconds"
    ]
    assert durations == [DURATION_EDGES[1]]  # 300 s: the heavy "5 minutes and more"
    assert decision.flips[0].verdict == "GPU"


def test_an_infeasible_job_gets_the_two_ways_out_but_never_goes_online() -> None:
    items = ["deployment=mobile", "resolution=4k", "duration=10min", "offline=true"]
    decision = recommend_hardware(parse_assignments(items))
    assert decision.infeasible and decision.constraints == ["offline"]
    shrink = [f for f in decision.flips if len(f.changes) == 2]
    assert [(c.field, c.after) for c in shrink[0].changes] == [
        ("resolution", "2k"),
        ("duration_seconds", 299),
    ]
    assert shrink[0].verdict == "NPU"
    assert shrink[0].text == "resolution: 4k → 2k; duration: 600 s → 299 s gives NPU"
    assert shrink[0].text_zh == "分辨率：4k → 2k；时长：600 s → 299 s，结论变为 NPU"


def test_an_undecided_job_has_no_flips_and_a_robust_one_may_have_none() -> None:
    assert recommend_hardware(Requirements()).flips == []
    cloud = recommend_hardware(parse_assignments(["deployment=cloud", "res=4k", "duration=2min"]))
    assert cloud.verdict == "GPU" and cloud.flips == []


def test_flips_ride_in_the_json() -> None:
    decision = recommend_hardware(parse_assignments(["deployment=mobile", "res=720p"]))
    data = decision.to_dict()
    assert data["flips"][0]["changes"][0] == {
        "field": "deployment",
        "from": "mobile",
        "to": "cloud",
    }
    assert data["flips"][0]["verdict"] == "GPU"
