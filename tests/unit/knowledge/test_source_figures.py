"""The knowledge base keeps every figure of the decision framework it restates, in both languages.

The framework's figures are written down here as data (the framework itself is not part of the
project), each with the spellings that are natural in English and in Chinese. Next to them: the
over-claims that once crept in and must not come back, and the vocabulary of chipwise's own
advice, which may only appear in a paragraph labelled as such.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from assistant import SECTION_IDS

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
LANGS = ("en", "zh")
# A paragraph of chipwise's own advice starts with this label (bold markers are ignored).
LABELS = {"en": re.compile(r"^chipwise's note:"), "zh": re.compile(r"^chipwise 补充[：:]")}

# (what the figure is, English spellings, Chinese spellings). Patterns are regular expressions
# matched against lower-cased, NFKC-normalised text with one kind of dash; a space in a pattern
# stands for optional whitespace. Thresholds keep their boundary: "and more" is inclusive.
FIGURES: list[tuple[str, list[str], list[str]]] = [
    ("three key questions", [r"three questions"], [r"三个问题"]),
    ("five scenarios", [r"covers five"], [r"覆盖五类"]),
    ("three pitfalls", [r"three pitfalls"], [r"三条避坑提醒"]),
    ("resolution 720p", [r"720p"], [r"720p"]),
    ("resolution 1080p", [r"1080p"], [r"1080p"]),
    ("resolution 4K", [r"4k"], [r"4k"]),
    ("resolution 8K", [r"8k"], [r"8k"]),
    ("4K/8K together", [r"4k/8k"], [r"4k/8k"]),
    ("frame rate 30 fps", [r"30 fps"], [r"30 fps"]),
    ("frame rate 60 fps", [r"60 fps"], [r"60 fps"]),
    ("length in seconds (question 1)", [r"(?m)^- seconds"], [r"(?m)^- 几秒"]),
    ("length in minutes (question 1)", [r"(?m)^- minutes"], [r"(?m)^- 几分钟"]),
    ("professional: 30 s and more", [r"30 s (?:and|or) more"], [r"30 秒及以上"]),
    ("professional: 1080p/4K", [r"1080p/4k", r"1080p or 4k"], [r"1080p/4k", r"1080p 或 4k"]),
    (
        "about ten million pixels per frame",
        [r"on the order of ten million pixels"],
        [r"千万级像素"],
    ),
    (
        "a 4K frame within 0.1 s",
        [r"0\.1 s or less", r"within 0\.1 s"],
        [r"0\.1 秒以内", r"0\.1 秒内"],
    ),
    ("mobile: 720p/1080p", [r"720p/1080p", r"720p or 1080p"], [r"720p/1080p", r"720p 或 1080p"]),
    ("mobile: 10 s or less", [r"10 s or less"], [r"10 秒以内"]),
    ("NPU efficiency 2-5x a GPU", [r"2-5 ?×"], [r"2-5 倍"]),
    ("a 10 s 720p clip", [r"10 s 720p"], [r"10 秒的? ?720p"]),
    ("0.5 Wh for that clip", [r"only 0\.5 wh"], [r"只需 0\.5 wh"]),
    ("about 1 % of a phone battery", [r"about 1 % of a phone battery"], [r"约占手机电池的 1 ?%"]),
    ("a GPU may use 2-3x the energy", [r"gpu may use 2-3 ?×"], [r"可能是它的 2-3 倍"]),
    ("latency < 1 s", [r"< 1 s(?![a-z])"], [r"< 1 秒"]),
    (
        "tens of thousands of videos a day",
        [r"tens of thousands of videos per day"],
        [r"每天数万条"],
    ),
    ("NPU saves 30-50 % energy", [r"30-50 ?%"], [r"30-50 ?%"]),
    ("edge: 720p or less", [r"720p or less"], [r"720p 以内"]),
    ("edge: a few seconds", [r"a few seconds"], [r"几秒"]),
    ("edge NPU usually < 10 W", [r"usually draw < 10 w"], [r"通常 < 10 w"]),
    ("edge NPU even < 1 W", [r"even < 1 w(?![a-z])"], [r"甚至 < 1 w(?![a-z])"]),
    ("NPU toolchain may take weeks", [r"may take weeks"], [r"数周"]),
    ("long: 5 minutes and more", [r"5 minutes and more"], [r"5 分钟及以上"]),
    ("a 10-minute video", [r"10-minute video"], [r"10 分钟的视频"]),
    ("may need several hours", [r"may need several hours"], [r"可能需要几个小时"]),
    ("1 hour of video drains a phone", [r"1 hour of video"], [r"1 小时的视频"]),
]

# Named examples: hardware, chips, models, tools. (English, Chinese) spellings.
NAMES: list[tuple[str, str]] = [
    ("rtx 4090", "rtx 4090"),
    ("h100", "h100"),
    ("a100", "a100"),
    ("ascend 310b", "昇腾 ?310b"),
    ("snapdragon", "骁龙"),
    ("dimensity", "天玑"),
    (r"\(soc\)", r"\(soc\)"),
    ("sora", "sora"),
    ("pika", "pika"),
    ("stable video diffusion", "stable video diffusion"),
    ("tiny video diffusion", "tiny video diffusion"),
    ("temporal attention", "时序注意力"),
    ("3d convolution", "3d 卷积"),
    ("transformer", "transformer"),
    ("pytorch", "pytorch"),
    ("tensorflow", "tensorflow"),
    ("diffusers", "diffusers"),
    ("cuda profiler", "cuda profiler"),
    ("tensorrt", "tensorrt"),
    ("cuda", "cuda"),
]

# Over-claims that were removed: none may come back, anywhere (labelled notes included).
BANNED: dict[str, list[tuple[str, str]]] = {
    "en": [
        (r"outrank", "compatibility is not ranked above the other factors"),
        (r"before anything else", "compatibility is not ranked above the other factors"),
        (r"tens of millions", "per-frame computation is on the order of ten million pixels"),
        (r"\boften\b", "the framework's hedges are 'may' and 'usually'"),
        (r"\balways\b", "the framework's hedges are 'may' and 'usually'"),
        (r"over 5 min|more than 5 min|longer than 5 min", "it is 5 minutes and more"),
        (r"past (?:roughly |about )?5|roughly 5|about 5 min", "the 5-minute mark is not vague"),
        (r"under (?:about )?10 s|about 10 s", "mobile clips are 10 s or less"),
        (r"doubles the number of frames|double the frames", "there is no frame-rate rule"),
        (r"anything that runs on a battery", "the rule is about phones and edge devices"),
        (r"fine-tun", "the GPUs train the model"),
        (r"out of proportion", "generation may take too long"),
        (r"\bmains\b", "not part of the framework"),
        (r"about 0\.5 wh", "the clip takes 0.5 Wh; 'about' belongs to the 1 %"),
        (r"not yet public", "the model is not open source"),
        (r"tensorrt-style", "the example is a TensorRT conversion"),
    ],
    "zh": [
        (r"优先级高于", "兼容性并未排在其他因素之上"),
        (r"再谈其他", "兼容性并未排在其他因素之上"),
        (r"数千万", "每帧是千万级像素"),
        (r"往往|常常|经常|总是", "原有的限定词是“可能”“通常”"),
        (r"超过 ?约? ?5 ?分钟|5 ?分钟以上", "应为 5 分钟及以上"),
        (r"约 ?5 ?分钟", "5 分钟不是约数"),
        (r"10 ?秒左右|不超过约", "手机短片是 10 秒以内"),
        (r"翻一倍|翻倍", "没有帧率规则"),
        (r"任何靠电池", "规则针对手机和边缘设备"),
        (r"微调", "GPU 负责训练"),
        (r"不成比例", "生成时间可能过长"),
        (r"接市电", "不在决策框架之内"),
        (r"约 ?0\.5 ?wh", "0.5 Wh 不是约数,“约”属于 1%"),
        (r"类似 ?tensorrt", "例子就是 TensorRT 转换"),
    ],
}

# Words only chipwise's own advice uses: a paragraph holding one must carry the label.
PROJECT_ADVICE: dict[str, list[str]] = {
    "en": [
        r"\bcloud gpus?\b",
        r"\bgpus? in the cloud\b",
        r"\bgpu servers?\b",
        r"\bport(?:s|ed|ing)?\b",
        r"\boffload",
        r"\bworkstation",
        r"conversion path",
        r"finished (?:video|file)",
        r"\brevisit",
        r"model is stable|stabilis|stabiliz",
        r"custom cuda",
        r"threshold",
    ],
    "zh": [
        r"云端 ?(?:用 ?)?gpu",
        r"gpu 服务器",
        r"移植",
        r"卸载",
        r"工作站",
        r"转换路径",
        r"成品视频",
        r"重新评估",
        r"稳定下来",
        r"自定义 ?cuda",
        r"传到设备",
        r"门槛",
    ],
}


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[‐‑‒–—−~～]", "-", text).replace("*", "")
    return re.sub(r"[ \t]+", " ", text)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace(" ", r"\s*"))


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n", text, re.DOTALL)
    assert match, f"{path} has no front matter"
    return text[match.end() :]


def _front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---", 2)[1]


def _paragraphs(body: str) -> list[str]:
    """Runs of text lines; blank lines and headings end a paragraph."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in body.splitlines():
        if not line.strip() or line.startswith("#"):
            if current:
                paragraphs.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _file(lang: str, section: str) -> Path:
    return KNOWLEDGE / lang / f"{section}.md"


