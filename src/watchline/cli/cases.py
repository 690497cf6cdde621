"""`watchline cases ...`: list, show and update the cases of subjects of concern."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import typer
from rich.table import Table

from watchline.cli.context import app_context
from watchline.cli.output import console, emit, handle_errors

app = typer.Typer(help="Cases of subjects of concern.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON only.")]


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option("--status")] = None,
    state: Annotated[str | None, typer.Option("--state", help="US state code.")] = None,
    nationality: Annotated[str | None, typer.Option("--nationality")] = None,
    lifted: Annotated[
        bool, typer.Option("--lifted", help="Cases whose designation was lifted instead.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit")] = 50,
    offset: Annotated[int, typer.Option("--offset")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """Cases, highest priority first."""
    from watchline.cases import parse_status
    from watchline.store.cases import CaseRepository

    with handle_errors(as_json):
        total, cases = CaseRepository(app_context(ctx).store()).list(
            status=parse_status(status).value if status else None,
            state=state,
            nationality=nationality,
            active=not lifted,
            limit=limit,
            offset=offset,
        )

        def render() -> None:
            table = Table("case", "name", "nat.", "status", "where", "office", "priority")
            for c in cases:
                where = ", ".join(p for p in (c["city"], c["state"], c["country"]) if p)
                table.add_row(
                    str(c["id"]),
                    c["name"],
                    c["nationality"] or "",
                    c["status"].replace("_", " "),
                    where,
                    c["office"] or "",
                    f"{c['priority']} ({'; '.join(c['priority_reasons'])})",
                )
            console.print(table)
            console.print(f"{len(cases)} of {total} cases shown")

        emit({"total": total, "cases": cases}, as_json, render)


def _render_case(case: dict[str, Any]) -> None:
    where = ", ".join(p for p in (case["city"], case["state"], case["country"]) if p)
    console.print(
        f"[bold]case {case['id']}[/] {case['name']} ({case['nationality'] or '?'}):"
        f" {case['status'].replace('_', ' ')}, {where or 'location unknown'};"
        f" priority {case['priority']} ({'; '.join(case['priority_reasons'])})"
    )
    for d in case["designations"]:
        state = "active" if d["active"] else f"lifted {d['lifted_at'][:10]}: {d['lift_reason']}"
        console.print(f"  designation ({state}): {d['reason']}", markup=False)
    table = Table("when", "by", "source", "changes", "note")
    for e in case["history"]:
        changes = "; ".join(f"{k}: {v[0]} -> {v[1]}" for k, v in e["changes"].items())
        table.add_row(e["at"][:16], e["by"], e["source"] or "", changes, e["note"] or "")
    console.print(table)


@app.command("show")
def show(
    ctx: typer.Context, case_id: Annotated[int, typer.Argument()], as_json: JsonOpt = False
) -> None:
    """A case: the subject, why designated (with the path), and its full history."""
    from watchline.store.cases import CaseRepository

    with handle_errors(as_json):
        case = CaseRepository(app_context(ctx).store()).show(case_id)
        emit(case, as_json, lambda: _render_case(case))


@app.command("update")
def update(
    ctx: typer.Context,
    case_id: Annotated[int, typer.Argument()],
    status: Annotated[str | None, typer.Option("--status")] = None,
    location: Annotated[
        str | None,
        typer.Option("--location", help='"Houston, TX", "Houston, TX, US" or "Dushanbe, TJ".'),
    ] = None,
    office: Annotated[str | None, typer.Option("--office", help="Assigned office.")] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where this came from (field report ...).")
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", help="When it happened (ISO date); default now.")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Default: $WATCHLINE_USER.")] = None,
    version: Annotated[int | None, typer.Option("--version")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Record what happened: a new status (allowed transitions only), a location, a note."""
    from watchline.cases import parse_location, parse_status
    from watchline.lists.encounters import parse_when
    from watchline.store.cases import CaseRepository, CaseUpdate

    with handle_errors(as_json):
        context = app_context(ctx)
        when: datetime | None = parse_when(at, location="--at") if at else None
        case = CaseRepository(context.store()).update(
            case_id,
            CaseUpdate(
                status=parse_status(status) if status else None,
                location=parse_location(location) if location else None,
                office=office,
                note=note,
                source=source,
                at=when,
            ),
            user=by or context.settings.user,
            expected_version=version,
        )
        emit(case, as_json, lambda: _render_case(case))
