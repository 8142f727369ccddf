"""Storno from the window: a history row's menu (Shift+F10, right-click), a stock row's
"Laatste boeking terugdraaien…", the reverse dialog and its refusals."""

from __future__ import annotations

from pages.reversal import ReverseDialogPage, RowMenuPage
from PySide6.QtCore import Qt

from carma_logistiek.services import stock
from carma_logistiek.services.stock.overview import product_detail
from tests.support.actors import TESTER
from ui.stock.product_detail import ProductDetailDialog
from ui.stock.reverse_dialog import ReverseBookingDialog

REVERSE = "Boeking terugdraaien…"


def level(db, product: str, location: str) -> int:  # type: ignore[no-untyped-def]
    detail = product_detail(db, product, location_code=location)
    return sum(lot.quantity for lot in detail.lots if lot.location_code == location)


def open_detail(app, product: str) -> ProductDetailDialog:  # type: ignore[no-untyped-def]
    app.go("stock")
    app.context.open_product_requested.emit(product, "")
    dialog = app.wait_dialog()
    assert isinstance(dialog, ProductDetailDialog)
    app.qtbot.waitUntil(lambda: dialog.detail is not None, timeout=3000)
    return dialog


def reverse_dialog(app) -> ReverseDialogPage:  # type: ignore[no-untyped-def]
    app.qtbot.waitUntil(lambda: isinstance(app.dialog, ReverseBookingDialog), timeout=3000)
    page = ReverseDialogPage(app.qtbot, app.dialog)
    page.wait_loaded()
    return page


def history_badges(detail: ProductDetailDialog) -> dict[int, str]:
    model = detail.movements.table_model()
    column = [c.header for c in model.columns].index("Storno")
    return {row.booking_id: str(model.index(index, column).data())
            for index, row in enumerate(model.rows())}


