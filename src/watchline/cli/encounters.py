"""`watchline encounters ...`: import (screen and store) encounters, list them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from watchline.cli.context import app_context
from watchline.cli.output import console, emit, err_console, handle_errors, progress_bar

app = typer.Typer(help="Screen and store encounters (people met at entry or an office).")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON only.")]


@app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV or FtM JSON lines (docs/vetting.md).")],
    source: Annotated[
        str, typer.Option("--source", help="Source system, where rows do not name one.")
    ] = "import",
    lenient: Annotated[
        bool, typer.Option("--lenient", help="Skip unreadable dates/countries, warn.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Screen every encounter in FILE, store it with its alerts; re-running skips those done."""
    from watchline.services.encounters import import_encounters
    from watchline.services.screening import Screener, relax_collector

    relax_collector()
    with handle_errors(as_json):
        context = app_context(ctx)
        store = context.store()
        screener = Screener(
            store,
            index_dir=context.index_dir(),
            notify=lambda m: err_console.print(f"index: {m}", highlight=False),
        )
        with progress_bar("importing") as bar:
            task = bar.add_task(f"screening {path.name}", total=None)
            report = import_encounters(
                store,
                path,
                screener,
                actor=context.settings.user,
                source=source,
                lenient=lenient,
                progress=lambda n: bar.advance(task, n),
                on_read=lambda n: bar.update(task, total=n),
            )
        for warning in report.warnings:
            err_console.print(f"warning: {warning}", highlight=False)
        emit(
            report.to_dict(),
            as_json,
            lambda: console.print(
                f"{report.imported} encounters imported ({report.skipped} already stored),"
                f" {report.persons_created} new persons, {report.alerts_raised} alerts raised"
                + (
                    f", {len(report.unscreenable)} without a usable name"
                    if report.unscreenable
                    else ""
                )
            ),
        )


@app.command("list")
def list_command(
    ctx: typer.Context,
    person: Annotated[int | None, typer.Option("--person", help="One person's encounters.")] = None,
    limit: Annotated[int, typer.Option("--limit")] = 50,
    offset: Annotated[int, typer.Option("--offset")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """Encounters, newest first."""
    from sqlalchemy import select

    from watchline.store.persons import encounter_summary
    from watchline.store.tables import EncounterRow

    with handle_errors(as_json):
        store = app_context(ctx).store()
        query = select(EncounterRow).order_by(EncounterRow.id.desc()).limit(limit).offset(offset)
        if person is not None:
            query = query.where(EncounterRow.person_id == person)
        with store.session() as session:
            rows = [encounter_summary(row) for row in session.scalars(query)]

        def render() -> None:
            table = Table("id", "person", "source", "ref", "where", "when", "top score", "alerts")
            for r in rows:
                table.add_row(
                    str(r["id"]),
                    str(r["person_id"]),
                    r["source_system"],
                    r["external_ref"],
                    r["location"] or "",
                    (r["occurred_at"] or "")[:16],
                    f"{r['top_score']:.3f}" if r["top_score"] is not None else "",
                    str(r["alerts_raised"]),
                )
            console.print(table)

        emit(rows, as_json, render)
