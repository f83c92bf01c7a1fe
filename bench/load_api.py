"""Load on `POST /v1/ask`: N concurrent clients for S seconds against `chipwise api` on loopback.

Starts the server in a subprocess (fresh data folder unless --data-dir), waits for /healthz,
asks one warm-up question (the model loads on first use), then runs the clients. Prints
requests answered, busy answers (503, counted apart from errors), other errors, p50/p95
latency and the server's resident memory at start, middle and end. Bounded: no new request
after --seconds or --max-requests, and each request times out.

It runs twice: idle, then with a CPU-heavy competing process (a busy loop on one of the two
cores; the server keeps OMP_WAIT_POLICY=PASSIVE, and --threads sets its llama.cpp threads).
Exits 1 unless both runs had 0 errors, RSS stayed under --max-rss-mb, and the contended
throughput is at least half the idle one.

    python bench/load_api.py                      # 8 clients × 2 minutes, idle then contended
    python bench/load_api.py --clients 2 --seconds 20 --only idle
    python bench/load_api.py --dry-run            # the scripted model: checks the bench itself
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # before bench/, whose assistant.py would shadow the package

from assistant.testing import free_port  # noqa: E402

QUESTIONS = [
    "We make 90-second 4K ads with fluid simulation: GPU or NPU?",
    "Our app generates 10-second 720p clips on phones. GPU or NPU?",
    "A drone camera must make short clips offline on a 5 W budget: which chip?",
    "我们在数据中心每天生成两万条固定模板的1080p短视频,用GPU还是NPU?",
    "Why are NPUs more energy-efficient than GPUs for video generation?",
    "We fine-tune a new experimental video model that only runs on CUDA. What hardware?",
]


@dataclass
class Tally:
    """What the clients saw; appended to under a lock."""

    latencies_s: list[float] = field(default_factory=list)  # answered (200)
    busy_s: list[float] = field(default_factory=list)  # 503 busy, with its latency
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def sent(self) -> int:
        return len(self.latencies_s) + len(self.busy_s) + len(self.errors)


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux /proc), None when unavailable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def serve_scripted(port: int) -> None:
    """`chipwise api` over the scripted model and an in-memory passage (for --dry-run)."""
    import uvicorn

    from assistant import Passage, Settings, open_assistant
    from assistant.testing import MemoryRetriever, ScriptedModel
    from ui.api import create_api

    settings = Settings()
    passage = Passage(
        "scenario.mobile#0", "scenario.mobile", "Mobile → NPU", "knowledge/en/scenario.mobile.md",
        "en", "Phones, clips, NPU, GPU, video, power, 4K, data center.", 1.0,
    )  # fmt: skip
    model = ScriptedModel(replies=("Recommendation: NPU. It fits. [scenario.mobile]",))
    assistant = open_assistant(settings, chat_model=model, retriever=MemoryRetriever([passage]))
    token = settings.api_token.get_secret_value() if settings.api_token else None
    uvicorn.run(
        create_api(assistant, token=token), host="127.0.0.1", port=port, log_level="warning"
    )


def start_server(
    port: int, token: str, data_dir: Path, log: Path, *, scripted: bool, threads: int | None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "CHIPWISE_API_TOKEN": token,
        "CHIPWISE_DATA_DIR": str(data_dir),
        "OMP_WAIT_POLICY": "PASSIVE",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }
    if threads:
        env["CHIPWISE_THREADS"] = str(threads)
    command = [sys.executable, "-m", "ui.cli", "api", "--host", "127.0.0.1", "--port", str(port)]
    if scripted:
        command = [sys.executable, str(Path(__file__).resolve()), "--serve-scripted", str(port)]
    repo = Path(__file__).resolve().parent.parent
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, cwd=repo, stdout=out, stderr=subprocess.STDOUT)


def wait_healthy(url: str, server: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise SystemExit(f"the server was not healthy after {timeout_s:.0f} s")


def warm_up(url: str, token: str, timeout_s: float) -> float:
    """One answer before the clock starts: the model loads on first use."""
    started = time.monotonic()
    headers = {"Authorization": f"Bearer {token}"}
    response = httpx.post(
        f"{url}/v1/ask", json={"question": QUESTIONS[1]}, headers=headers, timeout=timeout_s
    )
    response.raise_for_status()
    return time.monotonic() - started


def client(
    url: str,
    token: str,
    index: int,
    stop_at: float,
    budget: threading.Semaphore,
    tally: Tally,
    timeout_s: float,
) -> None:
    """One client: ask, wait as told when busy, until time or the request budget runs out."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=timeout_s) as http:
        n = index
        while time.monotonic() < stop_at and budget.acquire(blocking=False):
            question = QUESTIONS[n % len(QUESTIONS)]
            n += 1
            started = time.monotonic()
            try:
                response = http.post("/v1/ask", json={"question": question})
                status = response.status_code
            except httpx.HTTPError as exc:
                status, response = -1, None
                error = f"{type(exc).__name__}: {exc}"
            took = time.monotonic() - started
            with tally.lock:
                if status == 200:
                    tally.latencies_s.append(took)
                elif status == 503 and response is not None and "retry-after" in response.headers:
                    tally.busy_s.append(took)
                else:
                    body = response.text[:200] if response is not None else error
                    tally.errors.append(f"{status}: {body}")
            if status == 503 and response is not None:
                wait = float(response.headers.get("retry-after", "1"))
                time.sleep(max(0.0, min(wait, stop_at - time.monotonic())))


