"""Master data: the places stock is kept at and the products it is kept of."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, Unicode
from sqlalchemy.orm import Mapped, mapped_column, relationship

from carma_logistiek.db.models.common import CODE_LENGTH, Base, UTCDateTime, utc_now


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
