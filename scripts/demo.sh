#!/usr/bin/env bash
# Set up and launch CARMA Logistiek on its own demo database (the README's first command).
# The demo database is a separate file (see README, "Waar de gegevens staan"): demo data never
# mixes with a real database. Pass --lang en for English; other arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh --runtime
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "Geen scherm gevonden: start de app onder xvfb-run (virtueel scherm)." >&2
    exec xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/carma-logistiek --demo "$@"
fi
exec .venv/bin/carma-logistiek --demo "$@"
