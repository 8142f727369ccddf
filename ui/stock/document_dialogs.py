"""Etiketten afdrukken… and Voorraadrapport… from the Voorraad screen.

The rows are read on the database worker, the PDF is drawn on the render pool into a
temporary file (ui/ops/documents.py), then previewed, saved (file dialog) or printed (system
print dialog + the platform's command): the dialog itself is ui/widgets/document_dialog.py,
shared with the EHBO screen's kit labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from carma_logistiek.i18n import _, ngettext
from ui.ops import documents
from ui.ops.core import DocumentOp
from ui.shell.context import AppContext
from ui.widgets.document_dialog import DocumentDialog, SheetOptions

__all__ = ["DocumentDialog", "LabelsDialog", "StockReportDialog"]


class LabelsDialog(DocumentDialog):

    def __init__(
        self,
        context: AppContext,
        product_codes: Sequence[str],
        location_code: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, _("Etiketten afdrukken"), parent)
        self.file_name = _("etiketten.pdf")
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
        self.form.add("kind", _("Etiketten"), self.kind)
        self.sheet = SheetOptions(self.form)
        self.offset, self.copies = self.sheet.offset, self.sheet.copies
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)

    def products_without_lots(self) -> list[str]:
        """The selected products' names when none of them is kept by lot (so "Loten" has
        nothing to print); empty otherwise, or when the products are not known here."""
        products = [self.context.product(code) for code in self.product_codes]
        if not products or any(p is None or p.tracks_lots for p in products):
            return []
        return [p.name for p in products if p is not None]

    def refuse(self) -> str:
        names = self.products_without_lots() if self.kind.currentData() == "lot" else []
        if not names:
            return ""
        self.kind.setCurrentIndex(self.kind.findData("product"))  # offered instead
        return ngettext(
            "{names} wordt zonder loten bijgehouden: er zijn geen lotetiketten. Productetiketten "
            "staan nu gekozen; druk die af.",
            "{names} worden zonder loten bijgehouden: er zijn geen lotetiketten. "
            "Productetiketten staan nu gekozen; druk die af.",
            len(names), names=", ".join(names))

    def _on_kind_current_index_changed(self, _index: int) -> None:
        if self.kind.currentData() == "lot":
            self.show_status(self.refuse())

    def document(self, out: Path) -> DocumentOp[Path]:
        self.sheet.remember()
        kind = self.kind.currentData()
        return documents.label_sheet(
            self.context,
            kind=kind,
            product_codes=self.product_codes if kind != "location" else [],
            location_code=self.location_code,
            offset=self.offset.value(),
            copies=self.copies.value(),
            out=out,
        )


class StockReportDialog(DocumentDialog):
    def __init__(
        self, context: AppContext, location_code: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, _("Voorraadrapport"), parent)
        self.file_name = _("voorraadrapport.pdf")
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

    def document(self, out: Path) -> DocumentOp[Path]:
        return documents.stock_report(
            self.context, location_code=self.location_code, only=self.only.currentData(),
            out=out,
        )
