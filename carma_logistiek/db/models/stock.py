"""The stock ledger: lots, bookings, their ledger lines, the levels they keep, and counts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from carma_logistiek.db.models.common import (
    ZONE_CODE_LENGTH,
    Base,
    LedgerId,
    UTCDateTime,
    Zoned,
    utc_now,
)


class Lot(Base):
    """A batch of a product. Products without lot tracking use one lot with an empty number,
    so every ledger line and stock level points at a lot and keys stay simple."""

    __tablename__ = "lots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    lot_number: Mapped[str] = mapped_column(Unicode(40))
    expiry: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(Unicode(64))

    __table_args__ = (UniqueConstraint("product_id", "lot_number"),)


class Booking(Zoned, Base):
    """One user action, booked atomically: a pickup basket, a transfer, a delivery.

    The idempotency key makes a retried booking (a crash, a re-run CSV file, a double Enter)
    land once: the second attempt finds the key and returns the first result. The key names
    one request: ``request_hash`` is the fingerprint of the request booked under it
    (services/command.py), so the same key with another request is refused.
    """

    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(LedgerId, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(Unicode(80))
    # sha256 hex of the command and its arguments; NULL for bookings made before 0004.
    request_hash: Mapped[str | None] = mapped_column(Unicode(64))
    # The write service that booked it ("stock.record_pickup"); NULL before 0004.
    command: Mapped[str | None] = mapped_column(Unicode(64))
    kind: Mapped[str] = mapped_column(Unicode(20))
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    booked_by: Mapped[str] = mapped_column(Unicode(64))
    note: Mapped[str] = mapped_column(Unicode(500), default="")
    # A storno: the booking this one reverses (its lines are the originals' with the opposite
    # sign; the reason is the note). Unique: a booking is reversed once at most.
    reverses_booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))

    __table_args__ = (
        UniqueConstraint("zone", "idempotency_key", name="uq_bookings_zone_idempotency_key"),
        Index("uq_bookings_reverses", "reverses_booking_id", unique=True),
    )


class StockMovement(Zoned, Base):
    """Append-only ledger line. Never updated, never deleted; a mistake is a new correction.

    Zoned like its booking, so a question over the ledger alone (a whole zone's consumption)
    stays in the zone."""

    __tablename__ = "stock_movements"

    # No index: the zone is no way into the ledger (product, location and time are).
    zone: Mapped[str] = mapped_column(Unicode(ZONE_CODE_LENGTH), ForeignKey("zones.code"))

    id: Mapped[int] = mapped_column(LedgerId, primary_key=True, autoincrement=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), index=True)
    kind: Mapped[str] = mapped_column(Unicode(20))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    recorded_by: Mapped[str] = mapped_column(Unicode(64))
    # "For whom or for what": one pointer for every module (staff member, vehicle, kit,
    # location, order). Kind + code rather than a foreign key, because the targets live in
    # tables that later issues add; the code is what a label prints and a scan resolves.
    recipient_kind: Mapped[str | None] = mapped_column(Unicode(16))
    recipient_code: Mapped[str | None] = mapped_column(Unicode(64))
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_lines.id"))
    note: Mapped[str] = mapped_column(Unicode(500), default="")
    override_reason: Mapped[str | None] = mapped_column(Unicode(500))
    # The level of this lot at this location right after this line: what a replay answers.
    # NULL for lines booked before 0004 (the ledger up to the line gives it then).
    level_after: Mapped[int | None] = mapped_column(Integer)
    # On a storno's line: the line it reverses (same kind, opposite sign). Unique: a line is
    # reversed once at most. Reports count a reversal in the period of the line it reverses.
    reverses_movement_id: Mapped[int | None] = mapped_column(ForeignKey("stock_movements.id"))

    __table_args__ = (
        CheckConstraint("quantity <> 0", name="quantity_not_zero"),
        Index("uq_stock_movements_reverses", "reverses_movement_id", unique=True),
        Index("ix_stock_movements_product_location", "product_id", "location_id", "id"),
        Index("ix_stock_movements_location_occurred", "location_id", "occurred_at"),
        Index("ix_stock_movements_order_line", "order_line_id"),
    )


class StockLevel(Base):
    """Current quantity per location and lot, kept in the same transaction as the ledger.

    A cache of the ledger: ``carma-logistiek check`` recomputes it and compares.
    """

    __tablename__ = "stock_levels"

    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        Index("ix_stock_levels_location_product", "location_id", "product_id"),
        Index("ix_stock_levels_product", "product_id"),
    )


class LocationCount(Base):
    """A count (telling) of a location: when, by whom, and whether everything there was
    counted. Written with the count's booking, also when nothing differed, so "last counted"
    is always known."""

    __tablename__ = "location_counts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), unique=True)
    counted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    counted_by: Mapped[str] = mapped_column(Unicode(64))
    complete: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_location_counts_location_counted", "location_id", "counted_at"),)
