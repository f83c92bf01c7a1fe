"""The chat page's own messages (busy, errors, a bad form), in English and Chinese."""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "thinking": "⏳ Looking through the knowledge base…",
        "retrying": "⏳ Another answer is being generated, retrying in {s:.0f} s…",
        "busy": "⚠️ chipwise is still busy with other questions. Please ask again in {s:.0f} s.",
        "store": "⚠️ The knowledge base is missing or unreadable: {e} "
        "Run `chipwise ingest`, then ask again.",
        "model": "⚠️ The chat model is not available: {e}",
        "internal": "⚠️ Something went wrong while answering (the details are in the server "
        "log). Please try again.",
        "bad_form": "⚠️ Some values in the form are not valid: {e}",
    },
    "zh": {
        "thinking": "⏳ 正在查阅知识库…",
        "retrying": "⏳ 正在生成另一个回答，{s:.0f} 秒后重试…",
        "busy": "⚠️ chipwise 仍在回答其他问题，请 {s:.0f} 秒后再问。",
        "store": "⚠️ 知识库缺失或无法读取：{e} 请先运行 `chipwise ingest`，再提问。",
        "model": "⚠️ 对话模型不可用：{e}",
        "internal": "⚠️ 回答时出错（详情见服务器日志），请重试。",
        "bad_form": "⚠️ 表单中有无效的值：{e}",
    },
}


def text(lang: str, key: str, **values: Any) -> str:
    """A user-facing message in the conversation's language."""
    return TEXTS["zh" if lang == "zh" else "en"][key].format(**values)
