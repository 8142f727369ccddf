"""Run every benchmark and write tests/benchmarks/results/latest.json.

    python -m tests.benchmarks.run            # all
    python -m tests.benchmarks.run booking    # one
"""

from __future__ import annotations

import importlib
import json
import sys

BENCHMARKS = ("booking", "overview", "startup", "decoders", "scan_latency", "file_check",
              "consumption", "dashboard", "orderlist", "audit", "zoning", "hard_decoding")


def main(names: list[str]) -> None:
    for name in names or BENCHMARKS:
        module = importlib.import_module(f"tests.benchmarks.bench_{name}")
        print(f"== {name}", flush=True)
        print(json.dumps(module.main(), indent=2), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
