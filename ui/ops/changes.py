"""What a write changed, read from its result: every write service's result carries
``changes`` (services/command.py puts it there), so this is the one place the UI reads it."""

from __future__ import annotations

from carma_logistiek.domain.changes import Changes
from carma_logistiek.services.results import BookingResult


def changes_of(result: object) -> Changes:
    """The result's ``changes``; a write whose result does not say is a programming error
    (the command path's test fails on such a service before the UI would see one)."""
    declared = getattr(result, "changes", None)
    if isinstance(declared, Changes):
        return declared
    raise TypeError(f"a write's result says what it changed; {type(result).__name__} does not")


def booking_of(result: object) -> BookingResult | None:
    """The stock booking a write made, for the status bar's "last booking" line."""
    if isinstance(result, BookingResult):
        return result
    booking = getattr(result, "stock_booking", None)
    return booking if isinstance(booking, BookingResult) else None
