"""The audit trail: one entry per successful write (who, when, which command, the request
without its secrets) and its records (which rows, their values before and after).

Append-only, enforced by the database itself: triggers refuse every UPDATE and DELETE of both
tables (db/append_only.py, created by migration 0008). A mistake in the trail cannot be
corrected, only explained by a later entry.

``request``, ``before`` and ``after`` are canonical JSON text (sorted keys). They are unbounded
``Unicode()`` (NVARCHAR(max) on SQL Server): never indexed, and a product's notes alone can be
longer than a bounded column allows.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, Unicode
from sqlalchemy.orm import Mapped, mapped_column, relationship

from carma_logistiek.db.models.common import Base, LedgerId, UTCDateTime, Zoned, utc_now

RECORD_KIND_LENGTH = 40
RECORD_KEY_LENGTH = 200


class AuditEntry(Zoned, Base):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(LedgerId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    # The signed-in user name (or the OS user in set-up mode), as on bookings. Not indexed (nor
    # is action): the search looks for part of a name, and every index is one more page each
    # write has to change; the period (``at``) is what narrows a search.
    actor: Mapped[str] = mapped_column(Unicode(64))
    # No foreign key: the trail outlives whatever happens to an account.
    account_id: Mapped[int | None] = mapped_column(Integer)
    # The command's name: "stock.record_pickup", "people.view_staff_member".
    action: Mapped[str] = mapped_column(Unicode(64))
    # "write", "read" (consultation of personal data) or "sign_in".
    kind: Mapped[str] = mapped_column(Unicode(12))
    request: Mapped[str] = mapped_column(Unicode())
    # "" when it went through; else the code of the refusal it recorded (a failed sign-in is
    # committed and then refused: "WrongCredentials", "AccountLocked").
    outcome: Mapped[str] = mapped_column(Unicode(40), default="")
    # A short line for lists: the records it touched ("product:SPALK-01, stock:…").
    summary: Mapped[str] = mapped_column(Unicode(500), default="")

    records: Mapped[list[AuditRecord]] = relationship(
        back_populates="entry", order_by="AuditRecord.id"
    )


class AuditRecord(Base):
    """One record an entry touched. ``before`` is None for a new record, ``after`` None for a
    deleted one; both None for a record changed outside the ORM (a stock level's Core update),
    named from the write's ``Changes``."""

    __tablename__ = "audit_records"

    id: Mapped[int] = mapped_column(LedgerId, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(
        LedgerId, ForeignKey("audit_entries.id"), index=True
    )
    # "product", "stock", "staff", … or a table name; the key its code or its primary key.
    record_kind: Mapped[str] = mapped_column(Unicode(RECORD_KIND_LENGTH))
    record_key: Mapped[str] = mapped_column(Unicode(RECORD_KEY_LENGTH))
    before: Mapped[str | None] = mapped_column(Unicode())
    after: Mapped[str | None] = mapped_column(Unicode())

    entry: Mapped[AuditEntry] = relationship(back_populates="records")

    __table_args__ = (Index("ix_audit_records_record", "record_kind", "record_key"),)
