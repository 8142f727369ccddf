"""Etiketten afdrukken… and Voorraadrapport… from the Voorraad screen.

The rows are read on the database worker, the PDF is drawn on the render pool into a
temporary file (ui/ops/documents.py), then saved (file dialog) or printed (system print dialog
+ the platform's command), see ui/widgets/printing.py.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.i18n import _
from ui.ops import documents
from ui.ops.core import DocumentOp
from ui.ops.errors import error_sentence
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.widgets import printing
from ui.widgets.forms import Form

_TEMP = Path(tempfile.mkdtemp(prefix="carma-pdf-"))


class DocumentDialog(QDialog):
    """Options, then "Opslaan als PDF…" or "Afdrukken…"; the PDF is made off the GUI thread."""

    file_name = "document.pdf"

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.pending = False
        self.form = Form()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(_("Opslaan als PDF…"))
        self.print_button = QPushButton(_("Afdrukken…"))
        self.print_button.setDefault(True)
        close = QPushButton(_("Sluiten"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.make("save"))
        self.print_button.clicked.connect(lambda: self.make("print"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (close, self.save_button, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def document(self, out: Path) -> DocumentOp[Path]:
        raise NotImplementedError

    def make(self, action: str) -> None:
        if self.pending:
            return
        operation = self.document(_TEMP / self.file_name)
        self._set_pending(True)
        self.status.setText(_("PDF wordt gemaakt…"))
        operation.success(lambda path: self._on_made(path, action)).failure(
            self._on_failed
        ).run()

    def _set_pending(self, pending: bool) -> None:
        self.pending = pending
        for button in (self.save_button, self.print_button):
            button.setEnabled(not pending)
        self.setCursor(Qt.CursorShape.BusyCursor if pending else Qt.CursorShape.ArrowCursor)

    def _on_made(self, path: Path, action: str) -> None:
        self._set_pending(False)
        printer = self.context.services.printer
        try:
            self.status.setText(printing.deliver(printer, self, path, action, self.file_name))
        except printing.PrintFailed as error:
            self.status.setText(str(error))  # a sentence for the user (see printing.py)
        except OSError as error:
            self.status.setText(
                _("Het bestand kon niet bewaard worden: {reason}", reason=error.strerror or "?")
            )

    def _on_failed(self, error: BaseException) -> None:
        self._set_pending(False)
        self.status.setText(error_sentence(error))


class LabelsDialog(DocumentDialog):
    file_name = "etiketten.pdf"

    def __init__(
        self,
        context: AppContext,
        product_codes: Sequence[str],
        location_code: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, _("Etiketten afdrukken"), parent)
        self.product_codes = list(product_codes)
        self.location_code = location_code
        self.kind = QComboBox()
        count = len(self.product_codes)
        if count:
            self.kind.addItem(_("Producten ({count} geselecteerd)", count=count), "product")
            self.kind.addItem(_("Loten van de geselecteerde producten"), "lot")
        else:
            self.kind.addItem(_("Producten op deze locatie"), "product")
            self.kind.addItem(_("Loten op deze locatie"), "lot")
        if location_code:
            name = context.location(location_code)
            self.kind.addItem(
                _(
                    "Locatie {name} (en wat eronder valt)",
                    name=name.name if name else location_code,
                ),
                "location",
            )
        self.offset = QSpinBox()
        self.offset.setRange(0, 23)
        self.offset.setToolTip(
            _(
                "Hoeveel etiketten van het eerste blad al gebruikt zijn (0-23), om een half "
                "gebruikt blad opnieuw te gebruiken"
            )
        )
        stored = settings_keys.settings().value(settings_keys.LABELS_OFFSET, 0)
        self.offset.setValue(int(str(stored)) if str(stored).isdigit() else 0)
        self.copies = QSpinBox()
        self.copies.setRange(1, 24)
        self.form.add("kind", _("Etiketten"), self.kind)
        self.form.add("offset", _("Beginnen na"), self.offset)
        self.form.add("copies", _("Aantal kopieën"), self.copies)
        self.form.addRow("", QLabel(_("A4-blad met 3 x 8 etiketten van 70 x 37 mm")))

    def document(self, out: Path) -> DocumentOp[Path]:
        settings_keys.settings().setValue(settings_keys.LABELS_OFFSET, self.offset.value())
        kind = self.kind.currentData()
        return documents.label_sheet(
            self.context,
            kind=kind,
            product_codes=self.product_codes if kind != "location" else [],
            location_code=self.location_code,
            offset=self.offset.value(),
            copies=self.copies.value(),
            out=out,
        )


class StockReportDialog(DocumentDialog):
    file_name = "voorraadrapport.pdf"

    def __init__(
        self, context: AppContext, location_code: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, _("Voorraadrapport"), parent)
        self.location_code = location_code
        location = context.location(location_code or "")
        self.only = QComboBox()
        self.only.addItem(_("Alle producten"), "all")
        self.only.addItem(_("Onder minimum"), "under_minimum")
        self.only.addItem(_("Vervalt binnenkort of vervallen"), "expiring")
        self.form.add(
            "location", _("Locatie"), QLabel(location.name if location else _("Hele zone"))
        )
        self.form.add("only", _("Toon"), self.only)

    def document(self, out: Path) -> DocumentOp[Path]:
        return documents.stock_report(
            self.context, location_code=self.location_code, only=self.only.currentData(),
            out=out,
        )
