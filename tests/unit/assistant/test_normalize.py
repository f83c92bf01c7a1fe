"""Loose English and Chinese values normalise to canonical requirements, or fail clearly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from assistant.rules.normalize import parse_duration, zh_number
from assistant.rules.requirements import Requirements, parse_assignments

LOOSE = [
    ("resolution", "4K", "4k"),
    ("resolution", "2160p", "4k"),
    ("resolution", "UHD", "4k"),
    ("resolution", "超高清", "4k"),
    ("resolution", "3840x2160", "4k"),
    ("resolution", "3840 × 2160", "4k"),
    ("resolution", "4K超高清", "4k"),
    ("resolution", "８Ｋ", "8k"),
    ("resolution", "8K", "8k"),
    ("resolution", "1080p", "1080p"),
    ("resolution", "FHD", "1080p"),
    ("resolution", "Full HD", "1080p"),
    ("resolution", "全高清", "1080p"),
    ("resolution", "1920x1080", "1080p"),
    ("resolution", "1080x1920", "1080p"),
    ("resolution", 1080, "1080p"),
    ("resolution", "HD", "720p"),
    ("resolution", "720P", "720p"),
    ("resolution", "高清", "720p"),
    ("resolution", "1440p", "2k"),
    ("resolution", "标清", "480p"),
    ("duration_seconds", "90s", 90),
    ("duration_seconds", "2 minutes", 120),
    ("duration_seconds", "2 min", 120),
    ("duration_seconds", "1.5 hours", 5400),
    ("duration_seconds", "1h30m", 5400),
    ("duration_seconds", "1:30", 90),
    ("duration_seconds", "half an hour", 1800),
    ("duration_seconds", "ten seconds", 10),
    ("duration_seconds", "两分钟", 120),
    ("duration_seconds", "5分钟以上", 300),
    ("duration_seconds", "十秒", 10),
    ("duration_seconds", "30秒", 30),
    ("duration_seconds", "一个半小时", 5400),
    ("duration_seconds", "两分半", 150),
    ("duration_seconds", "1分30秒", 90),
    ("duration_seconds", "几秒", 5),
    ("duration_seconds", "45", 45),
    ("duration_seconds", 12.4, 12),
    # Strict upper bounds read strictly below; an inclusive bound reads the bound itself.
    ("duration_seconds", "under five minutes", 299),
    ("duration_seconds", "shorter than 300 seconds", 299),
    ("duration_seconds", "5分钟以下", 299),
    ("duration_seconds", "不到5分钟", 299),
    ("duration_seconds", "less than 5 min", 299),
    ("duration_seconds", "at most a minute", 60),
    ("duration_seconds", "不超过1分钟", 60),
    # Approximate Chinese amounts: a tens number with 多/几/来 is near that number.
    ("duration_seconds", "十多分钟", 900),
    ("duration_seconds", "二十来分钟", 1200),
    ("duration_seconds", "三十多秒", 35),
    ("duration_seconds", "一个多小时", 5400),
    ("duration_seconds", "二十几分钟", 1500),
    ("duration_seconds", "十几秒", 15),
    # Ranges read their upper end; spelled-out and hedged amounts read their number.
    ("duration_seconds", "30–60 s", 60),
    ("duration_seconds", "1到2分钟", 120),
    ("duration_seconds", "between 1 and 2 minutes", 120),
    ("duration_seconds", "半分钟到一分钟", 60),
    ("duration_seconds", "半小时", 1800),
    ("duration_seconds", "a couple of minutes", 120),
    ("duration_seconds", "two and a half minutes", 150),
    ("duration_seconds", "a minute and a half", 90),
    ("duration_seconds", "three hundred seconds", 300),
    ("duration_seconds", "roughly 8 seconds", 8),
    ("duration_seconds", "大概30分钟", 1800),
    ("duration_seconds", "20分钟左右", 1200),
    ("duration_seconds", "10+ minutes", 600),
    ("duration_seconds", "just over an hour", 3600),
    ("duration_seconds", "5:00", 300),
    ("duration_seconds", "不少于5分钟", 300),
    ("duration_seconds", "sub-5-minute", 299),
    ("duration_seconds", "一刻钟", 900),
    ("duration_seconds", "a quarter of an hour", 900),
    ("power_budget_watts", "five watts", 5.0),
    ("videos_per_day", "two hundred", 200),
    ("fps", "60fps", 60),
    ("fps", "30 FPS", 30),
    ("fps", "每秒60帧", 60),
    ("fps", "二十四帧", 24),
    ("deployment", "phone", "mobile"),
    ("deployment", "smartphone", "mobile"),
    ("deployment", "tablet", "mobile"),
    ("deployment", "an Android phone", "mobile"),
    ("deployment", "手机", "mobile"),
    ("deployment", "平板", "mobile"),
    ("deployment", "移动端", "mobile"),
    ("deployment", "drone", "edge"),
    ("deployment", "camera", "edge"),
    ("deployment", "security camera", "edge"),
    ("deployment", "IoT", "edge"),
    ("deployment", "无人机", "edge"),
    ("deployment", "摄像头", "edge"),
    ("deployment", "边缘", "edge"),
    ("deployment", "data center", "datacenter"),
    ("deployment", "数据中心", "datacenter"),
    ("deployment", "server farm", "datacenter"),
    ("deployment", "云端数据中心", "datacenter"),
    ("deployment", "cloud", "cloud"),
    ("deployment", "云端", "cloud"),
    ("workload", "generation", "inference"),
    ("workload", "推理", "inference"),
    ("workload", "fine-tuning", "training"),
    ("workload", "训练和推理", "both"),
    ("workload", "training and inference", "both"),
    ("videos_per_day", "20k", 20_000),
    ("videos_per_day", "20,000/day", 20_000),
    ("videos_per_day", "2万", 20_000),
    ("videos_per_day", "两万", 20_000),
    ("videos_per_day", "数万条", 20_000),
    ("videos_per_day", "tens of thousands", 20_000),
    ("power_budget_watts", "10W", 10.0),
    ("power_budget_watts", "under 5 watts", 5.0),
    ("power_budget_watts", "500mW", 0.5),
    ("power_budget_watts", "十瓦", 10.0),
    ("power_budget_watts", 3, 3.0),
    ("templated", "yes", True),
    ("templated", "no", False),
    ("templated", "true", True),
    ("templated", "是", True),
    ("templated", "否", False),
    ("battery_powered", 1, True),
    ("offline", "False", False),
    ("preferred_hardware", "npu please", "NPU"),
    ("preferred_hardware", "显卡", "GPU"),
    ("resolution", "unknown", None),
    ("deployment", "不知道", None),
    ("fps", "", None),
]


@pytest.mark.parametrize(("field", "loose", "expected"), LOOSE)
def test_loose_values_normalise(field: str, loose: object, expected: object) -> None:
    assert getattr(Requirements.model_validate({field: loose}), field) == expected


@pytest.mark.parametrize(
    ("field", "bad", "hint"),
    [
        ("resolution", "blurry", "480p, 720p, 1080p, 2k, 4k, 8k (also accepted: 4K, 2160p, UHD"),
        ("deployment", "the moon", "cloud, datacenter, edge, mobile (also accepted: phone"),
        ("workload", "vibes", "inference, training, both"),
        ("duration_seconds", "soon", "'2 minutes'"),
        ("duration_seconds", 0, "greater than zero"),
        ("fps", "smooth", "frame rate"),
        ("power_budget_watts", "a lot", "watts"),
        ("videos_per_day", "many", "count"),
        ("templated", "maybe", "yes, no, true, false, 是, 否"),
        ("preferred_hardware", "TPU", "GPU, NPU"),
    ],
)
def test_unknown_values_say_what_is_allowed(field: str, bad: object, hint: str) -> None:
    with pytest.raises(ValidationError) as error:
        Requirements.model_validate({field: bad})
    assert f"{field} {bad!r}" in str(error.value)
    assert hint in str(error.value)


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Requirements.model_validate({"resolutoin": "4k"})


def test_requirements_are_frozen() -> None:
    with pytest.raises(ValidationError):
        Requirements(resolution="4k").resolution = "8k"


def test_parse_assignments_with_aliases() -> None:
    parsed = parse_assignments(
        ["deployment=mobile", "resolution=720p", "duration=10s", "watts=5W", "cuda_only=yes"]
    )
    assert parsed.known() == {
        "deployment": "mobile",
        "resolution": "720p",
        "duration_seconds": 10,
        "power_budget_watts": 5.0,
        "cuda_only_model": True,
    }


def test_parse_assignments_names_the_unknown_key_and_lists_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown requirement 'colour'.*resolution.*duration"):
        parse_assignments(["colour=red"])
    with pytest.raises(ValueError, match="key=value"):
        parse_assignments(["4k"])


def test_parse_assignments_bad_value_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="resolution 'fuzzy'"):
        parse_assignments(["res=fuzzy"])


def test_merged_with_newer_fields_win_and_older_ones_stay() -> None:
    earlier = Requirements(deployment="mobile", resolution="720p")
    later = Requirements(resolution="1080p", duration_seconds=8)
    merged = earlier.merged_with(later)
    assert merged.known() == {"deployment": "mobile", "resolution": "1080p", "duration_seconds": 8}
    assert earlier.merged_with(Requirements()) == earlier


@given(st.integers(min_value=1, max_value=10_000))
def test_durations_in_any_unit(n: int) -> None:
    assert parse_duration(f"{n}s") == n
    assert parse_duration(f"{n} minutes") == 60 * n
    assert parse_duration(f"{n}分钟") == 60 * n
    assert parse_duration(n) == n


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("十五", 15), ("二十", 20), ("一百二十", 120), ("两万", 20_000), ("半", 0.5)],
)
def test_chinese_numerals(text: str, value: float) -> None:
    assert zh_number(text) == value
