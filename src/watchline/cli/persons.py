"""`watchline persons ...`: search everyone ever screened, show one person."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from watchline.cli.context import app_context
from watchline.cli.output import console, emit, err_console, handle_errors

app = typer.Typer(help="Search and show everyone ever screened.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON only.")]


@app.command("search")
def search(
    ctx: typer.Context,
    name: Annotated[str, typer.Option("--name", help="Name in any script.")],
    birth_date: Annotated[str | None, typer.Option("--birth-date")] = None,
    nationality: Annotated[list[str] | None, typer.Option("--nationality")] = None,
    passport: Annotated[str | None, typer.Option("--passport")] = None,
    limit: Annotated[int, typer.Option("--limit")] = 10,
    as_json: JsonOpt = False,
) -> None:
    """Who of everyone screened could this be? (As re-vetting would score them.)"""
    from watchline.lists.queries import make_query
    from watchline.services.persons import search_persons

    with handle_errors(as_json):
        context = app_context(ctx)
        notice = make_query(
            "notice",
            values={
                "name": [name],
                "birthDate": [birth_date or ""],
                "nationality": nationality or [],
                "passportNumber": [passport or ""],
            },
            location="options",
        )
        found = search_persons(
            context.store(),
            notice,
            index_dir=context.person_index_dir(),
            limit=limit,
            notify=lambda m: err_console.print(f"persons index: {m}", highlight=False),
        )

        def render() -> None:
            if not found:
                console.print("nobody screened resembles this")
                return
            table = Table("score", "match", "person", "name", "encounters", "evidence")
            for m in found:
                table.add_row(
                    f"{m.result.score:.3f}",
                    "MATCH" if m.result.match else "",
                    str(m.person_id),
                    m.caption,
                    str(m.encounters),
                    m.result.summary(),
                )
            console.print(table)

        emit([m.to_dict() for m in found], as_json, render)


@app.command("show")
def show(
    ctx: typer.Context,
    person_id: Annotated[int, typer.Argument()],
    as_json: JsonOpt = False,
) -> None:
    """A person's merged record and every encounter."""
    from watchline.services.persons import person_details

    with handle_errors(as_json):
        person = person_details(app_context(ctx).store(), person_id)

        def render() -> None:
            console.print(
                f"[bold]person {person['id']}[/] {person['caption']} ({person['person_key']})"
            )
            for prop, values in sorted(person["properties"].items()):
                console.print(f"  {prop}: {'; '.join(values)}")
            table = Table("encounter", "source", "ref", "where", "when", "alerts")
            for e in person["encounters"]:
                table.add_row(
                    str(e["id"]),
                    e["source_system"],
                    e["external_ref"],
                    e["location"] or "",
                    (e["occurred_at"] or "")[:16],
                    str(e["alerts_raised"]),
                )
            console.print(table)

        emit(person, as_json, render)
