"""The chat page's logic, without Gradio: stream an Assistant's events into chat messages."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from assistant import (
    Answer,
    AnswerEvent,
    Assistant,
    BusyError,
    ChipwiseError,
    ConversationStore,
    Decision,
    DecisionEvent,
    FeedbackSink,
    KnowledgeStoreError,
    ModelError,
    Passage,
    PassagesEvent,
    QuestionError,
    Quote,
    Rating,
    Requirements,
    StreamEvent,
    TextEvent,
    ToolCallEvent,
    Turn,
    detect_language,
    validation_message,
)
from ui import format as fmt
from ui.web_texts import text

log = logging.getLogger(__name__)

BUSY_ATTEMPTS = 3  # the first try and two retries
Message = dict[str, Any]


@dataclass
class Conversation:
    """One browser session's memory: earlier turns and the answers shown, by message index.

    `id` is the stored conversation's (None until its first answer is saved).
    """

    turns: list[Turn] = field(default_factory=list)
    answers: dict[int, tuple[Answer, list[Turn]]] = field(default_factory=dict)
    language: str = "en"
    id: str | None = None


@dataclass
class AnswerView:
    """What the stream has shown so far of one answer, as chat messages."""

    language: str
    passages: list[Passage] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    tool_messages: list[Message] = field(default_factory=list)
    decision: Decision | None = None
    readings: list[dict[str, Any]] = field(default_factory=list)
    prose: str = ""
    notice: str = ""
    answer: Answer | None = None

    def apply(self, event: StreamEvent) -> None:
        if not isinstance(event, PassagesEvent | ToolCallEvent):
            self.notice = ""  # the answer itself has started
        if isinstance(event, PassagesEvent):
            self.passages = list(event.passages)
        elif isinstance(event, ToolCallEvent):
            title = fmt.tool_call_title(event.call, self.language)
            body = fmt.tool_call_markdown(event.call)
            step = {"title": title, "status": "done"}
            self.tool_messages.append({"role": "assistant", "content": body, "metadata": step})
            self.readings = [dict(r) for r in event.call.readings]
        elif isinstance(event, DecisionEvent):
            self.decision = event.decision
        elif isinstance(event, TextEvent):
            self.prose = event.text if event.reset else self.prose + event.text
        elif isinstance(event, AnswerEvent):
            self.answer = event.answer
            self.language = event.answer.language
            self.decision, self.prose = event.answer.decision, event.answer.text
            self.readings = fmt.readings_of(event.answer)
            self.passages = list(event.answer.passages)
            self.quotes = list(event.answer.quotes)

    def messages(self) -> list[Message]:
        compared = self.answer.comparison if self.answer else None
        decision, picture = self.decision, ""
        # The map once the answer is final: drawn once, not on every streamed piece.
        if self.answer and decision and (decision.verdict or decision.infeasible):
            picture = fmt.map_markdown(decision, self.language)
        body = fmt.message_markdown(
            self.decision, self.prose, self.language, self.readings, compared, picture
        )
        if self.notice:
            body = f"{body}\n\n{self.notice}" if body else self.notice
        return [*self.tool_messages, {"role": "assistant", "content": body or "…"}]

    def sources(self) -> str:
        return fmt.sources_markdown(self.passages, self.language, self.quotes, _highlight)


def _highlight(sentence: str) -> str:
    """The sentence an answer rests on, highlighted on the page."""
    return f"<mark>{sentence}</mark>"


@dataclass(frozen=True)
class _Notice:
    text: str


@dataclass(frozen=True)
class _Restart:
    pass


@dataclass(frozen=True)
class _Done:
    pass


_Item = StreamEvent | _Notice | _Restart | Exception
Update = tuple[str, list[Message], str, Conversation]


class ChatHandler:
    """Turns questions into streamed chat updates and ratings into feedback records."""

    def __init__(
        self,
        assistant: Assistant,
        feedback: FeedbackSink,
        *,
        conversations: ConversationStore | None = None,
        busy_wait_max_s: float = 8.0,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.assistant = assistant
        self.feedback = feedback
        self.conversations = conversations
        self.busy_wait_max_s = busy_wait_max_s
        self.sleep = sleep or time.sleep

    def respond(
        self, question: str, messages: list[Message] | None, conv: Conversation | None
    ) -> Iterator[Update]:
        """Stream one answer: (textbox value, chat messages, sources panel, conversation)."""
        conv = conv or Conversation()
        question = question or ""
        lang = detect_language(question) if question.strip() else conv.language
        base = list(messages or [])
        if question.strip():
            base.append({"role": "user", "content": fmt.escape_md(question)})
        view = AnswerView(lang, notice=text(lang, "thinking"))
        yield "", [*base, *view.messages()], view.sources(), conv
        for item in self._events(question, list(conv.turns), lang):
            if isinstance(item, _Restart):
                view = AnswerView(lang, notice=text(lang, "thinking"))
            elif isinstance(item, _Notice):
                view.notice = item.text
            elif isinstance(item, Exception):
                view.notice = self._explain(item, lang)
            else:
                view.apply(item)
            yield "", [*base, *view.messages()], view.sources(), conv
        if view.answer is not None:
            history = list(conv.turns)
            conv.turns += [Turn("user", question), Turn("assistant", view.answer.text)]
            conv.answers[len(base) + len(view.tool_messages)] = (view.answer, history)
            conv.language = view.answer.language
            self._save(conv, question, view)
            yield "", [*base, *view.messages()], view.sources(), conv

    def _save(self, conv: Conversation, question: str, view: AnswerView) -> None:
        """Keep the exchange in the database; a failing database costs the record, not the answer."""
        if self.conversations is None or view.answer is None:
            return
        try:
            conv.id = conv.id or self.conversations.create("web")
            display = str(view.messages()[-1]["content"])
            self.conversations.append(conv.id, question, view.answer, kind="web", display=display)
        except ChipwiseError as exc:
            log.warning("the conversation was not saved: %s", exc)

    def _events(self, question: str, history: list[Turn], lang: str) -> Iterator[_Item]:
        """The stream's events, run in a worker so that busy retries can be announced."""
        items: queue.Queue[_Item | _Done] = queue.Queue()

        def announce(state: RetryCallState) -> None:
            wait = state.next_action.sleep if state.next_action else 0.0
            items.put(_Notice(text(lang, "retrying", s=max(wait, 1))))

        retrying = Retrying(
            retry=retry_if_exception_type(BusyError),
            stop=stop_after_attempt(BUSY_ATTEMPTS),
            wait=self._busy_wait,
            before_sleep=announce,
            reraise=True,
            sleep=self.sleep,
        )

        def produce() -> None:
            try:
                for attempt in retrying:
                    with attempt:
                        items.put(_Restart())
                        for event in self.assistant.stream(question, history):
                            items.put(event)
            except Exception as exc:  # shown to the user by _explain, never as a traceback
                items.put(exc)
            items.put(_Done())

        threading.Thread(target=produce, name="chipwise-answer", daemon=True).start()
        while True:
            item = items.get()
            if isinstance(item, _Done):
                return
            yield item

    def _busy_wait(self, state: RetryCallState) -> float:
        """Exponential backoff, but never less than the queue asked for (capped)."""
        backoff = wait_exponential(multiplier=1, min=1, max=self.busy_wait_max_s)(state)
        exc = state.outcome.exception() if state.outcome else None
        asked = exc.retry_after_s if isinstance(exc, BusyError) else 0.0
        return min(max(backoff, asked), self.busy_wait_max_s)

    def _explain(self, exc: BaseException, lang: str) -> str:
        """A friendly, specific message for an error; internals go to the log only."""
        detail = fmt.escape_md(str(exc))
        if isinstance(exc, BusyError):
            return text(lang, "busy", s=max(exc.retry_after_s, 1))
        if isinstance(exc, QuestionError):
            return f"⚠️ {detail}"
        if isinstance(exc, ModelError):
            return text(lang, "model", e=detail)
        if isinstance(exc, KnowledgeStoreError):
            return text(lang, "store", e=detail)
        if isinstance(exc, ChipwiseError):
            return f"⚠️ {detail}"
        log.error("answering failed", exc_info=exc)
        return text(lang, "internal")

    def rate(
        self, index: Any, liked: Any, messages: list[Message] | None, conv: Conversation | None
    ) -> dict[str, Any] | None:
        """Store 👍/👎 for the answer shown at chat message `index`; None if nothing matched."""
        rating = _rating(liked)
        found = _answer_at(conv, messages or [], index) if conv else None
        if rating is None or found is None:
            return None
        answer, history = found
        return self.feedback.record(answer, rating, history)

    def decide_markdown(self, lang: str, values: dict[str, Any]) -> str:
        """The verdict card for the requirements form's values."""
        # Blank, unchecked and 0 all mean "not said": no job has 0 s, 0 fps or a 0 W budget.
        given = {k: v for k, v in values.items() if v is not None and v != "" and v is not False}
        given = {k: v for k, v in given.items() if not (isinstance(v, int | float) and v == 0)}
        try:
            decision = self.assistant.decide(Requirements.model_validate(given))
        except ValidationError as exc:  # one line per bad field, naming it
            return text(lang, "bad_form", e=fmt.escape_md(validation_message(exc)))
        except ValueError as exc:
            return text(lang, "bad_form", e=fmt.escape_md(str(exc).splitlines()[0]))
        except Exception as exc:
            return self._explain(exc, lang)
        card = fmt.decision_card_markdown(decision, lang)
        if decision.verdict or decision.infeasible:
            card = f"{card}\n\n{fmt.map_markdown(decision, lang)}"
        return card


def _rating(liked: Any) -> Rating | None:
    if liked is True or liked == "Like":
        return "up"
    if liked is False or liked == "Dislike":
        return "down"
    return None


def _answer_at(
    conv: Conversation, messages: list[Message], index: Any
) -> tuple[Answer, list[Turn]] | None:
    """The answer shown at `index`, or the one its tool-call step belongs to."""
    if isinstance(index, list | tuple):
        index = index[0]
    if not isinstance(index, int):
        return None
    for i in range(index, max(len(messages), index + 1)):
        if i in conv.answers:
            return conv.answers[i]
        if i < len(messages) and messages[i].get("role") == "user":
            return None  # the next turn started: `index` was not part of an answer
    return None
