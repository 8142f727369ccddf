"""Saving and printing the PDFs the app makes (label sheets, stock report).

The PDF is drawn by reportlab on the render pool; here it is either copied to where the user
saves it, or sent to a printer chosen in the system print dialog: with ``lp -d PRINTER`` on
Linux and macOS (CUPS prints PDF natively), with ShellExecute "printto" on Windows. All of it
sits behind ``PrintService`` (``context.services.printer``), which tests replace with
``RecordingPrintService``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from carma_logistiek.i18n import _


class PrintFailed(Exception):
    pass


class PrintService:
    def ask_save_path(self, parent: QWidget, suggested: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            parent, _("PDF opslaan"), suggested, _("PDF-bestand (*.pdf)")
        )
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path or None

    def choose_printer(self, parent: QWidget) -> str | None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(_("Afdrukken"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer.printerName() or ""

    def print_file(self, path: Path, printer: str) -> None:
        """Hand the PDF to the printer; returns at once (the spooler does the work)."""
        if sys.platform == "win32":
            self._print_windows(path, printer)
            return
        command = shutil.which("lp")
        if command is None:
            raise PrintFailed(
                _(
                    "Er is geen afdrukprogramma (lp) op deze computer. Sla de PDF op en druk ze "
                    "af vanuit een PDF-lezer."
                )
            )
        args = [command] + (["-d", printer] if printer else []) + [str(path)]
        subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

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


class RecordingPrintService(PrintService):
    """For tests: no dialogs; saves to ``save_to`` and remembers what would be printed."""

    def __init__(self, save_to: Path | None = None, printer: str | None = "Kantoor") -> None:
        self.save_to = save_to
        self.printer = printer
        self.printed: list[tuple[Path, str, bytes]] = []

    def ask_save_path(self, parent: QWidget, suggested: str) -> str | None:
        return str(self.save_to) if self.save_to else None

    def choose_printer(self, parent: QWidget) -> str | None:
        return self.printer

    def print_file(self, path: Path, printer: str) -> None:
        self.printed.append((path, printer, path.read_bytes()))


def deliver(
    service: PrintService, parent: QWidget, pdf: Path, action: str, suggested_name: str
) -> str:
    """Save or print a finished PDF; returns a sentence for the user ("" when cancelled)."""
    if action == "save":
        target = service.ask_save_path(parent, suggested_name)
        if not target:
            return ""
        shutil.copyfile(pdf, target)
        return _("Opgeslagen als {path}.", path=target)
    printer = service.choose_printer(parent)
    if printer is None:
        return ""
    service.print_file(pdf, printer)
    return _("Naar de printer {printer} gestuurd.", printer=printer or _("(standaard)"))
