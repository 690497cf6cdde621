"""Reports from real case histories: counts, the briefing, change over time, every format."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from watchline.cases import CaseStatus, parse_location
from watchline.reports.compute import Report, compute_report
from watchline.reports.render import render
from watchline.services.networks import Designator, import_network
from watchline.store import Store
from watchline.store.cases import CaseRepository, CaseUpdate
from watchline.store.person_index import default_person_index_dir

S = CaseStatus


def at(month: int, day: int = 10) -> datetime:
    return datetime(2026, month, day, 12, tzinfo=UTC)


@pytest.fixture
def report(store: Store, store_home: Path) -> Report:
    import_network(store, FIXTURES / "network.csv", "karvon", fmt="csv")
    Designator(store, person_index_dir=default_person_index_dir(store, store_home)).designate(
        "karvon", "org1", hops=3
    )  # f1, f2, p1, p2, p5, p3, p4: seven people
    repo = CaseRepository(store)
    _, cases = repo.list(limit=50)
    ids = {c["name"]: c["id"] for c in cases}

    def move(name: str, status: CaseStatus, month: int, where: str | None = None) -> None:
        location = parse_location(where) if where else None
        repo.update(ids[name], CaseUpdate(status, location, at=at(month)), user="officer")

    move("Иван Петров", S.APPREHENDED, 7, "Houston, TX")
    move("Иван Петров", S.IN_CUSTODY, 8)
    move("Иван Петров", S.REMOVED, 9)
    move("Нодира Каримова", S.LOCATED, 8, "Brooklyn, NY")
    move("Gheorghe Rusu", S.APPREHENDED, 9, "El Paso, TX")
    move("Gheorghe Rusu", S.RELEASED_ON_BOND, 10)
    move("ნინო ბერიძე", S.DEPARTED, 10, "Tbilisi, GE")
    return compute_report(store, now=at(11, 15))


def test_counts(report: Report) -> None:
    assert report.designated == 7 and report.lifted == 0
    assert report.ever_apprehended == 2
    assert {k: v for k, v in report.by_status.items() if v} == {
        "whereabouts_unknown": 3,
        "located": 1,
        "released_on_bond": 1,
        "removed": 1,
        "departed": 1,
    }
    assert report.by_state == {"NY": 1, "TX": 1}  # the removed one has no US location now
    assert report.by_nationality == {"ge": 2, "md": 1, "ru": 1, "tj": 1, "uz": 2}


def test_over_time_follows_when_things_happened(report: Report) -> None:
    # Designated today (Nov 26 2026 in real time) but the field reports are dated July to
    # October: the series starts at the first report's month.
    months = report.months
    assert months[0] == "2026-07-31" and months[-1] == "2026-11-15"
    series = report.over_time
    july = months.index("2026-07-31")
    assert series["apprehended"][july] == 1
    sept = months.index("2026-09-30")
    assert (series["removed"][sept], series["apprehended"][sept]) == (1, 1)
    assert report.change("departed") == 0  # October to mid-November: no change


def test_briefing_reads_like_one(report: Report) -> None:
    text = render(report, "text")
    assert "7 designated; 2 apprehended (at any time); 3 whereabouts unknown;" in text
    assert "located in 2 states" in text and "By state: New York 1, Texas 1." in text
    assert "By nationality: GE 2, UZ 2, MD 1, RU 1, TJ 1." in text


def test_machine_formats_agree(report: Report) -> None:
    data = json.loads(render(report, "json"))
    assert data["by_status"] == report.by_status and len(data["cases"]) == 7
    rows = list(csv.reader(io.StringIO(render(report, "csv"))))
    assert rows[0] == ["dimension", "key", "count"]
    assert ["status", "whereabouts_unknown", "3"] in rows
    assert ["month:2026-09-30", "removed", "1"] in rows


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.cells += tag == "td"


def test_html_has_charts_and_table(report: Report) -> None:
    page = render(report, "html")
    parser = _Collect()
    parser.feed(page)
    assert parser.tags.count("svg") == 3  # status, state, over time
    assert parser.cells == 7 * 7
    assert "ნინო ბერიძე" in page and "<script" not in page
