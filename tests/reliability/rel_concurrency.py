"""Experiment 2: 8 processes x 200 pickups over many small lots, on SQLite and PostgreSQL.

Each process takes one or two drug tests at a time, first-expiry-first (FEFO), so a pickup
often splits over two lots and every desk empties lots the others chose a moment ago. The
workers are the test suite's (tests/integration/concurrency_worker.py), the server is the test
suite's throwaway PostgreSQL (tests/conftest.py).

* Round "enough stock": 160 lots x 21 = 3,360 units for at most 8 x 200 x 2 = 3,200 asked:
  every refusal is a wrong refusal (refused while the stock was there).
* Round "last boxes": 60 lots x 10 = 600 units for up to 3,200 asked: exactly the stock is
  handed out, no level goes negative, nothing twice.

Lost updates = opening - handed out (as the workers saw it succeed) - what is left; 0 means
every pickup a worker saw succeed is in the level and none was overwritten.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
from datetime import date
from typing import Any

from sqlalchemy import text

from tests.reliability.common import fresh_folder, postgres_server, write_results

PROCESSES = 8
OPERATIONS = 200


def _prepare(url: str, lots: int, per_lot: int) -> None:
    from carma_logistiek.db.uow import Database
    from carma_logistiek.services import stock as st
    from tests.support.actors import person
    from tests.support.builder import Builder, Zone

    db = Database(url)
    try:
        zone = Zone()
        Builder(db).carma_zone(zone)
        for n in range(lots):
            st.record_delivery(db, product_code=zone.drug_test, location_code=zone.storeroom,
                               quantity=per_lot, lot_number=f"F{n:02d}",
                               expiry=date(2030, 1 + n // 28, 1 + n % 28),
                               actor=person("opening"))
    finally:
        db.dispose()


def _workers(url: str) -> tuple[list[dict[str, Any]], float]:
    from tests.integration import concurrency_worker

    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    processes = [ctx.Process(target=concurrency_worker.run,
                             args=(url, n, OPERATIONS, "fefo", start, results))
                 for n in range(PROCESSES)]
    for process in processes:
        process.start()
    began = time.monotonic()
    reports: list[dict[str, Any]] = []
    try:
        for _ in processes:
            reports.append(results.get(timeout=600))
    except queue.Empty:
        pass
    elapsed = time.monotonic() - began
    for process in processes:
        process.join(timeout=30)
        if process.is_alive():
            process.kill()
    return reports, elapsed


def _round(url: str, lots: int, per_lot: int) -> dict[str, Any]:
    from carma_logistiek.db.uow import Database
    from carma_logistiek.services.stock.overview import verify_stock_levels

    _prepare(url, lots, per_lot)
    reports, elapsed = _workers(url)
    db = Database(url)
    try:
        with db.read() as session:
            left = session.execute(text(
                "SELECT COALESCE(SUM(quantity), 0) FROM stock_levels")).scalar_one()
            lowest = session.execute(text("SELECT MIN(quantity) FROM stock_levels")).scalar_one()
            split = session.execute(text(
                "SELECT COUNT(*) FROM (SELECT booking_id FROM stock_movements "
                "WHERE kind = 'pickup' GROUP BY booking_id HAVING COUNT(*) > 1) AS s"
            )).scalar_one()
            keys = session.execute(text(
                "SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM bookings")).one()
        mismatches = verify_stock_levels(db)
    finally:
        db.dispose()
    opening = lots * per_lot
    taken = sum(q for r in reports for q in r["taken"].values())
    refused = sum(r["refused"] for r in reports)
    return {
        "lots": lots, "units_per_lot": per_lot, "opening": opening,
        "workers_reporting": len(reports),
        "pickups_attempted": sum(r["attempted"] for r in reports),
        "pickups_succeeded": sum(r["succeeded"] for r in reports),
        "pickups_refused": refused,
        "pickups_split_over_two_lots": split,
        "units_handed_out": taken, "units_left": int(left),
        "lost_updates": opening - taken - int(left),
        "lowest_level": lowest,
        "keys_booked_twice": keys[0] - keys[1],
        "levels_differing_from_ledger": len(mismatches),
        "unexpected_errors": [e.splitlines()[-1] for r in reports for e in r["errors"]][:5],
        "seconds": round(elapsed, 1),
    }


def _both_rounds(new_database) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    enough = _round(new_database(), lots=160, per_lot=21)
    enough["wrong_refusals"] = enough["pickups_refused"]  # stock never ran out
    last = _round(new_database(), lots=60, per_lot=10)
    last["exactly_the_stock_handed_out"] = last["units_handed_out"] == last["opening"] \
        and last["units_left"] == 0
    return {"enough_stock": enough, "last_boxes": last}


def main() -> dict[str, Any]:
    from tests import conftest

    folder = fresh_folder("concurrency")
    counter = iter(range(100))

    def new_sqlite() -> str:
        url = f"sqlite:///{folder / f'carma-{next(counter)}.sqlite'}"
        conftest.migrate(url)
        return url

    figures: dict[str, Any] = {"processes": PROCESSES, "pickups_per_process": OPERATIONS,
                               "mix": "fefo: 1 or 2 units of a lot-tracked product"}
    figures["sqlite"] = _both_rounds(new_sqlite)
    with postgres_server() as server:
        if server is None:
            figures["postgresql"] = "not run: PostgreSQL server binaries not installed"
        else:
            def new_postgres() -> str:
                url = server.create_database()  # type: ignore[attr-defined]
                conftest.migrate(url)
                return url

            figures["postgresql"] = _both_rounds(new_postgres)
    write_results("concurrency", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
