"""What a finding's text commits to: the section it cites, the hardware it argues for, the
unknowns it takes for granted and the propositions it asserts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

SectionId = Literal[
    "overview",
    "questions.target",
    "questions.deployment",
    "questions.constraints",
    "scenario.professional",
    "scenario.mobile",
    "scenario.datacenter",
    "scenario.edge",
    "scenario.experimental",
    "pitfall.npu-not-universal",
    "pitfall.gpu-on-device",
    "pitfall.cuda-only",
    "summary",
]
# The hardware a finding argues for: "both" argues for the GPU+NPU split itself.
Stance = Literal["GPU", "NPU", "both", "neutral"]
# Propositions a finding asserts, "-" for the negation: the video is generated on servers,
# cloud or server GPUs are reachable, the NPU can handle the target, it is a large standardized
# batch. Conditional advice ("if the device can get a network...") asserts nothing.
Claim = Literal["server", "-server", "cloud", "-cloud", "npu_fits", "-npu_fits", "batch", "-batch"]


class Text(NamedTuple):
    """One finding's wording and what it commits to."""

    section: SectionId
    stance: Stance
    en: str
    zh: str
    assumes: tuple[str, ...] = ()  # Requirements fields an assumption takes for granted
    claims: tuple[Claim, ...] = ()


def supports(stance: Stance, verdict: str) -> bool:
    """True if a reason with this stance argues for (or does not argue against) the verdict."""
    if stance == "neutral":
        return True
    if stance == "both":
        return verdict == "GPU+NPU"
    return stance in verdict.split("+")


def clashes(claims: Iterable[str]) -> set[str]:
    """The propositions asserted both ways, e.g. {"cloud"} for "cloud" and "-cloud"."""
    said = set(claims)
    return {c for c in said if not c.startswith("-") and f"-{c}" in said}
