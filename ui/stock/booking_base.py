"""The shape every booking dialog shares: one idempotency key, Enter books, Escape cancels,
errors inline under their field, nothing booked twice.

The key is made when the dialog opens and reused for every retry, so a double Enter or a
retry after a lost connection can never book twice: the service answers a known key with the
booking it already made.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.stock import parse_quantity
from carma_logistiek.i18n import _
from carma_logistiek.services.results import BookingResult
from ui.ops.core import WriteOp
from ui.ops.stock import new_request_key
from ui.shell.context import AppContext
from ui.widgets.forms import FieldFirstDialog, Form


class BookingDialog(FieldFirstDialog):
    """Subclasses add their fields to ``self.form`` and implement ``operation``."""

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
        self.key = new_request_key()
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

    def operation(self) -> WriteOp[BookingResult]:
        """The booking (from ui/ops, with ``self.key``); may raise a DomainError for input
        that cannot even be sent (a quantity that is not a number, a bad date)."""
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
            operation = self.operation()
        except DomainError as error:
            self.form.show_error(error)
            return
        self._set_pending(True)
        operation.success(self._on_booked).failure(self._on_booking_failed).run()

    def _set_pending(self, pending: bool) -> None:
        self._pending = pending
        self.confirm_button.setEnabled(not pending)
        self.setCursor(Qt.CursorShape.BusyCursor if pending else Qt.CursorShape.ArrowCursor)

    def _on_booked(self, result: BookingResult) -> None:
        self._set_pending(False)
        self.booking = result
        super().accept()

    def _on_booking_failed(self, error: BaseException) -> None:
        self._set_pending(False)
        self.form.show_error(error)
        if isinstance(error, DomainError):
            self.on_failed(error)
