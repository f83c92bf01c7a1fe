"""Assistant speed: time to Decision, first token, total and decode tok/s against raw llama.cpp.

Run: .venv/bin/python bench/assistant.py [--questions 6]
The raw baseline is the same GGUF in a second llama.cpp context, given a prompt of the same
token length and asked for as many tokens, in this same run. Also shows the prompt-cache
effect: the forced tool call with and without the saved state of the constant prefix.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant import Requirements, open_assistant  # noqa: E402
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


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def chipwise_runs(assistant, questions):  # type: ignore[no-untyped-def]
    runs = []
    for question in questions:
        answer = assistant.ask(question)
        t = answer.timings
        decode_s = (t.total_ms - t.first_token_ms) / 1000
        runs.append(
            {
                "question": question[:40],
                "verdict": answer.verdict,
                "guard": answer.guard,
                "decision_ms": round(t.decision_ms),
                "first_token_ms": round(t.first_token_ms),
                "total_ms": round(t.total_ms),
                "tokens": t.completion_tokens,
                "decode_tok_s": round(t.completion_tokens / decode_s, 2) if decode_s > 0 else None,
            }
        )
    return runs


def raw_run(llm, prompt_tokens: int, max_tokens: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    filler = llm.tokenize(("GPUs and NPUs generate video at different speeds. " * 400).encode())
    prompt = filler[:prompt_tokens]
    started = time.perf_counter()
    first = None
    count = 0
    for _ in llm.create_completion(prompt, max_tokens=max_tokens, temperature=0.0, stream=True):
        if first is None:
            first = time.perf_counter()
        count += 1
    end = time.perf_counter()
    assert first is not None
    return {
        "first_token_ms": round((first - started) * 1000),
        "tokens": count,
        "decode_tok_s": round((count - 1) / (end - first), 2) if count > 1 else 0.0,
    }


def cache_effect(settings: Settings) -> dict[str, float]:
    """Tool-call time for new questions, with and without the prompt-state cache."""
    path = resolve_model_path(settings)
    tool = tool_schema()
    out = {}
    for cached in (False, True):
        model = LlamaCppModel(
            path, threads=settings.threads, context_size=settings.context_size, cache=cached
        )
        model.call_tool(prompts.tool_messages(QUESTIONS[0], []), tool)  # warm the prefix
        # An answer prompt in between evicts the tool prefix from the context's own reuse.
        model.complete(prompts.fact_messages("What is an NPU?", [], "en"), 8)
        started = time.perf_counter()
        model.call_tool(prompts.tool_messages(QUESTIONS[1], []), tool)
        out["with_cache_ms" if cached else "without_cache_ms"] = round(
            (time.perf_counter() - started) * 1000
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=len(QUESTIONS))
    args = parser.parse_args()
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="chipwise-bench-")))
    assistant = open_assistant(settings)
    assistant.ask(QUESTIONS[0])  # warm: model loaded, prefixes cached
    runs = chipwise_runs(assistant, QUESTIONS[: args.questions])
    prose = [r for r in runs if r["decode_tok_s"]]
    mean_tokens = round(statistics.mean(r["tokens"] for r in prose))
    decision = assistant.decide(
        Requirements(deployment="mobile", resolution="720p", duration_seconds=10)
    )
    passages = assistant.retriever.retrieve(QUESTIONS[1], "en", settings.top_k)
    answer_prompt = prompts.answer_messages(QUESTIONS[1], decision, passages, "en")
    from llama_cpp import Llama

    raw = Llama(
        model_path=str(resolve_model_path(settings)),
        n_ctx=settings.context_size,
        n_threads=settings.threads,
        n_threads_batch=settings.threads,
        verbose=False,
    )
    text = "\n".join(m["content"] for m in answer_prompt)
    prompt_len = len(raw.tokenize(text.encode()))
    baseline = raw_run(raw, prompt_len, mean_tokens)
    del raw
    chipwise_decode = statistics.median(r["decode_tok_s"] for r in prose)
    summary = {
        "runs": runs,
        "decision_ms_p50": _p([r["decision_ms"] for r in runs], 0.5),
        "first_token_ms_p50": _p([r["first_token_ms"] for r in prose], 0.5),
        "total_ms_p50": _p([r["total_ms"] for r in runs], 0.5),
        "total_ms_p95": _p([r["total_ms"] for r in runs], 0.95),
        "chipwise_decode_tok_s_p50": chipwise_decode,
        "raw_llama_cpp": {"prompt_tokens": prompt_len, **baseline},
        "decode_ratio_vs_raw": round(chipwise_decode / baseline["decode_tok_s"], 3),
        "prompt_cache": cache_effect(settings),
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
