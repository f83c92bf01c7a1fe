"""The chat page's card with what would change it and the decision map, in headless chromium
over a SCRIPTED assistant (the real pipeline, no real model); its screenshot is the README's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.fake_slack import scripted_assistant

from assistant.testing import free_port

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "web"
DOCS = REPO / "docs"
QUESTION = "We generate 10-second 720p clips in our phone app. GPU or NPU?"
COMPARE = "phone 720p 10 s vs cloud 4K 2 min?"


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ui.web import create_app, theme

    demo = create_app(scripted_assistant(tmp_path_factory.mktemp("web-flips") / "data"))
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


def _ask(page: Any, question: str, marker: str) -> Any:
    before = page.locator("#chipwise-chat [data-testid=bot]").count()
    page.fill("#chipwise-question textarea", question)
    page.press("#chipwise-question textarea", "Enter")
    page.wait_for_function(
        """([before, marker]) => {
            const bots = document.querySelectorAll('#chipwise-chat [data-testid=bot]');
            return bots.length > before && bots[bots.length - 1].innerText.includes(marker);
        }""",
        arg=[before, marker],
        timeout=60_000,
    )
    return page.locator("#chipwise-chat [data-testid=bot]").last


def test_the_card_shows_the_flips_and_the_map(page_url: str, browser: Any) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1500})
    page.goto(page_url)
    page.wait_for_selector("#chipwise-question textarea")
    card = _ask(page, QUESTION, "What would change it")
    text = str(card.inner_text())
    assert "Verdict: NPU" in text
    assert "deployment: mobile → cloud gives GPU" in text
    image = card.locator("img[alt^='Decision map for mobile']")
    image.wait_for(state="visible", timeout=20_000)
    assert image.evaluate("img => img.naturalWidth") > 300  # the SVG really rendered
    assert "Your job (720p, 10 s) is in the NPU area." in str(image.get_attribute("alt"))
    page.screenshot(path=OUTPUT / "card-with-map-page.png", full_page=True)
    # For the picture only: let the chat grow to its content, so the whole card is in view.
    page.add_style_tag(
        content="#chipwise-chat, #chipwise-chat * {height: auto !important; "
        "max-height: none !important; overflow: visible !important}"
    )
    card.screenshot(path=OUTPUT / "card-with-map.png")
    card.screenshot(path=DOCS / "card-with-map.png")

    page.click("#chipwise-report")
    page.wait_for_selector("#chipwise-report-files a", timeout=30_000)
    links = page.locator("#chipwise-report-files a")
    names = [str(links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert any(n.endswith(".html") for n in names) and any(n.endswith(".md") for n in names)


def test_a_comparison_question_gets_the_table(page_url: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(page_url)
    page.wait_for_selector("#chipwise-question textarea")
    card = _ask(page, COMPARE, "Side by side")
    cells = card.locator("table td").all_inner_texts()
    assert "◆ Verdict" in cells and "NPU" in cells and "GPU" in cells
    assert card.locator("table strong").count() >= 8  # differing values and verdicts in bold
    page.screenshot(path=OUTPUT / "compare-chat.png", full_page=True)
