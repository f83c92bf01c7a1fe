"""The chat page's logic and app over the real Assistant with the shipped test doubles."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant import (
    Assistant,
    FeedbackStore,
    KnowledgeStoreError,
    Passage,
    Settings,
    StreamEvent,
    Turn,
    build,
    read_feedback,
)
from assistant.chat.templates import NEXT_STEP, completed
from assistant.rules.decision import Decision
from assistant.testing import MemoryRetriever, ScriptedModel, free_port
from ui.web_chat import ChatHandler, Conversation

PASSAGE = Passage(
    chunk_id="scenario.professional#0",
    section_id="scenario.professional",
    title="Professional ultra-HD video → GPU first",
    path="knowledge/en/scenario.professional.md",
    lang="en",
    text="## Why GPUs\nGPUs render a 4K frame in 0.1 s. <img src=x onerror=alert(1)>",
    score=0.7,
)
DRAFT = "Draft that the guard rejects. Chipwise says GPU"  # states no verdict: rejected


def final_text(verdict: str, zh: bool) -> str:
    """The corrected answer the guard accepts (it cites a section its decision rests on)."""
    cite = {"NPU": "scenario.mobile"}.get(verdict, "scenario.professional")
    if zh:
        return f"建议用{verdict}。[{cite}]"
    return f"Recommendation: {verdict}. Chipwise says {verdict}: **it fits**. [{cite}]"


def answered(verdict: str, zh: bool, decision: Decision) -> str:
    """The whole answer: the accepted prose, then the findings it does not cite and the next
    step, added by rule (templates.completed, tested in test_pipeline.py)."""
    text, added = completed(final_text(verdict, zh), decision, "zh" if zh else "en")
    assert text.endswith(NEXT_STEP[verdict]["zh" if zh else "en"]) and "next_step" in added
    return text


def arguments(messages: list[dict[str, Any]]) -> dict[str, Any]:
    said = " ".join(str(m["content"]) for m in messages if m["role"] == "user")
    if "手机" in said:
        return {"deployment": "mobile", "resolution": "720p", "duration_seconds": 10}
    return {"resolution": "4k", "duration_seconds": 90, "complex_motion": True}


def reply(messages: list[dict[str, Any]]) -> str:
    """A draft first; asked again with the guard's corrections, the right answer."""
    last = str(messages[-1]["content"])
    found = re.search(r"(?:recommendation is|推荐结论是) (GPU\+NPU|GPU|NPU)", last)
    if found is None:
        return DRAFT
    return final_text(found.group(1), "推荐结论是" in last)


@dataclass
class FailingRetriever(MemoryRetriever):
    """The shipped in-memory retriever, failing with `error` (a store gone, an internal bug)."""

    error: Exception | None = None

    def retrieve(self, question: str, language: str, k: int) -> list[Passage]:
        if self.error is not None:
            raise self.error
        return super().retrieve(question, language, k)


class RecordingAssistant(Assistant):
    """The real Assistant, remembering the history of every question it was asked."""

    histories: list[list[Turn]]

    def stream(self, question: str, history: Sequence[Any] = ()) -> Iterator[StreamEvent]:
        self.histories.append(list(history))
        return super().stream(question, history)


def scripted_assistant(
    data_dir: Path, *, error: Exception | None = None, queue_size: int = 2
) -> RecordingAssistant:
    """The real pipeline with a scripted chat model and an in-memory retriever."""
    parts = build(
        Settings(data_dir=data_dir, queue_size=queue_size),
        chat_model=ScriptedModel(arguments=arguments, replies=(reply,)),
        retriever=FailingRetriever([PASSAGE], error=error),
    )
    assistant = RecordingAssistant(parts.settings, parts.chat_model, parts.retriever, parts.gate)
    assistant.histories = []
    return assistant


