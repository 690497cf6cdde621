"""`watchline networks ...` and `watchline designate`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from watchline.cli.context import AppContext, app_context
from watchline.cli.output import console, emit, handle_errors
from watchline.cli.vetting import NoVetOpt, catch_up, run_line

app = typer.Typer(help="Import networks (people and their links).", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON only.")]


def _designator(context: AppContext):  # type: ignore[no-untyped-def]
    from watchline.services.networks import Designator

    return Designator(
        context.store(), person_index_dir=context.person_index_dir(), actor=context.settings.user
    )


@app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="FtM JSON lines, or a CSV edge list.")],
    name: Annotated[str, typer.Option("--name", help="The network's name.")],
    fmt: Annotated[str, typer.Option("--format", help="ftm or csv (docs/networks.md).")] = "ftm",
    no_vet: NoVetOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Store the network's next version, re-vet everyone against its people, and
    re-evaluate the designations made on it (lifting those that no longer hold)."""
    from watchline.services.networks import import_network

    with handle_errors(as_json):
        context = app_context(ctx)
        version = import_network(context.store(), path, name, fmt=fmt, actor=context.settings.user)
        runs = [] if no_vet else catch_up(context, "network")
        reports = _designator(context).reevaluate(name)
        data = version.to_dict() | {
            "vetting": [r.to_dict() for r in runs],
            "designations": [r.to_dict() for r in reports],
        }

        def render() -> None:
            console.print(
                f"network {name} v{version.number}: {sum(version.counts.values())} entities"
                f" ({', '.join(f'{k} {v}' for k, v in sorted(version.counts.items()))}),"
                f" +{version.added} ~{version.changed} -{version.removed}"
            )
            for run in runs:
                console.print(run_line(run))
            for r in reports:
                console.print(
                    f"re-evaluated designation from {r.origin} ({r.hops} hops): {r.reached}"
                    f" reached, {r.designated} newly designated, {r.lifted} lifted"
                )

        emit(data, as_json, render)


def designate(
    ctx: typer.Context,
    network: Annotated[str, typer.Option("--network", help="An imported network.")],
    origin: Annotated[str, typer.Option("--from", help="The flagged entity's id.")],
    hops: Annotated[int, typer.Option("--hops", help="Links to follow from it.")] = 1,
    as_json: JsonOpt = False,
) -> None:
    """Designate every person linked to an entity within K hops as a subject of concern."""
    with handle_errors(as_json):
        report = _designator(app_context(ctx)).designate(network, origin, hops=hops)

        def render() -> None:
            table = Table("subject", "name", "hops", "outcome")
            for s in report.subjects:
                table.add_row(str(s["subject_id"]), s["caption"], str(s["hops"]), s["outcome"])
            console.print(table)
            console.print(
                f"{report.reached} people within {hops} hops of {origin} in {network}"
                f" v{report.version}: {report.designated} newly designated, {report.kept}"
                f" already, {report.restored} restored, {report.lifted} lifted;"
                f" {report.resolved} linked to screened persons"
            )

        emit(report.to_dict(), as_json, render)
