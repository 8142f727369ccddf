"""The dialog of every PDF the app makes (product, lot, location and kit labels, the stock
report): its options, then "Voorbeeld…", "Opslaan als PDF…" or "Afdrukken…". The PDF is made
off the GUI thread into a temporary file (ui/ops/documents.py), then previewed, saved (file
dialog) or printed (system print dialog + the platform's command), see ui/widgets/printing.py.

Shared here so the EHBO screen's kit labels get the same sheet options (offset, copies) and
the same print and preview as the Voorraad screen's labels (features meet only through ui/widgets).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from carma_logistiek.i18n import _
from ui.ops.errors import error_sentence
from ui.shell import settings_keys
from ui.widgets import printing
from ui.widgets.forms import FieldFirstDialog, Form

if TYPE_CHECKING:
    from ui.ops.core import DocumentOp
    from ui.shell.context import AppContext

_TEMP = Path(tempfile.mkdtemp(prefix="carma-pdf-"))


class DocumentDialog(FieldFirstDialog):
    """Options, then "Voorbeeld…", "Opslaan als PDF…" or "Afdrukken…"; the PDF is made off
    the GUI thread. ``file_name`` is the suggested name, in the user's language."""

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
        self.preview_button = QPushButton(_("Voorbeeld…"))
        self.preview_button.setToolTip(_("Het afdrukvoorbeeld van de PDF, pagina per pagina"))
        self.save_button = QPushButton(_("Opslaan als PDF…"))
        self.print_button = QPushButton(_("Afdrukken…"))
        self.print_button.setDefault(True)
        close = QPushButton(_("Sluiten"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.preview_button.clicked.connect(lambda: self.make("preview"))
        self.save_button.clicked.connect(lambda: self.make("save"))
        self.print_button.clicked.connect(lambda: self.make("print"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (close, self.preview_button, self.save_button, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def document(self, out: Path) -> DocumentOp[Any]:
        raise NotImplementedError

    def refuse(self) -> str:
        """A sentence when the options cannot make a document (checked before any work)."""
        return ""

    def make(self, action: str) -> None:
        if self.pending:
            return
        refusal = self.refuse()
        if refusal:
            self.status.setText(refusal)
            return
        operation = self.document(_TEMP / self.file_name)
        self._set_pending(True)
        self.status.setText(_("PDF wordt gemaakt…"))
        out = _TEMP / self.file_name
        operation.success(lambda _made: self._on_made(out, action)).failure(self._on_failed).run()

    def _set_pending(self, pending: bool) -> None:
        self.pending = pending
        for button in (self.preview_button, self.save_button, self.print_button):
            button.setEnabled(not pending)
        self.setCursor(Qt.CursorShape.BusyCursor if pending else Qt.CursorShape.ArrowCursor)

    def _on_made(self, path: Path, action: str) -> None:
        self._set_pending(False)
        self.status.clear()
        printer = self.context.services.printer
        try:
            message = printing.deliver(printer, self, path, action, self.file_name)
        except printing.PrintFailed as error:
            message = str(error)  # a sentence for the user (see printing.py)
        except OSError as error:
            message = _(
                "Het bestand kon niet bewaard worden: {reason}", reason=error.strerror or "?"
            )
        # Said once the print or file dialog is gone, never over it.
        QTimer.singleShot(0, lambda: self.show_status(message))

    def show_status(self, message: str) -> None:
        self.status.setText(message)
        if message:
            self.adjustSize()  # two or three lines of sentence: the dialog grows for them

    def _on_failed(self, error: BaseException) -> None:
        self._set_pending(False)
        self.show_status(error_sentence(error))


class SheetOptions:
    """The label sheet's options: how many labels of the first sheet are used already (a
    half-used sheet goes back in the printer, remembered) and how many copies of each."""

    def __init__(self, form: Form) -> None:
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
        form.add("offset", _("Beginnen na"), self.offset)
        form.add("copies", _("Aantal kopieën"), self.copies)
        form.addRow("", QLabel(_("A4-blad met 3 x 8 etiketten van 70 x 37 mm")))

    def remember(self) -> None:
        settings_keys.settings().setValue(settings_keys.LABELS_OFFSET, self.offset.value())
