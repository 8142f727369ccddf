#!/usr/bin/env bash
# Set up and run the whole test suite: ruff, the import-linter contracts, and pytest (unit,
# integration on SQLite and a throwaway PostgreSQL, UI offscreen). The README's second command;
# .ci/run runs it on a fresh machine. Extra arguments go to pytest (e.g. -k stock, -x).
# Exits non-zero when any step fails; every step runs, so one run shows every problem.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"

if [ "${CI:-}" = "true" ]; then
    # CI must test PostgreSQL for real: a missing server is an error there, not a skip.
    export CARMA_REQUIRE_POSTGRES=1
fi

failed=()
echo "== ruff check"
.venv/bin/ruff check . || failed+=("ruff")
echo "== lint-imports"
.venv/bin/lint-imports || failed+=("lint-imports")
echo "== pytest"
.venv/bin/python -m pytest "$@" || failed+=("pytest")

if [ "${#failed[@]}" -gt 0 ]; then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "All checks passed."
