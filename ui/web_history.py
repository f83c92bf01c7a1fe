"""The chat page's past chats: list, resume, rename and delete conversations kept in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant import ConversationStore, Turn
from ui import format as fmt
from ui.web_chat import Conversation, Message

LABEL = "Past chats · 历史对话"


def past_choices(store: ConversationStore, limit: int = 50) -> list[tuple[str, str]]:
    """(label, id) of the page's conversations, most recent first."""
    return [
        (f"{c.title or 'untitled'} · {c.updated_at:%Y-%m-%d %H:%M}", c.id)
        for c in store.recent("web", limit)
    ]


def resume(
    store: ConversationStore, conversation_id: str | None
) -> tuple[list[Message], Conversation]:
    """The chat messages as the page showed them, and the memory to continue with."""
    record = store.get(conversation_id) if conversation_id else None
    if record is None:
        return [], Conversation()
    messages: list[Message] = []
    language = "en"
    for message in record.messages:
        if message.role == "user":
            messages.append({"role": "user", "content": fmt.escape_md(message.content)})
            continue
        shown = message.display or fmt.escape_md(message.content)
        messages.append({"role": "assistant", "content": shown})
        language = str((message.answer or {}).get("language") or language)
    turns = [Turn(t.role, t.content) for t in record.turns()]
    return messages, Conversation(turns=turns, language=language, id=record.id)


@dataclass
class History:
    """The past-chats panel's components."""

    picker: gr.Dropdown
    resume: gr.Button
    title: gr.Textbox
    rename: gr.Button
    delete: gr.Button


def history_panel() -> History:
    """The panel: a list of past chats and what can be done with the one picked."""
    with gr.Accordion(LABEL, open=False, elem_id="chipwise-history"):
        picker = gr.Dropdown(
            choices=[], value=None, show_label=False, elem_id="chipwise-past", interactive=True
        )
        with gr.Row():
            resume_button = gr.Button("Resume · 继续", size="sm", elem_id="chipwise-resume")
            delete_button = gr.Button(
                "Delete · 删除", size="sm", variant="stop", elem_id="chipwise-delete"
            )
        with gr.Row():
            title = gr.Textbox(
                show_label=False, placeholder="New name · 新名称", elem_id="chipwise-title", scale=3
            )
            rename_button = gr.Button("Rename · 重命名", size="sm", elem_id="chipwise-rename")
    return History(picker, resume_button, title, rename_button, delete_button)


def wire_history(
    history: History, store: ConversationStore, chatbot: gr.Chatbot, conv: gr.State
) -> None:
    """Resume fills the chat; rename and delete act on the picked chat and refresh the list."""

    def refreshed(value: str | None = None) -> Any:
        return gr.Dropdown(choices=past_choices(store), value=value)

    def on_resume(picked: str | None) -> tuple[list[Message], Conversation]:
        return resume(store, picked)

    def on_rename(picked: str | None, title: str) -> tuple[Any, str]:
        if picked and title.strip():
            store.rename(picked, title)
        return refreshed(picked), ""

    def on_delete(picked: str | None, state: Conversation) -> tuple[Any, Any, Conversation]:
        if picked:
            store.delete(picked)
        if state and state.id == picked:  # the open chat was deleted: start afresh
            return refreshed(), [], Conversation()
        return refreshed(), gr.skip(), state

    private: dict[str, Any] = {"api_visibility": "private"}
    history.resume.click(on_resume, inputs=history.picker, outputs=[chatbot, conv], **private)
    history.rename.click(
        on_rename,
        inputs=[history.picker, history.title],
        outputs=[history.picker, history.title],
        **private,
    )
    history.delete.click(
        on_delete, inputs=[history.picker, conv], outputs=[history.picker, chatbot, conv], **private
    )


def refresh_choices(store: ConversationStore) -> Any:
    """The picker with the current list (after an answer, and when the page loads)."""
    return gr.Dropdown(choices=past_choices(store))
