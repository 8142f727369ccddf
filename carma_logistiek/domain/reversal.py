"""Storno: the rules for reversing a booking made by mistake.

A reversal never edits or deletes: it appends a booking of its own whose lines are the
original's with the opposite sign, each pointing at the line it corrects, and the reason as
its note. A booking is reversed once at most; a storno is not reversed again (book what really
happened instead); a reversal that would leave less than nothing on a shelf is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.orders import OrderStatus, status_after_receipt
from carma_logistiek.i18n import N_

# "123", "#123", "boeking 123", " # 123 ": the number as the history's Boeking column and the
# "storno van #123" badge show it.
_BOOKING_NUMBER = re.compile(r"(?:boeking|booking)?\s*#?\s*([0-9]{1,18})", re.IGNORECASE)


class InvalidBookingNumber(DomainError):
    code = "InvalidBookingNumber"
    template = N_("'{given}' is geen boekingsnummer. Geef het nummer uit de kolom Boeking van de "
                  "geschiedenis, bv. 123 of #123.")
    field = "booking"


class UnknownBooking(DomainError):
    code = "UnknownBooking"
    template = N_("Boeking #{booking} bestaat niet. Controleer het nummer in de kolom Boeking "
                  "van de geschiedenis.")
    field = "booking"


class ReversalReasonRequired(DomainError):
    code = "ReversalReasonRequired"
    template = N_("Geef een reden: waarom was boeking #{booking} fout? De reden blijft bij de "
                  "storno bewaard.")
    field = "reason"


class AlreadyReversed(DomainError):
    code = "AlreadyReversed"
    template = N_("Boeking #{booking} werd al teruggedraaid op {when} door {who} (storno "
                  "#{storno}). Een boeking wordt maar één keer teruggedraaid.")
    field = "booking"


class StornoNotReversible(DomainError):
    code = "StornoNotReversible"
    template = N_("Boeking #{booking} is zelf een storno (van boeking #{original}) en kan niet "
                  "teruggedraaid worden. Boek opnieuw wat er werkelijk gebeurde.")
    field = "booking"


class KitBookingNotReversible(DomainError):
    code = "KitBookingNotReversible"
    template = N_("Boeking #{booking} hoort bij een hercontrole van EHBO-kit {kit}. Corrigeer "
                  "de kit met een nieuwe hercontrole in plaats van de boeking terug te draaien.")
    field = "booking"


class NothingToReverse(DomainError):
    code = "NothingToReverse"
    template = N_("Boeking #{booking} veranderde niets aan de voorraad: er is niets terug te "
                  "draaien.")
    field = "booking"


class ReversalWouldGoNegative(DomainError):
    code = "ReversalWouldGoNegative"
    template = N_("Boeking #{booking} terugdraaien kan niet: er is nog {available} {unit} "
                  "{product}{lot_text} op {location} en de storno neemt er {requested} weg. De "
                  "voorraad zou negatief worden; boek eerst wat er met de rest gebeurde (of "
                  "tel opnieuw).")
    field = "booking"


def parse_booking_number(text: str) -> int:
    """The booking number as people copy it from the history: "123" or "#123"."""
    match = _BOOKING_NUMBER.fullmatch(text.strip())
    if match is None or int(match[1]) <= 0:
        raise InvalidBookingNumber(given=text.strip())
    return int(match[1])


def require_reason(reason: str | None, booking: int) -> str:
    """A storno always says why: the reason is what an auditor reads next to it."""
    cleaned = (reason or "").strip()
    if not cleaned:
        raise ReversalReasonRequired(booking=booking)
    return cleaned


def status_after_reversal(lines: Iterable[tuple[int, int]], *, status: OrderStatus,
                          was_ordered: bool) -> OrderStatus:
    """An order's status once a delivery on it was reversed, from (ordered, received) per
    line after the reversal. A cancelled order stays cancelled; with something still received
    the receipt rule decides (a delivered order reopens as partly delivered); with nothing
    received it is back to ordered (or requested, when it never went out)."""
    if status is OrderStatus.CANCELLED:
        return status
    pairs = list(lines)
    if any(received > 0 for _ordered, received in pairs):
        return status_after_receipt(pairs)
    return OrderStatus.ORDERED if was_ordered else OrderStatus.REQUESTED
