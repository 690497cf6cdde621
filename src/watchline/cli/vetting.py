"""`watchline vet`, and the re-vetting that follows every list load, update and fetch."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from watchline.cli.context import AppContext, app_context
from watchline.cli.output import console, emit, err_console, handle_errors, progress_bar

if TYPE_CHECKING:
    from watchline.services.vetting import VetRunInfo, Vetter

NoVetOpt = Annotated[
    bool,
    typer.Option(
        "--no-vet", help="Do not re-vet screened persons now (`watchline vet` does it later)."
    ),
]


def make_vetter(context: AppContext, **options: Any) -> Vetter:
    from watchline.services.vetting import Vetter

    return Vetter(
        context.store(),
        index_dir=context.person_index_dir(),
        actor=context.settings.user,
        notify=lambda message: err_console.print(f"persons index: {message}", highlight=False),
        **options,
    )


def run_line(run: VetRunInfo) -> str:
    return (
        f"vetted {run.list_name} v{run.from_version}->v{run.to_version}: {run.entities} new or"
        f" changed entries, {run.persons_compared} person comparisons, {run.alerts_raised}"
        f" alerts raised, {run.alerts_closed} withdrawn"
        + (" (resumed an interrupted run)" if run.resumed else "")
    )


def catch_up(context: AppContext, trigger: str) -> list[VetRunInfo]:
    """Re-vet everyone against what the lists changed since they were last vetted."""
    with progress_bar("vetting") as bar:
        task = bar.add_task("re-vetting screened persons", total=None)
        vetter = make_vetter(context, progress=lambda n: bar.advance(task, n))
        return vetter.catch_up(trigger=trigger)


def vet(
    ctx: typer.Context,
    since: Annotated[
        int | None,
        typer.Option("--since", help="Re-vet entries added or changed after this list version."),
    ] = None,
    list_name: Annotated[
        str | None, typer.Option("--list", help="The list (needed with --since if several).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Re-screen everyone ever screened against list changes (default: all not yet vetted)."""
    from watchline.errors import InputError
    from watchline.store.lists import ListRepository

    with handle_errors(as_json):
        context = app_context(ctx)
        if since is None:
            runs = catch_up(context, "manual")
        else:
            if list_name is None:
                names = [info.name for info in ListRepository(context.store()).lists()]
                if len(names) != 1:
                    raise InputError(
                        f"--since needs --list (one of: {', '.join(names) or 'none loaded'})",
                        location="--list",
                    )
                list_name = names[0]
            with progress_bar("vetting") as bar:
                task = bar.add_task(f"re-vetting against {list_name}", total=None)
                vetter = make_vetter(context, progress=lambda n: bar.advance(task, n))
                runs = [vetter.vet(list_name, since=since, trigger="manual")]

        def render() -> None:
            if not runs:
                console.print("nothing to vet: every list version has been vetted")
                return
            table = Table("run", "list", "versions", "entries", "compared", "raised", "withdrawn")
            for run in runs:
                table.add_row(
                    str(run.id),
                    run.list_name,
                    f"{run.from_version}->{run.to_version}",
                    str(run.entities),
                    str(run.persons_compared),
                    str(run.alerts_raised),
                    str(run.alerts_closed),
                )
            console.print(table)

        emit([run.to_dict() for run in runs], as_json, render)