def handler_for(
    tmp_path: Path, busy: int = 0, error: Exception | None = None
) -> tuple[ChatHandler, RecordingAssistant, list[float]]:
    """A handler over the scripted assistant; `busy`: the model is taken for that many tries."""
    waits: list[float] = []
    assistant = scripted_assistant(tmp_path / "data", error=error, queue_size=0 if busy else 2)
    held: AbstractContextManager[None] | None = None
    if busy:
        held = assistant.gate.hold()  # someone else is using the model
        held.__enter__()

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if held is not None and len(waits) == busy:
            held.__exit__(None, None, None)

    store = FeedbackStore(tmp_path / "feedback.jsonl")
    return ChatHandler(assistant, store, sleep=sleep), assistant, waits


def run(handler: ChatHandler, question: str, messages=None, conv=None) -> list[Any]:  # type: ignore[no-untyped-def]
    return list(handler.respond(question, messages or [], conv or Conversation()))


def last_text(update: Any) -> str:
    return str(update[1][-1]["content"])


def test_card_appears_before_prose_and_final_text_wins(tmp_path: Path) -> None:
    handler, _, _ = handler_for(tmp_path)
    updates = run(handler, "90-second 4K ads with fluid simulation: GPU or NPU?")
    texts = [last_text(u) for u in updates]
    first_card = next(i for i, t in enumerate(texts) if "### Verdict: GPU" in t)
    assert "Chipwise says" not in texts[first_card] and "Draft" not in texts[first_card]
    assert any("Draft that the guard rejects." in t for t in texts[first_card:])
    final = updates[-1]
    assert "Chipwise says GPU: **it fits**." in last_text(final) and "Draft" not in last_text(final)
    assert texts.index(next(t for t in texts if t.endswith("Chipwise says GPU"))) > first_card
    box, messages, sources, conv = final
    assert box == ""
    assert messages[0] == {
        "role": "user",
        "content": "90-second 4K ads with fluid simulation: GPU or NPU?",
    }
    step = messages[1]
    assert step["metadata"]["title"].startswith("🛠️ used recommend_hardware(resolution=4k")
    assert '"duration_seconds": 90' in step["content"]
    assert "`scenario.professional`" in last_text(final) and "✅" in last_text(final)
    assert "Professional ultra-HD video → GPU first" in sources and "0.1 s" in sources
    assert "<img" not in sources
    assert len(conv.turns) == 2 and conv.answers[2][0].verdict == "GPU"


def test_first_update_says_it_is_working(tmp_path: Path) -> None:
    handler, _, _ = handler_for(tmp_path)
    first = next(iter(handler.respond("GPU or NPU for 4K?", [], Conversation())))
    assert "Looking through the knowledge base" in last_text(first)


def test_memory_passes_earlier_turns_and_labels_follow_language(tmp_path: Path) -> None:
    handler, assistant, _ = handler_for(tmp_path)
    first = run(handler, "We make 4K ads. GPU or NPU?")[-1]
    second = run(
        handler, "我们做手机短视频APP，生成10秒720p视频，用GPU还是NPU？", first[1], first[3]
    )[-1]
    assert assistant.histories[1] == [
        Turn("user", "We make 4K ads. GPU or NPU?"),
        Turn("assistant", answered("GPU", zh=False, decision=first[3].answers[2][0].decision)),
    ]
    assert "### 结论：NPU" in last_text(second) and "**理由**" in last_text(second)
    assert second[2].startswith("**参考来源**")
    assert second[1][-2]["metadata"]["title"].startswith("🛠️ 调用了 recommend_hardware(")
    assert second[3].language == "zh" and len(second[3].turns) == 4


def test_busy_is_retried_with_backoff_and_announced(tmp_path: Path) -> None:
    handler, _, waits = handler_for(tmp_path, busy=2)
    updates = run(handler, "4K ads: GPU or NPU?")
    texts = [last_text(u) for u in updates]
    assert any("Another answer is being generated, retrying" in t for t in texts)
    assert len(waits) == 2 and waits[0] >= 1 and waits[1] >= waits[0]
    assert "### Verdict: GPU" in texts[-1] and "retrying" not in texts[-1]


