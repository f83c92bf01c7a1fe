"""What a recommendation looks like: verdict, cited findings, confidence, open questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from assistant.rules.claims import SectionId
from assistant.rules.findings import TEXTS
from assistant.rules.requirements import Requirements

Verdict = Literal["GPU", "NPU", "GPU+NPU"]
ScenarioId = Literal[
    "scenario.professional",
    "scenario.mobile",
    "scenario.datacenter",
    "scenario.edge",
    "scenario.experimental",
]
SECTION_IDS: tuple[str, ...] = get_args(SectionId)

FIRM_CONFIDENCE = 0.8  # at or above this a verdict is firm: nothing big left to ask

NEED_PROMPTS: dict[str, dict[str, str]] = {
    "deployment": {
        "en": "Where will it run: cloud/data center, an edge device (camera, drone) or a "
        "phone/tablet?",
        "zh": "在哪里运行:云端/数据中心、边缘设备(摄像头、无人机),还是手机/平板?",
    },
    "resolution": {
        "en": "What resolution do you need: 720p, 1080p, 4K or 8K?",
        "zh": "需要什么分辨率:720P、1080P、4K 还是 8K?",
    },
    "duration_seconds": {
        "en": "How long is each video: a few seconds, a minute or two, or 5 minutes and more?",
        "zh": "每段视频多长:几秒、一两分钟,还是 5 分钟及以上?",
    },
    "videos_per_day": {
        "en": "How many videos a day, and are they standardized, fixed-template jobs?",
        "zh": "每天生成多少条视频?是否是固定模板的标准化任务?",
    },
}


class Finding(BaseModel):
    """One reason, warning or assumption, in English and Chinese, citing a knowledge section."""

    model_config = ConfigDict(frozen=True)

    text: str
    text_zh: str
    section_id: SectionId
    key: str = ""  # the finding's id in assistant.rules.findings.TEXTS

    @property
    def assumes(self) -> tuple[str, ...]:
        """The Requirements fields this finding takes for granted (an assumption's unknowns)."""
        text = TEXTS.get(self.key)
        return text.assumes if text else ()


class Change(BaseModel):
    """One requirement changed: its field, the value it had (None: not stated) and the new one."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    field: str
    before: str | int | float | bool | None = Field(default=None, alias="from")
    after: str | int | float | bool = Field(alias="to")


class Flip(BaseModel):
    """A nearest change of the requirements that gives another verdict, and the section why."""

    model_config = ConfigDict(frozen=True)

    changes: list[Change]
    verdict: Verdict
    section_id: SectionId
    text: str
    text_zh: str


class Decision(BaseModel):
    """The verdict with its scenario, cited reasons, warnings, assumptions and open questions.

    `infeasible` marks a job no hardware fits as stated: no verdict and nothing to ask; the
    reasons say why and the warnings give the ways out.
    """

    model_config = ConfigDict(frozen=True)

    verdict: Verdict | None = None
    infeasible: bool = False
    scenario: ScenarioId | None = None
    reasons: list[Finding] = Field(default_factory=list)
    warnings: list[Finding] = Field(default_factory=list)
    assumptions: list[Finding] = Field(default_factory=list)
    needs: list[str] = Field(default_factory=list)
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    requirements: Requirements = Field(default_factory=Requirements)
    flips: list[Flip] = Field(default_factory=list)  # what would change it (rules/flips.py)
    constraints: list[str] = Field(default_factory=list)  # stated fields no flip may change

    @property
    def sources(self) -> list[str]:
        """Section ids cited by reasons, warnings and assumptions, first citation first."""
        cited = [f.section_id for f in (*self.reasons, *self.warnings, *self.assumptions)]
        return list(dict.fromkeys(cited))

    @property
    def assumed(self) -> list[str]:
        """The fields the assumptions take for granted, each once, first assumption first."""
        return list(dict.fromkeys(name for f in self.assumptions for name in f.assumes))

    @property
    def firm(self) -> bool:
        """True for a verdict at or above FIRM_CONFIDENCE."""
        return self.verdict is not None and self.confidence >= FIRM_CONFIDENCE

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape used by the CLI and the API."""
        data = self.model_dump(mode="json", exclude={"requirements"}, by_alias=True)
        return {**data, "sources": self.sources, "requirements": self.requirements.known()}


@dataclass
class Draft:
    """Findings gathered while the rules run; frozen into a Decision at the end."""

    verdict: Verdict | None = None
    infeasible: bool = False
    scenario: ScenarioId | None = None
    base: float = 0.9
    reasons: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    assumptions: list[Finding] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)

    def reason(self, key: str, **values: object) -> None:
        self.reasons.append(_finding(key, values))

    def warn(self, key: str, section: SectionId | None = None, **values: object) -> None:
        self.warnings.append(_finding(key, values, section))

    def assume(self, key: str, **values: object) -> None:
        self.assumptions.append(_finding(key, values))

    def cites(self, section: SectionId) -> bool:
        return any(f.section_id == section for f in (*self.reasons, *self.warnings))

    def finish(self, requirements: Requirements) -> Decision:
        # Every assumption and warning is something the user may have to revisit.
        penalty = 0.1 * len(self.assumptions) + 0.05 * len(self.warnings)
        confidence = round(max(0.3, min(1.0, self.base - penalty)), 2) if self.verdict else 0.0
        return Decision(
            verdict=self.verdict,
            infeasible=self.infeasible and self.verdict is None,
            scenario=self.scenario,
            reasons=self.reasons,
            warnings=self.warnings,
            assumptions=self.assumptions,
            needs=[] if self.verdict or self.infeasible else self.needs,
            confidence=confidence,
            requirements=requirements,
        )


def _finding(key: str, values: dict[str, object], section: SectionId | None = None) -> Finding:
    text = TEXTS[key]
    return Finding(
        text=text.en.format(**values),
        text_zh=text.zh.format(**values),
        section_id=section or text.section,
        key=key,
    )
