"""Etiketten afdrukken… and Voorraadrapport… from the Voorraad screen.

The PDF is made on the database worker (reportlab, off the GUI thread) into a temporary
file, then saved (file dialog) or printed (system print dialog + the platform's command),
see ui/printing.py.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import _
from carma_logistiek.services import labels
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.widgets import printing
from ui.widgets.forms import Form

log = logging.getLogger(__name__)
_TEMP = Path(tempfile.mkdtemp(prefix="carma-pdf-"))


def make_label_sheet(
    db: Any,
    *,
    kind: str,
    product_codes: Sequence[str],
    location_code: str | None,
    offset: int,
    copies: int,
    zone_name: str,
    out: Path,
) -> Path:
    """Runs on the worker: the label specs from the database, then the PDF."""
    if kind == "product":
        specs = labels.product_labels(db, list(product_codes) or None, location_code=location_code)
    elif kind == "lot":
        specs = labels.lot_labels(db, location_code, list(product_codes) or None)
    else:
        specs = labels.location_labels(db, location_code)
    from carma_logistiek.documents.labels import render_label_sheet  # reportlab: on first use

    render_label_sheet(specs, out, offset=offset, copies=copies, zone_name=zone_name)
    return out


def make_stock_report(db: Any, *, out: Path, **kwargs: Any) -> Path:
    from carma_logistiek.documents.stock_report import stock_report  # reportlab: on first use

    stock_report(db, out=out, **kwargs)
    return out


class DocumentDialog(QDialog):
    """Options, then "Opslaan als PDF…" or "Afdrukken…"; the PDF is made on the worker."""

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

    def job(self) -> tuple[Any, dict[str, Any]]:
        raise NotImplementedError

    def make(self, action: str) -> None:
        if self.pending:
            return
        function, kwargs = self.job()
        out = _TEMP / self.file_name
        self._set_pending(True)
        self.status.setText(_("PDF wordt gemaakt…"))
        self.context.runner.call(
            function,
            out=out,
            on_done=lambda path: self._on_runner_done(path, action),
            on_error=self._on_runner_error,
            **kwargs,
        )

    def _set_pending(self, pending: bool) -> None:
        self.pending = pending
        for button in (self.save_button, self.print_button):
            button.setEnabled(not pending)
        self.setCursor(Qt.CursorShape.BusyCursor if pending else Qt.CursorShape.ArrowCursor)

    def _on_runner_done(self, path: Path, action: str) -> None:
        self._set_pending(False)
        try:
            self.status.setText(printing.deliver(self, path, action, self.file_name))
        except (OSError, printing.PrintFailed) as error:
            self.status.setText(str(error))

    def _on_runner_error(self, error: BaseException) -> None:
        self._set_pending(False)
        if not isinstance(error, DomainError):
            log.error("document failed", exc_info=error)
        self.status.setText(
            error.message()
            if isinstance(error, DomainError)
            else _("De PDF kon niet gemaakt worden; details staan in het logbestand.")
        )


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
        self.offset.setValue(int(stored) if str(stored).isdigit() else 0)
        self.copies = QSpinBox()
        self.copies.setRange(1, 24)
        self.form.add("kind", _("Etiketten"), self.kind)
        self.form.add("offset", _("Beginnen na"), self.offset)
        self.form.add("copies", _("Aantal kopieën"), self.copies)
        self.form.addRow("", QLabel(_("A4-blad met 3 x 8 etiketten van 70 x 37 mm")))

    def job(self) -> tuple[Any, dict[str, Any]]:
        settings_keys.settings().setValue(settings_keys.LABELS_OFFSET, self.offset.value())
        kind = self.kind.currentData()
        return make_label_sheet, {
            "kind": kind,
            "product_codes": self.product_codes if kind != "location" else [],
            "location_code": self.location_code,
            "offset": self.offset.value(),
            "copies": self.copies.value(),
            "zone_name": self.context.config.zone_name,
        }


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

    def job(self) -> tuple[Any, dict[str, Any]]:
        return make_stock_report, {
            "location_code": self.location_code,
            "only": self.only.currentData(),
            "zone_name": self.context.config.zone_name,
            "horizon_days": self.context.config.expiry_horizon_days,
        }
