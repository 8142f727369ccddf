"""Moved to :mod:`carma_logistiek.services.stock.overview`; this path keeps working."""

from carma_logistiek.services.stock.overview import (
    movement_history,
    product_detail,
    stock_overview,
    sum_ledger,
    verify_stock_levels,
)

__all__ = ["movement_history", "product_detail", "stock_overview", "sum_ledger",
           "verify_stock_levels"]