def _text(lang: str) -> str:
    return "\n".join(_normalise(_body(_file(lang, s))) for s in SECTION_IDS)


def _labelled(lang: str, paragraph: str) -> bool:
    return bool(LABELS[lang].match(_normalise(paragraph).strip()))


def _found(patterns: list[str], text: str) -> bool:
    return any(_compile(p).search(text) for p in patterns)


def test_both_languages_hold_the_same_sections() -> None:
    for lang in LANGS:
        names = sorted(p.stem for p in (KNOWLEDGE / lang).glob("*.md"))
        assert names == sorted(SECTION_IDS), lang
        for section in SECTION_IDS:
            front = _front_matter(_file(lang, section))
            assert re.search(rf"^id: {re.escape(section)}$", front, re.M), (lang, section)
            assert re.search(rf"^lang: {lang}$", front, re.M), (lang, section)


@pytest.mark.parametrize("section", SECTION_IDS)
def test_both_languages_have_the_same_headings_and_notes(section: str) -> None:
    shapes = []
    for lang in LANGS:
        body = _body(_file(lang, section))
        levels = [line.split(" ", 1)[0] for line in body.splitlines() if line.startswith("#")]
        notes = [_labelled(lang, p) for p in _paragraphs(body)]
        shapes.append((levels, notes.count(True)))
    assert shapes[0] == shapes[1], f"{section}: en and zh differ in headings or labelled notes"