def test_busy_gives_up_with_a_clear_message(tmp_path: Path) -> None:
    handler, _, waits = handler_for(tmp_path, busy=5)
    texts = [last_text(u) for u in run(handler, "4K ads: GPU or NPU?")]
    assert len(waits) == 2
    assert "still busy with other questions. Please ask again" in texts[-1]


def test_empty_question_gets_the_assistants_message_and_no_bubble(tmp_path: Path) -> None:
    handler, _, _ = handler_for(tmp_path)
    final = run(handler, "   ")[-1]
    assert [m["role"] for m in final[1]] == ["assistant"]
    assert "The question is empty" in last_text(final)


def test_missing_store_is_explained(tmp_path: Path) -> None:
    error = KnowledgeStoreError("The Chroma store at data/chroma cannot be opened (gone).")
    handler, _, _ = handler_for(tmp_path, error=error)
    text = last_text(run(handler, "4K ads?")[-1])
    assert "knowledge base is missing or unreadable" in text and "chipwise ingest" in text


def test_internal_errors_never_show_a_traceback(tmp_path: Path, caplog: Any) -> None:
    handler, _, _ = handler_for(tmp_path, error=KeyError("secret internal detail"))
    final = run(handler, "4K ads?")[-1]
    assert "Something went wrong while answering" in last_text(final)
    assert "secret internal detail" not in str(final[1]) and "Traceback" not in str(final[1])
    assert "answering failed" in caplog.text
    assert final[3].turns == []  # a failed answer is not remembered


def test_user_text_is_escaped(tmp_path: Path) -> None:
    handler, _, _ = handler_for(tmp_path)
    final = run(handler, "<script>alert(1)</script> 4K?")[-1]
    assert final[1][0]["content"] == "&lt;script&gt;alert(1)&lt;/script&gt; 4K?"


def test_feedback_is_stored_with_question_answer_and_decision(tmp_path: Path) -> None:
    handler, _, _ = handler_for(tmp_path)
    first = run(handler, "We make 4K ads. GPU or NPU?")[-1]
    phone = "手机上生成10秒720p短视频，用GPU还是NPU？"
    _, messages, _, conv = run(handler, phone, first[1], first[3])[-1]
    assert handler.rate(2, True, messages, conv)["verdict"] == "GPU"
    assert handler.rate(4, "Dislike", messages, conv)["verdict"] == "NPU"  # its tool-call step
    assert handler.rate(3, True, messages, conv) is None  # a user message
    assert handler.rate(5, None, messages, conv) is None  # un-rated
    phone_decision = next(a for a, _ in conv.answers.values() if a.verdict == "NPU").decision
    records = read_feedback(tmp_path / "feedback.jsonl")
    assert [(r["rating"], r["verdict"]) for r in records] == [("up", "GPU"), ("down", "NPU")]
    second = records[1]
    assert second["question"] == phone and second["answer"] == answered(
        "NPU", zh=True, decision=phone_decision
    )
    assert second["decision"]["scenario"] == "scenario.mobile" and second["language"] == "zh"
    assert second["history"][0] == {"role": "user", "content": "We make 4K ads. GPU or NPU?"}
    assert second["timestamp"].endswith("+00:00")


def test_read_feedback_skips_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    assert read_feedback(path) == []
    path.write_text('{"rating": "up"}\n{"rating": "do\n[1]\n', encoding="utf-8")
    assert read_feedback(path) == [{"rating": "up"}]


