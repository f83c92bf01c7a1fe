"""Start-up time and memory of `chipwise web`, against a bare Gradio chat page in the same run.

For each server: start it in a subprocess on a free loopback port, time until `GET /` answers
200, read its resident memory (the process tree, from /proc), then ask one question through
`gradio_client` and read the memory again. `chipwise web` runs twice: cold (a fresh data folder,
so the bundled knowledge is ingested first) and warm (the same folder again). The baseline is a
Gradio Blocks page with one Chatbot and nothing behind it: what Gradio alone costs.

    python bench/web_startup.py
    python bench/web_startup.py --skip-cold --json test-output/web-startup.json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from assistant.testing import free_port, stop_process

QUESTION = "We make 90-second 4K ads with fluid simulation: GPU or NPU?"
BASELINE = """
import sys, gradio as gr
def echo(message, history):
    return "", history + [{"role": "user", "content": message},
                          {"role": "assistant", "content": "GPU"}], ""
with gr.Blocks() as demo:
    chat = gr.Chatbot()
    box = gr.Textbox()
    panel = gr.Markdown()
    box.submit(echo, [box, chat], [box, chat, panel], api_name="ask")
demo.launch(server_name="127.0.0.1", server_port=int(sys.argv[1]))
"""


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants, in MB."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total_kb, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def measure(name: str, command: list[str], port: int, env: dict[str, str]) -> dict[str, Any]:
    """Start one server, time it to HTTP 200, ask one question, stop it."""
    from gradio_client import Client

    url = f"http://127.0.0.1:{port}/"
    log = Path(tempfile.gettempdir()) / f"chipwise-bench-{name}.log"
    started = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"{name} exited ({proc.returncode}); see {log}")
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        ready_s = time.perf_counter() - started
        rss_ready = tree_rss_mb(proc.pid)
        client = Client(url, verbose=False, download_files=False)
        asked = time.perf_counter()
        _, messages, _ = client.predict(QUESTION, [], api_name="/ask")
        answer_s = time.perf_counter() - asked
        client.close()
        content = messages[-1]["content"]
        text = content[0]["text"] if isinstance(content, list) else str(content)
        return {
            "server": name,
            "ready_s": round(ready_s, 2),
            "rss_ready_mb": round(rss_ready, 1),
            "first_answer_s": round(answer_s, 2),
            "rss_after_answer_mb": round(tree_rss_mb(proc.pid), 1),
            "answer_start": text[:40].replace("\n", " "),
            "load_average": round(os.getloadavg()[0], 2),
        }
    finally:
        stop_process(proc, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="Data folder (default: a fresh one).")
    parser.add_argument("--skip-cold", action="store_true", help="Only the warm start.")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="chipwise-bench-")) / "data"
    env = {
        **os.environ,
        "CHIPWISE_DATA_DIR": str(data_dir),
        "GRADIO_ANALYTICS_ENABLED": "False",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "OMP_WAIT_POLICY": "PASSIVE",
    }
    script = Path(sys.executable).parent / "chipwise"
    chipwise = [str(script)] if script.exists() else [sys.executable, "-m", "ui.cli"]
    results = []
    port = free_port()
    results.append(
        measure("gradio-baseline", [sys.executable, "-c", BASELINE, str(port)], port, env)
    )
    runs = ["warm"] if args.skip_cold else ["cold", "warm"]
    for run in runs:
        port = free_port()
        command = [*chipwise, "web", "--host", "127.0.0.1", "--port", str(port)]
        results.append(measure(f"chipwise-web-{run}", command, port, env))

    print(
        f"{'server':<20} {'ready s':>8} {'RSS ready MB':>13} {'answer s':>9} {'RSS after MB':>13}"
    )
    for r in results:
        print(
            f"{r['server']:<20} {r['ready_s']:>8} {r['rss_ready_mb']:>13} "
            f"{r['first_answer_s']:>9} {r['rss_after_answer_mb']:>13}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
