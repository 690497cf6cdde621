"""`watchline demo`: the motivating case end to end on SYNTHETIC data, in under a minute."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from watchline.cli.context import app_context
from watchline.cli.output import console, emit, err_console, handle_errors


def demo(
    ctx: typer.Context,
    folder: Annotated[
        Path | None,
        typer.Option("--dir", help="Where to build it (default: $WATCHLINE_HOME/demo)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed")] = 7,
    people: Annotated[int, typer.Option("--people", help="Transported people.")] = 400,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Build a fresh demo store from SYNTHETIC data: border encounters, a partner notice,
    a smuggling network, designation, adjudication, case activity and the report."""
    from watchline.services.demo import run_demo

    with handle_errors(as_json):
        home = folder or app_context(ctx).settings.home / "demo"
        shared = Path(os.environ.get("WATCHLINE_SHARED_DATA") or "../shared/data")
        result = run_demo(
            home,
            seed=seed,
            people=people,
            un_list=shared / "lists" / "un" / "UN_consolidated.xml",
            say=(lambda _: None)
            if as_json
            else (lambda text: err_console.print(text, highlight=False)),
        )

        def render() -> None:
            console.print(result.briefing, highlight=False)
            console.print(
                f"done in {result.seconds:.0f} s. Explore it: WATCHLINE_HOME={home}"
                " watchline cases list | alerts list | report --format html -o report.html",
                highlight=False,
            )

        emit(result.to_dict(), as_json, render)
