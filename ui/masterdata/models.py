"""The tables of the Stamgegevens screen: products and suppliers, the retired ones greyed
with a "buiten gebruik" badge (the word, not only the colour)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from carma_logistiek.i18n import _, ngettext
from ui.shell.theme import SEVERITY_COLOURS
from ui.widgets.table_model import RIGHT, Column, Index, RowTableModel

if TYPE_CHECKING:
    from carma_logistiek.services.masterdata import ProductListRow, SupplierRow


def status_badge(active: bool) -> tuple[str, str]:
    return (_("in gebruik"), "ok") if active else (_("buiten gebruik"), "neutral")


def yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def product_columns() -> list[Column[ProductListRow]]:
    return [
        Column(_("Code"), lambda p: p.code),
        Column(_("Naam"), lambda p: p.name, stretch=True, shrinks=True),
        Column(_("Categorie"), lambda p: p.category, shrinks=True),
        Column(_("Eenheid"), lambda p: p.unit),
        Column(_("GTIN"), lambda p: p.gtin, hidden=False),
        Column(_("Leverancier"), lambda p: p.supplier, shrinks=True),
        Column(_("Vervalt"), lambda p: yes_no(p.tracks_expiry)),
        Column(_("Status"), lambda p: status_badge(p.active)[0],
               sort_key=lambda p: not p.active, badge=lambda p: status_badge(p.active)),
    ]


def supplier_columns() -> list[Column[SupplierRow]]:
    return [
        Column(_("Code"), lambda s: s.code),
        Column(_("Naam"), lambda s: s.name, stretch=True, shrinks=True),
        Column(_("Contactpersoon"), lambda s: s.contact, shrinks=True),
        Column(_("E-mail"), lambda s: s.email, shrinks=True),
        Column(_("Telefoon"), lambda s: s.phone),
        Column(_("Klantnummer"), lambda s: s.customer_number, hidden=True),
        Column(_("Levertermijn"), lead_time_text,
               sort_key=lambda s: -1 if s.lead_time_days is None else s.lead_time_days,
               align=RIGHT),
        Column(_("Producten"), lambda s: str(s.product_count), sort_key=lambda s: s.product_count,
               align=RIGHT),
        Column(_("Status"), lambda s: status_badge(s.active)[0],
               sort_key=lambda s: not s.active, badge=lambda s: status_badge(s.active)),
    ]


def lead_time_text(row: SupplierRow) -> str:
    days = row.lead_time_days
    return "" if days is None else ngettext("{n} dag", "{n} dagen", days)


class GreyedWhenRetired(RowTableModel[Any]):
    """A row whose ``active`` is False is drawn grey, all of it."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row = self.row_at(index.row())
            if row is not None and not getattr(row, "active", True):
                return QBrush(QColor(SEVERITY_COLOURS["neutral"][0]))
        return super().data(index, role)


class ProductTableModel(GreyedWhenRetired):
    def __init__(self) -> None:
        super().__init__(product_columns())


class SupplierTableModel(GreyedWhenRetired):
    def __init__(self) -> None:
        super().__init__(supplier_columns())