def test_a_pickup_reversed_from_the_history_by_keyboard(app, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    pickup = stock.record_pickup(db, product_code="MOND", location_code="GNK-MAG", quantity=5,
                                 actor=TESTER)
    detail = open_detail(app, "MOND")
    table = detail.movements
    table.selectRow(0)  # the newest: the pickup
    menu = RowMenuPage(qtbot, table)

    menu.choose_by_key(REVERSE)

    assert menu.entries()[:3] == [REVERSE, "Toon boeking", "Kopieer"]
    assert "Exporteren…" in menu.entries()
    dialog = reverse_dialog(app)
    assert dialog.dialog.focusWidget() is dialog.dialog.reason  # the cursor starts there
    assert [line[0] for line in dialog.line_texts()] == ["Mondstuk alcoholtest"]
    assert "+5 stuk" in dialog.line_texts()[0] and "45 → 50" in dialog.line_texts()[0]
    dialog.press_enter()  # no reason yet: nothing happens, nothing is booked
    assert level(db, "MOND", "GNK-MAG") == 45
    dialog.type_reason("verkeerde doos gescand")
    dialog.press_enter()

    qtbot.waitUntil(lambda: level(db, "MOND", "GNK-MAG") == 50, timeout=3000)
    qtbot.waitUntil(lambda: history_badges(detail).get(pickup.booking_id) == "teruggedraaid",
                    timeout=3000)
    storno = dialog.dialog.booking
    assert history_badges(detail)[storno.booking_id] == f"storno van #{pickup.booking_id}"
    assert app.last_booking().startswith("Teruggedraaid: 5 x Mondstuk alcoholtest")

    # The reversed row's menu offers no second storno, and says why.
    rows = detail.movements.table_model().rows()
    detail.movements.selectRow(next(i for i, r in enumerate(rows)
                                    if r.booking_id == pickup.booking_id))
    menu.choose_by_key(None, Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier)
    enabled, tip = menu.entry(REVERSE)
    assert not enabled and f"storno #{storno.booking_id}" in tip


def test_the_last_booking_of_a_stock_row_reversed_by_right_click(app, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    stock.record_pickup(db, product_code="MOND", location_code="GNK-MAG", quantity=7,
                        actor=TESTER)
    app.go("stock")
    page = app.stock
    app.window.refresh()
    qtbot.waitUntil(lambda: page.quantities().get(("MOND", "GNK-MAG")) == 43, timeout=3000)
    row = page.rows().index(("MOND", "GNK-MAG"))
    menu = RowMenuPage(qtbot, page.screen.table)

    menu.choose_by_right_click(row, "Laatste boeking terugdraaien…")

    assert {"Afhaling…", "Levering…", "Overboeking…", "Telling…", "Productdetail"} <= set(
        menu.entries())
    assert page.screen.selected_row().product_code == "MOND"
    dialog = reverse_dialog(app)
    assert "Afhaling van" in dialog.dialog.summary.text()
    assert "-7 stuk" in dialog.line_texts()[0]
    dialog.type_reason("dubbel gescand")
    dialog.press_enter()
    qtbot.waitUntil(lambda: page.quantities().get(("MOND", "GNK-MAG")) == 50, timeout=3000)

    # Ctrl+Z on the row: the last booking not yet reversed is the delivery before it.
    table = page.screen.table
    table.window().activateWindow()
    qtbot.waitUntil(table.window().isActiveWindow, timeout=2000)
    table.setFocus()
    table.selectRow(page.rows().index(("MOND", "GNK-MAG")))
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(app.dialog, ReverseBookingDialog)
                    and app.dialog is not dialog.dialog, timeout=3000)
    before = ReverseDialogPage(qtbot, app.dialog)
    before.wait_loaded()
    assert "Levering van" in before.dialog.summary.text()


def test_a_refused_storno_is_a_sentence_in_the_dialog(app, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    delivery = stock.record_delivery(db, product_code="PLS", location_code="BRE-MAG",
                                     quantity=4, actor=TESTER)
    app.context.open_dialog(ReverseBookingDialog(app.context, delivery.booking_id, app.window))
    dialog = reverse_dialog(app)
    assert dialog.can_confirm() and not dialog.error()
    # Meanwhile another desk hands most of it out: the storno would go below zero.
    stock.record_pickup(db, product_code="PLS", location_code="BRE-MAG", quantity=7,
                        actor=TESTER)
    dialog.type_reason("verkeerde site")
    dialog.press_enter()
    qtbot.waitUntil(lambda: "neemt er 4 weg" in dialog.error(), timeout=3000)
    assert "er is nog 2 doos Pleisters op Magazijn Bree" in dialog.error()
    assert app.dialog is dialog.dialog  # still open, nothing booked
    assert level(db, "PLS", "BRE-MAG") == 2

    dialog.dialog.reject()
    app.context.open_dialog(ReverseBookingDialog(app.context, delivery.booking_id, app.window))
    again = reverse_dialog(app)
    assert "negatief" in again.error() and not again.can_confirm()


def test_enter_on_a_history_row_shows_every_line_of_its_booking(app, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.stock.reverse_dialog import BookingLinesDialog

    stock.record_delivery(db, product_code="MOND", location_code="BRE-MAG", quantity=4,
                          actor=TESTER)
    moved = stock.record_transfer(db, product_code="MOND", from_location="GNK-MAG",
                                  to_location="BRE-MAG", quantity=6, actor=TESTER)
    storno = stock.reverse_booking(db, booking_id=moved.booking_id, reason="verkeerde kast",
                                   actor=TESTER)
    detail = open_detail(app, "MOND")
    table = detail.movements
    rows = table.table_model().rows()
    table.setFocus()
    table.selectRow(next(i for i, r in enumerate(rows) if r.booking_id == storno.booking_id))
    qtbot.keyClick(table, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: isinstance(app.dialog, BookingLinesDialog), timeout=3000)
    shown = app.dialog.table.model().rows()
    assert sorted((r.location_code, r.quantity) for r in shown) == [("BRE-MAG", -6),
                                                                     ("GNK-MAG", 6)]
    assert app.dialog.state.text() == (
        f"Storno van boeking #{moved.booking_id}: verkeerde kast")
