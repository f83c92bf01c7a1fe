"""Assistant speed: time to Decision, first token, total and decode tok/s against raw llama.cpp.

Run: .venv/bin/python bench/assistant.py [--questions 6] [--recall-questions 4]
The raw baseline is the same GGUF in a second llama.cpp context, given a 590-token prompt
(the length of the answer prompt before one-conversation answers) and asked for 64 tokens,
in this same run; every latency is also given as a ratio to its first token. Also: the
token counts of every prompt, the tokens the model generates per call, decode over two
factual answers' longer streams (also against raw decodes run between them on the same
instance), the three ways to keep the answer after a call from
calling again (`recall`), the first word against the findings in the tool result, and the
prompt-cache effect.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant import Requirements, ingest_knowledge, open_assistant  # noqa: E402
from assistant.adapters.chat_models import LlamaCppModel  # noqa: E402
from assistant.adapters.model_files import resolve_model_path  # noqa: E402
from assistant.chat import prompts  # noqa: E402
from assistant.rules.tool_schema import tool_schema  # noqa: E402
from assistant.settings import Settings  # noqa: E402

QUESTIONS = [
    "We make 90-second 4K ads with fluid simulation: GPU or NPU?",
    "Our phone app generates 10-second 720p clips. GPU or NPU?",
    "Battery-powered drone camera, 5-second clips generated on board: which chip?",
    "We batch 20,000 templated 1080p e-commerce clips a day in our data center. GPU or NPU?",
    "我们做手机短视频APP,生成10秒720p视频,用GPU还是NPU?",
    "我们要在云端生成8K、5分钟以上的影视特效视频,用NPU可以吗?",
]


# Factual questions: their prose streams for tens of tokens, so decode is measured over a
# real stream of chipwise's path (a recommendation's prose is a few tokens).
FACTUAL = [
    "How much power does an edge NPU in a camera or drone usually draw?",
    "手机上生成一段10秒720p视频大概耗电多少?",
]
RAW_PROMPT_TOKENS = 590
DECODE_TOKENS = 64  # the raw yardstick's decode length: a few tokens are too noisy to time
RECALL_MODES = ("bias", "stop", "none")


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def model_tokens(assistant, question):  # type: ignore[no-untyped-def]
    """The Answer, the tokens the model streamed and those in its first piece: the pieces
    retokenized, since llama-cpp-python holds back (and joins) text that could begin a stop
    sequence, so a piece may hold several tokens."""
    from assistant.types import AnswerEvent, TextEvent

    events = list(assistant.stream(question))
    answer = next(e.answer for e in events if isinstance(e, AnswerEvent))
    pieces = [e.text for e in events if isinstance(e, TextEvent)][: answer.timings.streamed_tokens]
    llm = getattr(assistant.chat_model, "llm", None)
    first = token_count(llm, pieces[0]) if pieces else 0
    return answer, token_count(llm, "".join(pieces)), first


def token_count(llm, text: str) -> int:  # type: ignore[no-untyped-def]
    """The tokens `text` is, as the model's tokenizer cuts it (0 without a model or text)."""
    return len(llm.tokenize(text.encode(), add_bos=False)) if llm and text else 0


def chipwise_runs(assistant, questions):  # type: ignore[no-untyped-def]
    runs = []
    for question in questions:
        answer, tokens, first = model_tokens(assistant, question)
        t = answer.timings
        # Decode is the streamed prose only (first to last token), as the raw baseline counts
        # it; the guard, carried figures and sources after it are in total_ms.
        decode_s = (t.last_token_ms - t.first_token_ms) / 1000
        runs.append(
            {
                "question": question[:40],
                "verdict": answer.verdict,
                "guard": answer.guard,
                "call_tokens": answer.tool_calls[0].completion_tokens if answer.tool_calls else 0,
                "decision_ms": round(t.decision_ms),
                "first_token_ms": round(t.first_token_ms),
                "total_ms": round(t.total_ms),
                "tokens": tokens,
                "pieces": t.streamed_tokens,
                "chars": len(answer.text),  # the whole answer, with what chipwise adds by rule
                "added": answer.added,
                "decode_tok_s": (
                    round((tokens - first) / decode_s, 2)
                    if tokens > first and decode_s > 0
                    else None
                ),
                "after_stream_ms": round(t.total_ms - t.last_token_ms),
                "called_again": "<tool_call>" in answer.text or answer.guard == "templated",
                "cited": len(answer.cited),
                "rss_mb": rss_mb(),
            }
        )
    return runs


