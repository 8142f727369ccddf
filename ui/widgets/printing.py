"""Saving, previewing and printing the PDFs the app makes (label sheets, stock report).

The PDF is drawn by reportlab on the render pool; here it is copied to where the user saves
it, shown in a print preview, or sent to a printer chosen in the system print dialog. A
printer goes through the platform's command, which prints reportlab's PDF as it is (vector):
``lp -d PRINTER`` on Linux and macOS (CUPS prints PDF natively), ShellExecute "printto" on
Windows. The print dialog's own "Print to file" is honoured: the PDF is written where it says.
Without ``lp`` the pages are printed through Qt's printer instead (drawn as images by pdfium).

The preview draws the PDF's pages with pdfium (pypdfium2): Qt's own PDF module (QtPdf) is not
in PySide6-Essentials (it is in the ~400 MB Addons), and poppler's ``pdftoppm`` is not on the
zone's Windows PCs; pypdfium2 is a few MB and ships pdfium for every platform.

All of it sits behind ``PrintService`` (``context.services.printer``), which tests replace with
``RecordingPrintService``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from carma_logistiek.i18n import _

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

# Pages are drawn at this resolution for the preview and for printing through Qt: sharp
# enough for text and the labels' QR codes, ~6.5 MB per A4 page in memory.
PREVIEW_DPI = 150


class PrintFailed(Exception):
    pass


@dataclass(frozen=True)
class PrintChoice:
    """What the print dialog was told: the printer ("" = the default one), or the file its
    "Print to file" names; ``qt_printer`` is the dialog's QPrinter, for printing through Qt."""

    printer: str
    output_file: str = ""
    qt_printer: QPrinter | None = None


def with_pdf_suffix(path: str) -> str:
    return path if path.lower().endswith(".pdf") else path + ".pdf"


class PrintService:
    def ask_save_path(self, parent: QWidget, suggested: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            parent, _("PDF opslaan"), suggested, _("PDF-bestand (*.pdf)")
        )
        return with_pdf_suffix(path) if path else None

    def choose_printer(self, parent: QWidget) -> PrintChoice | None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(_("Afdrukken"))
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return None
        return PrintChoice(printer.printerName() or "", printer.outputFileName() or "", printer)

    def print_file(self, path: Path, printer: str, choice: PrintChoice | None = None) -> None:
        """Hand the PDF to the printer; returns at once (the spooler does the work)."""
        if sys.platform == "win32":
            self._print_windows(path, printer)
            return
        command = shutil.which("lp")
        if command is not None:
            args = [command] + (["-d", printer] if printer else []) + [str(path)]
            subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return
        if choice is not None and choice.qt_printer is not None and printer:
            paint_pdf(path, choice.qt_printer)
            return
        raise PrintFailed(
            _(
                "Er is geen afdrukprogramma (lp) op deze computer. Kies in het afdrukvenster "
                "'Afdrukken naar bestand', gebruik 'Voorbeeld…' of sla de PDF op en druk ze af "
                "vanuit een PDF-lezer."
            )
        )

    def preview(self, parent: QWidget, pdf: Path, title: str) -> None:
        """The PDF's pages in Qt's print preview; its print button prints them through Qt."""
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = preview_dialog(printer, pdf, parent, title)
        dialog.exec()
        dialog.deleteLater()

    @staticmethod
    def _print_windows(path: Path, printer: str) -> None:
        if not printer:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]
            return
        import ctypes

        result = ctypes.windll.shell32.ShellExecuteW(  # type: ignore[attr-defined]
            None, "printto", str(path), f'"{printer}"', None, 0
        )
        if result <= 32:
            raise PrintFailed(
                _(
                    "Windows kon de PDF niet naar {printer} sturen. Sla de PDF op en druk ze af "
                    "vanuit een PDF-lezer.",
                    printer=printer,
                )
            )


def preview_dialog(printer: QPrinter, pdf: Path, parent: QWidget | None, title: str) -> QDialog:
    """A QPrintPreviewDialog that draws the pages of ``pdf`` (A4, the whole sheet)."""
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)  # the PDF has its own margins (labels sit where the sheet has them)
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.carma_printer = printer  # type: ignore[attr-defined]  # Qt does not own it
    dialog.setWindowTitle(_("Afdrukvoorbeeld — {title}", title=title))
    dialog.paintRequested.connect(lambda target: paint_pdf(pdf, target))
    return dialog


def paint_pdf(pdf: Path, printer: QPrinter, dpi: int = PREVIEW_DPI) -> int:
    """Draw every page of ``pdf`` on ``printer`` (the preview, or a real printer), each scaled
    to the paper; returns the number of pages."""
    import pypdfium2  # type: ignore[import-untyped]
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPrintSupport import QPrinter

    document = pypdfium2.PdfDocument(str(pdf))
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise PrintFailed(
                _(
                    "De printer kon niet geopend worden. Sla de PDF op en druk ze "
                    "af vanuit een PDF-lezer."
                )
            )
        paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        for index in range(len(document)):
            if index:
                printer.newPage()
            bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            ).copy()  # pdfium frees its buffer
            scale = min(paper.width() / image.width(), paper.height() / image.height())
            target = QRectF(
                paper.left(), paper.top(), image.width() * scale, image.height() * scale
            )
            painter.drawImage(target, image)
        return len(document)
    finally:
        if painter.isActive():
            painter.end()
        document.close()


class RecordingPrintService(PrintService):
    """For tests: no dialogs; saves to ``save_to`` and remembers what would be printed, and
    what was previewed. ``output_file``: the print dialog's "Print to file" answer."""

    def __init__(
        self, save_to: Path | None = None, printer: str | None = "Kantoor", output_file: str = ""
    ) -> None:
        self.save_to = save_to
        self.printer = printer
        self.output_file = output_file
        self.printed: list[tuple[Path, str, bytes]] = []
        self.previewed: list[tuple[Path, str, int]] = []

    def ask_save_path(self, parent: QWidget, suggested: str) -> str | None:
        return str(self.save_to) if self.save_to else None

    def choose_printer(self, parent: QWidget) -> PrintChoice | None:
        if self.printer is None:
            return None
        return PrintChoice(self.printer, self.output_file)

    def print_file(self, path: Path, printer: str, choice: PrintChoice | None = None) -> None:
        self.printed.append((path, printer, path.read_bytes()))

    def preview(self, parent: QWidget, pdf: Path, title: str) -> None:
        """Draws the pages as the real preview does, into a PDF printer, without a window."""
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf.with_name(pdf.stem + "-voorbeeld.pdf")))
        self.previewed.append((pdf, title, paint_pdf(pdf, printer, dpi=50)))


def deliver(
    service: PrintService, parent: QWidget, pdf: Path, action: str, suggested_name: str
) -> str:
    """Save, preview or print a finished PDF; returns a sentence for the user ("" when
    cancelled), to be shown once the dialogs are closed."""
    if action == "save":
        target = service.ask_save_path(parent, suggested_name)
        if not target:
            return ""
        shutil.copyfile(pdf, target)
        return _("Opgeslagen als {path}.", path=target)
    if action == "preview":
        service.preview(parent, pdf, suggested_name)
        return ""
    choice = service.choose_printer(parent)
    if choice is None:
        return ""
    if choice.output_file:  # "Print to file" in the print dialog: reportlab's PDF goes there
        target = with_pdf_suffix(choice.output_file)
        shutil.copyfile(pdf, target)
        return _("Afgedrukt naar het bestand {path}.", path=target)
    service.print_file(pdf, choice.printer, choice)
    return _("Naar de printer {printer} gestuurd.", printer=choice.printer or _("(standaard)"))
