"""Shared by the reliability experiments: the real command line in a subprocess, a private
CARMA_HOME, the demo database, a throwaway PostgreSQL server and the JSON file of figures.

The experiments run on demand (``python -m tests.reliability.run``), never in the normal test
run (no file here is named ``test_*``): they take minutes, kill processes, and mount small file
systems. They repeat what an outside tester did, the way a tester does it: every booking goes
through ``carma-logistiek`` in its own process, with ``CARMA_HOME`` in a temporary folder so no
real data folder is touched.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from carma_logistiek.config import sqlite_url

REPO = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).parent / "results" / "latest.json"
WORK = Path(tempfile.gettempdir()) / "carma-reliability"
DEMO_TEMPLATE = WORK / "demo-template.sqlite"


def cli_command() -> list[str]:
    """The installed ``carma-logistiek`` next to this interpreter (what a tester types), else
    ``python -m carma_logistiek.cli``."""
    script = Path(sys.executable).with_name("carma-logistiek")
    return [str(script)] if script.exists() else [sys.executable, "-m", "carma_logistiek.cli"]


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a CLI process: its own CARMA_HOME, no CARMA_DB_URL from outside."""
    env = {k: v for k, v in os.environ.items() if k != "CARMA_DB_URL"}
    env["CARMA_HOME"] = str(home)
    env.update(extra)
    return env


@dataclass
class Outcome:
    """What one CLI process did: its exit code and everything it printed."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stdout + self.stderr

    def as_dict(self) -> dict[str, object]:
        return {"args": self.args, "exit": self.returncode, "stdout": self.stdout,
                "stderr": self.stderr}


def run_cli(args: Sequence[str], home: Path, *, timeout: float = 300,
            env: dict[str, str] | None = None) -> Outcome:
    completed = subprocess.run([*cli_command(), *args], capture_output=True, timeout=timeout,
                               env=env or cli_env(home), cwd=home)
    return Outcome(list(args), completed.returncode,
                   completed.stdout.decode("utf-8", "replace"),
                   completed.stderr.decode("utf-8", "replace"))


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (the -wal file included)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(source)) as src, \
            contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def demo_template() -> Path:
    """The demo database (``carma-logistiek demo``, ~15 s), built once and copied per
    experiment."""
    if not DEMO_TEMPLATE.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        home = Path(tempfile.mkdtemp(prefix="home-", dir=WORK))
        partial = DEMO_TEMPLATE.with_name("demo-building.sqlite")
        partial.unlink(missing_ok=True)
        outcome = run_cli(["demo", "--db", sqlite_url(partial)], home)
        if outcome.returncode != 0:
            raise RuntimeError(f"demo failed: {outcome.stderr}")
        copy_sqlite(partial, DEMO_TEMPLATE)
        partial.unlink()
    return DEMO_TEMPLATE


def fresh_folder(name: str) -> Path:
    """An empty folder under the work folder, for one experiment."""
    folder = WORK / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


# --- PostgreSQL: the test suite's own throwaway server (tests/conftest.py) -----------------


@contextlib.contextmanager
def postgres_server() -> Iterator[object | None]:
    """The throwaway server the test suite starts (same code, imported), or None when the
    PostgreSQL binaries are not installed. Yields a ``tests.conftest.PostgresServer``."""
    from tests import conftest

    bin_dir = conftest._postgres_bin_dir()
    if bin_dir is None:
        yield None
        return
    url, cleanup = conftest._start_postgres_on_a_free_port(bin_dir)
    try:
        yield conftest.PostgresServer(url, itertools.count(1))
    finally:
        cleanup()


# --- figures ---------------------------------------------------------------------------------


def machine() -> dict[str, object]:
    return {"python": platform.python_version(), "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(), "cores": os.cpu_count(),
            "sqlite": sqlite3.sqlite_version}


def code_version() -> dict[str, object]:
    """The commit measured, and the application files that differed from it (uncommitted
    work in the tree at the time of the run)."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    changed = [line[3:] for line in git("status", "--porcelain").splitlines()
               if line[3:].startswith(("carma_logistiek/", "db/", "resources/"))]
    return {"commit": git("rev-parse", "--short", "HEAD"), "uncommitted_app_files": changed}


def write_results(section: str, figures: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data[section] = {"measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                     "machine": machine(), "code": code_version(), **figures}
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_log(name: str, entries: list) -> Path:
    """What every process printed, next to the figures (results/<name>.json)."""
    path = RESULTS.with_name(f"{name}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entries, indent=1, ensure_ascii=False) + "\n")
    return path
