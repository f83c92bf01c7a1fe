"""The chat page's knowledge panel: upload, list, delete and re-ingest sources (admin token)."""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Any

import gradio as gr

from assistant import ChipwiseError, Curator, SourceRecord
from ui import format as fmt

LABEL = "Knowledge (admin) · 知识库管理"
OFF = "Knowledge curation is off: start chipwise with `CHIPWISE_ADMIN_TOKEN` set. · 未开启。"
REFUSED = "⚠️ Enter the admin token (CHIPWISE_ADMIN_TOKEN) first. · 请先输入管理员令牌。"


def sources_table(records: list[SourceRecord]) -> str:
    """The sources as a Markdown table (title, language, chunks, ingested at, embedder)."""
    if not records:
        return "_No sources in the store yet. · 知识库为空。_"
    lines = ["| title | lang | chunks | ingested | embedder |", "|---|---|---|---|---|"]
    for r in records:
        title = fmt.escape_md(r.title).replace("|", "\\|")
        embedder = fmt.escape_md(r.embedder.split(" (")[0])
        when = f"{r.ingested_at:%Y-%m-%d %H:%M}"
        mark = " 📤" if r.uploaded else ""
        lines.append(f"| {title}{mark} | {r.language} | {r.chunks} | {when} | {embedder} |")
    return "\n".join(lines)


class AdminPanel:
    """What the panel's buttons do; every action checks the token first."""

    def __init__(self, curator: Curator | None, admin_token: str | None) -> None:
        self.curator = curator
        self.admin_token = admin_token

    def _allowed(self, token: str | None) -> Curator | None:
        if self.curator is None or self.admin_token is None:
            return None
        given = (token or "").encode()
        return self.curator if hmac.compare_digest(given, self.admin_token.encode()) else None

    def _view(self, curator: Curator, status: str) -> tuple[str, Any, str]:
        records = curator.catalog()
        choices = [(f"{r.title} · {Path(r.path).name}", r.id) for r in records]
        return sources_table(records), gr.Dropdown(choices=choices, value=None), status

    def refresh(self, token: str | None) -> tuple[str, Any, str]:
        curator = self._allowed(token)
        if curator is None:
            return "", gr.Dropdown(choices=[], value=None), OFF if not self.curator else REFUSED
        return self._run(curator, lambda: "")

    def upload(
        self,
        token: str | None,
        files: list[str] | str | None,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 (Gradio's way to report progress)
    ) -> tuple[str, Any, str]:
        curator = self._allowed(token)
        if curator is None:
            return "", gr.skip(), OFF if not self.curator else REFUSED
        paths = [files] if isinstance(files, str) else list(files or [])
        if not paths:
            return gr.skip(), gr.skip(), "⚠️ Choose a file first. · 请先选择文件。"

        def work() -> str:
            done = []
            for path in progress.tqdm(paths, desc="ingesting"):
                record = curator.upload(Path(path).name, Path(path).read_bytes())
                done.append(f"✅ {fmt.escape_md(record.title)} ({record.chunks} chunks)")
            return "\n\n".join(done)

        return self._run(curator, work)

    def delete(self, token: str | None, source: str | None) -> tuple[str, Any, str]:
        return self._act(token, source, "delete")

    def reingest(self, token: str | None, source: str | None) -> tuple[str, Any, str]:
        return self._act(token, source, "reingest")

    def _act(self, token: str | None, source: str | None, action: str) -> tuple[str, Any, str]:
        curator = self._allowed(token)
        if curator is None:
            return "", gr.skip(), OFF if not self.curator else REFUSED
        if not source:
            return gr.skip(), gr.skip(), "⚠️ Pick a source first. · 请先选择来源。"

        def work() -> str:
            record = getattr(curator, action)(source)
            verb = "Deleted · 已删除" if action == "delete" else "Re-ingested · 已重新导入"
            return f"✅ {verb}: {fmt.escape_md(record.title)}"

        return self._run(curator, work)

    def _run(self, curator: Curator, work: Any) -> tuple[str, Any, str]:
        try:
            status = str(work())
        except ChipwiseError as exc:  # a bad upload: say why, the list stays as it is
            status = f"⚠️ {fmt.escape_md(str(exc))}"
        try:
            return self._view(curator, status)
        except ChipwiseError as exc:
            return "", gr.skip(), f"⚠️ {fmt.escape_md(str(exc))}"


def admin_panel(panel: AdminPanel) -> None:
    """The panel's components and their wiring (an accordion under the chat)."""
    with gr.Accordion(LABEL, open=False, elem_id="chipwise-admin"):
        if panel.curator is None:
            gr.Markdown(OFF)
            return
        token = gr.Textbox(
            label="Admin token · 管理员令牌", type="password", elem_id="chipwise-admin-token"
        )
        files = gr.File(
            label="Upload .md .txt .html .pdf · 上传",
            file_types=[".md", ".txt", ".html", ".pdf"],
            file_count="multiple",
            type="filepath",
            elem_id="chipwise-admin-upload",
        )
        with gr.Row():
            upload = gr.Button("Upload · 上传", variant="primary", size="sm")
            show = gr.Button("Show sources · 查看", size="sm")
        picked = gr.Dropdown(choices=[], label="Source · 来源", elem_id="chipwise-admin-pick")
        with gr.Row():
            reingest = gr.Button("Re-ingest · 重新导入", size="sm")
            delete = gr.Button("Delete · 删除", variant="stop", size="sm")
        status = gr.Markdown(elem_id="chipwise-admin-status")
        table = gr.Markdown(elem_id="chipwise-admin-sources")
    outputs = [table, picked, status]
    private: dict[str, Any] = {"api_visibility": "private"}
    show.click(panel.refresh, inputs=token, outputs=outputs, **private)
    upload.click(panel.upload, inputs=[token, files], outputs=outputs, **private)
    delete.click(panel.delete, inputs=[token, picked], outputs=outputs, **private)
    reingest.click(panel.reingest, inputs=[token, picked], outputs=outputs, **private)
