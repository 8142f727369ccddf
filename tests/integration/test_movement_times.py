"""The movement list reads newest first by when it happened (then booking order), and the
demo dates nothing after the moment it is made."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import update

from carma_logistiek.clock import ZONE_TZ, to_local
from carma_logistiek.db.models import StockMovement
from carma_logistiek.demo.stock import History
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.services import stock as st
from carma_logistiek.services.stock.overview import movement_history
from tests.support.actors import TESTER


def test_newest_first_by_time_then_by_booking(db, zone) -> None:  # type: ignore[no-untyped-def]
    for quantity in (1, 2, 3):
        st.record_delivery(
            db,
            product_code=zone.gloves,
            location_code=zone.storeroom,
            quantity=quantity,
            actor=TESTER,
        )
    rows = movement_history(db, product_code=zone.gloves)
    assert [r.quantity for r in rows][:3] == [3, 2, 1]  # same second: booking order
    first = rows[2].id
    with db.write() as session:  # the first one happened later (a clock set right, a demo)
        session.execute(
            update(StockMovement)
            .where(StockMovement.id == first)
            .values(occurred_at=datetime.now(UTC) + timedelta(hours=1))
        )
    assert movement_history(db, product_code=zone.gloves)[0].id == first


def test_the_demo_dates_nothing_later_than_now() -> None:
    history = History(None, TESTER)  # type: ignore[arg-type]  # no database needed to add
    now = history.now
    tonight = datetime.combine(to_local(now).date(), time(23, 59), ZONE_TZ).astimezone(UTC)
    yesterday = now - timedelta(days=1)
    pair = type("Pair", (), {"product_id": 1, "location_id": 1})()
    history.add(tonight, MovementKind.PICKUP, pair, 1, -1, "demo")  # type: ignore[arg-type]
    history.add(yesterday, MovementKind.PICKUP, pair, 1, -1, "demo")  # type: ignore[arg-type]
    assert history.events[0][0] <= now
    assert history.events[1][0] == yesterday
