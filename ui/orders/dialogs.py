"""Dialogs of the Bestellingen screen: create/edit, receive a delivery, cancel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.clock import local_today
from carma_logistiek.domain.errors import (
    DomainError,
    OrderEmpty,
    ReasonRequired,
    SupplierRequired,
    UnknownProduct,
)
from carma_logistiek.domain.stock import ReceivingCheck, parse_quantity, receiving_checks
from carma_logistiek.i18n import _
from carma_logistiek.services.results import OrderRow
from ui.ops import orders as order_ops
from ui.ops.core import WriteOp
from ui.ops.stock import new_request_key
from ui.shell.context import AppContext
from ui.widgets.forms import (
    DateEdit,
    FieldFirstDialog,
    Form,
    FormErrors,
    LocationCombo,
    ProductPicker,
)
from ui.widgets.prompts import ask_receiving


class _EnterLineEdit(QLineEdit):
    """Enter adds a line instead of confirming the whole dialog."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class _ServiceDialog(FieldFirstDialog):
    """A form, a confirm and a cancel button; ``accept`` runs one write operation and closes
    on success, or shows the Dutch error under its field."""

    done_with = Signal(object)  # the service's result

    def __init__(
        self, context: AppContext, title: str, confirm: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._pending = False
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        self.outer = QVBoxLayout(self)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.outer.addWidget(heading)
        self.form = Form()
        self.outer.addLayout(self.form)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.cancel_button = QPushButton(_("Terug"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = QPushButton(confirm)
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.accept)
        self.buttons.addWidget(self.cancel_button)
        self.buttons.addWidget(self.confirm_button)

    def finish_layout(self) -> None:
        self.outer.addStretch(1)
        self.outer.addLayout(self.buttons)

    def operation(self) -> WriteOp[Any]:
        raise NotImplementedError

    def accept(self) -> None:
        if self._pending:
            return
        self.form.clear_errors()
        try:
            operation = self.operation()
        except DomainError as error:
            self.form.show_error(error)
            return
        self._pending = True
        self.confirm_button.setEnabled(False)
        operation.success(self._on_done).failure(self._on_failed).run()

    def _on_done(self, result: object) -> None:
        self._pending = False
        self.confirm_button.setEnabled(True)
        self.done_with.emit(result)
        super().accept()

    def _on_failed(self, error: BaseException) -> None:
        self._pending = False
        self.confirm_button.setEnabled(True)
        self.form.show_error(error)


class OrderEditDialog(_ServiceDialog):
    """New order, or changes to one that is not delivered or cancelled yet."""

    def __init__(
        self,
        context: AppContext,
        order: OrderRow | None = None,
        location_code: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            _("Bestelling {number} wijzigen", number=order.number)
            if order
            else _("Nieuwe bestelling")
        )
        super().__init__(context, title, _("Opslaan"), parent)
        self.order = order
        self.supplier = QLineEdit(order.supplier if order else "")
        self.location = LocationCombo(context.locations)
        self.location.set_code(order.location_code if order else location_code)
        self.note = QLineEdit(order.note if order else "")
        self.lines = QTableWidget(0, 3)
        self.lines.setHorizontalHeaderLabels([_("Code"), _("Product"), _("Hoeveelheid")])
        self.lines.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().setVisible(False)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setMinimumHeight(160)
        self.new_product = ProductPicker(context.products)
        self.new_quantity = _EnterLineEdit()
        self.new_quantity.setPlaceholderText(_("aantal, Enter = toevoegen"))
        self.new_quantity.setMinimumWidth(150)
        self.new_quantity.entered.connect(self._on_new_quantity_entered)
        add = QPushButton(_("Toevoegen"))
        add.setAutoDefault(False)
        add.clicked.connect(self._on_new_quantity_entered)
        remove = QPushButton(_("Regel verwijderen (Del)"))
        remove.setAutoDefault(False)
        remove.clicked.connect(self._on_remove_clicked)
        adder = QHBoxLayout()
        adder.addWidget(self.new_product, 3)
        adder.addWidget(self.new_quantity, 1)
        adder.addWidget(add)
        adder.addWidget(remove)
        self.form.add("supplier", _("Leverancier"), self.supplier)
        self.form.add("location", _("Leveren op"), self.location)
        self.form.add("note", _("Opmerking"), self.note)
        self.form.add("lines", _("Bestellijnen"), self.lines)
        self.form.add("quantity", _("Lijn toevoegen"), _wrap(adder))
        self.form.add_alias("product", "quantity", self.new_product)
        # A product code is checked when it is typed; the sentence goes once it is changed.
        self.new_product.editingFinished.connect(self._on_new_product_editing_finished)
        self.new_product.textChanged.connect(self._on_new_line_text_changed)
        self.new_quantity.textChanged.connect(self._on_new_line_text_changed)
        self.supplier.textChanged.connect(lambda _text: self.form.clear_error("supplier"))
        for line in order.lines if order else ():
            self._add_line(line.product_code, line.product_name, line.quantity_ordered)
        self.finish_layout()
        self.supplier.setFocus()

    def _add_line(self, code: str, name: str, quantity: int) -> None:
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        for column, text in enumerate((code, name, str(quantity))):
            item = QTableWidgetItem(text)
            if column == 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, column, item)

    def _on_new_product_editing_finished(self) -> None:
        code = self.new_product.code()
        if code and self.new_product.product() is None:
            self.form.clear_error("product")
            self.form.show_error(UnknownProduct(code=code))

    def _on_new_line_text_changed(self, _text: str) -> None:
        self.form.clear_error("quantity")

    def _on_new_quantity_entered(self) -> None:
        self.form.clear_errors()
        errors = self._add_typed_line()
        if errors:
            self.form.show_error(FormErrors(errors))

    def _add_typed_line(self) -> list[DomainError]:
        """The line being typed into the table; what is wrong with it (nothing: added)."""
        errors: list[DomainError] = []
        product = self.new_product.product()
        try:
            code = self.new_product.required_code()
            if product is None:
                errors.append(UnknownProduct(code=code))
        except DomainError as error:
            errors.append(error)
        try:
            quantity = parse_quantity(self.new_quantity.text())
        except DomainError as error:
            errors.append(error)
        if errors or product is None:
            return errors
        self._add_line(product.code, product.name, quantity)
        self.new_product.clear()
        self.new_quantity.clear()
        self.new_product.setFocus()
        return []

    def _on_remove_clicked(self) -> None:
        row = self.lines.currentRow()
        if row >= 0:
            self.lines.removeRow(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.lines.hasFocus():
            self._on_remove_clicked()
            return
        super().keyPressEvent(event)

    def line_inputs(self) -> list[tuple[str, int]]:
        def text(row: int, column: int) -> str:
            item = self.lines.item(row, column)
            return item.text() if item is not None else ""

        return [(text(row, 0), int(text(row, 2))) for row in range(self.lines.rowCount())]

    def operation(self) -> WriteOp[Any]:
        """Everything that is wrong is said at once, each next to its field."""
        errors: list[DomainError] = []
        if not self.supplier.text().strip():
            errors.append(SupplierRequired())
        if self.new_product.text().strip() or self.new_quantity.text().strip():
            errors += self._add_typed_line()  # a typed but not yet added line counts
        lines = self.line_inputs()
        if not lines:
            errors.append(OrderEmpty())
        if errors:
            raise FormErrors(errors)
        supplier, location, note = self.supplier.text(), self.location.code(), self.note.text()
        if self.order is None:
            return order_ops.create_order(self.context, supplier=supplier,
                                          location_code=location, lines=lines, note=note)
        return order_ops.update_order(self.context, number=self.order.number, supplier=supplier,
                                      location_code=location, lines=lines, note=note)


class ReceiveDialog(_ServiceDialog):
    """Levering ontvangen against one order line; partial deliveries allowed."""

    def __init__(self, context: AppContext, order: OrderRow, parent: QWidget | None = None) -> None:
        super().__init__(
            context, _("Levering ontvangen — {number}", number=order.number), _("Ontvangen"), parent
        )
        self.order = order
        self.key = new_request_key()  # one per dialog: a retry never receives twice
        self.line = QComboBox()
        for line in order.lines:
            if line.outstanding > 0:
                self.line.addItem(
                    _(
                        "{code} — {name}: nog {outstanding} van {ordered} {unit}",
                        code=line.product_code,
                        name=line.product_name,
                        outstanding=line.outstanding,
                        ordered=line.quantity_ordered,
                        unit=line.unit,
                    ),
                    line.id,
                )
        self.quantity = QLineEdit()
        self.lot = QLineEdit()
        self.expiry = DateEdit()
        self.location = LocationCombo(context.locations)
        self.location.set_code(order.location_code)
        self.note = QLineEdit()
        self.form.add("order_line", _("Bestellijn"), self.line)
        self.form.add("quantity", _("Hoeveelheid"), self.quantity)
        self.form.add("lot", _("Lotnummer"), self.lot)
        self.form.add("expiry", _("Vervaldatum"), self.expiry)
        self.form.add("location", _("Locatie"), self.location)
        self.form.add("note", _("Opmerking"), self.note)
        self.line.currentIndexChanged.connect(self._on_line_current_index_changed)
        self._on_line_current_index_changed(self.line.currentIndex())
        self.finish_layout()
        self.quantity.setFocus()

    def _on_line_current_index_changed(self, _index: int) -> None:
        line = next((line for line in self.order.lines if line.id == self.line.currentData()), None)
        self.quantity.setText(str(line.outstanding) if line else "")
        self.quantity.selectAll()
        product = self.context.product(line.product_code) if line else None
        self.form.set_row_visible("lot", product is None or product.tracks_lots)
        self.form.set_row_visible("expiry", product is None or product.tracks_expiry)

    def accept(self) -> None:
        """Goods already expired, or more than the line still expects: asked first."""
        if not self._pending and not ask_receiving(
            self.context.services.prompts, self, self.receiving_checks()
        ):
            return
        super().accept()

    def receiving_checks(self) -> list[ReceivingCheck]:
        line = next((line for line in self.order.lines if line.id == self.line.currentData()), None)
        try:  # unreadable input: the booking itself shows the sentence next to the field
            quantity = parse_quantity(self.quantity.text())
            expiry = self.expiry.value()
        except DomainError:
            return []
        return receiving_checks(quantity=quantity, expiry=expiry, today=local_today(),
                                outstanding=line.outstanding if line else None)

    def operation(self) -> WriteOp[Any]:
        return order_ops.receive_order_line(
            self.context,
            order_number=self.order.number,
            order_line_id=self.line.currentData(),
            quantity=parse_quantity(self.quantity.text()),
            lot_number=self.lot.text().strip() or None,
            expiry=self.expiry.value(),
            location_code=self.location.code(),
            note=self.note.text().strip(),
            key=self.key,
        )


class CancelOrderDialog(_ServiceDialog):
    """The one confirmation in the app: a cancelled order cannot be reopened."""

    def __init__(self, context: AppContext, order: OrderRow, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            _("Bestelling {number} annuleren", number=order.number),
            _("Bestelling annuleren"),
            parent,
        )
        self.order = order
        warning = QLabel(
            _(
                "Een geannuleerde bestelling kan niet heropend worden. Wat al "
                "geleverd is, blijft geleverd."
            )
        )
        warning.setWordWrap(True)
        self.outer.insertWidget(1, warning)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Waarom wordt deze bestelling geannuleerd?"))
        self.form.add("reason", _("Reden"), self.reason)
        self.finish_layout()
        self.reason.setFocus()

    def operation(self) -> WriteOp[Any]:
        if not self.reason.text().strip():
            raise ReasonRequired()
        return order_ops.cancel_order(self.context, number=self.order.number,
                                      reason=self.reason.text())


def _wrap(layout: QHBoxLayout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget
