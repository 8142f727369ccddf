"""SQLAlchemy 2 models. Alembic migrations (db/migrations) are the only way the schema is made.

Portable by construction: SQLite, PostgreSQL and SQL Server. No backend-specific types, string
lengths everywhere (SQL Server cannot index unbounded text), naive UTC timestamps behind a
type that hands out aware datetimes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CODE_LENGTH = 32
# Unicode, not String: SQL Server maps it to NVARCHAR, so names like "Dräger" survive any
# server collation; SQLite and PostgreSQL store the same VARCHAR either way.
# SQLite shares one integer type for row ids; BigInteger elsewhere keeps room for a long ledger.
LedgerId = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC without a zone (portable), always returns an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Location(Base):
    """A place that holds stock or groups places: zone > site > room > cabinet/shelf, or a vehicle.

    ``path`` is the chain of ids from the zone down ("/1/4/9/") so a whole subtree is one
    indexed prefix query.
    """

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    code: Mapped[str] = mapped_column(Unicode(CODE_LENGTH), unique=True)
    name: Mapped[str] = mapped_column(Unicode(120))
    kind: Mapped[str] = mapped_column(Unicode(16))
    path: Mapped[str] = mapped_column(Unicode(255), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(Unicode(64))

    parent: Mapped[Location | None] = relationship(remote_side=[id])


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(CODE_LENGTH), unique=True)
    name: Mapped[str] = mapped_column(Unicode(160))
    category: Mapped[str] = mapped_column(Unicode(64), default="")
    unit: Mapped[str] = mapped_column(Unicode(16), default="stuk")
    tracks_lots: Mapped[bool] = mapped_column(Boolean, default=False)
    tracks_expiry: Mapped[bool] = mapped_column(Boolean, default=False)
    gtin: Mapped[str | None] = mapped_column(Unicode(14))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(Unicode(64))

    # Unique where present. SQLite and PostgreSQL let any number of NULLs through a unique
    # index; SQL Server does not, so migration 0001 adds "WHERE gtin IS NOT NULL" there
    # (mssql_where). Not repeated here: dialect options make SQLAlchemy import those dialects
    # when this module loads, which cost ~100 ms of every app start.
    __table_args__ = (Index("uq_products_gtin", "gtin", unique=True),)


class ProductMinimum(Base):
    """Reorder point of a product at one location."""

    __tablename__ = "product_minimums"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    minimum: Mapped[int] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("minimum >= 0", name="minimum_not_negative"),)


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


class Booking(Base):
    """One user action, booked atomically: a pickup basket, a transfer, a delivery.

    The idempotency key makes a retried booking (a crash, a re-run CSV file, a double Enter)
    land once: the second attempt finds the key and returns the first result.
    """

    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(LedgerId, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(Unicode(80), unique=True)
    kind: Mapped[str] = mapped_column(Unicode(20))
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    booked_by: Mapped[str] = mapped_column(Unicode(64))
    note: Mapped[str] = mapped_column(Unicode(500), default="")


class StockMovement(Base):
    """Append-only ledger line. Never updated, never deleted; a mistake is a new correction."""

    __tablename__ = "stock_movements"

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

    __table_args__ = (
        CheckConstraint("quantity <> 0", name="quantity_not_zero"),
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


class PurchaseOrder(Base):
    __tablename__ = "purchase_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(Unicode(CODE_LENGTH), unique=True)
    supplier: Mapped[str] = mapped_column(Unicode(120))
    status: Mapped[str] = mapped_column(Unicode(20), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    note: Mapped[str] = mapped_column(Unicode(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(Unicode(64))
    ordered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ordered_by: Mapped[str | None] = mapped_column(Unicode(64))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(Unicode(64))
    cancel_reason: Mapped[str | None] = mapped_column(Unicode(500))

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", order_by="OrderLine.id", cascade="all, delete-orphan"
    )


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity_ordered: Mapped[int] = mapped_column(Integer)
    quantity_received: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[PurchaseOrder] = relationship(back_populates="lines")

    __table_args__ = (
        CheckConstraint("quantity_ordered > 0", name="quantity_ordered_positive"),
        CheckConstraint("quantity_received >= 0", name="quantity_received_not_negative"),
    )


class Sequence(Base):
    """Counters for human-readable numbers (B2026-0001), incremented inside the booking
    transaction so two desks never hand out the same number."""

    __tablename__ = "sequences"

    name: Mapped[str] = mapped_column(Unicode(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


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


class KitType(Base):
    """First Aid Kit, Cool Kit, Burn Kit, pleisterset, oogspoeling: what a kit of this type
    must hold, and how often it is re-checked (vehicles are shaken about; checked more often)."""

    __tablename__ = "kit_types"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(CODE_LENGTH), unique=True)
    name: Mapped[str] = mapped_column(Unicode(80))
    interval_months_building: Mapped[int] = mapped_column(Integer)
    interval_months_vehicle: Mapped[int] = mapped_column(Integer)

    items: Mapped[list[KitTemplateItem]] = relationship(order_by="KitTemplateItem.position")


class KitTemplateItem(Base):
    __tablename__ = "kit_template_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kit_type_id: Mapped[int] = mapped_column(ForeignKey("kit_types.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    expires: Mapped[bool] = mapped_column(Boolean, default=False)
    replace_before_days: Mapped[int] = mapped_column(Integer, default=0)
    critical: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)


class Kit(Base):
    """One kit on its spot: a location in a building (floor, exact spot) or a vehicle (a
    location of kind vehicle). Never deleted: retired kits keep their history."""

    __tablename__ = "kits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(CODE_LENGTH), unique=True)
    kit_type_id: Mapped[int] = mapped_column(ForeignKey("kit_types.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    floor: Mapped[str] = mapped_column(Unicode(40), default="")
    spot: Mapped[str] = mapped_column(Unicode(160), default="")
    need: Mapped[str] = mapped_column(Unicode(500), default="")
    responsible: Mapped[str] = mapped_column(Unicode(80), default="")
    status: Mapped[str] = mapped_column(Unicode(20))
    interval_months: Mapped[int | None] = mapped_column(Integer)
    placed_on: Mapped[date] = mapped_column(Date)
    next_check_due: Mapped[date] = mapped_column(Date, index=True)
    assigned_to: Mapped[str | None] = mapped_column(Unicode(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(Unicode(64))


class KitContent(Base):
    """What is in the kit now, per template item, with the expiry of what was put in."""

    __tablename__ = "kit_contents"

    kit_id: Mapped[int] = mapped_column(ForeignKey("kits.id"), primary_key=True)
    template_item_id: Mapped[int] = mapped_column(ForeignKey("kit_template_items.id"),
                                                  primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer)
    expiry: Mapped[date | None] = mapped_column(Date)


class KitEvent(Base):
    """Append-only history of a kit: placed, moved, replaced, retired, assigned."""

    __tablename__ = "kit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kit_id: Mapped[int] = mapped_column(ForeignKey("kits.id"), index=True)
    kind: Mapped[str] = mapped_column(Unicode(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    by: Mapped[str] = mapped_column(Unicode(64))
    from_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    to_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    note: Mapped[str] = mapped_column(Unicode(500), default="")


class KitCheck(Base):
    """A re-check as it was done. Never edited; a correction is a new check."""

    __tablename__ = "kit_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kit_id: Mapped[int] = mapped_column(ForeignKey("kits.id"))
    checked_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    checked_by: Mapped[str] = mapped_column(Unicode(64))
    result: Mapped[str] = mapped_column(Unicode(20))
    next_due: Mapped[date] = mapped_column(Date)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))
    idempotency_key: Mapped[str] = mapped_column(Unicode(80), unique=True)
    note: Mapped[str] = mapped_column(Unicode(500), default="")

    __table_args__ = (Index("ix_kit_checks_kit_checked", "kit_id", "checked_on"),)


class KitCheckLine(Base):
    __tablename__ = "kit_check_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("kit_checks.id"), index=True)
    template_item_id: Mapped[int] = mapped_column(ForeignKey("kit_template_items.id"))
    outcome: Mapped[str] = mapped_column(Unicode(20))
    replaced_quantity: Mapped[int] = mapped_column(Integer, default=0)
    # What stock could not supply: a to-do that shows as demand on the stock side.
    short_quantity: Mapped[int] = mapped_column(Integer, default=0)


class KitPhoto(Base):
    """A photo of the placement, kept in the database so every desk on a shared server sees it."""

    __tablename__ = "kit_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kit_id: Mapped[int] = mapped_column(ForeignKey("kits.id"), index=True)
    check_id: Mapped[int | None] = mapped_column(ForeignKey("kit_checks.id"))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    taken_by: Mapped[str] = mapped_column(Unicode(64))
    caption: Mapped[str] = mapped_column(Unicode(160), default="")
    mime_type: Mapped[str] = mapped_column(Unicode(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
