"""The parallel run keeps its promise: tests that tests/conftest.py puts in one xdist group run
on one worker, one after the other.

pytest-xdist's ``--dist loadgroup`` fails silently when it breaks (pytest 9.2 with xdist 3.8
spreads a group over every worker, pytest-xdist#1386): the suite still passes, only the tests
that must not run side by side now do. This runs a small suite on two workers and reads back
where each test ran.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("xdist")

ROOT = Path(__file__).resolve().parents[2]

CONFTEST = """
from tests.conftest import pytest_collection_modifyitems  # noqa: F401  the rules under test
"""

# Four tests of a process-heavy module and four ordinary ones: without grouping, xdist's first
# round already hands two of the four to each worker.
TESTS = """
import json, os, pathlib

def record(name):
    out = pathlib.Path(os.environ["WHERE_FILE"]).with_suffix("." + name)
    out.write_text(json.dumps([name, os.environ["PYTEST_XDIST_WORKER"]]))

def test_a(): record("{module}-a")
def test_b(): record("{module}-b")
def test_c(): record("{module}-c")
def test_d(): record("{module}-d")
"""


def run_on_two_workers(tmp_path: Path) -> dict[str, str]:
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "conftest.py").write_text(CONFTEST)
    (suite / "test_concurrency.py").write_text(TESTS.format(module="heavy"))
    (suite / "test_ordinary.py").write_text(TESTS.format(module="ordinary"))
    where = tmp_path / "where"
    command = [
        sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-p", "no:cacheprovider",
        "-o", "addopts=", "--rootdir", str(suite), "-c", "/dev/null", str(suite),
    ]
    # Not the PYTEST_* variables of this run (its worker id, its current test).
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env |= {"WHERE_FILE": str(where), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env,
                            cwd=suite)
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(json.loads(path.read_text()) for path in tmp_path.glob("where.*"))


@pytest.mark.slow
def test_a_group_runs_on_one_worker(tmp_path: Path) -> None:
    ran_on = run_on_two_workers(tmp_path)
    assert len(ran_on) == 8
    heavy = {worker for name, worker in ran_on.items() if name.startswith("heavy")}
    assert len(heavy) == 1, f"the 'processes' group was spread over {sorted(heavy)}: {ran_on}"
    # and the rest is still spread, so the run is parallel at all
    assert len(set(ran_on.values())) == 2, ran_on
