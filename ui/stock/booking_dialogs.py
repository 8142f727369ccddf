"""The six stock bookings as keyboard-first dialogs: levering, afhaling, verbruik,
overboeking, telling, afboeking vervallen."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from carma_logistiek.clock import local_today
from carma_logistiek.domain.errors import DomainError, ExpiredLot
from carma_logistiek.domain.stock import ReceivingCheck, parse_count, receiving_checks
from carma_logistiek.i18n import _, format_date
from carma_logistiek.services.results import (
    BookingResult,
    OrderLineRow,
    OrderRow,
    PickupLot,
)
from ui.ops import orders as order_ops
from ui.ops import stock as stock_ops
from ui.ops.core import WriteOp
from ui.stock.booking_base import BookingDialog
from ui.widgets.forms import DateEdit, LocationCombo, MissingInput, ProductPicker
from ui.widgets.prompts import ask_receiving
from ui.widgets.recipient_picker import RecipientPicker


class _StockDialog(BookingDialog):
    """Location + product first; lots are (re)loaded whenever either changes."""

    lots_loaded_count = 0  # how many times lots arrived (tests wait on it)
    after_product: QWidget  # the field that gets the focus once the product is known

    def add_location_and_product(
        self, location_code: str | None, product_code: str | None, *, location_label: str = ""
    ) -> None:
        self.location = LocationCombo(self.context.locations)
        self.location.set_code(location_code)
        self.form.add("location", location_label or _("Locatie"), self.location)
        self.product = ProductPicker(self.context.products)
        self.form.add("product", _("Product"), self.product)
        self.product.product_chosen.connect(self._on_product_product_chosen)
        self.location.currentIndexChanged.connect(self._on_location_current_index_changed)
        self.product.setFocus()

    def start(self, product_code: str | None) -> None:
        if product_code:
            self.product.set_code(product_code)
            self.after_product.setFocus()  # product known: go straight to the next field
        else:
            self.product_changed()

    def _on_product_product_chosen(self, _code: str) -> None:
        self.product_changed()

    def _on_location_current_index_changed(self, _index: int) -> None:
        if self.product.product() is not None:
            self.product_changed()

    def product_changed(self) -> None:
        """Hook for subclasses: load lots, show or hide lot rows."""

    def load_lots(self) -> None:
        product = self.product.product()
        if product is None or not product.tracks_lots:
            return
        stock_ops.pickup_lots(
            self.context, product_code=product.code, location_code=self.location.code()
        ).success(self._on_lots).failure(self.form.show_error).latest_only(self, "lots").run()

    def _on_lots(self, lots: list[PickupLot]) -> None:
        self.lots_loaded_count += 1
        self.show_lots(lots)

    def show_lots(self, lots: list[PickupLot]) -> None:
        raise NotImplementedError

    @staticmethod
    def lot_text(lot: PickupLot, unit: str) -> str:
        expiry = format_date(lot.expiry) if lot.expiry else _("geen vervaldatum")
        text = _(
            "{lot} — vervalt {expiry} — {quantity} {unit}",
            lot=lot.lot_number,
            expiry=expiry,
            quantity=lot.quantity,
            unit=unit,
        )
        if lot.expired:
            text += " — " + _("VERVALLEN")
        elif lot.suggested:
            text += " — " + _("voorgesteld (eerst vervallend)")
        return text

    def unit(self) -> str:
        product = self.product.product()
        return product.unit if product else ""


class PickupDialog(_StockDialog):
    """Afhaling: the FEFO lot is preselected; an expired lot needs a reason."""

    consumption = False  # Verbruik books the same form as consumption

    @property
    def title(self) -> str:  # type: ignore[override]
        return _("Afhaling")

    def build_fields(self, *, location_code: str | None, product_code: str | None) -> None:
        self.quantity_edit = QLineEdit("1")
        self.lot = QComboBox()
        self.lot.addItem(_("Automatisch (eerst vervallend lot)"), None)
        self.recipient = RecipientPicker()
        self.recipient.load(self.context, self.form.show_error)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Waarom wordt een vervallen lot toch uitgegeven?"))
        self.note = QLineEdit()
        self.add_location_and_product(location_code, product_code)
        self.after_product = self.quantity_edit
        self.form.add("quantity", _("Hoeveelheid"), self.quantity_edit)
        self.form.add("lot", _("Lot"), self.lot)
        self.form.add("recipient", _("Voor wie"), self.recipient)
        self.form.add("reason", _("Reden (vervallen lot)"), self.reason)
        self.form.add("note", _("Opmerking"), self.note)
        self.form.set_row_visible("reason", False)
        self.lot.currentIndexChanged.connect(self._on_lot_current_index_changed)
        self._lots: list[PickupLot] = []

    def product_changed(self) -> None:
        product = self.product.product()
        self.form.set_row_visible("lot", bool(product and product.tracks_lots))
        self.load_lots()

    def show_lots(self, lots: list[PickupLot]) -> None:
        self._lots = lots
        self.lot.blockSignals(True)
        self.lot.clear()
        self.lot.addItem(_("Automatisch (eerst vervallend lot)"), None)
        for lot in lots:
            self.lot.addItem(self.lot_text(lot, self.unit()), lot.lot_number)
            if lot.suggested:
                self.lot.setCurrentIndex(self.lot.count() - 1)
        self.lot.blockSignals(False)
        self._on_lot_current_index_changed(self.lot.currentIndex())

    def selected_lot(self) -> PickupLot | None:
        number = self.lot.currentData()
        return next((lot for lot in self._lots if lot.lot_number == number), None)

    def _on_lot_current_index_changed(self, _index: int) -> None:
        lot = self.selected_lot()
        self.form.set_row_visible("reason", bool(lot and lot.expired))

    def on_failed(self, error: DomainError) -> None:
        if isinstance(error, ExpiredLot):
            self.form.set_row_visible("reason", True)
            self.reason.setFocus()

    def operation(self) -> WriteOp[BookingResult]:
        reason = self.reason.text().strip() if self.reason.isVisibleTo(self) else ""
        return stock_ops.record_pickup(
            self.context,
            product_code=self.product.required_code(),
            location_code=self.location.code(),
            quantity=self.quantity(self.quantity_edit.text()),
            lot_number=self.lot.currentData() if self.lot.isVisibleTo(self) else None,
            recipient=self.recipient.recipient(),
            override_reason=reason or None,
            note=self.note.text().strip(),
            key=self.key,
            consumption=self.consumption,
        )


class ConsumptionDialog(PickupDialog):
    """Verbruik: the same form as a pickup, booked as consumption."""

    consumption = True

    @property
    def title(self) -> str:  # type: ignore[override]
        return _("Verbruik")


class DeliveryDialog(_StockDialog):
    """Levering: lot and expiry for tracked products, optionally against an order line."""

    @property
    def title(self) -> str:  # type: ignore[override]
        return _("Levering")

    def build_fields(self, *, location_code: str | None, product_code: str | None) -> None:
        self.quantity_edit = QLineEdit()
        self.lot_edit = QLineEdit()
        self.expiry = DateEdit()
        self.order_line = QComboBox()
        self.order_line.addItem(_("Geen bestelling"), None)
        self.note = QLineEdit()
        self.add_location_and_product(location_code, product_code)
        self.after_product = self.quantity_edit
        self.form.add("quantity", _("Hoeveelheid"), self.quantity_edit)
        self.form.add("lot", _("Lotnummer"), self.lot_edit)
        self.form.add("expiry", _("Vervaldatum"), self.expiry)
        self.form.add("order_line", _("Bestellijn"), self.order_line)
        self.form.add("note", _("Opmerking"), self.note)

    def product_changed(self) -> None:
        product = self.product.product()
        tracked = bool(product and product.tracks_lots)
        self.form.set_row_visible("lot", tracked or product is None)
        self.form.set_row_visible("expiry", bool(product is None or product.tracks_expiry))
        if product is not None:
            order_ops.receivable_order_lines(self.context, product_code=product.code).success(
                self._on_order_lines
            ).failure(self.form.show_error).latest_only(self, "order lines").run()

    def _on_order_lines(self, rows: list[tuple[OrderRow, OrderLineRow]]) -> None:
        self._order_numbers = {line.id: order.number for order, line in rows}
        self._outstanding = {line.id: line.outstanding for _order, line in rows}
        self.order_line.clear()
        self.order_line.addItem(_("Geen bestelling"), None)
        for order, line in rows:
            self.order_line.addItem(
                _(
                    "{number} ({supplier}) — nog {outstanding} van {ordered}",
                    number=order.number,
                    supplier=order.supplier,
                    outstanding=line.outstanding,
                    ordered=line.quantity_ordered,
                ),
                line.id,
            )

    def accept(self) -> None:
        """Goods already expired, or more than the order line expects: asked first."""
        if not self._pending and not ask_receiving(
            self.context.services.prompts, self, self.receiving_checks()
        ):
            return
        super().accept()

    def receiving_checks(self) -> list[ReceivingCheck]:
        try:  # unreadable input: the booking itself shows the sentence next to the field
            quantity = self.quantity(self.quantity_edit.text())
            expiry = self.expiry.value()
        except DomainError:
            return []
        outstanding = getattr(self, "_outstanding", {}).get(self.order_line.currentData())
        return receiving_checks(quantity=quantity, expiry=expiry, today=local_today(),
                                outstanding=outstanding)

    def operation(self) -> WriteOp[BookingResult]:
        line_id = self.order_line.currentData()
        return stock_ops.record_delivery(
            self.context,
            product_code=self.product.required_code(),
            location_code=self.location.code(),
            quantity=self.quantity(self.quantity_edit.text()),
            lot_number=self.lot_edit.text().strip() or None,
            expiry=self.expiry.value(),
            order_line_id=line_id,
            order_number=getattr(self, "_order_numbers", {}).get(line_id),
            note=self.note.text().strip(),
            key=self.key,
        )


class TransferDialog(_StockDialog):
    """Overboeking between two stock locations."""

    @property
    def title(self) -> str:  # type: ignore[override]
        return _("Overboeking")

    def build_fields(self, *, location_code: str | None, product_code: str | None) -> None:
        self.quantity_edit = QLineEdit()
        self.lot = QComboBox()
        self.lot.addItem(_("Automatisch (eerst vervallend lot)"), None)
        self.to_location = LocationCombo(self.context.locations,
                                         choose_text=_("— kies de bestemming —"))
        self.note = QLineEdit()
        self.add_location_and_product(location_code, product_code, location_label=_("Van locatie"))
        self.after_product = self.to_location
        self.form.add("to_location", _("Naar locatie"), self.to_location)
        self.form.add("quantity", _("Hoeveelheid"), self.quantity_edit)
        self.form.add("lot", _("Lot"), self.lot)
        self.form.add("note", _("Opmerking"), self.note)
        self.setTabOrder(self.product, self.to_location)
        self.setTabOrder(self.to_location, self.quantity_edit)

    def product_changed(self) -> None:
        self.load_lots()

    def show_lots(self, lots: list[PickupLot]) -> None:
        self.lot.clear()
        self.lot.addItem(_("Automatisch (eerst vervallend lot)"), None)
        for lot in lots:
            self.lot.addItem(self.lot_text(lot, self.unit()), lot.lot_number)

    def operation(self) -> WriteOp[BookingResult]:
        product_code = self.product.required_code()
        if not self.to_location.code():
            raise MissingInput("to_location", _("Kies de locatie waar het naartoe gaat."))
        return stock_ops.record_transfer(
            self.context,
            product_code=product_code,
            from_location=self.location.code(),
            to_location=self.to_location.code(),
            quantity=self.quantity(self.quantity_edit.text()),
            lot_number=self.lot.currentData(),
            note=self.note.text().strip(),
            key=self.key,
        )


class CountDialog(_StockDialog):
    """Telling: what is on the shelf; the difference is booked as a correction."""

    confirm_text = ""

    @property
    def title(self) -> str:  # type: ignore[override]
        return _("Telling")

    def build_fields(self, *, location_code: str | None, product_code: str | None) -> None:
        self.lot = QComboBox()
        self.lot.setEditable(True)
        self.expiry = DateEdit()
        self.counted = QLineEdit()
        self.booked_text = QLabel()
        self.note = QLineEdit()
        self.add_location_and_product(location_code, product_code)
        self.after_product = self.counted
        self.form.add("lot", _("Lot"), self.lot)
        self.form.add("expiry", _("Vervaldatum (nieuw lot)"), self.expiry)
        self.form.add("booked", _("Volgens de boeken"), self.booked_text)
        self.form.add("quantity", _("Geteld"), self.counted)
        self.form.add("note", _("Opmerking"), self.note)

    def product_changed(self) -> None:
        product = self.product.product()
        tracked = bool(product and product.tracks_lots)
        self.form.set_row_visible("lot", tracked)
        self.form.set_row_visible("expiry", bool(product and product.tracks_expiry))
        self.lot.clear()
        self.booked_text.clear()
        self.load_lots()

    def show_lots(self, lots: list[PickupLot]) -> None:
        self._lots = lots
        self.lot.clear()
        for lot in lots:
            self.lot.addItem(lot.lot_number, lot.lot_number)
        self.booked_text.setText(
            ", ".join(f"{lot.lot_number}: {lot.quantity} {self.unit()}" for lot in lots)
            or _("niets")
        )

    def operation(self) -> WriteOp[BookingResult]:
        counted = parse_count(self.counted.text())
        product = self.product.product()
        lot = self.lot.currentText().strip() if product and product.tracks_lots else None
        line = (self.product.required_code(), counted, lot or None, self.expiry.value())
        return stock_ops.record_count(
            self.context,
            location_code=self.location.code(),
            lines=[line],
            note=self.note.text().strip(),
            key=self.key,
        )


class WriteOffDialog(_StockDialog):
    """Afboeking vervallen: every expired lot, or one lot (whole or partly)."""

    @property
    def title(self) -> str:  # type: ignore[override]
        return _("Afboeking vervallen")

    def build_fields(self, *, location_code: str | None, product_code: str | None) -> None:
        self.lot = QComboBox()
        self.lot.addItem(_("Alle vervallen loten"), None)
        self.quantity_edit = QLineEdit()
        self.quantity_edit.setPlaceholderText(_("leeg = het hele lot"))
        self.note = QLineEdit()
        self.add_location_and_product(location_code, product_code)
        self.after_product = self.lot
        self.form.add("lot", _("Lot"), self.lot)
        self.form.add("quantity", _("Hoeveelheid"), self.quantity_edit)
        self.form.add("note", _("Opmerking"), self.note)

    def product_changed(self) -> None:
        self.load_lots()

    def show_lots(self, lots: list[PickupLot]) -> None:
        self.lot.clear()
        self.lot.addItem(_("Alle vervallen loten"), None)
        for lot in lots:
            if lot.expired:
                self.lot.addItem(self.lot_text(lot, self.unit()), lot.lot_number)

    def operation(self) -> WriteOp[BookingResult]:
        text = self.quantity_edit.text().strip()
        return stock_ops.write_off_expired(
            self.context,
            product_code=self.product.required_code(),
            location_code=self.location.code(),
            lot_number=self.lot.currentData(),
            quantity=self.quantity(text) if text else None,
            note=self.note.text().strip(),
            key=self.key,
        )


DIALOGS: dict[str, type[BookingDialog]] = {
    "delivery": DeliveryDialog,
    "pickup": PickupDialog,
    "consumption": ConsumptionDialog,
    "transfer": TransferDialog,
    "count": CountDialog,
    "write_off": WriteOffDialog,
}
