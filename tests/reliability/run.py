"""Run every reliability experiment and write tests/reliability/results/latest.json.

    python -m tests.reliability.run                  # all (about 10 minutes on 2 cores)
    python -m tests.reliability.run kills corrupt    # some

Experiments: kills (SIGKILL at random moments), concurrency (8 x 200 FEFO pickups, SQLite and
PostgreSQL), corrupt (a damaged copy of the demo), full_disk (a small tmpfs, needs mount),
bad_inputs (the bad-input table on SQLite and PostgreSQL). docs/reliability.md reports them.
"""

from __future__ import annotations

import importlib
import json
import sys
import time

EXPERIMENTS = ("kills", "concurrency", "corrupt", "full_disk", "bad_inputs")


def main(names: list[str]) -> None:
    for name in names or EXPERIMENTS:
        if name not in EXPERIMENTS:
            raise SystemExit(f"unknown experiment {name!r}; choose from {', '.join(EXPERIMENTS)}")
        module = importlib.import_module(f"tests.reliability.rel_{name}")
        print(f"== {name}", flush=True)
        started = time.monotonic()
        figures = module.main()
        print(json.dumps(figures, indent=2, ensure_ascii=False)[:4000], flush=True)
        print(f"== {name}: {time.monotonic() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
