"""The `watchline` command end to end, as a user runs it (in a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import BACKEND, DELTA_DIR, UN_XML, Databases

WATCHLINE = [sys.executable, "-m", "watchline"]


@dataclass(frozen=True)
class Home:
    """A WATCHLINE_HOME and the store the commands use: on SQLite the default one in the
    home (so the default is what is tested), on a server a database of the test's own."""

    path: Path
    store: str


def run(home: Home, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "WATCHLINE_STORE"}
    env["WATCHLINE_HOME"] = str(home.path)
    if BACKEND != "sqlite":
        env["WATCHLINE_STORE"] = home.store
    proc = subprocess.run([*WATCHLINE, *args], capture_output=True, text=True, env=env, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}\n{proc.stdout}")
    return proc


@pytest.fixture(scope="module")
def home(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Home]:
    path = tmp_path_factory.mktemp("home")
    made = Home(path, databases.create(path, name="watchline.db"))
    run(made, "lists", "load", "--format", "un-xml", str(UN_XML), "--name", "un")
    yield made
    databases.drop(made.store)


def test_load_json_and_show(home: Home) -> None:
    out = run(home, "lists", "show", "--json").stdout
    data = json.loads(out)
    assert [d["name"] for d in data] == ["un"]
    assert data[0]["counts"] == {"Person": 730, "Organization": 273}
    assert data[0]["version"] == 1
    if BACKEND == "sqlite":
        assert (home.path / "watchline.db").exists()  # the default store


def test_store_option_points_elsewhere(home: Home, store_url: str) -> None:
    out = run(home, "--store", store_url, "lists", "show", "--json").stdout
    assert json.loads(out) == []
    if BACKEND == "sqlite":
        assert Path(store_url.removeprefix("sqlite:///")).exists()


def test_screen_one_person_json(home: Home) -> None:
    out = run(
        home,
        "screen",
        "--name",
        "Eric Badege",
        "--birth-date",
        "1971",
        "--nationality",
        "Democratic Republic of the Congo",
        "--json",
    ).stdout
    data = json.loads(out)
    top = data["matches"][0]
    assert top["entity_id"] == "un-6907993" and top["list"] == "un" and top["match"] is True
    assert {f["name"] for f in top["explanation"]} >= {"name", "birth_date", "country"}
    assert data["query"]["properties"]["nationality"] == ["cd"]


def test_screen_file(home: Home, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "id,full_name,date_of_birth,nationality\n"
        "p1,ERIC BADEGE,1971,cd\n"
        "p2,Jane Q. Nobody,1990-01-01,gb\n",
        encoding="utf-8",
    )
    results = tmp_path / "out.jsonl"
    summary = run(home, "screen", "--input", str(people), "--output", str(results), "--json").stdout
    assert json.loads(summary)["screened"] == 2
    lines = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]
    assert [r["query_id"] for r in lines] == ["p1", "p2"]
    assert lines[0]["matches"][0]["entity_id"] == "un-6907993"
    assert set(lines[0]["matches"][0]) >= {"entity_id", "list", "score", "match", "explanation"}
    assert not any(m["match"] for m in lines[1]["matches"])


def test_bad_input_is_one_line_error(home: Home, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,full_name,date_of_birth\np1,Someone,1965-13-45\n", encoding="utf-8")
    proc = run(home, "screen", "--input", str(bad), "--output", str(tmp_path / "o"), check=False)
    assert proc.returncode == 2
    assert "line 2" in proc.stderr and "1965-13-45" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_error_as_json(home: Home) -> None:
    proc = run(home, "lists", "show", "nope", "--json", check=False)
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"] == "NotFoundError"


def test_update_then_older_delta_refused(tmp_path: Path, store_url: str) -> None:
    home = Home(tmp_path, store_url)
    run(
        home,
        "lists",
        "load",
        "--format",
        "ftm",
        str(DELTA_DIR / "base-t1.entities.ftm.json"),
        "--name",
        "os",
    )
    out = json.loads(run(home, "lists", "update", "os", str(DELTA_DIR), "--json").stdout)
    assert len(out) == 5
    older = DELTA_DIR / "20240527194702-wnk" / "entities.delta.json"
    proc = run(home, "lists", "update", "os", str(older), check=False)
    assert proc.returncode == 2 and "older" in proc.stderr


def test_screen_file_lenient_skips_bad_date_with_warning(home: Home, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,full_name,date_of_birth\np1,ERIC BADEGE,1971-13-45\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    proc = run(home, "screen", "--input", str(bad), "--output", str(out), "--lenient", "--json")
    summary = json.loads(proc.stdout)
    assert summary["screened"] == 1
    assert summary["warnings"] == [f"{bad}, line 2: ignored unreadable birthDate '1971-13-45'"]
    assert json.loads(out.read_text())["matches"][0]["entity_id"] == "un-6907993"


def test_screen_file_with_two_workers_matches_one(home: Home, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    rows = ["id,full_name,date_of_birth"]
    rows += [
        f"p{i},{name},1971"
        for i, name in enumerate(
            ["ERIC BADEGE", "Jane Nobody", "Саддам Хусейн", "al bin", "Abu Musab al-Zarqawi"] * 6
        )
    ]
    people.write_text("\n".join(rows) + "\n", encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(home, "screen", "--input", str(people), "--output", str(one))
    summary = json.loads(
        run(
            home, "screen", "--input", str(people), "--output", str(two), "--workers", "2", "--json"
        ).stdout
    )
    assert one.read_text() == two.read_text()
    assert summary["screened"] == 30 and summary["not_screened"] == 6
    records = [json.loads(line) for line in two.read_text().splitlines()]
    assert [r["query_id"] for r in records] == [f"p{i}" for i in range(30)]
    assert "particles" in records[3]["error"] and records[3]["matches"] == []


def test_hostile_names_are_bounded_or_refused(home: Home) -> None:
    long = run(home, "screen", "--name", "Badege " * 2000, "--json")
    assert json.loads(long.stdout)["matches"][0]["entity_id"] == "un-6907993"
    for name in ("--- ,.;", "al bin", "\x07\x1b\x7f"):
        proc = run(home, "screen", "--name", name, "--json", check=False)
        assert proc.returncode == 2, name
        assert json.loads(proc.stdout)["error"] == "InputError"
    mixed = run(home, "screen", "--name", "Eric Бадеге", "--json")
    assert json.loads(mixed.stdout)["matches"][0]["entity_id"] == "un-6907993"
