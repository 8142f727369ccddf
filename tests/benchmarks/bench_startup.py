"""Start to an interactive main window with a real database open, vs a bare PySide6 window
measured the same way (fresh process, wall clock from spawn to READY)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import ensure_dataset, summary, write_results

REPEAT = 7
PROJECT = Path(__file__).resolve().parents[2]


def _spawn(*args: str, home: str) -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CARMA_HOME": home}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "tests.benchmarks.startup_probe", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               cwd=PROJECT, env=env)
    assert process.stdout is not None
    elapsed = None
    extra = ""
    for line in process.stdout:
        if line.startswith("READY") and elapsed is None:
            elapsed = (time.perf_counter() - start) * 1000
        elif line.startswith("HEAVY"):
            extra = line.split(" ", 1)[1].strip() if " " in line else ""
    process.wait(timeout=120)
    if elapsed is None:
        raise RuntimeError(f"probe {args} never became ready")
    return elapsed, extra


def _demo_copy(folder: Path) -> str:
    path = folder / "demo.sqlite"
    subprocess.run([sys.executable, "-m", "carma_logistiek.cli", "demo", "--db",
                    f"sqlite:///{path}"], check=True, capture_output=True, cwd=PROJECT)
    return f"sqlite:///{path}"


def main() -> dict:
    big = ensure_dataset()
    with tempfile.TemporaryDirectory() as folder:
        demo = _demo_copy(Path(folder))
        _spawn("bare", home=folder)  # warm the file cache once for everybody
        bare = [_spawn("bare", home=folder)[0] for _ in range(REPEAT)]
        app_demo, heavy = zip(*[_spawn("app", demo, home=folder) for _ in range(REPEAT)],
                              strict=True)
        app_big = [_spawn("app", big, home=folder)[0] for _ in range(REPEAT)]
        with sqlite3.connect(big.removeprefix("sqlite:///")) as connection:
            rows = connection.execute("SELECT COUNT(*) FROM stock_levels").fetchone()[0]
    figures = {
        "bare_pyside6_window": summary(bare),
        "app_demo_database": summary(list(app_demo)),
        "app_benchmark_database": summary(app_big),
        "benchmark_database_level_rows": rows,
        "app_demo_over_bare_median": round(
            summary(list(app_demo))["median_ms"] / summary(bare)["median_ms"], 2),
        "app_big_over_bare_median": round(
            summary(app_big)["median_ms"] / summary(bare)["median_ms"], 2),
        "heavy_modules_loaded_at_start": heavy[0] or "none",
    }
    write_results("startup", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
