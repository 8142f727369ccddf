"""The Audit screen, as the DPO uses it: the trail of the writes done in the window, a search by
record and by period, an entry's fields before and after, a wrong date as a sentence, and the
list exported to Excel and CSV with Ctrl+Shift+E."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from carma_logistiek.domain.changes import Changes
from carma_logistiek.services import masterdata
from tests.support.actors import TESTER
from ui.widgets.file_dialogs import ScriptedFileDialogs

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def dialogs(fakes) -> ScriptedFileDialogs:  # type: ignore[no-untyped-def]
    fakes.file_dialogs = ScriptedFileDialogs()
    return fakes.file_dialogs


def audit_screen(app):  # type: ignore[no-untyped-def]
    app.go("audit")
    screen = app.window.screen_named("audit")
    app.qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=5000)
    app.wait_idle()
    return screen


def search(app, screen, *, record: str = "", since: str = "", until: str = "") -> None:  # type: ignore[no-untyped-def]
    screen.record_edit.setText(record)
    screen.since_edit.setText(since)
    screen.until_edit.setText(until)
    app.qtbot.keyClick(screen.record_edit, Qt.Key.Key_Return)
    app.wait_idle()


def shown_fields(screen) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    return [(row.record, row.field, row.before, row.after) for row in screen.fields_model.rows()]


def test_a_product_edit_shows_each_changed_field_before_and_after(app, db) -> None:  # type: ignore[no-untyped-def]
    masterdata.update_product(db, code="PLS", values=masterdata.ProductValues(
        "Pleisters waterbestendig", unit="doos", category="EHBO"), actor=TESTER)
    screen = audit_screen(app)
    search(app, screen, record="product:PLS")
    actions = [screen.model.index(row, 3).data() for row in range(screen.model.rowCount())]
    assert actions[0] == "Product gewijzigd"  # newest first
    assert "Product aangemaakt" in actions and "Minimum ingesteld" in actions
    screen.table.selectRow(0)
    app.qtbot.waitUntil(lambda: screen.fields_model.rowCount() > 0, timeout=3000)
    assert shown_fields(screen) == [("Product PLS", "name", "Pleisters",
                                     "Pleisters waterbestendig")]
    assert "Product gewijzigd" in screen.heading.text()


def test_the_screen_reads_again_after_a_write_in_the_window(app, db) -> None:  # type: ignore[no-untyped-def]
    screen = audit_screen(app)
    before = screen.model.rowCount()
    masterdata.create_supplier(db, code="SUP-AUD", values=masterdata.SupplierValues("Audit"),
                               actor=TESTER)
    # As a write in the window announces itself:
    app.window.context.changed.emit(Changes(suppliers=frozenset({"SUP-AUD"})))
    app.qtbot.waitUntil(lambda: screen.model.rowCount() == before + 1, timeout=3000)
    assert screen.model.index(0, 3).data() == "Leverancier aangemaakt"


def test_a_wrong_date_or_record_is_a_sentence_and_the_list_stays(app) -> None:  # type: ignore[no-untyped-def]
    screen = audit_screen(app)
    rows = screen.model.rowCount()
    search(app, screen, since="31/02/2026")
    assert screen.message.isVisible()
    assert "Ongeldige datum '31/02/2026'" in screen.message.text()
    assert screen.model.rowCount() == rows
    search(app, screen, record="product:")
    assert "SOORT:SLEUTEL" in screen.message.text()
    search(app, screen, since="01/01/2020", until="01/01/2020")  # a period without entries
    assert not screen.message.isVisible()
    assert screen.model.rowCount() == 0
    assert screen.count_label.text() == "0 regels"


def test_ctrl_shift_e_exports_the_trail_to_excel_and_csv(app, qtbot, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    screen = audit_screen(app)
    search(app, screen, record="product:SPT")
    shown = screen.model.rowCount()
    assert shown >= 2  # created, and its deliveries
    status = app.window.statusBar()
    for name in ("audit.xlsx", "audit.csv"):
        target = tmp_path / name
        dialogs.save = str(target)
        status.clearMessage()
        screen.table.setFocus()
        qtbot.keyClick(screen.table, Qt.Key.Key_E, CTRL_SHIFT)
        qtbot.waitUntil(lambda: bool(status.currentMessage()), timeout=10_000)
        app.wait_idle()
        assert f"{shown} rijen geëxporteerd naar {target}" == status.currentMessage()
    sheet = openpyxl.load_workbook(tmp_path / "audit.xlsx").active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Wanneer", "Wie", "Soort", "Actie", "Records"]
    assert rows[-1][3] == "Product aangemaakt"  # the oldest last, as shown
    assert rows[-1][4].startswith("product:SPT")
    assert hasattr(rows[1][0], "year")  # a real date and time, not text
    text = Path(tmp_path / "audit.csv").read_bytes().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert lines[0] == rows[0] and len(lines) == shown + 1
