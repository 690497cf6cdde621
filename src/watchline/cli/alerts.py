"""`watchline alerts ...`: list, show and decide alerts."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from watchline.cli.context import app_context
from watchline.cli.output import console, emit, handle_errors

app = typer.Typer(help="Review and decide alerts.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON only.")]


@app.command("list")
def list_command(
    ctx: typer.Context,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            help="open, escalated, confirmed, false_positive, inconclusive or withdrawn.",
        ),
    ] = None,
    list_name: Annotated[str | None, typer.Option("--list", help="Alerts on one list.")] = None,
    person: Annotated[int | None, typer.Option("--person", help="One person's alerts.")] = None,
    limit: Annotated[int, typer.Option("--limit")] = 50,
    offset: Annotated[int, typer.Option("--offset")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """Alerts, newest first."""
    from watchline.errors import InputError
    from watchline.store.alerts import AlertRepository
    from watchline.workflow import AlertState

    with handle_errors(as_json):
        if state is not None and state not in {s.value for s in AlertState}:
            raise InputError(
                f"unknown state {state!r}; use one of: {', '.join(s.value for s in AlertState)}",
                location="--state",
            )
        total, alerts = AlertRepository(app_context(ctx).store()).list(
            state=state, list_name=list_name, person_id=person, limit=limit, offset=offset
        )

        def render() -> None:
            table = Table("id", "state", "score", "person", "list", "entity", "cause", "evidence")
            for a in alerts:
                table.add_row(
                    str(a["id"]),
                    a["state"] + (f" (proposed by {a['proposed_by']})" if a["proposed_by"] else ""),
                    f"{a['score']:.3f}",
                    f"{a['person']} [{a['person_id']}]",
                    f"{a['list']} v{a['list_version']}",
                    a["entity_id"],
                    a["cause"],
                    a["summary"],
                )
            console.print(table)
            console.print(f"{len(alerts)} of {total} alerts shown")

        emit({"total": total, "alerts": alerts}, as_json, render)


def _render_alert(alert: dict[str, Any]) -> None:
    console.print(
        f"[bold]alert {alert['id']}[/] {alert['state']} (version {alert['version']}),"
        f" score {alert['score']:.3f}, raised by {alert['cause']} on"
        f" {alert['list']} v{alert['list_version']}"
    )
    if alert["previous_alert_id"]:
        console.print(f"follows alert {alert['previous_alert_id']} (evidence changed since)")
    console.print(f"person {alert['person_id']}: {alert['person']}  ({alert['person_key']})")
    entity = alert["entity"] or {}
    console.print(f"list entry {alert['entity_id']}: {entity.get('caption', '?')}")
    table = Table("evidence", "contribution", "detail")
    for feature in alert["explanation"]:
        if feature.get("contribution"):
            table.add_row(feature["name"], f"{feature['contribution']:+.2f}", feature["detail"])
    console.print(table)
    for d in alert["decisions"]:
        console.print(
            f"{d['at'][:19]} {d['by']}: {d['action']}"
            f" ({d['from_state']} -> {d['to_state']}): {d['reason']}"
        )


@app.command("show")
def show(
    ctx: typer.Context,
    alert_id: Annotated[int, typer.Argument(help="Alert id.")],
    as_json: JsonOpt = False,
) -> None:
    """One alert: both records, every piece of evidence, every decision."""
    from watchline.store.alerts import AlertRepository

    with handle_errors(as_json):
        alert = AlertRepository(app_context(ctx).store()).show(alert_id)
        emit(alert, as_json, lambda: _render_alert(alert))


@app.command("decide")
def decide(
    ctx: typer.Context,
    alert_id: Annotated[int, typer.Argument(help="Alert id.")],
    action: Annotated[
        str, typer.Option("--as", help="escalate, match, false-positive or inconclusive.")
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why (recorded and audited).")],
    by: Annotated[
        str | None, typer.Option("--by", help="The deciding analyst (default: $WATCHLINE_USER).")
    ] = None,
    version: Annotated[
        int | None,
        typer.Option("--version", help="Refuse if the alert moved past this version meanwhile."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Decide an alert. A confirmed match needs a second, different analyst's `--as match`."""
    from watchline.store.alerts import AlertRepository
    from watchline.workflow import parse_action

    with handle_errors(as_json):
        context = app_context(ctx)
        alert = AlertRepository(context.store()).decide(
            alert_id,
            parse_action(action),
            reason=reason,
            user=by or context.settings.user,
            expected_version=version,
        )

        def render() -> None:
            note = ""
            if alert["state"] == "escalated" and alert["proposed_by"]:
                note = f"; match proposed by {alert['proposed_by']}, awaiting a second analyst"
            console.print(f"alert {alert['id']} is now {alert['state']}{note}")

        emit(alert, as_json, render)
