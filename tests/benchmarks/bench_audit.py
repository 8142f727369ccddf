"""What the audit trail costs a booking: one pickup (and a three-line basket) through the service
layer with its audit entry, against the same write with the audit switched off (the capture and
``record_audit`` replaced by no-ops), interleaved in rounds on one migrated SQLite file so disk
and cache drift hit both alike. Durable commits (WAL, synchronous=FULL) as in production.

The audit adds one entry and a record per touched row, in the write's own transaction: the
ratio is what that costs on top of everything else a booking does."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from carma_logistiek.db.migrate import upgrade_to_head
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor
from carma_logistiek.services import command
from carma_logistiek.services.stock import BasketLine, record_pickup, record_pickup_basket
from tests.benchmarks.common import summary, timed, write_results
from tests.support.builder import Builder

BENCH = Actor.with_every_role("bench")
ROUNDS = 6
PER_ROUND = 100


@contextlib.contextmanager
def audit_off():  # type: ignore[no-untyped-def]
    """The command path without its audit: no capture on the session, no entry written."""
    capture, record = command.audit_capture, command.record_audit
    command.audit_capture = lambda session, **_kw: contextlib.nullcontext()  # type: ignore[assignment]
    command.record_audit = lambda session, **_kw: None  # type: ignore[assignment]
    try:
        yield
    finally:
        command.audit_capture, command.record_audit = capture, record  # type: ignore[assignment]


def _interleaved(write: Callable[[], object]) -> tuple[dict[str, float], dict[str, float]]:
    timed(write, 30)  # warm-up: statement cache, connection pool
    with audit_off():
        timed(write, 30)
    on: list[float] = []
    off: list[float] = []
    for _round in range(ROUNDS):
        on += timed(write, PER_ROUND)
        with audit_off():
            off += timed(write, PER_ROUND)
    return summary(on), summary(off)


def main() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'audit.sqlite'}"
        db = Database(url)
        upgrade_to_head(url, db.engine)
        Builder(db, actor=BENCH).small_zone()
        total = 20 * ROUNDS * PER_ROUND
        builder = Builder(db, actor=BENCH)
        builder.delivery("SPT", "GNK-MAG", total, lot="BENCH", expiry=date(2099, 12, 31))
        builder.delivery("MOND", "GNK-MAG", total).delivery("PLS", "GNK-MAG", total)

        def pickup() -> None:
            record_pickup(db, product_code="MOND", location_code="GNK-MAG", quantity=1,
                          actor=BENCH)

        def basket() -> None:
            lines = [BasketLine("SPT", 1, lot_number="BENCH"), BasketLine("MOND", 1),
                     BasketLine("PLS", 1)]
            record_pickup_basket(db, location_code="GNK-MAG", lines=lines, actor=BENCH)

        pickup_on, pickup_off = _interleaved(pickup)
        basket_on, basket_off = _interleaved(basket)
        db.dispose()
    figures = {
        "pickup_with_audit": pickup_on,
        "pickup_without_audit": pickup_off,
        "pickup_audit_ratio_median": round(pickup_on["median_ms"] / pickup_off["median_ms"], 3),
        "basket_with_audit": basket_on,
        "basket_without_audit": basket_off,
        "basket_audit_ratio_median": round(basket_on["median_ms"] / basket_off["median_ms"], 3),
        "settings": "small zone, migrated SQLite file, WAL, synchronous=FULL; "
                    f"{ROUNDS} interleaved rounds of {PER_ROUND}",
    }
    write_results("audit", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
