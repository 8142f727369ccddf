"""Purchase orders, their lines, and the counters that number them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Unicode, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from carma_logistiek.db.models.common import (
    CODE_LENGTH,
    ZONE_CODE_LENGTH,
    Base,
    UTCDateTime,
    Zoned,
    utc_now,
)


class PurchaseOrder(Zoned, Base):
    __tablename__ = "purchase_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(Unicode(CODE_LENGTH))
    # The supplier's name as typed on the order (orders before 0005, or a one-off supplier);
    # supplier_id when it is one of the suppliers of the master data.
    supplier: Mapped[str] = mapped_column(Unicode(120))
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), index=True)
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

    __table_args__ = (UniqueConstraint("zone", "number", name="uq_purchase_orders_zone_number"),)


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


class Sequence(Zoned, Base):
    """Counters for human-readable numbers (B2026-0001), incremented inside the booking
    transaction so two desks never hand out the same number. Each zone counts its own."""

    __tablename__ = "sequences"

    zone: Mapped[str] = mapped_column(Unicode(ZONE_CODE_LENGTH), ForeignKey("zones.code"),
                                      primary_key=True, index=True)
    name: Mapped[str] = mapped_column(Unicode(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
