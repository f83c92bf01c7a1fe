"""The decision map as a small SVG, with an alt text that says the same in words (EN/ZH)."""

from __future__ import annotations

import base64
import html
from itertools import groupby

from assistant import Decision, DecisionMap, Flip, decision_map, value_words

COLOURS = {
    "GPU": "#4e79a7",
    "NPU": "#59a14f",
    "GPU+NPU": "#f28e2b",
    "infeasible": "#e15759",
    "undecided": "#bab0ac",
}
WORDS = {
    "en": {
        "title": "Decision map: {place}",
        "anywhere": "place as stated",
        "you": "you",
        "infeasible": "nothing fits",
        "undecided": "undecided",
        "res": "resolution",
        "dur": "length",
        "alt": "Decision map for {place}, everything else as stated.",
        "at": "At {res}: {runs}.",
        "here": "Your job ({res}, {dur}) is in the {outcome} area.",
        "nowhere": "Your resolution or length is not stated, so your job is not on the map.",
        "arrow": "Arrow: {text}.",
        "from": "from",
    },
    "zh": {
        "title": "决策图：{place}",
        "anywhere": "按所述位置",
        "you": "你",
        "infeasible": "无可行方案",
        "undecided": "尚无结论",
        "res": "分辨率",
        "dur": "时长",
        "alt": "{place}的决策图，其余条件按所述。",
        "at": "{res}：{runs}。",
        "here": "你的任务（{res}，{dur}）位于{outcome}区域。",
        "nowhere": "未说明分辨率或时长，因此你的任务不在图上。",
        "arrow": "箭头：{text}。",
        "from": "从",
    },
}
CELL_W, CELL_H, LEFT, TOP = 52, 22, 64, 40


def _w(lang: str) -> dict[str, str]:
    return WORDS["zh" if lang == "zh" else "en"]


def _outcome_words(outcome: str, lang: str) -> str:
    return _w(lang).get(outcome, outcome) if outcome in ("infeasible", "undecided") else outcome


def _duration(seconds: int, lang: str) -> str:
    if seconds < 60:
        return f"{seconds}秒" if lang == "zh" else f"{seconds} s"
    minutes = f"{seconds / 60:g}"
    return f"{minutes}分钟" if lang == "zh" else f"{minutes} min"


def _place(grid: DecisionMap, lang: str) -> str:
    where = grid.requirements.deployment
    return value_words("deployment", where, lang) if where else _w(lang)["anywhere"]


def alt_text(grid: DecisionMap, decision: Decision, lang: str) -> str:
    """The map in words: the outcome by resolution and length, your cell and the arrows."""
    w = _w(lang)
    sentences = [w["alt"].format(place=_place(grid, lang))]
    columns = [tuple(row[c] for row in grid.outcomes) for c in range(len(grid.resolutions))]
    start = 0
    for column, group in groupby(range(len(columns)), key=lambda c: columns[c]):
        count = len(list(group))
        first, last = grid.resolutions[start], grid.resolutions[start + count - 1]
        start += count
        res = first if first == last else f"{first}–{last}"
        runs = []
        row = 0
        for outcome, cells in groupby(column):
            length = len(list(cells))
            end = row + length
            low = grid.durations[row]
            high = grid.durations[end] if end < len(grid.durations) else None
            runs.append(_run(_outcome_words(outcome, lang), row == 0, low, high, lang))
            row = end
        comma = "，" if lang == "zh" else ", "
        sentences.append(w["at"].format(res=res, runs=comma.join(runs)))
    if (here := grid.here) is not None:
        req = grid.requirements
        dur = _duration(req.duration_seconds or 0, lang)
        outcome = _outcome_words(grid.outcomes[here[0]][here[1]], lang)
        sentences.append(w["here"].format(res=req.resolution, dur=dur, outcome=outcome))
    else:
        sentences.append(w["nowhere"])
    for flip in _drawn(grid, decision):
        sentences.append(w["arrow"].format(text=flip.text_zh if lang == "zh" else flip.text))
    return ("" if lang == "zh" else " ").join(sentences)


def _run(outcome: str, first: bool, low: int, high: int | None, lang: str) -> str:
    """'NPU under 5 min', 'GPU from 5 min', 'GPU at any length' (or the Chinese)."""
    zh = lang == "zh"
    if first and high is None:
        return f"任意时长均为{outcome}" if zh else f"{outcome} at any length"
    if first:
        return (
            f"{_duration(high or 0, lang)}以下为{outcome}"
            if zh
            else f"{outcome} under {_duration(high or 0, lang)}"
        )
    if high is None:
        return (
            f"{_duration(low, lang)}及以上为{outcome}"
            if zh
            else f"{outcome} from {_duration(low, lang)}"
        )
    if zh:
        return f"{_duration(low, lang)}至{_duration(high, lang)}以下为{outcome}"
    return f"{outcome} from {_duration(low, lang)} to under {_duration(high, lang)}"


