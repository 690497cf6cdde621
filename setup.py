"""Compile the pure core's hot modules with mypyc (`watchline.native.MODULES`): the same
typed Python run as C, about a fifth less CPU a screened query at 1M
(docs/benchmarks.md). Results are identical either way (tests/test_native.py).

mypyc compiles by the types mypy infers, so it needs the modules' dependencies
(numpy, rapidfuzz) installed beside it: scripts/bootstrap.sh installs them first and
builds with `--no-build-isolation`. Without them (pip's isolated build) or with
WATCHLINE_PURE=1 this installs the pure-Python package, which runs the same code."""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path
from typing import Any

from setuptools import setup

HERE = Path(__file__).parent


def native_extensions() -> list[Any]:
    if os.environ.get("WATCHLINE_PURE", "") == "1":
        return []
    try:
        import numpy  # noqa: F401  (the compiled modules' types)
        import rapidfuzz  # noqa: F401
        from mypyc.build import mypycify
    except ImportError as missing:
        print(f"watchline: building pure Python ({missing.name} not installed)", file=sys.stderr)
        return []
    modules = runpy.run_path(str(HERE / "src" / "watchline" / "native.py"))["MODULES"]
    return mypycify(["src/" + m.replace(".", "/") + ".py" for m in modules], opt_level="3")


setup(ext_modules=native_extensions())
