"""The figures of a subjects-of-concern report, computed from cases and their history.

Counts over time are rebuilt from the case events' `at` (when something happened, as
reported), so a late field report moves the history to where it belongs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import select

from watchline.cases import CaseStatus
from watchline.store.db import Store
from watchline.store.tables import CaseEventRow, CaseRow, SubjectRow

#: Statuses that mean "was apprehended" when they appear anywhere in a case's history.
CUSTODY = {
    CaseStatus.APPREHENDED,
    CaseStatus.IN_CUSTODY,
    CaseStatus.RELEASED_ON_BOND,
    CaseStatus.REMOVED,
}


@dataclass
class Report:
    generated_at: str
    designated: int
    lifted: int
    by_status: dict[str, int]
    by_state: dict[str, int]
    by_nationality: dict[str, int]
    ever_apprehended: int
    #: Month ends (ISO dates) and the count per status at each.
    months: list[str] = field(default_factory=list)
    over_time: dict[str, list[int]] = field(default_factory=dict)
    cases: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def change(self, status: str) -> int:
        """How the count of a status moved over the last month of the series."""
        series = self.over_time.get(status, [])
        return series[-1] - series[-2] if len(series) >= 2 else 0


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _month_ends(start: date, end: date) -> list[date]:
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        nxt = date(year + month // 12, month % 12 + 1, 1)
        out.append(min(date.fromordinal(nxt.toordinal() - 1), end))
        year, month = nxt.year, nxt.month
    return out


def compute_report(store: Store, *, now: datetime | None = None) -> Report:
    now = now or datetime.now(UTC)
    with store.session() as session:
        rows = session.execute(
            select(CaseRow, SubjectRow).join(SubjectRow, SubjectRow.id == CaseRow.subject_id)
        ).all()
        events = session.execute(
            select(CaseEventRow.case_id, CaseEventRow.at, CaseEventRow.changes).order_by(
                CaseEventRow.at, CaseEventRow.id
            )
        ).all()
    active = [(c, s) for c, s in rows if s.active]
    active_ids = {c.id for c, _ in active}
    timeline: dict[int, list[tuple[datetime, str]]] = {}
    for case_id, at, changes in events:
        status = (changes or {}).get("status")  # [before, after]
        if status and case_id in active_ids:
            before, after = status[0], cast(str, status[1])
            steps = timeline.setdefault(case_id, [])
            if before is None and steps:
                # The case was opened after field reports already dated earlier (a
                # backdated history): opening holds from the start, not from today.
                steps.insert(0, (steps[0][0], after))
            else:
                steps.append((_aware(at), after))
    by_status = Counter(c.status for c, _ in active)
    by_state = Counter(c.state for c, _ in active if c.state and c.country == "us")
    by_nationality = Counter((s.nationality or "unknown") for _, s in active)
    ever = sum(
        1 for steps in timeline.values() if any(CaseStatus(st) in CUSTODY for _, st in steps)
    )
    report = Report(
        generated_at=now.isoformat(timespec="seconds"),
        designated=len(active),
        lifted=len(rows) - len(active),
        by_status={s.value: by_status.get(s.value, 0) for s in CaseStatus},
        by_state=dict(sorted(by_state.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_nationality=dict(sorted(by_nationality.items(), key=lambda kv: (-kv[1], kv[0]))),
        ever_apprehended=ever,
    )
    starts = [steps[0][0] for steps in timeline.values() if steps]
    if starts:
        ends = _month_ends(min(starts).date(), now.date())
        report.months = [d.isoformat() for d in ends]
        report.over_time = {s.value: [0] * len(ends) for s in CaseStatus}
        for steps in timeline.values():
            position = 0
            current: str | None = None
            for index, day in enumerate(ends):
                while position < len(steps) and steps[position][0].date() <= day:
                    current = steps[position][1]
                    position += 1
                if current is not None:
                    report.over_time[current][index] += 1
    report.cases = [
        {
            "case": c.id,
            "name": s.caption,
            "nationality": s.nationality,
            "status": c.status,
            "state": c.state,
            "city": c.city,
            "country": c.country,
            "office": c.office,
            "priority": c.priority,
        }
        for c, s in sorted(active, key=lambda cs: (-cs[0].priority, cs[0].id))
    ]
    return report
