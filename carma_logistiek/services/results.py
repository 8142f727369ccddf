"""Plain data handed out by services. Frozen, no ORM objects, safe to pass between threads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from carma_logistiek.domain.changes import NO_CHANGES, Changes
from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.domain.stock import MovementKind, StockStatus


@dataclass(frozen=True)
class Recipient:
    """For whom or for what something was taken: a staff member, vehicle, kit, location, order,
    or free text until the register of that kind exists."""

    kind: str
    code: str

    KINDS = ("staff", "vehicle", "kit", "location", "order", "other")

    @classmethod
    def parse(cls, text: str | None) -> Recipient | None:
        """'vehicle:VITO-01' -> Recipient('vehicle', 'VITO-01'); plain text -> kind 'other'."""
        if not text or not text.strip():
            return None
        kind, sep, code = text.strip().partition(":")
        if sep and kind.lower() in cls.KINDS and code.strip():
            return cls(kind.lower(), code.strip())
        return cls("other", text.strip())

    def __str__(self) -> str:
        return self.code if self.kind == "other" else f"{self.kind}:{self.code}"


@dataclass(frozen=True)
class RecipientCandidate:
    """Someone or something the "voor wie" picker offers: a vehicle, kit or location from its
    register, or a staff member from the staff register (with their name)."""

    kind: str
    code: str
    name: str = ""

    @property
    def recipient(self) -> Recipient:
        return Recipient(self.kind, self.code)


@dataclass(frozen=True)
class LocationRow:
    id: int
    code: str
    name: str
    kind: str
    parent_code: str | None
    depth: int
    holds_stock: bool
    # What the write that returned this row changed (empty when the row was read).
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)
    # False for a retired location (listed only when asked for): it keeps its history.
    active: bool = True


@dataclass(frozen=True)
class ProductRow:
    id: int
    code: str
    name: str
    category: str
    unit: str
    tracks_lots: bool
    tracks_expiry: bool
    gtin: str | None
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


class StockRow(NamedTuple):
    """One product at one location, as the stock overview shows it.

    A NamedTuple rather than a frozen dataclass: the overview builds thousands of them per
    screen, and a frozen dataclass's __init__ costs several times a tuple's."""

    product_code: str
    product_name: str
    category: str
    unit: str
    location_code: str
    location_name: str
    quantity: int
    minimum: int
    earliest_expiry: date | None
    on_order: int
    status: StockStatus
    expired: int = 0  # of ``quantity``, in lots past their expiry date: not to be handed out

    @property
    def usable(self) -> int:
        return self.quantity - self.expired


@dataclass(frozen=True)
class LotRow:
    lot_number: str
    expiry: date | None
    location_code: str
    quantity: int
    expired: bool


@dataclass(frozen=True)
class MovementRow:
    id: int
    booking_id: int
    kind: MovementKind
    occurred_at: datetime
    product_code: str
    lot_number: str
    location_code: str
    quantity: int
    recorded_by: str
    recipient: str
    note: str
    override_reason: str | None
    order_number: str | None
    # The register's name of the recipient (a vehicle, kit or location), "" when it has none.
    recipient_name: str = ""
    # Storno (services/stock/reversal.py): the booking that reversed this line's booking, and
    # on a storno's line the booking it reverses.
    reversed_by: int | None = None
    reverses: int | None = None


@dataclass(frozen=True)
class ProductDetail:
    product: ProductRow
    lots: tuple[LotRow, ...]
    movements: tuple[MovementRow, ...]
    minimums: tuple[tuple[str, int], ...]
    total_quantity: int


@dataclass(frozen=True)
class BookedLine:
    product_code: str
    product_name: str
    unit: str
    lot_number: str
    expiry: date | None
    location_code: str
    quantity: int
    level_after: int


@dataclass(frozen=True)
class BookingResult:
    booking_id: int
    key: str
    kind: MovementKind
    lines: tuple[BookedLine, ...]
    # True when the key had been booked before: nothing new was written.
    replayed: bool = False
    # The (product, location) levels this booking moved (and orders it received on); empty
    # for a replay, which moved nothing.
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    def summary(self) -> str:
        parts = [f"{abs(line.quantity)} x {line.product_name}" for line in self.lines]
        return ", ".join(parts)


@dataclass(frozen=True)
class PickupLot:
    """A lot the pickup dialog can offer, in FEFO order."""

    lot_number: str
    expiry: date | None
    quantity: int
    expired: bool
    suggested: bool


@dataclass(frozen=True)
class OrderLineRow:
    id: int
    product_code: str
    product_name: str
    unit: str
    quantity_ordered: int
    quantity_received: int

    @property
    def outstanding(self) -> int:
        return max(0, self.quantity_ordered - self.quantity_received)


@dataclass(frozen=True)
class OrderRow:
    number: str
    supplier: str
    status: OrderStatus
    location_code: str
    location_name: str
    created_at: datetime
    created_by: str
    ordered_at: datetime | None
    line_count: int
    quantity_ordered: int
    quantity_received: int
    note: str
    cancel_reason: str | None = None
    lines: tuple[OrderLineRow, ...] = field(default=())
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


@dataclass(frozen=True)
class LevelMismatch:
    location_code: str
    product_code: str
    lot_number: str
    level: int
    ledger: int


@dataclass(frozen=True)
class MinimumRow:
    """The reorder point of a product at a location, as a write left it (0: none)."""

    product_code: str
    location_code: str
    minimum: int
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)
    # The order-up-to level, None when not set; names for lists.
    maximum: int | None = None
    location_name: str = ""
    product_name: str = ""
