"""Label sheets and the stock report: the rows are read on the database worker, the PDF is
drawn on the render pool, so a 20-page report never holds up the scans at the counter."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ui.ops.core import DocumentOp

if TYPE_CHECKING:
    from carma_logistiek.documents.specs import LabelSpec
    from carma_logistiek.services.documents import StockReportContent
    from ui.shell.context import AppContext as Context


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
    """Etiketten afdrukken: an A4 sheet of labels as a PDF in ``out``. Which labels go on it is
    the use case ``services.documents.label_sheet`` (one read transaction)."""
    zone_name = context.config.zone_name
    codes = list(product_codes)

    def fetch(db: Any) -> list[LabelSpec]:
        from carma_logistiek.services import documents

        return documents.label_sheet(db, kind=kind, product_codes=codes,
                                     location_code=location_code)

    def render(specs: list[LabelSpec]) -> Path:
        from carma_logistiek.documents.labels import render_label_sheet  # reportlab: first use

        render_label_sheet(specs, out, offset=offset, copies=copies, zone_name=zone_name)
        return out

    return DocumentOp(context, fetch, render)


def stock_report_content(
    context: Context, db: Any, *, location_code: str | None, only: str
) -> StockReportContent:
    """Runs on the database worker: the report's rows, title and filters sentence."""
    from carma_logistiek.services import documents

    return documents.stock_report_content(db, location_code=location_code, only=only,
                                          horizon_days=context.config.expiry_horizon_days)


def render_stock_report(content: StockReportContent, out: Path, *, zone_name: str) -> Path:
    """Runs on the render pool: the PDF of rows already read."""
    from carma_logistiek.clock import to_local, utc_now
    from carma_logistiek.documents.stock_report import render_stock_report as render

    render(content.rows, out, zone_name=zone_name, title=content.title,
           filters_text=content.filters_text, generated_at=to_local(utc_now()))
    return out


def stock_report(
    context: Context, *, location_code: str | None, only: str, out: Path
) -> DocumentOp[Path]:
    """Voorraadrapport: the stock of a location (and everything under it) as a PDF."""
    zone_name = context.config.zone_name

    def fetch(db: Any) -> StockReportContent:
        return stock_report_content(context, db, location_code=location_code, only=only)

    def render(content: StockReportContent) -> Path:
        return render_stock_report(content, out, zone_name=zone_name)

    return DocumentOp(context, fetch, render)
