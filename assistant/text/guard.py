"""The consistency guard: the prose must state the Decision's verdict and cite only known ids.

Small models contradict their own inputs (given passages saying NPU for a phone, a 1.5B model
may conclude "GPU"), so the text is checked, not trusted. What counts as stating a verdict:
a recommending phrase ("Recommendation: NPU", "we recommend a GPU", "选择NPU", "建议使用GPU")
naming a hardware; a negated one ("not a GPU", "而不是GPU") does not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.rules.decision import Decision
from assistant.text.evidence import unsupported_figures

# Anything shaped like an id counts, so an invented one ("[cuda_only_model.mobile]") is
# caught, not shown; a Markdown link's text is not a citation.
CITATION = re.compile(r"\[([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)*)\](?!\()")
_HARDWARE = r"(GPU\s*\+\s*NPU|GPU\s*(?:and|&|与|和|加)\s*NPU|NPU|GPU)"
_RECOMMEND = (
    r"(?:recommendation|verdict|recommend(?:ed|s)?|choose|choice|go with|pick|opt for|"
    r"should (?:use|run|pick|choose|go with)|best (?:option|choice|fit) is"
    r"|推荐|建议(?:使用|用|选择|选用)?|选择|选用|优先选|应(?:该)?(?:使用|用|选)|结论|最佳选择是?)"
)
_STATEMENT = re.compile(
    _RECOMMEND + r"[\s:：*_\-–—,，\"'“”「」()（）]{0,6}(?:(?:an?|the|to|be)\s+){0,2}" + _HARDWARE,
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"(?:\bnot\b|n't|\bnever\b|\bavoid\b|\binstead of\b|\brather than\b|\bno\b|不要|不|别|避免|而不是|而非)"
    r"[^.。;；\n]{0,12}$",
    re.IGNORECASE,
)


# A small model offered tools may write a call out as JSON instead of answering.
_CALL_AS_TEXT = re.compile(r"recommend_hardware|\"arguments\"\s*:|<tool_call>", re.IGNORECASE)


def _canonical(hardware: str) -> str:
    upper = re.sub(r"\s+", "", hardware.upper())
    return "GPU+NPU" if ("GPU" in upper and "NPU" in upper) else upper


def stated_verdicts(text: str) -> list[str]:
    """Hardware the text recommends, in order (negated mentions are ignored)."""
    found: list[str] = []
    for match in _STATEMENT.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()]
        if _NEGATION.search(before + match.group(0)[: -len(match.group(1))]):
            continue
        found.append(_canonical(match.group(1)))
    return found


def contradictions(text: str, verdict: str) -> list[str]:
    """Hardware the text recommends against `verdict`, sorted (GPU+NPU's parts are consistent)."""
    return _against(stated_verdicts(text), verdict)


def citations(text: str) -> list[str]:
    """Section ids cited as [section.id], first occurrence first."""
    return list(dict.fromkeys(CITATION.findall(text)))


def strip_citations(text: str) -> str:
    """The text without its [section.id] citations (ids are not prose)."""
    return CITATION.sub("", text)


@dataclass
class Verdict:
    """What the guard found: problems (empty when the text may ship) and the cited ids."""

    problems: list[str] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(
    text: str, decision: Decision | None, allowed_ids: Iterable[str], sources: Iterable[str] = ()
) -> Verdict:
    """Check prose against the Decision, the ids it may cite and, given `sources` (the texts
    the answer may draw on), the figures it states."""
    allowed = set(allowed_ids)
    known = list(sources)
    cited = citations(text)
    problems = [
        f"cites [{cid}], which is neither retrieved nor in the decision"
        for cid in cited
        if cid not in allowed
    ]
    if not text.strip():
        problems.append("the answer is empty")
    if _CALL_AS_TEXT.search(text):
        problems.append("the answer is a function call written out, not prose")
    if known:
        problems += [
            f"states {n} as a figure, which no source gives"
            for n in unsupported_figures(text, known)
        ]
    if decision is not None and decision.verdict is not None:
        stated = stated_verdicts(text)
        wrong = _against(stated, decision.verdict)
        if wrong:
            problems.append(
                f"the text recommends {', '.join(wrong)} but the decision is {decision.verdict}"
            )
        if decision.verdict not in stated:
            problems.append(f"the text does not state the decision ({decision.verdict})")
    return Verdict(problems=problems, cited=[c for c in cited if c in allowed])


def _against(stated: list[str], verdict: str) -> list[str]:
    # In a GPU+NPU plan, recommending each for its own part is consistent.
    parts = ("GPU", "NPU") if verdict == "GPU+NPU" else ()
    return sorted({s for s in stated if s != verdict and s not in parts})
