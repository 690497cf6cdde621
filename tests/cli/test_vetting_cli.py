"""The vetting commands end to end, in subprocesses, as an analyst team uses them:
import encounters, review and decide alerts (four-eyes), a partner notice re-vets
everyone, the audit log verifies and exports."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.cli.test_cli import Home, run
from tests.conftest import UN_XML, Databases

ENCOUNTERS = """encounter_id,name,birth_date,nationality,occurred_at,port
E1,Hafiz Muhammad Saeed,1950-06-05,pk,2024-03-03,ORD
E2,Рустам Шарипович Назаров,1988-09-14,tj,2024-03-04,JFK
"""
NOTICE = """id,schema,name,birth_date,nationality
PN-1,Person,Rustam NAZAROV,1988-09-14,TJ
"""


@pytest.fixture(scope="module")
def team(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Home]:
    path = tmp_path_factory.mktemp("vetting-home")
    made = Home(path, databases.create(path, name="watchline.db"))
    run(made, "lists", "load", "--format", "un-xml", str(UN_XML), "--name", "un")
    (path / "encounters.csv").write_text(ENCOUNTERS, encoding="utf-8")
    (path / "notice.csv").write_text(NOTICE, encoding="utf-8")
    yield made
    databases.drop(made.store)


def js(home: Home, *args: str) -> object:
    return json.loads(run(home, *args, "--json").stdout)


def test_vetting_session(team: Home) -> None:
    report = js(team, "encounters", "import", str(team.path / "encounters.csv"))
    assert isinstance(report, dict)
    assert (report["imported"], report["alerts_raised"]) == (2, 1)
    again = js(team, "encounters", "import", str(team.path / "encounters.csv"))
    assert isinstance(again, dict) and (again["skipped"], again["imported"]) == (2, 0)

    listed = js(team, "alerts", "list", "--state", "open")
    assert isinstance(listed, dict) and listed["total"] == 1
    alert_id = str(listed["alerts"][0]["id"])
    shown = js(team, "alerts", "show", alert_id)
    assert isinstance(shown, dict) and shown["entity_id"] == "un-2833107"
    assert {f["name"] for f in shown["explanation"]} >= {"name", "birth_date"}

    decide = ("alerts", "decide", alert_id, "--as", "match")
    first = js(team, *decide, "--reason", "photo matches", "--by", "ana")
    assert isinstance(first, dict) and first["state"] == "escalated"
    same = run(team, *decide, "--reason", "sure", "--by", "ana", check=False)
    assert same.returncode == 2 and "four-eyes" in same.stderr
    second = js(team, *decide, "--reason", "agree", "--by", "ben")
    assert isinstance(second, dict) and second["state"] == "confirmed"
    closed = run(team, *decide, "--reason", "x", "--by", "cy", "--json", check=False)
    assert closed.returncode == 2 and json.loads(closed.stdout)["error"] == "ConflictError"
    unknown = run(team, "alerts", "decide", "999", "--as", "fp", "--reason", "x", check=False)
    assert unknown.returncode == 2 and "no alert 999" in unknown.stderr
    bad = run(team, "alerts", "decide", alert_id, "--as", "maybe", "--reason", "x", check=False)
    assert bad.returncode == 2 and "unknown decision 'maybe'" in bad.stderr

    # The partner notice: loading it re-vets everyone screened, and names the version.
    loaded = js(
        team, "lists", "load", "--format", "csv", str(team.path / "notice.csv"), "--name", "notice"
    )
    assert isinstance(loaded, dict)
    (vetting,) = loaded["vetting"]
    assert (vetting["list_name"], vetting["to_version"], vetting["alerts_raised"]) == (
        "notice",
        1,
        1,
    )
    found = js(team, "alerts", "list", "--list", "notice")
    assert isinstance(found, dict)
    (alert,) = found["alerts"]
    assert alert["cause"] == "vetting" and alert["person"] == "Рустам Шарипович Назаров"
    assert js(team, "vet") == []  # nothing pending
    (rerun,) = js(team, "vet", "--since", "0", "--list", "notice")  # type: ignore[misc]
    assert rerun["alerts_raised"] == 0  # already alerted: no duplicate

    verified = js(team, "audit", "verify")
    assert isinstance(verified, dict) and verified["ok"] and verified["records"] >= 10
    exported = run(team, "audit", "export").stdout.splitlines()
    actions = [json.loads(line)["action"] for line in exported]
    assert len(actions) == verified["records"]
    assert {"list.load", "encounter.screen", "alert.raise", "alert.decide", "vet.run"} <= set(
        actions
    )
    out = team.path / "audit.jsonl"
    summary = js(team, "audit", "export", "-o", str(out))
    assert isinstance(summary, dict) and summary["head"] == verified["head"]
    assert len(out.read_text(encoding="utf-8").splitlines()) == verified["records"]


def test_broken_encounter_file_names_the_line(team: Home) -> None:
    broken = team.path / "broken.csv"
    broken.write_text(ENCOUNTERS + "E3,Ali,1990,uz,2024-02-30,JFK\n", encoding="utf-8")
    proc = run(team, "encounters", "import", str(broken), check=False)
    assert proc.returncode == 2
    assert f"{broken}, line 4, field 'occurred_at'" in proc.stderr
    assert "cannot read encounter time" in proc.stderr
