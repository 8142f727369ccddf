"""The staff register (personeel): the zone's staff members and the dated history of their state.

A staff number is digits with its leading zeros ("01209" is not "1209"), unique within a zone.
A state holds from ``starts_on`` up to and including ``ends_on`` (open when None); periods of
one person never overlap (domain/people.py checks that before a state is written).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, Unicode, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from carma_logistiek.db.models.common import Base, UTCDateTime, Zoned, utc_now

STAFF_NUMBER_LENGTH = 16


class StaffMember(Zoned, Base):
    __tablename__ = "staff_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(Unicode(STAFF_NUMBER_LENGTH))
    first_name: Mapped[str] = mapped_column(Unicode(80))
    last_name: Mapped[str] = mapped_column(Unicode(80))
    grade: Mapped[str] = mapped_column(Unicode(40), default="")
    # "operationeel" or "calog" (domain/people.py StaffKind).
    kind: Mapped[str] = mapped_column(Unicode(12), default="operationeel")
    team: Mapped[str] = mapped_column(Unicode(80), default="")
    email: Mapped[str] = mapped_column(Unicode(254), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    states: Mapped[list[StaffState]] = relationship(
        back_populates="staff", order_by="StaffState.starts_on", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("zone", "number", name="uq_staff_members_zone_number"),)


class StaffState(Base):
    """One period of a person's state: in dienst, uit dienst, NAPA, loopbaanonderbreking, …"""

    __tablename__ = "staff_states"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_members.id"), index=True)
    state: Mapped[str] = mapped_column(Unicode(24))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Unicode(500), default="")

    staff: Mapped[StaffMember] = relationship(back_populates="states")