def decode_interleaved(assistant, rounds: int = 2):  # type: ignore[no-untyped-def]
    """The factual answers' runs and, after each, raw llama.cpp's decode on the same instance."""
    runs, raw = [], []
    for _ in range(rounds):
        for question in FACTUAL:
            runs += chipwise_runs(assistant, [question])
            llm = assistant.chat_model.llm
            cache, llm.cache = llm.cache, None  # the filler must not evict chipwise's prefixes
            try:
                raw.append(raw_run(llm, RAW_PROMPT_TOKENS, DECODE_TOKENS)["decode_tok_s"])
            finally:
                llm.cache = cache
    return runs, raw


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def plain_chain_runs(settings: Settings, questions, max_tokens: int):  # type: ignore[no-untyped-def]
    """The RAG chain a user would otherwise write with LangChain's own pieces, same GGUF,
    threads and Chroma store: top-k passages stuffed into one prompt, streamed."""
    from langchain_community.chat_models import ChatLlamaCpp
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_core.runnables import RunnablePassthrough

    from assistant.startup import ingest_config
    from ingest.embeddings import SentenceEmbeddings
    from ingest.store import open_store

    llm = ChatLlamaCpp(
        model_path=str(resolve_model_path(settings)),
        n_ctx=settings.context_size,
        n_threads=settings.threads,
        n_batch=256,
        temperature=0.0,
        max_tokens=max_tokens,
        verbose=False,
    )
    retriever = open_store(ingest_config(settings), SentenceEmbeddings()).as_retriever(
        search_kwargs={"k": settings.top_k}
    )
    prompt = ChatPromptTemplate.from_messages(
        [
            (
                "system",
                "You help choose a GPU or an NPU for AI video generation. Answer from the "
                "context and say which hardware to use.\n\nContext:\n{context}",
            ),
            ("human", "{question}"),
        ]
    )

    def join(docs):  # type: ignore[no-untyped-def]
        return "\n\n".join(d.page_content for d in docs)

    chain = (
        {"context": retriever | join, "question": RunnablePassthrough()}
        | prompt
        | llm
        | StrOutputParser()
    )
    chain.invoke(questions[0])  # warm, as chipwise is warmed
    runs = []
    for question in questions:
        started = time.perf_counter()
        first = None
        pieces: list[str] = []
        for piece in chain.stream(question):
            if first is None and piece:
                first = time.perf_counter()
            if piece:
                pieces.append(piece)
        end = time.perf_counter()
        runs.append(
            {
                "first_token_ms": round(((first or end) - started) * 1000),
                "total_ms": round((end - started) * 1000),
                "tokens": len(pieces),  # it may stop before max_tokens: compare lengths too
                "chars": len("".join(pieces).strip()),
            }
        )
    return runs


