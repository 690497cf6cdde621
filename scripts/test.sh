#!/usr/bin/env bash
# The test command: installs what it needs, lints, type-checks the core, runs the suite on
# SQLite (the embedded default), then runs every test that uses a database (marker
# `store`) again on PostgreSQL: a throwaway server from scripts/postgres.sh, stopped and
# deleted on the way out whatever happens. Arguments go to both pytest runs.
# WATCHLINE_TEST_POSTGRES=0 skips the PostgreSQL run (a quick local check only; CI runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh dev,bench
.venv/bin/ruff check .
.venv/bin/mypy

echo "== pytest on SQLite" >&2
env -u WATCHLINE_STORE .venv/bin/pytest -q -n 2 "$@"

if [ "${WATCHLINE_TEST_POSTGRES:-1}" = "0" ]; then
  echo "== PostgreSQL run skipped (WATCHLINE_TEST_POSTGRES=0)" >&2
  exit 0
fi
pgdir=$(mktemp -d /tmp/watchline-pg.XXXXXX)
trap 'bash scripts/postgres.sh stop "$pgdir"' EXIT
url=$(bash scripts/postgres.sh start "$pgdir")
echo "== pytest -m store on PostgreSQL ($url)" >&2
status=0
WATCHLINE_STORE="$url" .venv/bin/pytest -q -n 2 -m store "$@" || status=$?
# 5: the arguments selected no store test, which is not a failure.
[ "$status" -eq 5 ] && status=0
exit "$status"
