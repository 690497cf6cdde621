"""`watchline lists ...`: load, update, fetch and show watchlists."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from watchline.cli.context import app_context
from watchline.cli.output import console, emit, err_console, handle_errors, progress_bar
from watchline.cli.vetting import NoVetOpt, catch_up, run_line
from watchline.lists.formats import FORMATS

if TYPE_CHECKING:
    from watchline.store.lists import VersionInfo

app = typer.Typer(help="Load, update, fetch and inspect watchlists.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON only.")]


def _version_line(v: VersionInfo) -> str:
    total = sum(v.counts.values())
    return (
        f"{v.list_name} v{v.number} ({v.label}): {total} entities, "
        f"+{v.added} ~{v.changed} -{v.removed}"
    )


@app.command("load")
def load(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="List file (or folder for ofac-sdn).")],
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")],
    name: Annotated[str, typer.Option("--name", help="Name to store the list under.")],
    url: Annotated[str | None, typer.Option("--url", help="Where `lists fetch` gets it.")] = None,
    no_vet: NoVetOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Load a whole list file as the list's next version (one transaction), then re-vet."""
    from watchline.services.lists import load_list

    with handle_errors(as_json):
        context = app_context(ctx)
        store = context.store()
        with progress_bar("loading") as bar:
            task = bar.add_task(f"loading {name}", total=None)
            version = load_list(
                store,
                fmt,
                path,
                name,
                source_url=url,
                progress=lambda n: bar.update(task, completed=n),
                actor=context.settings.user,
            )
        runs = [] if no_vet else catch_up(context, "load")

        def render() -> None:
            console.print(_version_line(version))
            for run in runs:
                console.print(run_line(run))

        emit(version.to_dict() | {"vetting": [r.to_dict() for r in runs]}, as_json, render)


@app.command("update")
def update(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A list loaded with --format ftm.")],
    path: Annotated[Path, typer.Argument(help="delta.json (or its folder), or one delta file.")],
    no_vet: NoVetOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Apply FtM delta versions newer than the one applied, in order, all or none; re-vet."""
    from watchline.services.lists import update_list

    with handle_errors(as_json):
        context = app_context(ctx)
        versions = update_list(context.store(), name, path, actor=context.settings.user)
        runs = [] if no_vet else catch_up(context, "update")

        def render() -> None:
            if not versions:
                console.print(f"{name}: already up to date")
            for v in versions:
                console.print(_version_line(v))
            for run in runs:
                console.print(run_line(run))

        emit([v.to_dict() for v in versions], as_json, render)


@app.command("fetch")
def fetch(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument()],
    url: Annotated[str | None, typer.Option("--url", help="Override the list's URL.")] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="Needed only to create a list by fetching.")
    ] = None,
    no_vet: NoVetOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Download the official current file (conditional GET), load it if it changed, re-vet."""
    from watchline.services.fetch import Fetcher

    with handle_errors(as_json):
        context = app_context(ctx)
        result = Fetcher(context.store(), actor=context.settings.user).fetch(name, url=url, fmt=fmt)
        runs = [] if no_vet else catch_up(context, "fetch")

        def render() -> None:
            if result.status == "not-modified":
                console.print(f"{name}: not modified since the last fetch")
            for v in result.versions:
                console.print(_version_line(v))
            for run in runs:
                console.print(run_line(run))

        emit(result.to_dict() | {"vetting": [r.to_dict() for r in runs]}, as_json, render)


@app.command("show")
def show(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="One list (default: all).")] = None,
    versions: Annotated[bool, typer.Option("--versions", help="List every version.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Per list: current version, when it was loaded, entity counts by schema."""
    from watchline.store.lists import ListRepository

    with handle_errors(as_json):
        repo = ListRepository(app_context(ctx).store())
        infos = [repo.get(name)] if name else repo.lists()

        def render() -> None:
            if not infos:
                err_console.print("no lists loaded yet: try `watchline lists load`")
                return
            table = Table(
                "list", "format", "version", "label", "loaded at", "entities", "by schema"
            )
            for info in infos:
                cur = info.current
                counts = ", ".join(f"{k} {v}" for k, v in sorted(cur.counts.items())) if cur else ""
                table.add_row(
                    info.name,
                    info.format,
                    str(cur.number) if cur else "-",
                    cur.label if cur else "-",
                    cur.loaded_at.strftime("%Y-%m-%d %H:%M:%S") if cur else "-",
                    str(sum(cur.counts.values())) if cur else "0",
                    counts,
                )
                if versions:
                    for v in info.versions:
                        table.add_row(
                            "",
                            "",
                            str(v.number),
                            v.label,
                            v.loaded_at.strftime("%Y-%m-%d %H:%M:%S"),
                            str(sum(v.counts.values())),
                            f"+{v.added} ~{v.changed} -{v.removed} ({v.kind})",
                        )
            console.print(table)

        emit([i.to_dict() for i in infos], as_json, render)


@app.command("entities")
def entities(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument()],
    version: Annotated[int | None, typer.Option("--version", help="Default: current.")] = None,
    limit: Annotated[int, typer.Option("--limit")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Entities of a list at a version (earlier versions stay queryable)."""
    from watchline.store.lists import ListRepository

    with handle_errors(as_json):
        repo = ListRepository(app_context(ctx).store())
        found = []
        for entity in repo.entities(name, version):
            found.append(entity)
            if len(found) >= limit:
                break

        def table() -> None:
            for e in found:
                console.print(f"{e.id}\t{e.schema}\t{e.caption}")

        emit([e.to_dict() for e in found], as_json, table)
