"""Telling by scanning: scan (or pick) the location, its expected lines appear; every scan adds
one to "gevonden"; the table shows expected vs found with a state badge; Enter books the
differences as count corrections (missing items to zero) after one confirmation."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout

from carma_logistiek.i18n import _, format_date, ngettext
from carma_logistiek.services.results import BookingResult
from ui.ops import stock as stock_ops
from ui.ops.stock import new_request_key
from ui.scan.panel import BigTable, ScanContext, ScanPanel, big_font
from ui.shell.theme import BADGE_ROLE, BadgeDelegate
from ui.widgets.formats import local_time

if TYPE_CHECKING:
    from carma_logistiek.services.scans import ScanResult
    from carma_logistiek.services.stock.counting import CountDifference, CountSheet


def state_badge(state: str) -> tuple[str, str]:
    """(word, severity) of a count line's state."""
    return {
        "ok": (_("ok"), "ok"),
        "missing": (_("ontbreekt"), "problem"),
        "unexpected": (_("onverwacht"), "info"),
        "short": (_("te weinig"), "attention"),
        "over": (_("te veel"), "attention"),
    }[state]


NO_LOT = ""  # services.lookups.NO_LOT: the lot of products kept without lots


class CountPanel(ScanPanel):
    title = "Telling"
    mode = "count"

    def __init__(self, scan: ScanContext) -> None:
        super().__init__(scan)
        self.title = _("Telling")
        self.sheet: CountSheet | None = None
        self.found: dict[tuple[str, str], int] = {}
        self.expiries: dict[tuple[str, str], date | None] = {}
        self.names: dict[str, str] = {}
        self.current: tuple[str, str] | None = None
        self.differences: list[CountDifference] = []
        self.key = new_request_key()
        self.pending = False
        self.last_label = QLabel()
        self.last_label.setFont(big_font(self, 0.8))
        self.table = BigTable([_("Product"), _("Lot"), _("Verwacht"), _("Gevonden"), _("Toestand")])
        self.table.setItemDelegateForColumn(4, BadgeDelegate(self.table))
        # The badge delegate measures with the normal font; the words need the big one.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(4, self.table.fontMetrics().horizontalAdvance(_("onverwacht")) + 48)
        self.summary = QLabel()
        self.summary.setFont(big_font(self, 0.9, bold=True))
        self.summary.setWordWrap(True)  # the screen fits 1024 px beside the camera
        book = QPushButton(_("Telling boeken (Enter)"))
        book.setFont(big_font(self, 1.0, bold=True))
        book.setAutoDefault(False)
        book.clicked.connect(self.confirm)
        clear = QPushButton(_("Opnieuw tellen (Ctrl+Del)"))
        clear.setAutoDefault(False)
        clear.clicked.connect(self.clear_all)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(clear)
        row.addWidget(book)
        hint = QLabel(_("Scan alles wat er ligt · Enter = boeken · Esc = huidige lijn op 0"))
        hint.setEnabled(False)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.last_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(hint)
        self._show()

    # --- the sheet -----------------------------------------------------------------------
    def location_changed(self, code: str | None) -> None:
        if self.sheet is not None and self.sheet.location_code == code:
            return
        self.sheet = None
        self._reset()
        if code:
            stock_ops.count_sheet(self.context, location_code=code).success(
                self._on_sheet_loaded
            ).failure(self.failed).latest_only(self, "sheet").run()

    def _on_sheet_loaded(self, sheet: CountSheet) -> None:
        if sheet.location_code != self.scan.location_code:
            return  # another location was chosen meanwhile
        self.sheet = sheet
        self._show()

    def _reset(self) -> None:
        self.found.clear()
        self.expiries.clear()
        self.current = None
        self.key = new_request_key()
        self._show()

    def clear_all(self) -> None:
        self._reset()
        self.scan.accept(_("Telling gewist: begin opnieuw te scannen."))

    def busy(self) -> bool:
        return bool(self.found)

    def busy_text(self) -> str:
        return _(
            "Boek of wis eerst de telling van {name} voor u een andere locatie kiest.",
            name=self.scan.location_name(),
        )

    # --- scans ---------------------------------------------------------------------------
    def handle(self, result: ScanResult) -> None:
        if result.kind == "location":
            if self.found and result.code != self.scan.location_code:
                self.scan.refuse(self.busy_text())
                return
            self.scan.set_location(result.code)
            self.scan.accept(
                _(
                    "Telling van {name}: scan alles wat er ligt.",
                    name=self.scan.location_name(result.code),
                )
            )
            return
        if self.sheet is None:
            self.scan.refuse(_("Scan eerst het etiket van de locatie die u telt."))
            return
        product = result.product
        if product is None:
            self.scan.refuse(_("Scan een product of lot: dit etiket telt niet mee."))
            return
        lot = self._lot_for(result)
        if lot is None:
            return
        key = (product.code, lot)
        self.names[product.code] = product.name
        self.found[key] = self.found.get(key, 0) + 1
        if result.expiry is not None:
            self.expiries[key] = result.expiry
        self.current = key
        self._show()
        self.scan.accept(
            _("{product}: {found} gevonden", product=product.name, found=self.found[key])
        )

    def _lot_for(self, result: ScanResult) -> str | None:
        product = result.product
        assert product is not None and self.sheet is not None
        if not product.tracks_lots:
            return NO_LOT
        if result.lot_number:
            return result.lot_number
        lots = {
            line.lot_number for line in self.sheet.expected if line.product_code == product.code
        }
        if len(lots) == 1:
            return lots.pop()
        self.scan.refuse(
            _(
                "{product} wordt per lot geteld: scan het lotetiket (of de GS1-code op de doos).",
                product=product.name,
            )
        )
        return None

    def adjust(self, delta: int) -> None:
        if self.current is None:
            self.scan.refuse(_("Er is geen huidige lijn: scan eerst een product."))
            return
        found = max(0, self.found.get(self.current, 0) + delta)
        self.found[self.current] = found
        self._show()
        name = self.names.get(self.current[0], self.current[0])
        self.scan.accept(_("{product}: {found} gevonden", product=name, found=found))

    def cancel_question(self) -> str:
        assert self.current is not None
        name = self.names.get(self.current[0], self.current[0])
        return _("De lijn {product} op 0 zetten? Wat ervan gescand werd, telt dan niet meer.",
                 product=name)

    def pending_work(self) -> str | None:
        if not self.found:
            return None
        scanned = sum(self.found.values())
        return ngettext(
            "Telling van {name}: {n} stuk gescand en nog niet geboekt.",
            "Telling van {name}: {n} stuks gescand en nog niet geboekt.",
            scanned, name=self.sheet.location_name if self.sheet else self.scan.location_name())

    def cancel_line(self) -> None:
        if self.current is None:
            return
        self.found.pop(self.current, None)
        self.current = None
        self._show()
        self.scan.accept(_("Lijn op nul gezet."))

    # --- showing -------------------------------------------------------------------------
    def _show(self) -> None:
        sheet = self.sheet
        if sheet is None:
            self.differences = []
            self.last_label.setText(_("Scan het etiket van de locatie die u telt."))
        else:
            from carma_logistiek.services.stock.counting import compare_count  # loaded with the db

            self.differences = compare_count(sheet, self.found, self.names)
            when = (
                _(
                    "Laatst geteld op {date} door {person}",
                    date=format_date(local_time(sheet.last_counted_at).date()),
                    person=sheet.last_counted_by or "?",
                )
                if sheet.last_counted_at
                else _("Nog nooit geteld")
            )
            self.last_label.setText(f"{sheet.location_name} · {when}")
        self.table.setRowCount(len(self.differences))
        for row, line in enumerate(self.differences):
            self.table.set_row(
                row,
                [
                    line.product_name,
                    line.lot_number or "—",
                    str(line.expected),
                    str(line.found),
                    "",
                ],
                (line.product_code, line.lot_number),
            )
            badge = self.table.item(row, 4)
            if badge is not None:
                badge.setData(BADGE_ROLE, state_badge(line.state))
            if (line.product_code, line.lot_number) == self.current:
                self.table.selectRow(row)
        differ = sum(1 for line in self.differences if line.state != "ok")
        scanned = sum(self.found.values())
        self.summary.setText(
            ngettext("{scanned} gescand, {n} verschil", "{scanned} gescand, {n} verschillen",
                     differ, scanned=scanned)
        )

    # --- booking -------------------------------------------------------------------------
    def confirm(self) -> None:
        if self.pending:
            return
        if self.sheet is None:
            self.scan.refuse(_("Scan eerst het etiket van de locatie die u telt."))
            return
        differ = [line for line in self.differences if line.state != "ok"]
        missing = sum(1 for line in differ if line.state == "missing")
        text = ngettext(
            "{n} verschil wordt als telcorrectie geboekt in {name}; {missing}. Doorgaan?",
            "{n} verschillen worden als telcorrectie geboekt in {name}; {missing}. Doorgaan?",
            len(differ),
            name=self.sheet.location_name,
            missing=ngettext("{n} lijn die niet gescand werd, wordt op 0 gezet",
                             "{n} lijnen die niet gescand werden, worden op 0 gezet", missing),
        )
        # Zeroing what was not scanned cannot be taken back: then "Annuleren" is the default,
        # so the extra Enter a scanner sends after a code does not book the count.
        confirmed = self.context.services.prompts.confirm(
            self.scan.dialog_parent(), _("Telling boeken"), text, _("Telling boeken"),
            destructive=missing > 0)
        self.scan.refocus()
        if not confirmed:
            return
        lines = [
            (code, quantity, lot or None, self.expiries.get((code, lot)))
            for (code, lot), quantity in self.found.items()
        ]
        self.pending = True
        stock_ops.record_count(
            self.context, location_code=self.sheet.location_code, lines=lines, complete=True,
            key=self.key,
        ).success(self._on_booked).failure(self._on_booking_failed).run()

    def _on_booked(self, result: BookingResult) -> None:
        self.pending = False
        code = self.sheet.location_code if self.sheet else self.scan.location_code
        self.sheet = None
        self._reset()
        self.location_changed(code)
        self.scan.accept(ngettext("Telling geboekt: {n} correctie.",
                                  "Telling geboekt: {n} correcties.", len(result.lines)))

    def _on_booking_failed(self, error: BaseException) -> None:
        self.pending = False
        self.failed(error)
