"""Past chats on the page: every answer is kept, and a chat resumes with its memory."""

from __future__ import annotations

from pathlib import Path

from assistant import Passage, Settings, build, memory_storage
from assistant.testing import MemoryRetriever, ScriptedModel
from ui.web_chat import ChatHandler, Conversation
from ui.web_history import past_choices, resume

PASSAGE = Passage(
    chunk_id="scenario.professional#0",
    section_id="scenario.professional",
    title="Professional ultra-HD video → GPU first",
    path="knowledge/en/scenario.professional.md",
    lang="en",
    text="GPUs render a 4K frame in 0.1 s.",
    score=0.7,
)
QUESTION = "We make 90-second 4K ads with fluid simulation: GPU or NPU?"


def handler(tmp_path: Path) -> tuple[ChatHandler, ScriptedModel]:
    model = ScriptedModel(
        arguments={"resolution": "4k", "duration_seconds": 90, "complex_motion": True},
        replies=("Recommendation: GPU. Chipwise says GPU [scenario.professional].",),
    )
    assistant = build(
        Settings(data_dir=tmp_path), chat_model=model, retriever=MemoryRetriever([PASSAGE])
    )
    storage = memory_storage()
    return ChatHandler(assistant, storage.feedback, conversations=storage.conversations), model


def test_an_answered_chat_is_listed_and_resumes_with_its_memory(tmp_path: Path) -> None:
    chat, model = handler(tmp_path)
    assert chat.conversations is not None
    *_, (_, shown, _, conv) = chat.respond(QUESTION, [], Conversation())
    assert conv.id is not None
    [(label, picked)] = past_choices(chat.conversations)
    assert picked == conv.id and label.startswith("We make 90-second 4K ads")

    messages, resumed = resume(chat.conversations, picked)  # e.g. after a restart
    assert messages[0]["role"] == "user" and QUESTION in messages[0]["content"]
    assert messages[-1]["content"] == shown[-1]["content"]  # the card as it was shown
    assert "### Verdict: GPU" in messages[-1]["content"]
    assert (resumed.id, resumed.language, len(resumed.turns)) == (conv.id, "en", 2)

    *_, (_, _, _, again) = chat.respond("And at 8K?", messages, resumed)
    tool_messages = [m for kind, m in model.calls if kind == "tool"][-1]
    assert any("90-second 4K ads" in str(m["content"]) for m in tool_messages)  # memory kept
    assert again.id == conv.id and len(chat.conversations.turns(conv.id)) == 4


def test_rename_and_delete(tmp_path: Path) -> None:
    chat, _ = handler(tmp_path)
    store = chat.conversations
    assert store is not None
    *_, (_, _, _, conv) = chat.respond(QUESTION, [], Conversation())
    assert conv.id is not None and store.rename(conv.id, "Ads")
    assert past_choices(store)[0][0].startswith("Ads · ")
    assert store.delete(conv.id) and past_choices(store) == []
    assert resume(store, conv.id) == ([], Conversation())
    assert resume(store, None) == ([], Conversation())


def test_a_failing_database_costs_the_record_not_the_answer(tmp_path: Path) -> None:
    chat, _ = handler(tmp_path)
    assert chat.conversations is not None
    chat.conversations.db.close()  # the in-memory database is gone: no tables any more
    *_, (_, shown, _, conv) = chat.respond(QUESTION, [], Conversation())
    assert "### Verdict: GPU" in shown[-1]["content"] and len(conv.turns) == 2
