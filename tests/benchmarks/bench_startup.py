"""Start-up vs a bare PySide6 window measured the same way (fresh process, wall clock from
spawn): when the main window is first painted (SHOWN: the shell, target within 2x a bare
window) and when it is usable with data (READY: database open, first stock rows painted,
target within 4x)."""

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


def _compile_bytecode() -> None:
    """Compile the project's modules once, as an installed app has them: pip compiles a wheel
    at install, the bundle ships bytecode. Without this, an environment that sets
    PYTHONDONTWRITEBYTECODE (this sandbox does) would compile ~150 modules from source on every
    start, and the figures would measure the compiler instead of the start-up."""
    import compileall

    for package in ("carma_logistiek", "ui", "tests/benchmarks"):
        compileall.compile_dir(PROJECT / package, quiet=1)


def _spawn(*args: str, home: str) -> tuple[float, float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CARMA_HOME": home}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "tests.benchmarks.startup_probe", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               cwd=PROJECT, env=env)
    assert process.stdout is not None
    shown = elapsed = None
    extra = ""
    for line in process.stdout:
        if line.startswith("SHOWN") and shown is None:
            shown = (time.perf_counter() - start) * 1000
        elif line.startswith("READY") and elapsed is None:
            elapsed = (time.perf_counter() - start) * 1000
        elif line.startswith("HEAVY"):
            extra = line.split(" ", 1)[1].strip() if " " in line else ""
    process.wait(timeout=120)
    if elapsed is None or shown is None:
        raise RuntimeError(f"probe {args} never became ready")
    return shown, elapsed, extra


def _demo_copy(folder: Path) -> str:
    path = folder / "demo.sqlite"
    subprocess.run([sys.executable, "-m", "carma_logistiek.cli", "demo", "--db",
                    f"sqlite:///{path}"], check=True, capture_output=True, cwd=PROJECT)
    return f"sqlite:///{path}"


def _quick_check_ms(url: str) -> dict:
    """The start's damage check alone (PRAGMA quick_check, read-only, as bootstrap runs it):
    it reads the whole file, so it grows with the database."""
    from carma_logistiek.db.sqlite_files import quick_check_problems, read_only

    times = []
    for _ in range(REPEAT):
        with read_only(Path(url.removeprefix("sqlite:///"))) as file:
            start = time.perf_counter()
            quick_check_problems(file)
            times.append((time.perf_counter() - start) * 1000)
    return summary(times)


def main() -> dict:
    _compile_bytecode()
    big = ensure_dataset()
    with tempfile.TemporaryDirectory() as folder:
        demo = _demo_copy(Path(folder))
        _spawn("bare", home=folder)  # warm the file cache once for everybody
        _spawn("app", demo, home=folder)
        bare = [_spawn("bare", home=folder)[1] for _ in range(REPEAT)]
        shown_demo, app_demo, heavy = zip(
            *[_spawn("app", demo, home=folder) for _ in range(REPEAT)], strict=True)
        runs_big = [_spawn("app", big, home=folder) for _ in range(REPEAT)]
        shown_big = [run[0] for run in runs_big]
        app_big = [run[1] for run in runs_big]
        with sqlite3.connect(big.removeprefix("sqlite:///")) as connection:
            rows = connection.execute("SELECT COUNT(*) FROM stock_levels").fetchone()[0]
        check_demo, check_big = _quick_check_ms(demo), _quick_check_ms(big)
        sizes_mb = [round(Path(url.removeprefix("sqlite:///")).stat().st_size / 2**20, 1)
                    for url in (demo, big)]
    bare_median = summary(bare)["median_ms"]

    def ratio(values: list[float]) -> float:
        return round(summary(values)["median_ms"] / bare_median, 2)

    figures = {
        "bare_pyside6_window": summary(bare),
        "app_demo_shown": summary(list(shown_demo)),
        "app_demo_database": summary(list(app_demo)),
        "app_benchmark_shown": summary(shown_big),
        "app_benchmark_database": summary(app_big),
        "benchmark_database_level_rows": rows,
        "database_size_mb": {"demo": sizes_mb[0], "benchmark": sizes_mb[1]},
        "quick_check_demo": check_demo,
        "quick_check_benchmark": check_big,
        # On screen (the shell painted) and usable (data painted), over a bare window.
        "app_demo_shown_over_bare_median": ratio(list(shown_demo)),
        "app_demo_over_bare_median": ratio(list(app_demo)),
        "app_big_shown_over_bare_median": ratio(shown_big),
        "app_big_over_bare_median": ratio(app_big),
        "heavy_modules_loaded_at_start": heavy[0] or "none",
    }
    write_results("startup", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
