"""Moved to :mod:`carma_logistiek.services.stock.counting`; this path keeps working."""

from carma_logistiek.services.stock.counting import (
    CountDifference,
    CountLine,
    CountSheet,
    ExpectedLine,
    compare_count,
    count_sheet,
    record_count,
)

__all__ = ["CountDifference", "CountLine", "CountSheet", "ExpectedLine", "compare_count",
           "count_sheet", "record_count"]
