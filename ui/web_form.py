"""The chat page's requirements form: it runs the rules alone, and it opens prefilled with the
last answer's reading so that a misread field is corrected and re-decided without the model."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, get_args

import gradio as gr

from assistant import Deployment, Resolution, Workload
from ui import format as fmt
from ui.web_chat import ChatHandler, Conversation

# The dropdowns offer exactly the values the rules know ("" = not said).
CHOICES = {
    "resolution": ["", *get_args(Resolution)],
    "deployment": ["", *get_args(Deployment)],
    "workload": ["", *get_args(Workload)],
    "preferred_hardware": ["", "GPU", "NPU"],
}
FLAGS = {
    "complex_motion": "Complex motion (fluid, crowds) · 复杂动态",
    "interactive_edits": "Edits during generation · 生成中途调整",
    "templated": "Standardized templates · 标准化模板",
    "battery_powered": "Battery-powered · 电池供电",
    "offline": "Must work offline · 离线运行",
    "realtime": "Real time · 实时",
    "cuda_only_model": "CUDA-only model · 仅支持CUDA",
    "experimental_model": "Experimental model · 实验性模型",
    "cost_priority": "Cost matters most · 成本优先",
}
# The form's fields, in the order of its inputs (and of the /decide API's arguments).
NAMES = [
    "resolution",
    "duration_seconds",
    "fps",
    "deployment",
    "workload",
    "power_budget_watts",
    "videos_per_day",
    *FLAGS,
    "preferred_hardware",
]
BLANK: dict[str, Any] = {**dict.fromkeys(CHOICES, ""), **dict.fromkeys(FLAGS, False)}
CORRECT_LABEL = "Correct the reading · 修正读取结果"


@dataclass
class Form:
    """The form's components: the accordion, the card language, the fields and the card."""

    accordion: gr.Accordion
    lang: gr.Radio
    fields: list[gr.components.Component]
    card: gr.Markdown


def form_values(readings: Sequence[Mapping[str, Any]]) -> list[Any]:
    """The form's field values (in NAMES order) for requirements as read; blank if not read."""
    read = {str(r["field"]): r.get("value") for r in readings}
    return [read[name] if read.get(name) is not None else BLANK.get(name) for name in NAMES]


def prefill(conv: Conversation | None) -> tuple[str, list[Any], str]:
    """The last answer's language, its reading as form values, and the card for them."""
    if conv is None or not conv.answers:
        return (conv.language if conv else "en"), form_values([]), ""
    answer, _ = conv.answers[max(conv.answers)]
    readings = fmt.readings_of(answer)
    card = (
        fmt.decision_card_markdown(answer.decision, answer.language, readings)
        if answer.decision
        else ""
    )
    return answer.language, form_values(readings), card


def has_reading(conv: Conversation | None) -> bool:
    """True when the last answer read requirements (the correct-the-reading button shows)."""
    if conv is None or not conv.answers:
        return False
    answer, _ = conv.answers[max(conv.answers)]
    return answer.decision is not None and bool(fmt.readings_of(answer))


def requirements_form(handler: ChatHandler) -> Form:
    """The optional form that calls the decision tool directly."""
    with gr.Accordion(
        "Prefer a form? · 填写需求表单", open=False, elem_id="chipwise-form"
    ) as accordion:
        lang = gr.Radio(["en", "zh"], value="en", label="Card language · 语言")
        with gr.Row():
            resolution = gr.Dropdown(CHOICES["resolution"], value="", label="Resolution · 分辨率")
            duration = gr.Number(
                None, label="Length (s) · 时长（秒）", placeholder="90", precision=0
            )
            fps = gr.Number(None, label="fps · 帧率", placeholder="30", precision=0)
        with gr.Row():
            deployment = gr.Dropdown(CHOICES["deployment"], value="", label="Runs on · 运行位置")
            workload = gr.Dropdown(CHOICES["workload"], value="", label="Workload · 任务")
        with gr.Row():
            power = gr.Number(None, label="Power budget (W) · 功耗上限（瓦）", placeholder="5")
            per_day = gr.Number(
                None, label="Videos a day · 每日数量", placeholder="20000", precision=0
            )
        flags = [gr.Checkbox(False, label=label) for label in FLAGS.values()]
        prefer = gr.Dropdown(CHOICES["preferred_hardware"], value="", label="Insist on · 指定硬件")
        decide = gr.Button("Decide · 给出结论", elem_id="chipwise-decide")
        card = gr.Markdown(elem_id="chipwise-form-card")
    fields: list[gr.components.Component] = [
        resolution,
        duration,
        fps,
        deployment,
        workload,
        power,
        per_day,
        *flags,
        prefer,
    ]

    def run(language: str, *values: Any) -> str:
        return handler.decide_markdown(language, dict(zip(NAMES, values, strict=True)))

    decide.click(run, inputs=[lang, *fields], outputs=card, api_name="decide")
    return Form(accordion, lang, fields, card)


def wire_correction(button: gr.Button, form: Form, conv: gr.State) -> None:
    """One click: the form opens, prefilled with the last answer's reading and its card."""

    def open_prefilled(state: Conversation) -> list[Any]:
        lang, values, card = prefill(state)
        return [gr.Accordion(open=True), lang, *values, card]

    button.click(
        open_prefilled,
        inputs=conv,
        outputs=[form.accordion, form.lang, *form.fields, form.card],
        api_visibility="private",
    )
