"""The network graph: links in both directions, K-hop reach with shortest paths, cycles."""

from __future__ import annotations

import pytest

from watchline.errors import InputError, NotFoundError
from watchline.lists.network_csv import read_network_csv
from watchline.model import Entity
from watchline.network import Network, describe

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def network() -> Network:
    return Network.build(read_network_csv(FIXTURES / "network.csv"))


def test_reach_by_hops(network: Network) -> None:
    assert set(network.reach("f1", 0)) == {"f1"}
    assert set(network.reach("f1", 1)) == {"f1", "org1", "p1", "p2"}
    assert set(network.reach("f1", 2)) == {"f1", "org1", "p1", "p2", "f2", "p3"}


def test_paths_are_shortest_and_described(network: Network) -> None:
    paths = network.reach("f1", 3)
    assert [s.entity_id for s in paths["p5"]] == ["f1", "org1", "f2", "p5"]
    assert describe(paths["p3"]) == (
        "Рустам Шарипович Назаров -[UnknownLink (transported)]- Нодира Каримова"
        " -[Family (sister)]- Дилноза Каримова"
    )


def test_cycle_ends(network: Network) -> None:
    # org1-f1-p2-p3-p4-p5-f2-org1 is a cycle: every node once, however many hops.
    assert len(network.reach("p4", 50)) == len(network.nodes) == 8


def test_bad_links_and_origin() -> None:
    person = Entity("Person", "a", {"name": ["A"]})
    dangling = Entity("Associate", "l1", {"person": ["a"], "associate": ["ghost"]})
    with pytest.raises(InputError, match="unknown entity 'ghost'") as info:
        Network.build([person, dangling], source="net.json")
    assert info.value.location == "net.json, entity l1, property 'associate'"
    selfie = Entity("Family", "l2", {"person": ["a"], "relative": ["a"]})
    with pytest.raises(InputError, match="links 'a' to itself"):
        Network.build([person, selfie])
    with pytest.raises(NotFoundError, match="no entity 'zz'"):
        Network.build([person]).reach("zz", 1)
