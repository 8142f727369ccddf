"""Stock rules: movement kinds, derived product status, FEFO lot choice, quantity checks."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from carma_logistiek.domain.errors import (
    CountNotANumber,
    DomainError,
    InvalidCount,
    InvalidQuantity,
    QuantityTooLarge,
)
from carma_logistiek.i18n import N_, _

DEFAULT_EXPIRY_HORIZON_DAYS = 60
# One booking never moves more than this. Catches a barcode scanned into the quantity field
# and keeps every level inside a 32-bit INTEGER column (PostgreSQL, SQL Server), which would
# otherwise fail with a raw "integer out of range" instead of a Dutch message.
MAX_QUANTITY = 1_000_000
_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


class MovementKind(enum.StrEnum):
    """What a ledger line records. The sign of its quantity follows from the kind."""

    DELIVERY = "delivery"
    PICKUP = "pickup"
    CONSUMPTION = "consumption"
    TRANSFER_OUT = "transfer_out"
    TRANSFER_IN = "transfer_in"
    COUNT_CORRECTION = "count_correction"
    EXPIRY_WRITE_OFF = "expiry_write_off"
    # A booking's kind only (a storno, services/stock/reversal.py): its lines keep the kind
    # of the lines they reverse, so every report reads them as what they correct.
    REVERSAL = "reversal"

    @property
    def label(self) -> str:
        return _(MOVEMENT_LABELS[self])


MOVEMENT_LABELS = {
    MovementKind.DELIVERY: N_("Levering"),
    MovementKind.PICKUP: N_("Afhaling"),
    MovementKind.CONSUMPTION: N_("Verbruik"),
    MovementKind.TRANSFER_OUT: N_("Overboeking (uit)"),
    MovementKind.TRANSFER_IN: N_("Overboeking (in)"),
    MovementKind.COUNT_CORRECTION: N_("Telling (correctie)"),
    MovementKind.EXPIRY_WRITE_OFF: N_("Afboeking (vervallen)"),
    MovementKind.REVERSAL: N_("Storno"),
}

OUTGOING_KINDS = frozenset(
    {MovementKind.PICKUP, MovementKind.CONSUMPTION, MovementKind.TRANSFER_OUT,
     MovementKind.EXPIRY_WRITE_OFF}
)


class StockStatus(enum.StrEnum):
    """Status of a product at a location. Derived from stock, lots and orders; never typed in."""

    IN_STOCK = "op_voorraad"
    RUNNING_LOW = "bijna_op"
    OUT_OF_STOCK = "uit_stock"
    ORDERED = "besteld"
    EXPIRING_SOON = "vervalt_binnenkort"
    EXPIRED = "vervallen"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])

    @property
    def severity(self) -> str:
        """Palette slot shared by every screen: ok, attention, problem, info, neutral."""
        return STATUS_SEVERITY[self]


STATUS_LABELS = {
    StockStatus.IN_STOCK: N_("op voorraad"),
    StockStatus.RUNNING_LOW: N_("bijna op"),
    StockStatus.OUT_OF_STOCK: N_("uit stock"),
    StockStatus.ORDERED: N_("besteld"),
    StockStatus.EXPIRING_SOON: N_("vervalt binnenkort"),
    StockStatus.EXPIRED: N_("vervallen"),
}

STATUS_SEVERITY = {
    StockStatus.IN_STOCK: "ok",
    StockStatus.RUNNING_LOW: "attention",
    StockStatus.OUT_OF_STOCK: "problem",
    StockStatus.ORDERED: "info",
    StockStatus.EXPIRING_SOON: "attention",
    StockStatus.EXPIRED: "problem",
}


def derive_status(
    *,
    quantity: int,
    minimum: int,
    earliest_expiry: date | None,
    on_order: bool,
    today: date,
    horizon_days: int = DEFAULT_EXPIRY_HORIZON_DAYS,
) -> StockStatus:
    """The one status a clerk needs to see first, most urgent wins.

    ``earliest_expiry`` is the earliest expiry among lots that still have stock here. Expired
    stock outranks shortage because handing it out is a safety problem; an open order turns a
    shortage into "besteld" because someone already acted on it.
    """
    if quantity <= 0:
        return StockStatus.ORDERED if on_order else StockStatus.OUT_OF_STOCK
    if earliest_expiry is not None and earliest_expiry < today:
        return StockStatus.EXPIRED
    if quantity < minimum:
        return StockStatus.ORDERED if on_order else StockStatus.RUNNING_LOW
    if earliest_expiry is not None and earliest_expiry <= today + timedelta(days=horizon_days):
        return StockStatus.EXPIRING_SOON
    return StockStatus.IN_STOCK


def is_expired(expiry: date | None, today: date) -> bool:
    """A lot may still be used on its expiry date itself, not after it."""
    return expiry is not None and expiry < today


@dataclass(frozen=True)
class LotStock:
    lot_id: int
    lot_number: str
    expiry: date | None
    quantity: int


def fefo_order(lots: Iterable[LotStock]) -> list[LotStock]:
    """First-expired-first-out: earliest expiry first, lots without expiry last, then lot number."""
    return sorted(
        (lot for lot in lots if lot.quantity > 0),
        key=lambda lot: (lot.expiry is None, lot.expiry or date.max, lot.lot_number),
    )


def suggest_lot(lots: Sequence[LotStock], today: date) -> LotStock | None:
    """The lot a pickup should take: the first usable lot in FEFO order, else None.

    Expired lots are skipped; they are only handed out on purpose, with a reason.
    """
    for lot in fefo_order(lots):
        if not is_expired(lot.expiry, today):
            return lot
    return None


def require_positive_quantity(quantity: object) -> int:
    """Quantities are whole units; zero, negative, fractional or non-numeric input is refused."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
        raise InvalidQuantity(quantity=quantity)
    if quantity > MAX_QUANTITY:
        raise QuantityTooLarge(quantity=quantity, maximum=MAX_QUANTITY)
    return quantity


