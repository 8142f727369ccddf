"""The shape every booking dialog shares: one idempotency key, Enter books, Escape cancels,
errors inline under their field, nothing booked twice.

The key is made when the dialog opens and reused for every retry, so a double Enter or a
retry after a lost connection can never book twice: the service answers a known key with the
booking it already made.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.stock import parse_quantity
from carma_logistiek.i18n import _
from carma_logistiek.services.ledger import new_key
from carma_logistiek.services.results import BookingResult
from ui.shell.context import AppContext
from ui.widgets.forms import Form

log = logging.getLogger(__name__)

ServiceCall = tuple[Callable[..., Any], dict[str, Any]]


class BookingDialog(QDialog):
    """Subclasses add their fields to ``self.form`` and implement ``service_call``."""

    title = ""
    confirm_text = ""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        location_code: str | None = None,
        product_code: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.key = new_key()
        self.booking: BookingResult | None = None
        self._pending = False
        self.setWindowTitle(self.title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        heading = QLabel(self.title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.form = Form()
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addLayout(self._buttons())
        self.build_fields(location_code=location_code, product_code=product_code)
        self.start(product_code)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        hint = QLabel(_("Enter = bevestigen · Esc = annuleren"))
        hint.setEnabled(False)
        row.addWidget(hint)
        row.addStretch(1)
        self.cancel_button = QPushButton(_("Annuleren"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = QPushButton(self.confirm_text or _("Boeken"))
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.accept)
        row.addWidget(self.cancel_button)
        row.addWidget(self.confirm_button)
        return row

    # --- for subclasses ------------------------------------------------------------------
    def build_fields(self, *, location_code: str | None, product_code: str | None) -> None:
        raise NotImplementedError

    def start(self, product_code: str | None) -> None:
        """Hook: called once every field exists (preselect the product, load its lots)."""

    def service_call(self) -> ServiceCall:
        """The service function and its keyword arguments; may raise a DomainError for
        input that cannot even be sent (a quantity that is not a number, a bad date)."""
        raise NotImplementedError

    def on_failed(self, error: DomainError) -> None:
        """Hook: e.g. the pickup dialog shows the reason field after an expired-lot error."""

    @staticmethod
    def quantity(text: str) -> int:
        return parse_quantity(text)

    # --- booking -------------------------------------------------------------------------
    def accept(self) -> None:
        if self._pending:  # a second Enter while the first is on its way: ignore it
            return
        self.form.clear_errors()
        try:
            function, kwargs = self.service_call()
        except DomainError as error:
            self.form.show_error(error)
            return
        self._set_pending(True)
        self.context.runner.call(
            function,
            key=self.key,
            actor=self.context.actor,
            on_done=self._on_runner_done,
            on_error=self._on_runner_error,
            **kwargs,
        )

    def _set_pending(self, pending: bool) -> None:
        self._pending = pending
        self.confirm_button.setEnabled(not pending)
        self.setCursor(Qt.CursorShape.BusyCursor if pending else Qt.CursorShape.ArrowCursor)

    def _on_runner_done(self, result: BookingResult) -> None:
        self._set_pending(False)
        self.booking = result
        self.context.notify_booked(result)
        super().accept()

    def _on_runner_error(self, error: BaseException) -> None:
        self._set_pending(False)
        if isinstance(error, DomainError):
            self.form.show_error(error)
            self.on_failed(error)
            return
        log.error("booking failed", exc_info=error)
        self.form.show_error(
            RuntimeError(
                _(
                    "Er ging iets onverwachts mis; er werd niets geboekt. Probeer opnieuw of meld het "
                    "aan de functioneel beheerder (details in het logbestand)."
                )
            )
        )
