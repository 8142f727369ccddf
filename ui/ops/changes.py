"""What a write changed, read from its result.

The core is adding a ``changes`` attribute to every write result; until every result has one,
``changes_of`` derives it here, in this one place, from the result's type. At merge this
shrinks to ``result.changes``.
"""

from __future__ import annotations

from carma_logistiek.domain.changes import Changes
from carma_logistiek.services.results import BookingResult, OrderRow, ProductRow


def changes_of(result: object) -> Changes:
    declared = getattr(result, "changes", None)
    if isinstance(declared, Changes):
        return declared
    if isinstance(result, BookingResult):
        return Changes(stock=frozenset((line.product_code, line.location_code)
                                       for line in result.lines))
    if isinstance(result, OrderRow):
        return Changes(orders=frozenset({result.number}))
    if isinstance(result, ProductRow):
        return Changes(products=frozenset({result.code}))
    kit_code = getattr(result, "kit_code", None)  # a kit check (kits.CheckRow)
    if isinstance(kit_code, str):
        return Changes(kits=frozenset({kit_code})) | changes_of(
            getattr(result, "stock_booking", None))
    type_name = type(result).__name__
    code = getattr(result, "code", None)
    if type_name == "KitRow" and isinstance(code, str):
        return Changes(kits=frozenset({code}))
    if type_name == "KitTypeRow" and isinstance(code, str):
        return Changes(kit_types=frozenset({code}))
    return Changes()


def booking_of(result: object) -> BookingResult | None:
    """The stock booking a write made, for the status bar's "last booking" line."""
    if isinstance(result, BookingResult):
        return result
    booking = getattr(result, "stock_booking", None)
    return booking if isinstance(booking, BookingResult) else None
