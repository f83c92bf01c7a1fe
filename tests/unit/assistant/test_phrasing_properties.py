"""Properties of the reader on generated phrasings (phrasing_strategies.py), EN and ZH."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st
from phrasing_strategies import (
    FILLERS,
    VIEWERS,
    Phrasing,
    en_words,
    negations,
    phrasings,
    zh_numeral,
)

from assistant.rules.requirements import Requirements
from assistant.text.extract import extract, read

# CHIPWISE_PHRASINGS=5000 searches harder; the default keeps the unit run fast.
EXAMPLES = settings(max_examples=int(os.environ.get("CHIPWISE_PHRASINGS", "150")), deadline=None)


def reading(text: str) -> dict[str, object]:
    requirements, _ = Requirements.lenient(extract(text))
    return requirements.known()


def assert_reads(phrasing: Phrasing, text: str | None = None) -> None:
    text = text or phrasing.text
    got = reading(text)
    assert set(got) == set(phrasing.expect), (text, got)
    for name, want in phrasing.expect.items():
        low, high = phrasing.accept.get(name, (want, want))
        if isinstance(want, int):
            assert low <= got[name] <= high, (text, name, got[name])
        else:
            assert got[name] == want, (text, name, got[name])


@EXAMPLES
@given(phrasings())
def test_a_generated_phrasing_reads_as_the_requirements_it_was_written_from(p: Phrasing) -> None:
    assert_reads(p)


@EXAMPLES
@given(phrasings(), st.data())
def test_filler_changes_nothing(p: Phrasing, data: st.DataObject) -> None:
    filler = data.draw(st.sampled_from(FILLERS[p.lang]))
    at = data.draw(st.integers(0, len(p.clauses)))
    assert_reads(p, p.plus(filler, at).text)


@EXAMPLES
@given(phrasings(), st.data())
def test_a_negated_other_value_changes_nothing(p: Phrasing, data: st.DataObject) -> None:
    negation = data.draw(negations(p))
    at = data.draw(st.integers(0, len(p.clauses)))
    assert_reads(p, p.plus(negation, at).text)


@EXAMPLES
@given(phrasings(), st.data())
def test_where_videos_are_watched_is_not_where_they_are_generated(
    p: Phrasing, data: st.DataObject
) -> None:
    viewer = data.draw(st.sampled_from(VIEWERS[p.lang]))
    assert_reads(p, p.plus(viewer).text)


@EXAMPLES
@given(phrasings())
def test_every_reading_names_the_words_it_came_from(p: Phrasing) -> None:
    for r in read(p.text):
        assert r.words and r.words in p.text and r.stated, r


def test_the_number_writers_themselves() -> None:
    assert [en_words(n) for n in (7, 15, 45, 300, 120)] == [
        "seven",
        "fifteen",
        "forty-five",
        "three hundred",
        "one hundred twenty",
    ]
    assert [zh_numeral(n) for n in (2, 10, 15, 20, 35, 300, 105)] == [
        "两",
        "十",
        "十五",
        "二十",
        "三十五",
        "三百",
        "一百零五",
    ]


@EXAMPLES
@given(
    st.integers(2, 900_000),
    st.sampled_from(["every day", "each day", "per day", "daily"]),
    st.booleans(),
    st.sampled_from(["clips", "videos", "ads"]),
)
def test_a_daily_volume_reads_with_the_day_before_or_after_it(
    n: int, day: str, day_first: bool, noun: str
) -> None:
    count = f"{n:,}" if n % 2 else str(n)
    text = (
        f"{day.capitalize()} our data center renders {count} templated {noun}."
        if day_first
        else f"Our data center renders {count} templated {noun} {day}."
    )
    assert reading(text).get("videos_per_day") == n, text
