"""Afhaling by scanning: a basket of lines, booked together with Enter.

Each product scan adds a line of 1 (scanning it again adds 1); a lot label picks that lot,
otherwise FEFO decides at booking time (the suggested lot is shown). Enter books the whole
basket in one transaction with one idempotency key, kept across retries, so a retry never
books twice. Escape drops the current line only.

"Voor wie": a staff, vehicle, kit or boutique-order label scanned sets the recipient, or the
clerk types part of a name or code in the recipient picker (ui/widgets/recipient_picker.py)
and picks with the arrows and Enter; either way the field shows who it is by name. A
location label sets the session location when none is set yet; once one is set, a location
label names where the goods go (a cabinet, a vehicle store), since the clerk stands at the
storeroom they picked for the whole session. The picker at the top changes the storeroom.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.recipients import InvalidStaffNumber, is_staff_number
from carma_logistiek.i18n import _, format_date, ngettext
from carma_logistiek.services.results import BookingResult, PickupLot, ProductRow, Recipient
from ui.ops import stock as stock_ops
from ui.ops.stock import new_request_key
from ui.scan.panel import BigTable, ScanContext, ScanPanel, big_font
from ui.widgets.recipient_picker import RecipientPicker

if TYPE_CHECKING:
    from carma_logistiek.services.scans import ScanResult

RECIPIENT_KINDS = {"staff": "staff", "vehicle": "vehicle", "kit": "kit", "boutique_order": "order"}


@dataclass(frozen=True)
class BasketEntry:
    product: ProductRow
    quantity: int
    lot_number: str | None  # chosen by a lot label (or for an expired lot); None = FEFO
    shown_lot: str  # what the line shows: the chosen or the suggested lot
    expiry: date | None
    available: int
    override_reason: str | None = None


class PickupPanel(ScanPanel):
    title = "Afhaling"
    mode = "pickup"

    def __init__(self, scan: ScanContext) -> None:
        super().__init__(scan)
        self.title = _("Afhaling")
        self.entries: list[BasketEntry] = []
        self.current: int | None = None
        self.key = new_request_key()
        self.pending = False
        self._reason: str | None = None
        self.recipient_edit = RecipientPicker()
        self.recipient_edit.setFont(big_font(self, 0.9))
        self.recipient_edit.setPlaceholderText(
            _("optioneel: scan een etiket of typ een naam, nummer of code")
        )
        self.recipient_edit.recipient_chosen.connect(self._on_recipient_edit_recipient_chosen)
        self.table = BigTable([_("Product"), _("Lot"), _("Vervaldatum"), _("Aantal")])
        self.total_label = QLabel()
        self.total_label.setFont(big_font(self, 0.9, bold=True))
        self.total_label.setWordWrap(True)  # the screen fits 1024 px beside the camera
        clear = QPushButton(_("Mand leegmaken (Ctrl+Del)"))
        clear.clicked.connect(self.clear_all)
        book = QPushButton(_("Boeken (Enter)"))
        book.setFont(big_font(self, 1.0, bold=True))
        book.clicked.connect(self.confirm)
        for button in (clear, book):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.total_label, 1)
        buttons.addWidget(clear)
        buttons.addWidget(book)
        hint = QLabel(
            _("Enter = boeken · Esc = huidige lijn weg · + / − = aantal van de huidige lijn")
        )
        hint.setEnabled(False)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        recipient_row = QHBoxLayout()
        recipient_label = QLabel(_("Voor &wie:"))
        recipient_label.setFont(big_font(self, 0.9))
        recipient_label.setBuddy(self.recipient_edit)  # Alt+W
        recipient_row.addWidget(recipient_label)
        recipient_row.addWidget(self.recipient_edit, 1)
        layout.addLayout(recipient_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        self._show()
        self.context.when_masterdata_loaded(self._load_recipients)
        self.context.changed.connect(self._on_context_changed)

    # --- voor wie ------------------------------------------------------------------------
    def _load_recipients(self) -> None:
        self.recipient_edit.load(self.context, self.failed)

    def _on_context_changed(self, changes: Changes) -> None:
        if changes.locations or changes.kits:  # a new vehicle or kit is offered at once
            self._load_recipients()

    def _on_recipient_edit_recipient_chosen(self, _recipient: Recipient) -> None:
        self.scan.refocus()  # picked: the next scan or Enter goes to the basket again

    # --- scans ---------------------------------------------------------------------------
    def handle(self, result: ScanResult) -> None:
        self.recipient_edit.hide_matches()  # a scan closes the list of matches, if open
        if result.kind == "location":
            self._location_scanned(result)
        elif result.kind in RECIPIENT_KINDS:
            if result.kind == "staff" and not is_staff_number(result.code):
                self.scan.refuse(InvalidStaffNumber(code=result.code).message())
                return
            self.recipient_edit.set_recipient(Recipient(RECIPIENT_KINDS[result.kind], result.code))
            self.scan.accept(_("Voor wie: {who}", who=self.recipient_edit.text()))
        elif result.product is not None:
            self._product_scanned(result)
        else:
            self.scan.refuse(_("Dit etiket kan niet afgehaald worden."))

    def _location_scanned(self, result: ScanResult) -> None:
        code = result.code
        if self.scan.location_code is None:
            self.scan.set_location(code)
            self.scan.accept(
                _("Locatie: {name}. Scan nu de producten.", name=self.scan.location_name())
            )
        elif code == self.scan.location_code:
            self.scan.accept(_("U haalt al af in {name}.", name=self.scan.location_name()))
        else:
            self.recipient_edit.set_recipient(Recipient("location", code))
            self.scan.accept(
                _(
                    "Voor wie: {name}. (De afhaallocatie wijzigt u bovenaan.)",
                    name=self.scan.location_name(code),
                )
            )

    def _product_scanned(self, result: ScanResult) -> None:
        location = self.scan.location_code
        if location is None:
            self.scan.refuse(
                _("Scan eerst het etiket van de locatie (of kies ze bovenaan), dan de producten.")
            )
            return
        stock_ops.pickup_lots(self.context, product_code=result.code, location_code=location) \
            .success(partial(self._on_lots_loaded, result)) \
            .failure(self.failed).run()

    def _on_lots_loaded(self, result: ScanResult, lots: list[PickupLot]) -> None:
        product = result.product
        assert product is not None
        wanted = result.lot_number if result.kind == "lot" or result.lot_number else None
        if wanted:
            lot = next((lot for lot in lots if lot.lot_number == wanted), None)
            if lot is None:
                self.scan.refuse(
                    _(
                        "Van lot {lot} van {product} ligt niets in {location}. Scan een ander lot.",
                        lot=wanted,
                        product=product.name,
                        location=self.scan.location_name(),
                    )
                )
                return
            entry = BasketEntry(
                product, 1, lot.lot_number, lot.lot_number, lot.expiry, lot.quantity
            )
            self._add(entry, expired=lot.expired)
            return
        fresh = [lot for lot in lots if not lot.expired]
        if fresh:
            shown = next((lot for lot in fresh if lot.suggested), fresh[0])
            available = sum(lot.quantity for lot in fresh)
            self._add(BasketEntry(product, 1, None, shown.lot_number, shown.expiry, available))
        elif lots:  # only expired stock left: it may go out, with a reason
            lot = lots[0]
            entry = BasketEntry(
                product, 1, lot.lot_number, lot.lot_number, lot.expiry, lot.quantity
            )
            self._add(entry, expired=True)
        else:
            self.scan.refuse(
                _(
                    "{product} is uit stock in {location}. Neem het van een andere locatie.",
                    product=product.name,
                    location=self.scan.location_name(),
                )
            )

    def _add(self, entry: BasketEntry, *, expired: bool = False) -> None:
        index = next(
            (
                i
                for i, e in enumerate(self.entries)
                if e.product.code == entry.product.code and e.lot_number == entry.lot_number
            ),
            None,
        )
        if expired and (index is None or not self.entries[index].override_reason):
            if not self._ask_expired_reason(entry):
                return
            entry = replace(entry, override_reason=self._reason)
        if index is None:
            self.entries.append(entry)
            index = len(self.entries) - 1
        elif not self._change(index, +1):
            return
        self.current = index
        self._show()
        line = self.entries[index]
        self.scan.accept(
            _("{product}: {quantity} {unit}", product=line.product.name, quantity=line.quantity,
              unit=line.product.unit)
        )

    def _ask_expired_reason(self, entry: BasketEntry) -> bool:
        text = _(
            "Lot {lot} van {product} is vervallen sinds {date}. Het mag enkel mee met een "
            "reden (bv. opleiding). Geef de reden, of annuleer en neem een ander lot.",
            lot=entry.shown_lot,
            product=entry.product.name,
            date=format_date(entry.expiry),
        )
        self.scan.refuse(text)
        self._reason = self.context.services.prompts.reason(self.scan.dialog_parent(), text)
        self.scan.refocus()
        if not self._reason:
            self.scan.refuse(
                _("Vervallen lot {lot} niet toegevoegd. Scan een ander lot.", lot=entry.shown_lot)
            )
            return False
        return True

    # --- lines ---------------------------------------------------------------------------
    def _change(self, index: int, delta: int) -> bool:
        entry = self.entries[index]
        quantity = entry.quantity + delta
        if quantity > entry.available:
            self.scan.refuse(
                _(
                    "Onvoldoende voorraad: er is maar {available} {unit} {product} in {location}.",
                    available=entry.available,
                    unit=entry.product.unit,
                    product=entry.product.name,
                    location=self.scan.location_name(),
                )
            )
            return False
        if quantity <= 0:
            del self.entries[index]
            self.current = None
        else:
            self.entries[index] = replace(entry, quantity=quantity)
        return True

    def adjust(self, delta: int) -> None:
        if self.current is None:
            self.scan.refuse(_("Er is geen huidige lijn: scan eerst een product."))
            return
        product = self.entries[self.current].product
        if self._change(self.current, delta):
            self._show()
            quantity = self.entries[self.current].quantity if self.current is not None else 0
            self.scan.accept(
                _("{product}: {quantity} {unit}", product=product.name, quantity=quantity,
                  unit=product.unit)
            )

    def cancel_question(self) -> str:
        entry = self.entries[self.current] if self.current is not None else None
        if entry is None:
            return super().cancel_question()
        return _("{product} ({quantity} {unit}) uit de mand schrappen? Het werd nog niet geboekt.",
                 product=entry.product.name, quantity=entry.quantity, unit=entry.product.unit)

    def pending_work(self) -> str | None:
        if not self.entries:
            return None
        return ngettext(
            "Afhaling: {n} lijn in de mand, nog niet geboekt.",
            "Afhaling: {n} lijnen in de mand, nog niet geboekt.",
            len(self.entries))

    def cancel_line(self) -> None:
        if self.current is None:
            return  # nothing current: a second Escape does nothing
        entry = self.entries.pop(self.current)
        self.current = None
        self._show()
        self.scan.accept(_("Lijn {product} geschrapt.", product=entry.product.name))

    def clear_all(self) -> None:
        self.entries.clear()
        self.current = None
        self.recipient_edit.clear()
        self.key = new_request_key()
        self._show()
        self.scan.accept(_("De mand is leeg."))

    def busy(self) -> bool:
        return bool(self.entries)

    def busy_text(self) -> str:
        return _("Boek of leeg eerst de mand voor u een andere locatie kiest.")

    def location_changed(self, code: str | None) -> None:
        self._show()

    def _show(self) -> None:
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            lot = entry.shown_lot or "—"
            if entry.lot_number is None and entry.shown_lot:
                lot = _("{lot} (FEFO)", lot=entry.shown_lot)
            if entry.override_reason:
                lot = _("{lot} (vervallen: {reason})", lot=lot, reason=entry.override_reason)
            self.table.set_row(
                row,
                [entry.product.name, lot, format_date(entry.expiry) or "—", str(entry.quantity)],
                entry.product.code,
            )
        if self.current is not None:
            self.table.selectRow(self.current)
        else:
            self.table.clearSelection()
        count = sum(entry.quantity for entry in self.entries)
        self.total_label.setText(
            ngettext("{n} lijn, {units}", "{n} lijnen, {units}", len(self.entries),
                     units=ngettext("{n} stuk", "{n} stuks", count))
            if self.entries
            else _("De mand is leeg.")
        )

    # --- booking -------------------------------------------------------------------------
    def confirm(self) -> None:
        if self.pending:
            return
        if not self.entries:
            self.scan.refuse(_("De mand is leeg: scan eerst een product."))
            return
        location = self.scan.location_code
        if location is None:
            self.scan.refuse(
                _("Scan eerst het etiket van de locatie (of kies ze bovenaan), dan de producten.")
            )
            return
        lines = [(e.product.code, e.quantity, e.lot_number, e.override_reason)
                 for e in self.entries]
        recipient = self.recipient_edit.recipient()
        self.pending = True
        stock_ops.record_pickup_basket(
            self.context, location_code=location, lines=lines,
            recipient=recipient, key=self.key,
        ).success(partial(self._on_booked, recipient)).failure(self._on_booking_failed).run()

    def _on_booked(self, recipient: Recipient | None, result: BookingResult) -> None:
        self.pending = False
        self.recipient_edit.remember(recipient)  # a first-time staff number: offered next time
        self.entries.clear()
        self.current = None
        self.recipient_edit.clear()
        self.key = new_request_key()
        self._show()
        self.scan.accept(_("Geboekt: {what}", what=result.summary()))

    def _on_booking_failed(self, error: BaseException) -> None:
        self.pending = False
        self.failed(error)
