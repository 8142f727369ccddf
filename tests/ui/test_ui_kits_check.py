"""Controle: the issue's acceptance test — a kit label scanned from a video frame through the
real camera path opens the kit's checklist; replacing the expired item takes it from stock,
records the check and plans the next one. Plus the refusals."""

from __future__ import annotations

from datetime import timedelta

from kit_support import TODAY, kit_database
from PySide6.QtCore import Qt
from scan_support import label, label_video

from carma_logistiek.domain.kits import CheckResult, LineOutcome
from carma_logistiek.services import kits
from carma_logistiek.services.stock.overview import sum_ledger
from ui.camera.worker import CameraSettings


def open_check(app):  # type: ignore[no-untyped-def]
    return app.kits.check()


def test_kit_label_from_video_then_replace_expired_item(app, qtbot, db, tmp_path) -> None:
    kit_database(db)
    panel = open_check(app)
    assert app.current() == "kits"
    video = label_video(tmp_path / "kit.avi", [label("KIT", "KIT-001")])
    panel.camera.options = {"frame_interval": 0}
    panel.start_camera(CameraSettings(source=str(video)))
    qtbot.waitUntil(lambda: panel.sheet is not None, timeout=15_000)
    panel.stop_camera()
    assert panel.sheet.detail.kit.code == "KIT-001"
    checklist = panel.checklist
    row = checklist.row_of("SPT")
    assert checklist.states[row] == "expired"
    assert "vervallen" in checklist.item(row, 3).text()
    checklist.set_outcome(row, LineOutcome.OK)
    checklist.setFocus()
    checklist.selectRow(row)
    qtbot.keyClick(checklist, Qt.Key.Key_3)  # 3 = vervallen
    qtbot.waitUntil(lambda: checklist.outcome(row) is LineOutcome.EXPIRED, timeout=3000)
    assert checklist.replace_spin(row).value() == 2  # the required quantity
    assert checklist.outcome(checklist.row_of("MOND")) is LineOutcome.OK
    panel.stock_location.set_code("GNK-MAG")
    before = sum_ledger(db, location_code="GNK-MAG")["SPT"]
    key = panel.key
    qtbot.keyClick(panel.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.saved is not None, timeout=5000)

    assert sum_ledger(db, location_code="GNK-MAG")["SPT"] == before - 2
    check = kits.kit_detail(db, "KIT-001").checks[0]
    assert check.result is CheckResult.REPLENISHED
    assert check.checked_by == "tester"
    assert [(line.product_code, line.replaced_quantity) for line in check.lines] == [
        ("SPT", 2), ("MOND", 0)]
    kit = kits.kit_detail(db, "KIT-001").kit
    # The new saliva tests expire in a year and must be replaced 30 days before: 335 days.
    assert kit.next_check_due == TODAY + timedelta(days=335)
    assert panel.result_badge.text() == "aangevuld"
    assert "2 x Speekseltest" in panel.result_text.text()
    assert kit.next_check_due.strftime("%d/%m/%Y") in panel.result_text.text()
    # Saving again does nothing: one key per opened check, and the check is closed.
    panel.save()
    assert "geen controle open" in panel.message.text()
    assert panel.key == key and len(kits.kit_detail(db, "KIT-001").checks) == 1


def test_save_without_a_kit_and_unknown_kit_are_refused(app, qtbot, db) -> None:
    kit_database(db)
    panel = open_check(app)
    panel.save()
    assert "scan eerst het etiket van een kit" in panel.message.text()
    qtbot.keyClicks(panel.scan_field, "KIT-999")
    qtbot.keyClick(panel.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Onbekende EHBO-kit" in panel.message.text(), timeout=3000)
    assert panel.sheet is None
    panel.scan_text(label("PRODUCT", "SPT"))
    qtbot.waitUntil(lambda: "geen etiket van een EHBO-kit" in panel.message.text(),
                    timeout=3000)
    panel.save()
    app.wait_idle()
    assert kits.kit_detail(db, "KIT-001").checks == ()


def test_missing_item_stock_cannot_supply_becomes_a_shortage(app, qtbot, db) -> None:
    kit_database(db)
    panel = open_check(app)
    panel.scan_text("kit-001")  # typed by hand, any case
    qtbot.waitUntil(lambda: panel.sheet is not None, timeout=3000)
    checklist = panel.checklist
    checklist.set_outcome(checklist.row_of("SPT"), LineOutcome.OK)
    checklist.set_outcome(checklist.row_of("MOND"), LineOutcome.MISSING)
    panel.stock_location.set_code("BRE-MAG")  # no mouthpieces in Bree
    panel.save()
    qtbot.waitUntil(lambda: panel.saved is not None, timeout=5000)
    assert panel.result_badge.text() == "niet in orde"
    assert "Tekort" in panel.result_text.text()
    shortages = kits.kit_shortages(db)
    assert [(s.product_code, s.quantity, s.kit_codes) for s in shortages] == [
        ("MOND", 1, ("KIT-001",))]
    dialog = app.kits.open_shortages()
    qtbot.waitUntil(lambda: len(dialog.panel.rows()) == 1, timeout=3000)
    dialog.reject()


def test_ctrl_4_opens_ehbo_and_the_scan_field_has_focus(app, qtbot) -> None:
    app.press(Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.current() == "kits", timeout=2000)
    check = app.kits.check()
    qtbot.waitUntil(lambda: check.scan_field.hasFocus(), timeout=2000)
