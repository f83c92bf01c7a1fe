"""Correcting a reading in a real browser: headless chromium against the chat page over a
SCRIPTED assistant (the real pipeline, no real model), so it takes seconds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant import Passage, Settings, build
from assistant.testing import MemoryRetriever, ScriptedModel, free_port

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "web"
QUESTION = "Our phone app makes 720p clips shorter than 300 seconds. GPU or NPU?"
PASSAGE = Passage(
    "scenario.mobile#0",
    "scenario.mobile",
    "Mobile and lightweight generation → NPU first",
    "knowledge/en/scenario.mobile.md",
    "en",
    "On phones the NPU in the chip generates short 720p clips efficiently.",
    0.8,
)


def explain(messages: list[dict[str, Any]]) -> str:
    """Prose that states the verdict the answer prompt gives, as the guard wants."""
    prompt = str(messages[-1]["content"])
    for verdict in ("GPU+NPU", "NPU", "GPU"):
        if f"recommendation is {verdict}" in prompt or f": {verdict}" in prompt:
            return f"Recommendation: {verdict}. [scenario.mobile]"
    return "Recommendation: NPU. [scenario.mobile]"


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ui.web import create_app, theme

    assistant = build(
        Settings(data_dir=tmp_path_factory.mktemp("web-correct") / "data"),
        chat_model=ScriptedModel(replies=(explain,)),
        retriever=MemoryRetriever([PASSAGE]),
    )
    demo = create_app(assistant)
    port = free_port()
    demo.queue().launch(
        server_name="127.0.0.1",
        server_port=port,
        prevent_thread_lock=True,
        quiet=True,
        theme=theme(),
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


def form_card(page: Any) -> str:
    return str(page.inner_text("#chipwise-form-card"))


def test_correct_the_reading_prefills_the_form_and_redecides(page_url: str, browser: Any) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1300})
    page.goto(page_url)
    page.wait_for_selector("#chipwise-question textarea")
    assert not page.locator("#chipwise-correct").is_visible()  # nothing read yet

    page.fill("#chipwise-question textarea", QUESTION)
    page.press("#chipwise-question textarea", "Enter")
    page.wait_for_selector("#chipwise-correct", state="visible", timeout=60_000)
    card = str(page.locator("#chipwise-chat [data-testid=bot]").last.inner_text())
    assert "Verdict: NPU" in card and "As read" in card
    assert "duration: < 300 s — “shorter than 300 seconds”" in card
    assert "resolution: 720p — “720p”" in card

    page.click("#chipwise-correct")
    page.wait_for_function(
        "() => /Verdict: NPU/.test(document.querySelector('#chipwise-form-card')?.innerText)",
        timeout=30_000,
    )
    form = page.locator("#chipwise-form")
    assert form.get_by_label("Length (s) · 时长（秒）").input_value() == "299"
    assert form.get_by_label("Resolution · 分辨率").input_value() == "720p"
    assert form.get_by_label("Runs on · 运行位置").input_value() == "mobile"
    assert "deployment: mobile — “phone”" in form_card(page)
    page.screenshot(path=OUTPUT / "correct-reading-prefilled.png", full_page=True)

    # The phone was misread: it runs in a data center. Fix the field and decide again.
    runs_on = form.get_by_label("Runs on · 运行位置")
    runs_on.fill("datacenter")
    page.get_by_role("option", name="datacenter", exact=True).click()
    page.click("#chipwise-decide")
    page.wait_for_function(
        "() => /deployment: datacenter/.test("
        "document.querySelector('#chipwise-form-card')?.innerText)",
        timeout=30_000,
    )
    fixed = form_card(page)
    assert "Verdict: NPU" not in fixed and "Verdict" in fixed, fixed
    assert "duration: 299 s" in fixed and "resolution: 720p" in fixed
    page.locator("#chipwise-form-card").scroll_into_view_if_needed()
    page.screenshot(path=OUTPUT / "correct-reading-redecided.png", full_page=True)
    page.close()
