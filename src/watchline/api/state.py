"""What the API process holds: the store, one screener, the rate limiter.

Screening is CPU-bound Python; a lock keeps the screener's caches consistent across the
threadpool, and `watchline serve --workers N` gives one process (and one lock) per core.
The list index is re-checked against the store at most every few seconds, so a list
loaded through another process is picked up without a restart.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from watchline.services.screening import Screener, relax_collector
from watchline.settings import Settings
from watchline.store.db import Store
from watchline.store.index_files import default_index_dir

REFRESH_SECONDS = 5.0


class RateLimiter:
    """A token bucket per API key: `per_minute` requests, bursts up to that many."""

    def __init__(self, per_minute: int) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self._buckets: dict[str, tuple[float, float]] = defaultdict(
            lambda: (self.capacity, time.monotonic())
        )
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        if self.capacity <= 0:
            return True
        with self._lock:
            tokens, last = self._buckets[key]
            now = time.monotonic()
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (tokens - 1.0, now)
            return True


@dataclass
class ApiState:
    settings: Settings
    store: Store
    index_dir: Path
    limiter: RateLimiter
    lock: threading.Lock = field(default_factory=threading.Lock)
    _screener: Screener | None = None
    _checked: float = 0.0

    @classmethod
    def create(cls, settings: Settings, store: Store, *, rate_per_minute: int) -> ApiState:
        return cls(
            settings=settings,
            store=store,
            index_dir=default_index_dir(store, settings.home),
            limiter=RateLimiter(rate_per_minute),
        )

    def screener(self) -> Screener:
        """The shared screener, its index current with the store (call under `lock`)."""
        now = time.monotonic()
        if self._screener is None:
            relax_collector()
            self._screener = Screener(self.store, index_dir=self.index_dir)
            self._checked = now
        elif now - self._checked > REFRESH_SECONDS:
            self._screener.finder.refresh()
            self._checked = now
        return self._screener
