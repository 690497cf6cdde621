"""`watchline demo` end to end at a small size: every step runs through the real services
and the store it leaves holds what the synthetic truth says it should."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import UN_XML
from watchline.demo.generator import generate
from watchline.lists.formats import get_format
from watchline.network import Network
from watchline.services.demo import ORIGIN, run_demo
from watchline.store import audit, open_store
from watchline.store.tables import AlertRow, CaseEventRow, SubjectRow


def test_small_demo(tmp_path: Path) -> None:
    truth = generate(3, 40, out_dir=tmp_path / "again", present=date.today()).truth
    said: list[str] = []
    result = run_demo(tmp_path / "demo", seed=3, people=40, un_list=UN_XML, say=said.append)
    assert len(said) == len(result.steps) == 10
    network = Network.build(get_format("ftm").reader(Path(result.files[0])))
    within = [e for e in network.reach(ORIGIN, 2) if network.nodes[e].is_a("Person")]
    assert result.report["designated"] == len(within)
    store = open_store(f"sqlite:///{tmp_path / 'demo' / 'watchline.db'}")
    try:
        with store.session() as session:
            subjects = session.scalars(select(SubjectRow)).all()
            # Everyone designated who crossed the border was linked to their border record
            # (automatically or by two analysts), and no border record to two subjects.
            assert {s.entity_id for s in subjects} == set(within)
            crossed = set(truth.encounter_subjects.values())
            assert {s.entity_id for s in subjects if s.person_id is not None} == crossed & set(
                within
            )
            linked = [s.person_id for s in subjects if s.person_id is not None]
            assert len(set(linked)) == len(linked)
            confirmed = session.scalar(
                select(func.count()).select_from(AlertRow).where(AlertRow.state == "confirmed")
            )
            events = session.scalar(select(func.count()).select_from(CaseEventRow))
        assert confirmed and events and events > len(subjects)
        assert audit.verify(store).ok
    finally:
        store.close()
    assert (tmp_path / "demo" / "report.html").read_text(encoding="utf-8").count("<svg") == 3
    assert f"{result.report['designated']} designated" in result.briefing
