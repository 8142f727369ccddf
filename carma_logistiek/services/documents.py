"""Which rows go on a document: the labels of a sheet and the rows of the stock report.

Each composition reads in one transaction (``one_transaction``). The PDFs themselves are drawn
by carma_logistiek.documents from the rows given here; reportlab is loaded only by
``stock_report``, which also renders, and never by importing this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from carma_logistiek.clock import to_local, utc_now
from carma_logistiek.db.uow import Database
from carma_logistiek.documents.specs import LabelSpec, NothingToPrint
from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.stock import DEFAULT_EXPIRY_HORIZON_DAYS, StockStatus
from carma_logistiek.i18n import _
from carma_logistiek.services import labels
from carma_logistiek.services.command import read
from carma_logistiek.services.composition import one_transaction
from carma_logistiek.services.lookups import normalise_code
from carma_logistiek.services.masterdata import list_locations
from carma_logistiek.services.results import StockRow
from carma_logistiek.services.stock.overview import stock_overview

if TYPE_CHECKING:
    from carma_logistiek.documents.stock_report import ReportInfo

__all__ = ["LABEL_KINDS", "ONLY_CHOICES", "ONLY_STATUSES", "StockReportContent",
           "filters_description", "label_sheet", "stock_report", "stock_report_content"]

LABEL_KINDS = ("product", "lot", "location")

# The report's filters ("--only"): the same sets as the stock screen's status filter.
ONLY_CHOICES = ("all", "under_minimum", "expiring")
ONLY_STATUSES: dict[str, frozenset[StockStatus] | None] = {
    "all": None,
    "under_minimum": frozenset({StockStatus.RUNNING_LOW, StockStatus.OUT_OF_STOCK,
                                StockStatus.ORDERED}),
    "expiring": frozenset({StockStatus.EXPIRING_SOON, StockStatus.EXPIRED}),
}


@read(Permission.DOCUMENTS_PRINT)
def label_sheet(db: Database, *, kind: str, product_codes: Sequence[str] = (),
                location_code: str | None = None) -> list[LabelSpec]:
    """The labels of one sheet, in one transaction: ``kind`` "product" (the given products,
    else those kept at the location, else all), "lot" (the lots with stock there) or
    "location" (the location and everything under it). Nothing found raises NothingToPrint
    with the reason in Dutch."""
    if kind not in LABEL_KINDS:
        raise ValueError(f"unknown label kind {kind!r}; use one of {LABEL_KINDS}")
    codes = list(product_codes) or None
    with one_transaction(db) as tx:
        if kind == "product":
            specs = labels.product_labels(tx, codes, location_code=location_code)
        elif kind == "lot":
            specs = labels.lot_labels(tx, location_code, codes)
        else:
            specs = labels.location_labels(tx, location_code)
    if not specs:
        raise NothingToPrint(what=_nothing_found(kind))
    return specs


def _nothing_found(kind: str) -> str:
    if kind == "product":
        return _("geen producten gevonden.")
    if kind == "lot":
        return _("geen loten met voorraad gevonden (producten zonder lotnummer krijgen "
                 "geen lotetiket).")
    return _("geen locaties gevonden.")


@dataclass(frozen=True)
class StockReportContent:
    """What the stock report shows: its rows and the sentence that names its filters."""

    rows: tuple[StockRow, ...]
    filters_text: str
    title: str


# The stock report is the stock overview on paper: whoever reads stock may take it along.
@read(Permission.STOCK_READ)
def stock_report_content(db: Database, *, location_code: str | None = None, only: str = "all",
                         horizon_days: int = DEFAULT_EXPIRY_HORIZON_DAYS) -> StockReportContent:
    """The rows of the stock report of a location and everything under it (or the whole zone),
    optionally only what is under minimum or expiring; one transaction."""
    if only not in ONLY_STATUSES:
        raise ValueError(f"unknown report filter {only!r}; use one of {ONLY_CHOICES}")
    with one_transaction(db) as tx:
        rows = stock_overview(tx, location_code=location_code, statuses=ONLY_STATUSES[only],
                              horizon_days=horizon_days)
        location_text = None
        if location_code:
            code = normalise_code(location_code)
            name = next((row.name for row in list_locations(tx) if row.code == code), code)
            location_text = _("locatie {name} ({code}) en alles eronder", name=name, code=code)
    return StockReportContent(tuple(rows),
                              filters_description(location=location_text, only=only),
                              _("Voorraadrapport"))


def filters_description(*, location: str | None, only: str) -> str:
    """"locatie X (X) en alles eronder · enkel onder minimum (…)": the report's filters."""
    parts = [location or _("alle locaties")]
    if only == "under_minimum":
        parts.append(_("enkel onder minimum (bijna op, uit stock, besteld)"))
    elif only == "expiring":
        parts.append(_("enkel vervallen of vervalt binnenkort"))
    else:
        parts.append(_("alle statussen"))
    return " · ".join(parts)


@read(Permission.STOCK_READ)
def stock_report(
    db: Database,
    *,
    out: Path | str | BinaryIO,
    zone_name: str,
    location_code: str | None = None,
    only: str = "all",
    horizon_days: int = DEFAULT_EXPIRY_HORIZON_DAYS,
    generated_at: datetime | None = None,
) -> ReportInfo:
    """The stock report (see ``stock_report_content``) written to ``out`` as a PDF."""
    from carma_logistiek.documents.stock_report import (  # reportlab: on first use
        ReportInfo,
        render_stock_report,
    )

    content = stock_report_content(db, location_code=location_code, only=only,
                                   horizon_days=horizon_days)
    pages = render_stock_report(content.rows, out, zone_name=zone_name, title=content.title,
                                filters_text=content.filters_text,
                                generated_at=generated_at or to_local(utc_now()))
    return ReportInfo(pages, len(content.rows))
