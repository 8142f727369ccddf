"""Labels and the stock report from the Voorraad screen: read on the database worker, drawn on
the render pool, then saved or printed through the (fake) print service."""

from __future__ import annotations


def test_labels_of_selected_rows_are_printed(app, qtbot, fakes) -> None:
    stock = app.stock
    stock.choose_location("GNK-MAG")
    qtbot.waitUntil(lambda: stock.row_count() >= 2, timeout=3000)
    stock.select_rows([0, 1])
    assert len(stock.selected_products()) == 2
    dialog = app.open_labels()
    assert dialog.kind.currentData() == "product"
    dialog.offset.setValue(5)
    dialog.make("print")
    qtbot.waitUntil(lambda: bool(fakes.printer.printed), timeout=5000)
    _path, printer, content = fakes.printer.printed[0]
    assert printer == "Kantoor" and content.startswith(b"%PDF")
    # Said once the print dialog is closed (the next turn of the event loop), not over it.
    qtbot.waitUntil(lambda: "Naar de printer Kantoor gestuurd" in dialog.status.text(),
                    timeout=3000)


def test_stock_report_is_saved_as_pdf(app, qtbot, fakes, tmp_path) -> None:
    app.stock.choose_location("BRE-MAG")
    dialog = app.open_stock_report()
    dialog.only.setCurrentIndex(dialog.only.findData("under_minimum"))
    dialog.make("save")
    qtbot.waitUntil(lambda: (tmp_path / "saved.pdf").exists(), timeout=5000)
    assert (tmp_path / "saved.pdf").read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: "Opgeslagen als" in dialog.status.text(), timeout=3000)
