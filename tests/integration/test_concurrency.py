"""Several processes book against the same stock at once, on SQLite (one file, WAL) and on
PostgreSQL. Afterwards no level is negative, every level agrees with the ledger, and the totals
add up exactly: no update was lost and nothing was handed out twice."""

from __future__ import annotations

import multiprocessing
import os
import queue
from collections import Counter
from datetime import date
from typing import Any

import concurrency_worker as worker_module
import pytest
from sqlalchemy import text

from carma_logistiek.services import stock as st
from carma_logistiek.services.stock.overview import stock_overview, verify_stock_levels
from tests.support.actors import person

PROCESSES = 4
TIMEOUT_S = 120


def run_workers(url: str, operations: int, mix: str) -> list[dict[str, Any]]:
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    processes = [
        ctx.Process(target=worker_module.run, args=(url, n, operations, mix, start, results))
        for n in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    reports: list[dict[str, Any]] = []
    try:
        for _ in processes:
            reports.append(results.get(timeout=TIMEOUT_S))
    except queue.Empty:
        pytest.fail(f"only {len(reports)} of {PROCESSES} workers reported within {TIMEOUT_S}s")
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    assert all(process.exitcode == 0 for process in processes)
    errors = [error for report in reports for error in report["errors"]]
    assert not errors, "unexpected failures in workers:\n" + "\n".join(errors[:3])
    return reports


def levels(db) -> dict[tuple[str, str], int]:  # type: ignore[no-untyped-def]
    return {(row.product_code, row.location_code): row.quantity for row in stock_overview(db)}


def assert_no_negative_levels(db) -> None:  # type: ignore[no-untyped-def]
    with db.read() as session:
        lowest = session.execute(text("SELECT MIN(quantity) FROM stock_levels")).scalar_one()
    assert lowest is None or lowest >= 0


@pytest.fixture
def shared(db, zone):  # type: ignore[no-untyped-def]
    """Some opening stock, so the first pickups do not all bounce."""
    for location in (zone.storeroom, zone.cabinet):
        st.record_delivery(
            db, product_code=zone.gloves, location_code=location, quantity=5, actor=person("opening")
        )
    # two lots, so FEFO pickups and transfers span several level rows in one transaction
    for lot, expiry in (("L1", date(2030, 1, 1)), ("L2", date(2031, 1, 1))):
        st.record_delivery(
            db,
            product_code=zone.drug_test,
            location_code=zone.storeroom,
            quantity=4,
            lot_number=lot,
            expiry=expiry,
            actor=person("opening"),
        )
    return db


@pytest.mark.slow
def test_mixed_bookings_from_several_processes(shared) -> None:  # type: ignore[no-untyped-def]
    db = shared
    opening = Counter(levels(db))
    reports = run_workers(
        db.url, operations=int(os.environ.get("CARMA_CONCURRENCY_OPS", "60")), mix="mixed"
    )

    assert_no_negative_levels(db)
    assert verify_stock_levels(db) == []
    attempted = sum(r["attempted"] for r in reports)
    assert sum(r["succeeded"] + r["refused"] for r in reports) == attempted
    assert sum(r["succeeded"] for r in reports) > 0

    expected = Counter(opening)
    for report in reports:
        for key, qty in report["delivered"].items():
            expected[key] += qty
        for key, qty in report["taken"].items():
            expected[key] -= qty
        for (product, source, target), qty in report["moved"].items():
            expected[(product, source)] -= qty
            expected[(product, target)] += qty
    actual = levels(db)
    assert {k: v for k, v in actual.items() if v} == {k: v for k, v in expected.items() if v}
    # per product: final stock = opening + deliveries - successful pickups, exactly
    for product in worker_module.PRODUCTS:
        total = sum(q for (p, _), q in actual.items() if p == product)
        delivered = sum(q for r in reports for (p, _), q in r["delivered"].items() if p == product)
        taken = sum(q for r in reports for (p, _), q in r["taken"].items() if p == product)
        opened = sum(q for (p, _), q in opening.items() if p == product)
        assert total == opened + delivered - taken, product
    with db.read() as session:  # every key booked once
        keys = session.execute(
            text("SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM bookings")
        ).one()
    assert keys[0] == keys[1]


@pytest.mark.slow
def test_last_boxes_are_handed_out_exactly_once(db, zone) -> None:  # type: ignore[no-untyped-def]
    """Everybody takes one box at a time from the same shelf: exactly the stock succeeds."""
    st.record_delivery(
        db, product_code=zone.gloves, location_code=zone.storeroom, quantity=30, actor=person("opening")
    )
    reports = run_workers(db.url, operations=20, mix="pickups")
    succeeded = sum(r["succeeded"] for r in reports)
    refused = sum(r["refused"] for r in reports)
    assert succeeded + refused == PROCESSES * 20
    assert succeeded == 30 and refused == PROCESSES * 20 - 30
    assert levels(db)[(zone.gloves, zone.storeroom)] == 0
    assert_no_negative_levels(db)
    assert verify_stock_levels(db) == []


def test_write_conflicts_are_recognised() -> None:
    import psycopg
    from sqlalchemy.exc import OperationalError

    from carma_logistiek.db.uow import is_write_conflict
    from carma_logistiek.domain.errors import DatabaseUnavailable

    deadlock = OperationalError("UPDATE ...", {}, psycopg.errors.DeadlockDetected("deadlock"))
    serialization = OperationalError("UPDATE", {}, psycopg.errors.SerializationFailure("x"))
    import sqlite3

    locked = OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked"))
    assert is_write_conflict(deadlock) and is_write_conflict(serialization)
    assert not is_write_conflict(locked)
    wrapped = DatabaseUnavailable(detail="deadlock detected")
    wrapped.__cause__ = deadlock
    assert is_write_conflict(wrapped)
    assert not is_write_conflict(None)


def test_a_booking_that_lost_a_deadlock_is_run_again(db, zone, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import psycopg
    from sqlalchemy.exc import OperationalError

    from carma_logistiek.domain.errors import DatabaseUnavailable

    # The retry lives in the one command path every write takes (services/command.py).
    real = st.record_delivery._run_once
    calls = []

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            error = DatabaseUnavailable(detail="deadlock detected")
            raise error from OperationalError("UPDATE", {}, psycopg.errors.DeadlockDetected("x"))
        return real(*args, **kwargs)

    monkeypatch.setattr(st.record_delivery, "_run_once", flaky)
    result = st.record_delivery(
        db, product_code=zone.gloves, location_code=zone.storeroom, quantity=2, actor=person("x")
    )
    assert len(calls) == 2 and result.lines[0].level_after == 2
    assert verify_stock_levels(db) == []


@pytest.mark.slow
def test_pickups_over_many_lots_are_never_refused_while_the_stock_is_there(db, zone) -> None:  # type: ignore[no-untyped-def]
    """Four desks take one or two drug tests at a time, first-expiry-first, from twelve small
    lots. Each desk empties lots the others chose a moment ago; with the lots read unlocked,
    PostgreSQL refused pickups naming an emptied lot while 424 units were still in stock."""
    for n in range(12):
        st.record_delivery(db, product_code=zone.drug_test, location_code=zone.storeroom,
                           quantity=30, lot_number=f"F{n:02d}", expiry=date(2030, 1, 1 + n),
                           actor=person("opening"))
    reports = run_workers(db.url, operations=40, mix="fefo")  # at most 4 x 40 x 2 = 320 < 360
    taken = sum(q for r in reports for q in r["taken"].values())
    assert sum(r["refused"] for r in reports) == 0
    assert taken + levels(db)[(zone.drug_test, zone.storeroom)] == 360
    assert_no_negative_levels(db)
    assert verify_stock_levels(db) == []
