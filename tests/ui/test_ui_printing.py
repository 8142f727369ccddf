"""Printing the app's PDFs: the print dialog's own "Print to file" is honoured, the sentence
comes once the dialog is closed, a preview shows every page, kit labels get the sheet options
of the product labels, and "Loten" for a product without lots says so and offers products."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from kit_support import kit_database
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from ui.stock.document_dialogs import LabelsDialog
from ui.widgets import printing


def pages_of(path: Path) -> int:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def test_print_to_file_in_the_print_dialog_writes_the_pdf_there(
    app, qtbot, fakes, tmp_path: Path
) -> None:
    fakes.printer.output_file = str(tmp_path / "afdruk")  # "Print to file" in the dialog
    seen_while_choosing: list[str] = []
    choose = fakes.printer.choose_printer

    def choosing(parent):  # type: ignore[no-untyped-def]
        seen_while_choosing.append(dialog.status.text())
        return choose(parent)

    fakes.printer.choose_printer = choosing
    dialog = LabelsDialog(app.window.context, ["SPT"], "GNK-MAG")
    qtbot.addWidget(dialog)
    dialog.make("print")
    target = tmp_path / "afdruk.pdf"
    qtbot.waitUntil(lambda: "Afgedrukt naar het bestand" in dialog.status.text(), timeout=5000)
    assert dialog.status.text() == f"Afgedrukt naar het bestand {target}."
    assert target.read_bytes().startswith(b"%PDF")
    assert fakes.printer.printed == []  # nothing went to a printer (no lp needed)
    assert seen_while_choosing == [""]  # no sentence under (or over) the print dialog


def test_without_lp_the_sentence_says_what_to_do(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing.shutil, "which", lambda _name: None)
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(printing.PrintFailed) as refused:
        printing.PrintService().print_file(pdf, "")
    assert "Afdrukken naar bestand" in str(refused.value)
    assert "Voorbeeld" in str(refused.value)


def test_without_lp_a_chosen_printer_prints_through_qt(
    app, qtbot, fakes, monkeypatch, tmp_path: Path
) -> None:
    dialog = LabelsDialog(app.window.context, ["SPT"], "GNK-MAG")
    qtbot.addWidget(dialog)
    dialog.make("save")
    qtbot.waitUntil(lambda: "Opgeslagen als" in dialog.status.text(), timeout=5000)
    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing.shutil, "which", lambda _name: None)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "via-qt.pdf"))
    saved = tmp_path / "saved.pdf"
    printing.PrintService().print_file(
        saved, "Kantoor", printing.PrintChoice("Kantoor", "", printer)
    )
    assert pages_of(tmp_path / "via-qt.pdf") == pages_of(saved) == 1


def test_preview_shows_every_page_of_the_report(app, qtbot, fakes, tmp_path: Path) -> None:
    app.stock.choose_location("GNK-MAG")
    dialog = app.open_stock_report()
    dialog.make("preview")
    qtbot.waitUntil(lambda: bool(fakes.printer.previewed), timeout=5000)
    pdf, title, pages = fakes.printer.previewed[0]
    assert title == "voorraadrapport.pdf" and pages == pages_of(pdf) >= 1
    # The real preview dialog draws the same pages.
    preview = printing.preview_dialog(QPrinter(), pdf, dialog, title)
    qtbot.addWidget(preview)
    preview.show()
    widget = preview.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    qtbot.waitUntil(lambda: widget.pageCount() == pages, timeout=5000)
    assert preview.windowTitle() == "Afdrukvoorbeeld — voorraadrapport.pdf"
    preview.grab().save(str(tmp_path / "preview.png"))
    preview.close()


def test_kit_labels_have_offset_copies_and_preview(app, qtbot, fakes, db, tmp_path: Path) -> None:
    kit_database(db)
    register = app.kits.register()
    register.refresh()
    app.wait_idle()
    register.table.selectRow(0)
    register.print_labels()
    dialog = register.labels_dialog
    assert dialog.windowTitle() == "Etiketten van EHBO-kits"
    assert dialog.file_name == "etiketten-ehbo-kits.pdf"
    dialog.sheet.offset.setValue(22)
    dialog.sheet.copies.setValue(3)  # 2 on the first sheet, 1 on the next
    dialog.make("preview")
    qtbot.waitUntil(lambda: bool(fakes.printer.previewed), timeout=5000)
    assert fakes.printer.previewed[0][2] == 2
    dialog.make("print")
    qtbot.waitUntil(lambda: bool(fakes.printer.printed), timeout=5000)
    path, printer, content = fakes.printer.printed[0]
    assert printer == "Kantoor" and content.startswith(b"%PDF") and pages_of(path) == 2
    dialog.close()


def test_lots_for_a_product_without_lots_offers_product_labels(app, qtbot, fakes) -> None:
    dialog = LabelsDialog(app.window.context, ["MOND"], "GNK-MAG")
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("lot"))
    assert dialog.status.text() == (
        "Mondstuk alcoholtest wordt zonder loten bijgehouden: er zijn geen lotetiketten. "
        "Productetiketten staan nu gekozen; druk die af."
    )
    assert dialog.kind.currentData() == "product"
    dialog.make("print")
    qtbot.waitUntil(lambda: bool(fakes.printer.printed), timeout=5000)
    assert "geen etiketten gekozen" not in dialog.status.text()
