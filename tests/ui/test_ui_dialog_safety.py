"""Dialogs a clerk cannot trip: every dialog opens with the cursor in a field (typing a name
never presses a button), what cannot be undone is never the default button, Escape and
quitting never throw scanned work away without asking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from kit_support import kit_database
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
)
from scan_support import label

from carma_logistiek.domain.kits import LineOutcome
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.services import kits, orders
from carma_logistiek.services.stock import counting, overview
from carma_logistiek.services.stock.overview import sum_ledger
from tests.support.actors import TESTER
from ui.camera.settings_dialog import CameraSettingsDialog
from ui.camera.worker import CameraSettings
from ui.kits.dialogs import (
    AssignDialog,
    MoveKitDialog,
    NewKitDialog,
    ReplaceKitDialog,
    RetireKitDialog,
)
from ui.kits.type_dialog import KitTypeDialog
from ui.orders.dialogs import CancelOrderDialog, OrderEditDialog, ReceiveDialog
from ui.scan.link_gtin import LinkGtinDialog
from ui.stock.booking_dialogs import DIALOGS
from ui.stock.document_dialogs import LabelsDialog, StockReportDialog
from ui.widgets.prompts import confirm_box

Factory = Callable[[Any, Any], Any]  # (context, db) -> dialog


def _kit(db: Any) -> kits.KitRow:
    kit_database(db)
    return kits.kit_detail(db, "KIT-001").kit


def _order(db: Any) -> Any:
    order = orders.create_order(
        db, supplier="Draeger", location_code="GNK-MAG", lines=[("MOND", 20)], actor=TESTER
    )
    return orders.get_order(db, order.number)


def _booking(kind: str) -> Factory:
    return lambda context, db: DIALOGS[kind](context, location_code="GNK-MAG")


DIALOG_FACTORIES: dict[str, Factory] = {
    "kit new": lambda c, db: NewKitDialog(
        c, (kit_database(db), kits.list_kit_types(db))[1], ["An Peeters"]
    ),
    "kit move": lambda c, db: MoveKitDialog(c, _kit(db)),
    "kit replace": lambda c, db: ReplaceKitDialog(c, _kit(db)),
    "kit retire": lambda c, db: RetireKitDialog(c, _kit(db)),
    "kit assign": lambda c, db: AssignDialog(c, [_kit(db).code]),
    "kit type": lambda c, db: KitTypeDialog(c),
    **{f"booking {kind}": _booking(kind) for kind in DIALOGS},
    "order new": lambda c, db: OrderEditDialog(c, location_code="GNK-MAG"),
    "order edit": lambda c, db: OrderEditDialog(c, _order(db)),
    "order receive": lambda c, db: ReceiveDialog(c, _order(db)),
    "order cancel": lambda c, db: CancelOrderDialog(c, _order(db)),
    "link gtin": lambda c, db: LinkGtinDialog(c, "5412345678905"),
    "camera settings": lambda c, db: CameraSettingsDialog(CameraSettings(), c.services.sounds),
    "labels": lambda c, db: LabelsDialog(c, ["SPT"], "GNK-MAG"),
    "stock report": lambda c, db: StockReportDialog(c, "GNK-MAG"),
}


@pytest.mark.parametrize("name", sorted(DIALOG_FACTORIES))
def test_every_dialog_opens_with_the_cursor_in_a_field(window, qtbot, db, wait_idle, name) -> None:
    dialog = DIALOG_FACTORIES[name](window.context, db)
    dialog.setParent(window, dialog.windowFlags())
    window.context.open_dialog(dialog)  # as the screens open them
    qtbot.waitExposed(dialog)
    focused = dialog.focusWidget()
    assert isinstance(focused, (QLineEdit, QComboBox, QAbstractSpinBox)), (
        f"{name} opens with the focus on {type(focused).__name__}"
    )
    assert not isinstance(focused, QAbstractButton)
    # A name with a space: on a focused button the space pressed it.
    qtbot.keyClicks(focused, "Jan Peeters")
    wait_idle(window)
    assert dialog.isVisible(), f"{name} closed when a name was typed"
    assert dialog.result() == 0
    if isinstance(focused, QLineEdit) and not focused.isReadOnly():
        assert "Jan Peeters" in focused.text()
    dialog.reject()


# --- what cannot be undone is never the default -----------------------------------------
@pytest.mark.parametrize("factory", [RetireKitDialog, ReplaceKitDialog])
def test_an_irreversible_kit_dialog_is_not_confirmed_by_enter(
    window, qtbot, db, wait_idle, factory
) -> None:
    kit = _kit(db)
    dialog = factory(window.context, kit, window)
    window.context.open_dialog(dialog)
    qtbot.waitExposed(dialog)
    assert not dialog.ok_button.isDefault() and dialog.cancel_button.isDefault()
    field = dialog.focusWidget()
    qtbot.keyClicks(field, "KIT-009")  # a scanner types a code and presses Enter
    qtbot.keyClick(field, Qt.Key.Key_Return)
    wait_idle(window)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert kits.kit_detail(db, "KIT-001").kit.status.value != "buiten_gebruik"


def test_a_destructive_question_says_no_to_a_stray_enter(qtbot) -> None:
    box = confirm_box(
        None, "Telling boeken", "3 lijnen worden op 0 gezet.", "Telling boeken", destructive=True
    )
    qtbot.addWidget(box)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    box.open()
    qtbot.waitExposed(box)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.result() == QMessageBox.StandardButton.No
    # An ordinary question keeps "yes" as the default.
    plain = confirm_box(None, "Boeken", "Boeken?")
    qtbot.addWidget(plain)
    assert plain.defaultButton() is plain.button(QMessageBox.StandardButton.Yes)


# --- the scan screen: a stray Enter, Escape, quitting -----------------------------------
def count_with_two_lines_unscanned(app):  # type: ignore[no-untyped-def]
    app.go("scan")
    page = app.scan
    page.mode("count")
    panel = page.count
    assert page.scan(label("LOCATION", "GNK-MAG"))
    app.qtbot.waitUntil(lambda: panel.sheet is not None, timeout=3000)
    assert page.scan(label("LOT", "SPT", "L-NEW"))  # L-OLD and MOND stay unscanned
    return page, panel


def test_booking_a_count_that_zeroes_lines_defaults_to_no(app, qtbot, db, fakes) -> None:
    page, panel = count_with_two_lines_unscanned(app)
    fakes.prompts.answer = False  # the default button: what a stray Enter would choose
    page.press(Qt.Key.Key_Return)
    question = fakes.prompts.questions[-1]
    assert question.destructive  # "Annuleren" is the default button
    assert "2 lijnen die niet gescand werden, worden op 0 gezet" in question.text
    app.wait_idle()
    assert panel.found  # nothing booked, the count is still there
    assert counting.count_sheet(db, "GNK-MAG").last_counted_at is None
    fakes.prompts.answer = True  # the window may close at the end


def test_escape_asks_before_a_scanned_line_goes(app, qtbot, fakes) -> None:
    page, panel = count_with_two_lines_unscanned(app)
    fakes.prompts.answer = False
    page.press(Qt.Key.Key_Escape)
    assert fakes.prompts.questions[-1].destructive
    assert "Speekseltest" in fakes.prompts.questions[-1].text
    assert panel.found == {("SPT", "L-NEW"): 1}  # kept
    fakes.prompts.answer = True
    page.press(Qt.Key.Key_Escape)
    assert panel.found == {}
    asked = len(fakes.prompts.questions)
    page.press(Qt.Key.Key_Escape)  # nothing current: nothing to ask
    assert len(fakes.prompts.questions) == asked


def test_escape_in_the_pickup_basket_asks_first(app, qtbot, fakes) -> None:
    app.go("scan")
    page = app.scan
    assert page.scan(label("LOCATION", "GNK-MAG"))
    assert page.scan(label("PRODUCT", "MOND"))
    fakes.prompts.answer = False
    page.press(Qt.Key.Key_Escape)
    question = fakes.prompts.questions[-1]
    assert question.destructive
    assert "Mondstuk" in question.text and "uit de mand schrappen" in question.text  # named
    assert [code for code, _quantity in page.basket()] == ["MOND"]
    fakes.prompts.answer = True


def test_quitting_with_an_unbooked_basket_asks_keep_working(
    open_window, database_url, qtbot, fakes
) -> None:
    window = open_window(database_url)
    from pages import AppPage

    app = AppPage(window, qtbot)
    app.go("scan")
    assert app.scan.scan(label("LOCATION", "GNK-MAG"))
    assert app.scan.scan(label("PRODUCT", "MOND"))
    fakes.prompts.answer = False  # "Verder werken"
    window.close()
    assert window.isVisible()
    question = fakes.prompts.questions[-1]
    assert question.destructive and question.no == "Verder werken"
    assert "Afhaling: 1 lijn in de mand, nog niet geboekt." in question.text
    assert [code for code, _quantity in app.scan.basket()] == ["MOND"]
    fakes.prompts.answer = True  # "Weggooien en afsluiten"
    window.close()
    assert not window.isVisible()


def test_quitting_without_pending_work_asks_nothing(open_window, database_url, fakes) -> None:
    window = open_window(database_url)
    window.close()
    assert not window.isVisible() and fakes.prompts.questions == []


# --- a kit check replaces at most what the template needs -------------------------------
def test_a_kit_check_cannot_replace_more_than_the_kit_needs(app, qtbot, db, wait_idle) -> None:
    kit_database(db)
    panel = app.kits.check()
    panel.open_kit("KIT-001")
    qtbot.waitUntil(lambda: panel.sheet is not None, timeout=5000)
    checklist = panel.checklist
    row = checklist.row_of("MOND")  # the template needs 1 mouthpiece
    checklist.set_outcome(row, LineOutcome.MISSING)
    spin = checklist.replace_spin(row)
    spin.selectAll()
    qtbot.keyClicks(spin, "999")
    spin.interpretText()
    assert spin.value() == 1
    assert [line.replace for line in checklist.lines()][row] == 1
    panel.stock_location.set_code("GNK-MAG")
    before = sum_ledger(db, location_code="GNK-MAG")["MOND"]
    panel.save()
    qtbot.waitUntil(lambda: panel.saved is not None, timeout=5000)
    assert sum_ledger(db, location_code="GNK-MAG")["MOND"] == before - 1
    assert kits.kit_shortages(db) == []


# --- receiving expired goods, or more than ordered ---------------------------------------
def deliveries(db, product: str) -> list:  # type: ignore[no-untyped-def]
    return [
        m
        for m in overview.movement_history(db, product_code=product)
        if m.kind is MovementKind.DELIVERY
    ]


def test_levering_of_expired_goods_asks_first(app, qtbot, db, fakes, wait_idle) -> None:
    dialog = app.open_booking("delivery")
    before = len(deliveries(db, "SPT"))
    qtbot.keyClicks(dialog.product, "SPT")
    qtbot.keyClick(dialog.product, Qt.Key.Key_Tab)
    dialog.quantity_edit.setText("4")
    dialog.lot_edit.setText("L-2020")
    dialog.expiry.setText("01/01/2020")
    fakes.prompts.answer = False  # "Terug", the default
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)
    wait_idle(app.window)
    question = fakes.prompts.questions[-1]
    assert question.destructive and "al vervallen: vervaldatum 01/01/2020" in question.text
    assert dialog.isVisible() and len(deliveries(db, "SPT")) == before
    fakes.prompts.answer = True  # "Toch ontvangen"
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.booking is not None, timeout=3000)
    assert len(deliveries(db, "SPT")) == before + 1


def test_receiving_more_than_the_order_line_asks_with_the_numbers(
    app, qtbot, db, fakes, wait_idle
) -> None:
    order = _order(db)  # 20 mouthpieces
    orders.mark_ordered(db, order.number, actor=TESTER)
    dialog = ReceiveDialog(app.context, orders.get_order(db, order.number), app.window)
    app.context.open_dialog(dialog)
    assert dialog.quantity.text() == "20"
    dialog.quantity.setText("25")
    fakes.prompts.answer = False
    dialog.accept()
    wait_idle(app.window)
    assert "U ontvangt 25, maar de bestellijn verwacht nog 20: 5 meer dan besteld." in (
        fakes.prompts.questions[-1].text
    )
    assert fakes.prompts.questions[-1].destructive
    assert dialog.isVisible()
    assert orders.get_order(db, order.number).lines[0].quantity_received == 0
    fakes.prompts.answer = True


def test_a_scanned_box_that_expired_already_asks_first(app, qtbot, db, fakes) -> None:
    gtin = "5410000000019"  # SPT's GTIN in the test catalogue
    app.go("scan")
    page = app.scan
    page.mode("delivery")
    panel = page.delivery
    assert page.scan(label("LOCATION", "BRE-MAG"))
    assert page.scan(f"(01)0{gtin}(17)240101(10)LOT-OLD")
    assert panel.expiry_edit.text() == "01/01/2024"
    before = len(deliveries(db, "SPT"))
    fakes.prompts.answer = False
    qtbot.keyClick(panel.quantity_edit, Qt.Key.Key_Return)
    app.wait_idle()
    assert "al vervallen: vervaldatum 01/01/2024" in fakes.prompts.questions[-1].text
    assert panel.product is not None and len(deliveries(db, "SPT")) == before
    assert page.feedback() == "refused"
    fakes.prompts.answer = True
    qtbot.keyClick(panel.quantity_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.product is None, timeout=3000)
    assert len(deliveries(db, "SPT")) == before + 1


# --- Overboeking: no destination chosen for the clerk -----------------------------------
def test_transfer_starts_without_a_destination_and_refuses_without_one(app, qtbot, db) -> None:
    dialog = app.open_booking("transfer")
    assert dialog.to_location.code() == ""
    assert dialog.to_location.currentText() == "— kies de bestemming —"
    qtbot.keyClicks(dialog.product, "MOND")
    qtbot.keyClick(dialog.product, Qt.Key.Key_Tab)
    dialog.quantity_edit.setText("2")
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)
    assert dialog.form.error_text("to_location") == "Kies de locatie waar het naartoe gaat."
    assert dialog.isVisible() and dialog.focusWidget() is dialog.to_location
    app.wait_idle()
    assert overview.movement_history(db, product_code="MOND")[0].kind is MovementKind.DELIVERY


# --- Bestellingen: an unknown code is refused when typed, all errors at once ------------
def test_an_unknown_product_is_refused_when_typed_and_the_sentence_goes_when_changed(
    app, qtbot
) -> None:
    app.go("orders")
    dialog = app.orders.new_order("GNK-MAG")
    dialog.activateWindow()  # offscreen an opened dialog is not made active by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    dialog.new_product.setFocus()
    qtbot.keyClicks(dialog.new_product, "ZZZ")
    qtbot.keyClick(dialog.new_product, Qt.Key.Key_Tab)  # leaving the field
    assert "Onbekend product: 'ZZZ'" in dialog.form.error_text("product")
    assert dialog.new_product.hasFocus()  # back to the code, to correct it
    qtbot.keyClicks(dialog.new_quantity, "3")  # a change of the line: the old sentence goes
    assert dialog.form.error_text("product") == ""
    qtbot.keyClick(dialog.new_quantity, Qt.Key.Key_Return)
    assert dialog.line_inputs() == []  # never a line "?"
    assert "Onbekend product: 'ZZZ'" in dialog.form.error_text("product")
    dialog.new_product.clear()
    qtbot.keyClicks(dialog.new_product, "MOND")
    assert dialog.form.error_text("product") == ""
    qtbot.keyClick(dialog.new_quantity, Qt.Key.Key_Return)
    assert dialog.line_inputs() == [("MOND", 3)]


def test_saving_an_order_shows_every_error_at_once(app, qtbot) -> None:
    app.go("orders")
    dialog = app.orders.new_order("GNK-MAG")
    qtbot.keyClicks(dialog.new_product, "ZZZ")
    qtbot.keyClicks(dialog.new_quantity, "abc")
    dialog.accept()
    assert dialog.form.error_text("supplier") == "Vul de leverancier in."
    line_error = dialog.form.error_text("quantity")
    assert "Onbekend product: 'ZZZ'" in line_error and "(u gaf abc)" in line_error
    assert dialog.form.error_text("lines") == "Een bestelling heeft minstens één bestellijn nodig."
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.supplier, "Lyreco")
    assert dialog.form.error_text("supplier") == ""


# --- Telling: letters, and what the status bar says after counting 0 --------------------
def test_letters_in_a_count_ask_for_figures(app, qtbot) -> None:
    dialog = app.open_booking("count")
    qtbot.keyClicks(dialog.product, "MOND")
    qtbot.keyClick(dialog.product, Qt.Key.Key_Tab)
    dialog.counted.setText("abc")
    dialog.accept()
    assert dialog.form.error_text("quantity") == (
        "Typ het getelde aantal in cijfers, 0 als er niets ligt (u gaf abc)."
    )
    assert dialog.isVisible()


def test_after_counting_zero_the_status_bar_says_zero(app, qtbot, db) -> None:
    app.stock.choose_location("GNK-MAG")
    dialog = app.open_booking("count")
    assert dialog.location.code() == "GNK-MAG"
    qtbot.keyClicks(dialog.product, "MOND")  # 50 in the books at Genk
    qtbot.keyClick(dialog.product, Qt.Key.Key_Tab)
    dialog.counted.setText("0")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.booking is not None, timeout=3000)
    qtbot.waitUntil(lambda: "Geteld" in app.last_booking(), timeout=3000)
    assert app.last_booking() == ("Geteld: 0 x Mondstuk alcoholtest (verschil -50) — Magazijn Genk")
