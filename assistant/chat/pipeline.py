"""One question: (tool call → Decision →) retrieve → prose → guard → Answer, as a stream."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import Any

from assistant.chat import prompts, templates
from assistant.chat.gate import RequestGate
from assistant.chat.protocols import ChatModel, Message, Retriever
from assistant.errors import QuestionError
from assistant.rules.compare import compare
from assistant.rules.decision import Decision, recommend_hardware
from assistant.rules.requirements import Requirements
from assistant.rules.tool_schema import TOOL_NAME, tool_schema
from assistant.rules.wording import finding_text
from assistant.settings import Settings
from assistant.text.alternatives import alternatives
from assistant.text.evidence import carried, key_quote, quotes, refuses
from assistant.text.extract import Reading, open_fields, provenance, read, reconcile
from assistant.text.guard import check
from assistant.text.intent import classify
from assistant.text.language import detect_language
from assistant.types import (
    Answer,
    AnswerEvent,
    DecisionEvent,
    Passage,
    PassagesEvent,
    StreamEvent,
    TextEvent,
    ToolCall,
    ToolCallEvent,
    Turn,
)

HistoryLike = Sequence[Turn | dict[str, Any]]


def as_turns(history: HistoryLike) -> list[Turn]:
    """Accept Turns or {"role", "content"} dicts (OpenAI/Gradio style); keep user/assistant."""
    turns = []
    for item in history:
        role, content = (
            (item.role, item.content)
            if isinstance(item, Turn)
            else (item.get("role"), item.get("content"))
        )
        if role in ("user", "assistant") and isinstance(content, str) and content.strip():
            turns.append(Turn(role=role, content=content))
    return turns


def check_question(question: str, max_chars: int) -> str:
    """The question without surrounding space; QuestionError when empty or over `max_chars`."""
    text = (question or "").strip()
    if not text:
        raise QuestionError("The question is empty: ask about GPUs or NPUs for video.")
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is {len(text):,} characters long; the limit is "
            f"{max_chars:,}. Shorten it to the requirements."
        )
    return text


class Assistant:
    """chipwise's question answering; build it with `assistant.build(settings)`."""

    def __init__(
        self, settings: Settings, chat_model: ChatModel, retriever: Retriever, gate: RequestGate
    ) -> None:
        self.settings = settings
        self.chat_model = chat_model
        self.retriever = retriever
        self.gate = gate
        self.tool = tool_schema()

    def decide(self, requirements: Requirements) -> Decision:
        """The decision tool itself, no model involved."""
        return recommend_hardware(requirements)

    def warm(self) -> None:
        """Evaluate the constant prefix (system prompt and tool schema) before any question."""
        with self.gate.hold():
            self.chat_model.call_tool(prompts.conversation("GPU or NPU?", []), self.tool, [])

    def ask(self, question: str, history: HistoryLike = ()) -> Answer:
        """Answer one question (with the conversation so far) and return the final Answer."""
        final: Answer | None = None
        for event in self.stream(question, history):
            if isinstance(event, AnswerEvent):
                final = event.answer
        assert final is not None
        return final

    def stream(self, question: str, history: HistoryLike = ()) -> Iterator[StreamEvent]:
        """Events as they happen: passages, tool call, Decision, prose, then the Answer."""
        started = time.perf_counter()
        text = check_question(question, self.settings.max_question_chars)
        turns = as_turns(history)
        lang = detect_language(text)
        answer = Answer(
            question=text,
            text="",
            language=lang,
            intent=classify(text, turns),
        )
        if answer.intent == "out_of_scope":
            answer.text = templates.out_of_scope(lang)
            yield from self._finish(answer, started)
            return
        if options := alternatives(text):
            yield from self._retrieve(answer)
            yield from self._compare(answer, turns, options, started)
            return
        with self.gate.hold():
            if answer.intent == "recommend":
                yield from self._recommend(answer, turns, started)
            else:
                yield from self._retrieve(answer)
                yield from self._factual(answer, turns, started)

    def _retrieve(self, answer: Answer) -> Iterator[StreamEvent]:
        t = time.perf_counter()
        answer.passages = self.retriever.retrieve(
            answer.question, answer.language, self.settings.top_k
        )
        answer.timings.retrieve_ms = (time.perf_counter() - t) * 1000
        yield PassagesEvent(answer.passages)

    def _recommend(
        self, answer: Answer, turns: list[Turn], started: float
    ) -> Iterator[StreamEvent]:
        messages = prompts.conversation(answer.question, turns)
        call = self._tool_call(messages, answer.question, turns)
        answer.tool_calls.append(call)
        yield ToolCallEvent(call)
        decision = recommend_hardware(Requirements.model_validate(call.arguments))
        answer.decision, answer.needs = decision, list(decision.needs)
        answer.timings.decision_ms = (time.perf_counter() - started) * 1000
        yield DecisionEvent(decision)
        # The Decision needs no passages, so it does not wait for them; they back the sources.
        yield from self._retrieve(answer)
        if decision.infeasible:
            answer.text = templates.infeasible(decision, answer.language)
            answer.cited = decision.sources
            yield from self._finish(answer, started)
            return
        if decision.verdict is None:
            answer.text = templates.clarify(decision.needs, answer.language)
            answer.cited = ["questions.target", "questions.deployment", "questions.constraints"]
            yield from self._finish(answer, started)
            return
        result = prompts.tool_result(decision, answer.language)
        messages = prompts.with_result(messages, call.arguments, result)
        yield from self._write(answer, messages, decision, started, tool=self.tool)

    def _compare(
        self,
        answer: Answer,
        turns: list[Turn],
        options: list[dict[str, Reading]],
        started: float,
    ) -> Iterator[StreamEvent]:
        """Alternatives side by side, decided by the rules alone: no model picks a verdict."""
        earlier: dict[str, Reading] = {}
        for turn in turns:
            if turn.role == "user":
                earlier.update((r.field, r) for r in read(turn.content))
        sets = []
        for option in options:
            stated = {**earlier, **option}
            requirements, _ = Requirements.lenient({n: r.value for n, r in stated.items()})
            sets.append(requirements)
            call = ToolCall(
                name=TOOL_NAME,
                arguments=requirements.known(),
                extracted_arguments={n: r.value for n, r in stated.items()},
                readings=provenance(requirements.known(), stated),
            )
            answer.tool_calls.append(call)
            yield ToolCallEvent(call)
        answer.intent = "recommend"
        answer.comparison = compare(sets)
        answer.timings.decision_ms = (time.perf_counter() - started) * 1000
        answer.text = templates.comparison(answer.comparison, answer.language)
        answer.cited = list(dict.fromkeys(s for d in answer.comparison.options for s in d.sources))
        yield from self._finish(answer, started)

    def _factual(self, answer: Answer, turns: list[Turn], started: float) -> Iterator[StreamEvent]:
        if not answer.passages:
            answer.text = templates.not_in_knowledge(answer.language)
            yield from self._finish(answer, started)
            return
        messages = prompts.fact_messages(answer.question, answer.passages, answer.language, turns)
        follows = prompts.previous_question(turns)
        yield from self._write(answer, messages, None, started, follows=follows)

    def _tool_call(self, messages: list[Message], question: str, turns: list[Turn]) -> ToolCall:
        """The model's forced call, reconciled with the cues and merged with earlier turns;
        the model is asked only for the fields its values could still set."""
        user_texts = [t.content for t in turns if t.role == "user"] + [question]
        stated: dict[str, Reading] = {}
        for text in user_texts:  # earlier turns first: a newer statement overrides an older one
            stated.update((r.field, r) for r in read(text))
        cues = {name: r.value for name, r in stated.items()}
        said = " \n".join(user_texts)
        asked = open_fields(cues, said)
        completion = self.chat_model.call_tool(messages, self.tool, asked)
        model_args = completion.arguments
        merged, corrections = reconcile(model_args, cues, said)
        requirements, _ = Requirements.lenient(merged)
        _, model_dropped = Requirements.lenient(model_args or {})
        return ToolCall(
            name=TOOL_NAME,
            arguments=requirements.known(),
            model_arguments=model_args,
            extracted_arguments=cues,
            corrections=corrections,
            valid=model_args is not None and not model_dropped,
            readings=provenance(requirements.known(), stated),
            completion_tokens=completion.completion_tokens,
            asked=asked,
        )

    def _write(
        self,
        answer: Answer,
        messages: list[Message],
        decision: Decision | None,
        started: float,
        tool: dict[str, Any] | None = None,
        follows: str = "",
    ) -> Iterator[StreamEvent]:
        """Stream the model's prose, then guard it: one corrected retry, then a template;
        then carry the key figure and attach the sources by rule. `follows` is the question
        a factual one follows (the model was shown it too)."""
        pieces: list[str] = []
        for piece in self.chat_model.stream(messages, self.settings.max_answer_tokens, tool):
            # Timed on arrival: after the last piece llama.cpp evaluates one more token to
            # find the end of text, which streams nothing and is not decode.
            answer.timings.last_token_ms = (time.perf_counter() - started) * 1000
            if not pieces:
                answer.timings.first_token_ms = answer.timings.last_token_ms
            pieces.append(piece)
            yield TextEvent(piece)
        if not pieces:  # nothing streamed: no first token, as before
            answer.timings.last_token_ms = (time.perf_counter() - started) * 1000
        answer.timings.completion_tokens = answer.timings.streamed_tokens = len(pieces)
        draft = "".join(pieces).strip()
        used = self._used_passages(answer, decision)
        allowed = {p.section_id for p in answer.passages} | set(
            decision.sources if decision else []
        )
        sources = [answer.question, *(p.text for p in answer.passages), *_findings(decision)]
        verdict = check(draft, decision, allowed, sources)
        if not verdict.ok:
            answer.guard_problems = list(verdict.problems)
            retry = self.chat_model.complete(
                prompts.correction_messages(
                    messages,
                    draft,
                    verdict.problems,
                    decision.verdict if decision else None,
                    answer.language,
                ),
                self.settings.max_answer_tokens,
                tool,
            )
            answer.timings.completion_tokens += retry.completion_tokens
            draft, verdict = retry.text.strip(), check(retry.text, decision, allowed, sources)
            answer.guard = "regenerated"
            if not verdict.ok:
                answer.guard_problems += verdict.problems
                answer.guard = "templated"
                draft = (
                    templates.decision_answer(decision, answer.language)
                    if decision
                    else templates.not_in_knowledge(answer.language)
                )
                verdict = check(draft, decision, allowed)
        key = None
        if answer.guard != "templated":
            key = key_quote(answer.question, used, factual=decision is None)
            if key is None and follows:
                # A follow-up ("why not a GPU?") shares too few words with any sentence: its
                # subject is in the question it follows.
                key = key_quote(answer.question, used, factual=True, follows=follows)
            if key is None and decision is None and refuses(draft):
                # The model saw only the top passages; a lower one may hold the answer.
                key = key_quote(answer.question, answer.passages, factual=True)
        streamed = draft if answer.guard == "ok" else None  # what the reader already has
        final = carried(draft, key, answer.language)
        if decision is not None and answer.guard != "templated":
            final, answer.added = templates.completed(final, decision, answer.language)
        if streamed is not None and final.startswith(streamed):
            if final != streamed:  # appended by rule: stream it on, don't redraw
                yield TextEvent(final[len(streamed) :])
        else:
            yield TextEvent(final, reset=True)
        draft = final
        answer.quotes = quotes(draft, used, decision, answer.language)
        if key is not None and key.section_id not in {q.section_id for q in answer.quotes}:
            answer.quotes.append(key)
        answer.text = draft
        answer.cited = list(dict.fromkeys([*verdict.cited, *(q.section_id for q in answer.quotes)]))
        yield from self._finish(answer, started)

    def _used_passages(self, answer: Answer, decision: Decision | None) -> list[Passage]:
        """The passages the prose could draw on: those the model was given, or, after a call,
        those of the sections the Decision cites."""
        if decision is None:
            return answer.passages[: prompts.PASSAGES_FOR_ANSWER]
        used = [p for p in answer.passages if p.section_id in decision.sources]
        # A section the Decision cites but retrieval ranked out is fetched by its id.
        missing = [s for s in decision.sources if s not in {p.section_id for p in used}]
        return used + (self.retriever.sections(missing, answer.language) if missing else [])

    def _finish(self, answer: Answer, started: float) -> Iterator[StreamEvent]:
        answer.timings.total_ms = (time.perf_counter() - started) * 1000
        yield AnswerEvent(answer)


def _findings(decision: Decision | None) -> list[str]:
    """The Decision's findings in both languages: figures the prose may state."""
    found = [*decision.reasons, *decision.warnings, *decision.assumptions] if decision else []
    return [finding_text(f, lang) for f in found for lang in ("en", "zh")]
