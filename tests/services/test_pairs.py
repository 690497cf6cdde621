"""score-pairs: output aligned with input, bad lines named, neutral treatments explained."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from watchline.match import get_algorithm
from watchline.services.pairs import score_pairs

PERSON_A = {
    "id": "a",
    "schema": "Person",
    "properties": {"name": ["Vladimir Plotnikov"], "birthDate": ["1961"]},
}
PERSON_B = {
    "id": "b",
    "schema": "Person",
    "properties": {"name": ["Владимир Николаевич ПЛОТНИКОВ"], "birthDate": ["1961-11-30"]},
}


def lines(*records: object) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r) for r in records]


def test_each_line_scored_in_order_with_errors_in_place() -> None:
    out = list(
        score_pairs(
            get_algorithm(),
            lines(
                {"a": PERSON_A, "b": PERSON_B},
                "",
                "{oops",
                {"a": {"id": "q", "schema": "Persn"}, "b": PERSON_B},
                {"a": PERSON_A},
            ),
        )
    )
    assert len(out) == 5
    assert out[0]["match"] is True and out[0]["score"] > 0.9
    assert out[1] == {"line": 2, "error": "empty line"}
    assert out[2]["line"] == 3 and "invalid JSON" in out[2]["error"]
    assert out[3]["line"] == 4 and "unknown FollowTheMoney schema 'Persn'" in out[3]["error"]
    assert out[4]["line"] == 5 and "'a' and 'b'" in out[4]["error"]


def test_no_name_and_bad_dates_are_neutral_and_explained() -> None:
    no_name = {"id": "q", "schema": "Person", "properties": {"birthDate": ["1965-13-45"]}}
    bad_date = {
        "id": "x",
        "schema": "Person",
        "properties": {"name": ["X Y"], "birthDate": ["circa 70s"]},
    }
    [record] = score_pairs(get_algorithm(), lines({"a": no_name, "b": bad_date}))
    assert record["score"] == 0.0 and record["match"] is False
    notes = {f["name"]: f["detail"] for f in record["explanation"]}
    assert notes["name"] == "no comparable name"
    assert (
        "a.birthDate '1965-13-45'" in notes["input"] and "b.birthDate 'circa 70s'" in notes["input"]
    )


def test_bad_date_does_not_change_score_of_a_named_pair() -> None:
    garbled = json.loads(json.dumps(PERSON_A))
    garbled["properties"]["birthDate"] = ["circa 70s"]
    no_date = json.loads(json.dumps(PERSON_A))
    del no_date["properties"]["birthDate"]
    [with_bad] = score_pairs(get_algorithm(), lines({"a": garbled, "b": PERSON_B}))
    [without] = score_pairs(get_algorithm(), lines({"a": no_date, "b": PERSON_B}))
    assert with_bad["score"] == without["score"]


def test_cli_strict_stops_at_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(lines({"a": PERSON_A, "b": PERSON_B}, "{oops")) + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "watchline", "score-pairs", str(path), "--strict"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert f"{path}, line 2" in proc.stderr and "Traceback" not in proc.stderr
    lenient = subprocess.run(
        [
            sys.executable,
            "-m",
            "watchline",
            "score-pairs",
            str(path),
            "-o",
            str(tmp_path / "o.jsonl"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert lenient.returncode == 1
    written = (tmp_path / "o.jsonl").read_text().splitlines()
    assert len(written) == 2 and json.loads(written[1])["line"] == 2
