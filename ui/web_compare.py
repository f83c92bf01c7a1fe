"""The chat page's compare form: two to four requirement sets, side by side, rules alone."""

from __future__ import annotations

import gradio as gr

from assistant import MAX_OPTIONS, compare, parse_assignments
from ui import format as fmt
from ui.web_texts import text

EXAMPLES = (
    "deployment=mobile resolution=720p duration=10s",
    "deployment=cloud resolution=4k duration=2min",
)


def compare_markdown(lang: str, *options: str) -> str:
    """The comparison table for the filled-in boxes (key=value words), or what is wrong."""
    groups = [box.split() for box in options if box and box.strip()]
    try:
        comparison = compare([parse_assignments(group) for group in groups])
    except ValueError as exc:
        return text(lang, "bad_form", e=fmt.escape_md(str(exc).splitlines()[0]))
    return fmt.comparison_markdown(comparison, lang)


def compare_form() -> None:
    """The collapsible compare form; its button is also the `/compare` Gradio API."""
    with gr.Accordion("Compare options · 对比方案", open=False, elem_id="chipwise-compare"):
        lang = gr.Radio(["en", "zh"], value="en", label="Language · 语言")
        boxes = [
            gr.Textbox(
                EXAMPLES[i] if i < len(EXAMPLES) else "",
                label=f"Option {i + 1} · 方案 {i + 1} (key=value)",
                placeholder="deployment=edge resolution=1080p duration=30s",
            )
            for i in range(MAX_OPTIONS)
        ]
        button = gr.Button("Compare · 对比", elem_id="chipwise-compare-button")
        table = gr.Markdown(elem_id="chipwise-compare-table")
    button.click(compare_markdown, inputs=[lang, *boxes], outputs=table, api_name="compare")
