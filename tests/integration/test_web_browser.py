"""`chipwise web` for real: the packaged model behind the page, driven by headless chromium."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant import Settings, open_storage
from assistant.testing import free_port, stop_process

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "web"
ANSWER_TIMEOUT_MS = 600_000  # the real model on 2 shared cores
START_TIMEOUT_S = 900.0  # first start ingests the bundled knowledge and loads the model
EN_QUESTION = "We make 90-second 4K ads with fluid simulation: GPU or NPU?"
ZH_QUESTION = "我们做手机短视频APP，生成10秒720p视频，用GPU还是NPU？"
VERDICT = re.compile(r"(?:Verdict|结论)[:：]\s*(GPU\+NPU|GPU|NPU)")


def chipwise_command() -> list[str]:
    script = Path(sys.executable).parent / "chipwise"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.cli"]


def wait_until_up(url: str, proc: subprocess.Popen[bytes], log: Path) -> float:
    started = time.monotonic()
    while time.monotonic() - started < START_TIMEOUT_S:
        if proc.poll() is not None:
            pytest.fail(f"chipwise web exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"chipwise web did not answer within {START_TIMEOUT_S:.0f} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """`chipwise web` on a free loopback port with its own data directory."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path_factory.mktemp("web") / "data"
    port = free_port()
    log = OUTPUT / "server.log"
    env = {**os.environ, "CHIPWISE_DATA_DIR": str(data_dir), "GRADIO_ANALYTICS_ENABLED": "False"}
    command = [*chipwise_command(), "web", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        seconds = wait_until_up(url, proc, log)
        yield {"url": url, "data_dir": data_dir, "start_s": seconds}
    finally:
        stop_process(proc, 30)


def block_outside(page: Any) -> list[str]:
    """Let the page reach only the loopback server; record anything else it tries."""
    outside: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    page.route("**/*", route)
    return outside


def ask(page: Any, question: str) -> str:
    """Type a question, wait for the verdict card and the end of the answer; its text."""
    before = page.locator("#chipwise-chat [data-testid=bot]").count()
    page.fill("#chipwise-question textarea", question)
    page.press("#chipwise-question textarea", "Enter")
    page.wait_for_function(
        """([before, pattern]) => {
            const bots = document.querySelectorAll('#chipwise-chat [data-testid=bot]');
            return bots.length > before
                && new RegExp(pattern).test(bots[bots.length - 1].innerText);
        }""",
        arg=[before, VERDICT.pattern.replace("(?:", "(")],
        timeout=ANSWER_TIMEOUT_MS,
    )
    page.wait_for_selector(
        "#chipwise-chat [data-testid=status-tracker].hide",
        state="attached",
        timeout=ANSWER_TIMEOUT_MS,
    )
    return str(page.locator("#chipwise-chat [data-testid=bot]").last.inner_text())


def verdict_of(card_text: str) -> str:
    match = VERDICT.search(card_text)
    assert match, card_text
    return match.group(1)


def screenshot(page: Any, name: str) -> None:
    """The whole page, with the chat scrolled back to the last verdict card."""
    cards = page.locator("#chipwise-chat [data-testid=bot] h3").filter(has_text=VERDICT)
    cards.last.scroll_into_view_if_needed()
    page.screenshot(path=OUTPUT / name, full_page=True)


def wait_for_feedback(data_dir: Path, count: int) -> list[dict[str, Any]]:
    """The feedback records `chipwise web` stored in its database (the SQLite file)."""
    storage = open_storage(Settings(data_dir=data_dir))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if len(records := storage.feedback.records()) >= count:
            return records
        time.sleep(0.2)
    pytest.fail(f"no feedback record in the database of {data_dir}")


def test_chat_page_in_english_and_chinese(server: dict[str, Any], browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside = block_outside(page)
    page.goto(server["url"])
    page.wait_for_selector("#chipwise-question textarea")

    page.press("#chipwise-question textarea", "Enter")  # an empty question
    page.wait_for_function(
        "() => document.querySelector('#chipwise-chat').innerText.includes('empty')",
        timeout=60_000,
    )

    card = ask(page, EN_QUESTION)
    assert verdict_of(card) == "GPU"
    assert "Why" in card and "scenario.professional" in card
    chat = page.inner_text("#chipwise-chat")
    assert "used recommend_hardware(" in chat and "Traceback" not in chat
    sources = page.inner_text("#chipwise-sources")
    assert sources.startswith("Sources") and page.locator("#chipwise-sources li").count() >= 1
    screenshot(page, "chat-en.png")

    page.locator("#chipwise-chat button[aria-label=Like]").last.click()
    record = wait_for_feedback(server["data_dir"], 1)[-1]
    assert (record["rating"], record["question"], record["verdict"]) == ("up", EN_QUESTION, "GPU")
    assert record["decision"]["scenario"] == "scenario.professional" and record["answer"]

    page.click("#chipwise-new-chat")  # a new chat: the 4K ad must not leak into the next answer
    page.wait_for_function(
        "() => document.querySelectorAll('#chipwise-chat [data-testid=bot]').length === 0"
    )
    card = ask(page, ZH_QUESTION)
    assert verdict_of(card) == "NPU"
    assert "理由" in card and "scenario.mobile" in card
    sources = page.inner_text("#chipwise-sources")
    assert sources.startswith("参考来源") and page.locator("#chipwise-sources li").count() >= 1
    screenshot(page, "chat-zh.png")

    page.locator("#chipwise-chat button[aria-label=Dislike]").last.click()
    record = wait_for_feedback(server["data_dir"], 2)[-1]
    assert (record["rating"], record["verdict"], record["language"]) == ("down", "NPU", "zh")
    assert record["history"] == []
    assert outside == []
    page.close()


def test_requirements_form_in_the_browser(server: dict[str, Any], browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server["url"])
    page.click("#chipwise-form")
    page.get_by_label("Battery-powered · 电池供电").check()
    page.get_by_label("CUDA-only model · 仅支持CUDA").check()
    page.click("#chipwise-decide")
    page.wait_for_function(
        "() => /Verdict/.test(document.querySelector('#chipwise-form-card').innerText)",
        timeout=60_000,
    )
    card = page.inner_text("#chipwise-form-card")
    assert verdict_of(card) == "NPU" and "pitfall.cuda-only" in card
    page.screenshot(path=OUTPUT / "form.png", full_page=True)
    page.close()


def test_gradio_client_over_loopback(server: dict[str, Any]) -> None:
    from gradio_client import Client

    client = Client(server["url"], verbose=False, download_files=False)
    box, messages, sources = client.predict(EN_QUESTION, [], api_name="/ask")
    assert box == ""
    assert verdict_of(str(messages[-1]["content"])) == "GPU"
    assert any(
        m.get("metadata", {}) and "recommend_hardware" in m["metadata"]["title"] for m in messages
    )
    assert "Sources" in sources and "`" in sources
    card = client.predict(
        "en", "4k", 600, None, "", "", None, None, *[False] * 9, api_name="/decide"
    )
    assert verdict_of(card) == "GPU"
