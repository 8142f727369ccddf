"""What every model shares: the declarative base, the naming convention, the portable types.

Alembic migrations (db/migrations) are the only way the schema is made.

Portable by construction: SQLite, PostgreSQL and SQL Server. No backend-specific types, string
lengths everywhere (SQL Server cannot index unbounded text), naive UTC timestamps behind a
type that hands out aware datetimes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, MetaData, Unicode
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CODE_LENGTH = 32
ZONE_CODE_LENGTH = 16
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


class Zoned:
    """A record that belongs to one zone (a police zone sharing the server with others).

    Every ORM query a session makes sees only the rows of that session's zone, and every new
    row gets that zone (db/zoning.py, from ``session.info["zone"]``): a service cannot forget
    the zone, and codes are unique within a zone, not across zones.
    """

    @declared_attr
    def zone(cls) -> Mapped[str]:
        return mapped_column(Unicode(ZONE_CODE_LENGTH), ForeignKey("zones.code"), index=True)
