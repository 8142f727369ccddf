#!/usr/bin/env bash
# Set up and run the whole test suite: ruff, the import-linter contracts, mypy, and pytest (unit,
# integration on SQLite and a throwaway PostgreSQL, UI offscreen). The README's second command;
# .ci/run runs it on a fresh machine. Extra arguments go to pytest (e.g. -k stock, -x; -n 0 runs
# everything in this one process).
# pytest runs on one process per core (pytest-xdist; CARMA_TEST_WORKERS=2 to choose), each with its
# own throwaway PostgreSQL and migrated templates; --dist loadgroup keeps the tests of one
# xdist_group on one worker (tests/conftest.py says which and why).
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
echo "== mypy (strict on the domain and the services, the whole tree clean)"
.venv/bin/mypy carma_logistiek ui || failed+=("mypy")
echo "== pytest"
.venv/bin/python -m pytest -n "${CARMA_TEST_WORKERS:-auto}" --dist loadgroup "$@" || failed+=("pytest")

if [ "${#failed[@]}" -gt 0 ]; then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "All checks passed."
