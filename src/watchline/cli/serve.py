"""`watchline serve`, `watchline users ...` and `watchline keys ...`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer
from rich.table import Table

from watchline.cli.context import app_context
from watchline.cli.output import console, emit, err_console, handle_errors

users_app = typer.Typer(help="API users and their roles.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys: issue and revoke.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON only.")]


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", help="Processes (use a PostgreSQL store for > 1).")
    ] = 1,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs)."""
    import os

    import uvicorn

    context = app_context(ctx)
    if workers > 1 and context.settings.store_url.startswith("sqlite"):
        err_console.print("note: several workers share one SQLite file; PostgreSQL scales better")
    os.environ["WATCHLINE_STORE"] = context.settings.store_url
    os.environ["WATCHLINE_HOME"] = str(context.settings.home)
    context.store()  # migrate once, before the workers start
    uvicorn.run(
        "watchline.api.asgi:app",
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # ours names route templates, never names from query strings
        log_level="info",
    )


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument()],
    role: Annotated[
        str, typer.Option("--role", help="screener, analyst, supervisor, auditor or admin.")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Add a user (or re-activate a removed one) with a role."""
    from watchline.access import parse_role
    from watchline.store.users import UserRepository

    with handle_errors(as_json):
        context = app_context(ctx)
        user = UserRepository(context.store(), actor=context.settings.user).add(
            name, parse_role(role)
        )
        emit(user, as_json, lambda: console.print(f"user {name} added as {role}"))


@users_app.command("remove")
def users_remove(
    ctx: typer.Context, name: Annotated[str, typer.Argument()], as_json: JsonOpt = False
) -> None:
    """Deactivate a user and revoke all their keys (kept on record)."""
    from watchline.store.users import UserRepository

    with handle_errors(as_json):
        context = app_context(ctx)
        UserRepository(context.store(), actor=context.settings.user).remove(name)
        emit({"removed": name}, as_json, lambda: console.print(f"user {name} removed"))


@users_app.command("list")
def users_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Users, roles and key ids (never the keys)."""
    from watchline.store.users import UserRepository

    with handle_errors(as_json):
        users = UserRepository(app_context(ctx).store()).list()

        def render() -> None:
            table = Table("user", "role", "active", "keys")
            for u in users:
                keys = ", ".join(
                    k["key_id"] + (" (revoked)" if k["revoked"] else "") for k in u["keys"]
                )
                table.add_row(u["name"], u["role"], "yes" if u["active"] else "no", keys)
            console.print(table)

        emit(users, as_json, render)


@keys_app.command("issue")
def keys_issue(
    ctx: typer.Context,
    user: Annotated[str, typer.Argument()],
    days: Annotated[int | None, typer.Option("--days", help="Expire after this many days.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Issue a key for a user. It is printed once and stored only as a hash."""
    from watchline.store.users import UserRepository

    with handle_errors(as_json):
        context = app_context(ctx)
        expires = datetime.now(UTC) + timedelta(days=days) if days else None
        key = UserRepository(context.store(), actor=context.settings.user).issue(
            user, expires_at=expires
        )
        emit(
            {"user": user, "key": key, "expires_at": expires.isoformat() if expires else None},
            as_json,
            lambda: console.print(key, highlight=False),
        )


@keys_app.command("revoke")
def keys_revoke(
    ctx: typer.Context,
    key_id: Annotated[str, typer.Argument(help="The key, or its id (the part after wl_).")],
    as_json: JsonOpt = False,
) -> None:
    """Revoke a key at once."""
    from watchline.store.users import UserRepository

    with handle_errors(as_json):
        context = app_context(ctx)
        UserRepository(context.store(), actor=context.settings.user).revoke(key_id)
        emit({"revoked": key_id}, as_json, lambda: console.print("key revoked"))
