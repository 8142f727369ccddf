"""Kittypes: the tab lists every kit type with its content template; a new type is entered
through the dialog with the keyboard, and its errors are shown in Dutch next to the field."""

from __future__ import annotations

from kit_support import kit_database
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from carma_logistiek.services import kits

ENTER = Qt.Key.Key_Return


def types_of(app, qtbot):  # type: ignore[no-untyped-def]
    app.go("kits")
    kits_page = app.kits
    qtbot.keyClick(kits_page.screen.tabs, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert kits_page.current_tab() is kits_page.types()
    types = kits_page.types()
    types.refresh()
    app.wait_idle()
    return types


def active(qtbot, dialog):  # type: ignore[no-untyped-def]
    """Offscreen, an opened dialog is not made the active window by itself."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


def texts(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def type_line(qtbot, dialog, product: str, quantity: str, *, critical: bool = False,  # type: ignore[no-untyped-def]
              days: str = "") -> None:
    """One template line, typed: product, Enter, quantity, (Tab to the options), Enter."""
    dialog.product.setFocus()
    qtbot.keyClicks(dialog.product, product)
    qtbot.keyClick(dialog.product, ENTER)
    assert dialog.quantity.hasFocus()
    qtbot.keyClicks(dialog.quantity, quantity)
    if days:
        assert dialog.expires.isChecked()  # the product tracks expiry
        dialog.replace_days.setFocus()
        dialog.replace_days.selectAll()
        qtbot.keyClicks(dialog.replace_days, days)
    if critical:
        qtbot.keyClick(dialog.critical, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.quantity if not days else dialog.replace_days, ENTER)


def test_the_tab_lists_the_types_with_their_items(app, qtbot, db) -> None:
    kit_database(db)
    panel = types_of(app, qtbot)
    assert texts(panel.table) == [["First Aid Kit", "FAK", "om de 12 maanden", "om de 6 maanden", "2"]]
    assert panel.selected_type().code == "FAK"
    assert texts(panel.items) == [
        ["Speekseltest (SPT)", "2 stuk", "ja", "30 dagen voor vervaldatum", "ja"],
        ["Mondstuk alcoholtest (MOND)", "1 stuk", "nee", "", "nee"]]
    assert "wordt niet gewijzigd" in panel.hint.text()


def test_a_new_type_typed_with_the_keyboard(app, qtbot, db) -> None:
    kit_database(db)
    panel = types_of(app, qtbot)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert panel.dialog is not None and panel.dialog.isVisible()
    dialog = active(qtbot, panel.dialog)
    assert (dialog.interval_building.value(), dialog.interval_vehicle.value()) == (12, 6)
    qtbot.keyClicks(dialog.code, "ehbo-auto")
    qtbot.keyClicks(dialog.name, "EHBO-kit voertuig")
    dialog.interval_building.selectAll()
    qtbot.keyClicks(dialog.interval_building, "24")
    type_line(qtbot, dialog, "PLS", "3")
    type_line(qtbot, dialog, "SPT", "1", critical=True, days="14")
    type_line(qtbot, dialog, "MOND", "5")
    assert dialog.table.rowCount() == 3
    dialog.table.setFocus()
    dialog.table.selectRow(2)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)  # the mouthpieces were a mistake
    assert [line.product_code for line in dialog.lines] == ["PLS", "SPT"]
    qtbot.keyClick(dialog.name, ENTER, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=3000)
    qtbot.waitUntil(lambda: panel.selected_type() is not None
                    and panel.selected_type().code == "EHBO-AUTO", timeout=3000)
    assert texts(panel.items) == [
        ["Pleisters (PLS)", "3 doos", "nee", "", "nee"],
        ["Speekseltest (SPT)", "1 stuk", "ja", "14 dagen voor vervaldatum", "ja"]]
    created = next(t for t in kits.list_kit_types(db) if t.code == "EHBO-AUTO")
    assert (created.name, created.interval_months_building, created.interval_months_vehicle) == (
        "EHBO-kit voertuig", 24, 6)
    assert [(i.product_code, i.quantity, i.expires, i.replace_before_days, i.critical)
            for i in created.items] == [("PLS", 3, False, 0, False), ("SPT", 1, True, 14, True)]
    app.wait_idle()
    assert "EHBO-AUTO" in [t.code for t in app.kits.screen.register.kit_types]  # new-kit dialog


def test_errors_in_dutch_and_nothing_created(app, qtbot, db) -> None:
    kit_database(db)
    panel = types_of(app, qtbot)
    dialog = active(qtbot, panel.new_kit_type())
    qtbot.keyClicks(dialog.code, "FAK")
    qtbot.keyClicks(dialog.name, "Nog een kit")
    qtbot.keyClick(dialog.name, ENTER)  # no items yet
    assert dialog.form.error_text("items") == "Voeg minstens één product toe aan de inhoud."

    for spin in (dialog.interval_building, dialog.interval_vehicle):  # 0 and 61 cannot be typed
        for typed in ("0", "61"):
            spin.selectAll()
            qtbot.keyClicks(spin, typed)
            spin.interpretText()
            assert 1 <= spin.value() <= 60

    dialog.product.setFocus()
    qtbot.keyClicks(dialog.product, "XYZ")
    qtbot.keyClick(dialog.product, ENTER)
    qtbot.keyClick(dialog.quantity, ENTER)
    assert dialog.form.error_text("product") == (
        "Onbekend product: 'XYZ'. Controleer de code of scan opnieuw.")
    assert dialog.lines == []
    dialog.product.clear()
    type_line(qtbot, dialog, "MOND", "2")
    qtbot.keyClick(dialog.name, ENTER)
    qtbot.waitUntil(lambda: dialog.form.error_text("code") == "De code 'FAK' bestaat al.",
                    timeout=3000)
    assert dialog.isVisible()

    dialog.code.setText("FAK 2")
    qtbot.keyClick(dialog.name, ENTER)
    qtbot.waitUntil(lambda: dialog.form.error_text("code").startswith("De code 'FAK 2' is "
                                                                      "ongeldig"), timeout=3000)
    app.wait_idle()
    assert [t.code for t in kits.list_kit_types(db)] == ["FAK"]


def test_the_interval_error_lands_next_to_the_intervals(app, qtbot, db) -> None:
    kit_database(db)
    panel = types_of(app, qtbot)
    dialog = active(qtbot, panel.new_kit_type())
    dialog.code.setText("X")
    dialog.name.setText("X")
    type_line(qtbot, dialog, "MOND", "1")
    dialog.interval_vehicle.setRange(0, 61)  # what the spin boxes refuse, the service refuses too
    dialog.interval_vehicle.setValue(61)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.form.error_text("interval") != "", timeout=3000)
    assert dialog.form.error_text("interval") == (
        "Het controle-interval moet tussen 1 en 60 maanden liggen (u gaf 61).")
    assert [t.code for t in kits.list_kit_types(db)] == ["FAK"]
