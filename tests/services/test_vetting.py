"""Encounters, alerts and continuous vetting on the real UN and OFAC lists.

A partner's notice (an agency list) names someone screened long ago in another script:
re-vetting must find him among everyone screened, and alert with the list version.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from watchline.errors import ConflictError, InputError, NotFoundError
from watchline.services.encounters import import_encounters
from watchline.services.lists import load_list
from watchline.services.screening import Screener
from watchline.services.vetting import Vetter
from watchline.store import Store, audit
from watchline.store.alerts import AlertRepository
from watchline.store.tables import AlertRow, EncounterRow, PersonRow, VetRunRow
from watchline.workflow import Action

HEADER = "encounter_id,name,birth_date,nationality,passport,occurred_at,port\n"
ENCOUNTERS = (
    HEADER
    # UN-listed (QDi.150): must alert at the encounter.
    + "E1,Hafiz Muhammad Saeed,1950-06-05,pk,,2024-03-03,ORD\n"
    # Not listed anywhere now; named later by a partner notice (in Latin script).
    + "E2,Рустам Шарипович Назаров,1988-09-14,tj,400765432,2024-03-04,JFK\n"
    + "E3,Нодира Каримова,1993-01-20,uz,,2024-03-05,IAD\n"
    + "E4,Giorgi Beridze,1979-05-02,ge,,2024-03-05,EWR\n"
)
NOTICE_HEADER = (
    "id,schema,name,aliases,birth_date,nationality,document_numbers,gender,topics,notes\n"
)
NOTICE_V1 = (
    NOTICE_HEADER
    + "PN-1,Person,Rustam NAZAROV,Rustam Sharipovich Nazarov,1988-09-14,TJ,,male,crime,smuggling\n"
    # A namesake of E4 with a conflicting birth date: must not alert.
    + "PN-2,Person,Giorgi BERIDZE,,1961-11-30,GE,,male,crime,\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def screened(
    screening_store: Store,
    screener_for: Callable[[Store], Screener],
    tmp_path: Path,
) -> Store:
    path = write(tmp_path, "encounters.csv", ENCOUNTERS)
    report = import_encounters(screening_store, path, screener_for(screening_store), actor="ivan")
    assert (report.imported, report.persons_created) == (4, 4)
    return screening_store


def alerts(store: Store) -> list[AlertRow]:
    with store.session() as session:
        return list(session.scalars(select(AlertRow).order_by(AlertRow.id)))


def test_encounter_import_alerts_and_records_versions(screened: Store) -> None:
    # He is on both lists: one alert per (person, list entry).
    found = alerts(screened)
    assert sorted(a.entity_id for a in found) == ["ofac-10689", "un-2833107"]
    assert {(a.cause, a.state, a.person_id) for a in found} == {("encounter", "open", 1)}
    assert min(a.score for a in found) >= 0.9
    with screened.session() as session:
        encounter = session.scalar(select(EncounterRow).where(EncounterRow.external_ref == "E1"))
        assert encounter is not None
        assert encounter.list_versions == {"un": 1, "ofac": 1}
        assert encounter.matcher == "watchline-v1" and encounter.alerts_raised == 2
        assert encounter.location == "ORD"


def test_reimport_skips_stored_encounters(
    screened: Store, screener_for: Callable[[Store], Screener], tmp_path: Path
) -> None:
    path = write(tmp_path, "encounters.csv", ENCOUNTERS + "E5,Ali Valiev,1990,uz,,,JFK\n")
    report = import_encounters(screened, path, screener_for(screened), actor="ivan")
    assert (report.skipped, report.imported) == (4, 1)
    with screened.session() as session:
        assert session.scalar(select(func.count()).select_from(EncounterRow)) == 5
    assert len(alerts(screened)) == 2


def test_broken_row_stores_nothing(
    screened: Store, screener_for: Callable[[Store], Screener], tmp_path: Path
) -> None:
    path = write(tmp_path, "more.csv", HEADER + "E8,Ali Valiev,1990,uz,,,JFK\nE9,Broken\n")
    with pytest.raises(InputError, match="line 3"):
        import_encounters(screened, path, screener_for(screened), actor="ivan")
    with screened.session() as session:
        assert session.scalar(select(func.count()).select_from(EncounterRow)) == 4


def test_partner_notice_finds_person_screened_before(
    screened: Store, vetter_for: Callable[..., Vetter], tmp_path: Path
) -> None:
    vetter = vetter_for(screened, actor="system")
    # Everyone was screened against the lists' current versions: nothing to re-vet.
    assert vetter.pending() == []
    load_list(screened, "csv", write(tmp_path, "n1.csv", NOTICE_V1), "notice")
    (run,) = vetter.catch_up()
    assert (run.list_name, run.from_version, run.to_version, run.entities) == ("notice", 0, 1, 2)
    new = [a for a in alerts(screened) if a.cause == "vetting"]
    assert [a.entity_id for a in new] == ["PN-1"]  # the namesake PN-2 did not alert
    assert new[0].list_version == 1 and new[0].vet_run_id == run.id
    with screened.session() as session:
        person = session.get(PersonRow, new[0].person_id)
        assert person is not None and person.caption == "Рустам Шарипович Назаров"
    assert vetter.pending() == []
    assert vetter.catch_up() == []


def test_vetting_only_rescreens_added_and_changed_entries(
    screened: Store, vetter_for: Callable[..., Vetter], tmp_path: Path
) -> None:
    vetter = vetter_for(screened)
    vetter.catch_up()
    load_list(screened, "csv", write(tmp_path, "n1.csv", NOTICE_V1), "notice")
    vetter.catch_up()
    v2 = NOTICE_V1 + "PN-3,Person,Nodira KARIMOVA,,1993-01-20,UZ,,female,crime,\n"
    load_list(screened, "csv", write(tmp_path, "n2.csv", v2), "notice")
    (run,) = vetter.catch_up()
    assert (run.from_version, run.to_version, run.entities) == (1, 2, 1)
    assert sorted(a.entity_id for a in alerts(screened) if a.cause == "vetting") == ["PN-1", "PN-3"]


def test_false_positive_suppressed_until_evidence_changes(
    screened: Store, vetter_for: Callable[..., Vetter], tmp_path: Path
) -> None:
    vetter = vetter_for(screened)
    vetter.catch_up()
    load_list(screened, "csv", write(tmp_path, "n1.csv", NOTICE_V1), "notice")
    vetter.catch_up()
    (alert,) = [a for a in alerts(screened) if a.entity_id == "PN-1"]
    repo = AlertRepository(screened)
    repo.decide(alert.id, Action.FALSE_POSITIVE, reason="different father's name", user="ana")
    # Same evidence again (a manual re-run of that version): not raised again.
    vetter.vet("notice", since=0)
    assert [a.id for a in alerts(screened) if a.entity_id == "PN-1"] == [alert.id]
    # The list entry changes (a passport is added): raised again, linked to the decision.
    v2 = NOTICE_V1.replace(",TJ,,male", ",TJ,passport:400765432:TJ,male")
    load_list(screened, "csv", write(tmp_path, "n2.csv", v2), "notice")
    vetter.catch_up()
    first, second = [a for a in alerts(screened) if a.entity_id == "PN-1"]
    assert (second.previous_alert_id, second.generation, second.state) == (first.id, 2, "open")
    assert second.list_version == 2 and not first.latest and second.latest
    shown = repo.show(second.id)
    assert shown["previous_alert_id"] == first.id
    assert repo.show(first.id)["decisions"][0]["reason"] == "different father's name"


def test_person_record_change_reraises_false_positive(
    screened: Store,
    screener_for: Callable[[Store], Screener],
    tmp_path: Path,
) -> None:
    header = "encounter_id,person_id,name,birth_date,nationality,occurred_at\n"
    first = header + "F1,A-77,Hafiz Saeed,1950,pk,2024-03-03\n"
    import_encounters(screened, write(tmp_path, "a.csv", first), screener_for(screened), actor="i")
    (alert,) = [a for a in alerts(screened) if a.person_id != 1 and a.entity_id == "un-2833107"]
    AlertRepository(screened).decide(alert.id, Action.FALSE_POSITIVE, reason="namesake", user="a")
    # The same person (same agency number) again, same record: nothing new.
    again = header + "F2,A-77,Hafiz Saeed,1950,pk,2024-04-03\n"
    import_encounters(screened, write(tmp_path, "b.csv", again), screener_for(screened), actor="i")
    mine = [a for a in alerts(screened) if a.person_id == alert.person_id]
    assert [a.entity_id for a in mine if a.entity_id == "un-2833107"] == ["un-2833107"]
    # Now with a full birth date: the person's record changed, the alert comes back, linked.
    more = header + "F3,A-77,Hafiz Muhammad Saeed,1950-06-05,pk,2024-05-03\n"
    import_encounters(screened, write(tmp_path, "c.csv", more), screener_for(screened), actor="i")
    un = [
        a
        for a in alerts(screened)
        if a.person_id == alert.person_id and a.entity_id == "un-2833107"
    ]
    assert [(a.state, a.previous_alert_id) for a in un] == [
        ("false_positive", None),
        ("open", alert.id),
    ]
    with screened.session() as session:
        person = session.get(PersonRow, alert.person_id)
        assert person is not None and person.encounters == 3
        assert person.properties["birthDate"] == ["1950", "1950-06-05"]


def test_removed_entry_withdraws_open_alerts(
    screened: Store, vetter_for: Callable[..., Vetter], tmp_path: Path
) -> None:
    vetter = vetter_for(screened)
    vetter.catch_up()
    load_list(screened, "csv", write(tmp_path, "n1.csv", NOTICE_V1), "notice")
    vetter.catch_up()
    without = NOTICE_HEADER + NOTICE_V1.splitlines(keepends=True)[2]
    load_list(screened, "csv", write(tmp_path, "n2.csv", without), "notice")
    (run,) = vetter.catch_up()
    assert run.alerts_closed == 1
    (alert,) = [a for a in alerts(screened) if a.entity_id == "PN-1"]
    assert alert.state == "withdrawn"
    decision = AlertRepository(screened).show(alert.id)["decisions"][-1]
    assert (
        decision["action"] == "withdraw"
        and "removed from list notice in version 2" in (decision["reason"])
    )


def test_vet_since_on_demand_and_bad_version(
    screened: Store, vetter_for: Callable[..., Vetter], tmp_path: Path
) -> None:
    vetter = vetter_for(screened)
    load_list(screened, "csv", write(tmp_path, "n1.csv", NOTICE_V1), "notice")
    run = vetter.vet("notice", since=0)
    assert run.alerts_raised == 1 and run.trigger == "manual"
    with pytest.raises(InputError, match=r"--since must be in 0\.\.1"):
        vetter.vet("notice", since=5)
    with pytest.raises(NotFoundError):
        vetter.vet("nope", since=0)


def test_decisions_and_errors(screened: Store) -> None:
    alert = alerts(screened)[0]
    repo = AlertRepository(screened)
    proposed = repo.decide(alert.id, Action.MATCH, reason="photo and DOB", user="ana")
    assert (proposed["state"], proposed["proposed_by"], proposed["version"]) == (
        "escalated",
        "ana",
        2,
    )
    with pytest.raises(ConflictError, match="four-eyes"):
        repo.decide(alert.id, Action.MATCH, reason="sure", user="ana")
    with pytest.raises(ConflictError, match="version 2, not 1"):
        repo.decide(alert.id, Action.MATCH, reason="ok", user="ben", expected_version=1)
    done = repo.decide(alert.id, Action.MATCH, reason="agree", user="ben", expected_version=2)
    assert done["state"] == "confirmed"
    assert [d["action"] for d in done["decisions"]] == ["propose-match", "approve-match"]
    with pytest.raises(ConflictError, match="closed"):
        repo.decide(alert.id, Action.FALSE_POSITIVE, reason="oops", user="cat")
    with pytest.raises(NotFoundError):
        repo.decide(999_999, Action.ESCALATE, reason="x", user="cat")
    total, confirmed = repo.list(state="confirmed")
    assert total == 1 and confirmed[0]["id"] == alert.id
    assert repo.list(state="open")[0] == 1


def test_everything_is_audited_and_verifies(
    screened: Store, vetter_for: Callable[..., Vetter], tmp_path: Path
) -> None:
    alert = alerts(screened)[0]
    AlertRepository(screened).decide(alert.id, Action.ESCALATE, reason="check", user="ana")
    load_list(screened, "csv", write(tmp_path, "n1.csv", NOTICE_V1), "notice", actor="sup")
    vetter_for(screened, actor="system").catch_up()
    actions = [(r["action"], r["actor"]) for r in audit.export(screened)]
    assert actions[:2] == [("list.load", "watchline"), ("list.load", "watchline")]  # UN, OFAC
    assert ("encounter.screen", "ivan") in actions and ("alert.raise", "ivan") in actions
    assert ("alert.decide", "ana") in actions and ("list.load", "sup") in actions
    assert ("alert.raise", "system") in actions and ("vet.run", "system") in actions
    report = audit.verify(screened)
    assert report.ok and report.records == len(actions)
    with screened.session() as session:
        runs = session.scalar(select(func.count()).select_from(VetRunRow))
    assert runs == 1  # the notice: everyone was screened against UN and OFAC as they are


def test_person_search_finds_someone_screened_in_another_script(
    screened: Store, vetter_for: Callable[..., Vetter]
) -> None:
    from watchline.lists.queries import make_query
    from watchline.services.persons import person_details, search_persons

    folder = vetter_for(screened).files.directory
    notice = make_query(
        "n",
        values={"name": ["Rustam Sharipovich NAZAROV"], "birthDate": ["1988"]},
        location="test",
    )
    best, *_ = search_persons(screened, notice, index_dir=folder)
    assert best.caption == "Рустам Шарипович Назаров" and best.result.match
    wrong_year = make_query(
        "n", values={"name": ["Rustam Nazarov"], "birthDate": ["1961-01-01"]}, location="test"
    )
    assert not any(m.result.match for m in search_persons(screened, wrong_year, index_dir=folder))
    details = person_details(screened, best.person_id)
    assert [e["external_ref"] for e in details["encounters"]] == ["E2"]
    with pytest.raises(NotFoundError):
        person_details(screened, 10_000)
