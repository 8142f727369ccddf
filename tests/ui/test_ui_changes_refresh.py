"""Each screen refreshes itself from what a write changed, and nothing reloads what a write did
not touch: a pickup leaves the orders list alone, a scan delivery reloads it only when it was
received against an order line (once, not twice), a kit change reloads the EHBO lists only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from scan_support import label

from carma_logistiek.domain.changes import Changes
from carma_logistiek.services import orders, stock
from carma_logistiek.services.stock import overview
from tests.support.actors import TESTER
from ui.ops.changes import changes_of


def count_emissions(signal) -> list[object]:  # type: ignore[no-untyped-def]
    seen: list[object] = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def test_a_scanned_pickup_does_not_reload_the_orders_list(app, qtbot, db) -> None:
    orders_page = app.orders  # built and loaded before we count
    app.wait_idle()
    app.go("scan")
    scan = app.scan
    order_loads = count_emissions(orders_page.loaded)
    changes = count_emissions(app.context.changed)
    assert scan.scan(label("LOCATION", "GNK-MAG"))
    assert scan.scan(label("PRODUCT", "MOND"))
    scan.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Afgehaald" in app.last_booking(), timeout=3000)
    app.wait_idle()
    assert len(changes) == 1
    (announced,) = changes[0]
    assert announced.stock == {("MOND", "GNK-MAG")} and not announced.orders
    assert order_loads == []  # a pickup touches no order
    assert overview.movement_history(db, product_code="MOND")[0].quantity == -1


def test_a_scanned_delivery_reloads_orders_once_and_only_for_an_order_line(app, qtbot, db):
    order = orders.create_order(db, supplier="Draeger", location_code="GNK-MAG",
                                lines=[("MOND", 10)], actor=TESTER)
    orders_page = app.orders  # built and loaded before we count
    app.wait_idle()
    app.go("scan")
    scan = app.scan
    scan.mode("delivery")
    order_loads = count_emissions(orders_page.loaded)
    assert scan.scan(label("LOCATION", "GNK-MAG"))
    # Without an order line: stock changed, no order did.
    assert scan.scan(label("PRODUCT", "PLS"))
    qtbot.waitUntil(lambda: scan.delivery.order_line.count() == 1, timeout=3000)
    scan.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: scan.delivery.product is None, timeout=3000)
    app.wait_idle()
    assert order_loads == []
    # Against the open order line: the orders list reloads, exactly once.
    assert scan.scan(label("PRODUCT", "MOND"))
    qtbot.waitUntil(lambda: scan.delivery.order_line.count() == 2, timeout=3000)
    assert scan.delivery.order_line.currentData() == order.lines[0].id
    scan.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: scan.delivery.product is None, timeout=3000)
    app.wait_idle()
    assert len(order_loads) == 1
    assert orders.get_order(db, order.number).lines[0].quantity_received == 1


def test_a_kit_change_reloads_the_ehbo_lists_not_the_stock_or_orders(app, qtbot, db) -> None:
    from kit_support import kit_database

    kit_database(db)
    register = app.kits.register()
    orders_page = app.orders
    app.wait_idle()
    stock_loads = count_emissions(app.stock.screen.rows_loaded)
    order_loads = count_emissions(orders_page.loaded)
    kit_rows = count_emissions(register.table.table_model().modelReset)
    app.context.changed.emit(Changes(kits=frozenset({"KIT-001"})))
    qtbot.waitUntil(lambda: bool(kit_rows), timeout=3000)
    app.wait_idle()
    assert stock_loads == [] and order_loads == []


def test_what_a_result_changed_is_read_in_one_place(db) -> None:
    """The UI reads what a write changed from the result the command path returns, for a
    booking and an order alike; a result that does not say is a programming error."""
    booking = stock.record_pickup(db, product_code="SPT", location_code="GNK-MAG",
                                  quantity=2, lot_number="L-NEW", actor=TESTER)
    assert changes_of(booking) == Changes(stock=frozenset({("SPT", "GNK-MAG")}))
    order = orders.create_order(db, supplier="Lyreco", location_code="GNK-MAG",
                                lines=[("MOND", 2)], actor=TESTER)
    assert changes_of(order) == Changes(orders=frozenset({order.number}),
                                        stock=frozenset({("MOND", "GNK-MAG")}))
    with pytest.raises(TypeError):
        changes_of(3)


def test_a_write_that_declares_its_changes_is_believed(app, qtbot) -> None:
    class Result:
        changes = Changes(kit_types=frozenset({"FAK"}))

    assert changes_of(Result()) == Changes(kit_types=frozenset({"FAK"}))


def test_the_stock_screen_shows_besteld_as_soon_as_the_order_goes_out(app, qtbot, db) -> None:
    """Plasters run low in Bree; an order marked "besteld" turns the stock row to "besteld"
    without Ctrl+R."""
    stock_page = app.stock
    stock_page.filter_status("Alle statussen")
    stock_page.wait_count(3)
    row = next(i for i, r in enumerate(stock_page.model.rows()) if r.product_code == "PLS")
    assert stock_page.cell(row, "Status") == "bijna op"
    order = orders.create_order(db, supplier="Lyreco", location_code="BRE-MAG",
                                lines=[("PLS", 20)], actor=TESTER)
    app.go("orders")
    page = app.orders
    page.refresh()
    qtbot.waitUntil(lambda: page.current() is not None
                    and page.current().number == order.number, timeout=3000)
    page.mark_ordered()
    app.wait_idle()

    def status_of_plasters() -> str:
        rows = stock_page.model.rows()
        index = next(i for i, r in enumerate(rows) if r.product_code == "PLS")
        return stock_page.cell(index, "Status")

    qtbot.waitUntil(lambda: status_of_plasters() == "besteld", timeout=3000)
