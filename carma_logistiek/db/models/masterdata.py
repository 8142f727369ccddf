"""Master data: the places stock is kept at and the products it is kept of."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from carma_logistiek.db.models.common import (
    CODE_LENGTH,
    ZONE_CODE_LENGTH,
    Base,
    UTCDateTime,
    Zoned,
    utc_now,
)


class Location(Zoned, Base):
    """A place that holds stock or groups places: zone > site > room > cabinet/shelf, or a vehicle.

    ``path`` is the chain of ids from the zone down ("/1/4/9/") so a whole subtree is one
    indexed prefix query.
    """

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    code: Mapped[str] = mapped_column(Unicode(CODE_LENGTH))
    name: Mapped[str] = mapped_column(Unicode(120))
    kind: Mapped[str] = mapped_column(Unicode(16))
    path: Mapped[str] = mapped_column(Unicode(255), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(Unicode(64))

    parent: Mapped[Location | None] = relationship(remote_side=[id])

    __table_args__ = (UniqueConstraint("zone", "code", name="uq_locations_zone_code"),)


class Product(Zoned, Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(CODE_LENGTH))
    name: Mapped[str] = mapped_column(Unicode(160))
    category: Mapped[str] = mapped_column(Unicode(64), default="")
    unit: Mapped[str] = mapped_column(Unicode(16), default="stuk")
    tracks_lots: Mapped[bool] = mapped_column(Boolean, default=False)
    tracks_expiry: Mapped[bool] = mapped_column(Boolean, default=False)
    # The main manufacturer barcode, the one a label or a list shows. Every GTIN of the
    # product, this one included, is a row of product_gtins: that table's unique index is what
    # keeps one barcode to one product, and what a scan looks up.
    gtin: Mapped[str | None] = mapped_column(Unicode(14))
    # Days a new lot keeps when its expiry is not printed on it (a delivery proposes it).
    shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Unicode(2000), default="")
    # A retired product keeps its history and its stock can still leave; it can no longer
    # be booked in or ordered.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(Unicode(64))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Unique per zone where present. SQLite and PostgreSQL let any number of NULLs through a unique
    # index; SQL Server does not, so migration 0001 adds "WHERE gtin IS NOT NULL" there
    # (mssql_where). Not repeated here: dialect options make SQLAlchemy import those dialects
    # when this module loads, which cost ~100 ms of every app start.
    __table_args__ = (
        UniqueConstraint("zone", "code", name="uq_products_zone_code"),
        Index("uq_products_gtin", "zone", "gtin", unique=True),
    )


class ProductMinimum(Base):
    """Reorder point of a product at one location."""

    __tablename__ = "product_minimums"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    minimum: Mapped[int] = mapped_column(Integer)
    # Optional order-up-to level: the order list fills up to it (else to the minimum plus
    # recent consumption).
    maximum: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("minimum >= 0", name="minimum_not_negative"),
        CheckConstraint("maximum IS NULL OR maximum >= minimum", name="maximum_not_below_minimum"),
    )


class ProductGtin(Zoned, Base):
    """One manufacturer barcode of a product (a product may have several: the unit and the
    box, or a second manufacturer). Stored in its shortest form (EAN-13 for most). One product
    per barcode within a zone; two zones on one server may well sell the same EAN."""

    __tablename__ = "product_gtins"

    zone: Mapped[str] = mapped_column(Unicode(ZONE_CODE_LENGTH), ForeignKey("zones.code"),
                                      primary_key=True, index=True)
    gtin: Mapped[str] = mapped_column(Unicode(14), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)


class ProductPhoto(Base):
    """The product's photo, kept in the database so every desk on a shared server sees it."""

    __tablename__ = "product_photos"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    mime_type: Mapped[str] = mapped_column(Unicode(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_by: Mapped[str] = mapped_column(Unicode(64))


class Supplier(Zoned, Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(CODE_LENGTH))
    name: Mapped[str] = mapped_column(Unicode(120))
    contact: Mapped[str] = mapped_column(Unicode(120), default="")
    email: Mapped[str] = mapped_column(Unicode(254), default="")
    phone: Mapped[str] = mapped_column(Unicode(40), default="")
    # Our customer number at the supplier: what an order must quote.
    customer_number: Mapped[str] = mapped_column(Unicode(40), default="")
    # Working days are not known here; calendar days from "besteld" to delivery.
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Unicode(2000), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(Unicode(64))

    __table_args__ = (
        UniqueConstraint("zone", "code", name="uq_suppliers_zone_code"),
        CheckConstraint("lead_time_days IS NULL OR lead_time_days >= 0",
                        name="lead_time_not_negative"),
    )


class ProductSupplier(Base):
    """Who sells a product: their reference and the pack size an order is rounded up to."""

    __tablename__ = "product_suppliers"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), primary_key=True,
                                             index=True)
    reference: Mapped[str] = mapped_column(Unicode(64), default="")
    pack_size: Mapped[int] = mapped_column(Integer, default=1)
    # The supplier the order list proposes; at most one per product (the service keeps it so).
    preferred: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (CheckConstraint("pack_size > 0", name="pack_size_positive"),)
