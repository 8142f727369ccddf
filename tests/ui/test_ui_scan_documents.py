"""Labels and the stock report from the Voorraad screen: made on the worker, then saved or
printed through the (fake) print service."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

from ui.widgets import printing


@pytest.fixture
def print_service(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    service = printing.RecordingPrintService(save_to=tmp_path / "saved.pdf")
    monkeypatch.setattr(printing, "service", service)
    return service


def test_labels_of_selected_rows_are_printed(window, qtbot, print_service) -> None:
    window.stock.set_location("GNK-MAG")
    qtbot.waitUntil(lambda: window.stock.table.model().rowCount() >= 2, timeout=3000)
    selection = window.stock.table.selectionModel()
    model = window.stock.table.model()
    for row in (0, 1):
        selection.select(
            model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert len(window.stock.selected_product_codes()) == 2
    window.open_labels()
    dialog = window.dialog
    assert dialog.kind.currentData() == "product"
    dialog.offset.setValue(5)
    dialog.make("print")
    qtbot.waitUntil(lambda: bool(print_service.printed), timeout=5000)
    _path, printer, content = print_service.printed[0]
    assert printer == "Kantoor" and content.startswith(b"%PDF")
    assert "Naar de printer Kantoor gestuurd" in dialog.status.text()


def test_stock_report_is_saved_as_pdf(window, qtbot, print_service, tmp_path) -> None:
    window.stock.set_location("BRE-MAG")
    window.open_stock_report()
    dialog = window.dialog
    dialog.only.setCurrentIndex(dialog.only.findData("under_minimum"))
    dialog.make("save")
    qtbot.waitUntil(lambda: (tmp_path / "saved.pdf").exists(), timeout=5000)
    assert (tmp_path / "saved.pdf").read_bytes().startswith(b"%PDF")
    assert "Opgeslagen als" in dialog.status.text()
