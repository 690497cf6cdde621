"""`watchline report`: the subjects-of-concern briefing, as text, JSON, CSV or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from watchline.cli.context import app_context
from watchline.cli.output import err_console, handle_errors


def report(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="text, json, csv or html.")] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to a file (default: stdout).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """Counts by status, US state and nationality, and their change over time."""
    from watchline.errors import InputError
    from watchline.reports.compute import compute_report
    from watchline.reports.render import FORMATS, render

    with handle_errors(as_json):
        fmt = "json" if as_json else fmt
        if fmt not in FORMATS:
            raise InputError(
                f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}", location="--format"
            )
        text = render(compute_report(app_context(ctx).store()), fmt)
        if output is None:
            typer.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
            err_console.print(f"report written to {output}")
