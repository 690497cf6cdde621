"""Networks end to end on a store: import, designate within K hops, re-evaluate when the
network changes (lift, never delete), confirmed alerts designate, cases move only along
allowed transitions and keep their whole history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import FIXTURES
from watchline.cases import CaseStatus, parse_location
from watchline.errors import ConflictError, InputError, NotFoundError
from watchline.services.encounters import import_encounters
from watchline.services.networks import Designator, import_network
from watchline.services.screening import Screener
from watchline.services.vetting import Vetter
from watchline.store import Store, audit
from watchline.store.alerts import AlertRepository
from watchline.store.cases import CaseRepository, CaseUpdate
from watchline.store.person_index import default_person_index_dir
from watchline.store.tables import AlertRow, DesignationRow, SubjectRow, WatchlistRow
from watchline.workflow import Action

NETWORK = FIXTURES / "network.csv"


@pytest.fixture
def designator(store: Store, store_home: Path) -> Designator:
    import_network(store, NETWORK, "karvon", fmt="csv", actor="intel")
    return Designator(
        store, person_index_dir=default_person_index_dir(store, store_home), actor="sup"
    )


def subjects(store: Store) -> dict[str, SubjectRow]:
    with store.session() as session:
        return {
            s.entity_id or f"person:{s.person_id}": s for s in session.scalars(select(SubjectRow))
        }


def test_designate_within_hops_with_paths(store: Store, designator: Designator) -> None:
    report = designator.designate("karvon", "f1", hops=2)
    # People only (org1 is reached but is no subject): f2 is two hops away via org1.
    assert (report.reached, report.designated) == (5, 5)
    found = subjects(store)
    assert set(found) == {"f1", "p1", "p2", "p3", "f2"}
    cases = CaseRepository(store)
    total, listed = cases.list()
    assert total == len(found)
    p3 = next(c for c in listed if c["name"] == "Дилноза Каримова")
    shown = cases.show(p3["id"])
    (ground,) = shown["designations"]
    assert [step["entity_id"] for step in ground["path"]] == ["f1", "p2", "p3"]
    assert ground["hops"] == 2 and "Family (sister)" in ground["reason"]
    assert shown["status"] == "whereabouts_unknown"
    assert "whereabouts unknown (+25)" in shown["priority_reasons"]


def test_rerun_is_idempotent(store: Store, designator: Designator) -> None:
    first = designator.designate("karvon", "f1", hops=2)
    again = designator.designate("karvon", "f1", hops=2)
    assert (again.designated, again.kept, again.lifted) == (0, first.designated, 0)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(DesignationRow)) == first.reached


def test_removed_link_lifts_with_reason_and_keeps_rows(
    store: Store, designator: Designator, tmp_path: Path
) -> None:
    designator.designate("karvon", "f1", hops=2)
    lines = NETWORK.read_text(encoding="utf-8").splitlines()
    changed = [line for line in lines if not line.startswith("p2,,,,,Family")]
    changed = [
        line.replace("p3,,,,,Associate", "p3,Person,Дилноза Каримова,1996-05-05,uz,Associate")
        for line in changed
    ]
    path = tmp_path / "network-v2.csv"
    path.write_text("\n".join(changed) + "\n", encoding="utf-8")
    import_network(store, path, "karvon", fmt="csv")
    (report,) = designator.reevaluate("karvon")
    assert (report.lifted, report.subjects_lifted) == (1, 1)
    p3 = subjects(store)["p3"]
    assert not p3.active and "no longer linked to 'f1' within 2 hops" in (p3.lift_reason or "")
    assert "version 2" in (p3.lift_reason or "")
    _, lifted = CaseRepository(store).list(active=False)
    assert [c["name"] for c in lifted] == ["Дилноза Каримова"]
    # The link comes back: the same designation is restored, not duplicated.
    import_network(store, NETWORK, "karvon", fmt="csv")
    (back,) = designator.reevaluate("karvon")
    assert back.restored == 1 and subjects(store)["p3"].active
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(DesignationRow)) == back.reached


def test_removed_origin_lifts_everything(
    store: Store, designator: Designator, tmp_path: Path
) -> None:
    designator.designate("karvon", "p2", hops=1)
    rows = [
        "source_id,source_schema,source_name,link,target_id,target_schema,target_name",
        "org1,Organization,Karvon Logistics LLC,Membership,f9,Person,Someone Else",
    ]
    (tmp_path / "v2.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_network(store, tmp_path / "v2.csv", "karvon", fmt="csv")
    (report,) = designator.reevaluate("karvon")
    assert report.reached == 0 and report.subjects_lifted == 3  # p2, f1, p3
    assert all("origin 'p2' was removed" in (s.lift_reason or "") for s in subjects(store).values())


def test_designation_errors_change_nothing(store: Store, designator: Designator) -> None:
    with pytest.raises(NotFoundError, match="no entity 'nobody'"):
        designator.designate("karvon", "nobody", hops=1)
    with pytest.raises(NotFoundError, match="no network named 'other'"):
        designator.designate("other", "f1", hops=1)
    with pytest.raises(InputError, match="--hops"):
        designator.designate("karvon", "f1", hops=-1)
    assert subjects(store) == {}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a,Person,A,UnknownLink,a,Person,A", "links 'a' to itself"),
        ("a,Person,A,Friendship,b,Person,B", "unknown link type 'Friendship'"),
        ("a,Person,A,Person,b,Person,B", "'Person' is not a link type"),
        ("a,Person,A,Associate,b,Person", "expected 7 fields, found 6"),
        ("a,Person,A,Associate,b,Person,", "entity 'b' is never given a name"),
    ],
)
def test_broken_network_files_store_nothing(
    store: Store, tmp_path: Path, row: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    header = "source_id,source_schema,source_name,link,target_id,target_schema,target_name"
    path.write_text(f"{header}\nx,Person,X,Associate,y,Person,Y\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_network(store, path, "bad", fmt="csv")
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(WatchlistRow)) == 0


def test_ftm_network_with_dangling_link(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "net.json"
    path.write_text(
        '{"id": "a", "schema": "Person", "properties": {"name": ["A B"]}}\n'
        '{"id": "l", "schema": "Associate", "properties": {"person": ["a"], "associate": ["z"]}}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="links to unknown entity 'z'"):
        import_network(store, path, "n")


def test_case_updates_follow_transitions_and_keep_history(
    store: Store, designator: Designator
) -> None:
    designator.designate("karvon", "f1", hops=1)
    repo = CaseRepository(store)
    _, listed = repo.list()
    case_id = next(c["id"] for c in listed if c["name"] == "Иван Петров")
    where = parse_location("Houston, TX")
    done = repo.update(
        case_id,
        CaseUpdate(CaseStatus.APPREHENDED, where, "ERO Houston", "arrested", "field report"),
        user="officer",
    )
    assert (done["status"], done["state"], done["city"], done["office"]) == (
        "apprehended",
        "TX",
        "Houston",
        "ERO Houston",
    )
    assert "whereabouts unknown (+25)" not in done["priority_reasons"]
    with pytest.raises(ConflictError, match="cannot go from apprehended to located"):
        repo.update(case_id, CaseUpdate(CaseStatus.LOCATED), user="officer")
    with pytest.raises(ConflictError, match="version 2, not 1"):
        repo.update(case_id, CaseUpdate(note="x"), user="o", expected_version=1)
    repo.update(case_id, CaseUpdate(CaseStatus.IN_CUSTODY), user="officer")
    removed = repo.update(case_id, CaseUpdate(CaseStatus.REMOVED, note="flight"), user="o")
    assert removed["state"] is None and removed["city"] is None  # out of the country
    back = repo.update(
        case_id, CaseUpdate(CaseStatus.APPREHENDED, parse_location("El Paso, TX")), user="o"
    )
    assert "prior removal (re-entered) (+20)" in back["priority_reasons"]
    history = repo.show(case_id)["history"]
    assert [h["changes"].get("status", [None, None])[1] for h in history] == [
        "whereabouts_unknown",
        "apprehended",
        "in_custody",
        "removed",
        "apprehended",
    ]
    with pytest.raises(NotFoundError):
        repo.update(999, CaseUpdate(note="x"), user="o")
    assert audit.verify(store).ok


def test_confirmed_watchlist_alert_designates_the_person(
    screening_store: Store,
    screener_for: Callable[[Store], Screener],
    vetter_for: Callable[..., Vetter],
    tmp_path: Path,
) -> None:
    path = tmp_path / "e.csv"
    path.write_text(
        "encounter_id,name,birth_date,nationality\nE1,Hafiz Muhammad Saeed,1950-06-05,pk\n",
        encoding="utf-8",
    )
    import_encounters(screening_store, path, screener_for(screening_store), actor="officer")
    with screening_store.session() as session:
        alert_id = session.scalars(select(AlertRow.id)).first()
    assert alert_id is not None
    repo = AlertRepository(screening_store)
    repo.decide(alert_id, Action.MATCH, reason="photo", user="ana")
    repo.decide(alert_id, Action.MATCH, reason="agree", user="ben")
    (subject,) = subjects(screening_store).values()
    assert subject.person_id == 1 and subject.active
    total, cases = CaseRepository(screening_store).list()
    assert total == 1 and "watchlist match (+40)" in cases[0]["priority_reasons"]
    assert (
        "confirmed match to"
        in CaseRepository(screening_store).show(cases[0]["id"])["designations"][0]["reason"]
    )


def test_network_person_resolved_to_screened_person(
    screening_store: Store,
    screener_for: Callable[[Store], Screener],
    vetter_for: Callable[..., Vetter],
    store_home: Path,
    tmp_path: Path,
) -> None:
    path = tmp_path / "e.csv"
    path.write_text(
        "encounter_id,name,birth_date,nationality,passport\n"
        "E1,Ivan PETROV,1980-02-03,ru,\n"
        "E2,Nodira KARIMOVA,1993,uz,\n",
        encoding="utf-8",
    )
    import_encounters(screening_store, path, screener_for(screening_store), actor="officer")
    import_network(screening_store, NETWORK, "karvon", fmt="csv")
    runs = vetter_for(screening_store).catch_up()
    assert sum(r.alerts_raised for r in runs) == 2  # both people found in the network
    designator = Designator(
        screening_store,
        person_index_dir=default_person_index_dir(screening_store, store_home),
    )
    report = designator.designate("karvon", "f1", hops=1)
    found = subjects(screening_store)
    # Full birth date and name: linked automatically, with the score kept.
    assert found["p1"].person_id == 1 and found["p1"].person_link == "auto"
    assert (found["p1"].person_score or 0) >= 0.95
    # Year only: uncertain, so it stays an open alert until an analyst decides.
    assert found["p2"].person_id is None and report.resolved == 1
    with screening_store.session() as session:
        pending = session.scalar(
            select(AlertRow).where(AlertRow.entity_id == "p2", AlertRow.state == "open")
        )
    assert pending is not None and pending.person_id == 2
    repo = AlertRepository(screening_store)
    repo.decide(pending.id, Action.MATCH, reason="same passport photo", user="ana")
    repo.decide(pending.id, Action.MATCH, reason="agree", user="ben")
    linked = subjects(screening_store)["p2"]
    assert linked.person_id == 2 and linked.person_link == f"alert {pending.id}"
