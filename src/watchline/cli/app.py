"""The `watchline` command."""

from __future__ import annotations

from typing import Annotated

import typer

from watchline import __version__
from watchline.cli import (
    alerts,
    audit,
    cases,
    demo,
    encounters,
    lists,
    networks,
    pairs,
    persons,
    report,
    screen,
    serve,
    vetting,
)
from watchline.cli.context import AppContext
from watchline.settings import Settings

app = typer.Typer(
    help="Screen and vet people against watchlists across scripts and spellings.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(lists.app, name="lists")
app.add_typer(encounters.app, name="encounters")
app.add_typer(persons.app, name="persons")
app.add_typer(alerts.app, name="alerts")
app.add_typer(audit.app, name="audit")
app.command("vet")(vetting.vet)
app.add_typer(networks.app, name="networks")
app.command("designate")(networks.designate)
app.add_typer(cases.app, name="cases")
app.command("report")(report.report)
app.command("demo")(demo.demo)
app.command("serve")(serve.serve)
app.add_typer(serve.users_app, name="users")
app.add_typer(serve.keys_app, name="keys")
app.command("screen")(screen.screen)
app.command("score-pairs")(pairs.score_pairs_command)


def _version(value: bool) -> None:
    if value:
        from watchline.native import MODULES, compiled

        built = len(compiled())
        core = "compiled core" if built == len(MODULES) else "pure-Python core"
        typer.echo(f"{__version__} ({core})")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="SQLAlchemy URL (default: $WATCHLINE_STORE or SQLite in $WATCHLINE_HOME).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = AppContext(Settings.from_env(store_url=store))


def main() -> None:
    app()
