"""Label sheets and the stock report: the rows are read on the database worker, the PDF is
drawn on the render pool, so a 20-page report never holds up the scans at the counter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carma_logistiek.services.results import StockRow
from ui.ops.core import DocumentOp

if TYPE_CHECKING:
    from carma_logistiek.documents.specs import LabelSpec
    from ui.shell.context import AppContext as Context


def label_specs(
    db: Any, *, kind: str, product_codes: Sequence[str], location_code: str | None
) -> list[LabelSpec]:
    """Runs on the database worker: what the labels show."""
    from carma_logistiek.services import labels

    if kind == "product":
        return list(labels.product_labels(db, list(product_codes) or None,
                                          location_code=location_code))
    if kind == "lot":
        return list(labels.lot_labels(db, location_code, list(product_codes) or None))
    return list(labels.location_labels(db, location_code))


def label_sheet(
    context: Context,
    *,
    kind: str,
    product_codes: Sequence[str],
    location_code: str | None,
    offset: int,
    copies: int,
    out: Path,
) -> DocumentOp[Path]:
    """Etiketten afdrukken: an A4 sheet of labels as a PDF in ``out``."""
    zone_name = context.config.zone_name
    codes = list(product_codes)

    def fetch(db: Any) -> list[LabelSpec]:
        return label_specs(db, kind=kind, product_codes=codes, location_code=location_code)

    def render(specs: list[LabelSpec]) -> Path:
        from carma_logistiek.documents.labels import render_label_sheet  # reportlab: first use

        render_label_sheet(specs, out, offset=offset, copies=copies, zone_name=zone_name)
        return out

    return DocumentOp(context, fetch, render)


@dataclass(frozen=True)
class ReportData:
    rows: list[StockRow]
    filters_text: str


def stock_report_data(
    db: Any, *, location_code: str | None, only: str, horizon_days: int
) -> ReportData:
    """Runs on the database worker: the report's rows and the sentence naming its filters."""
    from carma_logistiek.documents.stock_report import (
        ONLY_CHOICES,
        ONLY_STATUSES,
        filters_description,
    )
    from carma_logistiek.i18n import _
    from carma_logistiek.services.lookups import normalise_code
    from carma_logistiek.services.masterdata import list_locations
    from carma_logistiek.services.overview import stock_overview

    if only not in ONLY_STATUSES:
        raise ValueError(f"unknown report filter {only!r}; use one of {ONLY_CHOICES}")
    rows = stock_overview(db, location_code=location_code, statuses=ONLY_STATUSES[only],
                          horizon_days=horizon_days)
    location_text = None
    if location_code:
        code = normalise_code(location_code)
        name = next((row.name for row in list_locations(db) if row.code == code), code)
        location_text = _("locatie {name} ({code}) en alles eronder", name=name, code=code)
    return ReportData(rows, filters_description(location=location_text, only=only))


def stock_report(
    context: Context, *, location_code: str | None, only: str, out: Path
) -> DocumentOp[Path]:
    """Voorraadrapport: the stock of a location (and everything under it) as a PDF."""
    zone_name = context.config.zone_name
    horizon = context.config.expiry_horizon_days

    def fetch(db: Any) -> ReportData:
        return stock_report_data(db, location_code=location_code, only=only,
                                 horizon_days=horizon)

    def render(data: ReportData) -> Path:
        from carma_logistiek.clock import to_local, utc_now
        from carma_logistiek.documents.stock_report import render_stock_report
        from carma_logistiek.i18n import _

        render_stock_report(data.rows, out, zone_name=zone_name, title=_("Voorraadrapport"),
                            filters_text=data.filters_text, generated_at=to_local(utc_now()))
        return out

    return DocumentOp(context, fetch, render)
