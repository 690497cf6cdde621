"""Networks, designation, cases and reports from the command line, with clear errors."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.cli.test_cli import Home, run
from tests.conftest import FIXTURES, Databases


@pytest.fixture(scope="module")
def office(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Home]:
    path = tmp_path_factory.mktemp("subjects-home")
    made = Home(path, databases.create(path, name="watchline.db"))
    yield made
    databases.drop(made.store)


def test_network_to_report(office: Home) -> None:
    net = str(FIXTURES / "network.csv")
    imported = json.loads(
        run(
            office, "networks", "import", net, "--name", "karvon", "--format", "csv", "--json"
        ).stdout
    )
    assert imported["counts"]["Person"] == 7 and imported["designations"] == []
    designated = json.loads(
        run(
            office, "designate", "--network", "karvon", "--from", "f1", "--hops", "1", "--json"
        ).stdout
    )
    assert designated["designated"] == 3  # f1 and the two people f1 moved
    listed = json.loads(run(office, "cases", "list", "--json").stdout)
    assert listed["total"] == 3
    case = next(c for c in listed["cases"] if c["name"] == "Иван Петров")
    updated = run(
        office,
        "cases",
        "update",
        str(case["id"]),
        "--status",
        "apprehended",
        "--location",
        "Houston, TX",
        "--note",
        "arrested",
        "--by",
        "officer",
        "--json",
    )
    data = json.loads(updated.stdout)
    assert (data["status"], data["state"], data["history"][-1]["by"]) == (
        "apprehended",
        "TX",
        "officer",
    )
    bad = run(office, "cases", "update", str(case["id"]), "--status", "located", check=False)
    assert bad.returncode == 2 and "cannot go from apprehended to located" in bad.stderr
    state = run(office, "cases", "update", str(case["id"]), "--location", "Austin, XT", check=False)
    assert state.returncode == 2 and "unknown US state or country code 'XT'" in state.stderr
    texas = json.loads(run(office, "cases", "list", "--state", "TX", "--json").stdout)
    assert [c["name"] for c in texas["cases"]] == ["Иван Петров"]
    briefing = run(office, "report").stdout
    assert "3 designated; 1 apprehended (at any time); 2 whereabouts unknown" in briefing
    page = office.path / "report.html"
    run(office, "report", "--format", "html", "-o", str(page))
    assert page.read_text(encoding="utf-8").count("<svg") == 3
    wrong = run(office, "designate", "--network", "karvon", "--from", "ghost", check=False)
    assert wrong.returncode == 2 and "no entity 'ghost'" in wrong.stderr
