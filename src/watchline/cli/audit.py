"""`watchline audit ...`: verify the hash chain, export the log."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, TextIO

import typer

from watchline.cli.context import app_context
from watchline.cli.output import console, emit, err_console, handle_errors

app = typer.Typer(help="Verify and export the append-only audit log.", no_args_is_help=True)


@app.command("verify")
def verify(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Check every record's hash and link; exit code 1 if anything was edited or deleted."""
    from watchline.store import audit

    with handle_errors(as_json):
        report = audit.verify(app_context(ctx).store())

        def render() -> None:
            if report.ok:
                console.print(f"audit log intact: {report.records} records, head {report.head}")
                return
            err_console.print(f"[bold red]audit log damaged[/] ({report.records} records):")
            for problem in report.problems:
                err_console.print(f"- {problem}", highlight=False)

        emit(report.to_dict(), as_json, render)
        if not report.ok:
            raise typer.Exit(1)


@app.command("export")
def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="JSON lines file (default: stdout).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON summary (with --output).")
    ] = False,
) -> None:
    """Every record with its hashes, oldest first, as JSON lines."""
    from watchline.store import audit

    with handle_errors(as_json):
        store = app_context(ctx).store()
        count, head = 0, audit.GENESIS
        with ExitStack() as stack:
            handle: TextIO = (
                stack.enter_context(open(output, "w", encoding="utf-8")) if output else sys.stdout
            )
            for record in audit.export(store):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count, head = count + 1, record["hash"]
        if output:
            emit(
                {"output": str(output), "records": count, "head": head},
                as_json,
                lambda: err_console.print(f"{count} records written to {output}; head {head}"),
            )
