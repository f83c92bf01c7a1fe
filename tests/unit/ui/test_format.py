"""The shared formatter: verdict card, sources, escaping and Slack's Block Kit limits."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.rules.decision import Decision, recommend_hardware
from assistant.rules.requirements import Requirements
from assistant.types import Answer, Passage, Quote, ToolCall
from ui import format as fmt

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![track](http://example.invalid/pixel.png)",
]


def heavy() -> Decision:
    return recommend_hardware(
        Requirements(resolution="4k", duration_seconds=90, complex_motion=True)
    )


def mobile() -> Decision:
    return recommend_hardware(
        Requirements(deployment="mobile", resolution="720p", duration_seconds=10)
    )


def passage(section_id: str = "scenario.mobile", text: str = "# Mobile\nNPU first.") -> Passage:
    return Passage(
        chunk_id=f"{section_id}#0",
        section_id=section_id,
        title="Mobile and lightweight video generation",
        path=f"knowledge/en/{section_id}.md",
        lang="en",
        text=text,
        score=0.5,
    )


def answer(text: str = "Use an NPU.", **kwargs) -> Answer:  # type: ignore[no-untyped-def]
    fields = {"question": "q", "language": "en", "decision": mobile(), "intent": "recommend"}
    fields.update({"passages": [passage()], **kwargs})
    return Answer(text=text, **fields)


def test_card_shows_verdict_scenario_reasons_warnings_with_section_ids() -> None:
    decision = heavy()
    card = fmt.decision_card_markdown(decision, "en")
    assert card.startswith("### Verdict: GPU")
    assert "Professional ultra-HD" in card and "`scenario.professional`" in card
    for finding in (*decision.reasons, *decision.warnings):
        assert f"`{finding.section_id}`" in card
    assert "**Why**" in card
    assert decision.reasons[0].text.split(":")[0] in card


def test_card_labels_and_findings_follow_the_language() -> None:
    decision = mobile()
    card = fmt.decision_card_markdown(decision, "zh")
    assert card.startswith("### 结论：NPU")
    assert "**理由**" in card and "移动端轻量生成" in card
    assert fmt.escape_md(decision.reasons[0].text_zh) in card
    assert fmt.escape_md(decision.reasons[0].text) not in card


def test_card_without_verdict_asks_for_what_is_missing() -> None:
    decision = recommend_hardware(Requirements())
    assert decision.verdict is None
    card = fmt.decision_card_markdown(decision, "en")
    assert "Not decided yet" in card and "To decide, tell me" in card
    assert "Where will it run" in card
    assert "在哪里运行" in fmt.decision_card_markdown(decision, "zh")


def test_sources_panel_lists_title_section_and_snippet_once_per_section() -> None:
    passages = [passage(text="## Why NPU\n" + "word " * 100), passage(), passage("summary")]
    md = fmt.sources_markdown(passages, "en")
    assert md.startswith("**Sources**")
    assert md.count("`scenario.mobile`") == 1 and "`summary`" in md
    assert "Why NPU word" in md and "#" not in md.split("\n", 2)[2]
    assert "…" in md
    assert "参考来源" in fmt.sources_markdown([], "zh")


def test_sources_panel_shows_the_sentence_used_highlighted() -> None:
    passages = [passage(text="An NPU is 2–5× as efficient. Phones *love* it."), passage("summary")]
    quote = Quote("scenario.mobile", "Phones love it.")
    md = fmt.sources_markdown(passages, "en", [quote], mark=lambda s: f"<mark>{s}</mark>")
    mobile, summary = md.split("\n1. ")[1:3]
    assert "“<mark>Phones love it.</mark>”" in mobile and "2–5×" not in mobile
    assert "<mark>" not in summary
    assert "**Phones" in fmt.sources_markdown(passages, "en", [quote])  # bold by default


def test_answer_markdown_has_card_prose_and_sources() -> None:
    md = fmt.answer_markdown(answer("An NPU fits **phones**."))
    card_at, prose_at, sources_at = (
        md.index("Verdict: NPU"),
        md.index("An NPU fits **phones**."),
        md.index("**Sources**"),
    )
    assert card_at < prose_at < sources_at


def test_factual_answer_without_decision_has_no_card() -> None:
    md = fmt.answer_markdown(answer("NPUs are neural processing units.", decision=None))
    assert "Verdict" not in md and md.startswith("NPUs are")


def test_markdown_output_cannot_inject_html_or_links() -> None:
    for payload in PAYLOADS:
        evil = answer(
            payload,
            question=payload,
            passages=[passage(text=payload), passage(section_id=payload, text="x")],
        )
        md = fmt.answer_markdown(evil) + fmt.message_markdown(None, payload, "en")
        assert "<script" not in md and "<img" not in md
        assert "](" not in md.replace("\\](", "")  # every link bracket is escaped
    assert fmt.escape_md("a < b & c") == "a &lt; b &amp; c"


def test_tool_call_title_and_body() -> None:
    call = ToolCall(
        name="recommend_hardware",
        arguments={"resolution": "4k", "duration_seconds": 90},
        corrections=["duration 1.5 → 90 s"],
    )
    assert fmt.tool_call_title(call) == (
        "🛠️ used recommend_hardware(resolution=4k, duration_seconds=90)"
    )
    assert fmt.tool_call_title(call, "zh").startswith("🛠️ 调用了 recommend_hardware(")
    body = fmt.tool_call_markdown(call)
    assert '"duration_seconds": 90' in body and "duration 1.5 → 90 s" in body


def test_to_json_is_the_answer_dict() -> None:
    a = answer()
    data = fmt.to_json(a)
    assert data == a.to_dict()
    assert data["decision"]["verdict"] == "NPU"
    json.dumps(data)


def test_to_slack_has_header_findings_prose_and_sources() -> None:
    a = answer("The **NPU** wins.\n## Details\nshort clips", decision=heavy())
    fallback, blocks = fmt.to_slack(a)
    assert blocks[0] == {
        "type": "header",
        "text": {
            "type": "plain_text",
            "text": "Verdict: GPU · Professional ultra-HD and long video",
        },
    }
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert texts[0].startswith("*As read*\n💭 deployment — not stated: assumed by the rules")
    assert texts[1].startswith("*Why*\n✅ ") and "`pitfall.npu-not-universal`" in texts[1]
    assert any(t.startswith("*Watch out*") for t in texts) is bool(heavy().warnings)
    assert "The *NPU* wins.\n*Details*\nshort clips" in texts
    assert blocks[-1]["type"] == "context"
    assert "`scenario.mobile`" in blocks[-1]["elements"][0]["text"]
    assert fallback.startswith("Verdict: GPU\n\nThe **NPU** wins.")


def test_to_slack_in_chinese_and_without_decision() -> None:
    _, blocks = fmt.to_slack(answer("用NPU。", language="zh"))
    assert blocks[0]["text"]["text"].startswith("结论：NPU")
    _, blocks = fmt.to_slack(answer("NPUs are chips.", decision=None, passages=[]))
    assert blocks == [{"type": "section", "text": {"type": "mrkdwn", "text": "NPUs are chips."}}]


def test_to_slack_escapes_control_characters_everywhere() -> None:
    payload = "<!channel> & <http://x|y> <script>"
    a = answer(
        payload, passages=[passage(text=payload).__class__(**{**vars(passage()), "title": payload})]
    )
    fallback, blocks = fmt.to_slack(a)
    dumped = json.dumps(blocks, ensure_ascii=False) + fallback
    assert "<!channel>" not in dumped and "<http" not in dumped and "<script" not in dumped
    assert "&lt;!channel&gt; &amp; &lt;http://x|y&gt;" in dumped


def test_decision_to_slack_cites_sources() -> None:
    fallback, blocks = fmt.decision_to_slack(mobile(), "en")
    assert fallback == "Verdict: NPU"
    assert blocks[0]["type"] == "header"
    assert (
        blocks[-1]["type"] == "context" and "scenario.mobile" in blocks[-1]["elements"][0]["text"]
    )
    _, undecided = fmt.decision_to_slack(recommend_hardware(Requirements()), "zh")
    assert undecided[0]["text"]["text"] == "尚无结论"
    assert "在哪里运行" in undecided[-1]["text"]["text"]


def _check_slack_limits(blocks: list[dict]) -> None:  # type: ignore[type-arg]
    assert len(blocks) <= fmt.SLACK_MAX_BLOCKS
    for block in blocks:
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= fmt.SLACK_HEADER_CHARS
        if block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= fmt.SLACK_SECTION_CHARS
        if block["type"] == "context":
            assert all(len(e["text"]) <= fmt.SLACK_CONTEXT_CHARS for e in block["elements"])


def test_to_slack_splits_long_prose_and_caps_blocks() -> None:
    long_prose = "\n\n".join("A paragraph & more <b> " * 40 for _ in range(20))
    _, blocks = fmt.to_slack(answer(long_prose))
    sections = [b for b in blocks if b["type"] == "section"]
    assert len(sections) > 3
    _check_slack_limits(blocks)
    huge = "x" * (fmt.SLACK_SECTION_CHARS * 60)
    _, blocks = fmt.to_slack(answer(huge))
    _check_slack_limits(blocks)
    assert blocks[-1]["type"] == "context" and blocks[-2]["text"]["text"] == "…"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab &<>\n"), max_size=400), st.integers(8, 60))
def test_split_text_respects_limit_and_keeps_entities(text: str, limit: int) -> None:
    escaped = fmt.escape_mrkdwn(text)
    pieces = fmt.split_text(escaped, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    for piece in pieces:
        for i, ch in enumerate(piece):
            if ch == "&":
                assert piece[i:].startswith(("&amp;", "&lt;", "&gt;"))
    assert "".join("".join(pieces).split()) == "".join(escaped.split())


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=9000))
def test_to_slack_always_within_limits(prose: str) -> None:
    _check_slack_limits(fmt.to_slack(answer(prose))[1])