def raw_run(llm, prompt_tokens: int, max_tokens: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Raw llama.cpp on a filler prompt, decode counted as chipwise's is: the tokens of the
    streamed text after the first piece, from the first piece's arrival to the last one's
    (a stream's closing chunk carries no new token)."""
    filler = llm.tokenize(("GPUs and NPUs generate video at different speeds. " * 400).encode())
    prompt = filler[:prompt_tokens]
    started = time.perf_counter()
    first = last = None
    pieces: list[str] = []
    for chunk in llm.create_completion(prompt, max_tokens=max_tokens, temperature=0.0, stream=True):
        if chunk["choices"][0]["text"]:
            last = time.perf_counter()
            first = first or last
            pieces.append(chunk["choices"][0]["text"])
    assert first is not None and last is not None and pieces
    tokens = token_count(llm, "".join(pieces))
    after_first = tokens - token_count(llm, pieces[0])
    return {
        "first_token_ms": round((first - started) * 1000),
        "tokens": tokens,
        "decode_tok_s": round(after_first / (last - first), 2) if last > first else 0.0,
    }


def prompt_tokens(llm, messages, tools=None) -> int:  # type: ignore[no-untyped-def]
    """Tokens of `messages` as the model's own chat template renders them."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    from assistant.adapters.chat_models import _for_template

    formatter = Jinja2ChatFormatter(
        template=llm.metadata["tokenizer.chat_template"], eos_token="", bos_token=""
    )
    text = formatter(messages=_for_template(messages), tools=tools).prompt
    return len(llm.tokenize(text.encode(), add_bos=False, special=True))


def prompt_sizes(llm, assistant, settings: Settings) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Every prompt chipwise sends, in tokens: the call, what the answer adds, a factual one."""
    tool = tool_schema()
    call = prompts.conversation(QUESTIONS[1], [])
    decision = assistant.decide(
        Requirements(deployment="mobile", resolution="720p", duration_seconds=10)
    )
    after = prompts.with_result(
        call, decision.requirements.known(), prompts.tool_result(decision, "en")
    )
    after_zh = prompts.with_result(
        prompts.conversation(QUESTIONS[4], []),
        decision.requirements.known(),
        prompts.tool_result(decision, "zh"),
    )
    passages = assistant.retriever.retrieve(
        "How efficient are NPUs on phones?", "en", settings.top_k
    )
    system_only = [call[0], {"role": "user", "content": ""}]
    sizes = {
        "system_and_tools": prompt_tokens(llm, system_only, [tool]),
        "tool_call": prompt_tokens(llm, call, [tool]),
        "answer_after_call": prompt_tokens(llm, after, [tool]),
        "answer_after_call_zh": prompt_tokens(llm, after_zh, [tool]),
        "factual": prompt_tokens(
            llm, prompts.fact_messages("How efficient are NPUs?", passages, "en")
        ),
    }
    sizes["answer_new_tokens"] = sizes["answer_after_call"] - sizes["tool_call"]
    sizes["answer_new_tokens_zh"] = sizes["answer_after_call_zh"] - prompt_tokens(
        llm, prompts.conversation(QUESTIONS[4], []), [tool]
    )
    return sizes


def recall_modes(settings: Settings, retriever, questions) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    """The answer after a call under each way of preventing a second call."""
    out = {}
    for mode in RECALL_MODES:
        model = LlamaCppModel(
            resolve_model_path(settings),
            threads=settings.threads,
            context_size=settings.context_size,
            recall=mode,
        )
        assistant = open_assistant(settings, chat_model=model, retriever=retriever)
        assistant.ask(questions[0])  # warm
        runs = chipwise_runs(assistant, questions)
        out[mode] = {
            "called_again": sum(r["called_again"] for r in runs),
            "guard_not_ok": sum(r["guard"] != "ok" for r in runs),
            "first_token_ms_p50": _p([r["first_token_ms"] for r in runs], 0.5),
            "answers": len(runs),
        }
        del assistant, model
    return out


RESULT_VARIANTS = ((3, 2), (1, 1), (1, 0), (0, 0))  # (reasons, warnings) in the tool result


def _variant(counts: tuple[int, int]) -> str:
    return f"{counts[0]}_reasons_{counts[1]}_warnings"


def result_sizes(assistant, questions):  # type: ignore[no-untyped-def]
    """The answer after a call with fewer findings in the tool result: its new tokens, the
    first word, what the model wrote past the headline and what chipwise added."""
    llm, tool = assistant.chat_model.llm, tool_schema()
    decision = assistant.decide(
        Requirements(deployment="mobile", resolution="720p", duration_seconds=10)
    )
    call = prompts.conversation(QUESTIONS[1], [])
    chosen, out = prompts.RESULT_FINDINGS, {}
    try:
        for variant in RESULT_VARIANTS:
            prompts.RESULT_FINDINGS = variant
            after = prompts.with_result(
                call, decision.requirements.known(), prompts.tool_result(decision, "en")
            )
            runs = chipwise_runs(assistant, questions)
            out[_variant(variant)] = {
                "answer_new_tokens": prompt_tokens(llm, after, [tool])
                - prompt_tokens(llm, call, [tool]),
                "first_token_ms_p50": _p([r["first_token_ms"] for r in runs], 0.5),
                "model_tokens_p50": statistics.median(r["tokens"] for r in runs),
                "explained_by_the_model": sum("reasons" not in r["added"] for r in runs),
                "guard_not_ok": sum(r["guard"] != "ok" for r in runs),
                "chars_p50": statistics.median(r["chars"] for r in runs),
                "answers": len(runs),
            }
    finally:
        prompts.RESULT_FINDINGS = chosen
    out["chosen"] = _variant(chosen)
    return out


def cache_effect(settings: Settings) -> dict[str, float]:
    """Tool-call time for new questions, with and without the prompt-state cache."""
    path = resolve_model_path(settings)
    tool = tool_schema()
    out = {}
    for cached in (False, True):
        model = LlamaCppModel(
            path, threads=settings.threads, context_size=settings.context_size, cache=cached
        )
        model.call_tool(prompts.conversation(QUESTIONS[0], []), tool)  # warm the prefix
        # A factual prompt in between evicts the tool prefix from the context's own reuse.
        model.complete(prompts.fact_messages("What is an NPU?", [], "en"), 8)
        started = time.perf_counter()
        model.call_tool(prompts.conversation(QUESTIONS[1], []), tool)
        out["with_cache_ms" if cached else "without_cache_ms"] = round(
            (time.perf_counter() - started) * 1000
        )
    return out


def _ratios(runs, raw_first_ms: float, key: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    values = sorted(r[key] / raw_first_ms for r in runs if r[key])
    if not values:
        return {"p50": 0.0, "max": 0.0}
    # _p rounds to 0.1, fine for milliseconds but not for ratios near a 0.5 target.
    return {"p50": round(statistics.median(values), 3), "max": round(values[-1], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=len(QUESTIONS))
    parser.add_argument("--recall-questions", type=int, default=4)
    args = parser.parse_args()
    settings = Settings()
    ingest_knowledge([REPO / "knowledge"], settings, progress=False)
    assistant = open_assistant(settings)
    assistant.ask(QUESTIONS[0])  # warm: model loaded, prefixes cached
    runs = chipwise_runs(assistant, QUESTIONS[: args.questions])
    prose = [r for r in runs if r["decode_tok_s"]]
    factual, raw_between = decode_interleaved(assistant)
    results = result_sizes(assistant, QUESTIONS[: args.questions])
    from llama_cpp import Llama

    raw = Llama(
        model_path=str(resolve_model_path(settings)),
        n_ctx=settings.context_size,
        n_threads=settings.threads,
        n_threads_batch=settings.threads,
        verbose=False,
    )
    sizes = prompt_sizes(raw, assistant, settings)
    baseline = raw_run(raw, RAW_PROMPT_TOKENS, DECODE_TOKENS)
    # Decode again on the same prompt (its prefix is reused, so only the first run's first
    # token counts): one 64-token run moved by several per cent with the machine.
    decodes = [baseline["decode_tok_s"]] + [
        raw_run(raw, RAW_PROMPT_TOKENS, DECODE_TOKENS)["decode_tok_s"] for _ in range(2)
    ]
    baseline["decode_tok_s"], baseline["decode_tok_s_runs"] = statistics.median(decodes), decodes
    del raw
    retriever = assistant.retriever
    del assistant
    chipwise_decode = statistics.median(r["decode_tok_s"] for r in prose)
    streams = [r for r in factual if r["decode_tok_s"] and r["tokens"] >= 20]
    long_decode = statistics.median(r["decode_tok_s"] for r in streams) if streams else None
    raw_between_p50 = statistics.median(raw_between)
    raw_first = baseline["first_token_ms"]
    # The plain chain writes its whole answer (chipwise's carries its reasons by rule, not by
    # model tokens, so capping the chain at chipwise's token count would cut it short).
    plain = plain_chain_runs(settings, QUESTIONS[: args.questions], settings.max_answer_tokens)
    plain_first = _p([r["first_token_ms"] for r in plain], 0.5)
    plain_total = _p([r["total_ms"] for r in plain], 0.5)
    summary = {
        "runs": runs,
        "prompt_tokens": sizes,
        "call_tokens_p50": _p([r["call_tokens"] for r in runs], 0.5),
        "call_tokens_max": max(r["call_tokens"] for r in runs),
        "decision_ms_p50": _p([r["decision_ms"] for r in runs], 0.5),
        "decision_ms_p95": _p([r["decision_ms"] for r in runs], 0.95),
        "first_token_ms_p50": _p([r["first_token_ms"] for r in prose], 0.5),
        "total_ms_p50": _p([r["total_ms"] for r in runs], 0.5),
        "total_ms_p95": _p([r["total_ms"] for r in runs], 0.95),
        "decision_vs_raw_first_token": _ratios(runs, raw_first, "decision_ms"),
        "first_token_vs_raw_first_token": _ratios(prose, raw_first, "first_token_ms"),
        "chipwise_decode_tok_s_p50": chipwise_decode,
        "raw_llama_cpp": {"prompt_tokens": RAW_PROMPT_TOKENS, **baseline},
        "decode_ratio_vs_raw": round(chipwise_decode / baseline["decode_tok_s"], 3),
        # Over factual answers' streams (tens of tokens), the same streaming path.
        "factual_runs": factual,
        "decode_ratio_vs_raw_long_streams": (
            round(long_decode / baseline["decode_tok_s"], 3) if long_decode else None
        ),
        # The same streams against raw decodes run between them on the same llama.cpp
        # instance: the machine's speed drifts by more than the difference between the runs
        # minutes apart.
        "raw_decode_tok_s_between_streams": raw_between,
        "decode_ratio_vs_raw_interleaved": (
            round(long_decode / raw_between_p50, 3) if long_decode else None
        ),
        "plain_langchain_rag": {
            "first_token_ms_p50": plain_first,
            "total_ms_p50": plain_total,
            "first_token_vs_raw_first_token": round(plain_first / raw_first, 3),
            "tokens_p50": statistics.median(r["tokens"] for r in plain),
            "chipwise_tokens_p50": statistics.median(r["tokens"] for r in runs),
            "chars_p50": statistics.median(r["chars"] for r in plain),
            "chipwise_chars_p50": statistics.median(r["chars"] for r in runs),
        },
        "first_token_vs_plain_first_token": round(
            _p([r["first_token_ms"] for r in prose], 0.5) / plain_first, 3
        ),
        "total_vs_plain_total": round(_p([r["total_ms"] for r in runs], 0.5) / plain_total, 3),
        "peak_rss_mb_during_answers": max(r["rss_mb"] for r in runs),
        "tool_result_findings": results,
        "recall": recall_modes(settings, retriever, QUESTIONS[: args.recall_questions]),
        "prompt_cache": cache_effect(settings),
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
