"""Bestellijst: open it from the orders screen, untick a line, type a quantity, create the
orders per supplier and find them in the orders list."""

from __future__ import annotations

from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.services import orders
from tests.support.builder import Builder
from tests.support.suppliers import add_supplier, link_supplier


def seed(db) -> None:  # type: ignore[no-untyped-def]
    """The small zone's mouthpieces and saliva tests short at Genk (Dräger), its plasters
    short at Bree (Medi-Market), and gloves short at Bree without a supplier."""
    b = Builder(db).product("HND", "Handschoenen", unit="doos")
    add_supplier(db, "DRAGER", "Draeger Safety Belux", lead_time_days=7)
    add_supplier(db, "MEDI", "Medi-Market")
    link_supplier(db, "MOND", "DRAGER", pack_size=10)
    link_supplier(db, "SPT", "DRAGER", pack_size=5)
    link_supplier(db, "PLS", "MEDI", pack_size=4)
    b.minimum("MOND", "GNK-MAG", 60).minimum("SPT", "GNK-MAG", 30).minimum("HND", "BRE-MAG", 5)


def test_the_order_list_becomes_orders_per_supplier(app, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from pages.order_list import OrderListPage

    seed(db)
    app.go("orders")
    page = OrderListPage.open(app)
    assert sorted(page.products()) == ["HND", "MOND", "PLS", "SPT"]
    assert page.products()[-1] == "HND"  # the line without a supplier comes last
    assert page.cell("PLS", "Aantal") == "8"  # 10 - 5 = 5 -> two packs of 4
    assert page.tooltip("PLS", "Aantal").startswith("Voorstel: 8.")
    assert page.cell("HND", "Leverancier") == "zonder leverancier"
    assert "Stamgegevens" in page.tooltip("HND", "Bestellen")
    assert page.tooltip("PLS", "Voorraad").startswith("onder minimum 10: 5 in voorraad")
    assert page.button_text() == "Bestellingen aanmaken (2 leveranciers)"

    page.press_space("HND")  # cannot be ticked
    assert not page.ticked("HND")
    page.press_space("SPT")
    assert not page.ticked("SPT")
    page.type_quantity("MOND", "25")
    assert page.cell("MOND", "Aantal") == "25"
    assert "Draeger Safety Belux: 1 lijn, samen 25" in page.totals()
    page.type_quantity("PLS", "0")  # refused in a sentence, the suggestion stays
    assert page.cell("PLS", "Aantal") == "8"
    assert "groter dan nul" in page.message()

    page.create()
    qtbot.waitUntil(lambda: app.dialog is None, timeout=5000)
    app.wait_idle()
    made = [order for order in orders.list_orders(db)]
    assert sorted((o.supplier, o.location_code, o.status) for o in made) == [
        ("Draeger Safety Belux", "GNK-MAG", OrderStatus.REQUESTED),
        ("Medi-Market", "BRE-MAG", OrderStatus.REQUESTED)]
    genk = next(o for o in made if o.location_code == "GNK-MAG")
    assert [(line.product_code, line.quantity_ordered)
            for line in orders.get_order(db, genk.number).lines] == [("MOND", 25)]
    screen = app.orders
    qtbot.waitUntil(lambda: screen.row_count() == 2, timeout=3000)
    message = app.window.statusBar().currentMessage()
    assert all(order.number in message for order in made)

    # Opened again: what was ordered is covered; the saliva tests and gloves are left.
    page = OrderListPage.open(app)
    assert sorted(page.products()) == ["HND", "SPT"]
    assert page.button_text() == "Bestellingen aanmaken (1 leverancier)"
