"""`chipwise eval` and `chipwise eval from-feedback`; heavy imports wait until a command runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"  # the same folders as evals.cases and evals.metrics use, without
BASELINE_FILE = HERE / "baseline.json"  # importing them (and the assistant) for `--help`

eval_app = typer.Typer(
    name="eval",
    help="Score answer quality on the golden cases and compare with the committed baseline.",
    no_args_is_help=False,
)


@eval_app.callback(invoke_without_command=True)
def run(
    ctx: typer.Context,
    cases: Annotated[
        Path, typer.Option(help="Folder of YAML cases.", show_default="evals/cases")
    ] = CASES_DIR,
    out: Annotated[
        Path, typer.Option(help="Where report.json, report.md and report.html go.")
    ] = Path("test-output/eval"),
    baseline: Annotated[
        Path, typer.Option(help="The baseline to compare with.", show_default="evals/baseline.json")
    ] = BASELINE_FILE,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write this run's metrics as the baseline.")
    ] = False,
    ci: Annotated[bool, typer.Option("--ci", help="Only the cases marked `ci: true`.")] = False,
    judge: Annotated[
        bool, typer.Option("--judge", help="Also let the local model rate faithfulness (slow).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            help="Score the answers stored in this report.json again instead of asking the "
            "model (after changing cases or scorers).",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Keep the answers a stopped run left in OUT/answers.jsonl; ask only the rest.",
        ),
    ] = False,
) -> None:
    """Run the cases through the real assistant; exit 1 when a gated metric regressed."""
    if ctx.invoked_subcommand is not None:
        return
    from assistant import ChipwiseError
    from evals.cases import CaseError
    from evals.runner import Options, evaluate

    options = Options(
        cases,
        out,
        baseline,
        update_baseline,
        ci,
        judge,
        progress=not quiet,
        answers=answers,
        resume=resume,
    )
    try:
        code = evaluate(options)
    except CaseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except ChipwiseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    raise typer.Exit(code)


@eval_app.command("from-feedback")
def from_feedback(
    feedback: Annotated[
        Path | None,
        typer.Option(help="A feedback JSONL file (an export). Default: the database."),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Folder for the drafts.")] = None,
) -> None:
    """Turn the chat page's 👍/👎 records into draft cases for review (never gated directly)."""
    from typing import Any

    from assistant import ChipwiseError, Settings, open_storage
    from evals.feedback import DRAFTS_DIR, write_drafts

    source: Path | list[dict[str, Any]]
    if feedback is not None:
        if not feedback.exists():
            typer.echo(f"error: no feedback file at {feedback}", err=True)
            raise typer.Exit(2)
        source, where = feedback, str(feedback)
    else:
        try:
            storage = open_storage(Settings())
            source, where = storage.feedback.records(), storage.database.url
        except ChipwiseError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
    path, count = write_drafts(source, out or DRAFTS_DIR)
    if path is None:
        typer.echo(f"No new questions in the feedback of {where}: nothing to draft.")
        return
    typer.echo(f"{count} draft cases written to {path}; review them before moving them to cases/.")
