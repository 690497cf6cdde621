"""SYNTHETIC demo data for `watchline demo`: a made-up people-smuggling network.

Nothing here describes real people: every name, date, number, organisation and event is
generated from a seed by `watchline.demo.generator` and marked as synthetic.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SYNTHETIC_NOTE", "TRANSITIONS", "DemoFiles", "generate"]


def __getattr__(name: str) -> Any:
    # Lazy, so `python -m watchline.demo.generator` does not import the module twice.
    if name in __all__:
        from watchline.demo import generator

        return getattr(generator, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
