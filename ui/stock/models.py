"""Columns of the stock tables: overview, lots, movements."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from carma_logistiek.i18n import _, format_date, format_datetime
from carma_logistiek.services.results import LotRow, MovementRow, StockRow
from ui.widgets.formats import local_time
from ui.widgets.recipient_picker import describe_text
from ui.widgets.table_model import RIGHT, Column, RowTableModel


def _date_key(value: date | None) -> date:
    return value or date.max


def stock_columns() -> list[Column[StockRow]]:
    return [
        Column(_("Code"), lambda r: r.product_code, shrinks=True),
        Column(_("Product"), lambda r: r.product_name, shrinks=True, stretch=True),
        Column(_("Categorie"), lambda r: r.category, shrinks=True, hidden=True),
        Column(
            _("Locatie"),
            lambda r: r.location_name,
            tooltip=lambda r: f"{r.location_name} ({r.location_code})",
            shrinks=True,
            elide=Qt.TextElideMode.ElideLeft,
        ),
        # What may be handed out, apart from what is past its date (the pickup offers only
        # the first); the total stays one click away in the header menu.
        Column(_("Bruikbaar"), lambda r: f"{r.usable} {r.unit}", lambda r: r.usable, RIGHT),
        Column(
            _("Vervallen"),
            lambda r: f"{r.expired} {r.unit}" if r.expired else "",
            lambda r: r.expired,
            RIGHT,
            tooltip=lambda r: _("Vervallen: niet meer uitgeven, afboeken (F7)") if r.expired
            else "",
            highlight=lambda r: "problem" if r.expired else None,
        ),
        Column(
            _("Totaal"), lambda r: f"{r.quantity} {r.unit}", lambda r: r.quantity, RIGHT,
            hidden=True,
        ),
        Column(
            _("Minimum"), lambda r: str(r.minimum) if r.minimum else "", lambda r: r.minimum, RIGHT
        ),
        Column(
            _("Besteld"),
            lambda r: str(r.on_order) if r.on_order else "",
            lambda r: r.on_order,
            RIGHT,
            hidden=True,
        ),
        Column(
            _("Eerste vervaldatum"),
            lambda r: format_date(r.earliest_expiry),
            lambda r: _date_key(r.earliest_expiry),
        ),
        Column(
            _("Status"),
            lambda r: r.status.label,
            lambda r: _severity_rank(r.status.severity),
            badge=lambda r: (r.status.label, r.status.severity),
        ),
    ]


def _severity_rank(severity: str) -> int:
    return ["problem", "attention", "info", "ok", "neutral"].index(severity)


class StockTableModel(RowTableModel[StockRow]):
    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(stock_columns(), parent)


def lot_columns(unit: str) -> list[Column[LotRow]]:
    return [
        Column(_("Locatie"), lambda r: r.location_code),
        Column(_("Lot"), lambda r: r.lot_number or _("(zonder lot)"), stretch=True),
        Column(_("Vervaldatum"), lambda r: format_date(r.expiry), lambda r: _date_key(r.expiry)),
        Column(_("Hoeveelheid"), lambda r: f"{r.quantity} {unit}", lambda r: r.quantity, RIGHT),
        Column(
            _("Status"),
            lambda r: "",
            lambda r: r.expired,
            badge=lambda r: (_("vervallen"), "problem") if r.expired else (_("bruikbaar"), "ok"),
        ),
    ]


def movement_columns() -> list[Column[MovementRow]]:
    return [
        Column(
            _("Wanneer"),
            lambda r: format_datetime(local_time(r.occurred_at)),
            lambda r: (local_time(r.occurred_at), r.id),
        ),
        Column(_("Soort"), lambda r: r.kind.label),
        Column(_("Hoeveelheid"), lambda r: f"{r.quantity:+d}", lambda r: r.quantity, RIGHT),
        Column(_("Lot"), lambda r: r.lot_number),
        Column(_("Locatie"), lambda r: r.location_code),
        Column(_("Door"), lambda r: r.recorded_by),
        Column(
            _("Voor wie"),
            lambda r: describe_text(r.recipient, r.recipient_name),
            tooltip=lambda r: describe_text(r.recipient, r.recipient_name),
            shrinks=True,
        ),
        Column(_("Opmerking"), lambda r: r.note, tooltip=lambda r: r.note, shrinks=True),
        Column(
            _("Reden (vervallen)"),
            lambda r: r.override_reason or "",
            tooltip=lambda r: r.override_reason or "",
            shrinks=True,
        ),
        Column(_("Bestelling"), lambda r: r.order_number or ""),
        Column(_("Boeking"), lambda r: str(r.booking_id), lambda r: r.booking_id, RIGHT),
    ]
