"""The framework as a table: loose English/Chinese requirements in, expected verdicts out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from decision_rows import ANY, Case
from decision_rows_conflicts import CONFLICT_CASES
from decision_rows_device import DEVICE_CASES
from decision_rows_server import SERVER_CASES

from assistant.rules.decision import SECTION_IDS, Decision, recommend_hardware
from assistant.rules.findings import TEXTS
from assistant.rules.requirements import Requirements

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
CASES = [*SERVER_CASES, *DEVICE_CASES, *CONFLICT_CASES]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_table(case: Case) -> None:
    decision = recommend_hardware(Requirements.model_validate(case.inputs))
    assert decision.verdict == case.verdict
    assert decision.infeasible is case.infeasible
    if case.scenario is not ANY:
        assert decision.scenario == case.scenario
    assert set(case.cites) <= set(decision.sources)
    assert set(case.warns) <= {w.section_id for w in decision.warnings}
    assert decision.needs == case.needs
    if case.firm is not None:
        assert decision.firm is case.firm
    if decision.verdict:
        assert decision.reasons, "a verdict always has a reason"


def test_the_table_covers_every_scenario_and_pitfall() -> None:
    cited = set()
    for case in CASES:
        cited |= set(recommend_hardware(Requirements.model_validate(case.inputs)).sources)
    assert len(CASES) >= 40
    assert {s for s in SECTION_IDS if s.startswith(("scenario.", "pitfall."))} <= cited


def test_conflict_phone_4k_explains_cloud_delivery_in_both_languages() -> None:
    decision = recommend_hardware(Requirements(deployment="mobile", resolution="4k"))
    gpu_warning = next(w for w in decision.warnings if w.section_id == "pitfall.gpu-on-device")
    assert "cloud GPUs" in gpu_warning.text and "云端GPU" in gpu_warning.text_zh


def test_conflict_edge_cuda_offers_porting_or_offloading() -> None:
    decision = recommend_hardware(Requirements(deployment="edge", cuda_only_model=True))
    warning = next(w for w in decision.warnings if w.section_id == "pitfall.cuda-only")
    assert "port" in warning.text and "offload" in warning.text
    assert "移植" in warning.text_zh and "卸载" in warning.text_zh


def test_npu_please_for_8k_warns_about_the_request() -> None:
    decision = recommend_hardware(Requirements(resolution="8k", preferred_hardware="NPU"))
    assert any("You asked for NPU" in w.text and "NPU" in w.text_zh for w in decision.warnings)


def test_to_dict_shape() -> None:
    decision = recommend_hardware(Requirements(deployment="edge", resolution="720p"))
    data = decision.to_dict()
    assert list(data) == [
        "verdict",
        "infeasible",
        "scenario",
        "reasons",
        "warnings",
        "assumptions",
        "needs",
        "confidence",
        "flips",
        "constraints",
        "sources",
        "requirements",
    ]
    assert set(data["flips"][0]) == {"changes", "verdict", "section_id", "text", "text_zh"}
    assert set(data["flips"][0]["changes"][0]) == {"field", "from", "to"}
    assert data["requirements"] == {"deployment": "edge", "resolution": "720p"}
    assert set(data["reasons"][0]) == {"text", "text_zh", "section_id", "key"}
    assert data["infeasible"] is False
    assert Decision.model_validate({**data, "requirements": data["requirements"]}) == decision


def test_every_text_cites_a_known_section_and_fills_its_placeholders() -> None:
    assert len(SECTION_IDS) == 13
    for text in TEXTS.values():
        assert text.section in SECTION_IDS
        en, zh = text.en, text.zh
        assert en.count("{") == en.count("}") and zh.count("{") == zh.count("}")
        assert set(_placeholders(en)) == set(_placeholders(zh))


def _placeholders(text: str) -> list[str]:
    return [name.removesuffix("_zh") for name in re.findall(r"{(\w+)}", text)]


@pytest.mark.skipif(
    not (KNOWLEDGE / "en").is_dir(), reason="knowledge/en is not written yet (another issue)"
)
@pytest.mark.parametrize("section", SECTION_IDS)
def test_every_section_id_exists_in_both_languages(section: str) -> None:
    assert (KNOWLEDGE / "en" / f"{section}.md").is_file()
    assert (KNOWLEDGE / "zh" / f"{section}.md").is_file()