def _drawn(grid: DecisionMap, decision: Decision) -> list[Flip]:
    """The flips that move only on the map's two axes (others are not drawn)."""
    axes = {"resolution", "duration_seconds"}
    if grid.here is None:
        return []
    return [f for f in decision.flips if {c.field for c in f.changes} <= axes]


def _centre(row: int, column: int) -> tuple[float, float]:
    return LEFT + column * CELL_W + CELL_W / 2, TOP + row * CELL_H + CELL_H / 2


def map_svg(decision: Decision, lang: str) -> str:
    """The SVG document of the decision's map (its <title> and <desc> carry the alt text)."""
    grid = decision_map(decision.requirements)
    w = _w(lang)
    cols, rows = len(grid.resolutions), len(grid.durations)
    width, height = LEFT + cols * CELL_W + 10, TOP + rows * CELL_H + 58
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="sans-serif" font-size="11">',
        f"<title>{html.escape(w['title'].format(place=_place(grid, lang)))}</title>",
        f"<desc>{html.escape(alt_text(grid, decision, lang))}</desc>",
        '<defs><marker id="tip" markerWidth="8" markerHeight="8" refX="6" refY="4" '
        'orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#111"/></marker></defs>',
        f'<text x="{LEFT}" y="14" font-size="12" font-weight="bold">'
        f"{html.escape(w['title'].format(place=_place(grid, lang)))}</text>",
    ]
    for r, row in enumerate(grid.outcomes):
        y = TOP + r * CELL_H
        label = html.escape(_duration(grid.durations[r], lang))
        parts.append(f'<text x="{LEFT - 6}" y="{y + 15}" text-anchor="end">{label}</text>')
        for c, outcome in enumerate(row):
            x = LEFT + c * CELL_W
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" '
                f'fill="{COLOURS[outcome]}" stroke="#fff"/>'
            )
    for c, res in enumerate(grid.resolutions):
        mid = LEFT + c * CELL_W + CELL_W / 2
        parts.append(
            f'<text x="{mid}" y="{TOP + rows * CELL_H + 14}" text-anchor="middle">{res}</text>'
        )
    axis = f"{w['res']} →  ·  ↓ {w['dur']}"
    parts.append(f'<text x="{LEFT}" y="{TOP - 8}" fill="#444">{html.escape(axis)}</text>')
    here = grid.here
    for flip in _drawn(grid, decision):
        req = grid.requirements
        values = {c.field: c.after for c in flip.changes}
        target = grid.cell(
            str(values.get("resolution", req.resolution)),
            int(values.get("duration_seconds", req.duration_seconds or 0)),
        )
        if here is None or target is None:
            continue
        (x1, y1), (x2, y2) = _centre(*here), _centre(*target)
        parts.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#111" stroke-width="2" '
            'marker-end="url(#tip)"/>'
        )
    if here is not None:
        px, py = _centre(*here)
        parts.append(
            f'<circle cx="{px}" cy="{py}" r="6" fill="#fff" stroke="#111" stroke-width="2"/>'
        )
        parts.append(f'<text x="{px + 9}" y="{py + 4}" font-weight="bold">{w["you"]}</text>')
    legend_y, x = TOP + rows * CELL_H + 34, 4
    for outcome in dict.fromkeys(o for row in grid.outcomes for o in row):
        name = html.escape(_outcome_words(outcome, lang))
        parts.append(
            f'<rect x="{x}" y="{legend_y}" width="12" height="12" fill="{COLOURS[outcome]}"/>'
        )
        parts.append(f'<text x="{x + 16}" y="{legend_y + 10}">{name}</text>')
        x += 30 + 7 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def map_markdown(decision: Decision, lang: str) -> str:
    """The map as a Markdown image (an SVG data URI) with its alt text, for the chat page."""
    svg = map_svg(decision, lang)
    alt = alt_text(decision_map(decision.requirements), decision, lang)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f"![{_md_alt(alt)}](data:image/svg+xml;base64,{data})"


def _md_alt(text: str) -> str:
    """Alt text safe inside ![...]: no brackets, no markup."""
    return html.escape(text.replace("[", "(").replace("]", ")"), quote=False)
