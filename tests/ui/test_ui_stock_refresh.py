"""After a booking the stock table updates the rows it touched, in place."""

from __future__ import annotations

from carma_logistiek.services import stock
from tests.support.actors import person


def test_a_booking_updates_its_rows_without_resetting_the_table(window, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    screen = window.stock
    model = screen.table.table_model()
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
    before = {(r.product_code, r.location_code): r.quantity for r in model.rows()}
    code, location = next(key for key, quantity in before.items() if quantity > 0)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    result = stock.record_pickup(db, product_code=code, location_code=location, quantity=1,
                                 actor=person("t"))
    window.context.notify_booked(result)
    qtbot.waitUntil(lambda: {(r.product_code, r.location_code): r.quantity
                             for r in model.rows()}[(code, location)] == before[(code, location)] - 1,
                    timeout=5000)
    assert resets == []  # swapped in place: selection and scroll position stay
    assert "Afgehaald" in window.last_booking_label.text()
