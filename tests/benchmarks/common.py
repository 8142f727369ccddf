"""Shared by the benchmarks: the dataset, timing helpers, and the JSON file of figures.

Benchmarks run on demand (``python -m tests.benchmarks.run``), never in the normal test run,
and never assert on time: they report figures, and compare alternatives in the same run
(ratios), because this machine is noisy.
"""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "latest.json"
DEFAULT_DATASET = Path("/tmp/carma-bench/scale25.sqlite")


def ensure_dataset(path: Path = DEFAULT_DATASET, scale: int = 25) -> str:
    """The benchmark set: 20 stock locations x 5,000 products x ~1,000,000 movements."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "carma_logistiek.cli", "demo", "--scale",
                        str(scale), "--db", f"sqlite:///{path}"], check=True)
    return f"sqlite:///{path}"


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 3),
        "min_ms": round(ordered[0], 3),
        "n": len(ordered),
    }


def machine() -> dict[str, str]:
    return {"python": platform.python_version(), "platform": platform.platform(),
            "processor": platform.processor() or platform.machine()}


def write_results(section: str, figures: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data[section] = {"measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                     "machine": machine(), **figures}
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
