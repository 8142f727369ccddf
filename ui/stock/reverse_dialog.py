"""Boeking terugdraaien (storno): the booking's lines and what the storno will do to each
level, a reason (required, the cursor starts there), and Terugdraaien, which is the default
button only once a reason is typed: a stray Enter from a scanner never reverses a booking.
A refusal (reversed before, a storno, not enough stock left) is shown here as a sentence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.i18n import _, format_date, format_datetime
from carma_logistiek.services.results import BookingResult, MovementRow
from ui.ops import stock as stock_ops
from ui.shell.theme import BadgeDelegate
from ui.widgets.formats import local_time
from ui.widgets.forms import FieldFirstDialog, Form, MissingInput
from ui.widgets.sizing import fit_on_screen
from ui.widgets.table_model import RIGHT, Column, RowTableModel

if TYPE_CHECKING:
    from carma_logistiek.services.stock.reversal import BookingToReverse, ReversalLine
    from ui.shell.context import AppContext


def line_columns() -> list[Column[ReversalLine]]:
    return [
        Column(_("Product"), lambda r: r.product_name, tooltip=lambda r: r.product_code),
        Column(_("Lot"), lambda r: (r.lot_number + (f" ({format_date(r.expiry)})"
                                                    if r.expiry else "")) if r.lot_number
               else _("(zonder lot)")),
        Column(_("Locatie"), lambda r: r.location_name, tooltip=lambda r: r.location_code),
        Column(_("Geboekt"), lambda r: f"{r.quantity:+d} {r.unit}", align=RIGHT),
        Column(_("Storno"), lambda r: f"{r.storno_quantity:+d} {r.unit}", align=RIGHT),
        Column(_("Nu → daarna"), lambda r: f"{r.level_now} → {r.level_after}", align=RIGHT,
               highlight=lambda r: "problem" if r.level_after < 0 else None),
    ]


class ReverseBookingDialog(FieldFirstDialog):
    """Reverse booking ``booking_id``; ``self.booking`` is the storno once it is booked."""

    def __init__(self, context: AppContext, booking_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.booking_id = booking_id
        self.key = stock_ops.new_request_key()
        self.booking: BookingResult | None = None
        self.original: BookingToReverse | None = None
        self._pending = False
        self.setWindowTitle(_("Boeking #{booking} terugdraaien", booking=booking_id))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        heading = QLabel(self.windowTitle())
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.summary = QLabel(_("Boeking wordt gelezen…"))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.lines = QTableView()
        self.lines.setModel(RowTableModel(line_columns(), self.lines))
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.verticalHeader().hide()
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # names whole
        layout.addWidget(self.lines)
        self.form = Form()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Waarom was de boeking fout? (verplicht)"))
        self.reason.setMaxLength(500)
        self.reason.textChanged.connect(self._on_reason_text_changed)
        self.form.add("reason", _("Reden:"), self.reason)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addLayout(self._buttons())
        self.reason.setFocus()
        stock_ops.booking_to_reverse(context, booking_id=booking_id).success(
            self._on_original).failure(self._on_original_failed).run()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        hint = QLabel(_("Reden + Enter = terugdraaien · Esc = annuleren"))
        hint.setEnabled(False)
        row.addWidget(hint)
        row.addStretch(1)
        self.cancel_button = QPushButton(_("Annuleren"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = QPushButton(_("Terugdraaien"))
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.setEnabled(False)  # until the booking is read and may be reversed
        self.confirm_button.clicked.connect(self.accept)
        row.addWidget(self.cancel_button)
        row.addWidget(self.confirm_button)
        return row

    # --- the booking -----------------------------------------------------------------------
    def _on_original(self, original: BookingToReverse) -> None:
        self.original = original
        when = format_datetime(local_time(original.booked_at))
        text = _("{kind} van {when} door {who}", kind=original.kind.label, when=when,
                 who=original.booked_by)
        if original.note:
            text += " — " + original.note
        if original.reversible:
            text += "\n" + _("De storno boekt elke regel terug met het omgekeerde aantal; de "
                             "boeking zelf blijft in de geschiedenis staan.")
        self.summary.setText(text)
        model = self.lines.model()
        assert isinstance(model, RowTableModel)
        model.set_rows(list(original.lines))
        self._fit_lines(len(original.lines))
        if original.refusal is not None:
            self.form.show_error(original.refusal)
        self._update_confirm()

    def _fit_lines(self, count: int) -> None:
        """As tall as its lines (a transfer has two, a basket a handful), up to eight."""
        rows = max(1, min(count, 8))
        height = (self.lines.horizontalHeader().sizeHint().height()
                  + rows * self.lines.verticalHeader().defaultSectionSize()
                  + 2 * self.lines.frameWidth() + 2)
        self.lines.setFixedHeight(height)

    def _on_original_failed(self, error: BaseException) -> None:
        self.summary.setText("")
        self.form.show_error(error)

    def _on_reason_text_changed(self, _text: str) -> None:
        self.form.clear_error("reason")
        self._update_confirm()

    def _update_confirm(self) -> None:
        may = (self.original is not None and self.original.reversible and not self._pending)
        has_reason = bool(self.reason.text().strip())
        self.confirm_button.setEnabled(may)
        # The default button only with a reason: Enter in an empty field books nothing.
        self.confirm_button.setDefault(may and has_reason)

    # --- reversing -------------------------------------------------------------------------
    def accept(self) -> None:
        if self._pending or self.original is None or not self.original.reversible:
            return
        reason = self.reason.text().strip()
        if not reason:
            self.form.show_error(MissingInput("reason", _(
                "Geef een reden: waarom was boeking #{booking} fout? De reden blijft bij de "
                "storno bewaard.", booking=self.booking_id)))
            return
        self.form.clear_errors()
        self._set_pending(True)
        stock_ops.reverse_booking(self.context, booking_id=self.booking_id, reason=reason,
                                  key=self.key).success(self._on_reversed).failure(
            self._on_reverse_failed).run()

    def _set_pending(self, pending: bool) -> None:
        self._pending = pending
        self._update_confirm()
        self.setCursor(Qt.CursorShape.BusyCursor if pending else Qt.CursorShape.ArrowCursor)

    def _on_reversed(self, result: BookingResult) -> None:
        self._set_pending(False)
        self.booking = result
        super().accept()

    def _on_reverse_failed(self, error: BaseException) -> None:
        self._set_pending(False)
        self.form.show_error(error)

    def error_text(self) -> str:
        """The sentence shown (the refusal or the missing reason), for tests and screenshots."""
        texts = [self.form.general_error.text() if self.form.isRowVisible(
            self.form.general_error) else "", self.form.error_text("reason")]
        return "\n".join(text for text in texts if text)


class BookingLinesDialog(QDialog):
    """Toon boeking: every line of one booking, with its storno state (read only)."""

    def __init__(self, context: AppContext, booking_id: int, rows: Sequence[MovementRow],
                 parent: QWidget | None = None) -> None:
        from ui.stock.row_menus import HistoryTableModel, reversal_text

        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Boeking #{booking}", booking=booking_id))
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        first = rows[0] if rows else None
        kind = (MovementKind.REVERSAL.label if first is not None and first.reverses is not None
                else first.kind.label if first is not None else "")
        heading = QLabel(f"{self.windowTitle()} — {kind}" if kind else self.windowTitle())
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        # "Storno van boeking #5: reden" or "Teruggedraaid door storno #9".
        self.state = QLabel(reversal_text(first) if first is not None else "")
        self.state.setWordWrap(True)
        self.state.setVisible(bool(self.state.text()))
        layout.addWidget(self.state)
        self.table = QTableView()
        model = HistoryTableModel(self.table)
        model.set_rows(list(rows))
        self.table.setModel(model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.verticalHeader().hide()
        for column in range(model.columnCount()):  # only what this booking has
            if not any(model.column_texts(column)):
                self.table.hideColumn(column)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        # Every column in view where the screen allows (a booking has a handful of lines).
        wanted = self.table.horizontalHeader().length() + 2 * self.table.frameWidth() + 40
        self.resize(max(720, wanted), 320)
        fit_on_screen(self, QSize(480, 240))
        close = QPushButton(_("Sluiten"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
