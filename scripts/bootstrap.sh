#!/usr/bin/env bash
# Set up this machine for watchline: system packages, a virtualenv in .venv, the package.
# Idempotent: a second run only checks. Usage: bash scripts/bootstrap.sh [EXTRAS]
# EXTRAS: comma-separated optional dependency groups from pyproject.toml, e.g. dev,bench
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# PyICU compiles against the system ICU library; pkg-config finds it.
dpkg -s libicu-dev >/dev/null 2>&1 || need_apt+=(libicu-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "bootstrap: installing system packages: ${need_apt[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
extras=""
[ -n "${1:-}" ] && extras="[$1]"
stamp=".venv/.installed${extras}"
pip_install() {
  # The machine's pip config names a local index folder that may be absent; its warning
  # is noise. Filter it, but keep pip's exit status.
  local log; log=$(mktemp)
  if ! .venv/bin/python -m pip install -q "$@" >"$log" 2>&1; then
    grep -v '^WARNING: Location' "$log" >&2; rm -f "$log"; return 1
  fi
  grep -v '^WARNING: Location' "$log" >&2 || true; rm -f "$log"
}
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ setup.py -nt "$stamp" ]; then
  pip_install --upgrade pip
  # setuptools and mypy (mypyc) build the compiled core below, in this environment.
  pip_install "setuptools>=77" "mypy>=1.10"
  WATCHLINE_PURE=1 pip_install -e ".${extras}"
  .venv/bin/python -c "import watchline, icu, followthemoney" # fail here, not later
  touch "$stamp"
fi
# The compiled core (src/watchline/native.py): built beside the sources, rebuilt when
# one of them is newer than its build. WATCHLINE_PURE=1: none, the sources run as they are.
if [ "${WATCHLINE_PURE:-}" = "1" ]; then
  find src -name '*.so' -delete
elif ! .venv/bin/python -c "import sys, watchline.native as n; sys.exit(bool(n.stale()) or len(n.compiled()) < len(n.MODULES))" 2>/dev/null; then
  echo "bootstrap: compiling the core with mypyc (about a minute)" >&2
  find src -name '*.so' -delete  # builds of modules no longer listed go too
  WATCHLINE_PURE=0 pip_install --no-deps --no-build-isolation -e .
fi
