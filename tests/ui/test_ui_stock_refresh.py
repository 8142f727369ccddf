"""After a booking the stock table updates the rows it touched, in place."""

from __future__ import annotations

from carma_logistiek.services.stock import overview as stock
from ui.ops import stock as app_stock_ops


def test_a_booking_updates_its_rows_without_resetting_the_table(app, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    page = app.stock
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
    before = page.quantities()
    code, location = next(key for key, quantity in before.items() if quantity > 0)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    # A pickup booked elsewhere in the app: the write reports what it changed.
    app_stock_ops.record_pickup(
        app.context, product_code=code, location_code=location, quantity=1, lot_number=None,
        recipient=None, override_reason=None, note="", key=app_stock_ops.new_request_key(),
    ).run()
    qtbot.waitUntil(lambda: page.quantities()[(code, location)] == before[(code, location)] - 1,
                    timeout=5000)
    assert resets == []  # swapped in place: selection and scroll position stay
    assert "Afgehaald" in app.last_booking()
    assert stock.sum_ledger(db, location_code=location)[code] == before[(code, location)] - 1