def test_requirements_form_shows_the_same_card(tmp_path: Path) -> None:
    handler, _, _ = handler_for(tmp_path)
    values = {"deployment": "mobile", "resolution": "720p", "duration_seconds": 10}
    card = handler.decide_markdown("zh", {**values, "fps": None, "offline": False, "workload": ""})
    assert card.startswith("### 结论：NPU") and "`scenario.mobile`" in card
    bad = handler.decide_markdown("en", {"resolution": "a lot"})
    assert bad.startswith("⚠️ Some values in the form are not valid")
    assert "resolution" in bad and "validation error" not in bad  # names the bad field
    huge = handler.decide_markdown("en", {**values, "duration_seconds": 10**40, "fps": 10**40})
    assert "duration_seconds" in huge and "fps" in huge


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    from ui.web import create_app

    demo = create_app(scripted_assistant(tmp_path / "data"))
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


def test_app_answers_through_gradio_client(served: str) -> None:
    from gradio_client import Client

    client = Client(served, verbose=False, download_files=False)
    box, messages, sources = client.predict("4K ads: GPU or NPU?", [], api_name="/ask")
    assert box == "" and "### Verdict: GPU" in str(messages[-1]["content"])
    assert "scenario.professional" in sources
    card = client.predict(
        "zh", "", 10, None, "mobile", "", None, None, *[False] * 9, api_name="/decide"
    )
    assert card.startswith("### 结论：NPU")
    assert {"/ask", "/decide"} <= set(
        client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    )


def test_real_pipeline_with_a_scripted_model(tmp_path: Path) -> None:
    assistant = scripted_assistant(tmp_path / "data")
    handler = ChatHandler(assistant, FeedbackStore(tmp_path / "feedback.jsonl"))
    updates = run(handler, "We make 90-second 4K ads with fluid simulation: GPU or NPU?")
    texts = [last_text(u) for u in updates]
    card_at = next(i for i, t in enumerate(texts) if "### Verdict: GPU" in t)
    assert "Recommendation" not in texts[card_at]
    _, messages, sources, conv = updates[-1]
    assert "Recommendation: GPU" in last_text(updates[-1])
    assert messages[1]["metadata"]["title"].startswith("🛠️ used recommend_hardware(")
    assert "scenario.professional" in sources
    follow_up = run(handler, "And at 8K?", messages, conv)[-1]
    tool_calls = [m for kind, m in assistant.chat_model.calls if kind == "tool"]
    assert any("90-second 4K ads" in str(m["content"]) for m in tool_calls[-1])  # memory
    assert handler.rate(len(follow_up[1]) - 1, True, follow_up[1], follow_up[3])
    assert read_feedback(tmp_path / "feedback.jsonl")[0]["history"][0]["role"] == "user"


def test_correct_the_reading_prefills_the_form_with_the_readings(tmp_path: Path) -> None:
    from ui.web_form import NAMES, has_reading, prefill

    handler, _, _ = handler_for(tmp_path)
    assert prefill(Conversation()) == ("en", prefill(None)[1], "")
    question = "我们做手机短视频APP，生成10秒720p视频，用GPU还是NPU？"
    final = run(handler, question)[-1]
    card = last_text(final)
    assert "**读取结果**" in card and "- 🗣️ 运行位置：mobile — “手机”" in card
    conv = final[3]
    assert has_reading(conv)
    lang, values, form_card = prefill(conv)
    form = dict(zip(NAMES, values, strict=True))
    assert lang == "zh" and form_card.startswith("### 结论：NPU")
    assert (form["deployment"], form["resolution"], form["duration_seconds"]) == (
        "mobile",
        "720p",
        10,
    )
    assert form["workload"] == "" and form["fps"] is None and form["offline"] is False
    readings = conv.answers[max(conv.answers)][0].tool_calls[-1].readings
    assert {r["field"]: r["value"] for r in readings} == {
        k: v for k, v in form.items() if v not in ("", None, False)
    }
    # Corrected (a data center instead of the phone) and decided again, without the model.
    fixed = handler.decide_markdown(lang, {**form, "deployment": "datacenter"})
    assert not fixed.startswith("### 结论：NPU") and "运行位置：datacenter" in fixed
