"""One pickup through the service layer (one durable transaction) vs raw sqlite3 doing the
same insert + level update + commit, on a copy of the 1,000,000-movement dataset."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor
from carma_logistiek.services.stock import record_delivery, record_pickup
from tests.benchmarks.common import ensure_dataset, summary, timed, write_results

BENCH = Actor.with_every_role("bench")
REPEAT = 2000


def _copy(url: str, folder: Path) -> Path:
    target = folder / "booking.sqlite"
    with sqlite3.connect(url.removeprefix("sqlite:///")) as source, \
            sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def _raw_pickup(path: Path, lot_id: int, location_id: int, product_id: int):  # type: ignore[no-untyped-def]
    """The floor: what sqlite3 alone needs for the same rows, same durability settings."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    counter = iter(range(10**9))

    def pickup() -> None:
        now = datetime.now(UTC).replace(tzinfo=None)
        connection.execute("BEGIN IMMEDIATE")
        cursor = connection.execute(
            "INSERT INTO bookings (idempotency_key, kind, booked_at, booked_by, note) "
            "VALUES (?, 'pickup', ?, 'bench', '')", (f"raw-{next(counter)}", now))
        connection.execute(
            "UPDATE stock_levels SET quantity = quantity - 1 WHERE location_id = ? AND "
            "lot_id = ? AND quantity >= 1", (location_id, lot_id))
        connection.execute(
            "INSERT INTO stock_movements (booking_id, kind, product_id, lot_id, location_id, "
            "quantity, occurred_at, recorded_by, note) VALUES (?, 'pickup', ?, ?, ?, -1, ?, "
            "'bench', '')", (cursor.lastrowid, product_id, lot_id, location_id, now))
        connection.execute("COMMIT")

    return pickup, connection


def main() -> dict:
    url = ensure_dataset()
    with tempfile.TemporaryDirectory() as folder:
        path = _copy(url, Path(folder))
        db = Database(f"sqlite:///{path}")
        record_delivery(db, product_code="DT-SPK", location_code="GNK-MAG", quantity=10 * REPEAT,
                        lot_number="BENCH", expiry=date(2099, 12, 31), actor=BENCH)

        def service_pickup() -> None:
            record_pickup(db, product_code="DT-SPK", location_code="GNK-MAG", quantity=1,
                          actor=BENCH, lot_number="BENCH")

        timed(service_pickup, 50)  # warm-up: statement cache, connection pool
        service = summary(timed(service_pickup, REPEAT))
        with db.read() as session:
            from sqlalchemy import text

            lot_id, product_id, location_id = session.execute(text(
                "SELECT l.id, l.product_id, loc.id FROM lots l JOIN products p ON "
                "p.id = l.product_id, locations loc WHERE p.code = 'DT-SPK' AND "
                "l.lot_number = 'BENCH' AND loc.code = 'GNK-MAG'")).one()
        db.dispose()
        pickup, connection = _raw_pickup(path, lot_id, location_id, product_id)
        timed(pickup, 50)
        raw = summary(timed(pickup, REPEAT))
        connection.close()
    figures = {
        "dataset": url,
        "service_pickup": service,
        "raw_sqlite3_pickup": raw,
        "service_over_raw_median": round(service["median_ms"] / raw["median_ms"], 2),
        "settings": "WAL, synchronous=FULL, foreign_keys=ON, BEGIN IMMEDIATE",
    }
    write_results("booking", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
