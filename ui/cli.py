"""The `chipwise` command line: thin wrappers over the assistant, ingest and front ends."""

from __future__ import annotations

import json
import sys
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant import Settings
from evals.cli import eval_app

if TYPE_CHECKING:
    from assistant import Assistant, Storage

app = typer.Typer(
    name="chipwise",
    help="chipwise: should your AI video generation run on a GPU or an NPU? Local and private.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(eval_app, name="eval")
feedback_app = typer.Typer(name="feedback", help="The 👍/👎 stored in the database.")
app.add_typer(feedback_app, name="feedback")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chipwise {package_version('chipwise')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """chipwise: GPU or NPU for your video generation, with the reasons and the sources."""


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders (.md .txt .html .pdf). Default: the bundled knowledge/.",
            show_default=False,
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Drop the collection and embed everything again.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Embed knowledge files into the Chroma store; only what changed is re-embedded."""
    from assistant import ChipwiseError, ingest_knowledge

    settings = Settings()
    targets = paths or [settings.knowledge_dir]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        _err(f"error: no such file or folder: {', '.join(missing)}")
        raise typer.Exit(2)
    try:
        report = ingest_knowledge(
            targets,
            settings,
            rebuild=rebuild,
            progress=not quiet and not as_json,
            warn=lambda m: _err(f"warning: {m}"),
        )
    except ChipwiseError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        typer.echo(
            f"{report.files} files: {report.chunks_added} chunks added, "
            f"{report.chunks_unchanged} unchanged, {report.chunks_removed} removed, "
            f"{len(report.skipped)} files skipped ({report.seconds:.1f} s) "
            f"into {settings.chroma_url or settings.data_dir / 'chroma'}"
        )


def _assistant() -> Assistant:
    """Build the assistant from the settings, or exit 1 with the reason."""
    from assistant import ChipwiseError, open_assistant

    try:
        return open_assistant(Settings())
    except ChipwiseError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(1) from None


def _storage() -> Storage:
    """Open (and migrate) the configured database, or exit 1 with the reason."""
    from assistant import ChipwiseError, open_storage

    try:
        return open_storage(Settings())
    except ChipwiseError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(1) from None


@app.command()
def ask(
    question: Annotated[
        str, typer.Argument(help="The question; '-' reads one question per line from stdin.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the Answer as JSON.")] = False,
) -> None:
    """Answer one question (or, with `--json -`, one per stdin line, one JSON object each)."""
    from assistant import ChipwiseError, QuestionError, check_question
    from ui.terminal import ask_lines, ask_once

    try:  # the assistant's own check, before anything heavy is loaded
        check_question(question, Settings().max_question_chars)
    except QuestionError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None
    assistant = _assistant()
    if question == "-":
        raise typer.Exit(ask_lines(assistant, sys.stdin, sys.stdout))
    try:
        ask_once(assistant, question, as_json, sys.stdout)
    except ChipwiseError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None


@app.command()
def chat() -> None:
    """A conversation in the terminal, with memory and streaming."""
    from ui.terminal import chat as run_chat

    run_chat(_assistant())


@app.command()
def web(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7860,
) -> None:
    """Serve the chat page (Gradio) on HOST:PORT; chats and feedback go to the database."""
    from assistant import warm_in_background
    from ui.web import serve

    assistant = _assistant()
    warm_in_background(assistant, warn=_err)
    serve(assistant, host, port, storage=_storage())


@app.command()
def decide(
    assignments: Annotated[
        list[str],
        typer.Argument(help="Requirements as key=value, e.g. deployment=mobile resolution=720p."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the Decision as JSON.")] = False,
    lang: Annotated[str, typer.Option(help="Language of the card: en or zh.")] = "en",
    compare: Annotated[
        bool,
        typer.Option(
            "--compare",
            help="Compare 2-4 requirement sets separated by 'vs': "
            "deployment=mobile res=720p vs deployment=cloud res=4k.",
        ),
    ] = False,
) -> None:
    """Run the decision rules alone (no model): GPU, NPU or GPU+NPU, with reasons and sources."""
    from assistant import parse_assignments, recommend_hardware
    from ui.format import decision_card_markdown

    if compare:
        _compare(assignments, as_json, lang)
        return
    try:
        requirements = parse_assignments(assignments)
    except ValueError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None
    decision = recommend_hardware(requirements)
    if as_json:
        typer.echo(json.dumps(decision.to_dict(), ensure_ascii=False))
    else:
        typer.echo(decision_card_markdown(decision, lang))


@app.command()
def report(
    assignments: Annotated[
        list[str] | None,
        typer.Argument(help="Requirements as key=value (no model needed).", show_default=False),
    ] = None,
    question: Annotated[
        str | None, typer.Option("--question", "-q", help="A question instead (uses the model).")
    ] = None,
    out: Annotated[Path, typer.Option(help="Folder to write the report into.")] = Path("."),
    lang: Annotated[str, typer.Option(help="Language of a key=value report: en or zh.")] = "en",
) -> None:
    """Write a decision one-pager (self-contained HTML and Markdown) and print their paths."""
    from assistant import ChipwiseError, parse_assignments, recommend_hardware
    from ui.report import build_report, write_report

    settings = Settings()
    if question is not None and assignments:
        _err("error: give key=value requirements or --question, not both")
        raise typer.Exit(2)
    if question is None:
        try:
            requirements = parse_assignments(assignments or [])
        except ValueError as exc:
            _err(f"error: {exc}")
            raise typer.Exit(2) from None
        built = build_report(recommend_hardware(requirements), lang, settings)
    else:
        assistant = _assistant()
        try:
            answer = assistant.ask(question)
        except ChipwiseError as exc:
            _err(f"error: {exc}")
            raise typer.Exit(2) from None
        if answer.decision is None:
            _err("error: that question has no hardware decision to report; ask about a job")
            raise typer.Exit(2)
        model = assistant.chat_model.name
        built = build_report(answer.decision, answer.language, settings, model=model, answer=answer)
    for path in write_report(built, out):
        typer.echo(str(path))


def _compare(assignments: list[str], as_json: bool, lang: str) -> None:
    """`decide --compare`: the groups between the 'vs' words, side by side."""
    from assistant import compare, parse_assignments
    from ui.format import comparison_markdown

    groups: list[list[str]] = [[]]
    for item in assignments:
        if item.lower() == "vs":
            groups.append([])
        else:
            groups[-1].append(item)
    try:
        options = [parse_assignments(group) for group in groups]
    except ValueError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None
    try:
        comparison = compare(options)
    except ValueError as exc:
        _err(f"error: {exc}; separate the requirement sets with 'vs'")
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(comparison.to_dict(), ensure_ascii=False))
    else:
        typer.echo(comparison_markdown(comparison, lang))


@app.command()
def slack(
    host: Annotated[str, typer.Option(help="Address to listen on (HTTP mode).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (HTTP mode).")] = 3000,
    socket: Annotated[
        bool, typer.Option("--socket", help="Socket Mode (SLACK_APP_TOKEN) instead of HTTP.")
    ] = False,
) -> None:
    """Run the Slack bot: HTTP mode (Slack posts to /slack/events) or Socket Mode."""
    from ui.slack_app import run_from_env

    raise typer.Exit(run_from_env(host=host, port=port, socket=socket, err=_err))


@app.command()
def api(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the HTTP API (JSON and OpenAI-compatible); CHIPWISE_API_TOKEN turns on bearer auth."""
    from ui.api import run_from_env

    raise typer.Exit(run_from_env(host=host, port=port, err=_err))


@feedback_app.command("export")
def feedback_export(
    format: Annotated[
        str, typer.Option("--format", help="csv or jsonl (one JSON object per line).")
    ] = "jsonl",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write; default: stdout.")
    ] = None,
) -> None:
    """Export every feedback record (question, answer, verdict, rating, sources, history)."""
    from assistant import export_feedback

    if format not in ("csv", "jsonl"):
        _err(f"error: --format must be csv or jsonl, not {format!r}")
        raise typer.Exit(2)
    records = _storage().feedback.records()
    if out is None:
        export_feedback(records, sys.stdout, "csv" if format == "csv" else "jsonl")
        return
    partial = out.with_name(out.name + ".partial")  # never a half-written export under `out`
    with partial.open("w", encoding="utf-8", newline="") as handle:
        count = export_feedback(records, handle, "csv" if format == "csv" else "jsonl")
    partial.replace(out)
    _err(f"{count} feedback records written to {out}")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="chipwise")


if __name__ == "__main__":
    main()
