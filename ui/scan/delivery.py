"""Levering by scanning: a GS1 code fills product, lot and expiry at once; type the quantity
(or scan each box: the same code again adds one), optionally pick the open order line, Enter
books. A location label sets where the delivery goes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from carma_logistiek.clock import local_today
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.stock import parse_quantity, receiving_checks
from carma_logistiek.i18n import _, format_date
from carma_logistiek.services.results import BookingResult, OrderLineRow, OrderRow, ProductRow
from ui.ops import orders as order_ops
from ui.ops import stock as stock_ops
from ui.ops.stock import new_request_key
from ui.scan.panel import ScanContext, ScanPanel, big_font
from ui.widgets.forms import DateEdit, Form
from ui.widgets.prompts import ask_receiving

if TYPE_CHECKING:
    from carma_logistiek.services.scans import ScanResult


class DeliveryPanel(ScanPanel):
    title = "Levering"
    mode = "delivery"

    def __init__(self, scan: ScanContext) -> None:
        super().__init__(scan)
        self.title = _("Levering")
        self.product: ProductRow | None = None
        self.key = new_request_key()
        self.pending = False
        self.product_label = QLabel(_("Scan de doos (GS1-code) of het productetiket."))
        self.product_label.setFont(big_font(self, 1.1, bold=True))
        self.product_label.setWordWrap(True)
        self.lot_edit = QLineEdit()
        self.expiry_edit = DateEdit()
        self.quantity_edit = QLineEdit()
        self.quantity_edit.setPlaceholderText(_("aantal"))
        self.order_line = QComboBox()
        for widget in (self.lot_edit, self.expiry_edit, self.quantity_edit, self.order_line):
            widget.setFont(big_font(self))
        for edit in (self.lot_edit, self.expiry_edit, self.quantity_edit):
            edit.returnPressed.connect(self.confirm)
        self.form = Form()
        self.form.add("product", _("Product"), self.product_label)
        self.form.add("lot", _("Lot"), self.lot_edit)
        self.form.add("expiry", _("Vervaldatum"), self.expiry_edit)
        self.form.add("quantity", _("Aantal"), self.quantity_edit)
        self.form.add("order_line", _("Bestelling"), self.order_line)
        book = QPushButton(_("Boeken (Enter)"))
        book.setFont(big_font(self, 1.0, bold=True))
        book.setAutoDefault(False)
        book.clicked.connect(self.confirm)
        hint = QLabel(_("Enter = boeken · Esc = formulier leegmaken"))
        hint.setEnabled(False)
        hint.setWordWrap(True)
        form_widget = QWidget()
        form_widget.setLayout(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form_widget)
        layout.addStretch(1)
        layout.addWidget(book, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(hint)
        self._reset_orders([])

    # --- scans ---------------------------------------------------------------------------
    def handle(self, result: ScanResult) -> None:
        if result.kind == "location":
            self.scan.set_location(result.code)
            self.scan.accept(
                _("Levering naar {name}.", name=self.scan.location_name(result.code))
            )
            return
        if result.product is None:
            self.scan.refuse(_("Scan een product: dit etiket hoort niet bij een levering."))
            return
        same = (
            self.product is not None
            and self.product.code == result.product.code
            and (result.lot_number or "") == self.lot_edit.text().strip()
        )
        if same:
            self.adjust(1)
            return
        self.product = result.product
        self.product_label.setText(f"{result.product.name} ({result.product.code})")
        self.lot_edit.setText(result.lot_number or "")
        self.expiry_edit.setText(format_date(result.expiry))
        self.quantity_edit.setText("1")
        self.form.clear_errors()
        order_ops.receivable_order_lines(self.context, product_code=result.product.code) \
            .success(self._reset_orders).failure(self.failed) \
            .latest_only(self, "order lines").run()
        filled = _(" met lot en vervaldatum") if result.lot_number and result.expiry else ""
        self.scan.accept(
            _(
                "{product}{filled}: typ het aantal en druk Enter.",
                product=result.product.name,
                filled=filled,
            )
        )
        self.quantity_edit.setFocus()
        self.quantity_edit.selectAll()

    def _reset_orders(self, found: list[tuple[OrderRow, OrderLineRow]]) -> None:
        self.order_numbers = {line.id: order.number for order, line in found}
        self.outstanding = {line.id: line.outstanding for _order, line in found}
        self.order_line.clear()
        self.order_line.addItem(_("Geen bestelling"), None)
        for order, line in found:
            self.order_line.addItem(
                _(
                    "{number} ({supplier}): nog {outstanding} verwacht",
                    number=order.number,
                    supplier=order.supplier or "—",
                    outstanding=line.outstanding,
                ),
                line.id,
            )
        if found:
            self.order_line.setCurrentIndex(1)

    # --- keys ----------------------------------------------------------------------------
    def adjust(self, delta: int) -> None:
        if self.product is None:
            self.scan.refuse(_("Scan eerst een product."))
            return
        text = self.quantity_edit.text().strip()
        quantity = max(1, (int(text) if text.isdigit() else 0) + delta)
        self.quantity_edit.setText(str(quantity))
        self.scan.accept(
            _("{product}: {quantity} {unit}", product=self.product.name, quantity=quantity,
              unit=self.product.unit)
        )

    def cancel_line(self) -> None:
        if self.product is None:
            return
        self._clear()
        self.scan.accept(_("Levering geschrapt."))

    def _clear(self) -> None:
        self.product = None
        self.key = new_request_key()
        self.product_label.setText(_("Scan de doos (GS1-code) of het productetiket."))
        for edit in (self.lot_edit, self.expiry_edit, self.quantity_edit):
            edit.clear()
        self.form.clear_errors()
        self._reset_orders([])

    def busy(self) -> bool:
        return False

    def has_current_line(self) -> bool:
        return self.product is not None

    def cancel_question(self) -> str:
        assert self.product is not None
        return _("De levering van {product} schrappen? Ze werd nog niet geboekt.",
                 product=self.product.name)

    def pending_work(self) -> str | None:
        if self.product is None:
            return None
        return _("Levering van {product}: nog niet geboekt.", product=self.product.name)

    # --- booking -------------------------------------------------------------------------
    def confirm(self) -> None:
        if self.pending:
            return
        location = self.scan.location_code
        if location is None:
            self.scan.refuse(
                _("Scan eerst het etiket van de locatie (of kies ze bovenaan).")
            )
            return
        if self.product is None:
            self.scan.refuse(_("Scan eerst de doos of het productetiket."))
            return
        self.form.clear_errors()
        try:
            quantity = parse_quantity(self.quantity_edit.text())
            expiry = self.expiry_edit.value()
        except DomainError as error:
            self.form.show_error(error)
            self.scan.refuse(error.message())
            return
        line_id = self.order_line.currentData()
        checks = receiving_checks(quantity=quantity, expiry=expiry, today=local_today(),
                                  outstanding=self.outstanding.get(line_id))
        asked = ask_receiving(self.context.services.prompts, self.scan.dialog_parent(), checks)
        if checks:
            self.scan.refocus()
        if not asked:
            self.scan.refuse(_("Niet geboekt: pas de levering aan, of druk opnieuw Enter en "
                               "kies \"Toch ontvangen\"."))
            return
        self.pending = True
        stock_ops.record_delivery(
            self.context,
            product_code=self.product.code,
            location_code=location,
            quantity=quantity,
            lot_number=self.lot_edit.text().strip() or None,
            expiry=expiry,
            order_line_id=line_id,
            order_number=self.order_numbers.get(line_id),
            key=self.key,
        ).success(self._on_booked).failure(self._on_booking_failed).run()

    def _on_booked(self, result: BookingResult) -> None:
        self.pending = False
        self._clear()
        self.scan.accept(_("Geleverd: {what}", what=result.summary()))

    def _on_booking_failed(self, error: BaseException) -> None:
        self.pending = False
        if isinstance(error, DomainError):
            self.form.show_error(error)
        self.failed(error)
