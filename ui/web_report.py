"""The chat page's report button: the last answer's one-pager, as HTML and Markdown files."""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant import Assistant
from ui.report import build_report, write_report
from ui.web_chat import Conversation

REPORT_LABEL = "Download the report · 下载报告"


def report_files(assistant: Assistant, conv: Conversation | None) -> list[str] | None:
    """The HTML and Markdown report of the last answer with a decision; None if there is none."""
    answers = [a for a, _ in (conv.answers.values() if conv else []) if a.decision is not None]
    if not answers:
        return None
    answer = answers[-1]
    assert answer.decision is not None
    report = build_report(
        answer.decision,
        answer.language,
        assistant.settings,
        model=assistant.chat_model.name,
        answer=answer,
    )
    folder = Path(tempfile.mkdtemp(prefix="chipwise-report-"))
    return [str(path) for path in write_report(report, folder)]


def report_button(assistant: Assistant, conv: gr.State) -> None:
    """A button under the chat that writes the last answer's report and offers the files."""
    button = gr.Button(REPORT_LABEL, size="sm", elem_id="chipwise-report")
    files = gr.File(label="Report · 报告", file_count="multiple", elem_id="chipwise-report-files")
    button.click(
        lambda state: report_files(assistant, state),
        inputs=conv,
        outputs=files,
        api_visibility="private",
    )
