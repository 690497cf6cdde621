"""Settings are built once at the edge (CLI, API) and passed in; nothing reads env deep inside."""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    home: Path
    store_url: str
    #: Who the audit log names for this process's changes: $WATCHLINE_USER or the OS user.
    user: str = "watchline"

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, store_url: str | None = None
    ) -> Settings:
        """`WATCHLINE_HOME` (default ~/.watchline) holds the embedded SQLite store;
        `WATCHLINE_STORE` or an explicit `store_url` (a SQLAlchemy URL) points elsewhere."""
        env = os.environ if env is None else env
        home = Path(env.get("WATCHLINE_HOME") or Path.home() / ".watchline").expanduser()
        url = store_url or env.get("WATCHLINE_STORE") or f"sqlite:///{home / 'watchline.db'}"
        return cls(home=home, store_url=url, user=env.get("WATCHLINE_USER") or _os_user())


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "watchline"