def require_count(quantity: object) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
        raise InvalidCount(quantity=quantity)
    if quantity > MAX_QUANTITY:
        raise QuantityTooLarge(quantity=quantity, maximum=MAX_QUANTITY)
    return quantity


def parse_quantity(text: str) -> int:
    """Turn what a user typed into a whole quantity, or refuse it with a Dutch message."""
    cleaned = text.strip()
    # ASCII digits only: str.isdigit() also accepts '²' and '--5' slipped through lstrip("-"),
    # and int() then raised a bare ValueError instead of the Dutch message.
    if not _WHOLE_NUMBER.fullmatch(cleaned):
        raise InvalidQuantity(quantity=cleaned or "niets")
    if len(cleaned.lstrip("-").lstrip("0")) > 18:  # int() of ~4,300 digits raises ValueError
        if cleaned.startswith("-"):
            raise InvalidQuantity(quantity=cleaned)
        raise QuantityTooLarge(quantity=cleaned, maximum=MAX_QUANTITY)
    return require_positive_quantity(int(cleaned))


def parse_count(text: str) -> int:
    """What was counted, as typed: a whole number of zero or more. Letters are not a
    negative count: they get their own sentence ("in cijfers")."""
    cleaned = text.strip()
    if not _WHOLE_NUMBER.fullmatch(cleaned):
        raise CountNotANumber(quantity=cleaned or _("niets"))
    if cleaned.startswith("-"):
        raise InvalidCount(quantity=cleaned)
    if len(cleaned.lstrip("0")) > 18:
        raise QuantityTooLarge(quantity=cleaned, maximum=MAX_QUANTITY)
    return require_count(int(cleaned))


# An expiry date a new lot may carry. Before 2000 or after 2099 is a typo or an empty field
# (0001-01-01 and 9999-12-31 are what empty date fields become elsewhere), and such a
# lot would sort first or last in FEFO for ever. 31/12/2099 itself stays allowed: zones use it
# for "does not expire" on a product that tracks expiry.
EARLIEST_EXPIRY = date(2000, 1, 1)
LATEST_EXPIRY = date(2099, 12, 31)


class ImplausibleExpiry(DomainError):
    code = "ImplausibleExpiry"
    template = N_("De vervaldatum {date} kan niet kloppen: ze moet tussen {earliest} en "
                  "{latest} liggen. Controleer de datum (dd/mm/jjjj).")
    field = "expiry"


def require_plausible_expiry(expiry: date | None) -> None:
    if expiry is None:
        return
    if not EARLIEST_EXPIRY <= expiry <= LATEST_EXPIRY:
        raise ImplausibleExpiry(date=_day(expiry), earliest=_day(EARLIEST_EXPIRY),
                                latest=_day(LATEST_EXPIRY))


def _day(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


# --- receiving: what a delivery is checked for before it is booked ----------------------
class ReceivingWarning(enum.StrEnum):
    """Something odd about goods being received. Not refused: expired goods may be booked
    to be returned or written off, and a supplier may send a bigger box than ordered. But the
    clerk is asked, with the numbers, before it is booked."""

    EXPIRED = "expired"
    MORE_THAN_ORDERED = "more_than_ordered"


@dataclass(frozen=True)
class ReceivingCheck:
    warning: ReceivingWarning
    fields: dict[str, object]

    def message(self) -> str:
        if self.warning is ReceivingWarning.EXPIRED:
            return _("Deze goederen zijn al vervallen: vervaldatum {expiry}. Vervallen "
                     "goederen worden nooit voorgesteld bij een afhaling.", **self.fields)
        return _("U ontvangt {quantity}, maar de bestellijn verwacht nog {outstanding}: "
                 "{excess} meer dan besteld.", **self.fields)


def receiving_checks(
    *, quantity: int, expiry: date | None, today: date, outstanding: int | None = None
) -> list[ReceivingCheck]:
    """What to ask before ``quantity`` units expiring on ``expiry`` are received on ``today``,
    against an order line that still expects ``outstanding`` (None: no order line)."""
    checks: list[ReceivingCheck] = []
    if expiry is not None and is_expired(expiry, today):
        checks.append(ReceivingCheck(ReceivingWarning.EXPIRED, {"expiry": _day(expiry)}))
    if outstanding is not None and quantity > outstanding:
        checks.append(ReceivingCheck(ReceivingWarning.MORE_THAN_ORDERED, {
            "quantity": quantity, "outstanding": outstanding,
            "excess": quantity - outstanding}))
    return checks
