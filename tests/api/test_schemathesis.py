"""Schemathesis against a real `watchline serve`: every operation of the OpenAPI spec,
with generated requests (valid and invalid), must never answer with a server error.

Run once with a supervisor's key (most operations) and once with an admin's (users and
keys); 401/403/4xx answers are fine, a 500 fails the test with schemathesis' report.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import BACKEND
from watchline.access import Role
from watchline.store import Store
from watchline.store.users import UserRepository

ST = Path(sys.executable).with_name("st")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(not ST.exists(), reason="schemathesis is a dev dependency")
@pytest.mark.skipif(BACKEND != "sqlite", reason="the API's robustness, once (SQLite run)")
def test_no_server_errors(screening_store: Store, store_home: Path, tmp_path: Path) -> None:
    users = UserRepository(screening_store)
    keys = {}
    for role in (Role.SUPERVISOR, Role.ADMIN):
        users.add(f"st-{role.value}", role)
        keys[role] = users.issue(f"st-{role.value}")
    port = free_port()
    env = os.environ | {
        "WATCHLINE_STORE": screening_store.engine.url.render_as_string(hide_password=False),
        "WATCHLINE_HOME": str(store_home),
        "WATCHLINE_RATE_LIMIT": "0",
    }
    log = tmp_path / "server.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "watchline", "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.3)
        for role, key in keys.items():
            run = subprocess.run(
                [
                    str(ST), "run", f"{base}/openapi.json",
                    "--checks", "not_a_server_error",
                    "--max-examples", "5",
                    "--header", f"Authorization: Bearer {key}",
                    "--seed", "1",
                    "--request-timeout", "120",
                    "--no-color",
                ],
                capture_output=True,
                text=True,
                timeout=600,
            )  # fmt: skip
            assert run.returncode == 0, f"{role}:\n{run.stdout[-6000:]}\n{log.read_text()[-3000:]}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:  # graceful shutdown stuck: do not leak a server
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=15)
