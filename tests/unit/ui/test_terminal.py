"""`chipwise chat` and `chipwise ask` print the reading and the decide line that re-runs it."""

from __future__ import annotations

import io
from pathlib import Path

from assistant import Passage, Settings, build, parse_assignments
from assistant.testing import MemoryRetriever, ScriptedModel
from ui.terminal import ask_once, chat

PASSAGE = Passage("scenario.mobile#0", "scenario.mobile", "Mobile", "m.md", "en", "phone NPU", 0.5)
QUESTION = "Our phone app makes 720p clips shorter than 300 seconds. GPU or NPU?"
LINE = "chipwise decide resolution=720p duration=299s deployment=mobile"


def scripted(tmp_path: Path):  # type: ignore[no-untyped-def]
    return build(
        Settings(data_dir=tmp_path / "data"),
        chat_model=ScriptedModel(replies=("Recommendation: NPU.",)),
        retriever=MemoryRetriever([PASSAGE]),
    )


def test_chat_prints_the_reading_and_the_decide_line(tmp_path: Path) -> None:
    assistant = scripted(tmp_path)
    out = io.StringIO()
    asked = iter([QUESTION, ""])
    chat(assistant, read=lambda _: next(asked), out=out)
    text = out.getvalue()
    assert "**As read**\n- 🗣️ resolution: 720p — “720p”" in text
    assert "- 🗣️ duration: &lt; 300 s — “shorter than 300 seconds”" in text
    assert f"To correct the reading, run: `{LINE}`" in text
    req = parse_assignments(LINE.split()[2:])
    assert assistant.decide(req).verdict == assistant.ask(QUESTION).verdict == "NPU"


def test_ask_prints_the_decide_line_in_chinese(tmp_path: Path) -> None:
    out = io.StringIO()
    ask_once(scripted(tmp_path), "手机APP生成720p视频，不到5分钟，用GPU还是NPU？", False, out)
    text = out.getvalue()
    assert "**读取结果**" in text and "- 🗣️ 时长：&lt; 300 s — “不到5分钟”" in text
    assert text.rstrip().endswith(f"如需修正读取结果，请运行：`{LINE}`")