@pytest.mark.parametrize(("figure", "en", "zh"), FIGURES, ids=[f[0] for f in FIGURES])
def test_every_figure_is_in_both_languages(figure: str, en: list[str], zh: list[str]) -> None:
    assert _found(en, _text("en")), f"English knowledge lacks: {figure}"
    assert _found(zh, _text("zh")), f"Chinese knowledge lacks: {figure}"


@pytest.mark.parametrize(("en", "zh"), NAMES, ids=[n[0] for n in NAMES])
def test_every_named_example_is_in_both_languages(en: str, zh: str) -> None:
    assert _compile(en).search(_text("en")), f"English knowledge lacks: {en}"
    assert _compile(zh).search(_text("zh")), f"Chinese knowledge lacks: {zh}"


@pytest.mark.parametrize("section", SECTION_IDS)
def test_each_section_carries_the_same_figures_in_both_languages(section: str) -> None:
    en_text = _normalise(_body(_file("en", section)))
    zh_text = _normalise(_body(_file("zh", section)))
    en_has = {name for name, en, _ in FIGURES if _found(en, en_text)}
    zh_has = {name for name, _, zh in FIGURES if _found(zh, zh_text)}
    assert en_has == zh_has, f"{section}: only en {en_has - zh_has}, only zh {zh_has - en_has}"


@pytest.mark.parametrize("lang", LANGS)
def test_removed_over_claims_do_not_come_back(lang: str) -> None:
    for section in SECTION_IDS:
        text = _normalise(_body(_file(lang, section)))
        for pattern, why in BANNED[lang]:
            match = _compile(pattern).search(text)
            assert not match, f"{lang}/{section}: '{match.group(0)}' ({why})"


@pytest.mark.parametrize("lang", LANGS)
def test_no_frame_rate_rule(lang: str) -> None:
    """60 fps is only named as an option; nothing ties it to a chip."""
    for section in SECTION_IDS:
        for paragraph in _paragraphs(_body(_file(lang, section))):
            for sentence in re.split(r"(?<=[.!?;。])\s*|\n", _normalise(paragraph)):
                if _compile(r"60 fps").search(sentence):
                    assert not re.search(r"gpu|npu", sentence), f"{lang}/{section}: {sentence}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_paragraph_of_chipwise_advice_is_labelled(lang: str) -> None:
    for section in SECTION_IDS:
        for paragraph in _paragraphs(_body(_file(lang, section))):
            text = _normalise(paragraph)
            for pattern in PROJECT_ADVICE[lang]:
                match = _compile(pattern).search(text)
                assert not match or _labelled(lang, paragraph), (
                    f"{lang}/{section}: '{match.group(0)}' is chipwise's own advice but the "
                    f"paragraph is not labelled: {paragraph[:80]}"
                )


@pytest.mark.parametrize("lang", LANGS)
def test_labelled_notes_are_whole_paragraphs(lang: str) -> None:
    label = "chipwise's note" if lang == "en" else "chipwise 补充"
    for section in SECTION_IDS:
        for paragraph in _paragraphs(_body(_file(lang, section))):
            if label in _normalise(paragraph):
                assert _labelled(lang, paragraph), f"{lang}/{section}: label inside a paragraph"
