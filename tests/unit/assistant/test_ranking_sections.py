"""Section fusion across languages, and jieba with the knowledge's own terms."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.text.ranking import (
    MAX_PER_SECTION,
    domain_words,
    fuse_sections,
    keyworded,
    tokenize,
)

SECTIONS = ["summary", "scenario.edge", "scenario.mobile", "pitfall.cuda-only"]


def _chunk(section: str, lang: str, index: int) -> tuple[str, str, dict[str, Any]]:
    meta = {"section_id": section, "lang": lang, "chunk_index": index, "title": section}
    return f"{lang}/{section}#{index}", f"{section} text {index}", meta


CORPUS = [_chunk(s, lang, i) for s in SECTIONS for lang in ("en", "zh") for i in range(3)]


def _hit(chunk: tuple[str, str, dict[str, Any]]) -> tuple[str, str, dict[str, Any], float]:
    return (*chunk, 1.0)


def test_a_hit_in_the_other_language_returns_the_section_in_the_askers() -> None:
    english_hit = [_hit(_chunk("scenario.edge", "en", 2))]
    passages = fuse_sections([english_hit], "zh", 3, CORPUS)
    assert [(p.section_id, p.lang) for p in passages] == [("scenario.edge", "zh")] * 2
    assert [p.chunk_id for p in passages] == ["zh/scenario.edge#0", "zh/scenario.edge#1"]


def test_two_rankings_agreeing_on_a_section_beat_one_ranking_alone() -> None:
    dense = [_hit(_chunk("summary", "en", 0)), _hit(_chunk("scenario.mobile", "en", 0))]
    sparse = [_hit(_chunk("scenario.mobile", "zh", 1)), _hit(_chunk("summary", "zh", 2))]
    more = [_hit(_chunk("scenario.mobile", "zh", 2))]
    passages = fuse_sections([dense, sparse, more], "zh", 4, CORPUS)
    assert passages[0].section_id == "scenario.mobile"
    assert passages[0].chunk_id == "zh/scenario.mobile#1"  # the best ranked chunk first


def test_a_section_without_the_askers_language_is_returned_as_it_is() -> None:
    only_en = [_chunk("overview", "en", 0)]
    passages = fuse_sections([[_hit(only_en[0])]], "zh", 3, [*CORPUS, *only_en])
    assert [(p.section_id, p.lang) for p in passages] == [("overview", "en")]


rankings = st.lists(
    st.lists(st.sampled_from(CORPUS).map(_hit), max_size=8, unique_by=lambda h: h[0]),
    max_size=3,
)


@given(rankings, st.sampled_from(["en", "zh"]), st.integers(1, 8))
def test_fused_sections_are_capped_ordered_and_in_the_askers_language(
    found: list[list[Any]], language: str, k: int
) -> None:
    passages = fuse_sections(found, language, k, CORPUS)
    assert len(passages) <= k
    assert all(p.lang == language for p in passages)
    sections = [p.section_id for p in passages]
    assert all(sections.count(s) <= MAX_PER_SECTION for s in sections)
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)
    assert set(sections) <= {h[2]["section_id"] for ranking in found for h in ranking}


def test_the_knowledges_chinese_topics_stay_whole_words() -> None:
    words = domain_words(["避坑,兼容性,CUDA", "视频生成,决策框架"])
    assert words == {"避坑", "兼容性", "视频生成", "决策框架"}
    assert "决策框架" in tokenize("这个决策框架怎么用", words)
    assert "决策框架" not in tokenize("这个决策框架怎么用")


def test_chinese_question_words_are_not_search_terms() -> None:
    assert tokenize("用 NPU 生成 10 分钟的视频要多久？") == ["npu", "生成", "10", "分钟", "视频"]


@given(st.sampled_from(["step", "steps", "stepping"]), st.sampled_from(["clip", "clips"]))
def test_stemmed_english_forms_of_a_word_meet(step: str, clip: str) -> None:
    stemmed = tokenize(f"the {step} for {clip}", stem=True)
    assert stemmed == tokenize("the step for clip", stem=True) == ["step", "clip"]
    assert tokenize(f"the {step} for {clip}") == [step, clip]  # unstemmed unless asked


@given(st.text(alphabet="手机视频生成芯片功耗续航长视频", min_size=1, max_size=12))
def test_stemming_leaves_chinese_words_as_jieba_cut_them(text: str) -> None:
    assert tokenize(text, stem=True) == tokenize(text)


@given(st.permutations(["summary", "scenario.edge"]), st.floats(0.1, 0.9))
def test_a_tie_in_rank_fusion_goes_to_the_section_scored_closer_to_each_rankings_best(
    pair: list[str], margin: float
) -> None:
    # Two rankings swap two sections, so their fused ranks tie; `near` is nearly the best in
    # the ranking that puts it second, `far` is well behind in the one that puts it second.
    near, far = pair

    def hit(section: str, score: float) -> tuple[str, str, dict[str, Any], float]:
        return (*_chunk(section, "en", 0)[:2], _chunk(section, "en", 0)[2], score)

    dense = [hit(far, 1.0), hit(near, 1.0 - margin / 10)]
    sparse = [hit(near, 10.0), hit(far, 10.0 * (1 - margin))]
    passages = fuse_sections([dense, sparse], "en", 1, CORPUS)
    assert passages[0].section_id == near


@given(st.permutations(SECTIONS[:2]), st.floats(1.01, 3.0))
def test_the_ranking_with_more_votes_decides_between_two_that_disagree(
    order: list[str], votes: float
) -> None:
    # Two rankings swap two sections: with equal votes they tie, the heavier one's first wins.
    first, second = order
    light = [_hit(_chunk(first, "en", 0)), _hit(_chunk(second, "en", 0))]
    heavy = [_hit(_chunk(second, "en", 0)), _hit(_chunk(first, "en", 0))]
    passages = fuse_sections([light, heavy], "en", 1, CORPUS, weights=(1.0, votes))
    assert passages[0].section_id == second


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "**chipwise's note:** port the model first."),
        ("zh", "**chipwise 补充：** 先移植模型。"),
    ],
)
def test_the_label_of_chipwises_own_advice_is_not_a_search_term(lang: str, note: str) -> None:
    meta = {"lang": lang, "topics": ""}
    indexed = tokenize(keyworded(note, meta, None))
    assert "chipwise" not in indexed
    assert indexed  # the advice itself is still indexed
    assert "chipwise" in tokenize(keyworded(note, meta, None, labels=True))
