"""`watchline screen`: one person from options, or a whole file of people."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from watchline.cli.context import app_context
from watchline.cli.output import console, emit, err_console, handle_errors, progress_bar
from watchline.errors import InputError
from watchline.lists.queries import make_query, read_queries

if TYPE_CHECKING:
    from watchline.services.screening import Screener


def screen(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="Name in any script.")] = None,
    birth_date: Annotated[
        str | None, typer.Option("--birth-date", help="YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    nationality: Annotated[
        list[str] | None, typer.Option("--nationality", help="Country name or ISO code.")
    ] = None,
    passport: Annotated[str | None, typer.Option("--passport")] = None,
    id_number: Annotated[str | None, typer.Option("--id-number")] = None,
    gender: Annotated[str | None, typer.Option("--gender")] = None,
    schema: Annotated[str, typer.Option("--schema", help="Person, Organization, ...")] = "Person",
    input_path: Annotated[
        Path | None, typer.Option("--input", help="CSV or FtM JSON lines of people to screen.")
    ] = None,
    output_path: Annotated[
        Path | None, typer.Option("--output", help="JSON lines out (with --input).")
    ] = None,
    lists: Annotated[
        list[str] | None, typer.Option("--list", help="Screen against these lists only.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Matches to show per person.")] = 5,
    algorithm: Annotated[str | None, typer.Option("--algorithm")] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="With --input: processes (one per core).")
    ] = 1,
    lenient: Annotated[
        bool,
        typer.Option("--lenient", help="With --input: skip unreadable dates/countries, warn."),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print machine-readable JSON only.")
    ] = False,
) -> None:
    """Screen a person (or a file of people) against the loaded lists."""
    from watchline.services.screening import Screener, relax_collector

    if workers < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--workers")
    with handle_errors(as_json):
        context = app_context(ctx)
        # A server store has no folder of its own: its index lives under WATCHLINE_HOME.
        screener = Screener(
            context.store(), algorithm=algorithm, lists=lists, index_dir=context.index_dir()
        )
        if input_path is not None:
            relax_collector()
            _screen_file(screener, input_path, output_path, limit, as_json, lenient, workers)
            return
        if not name:
            raise InputError("give --name (or --input FILE)", location="--name")
        query = make_query(
            "query",
            schema=schema,
            values={
                "name": [name],
                "birthDate": [birth_date or ""],
                "nationality": nationality or [],
                "passportNumber": [passport or ""],
                "idNumber": [id_number or ""],
                "gender": [gender or ""],
            },
            location="options",
        )
        matches = screener.screen(query, limit=limit)

        def render() -> None:
            if not matches:
                console.print("no candidates")
                return
            table = Table("score", "match", "list", "entity", "name", "explanation")
            for m in matches:
                table.add_row(
                    f"{m.result.score:.3f}",
                    "MATCH" if m.result.match else "",
                    m.entity.list_name or "",
                    m.entity.id,
                    m.entity.caption,
                    m.result.summary(),
                )
            console.print(table)

        emit({"query": query.to_ftm(), "matches": [m.to_dict() for m in matches]}, as_json, render)


def _screen_file(
    screener: Screener,
    path: Path,
    output: Path | None,
    limit: int,
    as_json: bool,
    lenient: bool,
    workers: int,
) -> None:
    from watchline.services.screening import screen_batch

    if output is None:
        raise InputError("--input needs --output FILE for the JSON lines", location="--output")
    warnings: list[str] | None = [] if lenient else None
    # Read fully first: a bad row fails before any output is written.
    queries = list(read_queries(path, warnings=warnings))
    for warning in warnings or []:
        err_console.print(f"warning: {warning}", highlight=False)
    screened = alerted = failed = 0
    with open(output, "w", encoding="utf-8") as out, progress_bar("screening") as bar:
        task = bar.add_task(f"screening {path.name}", total=len(queries))
        for record in screen_batch(screener, queries, workers=workers, limit=limit):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            screened += 1
            failed += "error" in record
            alerted += any(m["match"] for m in record["matches"])
            bar.advance(task)
    summary = {
        "input": str(path),
        "output": str(output),
        "screened": screened,
        "with_match": alerted,
        "not_screened": failed,
        "warnings": warnings or [],
    }
    emit(
        summary,
        as_json,
        lambda: err_console.print(
            f"screened {screened} records, {alerted} with a match, {failed} not screenable "
            f"(see their 'error'); results in {output}"
        ),
    )
