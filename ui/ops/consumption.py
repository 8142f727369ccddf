"""Verbruik: the figures are read on the database worker; the report (PDF or XLSX) is drawn on
the render pool from the figures the screen shows, so the file matches the screen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ui.ops.core import QueryOp, RenderOp

if TYPE_CHECKING:
    from carma_logistiek.services.consumption import ConsumptionResult
    from ui.shell.context import AppContext as Context


def consumption(
    context: Context,
    *,
    product_codes: Sequence[str],
    location_code: str | None,
    date_from: date,
    date_to: date,
    period: str,
    group_by: str,
    include_written_off: bool,
) -> QueryOp[ConsumptionResult]:
    """Consumption per period and per location, product or recipient (services.consumption)."""
    codes = list(product_codes)

    def run(db: Any) -> ConsumptionResult:
        from carma_logistiek.services.consumption import consumption as read

        return read(db, product_codes=codes, location_code=location_code, date_from=date_from,
                    date_to=date_to, period=period, group_by=group_by,
                    include_written_off=include_written_off)

    return QueryOp(context, run)


def consumption_report(context: Context, result: ConsumptionResult, out: Path) -> RenderOp[Path]:
    """Verbruiksrapport as PDF or XLSX (by the suffix of ``out``) of the figures shown."""
    zone_name = context.config.zone_name

    def render() -> Path:
        from carma_logistiek.clock import to_local, utc_now
        from carma_logistiek.documents.consumption_report import write_consumption_report
        from carma_logistiek.i18n import _

        return write_consumption_report(result, out, zone_name=zone_name,
                                        title=_("Verbruiksrapport"),
                                        generated_at=to_local(utc_now()))

    return RenderOp(context, render)
