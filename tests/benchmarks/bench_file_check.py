"""What the "is the database file still the one we opened?" check costs a booking: one pickup
through the service layer with the check (as the app runs) and without it (the handle's file
identity switched off), alternating in rounds on the same copy, plus the check alone.

The check is one ``os.stat`` of the SQLite file before each write transaction
(carma_logistiek/db/uow.py, ``FileIdentity``); the data set's size does not matter to it, so
the small demo (scale 1) is used."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
from datetime import date
from pathlib import Path

from carma_logistiek.db.uow import Database, FileIdentity
from carma_logistiek.domain.access import Actor
from carma_logistiek.services.stock import record_delivery, record_pickup
from tests.benchmarks.common import ensure_dataset, summary, timed, write_results

BENCH = Actor.with_every_role("bench")
ROUNDS = 5
REPEAT = 400
DATASET = Path("/tmp/carma-bench/scale1.sqlite")


def main() -> dict:
    url = ensure_dataset(DATASET, scale=1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "booking.sqlite"
        with (
            sqlite3.connect(url.removeprefix("sqlite:///")) as source,
            sqlite3.connect(path) as copy,
        ):
            source.backup(copy)
        db = Database(f"sqlite:///{path}")
        record_delivery(
            db,
            product_code="EHBO-COOL",
            location_code="GNK-MAG",
            quantity=ROUNDS * REPEAT * 3,
            lot_number="BENCH",
            expiry=date(2099, 12, 31),
            actor=BENCH,
        )
        identity = db._file
        assert identity is not None

        def pickup() -> None:
            record_pickup(
                db,
                product_code="EHBO-COOL",
                location_code="GNK-MAG",
                quantity=1,
                actor=BENCH,
                lot_number="BENCH",
            )

        timed(pickup, 50)  # warm-up
        checked: list[float] = []
        unchecked: list[float] = []
        for _round in range(ROUNDS):
            db._file = identity
            checked += timed(pickup, REPEAT)
            db._file = None
            unchecked += timed(pickup, REPEAT)
        db._file = identity
        check_alone = summary(timed(identity.require_same, 20_000))
        db.dispose()
    with_check, without = summary(checked), summary(unchecked)
    figures = {
        "dataset": url,
        "pickup_with_file_check": with_check,
        "pickup_without_file_check": without,
        "file_check_alone": check_alone,
        "median_difference_ms": round(with_check["median_ms"] - without["median_ms"], 4),
        "fastest_difference_ms": round(with_check["min_ms"] - without["min_ms"], 4),
        "check_share_of_median_pickup": round(
            check_alone["median_ms"] / statistics.median(unchecked), 5
        ),
        "check": f"os.stat per write ({FileIdentity.__name__})",
    }
    write_results("file_check", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
