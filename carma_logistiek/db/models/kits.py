"""First-aid kits: types and their templates, kits, contents, history, checks and photos."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from carma_logistiek.db.models.common import CODE_LENGTH, Base, UTCDateTime, Zoned, utc_now


class KitType(Zoned, Base):
    """First Aid Kit, Cool Kit, Burn Kit, pleisterset, oogspoeling: what a kit of this type
    must hold, and how often it is re-checked (vehicles are shaken about; checked more often)."""

    __tablename__ = "kit_types"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(CODE_LENGTH))
    name: Mapped[str] = mapped_column(Unicode(80))
    interval_months_building: Mapped[int] = mapped_column(Integer)
    interval_months_vehicle: Mapped[int] = mapped_column(Integer)

    items: Mapped[list[KitTemplateItem]] = relationship(order_by="KitTemplateItem.position")

    __table_args__ = (UniqueConstraint("zone", "code", name="uq_kit_types_zone_code"),)


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


class Kit(Zoned, Base):
    """One kit on its spot: a location in a building (floor, exact spot) or a vehicle (a
    location of kind vehicle). Never deleted: retired kits keep their history."""

    __tablename__ = "kits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(CODE_LENGTH))
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

    __table_args__ = (UniqueConstraint("zone", "code", name="uq_kits_zone_code"),)


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


class KitCheck(Zoned, Base):
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
    idempotency_key: Mapped[str] = mapped_column(Unicode(80))
    # Fingerprint of the check request recorded under the key (see Booking.request_hash).
    request_hash: Mapped[str | None] = mapped_column(Unicode(64))
    note: Mapped[str] = mapped_column(Unicode(500), default="")

    __table_args__ = (
        UniqueConstraint("zone", "idempotency_key", name="uq_kit_checks_zone_idempotency_key"),
        Index("ix_kit_checks_kit_checked", "kit_id", "checked_on"),
    )


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
