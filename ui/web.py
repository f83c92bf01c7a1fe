"""The chat page: a Gradio Blocks app over an Assistant, rendered by the shared formatter."""

from __future__ import annotations

from typing import Any, get_args

import gradio as gr

from assistant import Assistant, Deployment, FeedbackStore, Resolution, Workload, feedback_path
from ui.web_chat import ChatHandler, Conversation

EXAMPLES = [
    "We make 90-second 4K ads with fluid simulation: GPU or NPU?",
    "Our phone app generates 10-second 720p clips on the device. GPU or NPU?",
    "We render 30,000 templated e-commerce videos a day in our data center.",
    "我们做手机短视频APP，生成10秒720p视频，用GPU还是NPU？",
    "无人机上实时生成短视频，功耗不到5瓦，应该选哪种芯片？",
    "什么是NPU？",
]
INTRO = (
    "## chipwise · GPU or NPU for AI video generation?\n"
    "Describe your video job: resolution and length, where it runs, and your limits "
    "(power, cost, CUDA-only models). Answers stay on this machine. · "
    "描述你的视频生成任务（分辨率与时长、运行位置、功耗/成本/CUDA 限制），"
    "chipwise 会给出 GPU 还是 NPU 的结论、理由与参考来源。"
)
SOURCES_PLACEHOLDER = "**Sources · 参考来源**\n\nThe passages used by the last answer appear here."
CSS = """
#chipwise-sources { max-height: 560px; overflow-y: auto; }
footer { display: none !important; }
"""
# The dropdowns offer exactly the values the rules know ("" = not said).
_CHOICE = {
    "resolution": ["", *get_args(Resolution)],
    "deployment": ["", *get_args(Deployment)],
    "workload": ["", *get_args(Workload)],
}
_FLAGS = {
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


def theme() -> gr.themes.Base:
    """The default look with system fonts: the page never fetches fonts from outside hosts."""
    return gr.themes.Soft(
        font=["system-ui", "Segoe UI", "Noto Sans CJK SC", "sans-serif"],
        font_mono=["ui-monospace", "DejaVu Sans Mono", "monospace"],
    )


def create_app(assistant: Assistant, feedback: FeedbackStore | None = None) -> gr.Blocks:
    """The Blocks app: chat with streaming verdict cards, sources, feedback and a form."""
    if feedback is None:
        feedback = FeedbackStore(feedback_path(assistant.settings.data_dir))
    handler = ChatHandler(assistant, feedback)
    demo = gr.Blocks(title="chipwise", analytics_enabled=False)
    with demo:
        conv = gr.State(Conversation())
        gr.Markdown(INTRO)
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="chipwise",
                    elem_id="chipwise-chat",
                    height=560,
                    sanitize_html=True,
                    allow_tags=False,
                    buttons=["copy"],
                    feedback_options=("Like", "Dislike"),
                    placeholder="Ask in English or Chinese · 用中文或英文提问",
                )
                with gr.Row():
                    box = gr.Textbox(
                        show_label=False,
                        placeholder="GPU or NPU? Describe your video job… · 描述你的视频任务…",
                        elem_id="chipwise-question",
                        scale=6,
                        max_lines=6,
                    )
                    send = gr.Button(
                        "Ask · 提问",
                        variant="primary",
                        scale=1,
                        min_width=110,
                        elem_id="chipwise-ask",
                    )
                    clear = gr.Button(
                        "New chat · 新对话", scale=1, min_width=150, elem_id="chipwise-new-chat"
                    )
                gr.Examples(EXAMPLES, inputs=[box], label="Examples · 示例")
            with gr.Column(scale=2):
                sources = gr.Markdown(SOURCES_PLACEHOLDER, elem_id="chipwise-sources")
                form_card, form_lang = _requirements_form(handler)
        limit = assistant.settings.queue_size + 1
        for trigger in (box.submit, send.click):
            trigger(
                handler.respond,
                inputs=[box, chatbot, conv],
                outputs=[box, chatbot, sources, conv],
                api_name="ask",
                api_visibility="public" if trigger == box.submit else "private",
                show_progress="minimal",
                concurrency_limit=limit,
                concurrency_id="chat",
            ).then(  # the form's card speaks the conversation's language too
                lambda state: state.language,
                inputs=conv,
                outputs=form_lang,
                api_visibility="private",
            )
        clear.click(
            lambda: ("", [], SOURCES_PLACEHOLDER, Conversation(), ""),
            outputs=[box, chatbot, sources, conv, form_card],
            api_visibility="private",
        )
        # The chat's own trash button starts a new chat too: forget the turns it removed.
        chatbot.clear(
            lambda: (SOURCES_PLACEHOLDER, Conversation()),
            outputs=[sources, conv],
            api_visibility="private",
        )

        def on_like(messages: list[dict[str, Any]], state: Conversation, data: gr.LikeData) -> None:
            if handler.rate(data.index, data.liked, messages, state):
                gr.Info("Thanks, feedback saved · 感谢反馈")

        chatbot.like(on_like, inputs=[chatbot, conv], api_visibility="private")
    return demo


def _requirements_form(handler: ChatHandler) -> tuple[gr.Markdown, gr.Radio]:
    """The optional form that calls the decision tool directly; its card and language."""
    with gr.Accordion("Prefer a form? · 填写需求表单", open=False, elem_id="chipwise-form"):
        lang = gr.Radio(["en", "zh"], value="en", label="Card language · 语言")
        with gr.Row():
            resolution = gr.Dropdown(_CHOICE["resolution"], value="", label="Resolution · 分辨率")
            duration = gr.Number(
                None, label="Length (s) · 时长（秒）", placeholder="90", precision=0
            )
            fps = gr.Number(None, label="fps · 帧率", placeholder="30", precision=0)
        with gr.Row():
            deployment = gr.Dropdown(_CHOICE["deployment"], value="", label="Runs on · 运行位置")
            workload = gr.Dropdown(_CHOICE["workload"], value="", label="Workload · 任务")
        with gr.Row():
            power = gr.Number(None, label="Power budget (W) · 功耗上限（瓦）", placeholder="5")
            per_day = gr.Number(
                None, label="Videos a day · 每日数量", placeholder="20000", precision=0
            )
        flags = [gr.Checkbox(False, label=label) for label in _FLAGS.values()]
        decide = gr.Button("Decide · 给出结论", elem_id="chipwise-decide")
        card = gr.Markdown(elem_id="chipwise-form-card")
    names = ["resolution", "duration_seconds", "fps", "deployment", "workload"]
    names += ["power_budget_watts", "videos_per_day", *_FLAGS]
    fields = [resolution, duration, fps, deployment, workload, power, per_day, *flags]

    def run(language: str, *values: Any) -> str:
        return handler.decide_markdown(language, dict(zip(names, values, strict=True)))

    decide.click(run, inputs=[lang, *fields], outputs=card, api_name="decide")
    return card, lang


def serve(
    assistant: Assistant, host: str = "127.0.0.1", port: int = 7860, *, block: bool = True
) -> gr.Blocks:
    """Serve the page (until interrupted, unless `block` is False); returns the running app."""
    demo = create_app(assistant)
    demo.queue(default_concurrency_limit=2)
    demo.launch(
        prevent_thread_lock=not block,
        server_name=host,
        server_port=port,
        share=False,
        inbrowser=False,
        show_error=False,
        theme=theme(),
        css=CSS,
        footer_links=[],
    )
    return demo
