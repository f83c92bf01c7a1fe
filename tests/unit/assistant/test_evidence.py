"""Sources attached by rule: quotes, the key figure carried into the prose, unsupported figures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.rules.decision import recommend_hardware
from assistant.rules.requirements import Requirements
from assistant.text.evidence import (
    asks_quantity,
    carried,
    key_quote,
    names,
    numbers,
    quotes,
    refuses,
    sentences,
    unsupported_figures,
)
from assistant.text.guard import check
from assistant.types import Passage, Quote

MOBILE_EN = Passage(
    "m/en",
    "scenario.mobile",
    "Mobile",
    "knowledge/en/scenario.mobile.md",
    "en",
    "## Why an NPU\n- **Energy efficiency.** An NPU has 2–5× the energy efficiency of a GPU. "
    "Generating a 10 s 720p clip on a phone takes only 0.5 Wh, about 1 % of a phone battery.\n"
    "- The NPU is part of the phone's system-on-chip, for example Snapdragon chips.",
    1.0,
)
MOBILE_ZH = Passage(
    "m/zh",
    "scenario.mobile",
    "移动端",
    "knowledge/zh/scenario.mobile.md",
    "zh",
    "## 为什么是 NPU\n- NPU 的能效是 GPU 的 2–5 倍。在手机上生成一段 10 秒的 720P 视频只需 0.5 Wh,"
    "约占手机电池的 1%。\n- NPU 是手机芯片的一部分。",
    1.0,
)
EDGE = Passage(
    "e/en",
    "scenario.edge",
    "Edge",
    "knowledge/en/scenario.edge.md",
    "en",
    "Edge boxes run within a 10 W power budget. They sit next to the camera.",
    0.5,
)

# Paraphrase groups: each asks for a quantity (or does not), in English and Chinese.
ASKS = [
    "How much battery does a 10 s 720p clip use on a phone?",
    "how many watt-hours for a ten-second phone clip?",
    "How efficient is an NPU compared with a GPU?",
    "一段10秒720P视频在手机上耗电多少?",
    "NPU 的能效是 GPU 的几倍?",
    "手机生成视频要多久?",
]
DOES_NOT_ASK = [
    "Which phone chips have an NPU?",
    "What is an NPU?",
    "哪些手机芯片带 NPU?",
    "NPU 是什么?",
]


def test_sentences_split_lines_and_sentences_without_marks() -> None:
    found = sentences(MOBILE_EN.text)
    assert found[:2] == ["Energy efficiency.", "An NPU has 2–5× the energy efficiency of a GPU."]
    assert found[2].startswith("Generating a 10 s 720p clip") and "**" not in "".join(found)
    assert not any(s.startswith("Why an NPU") for s in found)
    assert sentences(MOBILE_ZH.text)[:2] == [
        "NPU 的能效是 GPU 的 2–5 倍。",
        "在手机上生成一段 10 秒的 720P 视频只需 0.5 Wh,约占手机电池的 1%。",
    ]


@pytest.mark.parametrize("question", ASKS)
def test_questions_asking_for_a_quantity(question: str) -> None:
    assert asks_quantity(question)


@pytest.mark.parametrize("question", DOES_NOT_ASK)
def test_questions_not_asking_for_a_quantity(question: str) -> None:
    assert not asks_quantity(question)


@pytest.mark.parametrize(
    ("question", "passages", "figure"),
    [
        ("How much battery does a 10 s 720p clip use on a phone?", [EDGE, MOBILE_EN], "0.5"),
        ("一段10秒720P视频在手机上耗电多少?", [MOBILE_ZH], "0.5"),
        ("How much power may an edge box draw?", [MOBILE_EN, EDGE], "10"),
    ],
)
def test_key_quote_is_the_sentence_with_the_asked_figure(question, passages, figure) -> None:  # type: ignore[no-untyped-def]
    key = key_quote(question, passages)
    assert key is not None and figure in numbers(key.sentence)
    assert key.sentence in sentences(
        next(p for p in passages if p.section_id == key.section_id).text
    )


def test_no_key_quote_when_no_quantity_is_asked() -> None:
    assert key_quote("Which phone chips have an NPU?", [MOBILE_EN]) is None


EXPERIMENTAL = Passage(
    "x/en",
    "scenario.experimental",
    "Experimental",
    "knowledge/en/scenario.experimental.md",
    "en",
    "An NPU has to wait for the model adaptation toolchain, and that may take weeks. "
    "A 10-minute video may need several hours.",
    1.0,
)


@pytest.mark.parametrize(
    "question",
    [
        "How long before an NPU toolchain supports a brand-new model?",
        "how long does adapting a new model to the NPU toolchain take",
    ],
)
def test_an_amount_in_words_answers_a_quantity_question(question: str) -> None:
    key = key_quote(question, [EXPERIMENTAL])
    assert key is not None and "weeks" in key.sentence


DATACENTER_ZH = Passage(
    "d/zh",
    "scenario.datacenter",
    "数据中心",
    "knowledge/zh/scenario.datacenter.md",
    "zh",
    "批量制作电商短视频或新闻片段,需要两种芯片配合:NPU 集群负责规模化推理。\n"
    "- 推理硬件:昇腾310B 集群。",
    1.0,
)


@pytest.mark.parametrize(
    ("question", "passage", "name", "prose", "lang"),
    [
        (q, MOBILE_EN, "Snapdragon", "Phones have an NPU in their chip.", "en")
        for q in (
            "Which phone chips have an NPU built into the system-on-chip?",
            "Name a phone system-on-chip with an NPU.",
        )
    ]
    + [
        (q, DATACENTER_ZH, "310B", "资料里没有给出具体型号的说明。", "zh")
        for q in (
            "数据中心方案里负责规模化推理的NPU集群,资料里举的是哪款芯片?",
            "规模化推理的NPU集群用哪种芯片?",
        )
    ],
)
def test_a_question_asking_for_a_name_gets_the_sentence_that_names_one(  # type: ignore[no-untyped-def]
    question, passage, name, prose, lang
) -> None:
    key = key_quote(question, [passage], factual=True)
    assert key is not None and name in key.sentence
    out = carried(prose, key, lang)
    assert name in out and f"[{passage.section_id}]" in out
    kept = f"{name} chips have one."
    assert carried(kept, key, lang) == kept


def test_names_are_proper_names_and_model_numbers_not_units() -> None:
    found = names(
        "Cards like the RTX 4090 or H100, chips such as Snapdragon, TensorRT at 720P 4K 10W"
    )
    assert found == {"h100", "snapdragon", "tensorrt"}
    assert names("推理硬件:昇腾310B 集群,720P 视频") == {"310b"}


@pytest.mark.parametrize(
    ("refusal", "lang"),
    [
        ("Not in my knowledge base.", "en"),
        ("The passages do not mention it.", "en"),
        ("知识库中没有这方面的内容。", "zh"),
        ("资料中没有提到具体型号。", "zh"),
    ],
)
def test_a_refusal_despite_a_matching_sentence_gives_way_to_it(refusal: str, lang: str) -> None:
    key = Quote("scenario.experimental", "That may take weeks.")
    out = carried(refusal, key, lang)
    assert refusal not in out and out.endswith("“That may take weeks.”")
    assert carried(refusal, None, lang) == refusal  # nothing matched: the refusal stands


def test_a_lost_figure_is_carried_as_a_cited_quote() -> None:
    key = Quote("scenario.mobile", "Generating a 10 s 720p clip takes only 0.5 Wh.")
    prose = "It uses very little battery [scenario.mobile]."
    out = carried(prose, key, "en")
    assert out.startswith(prose) and out.endswith(
        "“Generating a 10 s 720p clip takes only 0.5 Wh.”"
    )
    assert "[scenario.mobile]" in out.split(prose)[1]
    kept = "A 10 s 720p clip takes 0.5 Wh [scenario.mobile]."
    assert carried(kept, key, "en") == kept and carried(prose, None, "en") == prose


@given(st.text(max_size=200), st.text(alphabet="0123456789. WhsSnapdrgo", max_size=40))
def test_carried_always_keeps_the_prose_and_every_figure_of_the_quote(prose, sentence) -> None:  # type: ignore[no-untyped-def]
    key = Quote("scenario.mobile", sentence)
    out = carried(prose, key, "en")
    assert out.startswith(prose) or refuses(prose)
    assert numbers(sentence) <= numbers(out) and names(sentence) <= names(out)
    assert carried(out, key, "en") == out  # carrying twice adds nothing


def test_quotes_cover_the_findings_sections_then_the_passages_the_prose_used() -> None:
    decision = recommend_hardware(
        Requirements(resolution="720p", duration_seconds=10, deployment="mobile")
    )
    prose = "Recommendation: NPU. An NPU is 2–5× as efficient; edge boxes stay within 10 W."
    found = quotes(prose, [MOBILE_EN, EDGE], decision, "en")
    ids = [q.section_id for q in found]
    assert ids[: len(decision.sources)] == decision.sources[: len(ids)]
    assert "scenario.edge" in ids and set(decision.sources) <= set(ids)
    assert quotes("Unrelated words only.", [EDGE], None, "en") == []


def test_unsupported_figures_are_those_no_source_states() -> None:
    sources = [MOBILE_EN.text, "Phone app, 10 s clips at 720p"]
    assert unsupported_figures("A clip takes 0.5 Wh and 10 s; NPUs are 2× better.", sources) == []
    assert unsupported_figures("A clip takes 7 Wh, 40 % of the battery, 7 Wh.", sources) == [
        "7",
        "40",
    ]
    assert unsupported_figures("Step 3: try it on 2 phones.", sources) == []  # no unit: not checked


def test_the_guard_flags_an_invented_figure_only_when_given_sources() -> None:
    invented = "Recommendation: NPU. It takes 7 Wh [scenario.mobile]."
    decision = recommend_hardware(Requirements(deployment="mobile", resolution="720p"))
    assert check(invented, decision, {"scenario.mobile"}).ok
    flagged = check(invented, decision, {"scenario.mobile"}, [MOBILE_EN.text])
    assert flagged.problems == ["states 7 as a figure, which no source gives"]


@pytest.mark.parametrize(
    "question",
    [
        "How much more energy-efficient is a phone's NPU than its GPU at generating video?",
        "How efficient is an NPU compared with a GPU on a phone?",
        "how much more efficiently does the NPU work than the GPU?",
    ],
)
def test_word_forms_meet_in_the_key_quote(question: str) -> None:
    key = key_quote(question, [MOBILE_EN])
    assert key is not None and key.sentence.startswith("An NPU has 2–5×")


@pytest.mark.parametrize(
    "text",
    [
        '```json\n{"name": "recommend_hardware", "arguments": {"deployment": "mobile"}}\n```',
        '{"arguments": {"resolution": "720p"}}',
        "<tool_call> {} </tool_call>",
    ],
)
def test_the_guard_refuses_a_call_written_out_as_prose(text: str) -> None:
    verdict = check(text, None, set())
    assert "the answer is a function call written out, not prose" in verdict.problems
