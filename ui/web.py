"""The chat page: a Gradio Blocks app over an Assistant, rendered by the shared formatter."""

from __future__ import annotations

from typing import Any

import gradio as gr
from starlette.middleware import Middleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant import Assistant, Curator, FeedbackSink, Storage, memory_storage
from ui.web_admin import AdminPanel, admin_panel
from ui.web_chat import ChatHandler, Conversation
from ui.web_compare import compare_form
from ui.web_form import CORRECT_LABEL, has_reading, requirements_form, wire_correction
from ui.web_history import history_panel, refresh_choices, wire_history
from ui.web_report import report_button

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
# Without the knowledge panel the page has no upload component, so Gradio's upload route is
# closed; with it, Gradio refuses files over the curation limit (413); cached files are deleted.
MAX_UPLOAD = "1mb"
DELETE_CACHE = (3600, 3600)  # every hour, files older than an hour
UPLOAD_PATHS = {"/upload", "/gradio_api/upload"}


class NoUploads:
    """Refuse Gradio's unauthenticated upload route with a JSON 403, before any body is read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/") in UPLOAD_PATHS:
            refused = {"error": {"message": "this page takes no uploads", "code": "forbidden"}}
            await JSONResponse(refused, status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def theme() -> gr.themes.Base:
    """The default look with system fonts: the page never fetches fonts from outside hosts."""
    return gr.themes.Soft(
        font=["system-ui", "Segoe UI", "Noto Sans CJK SC", "sans-serif"],
        font_mono=["ui-monospace", "DejaVu Sans Mono", "monospace"],
    )


def create_app(
    assistant: Assistant,
    feedback: FeedbackSink | None = None,
    storage: Storage | None = None,
    curator: Curator | None = None,
) -> gr.Blocks:
    """The Blocks app: chat with streaming verdict cards, sources, feedback, past chats, a form,
    and (with `curator` and CHIPWISE_ADMIN_TOKEN) the knowledge panel."""
    storage = storage or memory_storage()
    handler = ChatHandler(
        assistant, feedback or storage.feedback, conversations=storage.conversations
    )
    demo = gr.Blocks(title="chipwise", analytics_enabled=False, delete_cache=DELETE_CACHE)
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
                # Under the card: open the form prefilled with what was read, to correct it.
                correct = gr.Button(
                    CORRECT_LABEL, visible=False, size="sm", elem_id="chipwise-correct"
                )
                report_button(assistant, conv)
                gr.Examples(EXAMPLES, inputs=[box], label="Examples · 示例")
                admin = assistant.settings.admin_token
                admin_panel(AdminPanel(curator, admin.get_secret_value() if admin else None))
            with gr.Column(scale=2):
                sources = gr.Markdown(SOURCES_PLACEHOLDER, elem_id="chipwise-sources")
                history = history_panel()
                form = requirements_form(handler)
                compare_form()
        wire_correction(correct, form, conv)
        wire_history(history, storage.conversations, chatbot, conv)
        demo.load(
            lambda: refresh_choices(storage.conversations),
            outputs=history.picker,
            api_visibility="private",
        )
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
                lambda state: (state.language, gr.Button(visible=has_reading(state))),
                inputs=conv,
                outputs=[form.lang, correct],
                api_visibility="private",
            ).then(
                lambda: refresh_choices(storage.conversations),
                outputs=history.picker,
                api_visibility="private",
            )
        clear.click(
            lambda: ("", [], SOURCES_PLACEHOLDER, Conversation(), "", gr.Button(visible=False)),
            outputs=[box, chatbot, sources, conv, form.card, correct],
            api_visibility="private",
        )
        # The chat's own trash button starts a new chat too: forget the turns it removed.
        chatbot.clear(
            lambda: (SOURCES_PLACEHOLDER, Conversation(), gr.Button(visible=False)),
            outputs=[sources, conv, correct],
            api_visibility="private",
        )

        def on_like(messages: list[dict[str, Any]], state: Conversation, data: gr.LikeData) -> None:
            if handler.rate(data.index, data.liked, messages, state):
                gr.Info("Thanks, feedback saved · 感谢反馈")

        chatbot.like(on_like, inputs=[chatbot, conv], api_visibility="private")
    return demo


def serve(
    assistant: Assistant,
    host: str = "127.0.0.1",
    port: int = 7860,
    *,
    block: bool = True,
    storage: Storage | None = None,
) -> gr.Blocks:
    """Serve the page (until interrupted, unless `block` is False); returns the running app."""
    curator = None
    if storage is not None and assistant.settings.admin_token is not None:
        curator = Curator(assistant.settings, storage.sources)
    demo = create_app(assistant, storage=storage, curator=curator)
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
        # The knowledge panel uploads through Gradio's route: bounded by the curation limit.
        max_file_size=assistant.settings.max_upload_bytes if curator else MAX_UPLOAD,
        app_kwargs={} if curator else {"middleware": [Middleware(NoUploads)]},
    )
    return demo
