#!/usr/bin/env bash
# The test command: installs what it needs, lints, type-checks the core, runs the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh dev,bench
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/pytest -q -n 2 "$@"