def percentile(values: list[float], q: float, digits: int = 2) -> float | None:
    """The q-th percentile, rounded; None without values (JSON has no NaN)."""
    if len(values) < 2:
        return round(values[0], digits) if values else None
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1], digits)


def competitor() -> subprocess.Popen[bytes]:
    """A CPU-heavy process competing for one of the two cores (stopped by the caller)."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def run(args: argparse.Namespace, *, compete: bool) -> dict[str, object]:
    token = secrets.token_urlsafe(16)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    workdir = Path(tempfile.mkdtemp(prefix="chipwise-load-"))
    data_dir = args.data_dir or workdir / "data"
    log = workdir / "server.log"
    server = start_server(port, token, data_dir, log, scripted=args.dry_run, threads=args.threads)
    rival: subprocess.Popen[bytes] | None = None
    try:
        print(f"starting chipwise api on {url} (log: {log}) ...", flush=True)
        wait_healthy(url, server, args.startup_timeout)
        warmup_s = warm_up(url, token, args.startup_timeout)
        print(f"warm-up answer (loads the model; not counted): {warmup_s:.1f} s", flush=True)
        if compete:
            rival = competitor()
            print(f"competing CPU-heavy process: pid {rival.pid}", flush=True)
        rss = {"start": rss_mb(server.pid)}
        samples: list[float] = []
        tally = Tally()
        budget = threading.Semaphore(args.max_requests)
        started = time.monotonic()
        stop_at = started + args.seconds
        threads = [
            threading.Thread(
                target=client, args=(url, token, i, stop_at, budget, tally, args.request_timeout)
            )
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        print(f"{args.clients} clients for {args.seconds:.0f} s ...", flush=True)
        while any(t.is_alive() for t in threads):
            value = rss_mb(server.pid)
            if value is not None:
                samples.append(value)
            if "middle" not in rss and time.monotonic() >= started + args.seconds / 2:
                rss["middle"] = value
            time.sleep(1)
        rss["end"] = rss_mb(server.pid)
        wall = time.monotonic() - started
    finally:
        if rival is not None:
            rival.kill()
            rival.wait(10)
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    ok = tally.latencies_s
    return {
        "competing_process": compete,
        "clients": args.clients,
        "seconds": args.seconds,
        "wall_s": round(wall, 1),
        "requests": tally.sent,
        "answered": len(ok),
        "busy_503": len(tally.busy_s),
        "errors": len(tally.errors),
        "error_samples": tally.errors[:3],
        "answers_per_min": round(len(ok) / wall * 60, 2),
        "p50_s": percentile(ok, 50),
        "p95_s": percentile(ok, 95),
        "busy_p50_s": percentile(tally.busy_s, 50, 3),
        "rss_mb": {k: round(v, 1) if v else None for k, v in rss.items()},
        "rss_max_mb": round(max(samples), 1) if samples else None,
    }


def report(result: dict[str, Any]) -> None:
    label = "with a competing CPU-heavy process" if result["competing_process"] else "idle"
    print(
        f"[{label}] requests {result['requests']}: answered {result['answered']}, "
        f"busy (503) {result['busy_503']}, errors {result['errors']}"
    )
    print(
        f"latency of answers: p50 {result['p50_s']} s, p95 {result['p95_s']} s; "
        f"{result['answers_per_min']} answers/min; busy answers p50 {result['busy_p50_s']} s"
    )
    rss = result["rss_mb"]
    print(
        f"server RSS MB: start {rss['start']}, middle {rss.get('middle')}, "
        f"end {rss['end']}, max {result['rss_max_mb']}"
    )


def verdict(results: list[dict[str, Any]], max_rss_mb: float, min_ratio: float) -> list[str]:
    """What failed: errors, RSS over the bound, contended throughput below half the idle one."""
    failed = [f"{r['errors']} errors" for r in results if r["errors"]]
    failed += [
        f"RSS {r['rss_max_mb']} MB > {max_rss_mb:.0f} MB"
        for r in results
        if r["rss_max_mb"] and r["rss_max_mb"] > max_rss_mb
    ]
    idle = [r for r in results if not r["competing_process"]]
    busy = [r for r in results if r["competing_process"]]
    if idle and busy and busy[0]["answers_per_min"] < idle[0]["answers_per_min"] * min_ratio:
        failed.append(
            f"contended throughput {busy[0]['answers_per_min']}/min is below {min_ratio} of "
            f"idle {idle[0]['answers_per_min']}/min"
        )
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, help="Concurrent clients (8; dry run 2).")
    parser.add_argument("--seconds", type=float, help="How long each run loads (120; dry run 5).")
    parser.add_argument("--max-requests", type=int, default=5000, help="Request budget per run.")
    parser.add_argument("--request-timeout", type=float, default=300, help="Per request, s.")
    parser.add_argument(
        "--startup-timeout", type=float, default=900, help="Server start and warm-up, s."
    )
    parser.add_argument("--data-dir", type=Path, help="Use this store (default: a fresh one).")
    parser.add_argument("--threads", type=int, help="llama.cpp threads (CHIPWISE_THREADS).")
    parser.add_argument("--only", choices=["idle", "compete"], help="One run instead of both.")
    parser.add_argument("--max-rss-mb", type=float, default=2048, help="RSS bound (2048).")
    parser.add_argument(
        "--min-ratio", type=float, default=0.5, help="Contended/idle throughput floor (0.5)."
    )
    parser.add_argument("--dry-run", action="store_true", help="The scripted model, briefly.")
    parser.add_argument("--serve-scripted", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_scripted:
        serve_scripted(args.serve_scripted)
        return
    args.clients = args.clients or (2 if args.dry_run else 8)
    args.seconds = args.seconds or (5.0 if args.dry_run else 120.0)
    runs = {"idle": [False], "compete": [True]}.get(args.only or "", [False, True])
    results = [run(args, compete=compete) for compete in runs]
    for result in results:
        report(result)
        print(json.dumps(result, ensure_ascii=False))
    failed = verdict(results, args.max_rss_mb, args.min_ratio)
    print(
        "FAILED: " + "; ".join(failed) if failed else "OK: 0 errors, RSS bounded, throughput held"
    )
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
