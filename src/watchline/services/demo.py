"""`watchline demo`: the motivating case end to end, on SYNTHETIC data, on a fresh store.

1. People cross the border over two years and are screened (against the UN list when
   the shared data is at hand): nothing matches them at the time.
2. A partner nation's notice is loaded as a list: continuous vetting finds, among
   everyone ever screened, the people it names, in whatever script they were screened.
3. Intelligence on the smuggling network is imported: its people are resolved to the
   persons screened at the border (certain links automatically, the rest as alerts).
4. The network is designated from the smuggling organisation: everyone within two links
   becomes a subject of concern with a case.
5. Two analysts adjudicate the notice's alerts (four-eyes), which designates them too.
6. Eight months of case activity are recorded, and the report is written.

Every step uses the same services as the CLI; nothing is shortcut for the demo.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from watchline.cases import Location, parse_status
from watchline.demo.generator import DemoFiles, generate
from watchline.errors import WatchlineError
from watchline.reports.compute import compute_report
from watchline.reports.render import render
from watchline.services.encounters import import_encounters
from watchline.services.lists import load_list
from watchline.services.networks import Designator, import_network
from watchline.services.screening import Screener
from watchline.services.vetting import Vetter
from watchline.store.alerts import AlertRepository
from watchline.store.cases import CaseRepository, CaseUpdate
from watchline.store.db import Store, open_store
from watchline.store.tables import (
    AlertRow,
    CaseRow,
    EncounterRow,
    SubjectRow,
    WatchlistRow,
)
from watchline.workflow import Action

NETWORK, NOTICE = "demo-network", "demo-partner-notice"
ORIGIN = "demo-org-network"
Say = Callable[[str], None]


@dataclass
class DemoResult:
    home: str
    files: list[str]
    steps: list[dict[str, Any]] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    briefing: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class _Steps:
    def __init__(self, result: DemoResult, say: Say) -> None:
        self.result, self.say, self.started = result, say, time.perf_counter()

    def done(self, text: str, **figures: Any) -> None:
        seconds = round(time.perf_counter() - self.started, 1)
        self.result.steps.append({"step": text, "seconds": seconds, **figures})
        self.say(f"[{seconds:5.1f}s] {text}")
        self.started = time.perf_counter()


def run_demo(
    home: Path,
    *,
    seed: int = 7,
    people: int = 400,
    un_list: Path | None = None,
    say: Say = print,
) -> DemoResult:
    """Build the demo store in `home` (replaced if it exists) and run every step."""
    start = time.perf_counter()
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    files = generate(seed, people, out_dir=home / "files", present=date.today())
    result = DemoResult(str(home), [str(p) for p in files.paths])
    steps = _Steps(result, say)
    steps.done(
        f"generated SYNTHETIC data: {files.summary['transported']} transported people,"
        f" {files.summary['facilitators']} facilitators, {files.summary['encounters']}"
        f" border encounters (seed {seed})"
    )
    store = open_store(f"sqlite:///{home / 'watchline.db'}")
    try:
        _run(store, home, files, un_list, steps)
        report = compute_report(store)
        result.report = report.to_dict()
        result.briefing = render(report, "text")
        (home / "report.html").write_text(render(report, "html"), encoding="utf-8")
        steps.done(f"report written to {home / 'report.html'}")
    finally:
        store.close()
    result.seconds = round(time.perf_counter() - start, 1)
    return result


def _run(store: Store, home: Path, files: DemoFiles, un_list: Path | None, steps: _Steps) -> None:
    index_dir, persons_dir = home / "watchline.index", home / "watchline.persons"
    if un_list is not None and un_list.exists():
        version = load_list(store, "un-xml", un_list, "un", actor="list-admin")
        steps.done(f"loaded the UN list: {sum(version.counts.values())} entries")
    screener = Screener(store, index_dir=index_dir)
    imported = import_encounters(store, files.encounters, screener, actor="cbp-officer")
    steps.done(
        f"screened {imported.imported} border encounters over two years:"
        f" {imported.alerts_raised} alerts at the time",
        persons=imported.persons_created,
    )
    vetter = Vetter(store, index_dir=persons_dir, actor="watchline")
    load_list(store, "csv", files.notice, NOTICE, actor="liaison-officer")
    (run,) = vetter.catch_up(trigger="load")
    steps.done(
        f"partner notice loaded ({run.entities} entries): re-vetting everyone screened raised"
        f" {run.alerts_raised} alerts naming {NOTICE} v{run.to_version}"
    )
    import_network(store, files.network, NETWORK, actor="intel-analyst")
    (net_run,) = vetter.catch_up(trigger="network")
    steps.done(
        f"network imported: its people matched to {net_run.alerts_raised} screened persons (alerts)"
    )
    designator = Designator(store, person_index_dir=persons_dir, actor="supervisor")
    designated_at = datetime.fromisoformat(files.summary["designated"]).replace(tzinfo=UTC)
    designation = designator.designate(NETWORK, ORIGIN, hops=2, at=designated_at)
    steps.done(
        f"designated {designation.designated} subjects of concern within 2 links of the"
        f" organisation (as of {designated_at.date()}); {designation.resolved} linked to"
        " border records automatically (shared birth date or passport)",
    )
    truth = files.truth.encounter_subjects
    confirmed, rejected = _adjudicate(store, NETWORK, lambda entry: entry, truth)
    steps.done(
        f"analysts adjudicated the network's alerts: {confirmed} confirmed by two analysts"
        f" (linking those not linked automatically), {rejected} false positives"
    )
    confirmed, rejected = _adjudicate(store, NOTICE, files.truth.notice_subjects.get, truth)
    steps.done(
        f"analysts adjudicated the notice's alerts: {confirmed} confirmed (watchlist match"
        f" added to their cases), {rejected} false positives"
    )
    applied, skipped = _case_activity(store, files.case_activity)
    steps.done(f"recorded {applied} case events over eight months ({skipped} not applicable)")


def _adjudicate(
    store: Store, list_name: str, named: Callable[[str], str | None], truth: dict[str, str]
) -> tuple[int, int]:
    """Analysts check each open alert on `list_name` against the (synthetic) truth: the
    right person is confirmed by two analysts, anyone else closed as a false positive.
    `named(entry)` is the network person an entry is; `truth` maps encounters to them."""
    with store.session() as session:
        list_id = session.scalar(select(WatchlistRow.id).where(WatchlistRow.name == list_name))
        alerts = session.execute(
            select(AlertRow.id, AlertRow.entity_id, EncounterRow.external_ref)
            .join(EncounterRow, EncounterRow.person_id == AlertRow.person_id)
            .where(AlertRow.list_id == list_id, AlertRow.state == "open")
            .order_by(AlertRow.id)
        ).all()
    same: dict[int, bool] = {}
    for alert_id, entry, encounter_ref in alerts:
        person = named(entry)
        same[alert_id] = same.get(alert_id, False) or (
            person is not None and truth.get(encounter_ref) == person
        )
    repo = AlertRepository(store)
    confirmed = rejected = 0
    for alert_id, right in same.items():
        if right:
            repo.decide(alert_id, Action.MATCH, reason="photo and travel history", user="analyst-1")
            repo.decide(alert_id, Action.MATCH, reason="concur", user="analyst-2")
            confirmed += 1
        else:
            repo.decide(
                alert_id, Action.FALSE_POSITIVE, reason="different person", user="analyst-1"
            )
            rejected += 1
    return confirmed, rejected


def _case_activity(store: Store, path: Path) -> tuple[int, int]:
    with store.session() as session:
        cases = dict(
            session.execute(
                select(SubjectRow.entity_id, CaseRow.id)
                .join(CaseRow, CaseRow.subject_id == SubjectRow.id)
                .join(WatchlistRow, WatchlistRow.id == SubjectRow.list_id)
                .where(WatchlistRow.name == NETWORK)
            ).all()
        )
    repo = CaseRepository(store)
    applied = skipped = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            event = json.loads(line)
            case_id = cases.get(event["entity_id"])
            if case_id is None:
                skipped += 1
                continue
            location = None
            if event.get("country"):
                location = Location(event["country"].lower(), event.get("state"), event.get("city"))
            try:
                repo.record(
                    case_id,
                    CaseUpdate(
                        status=parse_status(event["status"]),
                        location=location,
                        office=event.get("office"),
                        note=event.get("note"),
                        source=event.get("source"),
                        at=datetime.fromisoformat(event["at"].replace("Z", "+00:00")),
                    ),
                    user=event.get("by") or "officer",
                )
            except WatchlineError:
                skipped += 1
                continue
            applied += 1
    return applied, skipped
