"""Local dates for the zone (Europe/Brussels). Timestamps are stored in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

ZONE_TZ = ZoneInfo("Europe/Brussels")


def local_today() -> date:
    return datetime.now(ZONE_TZ).date()


def to_local(value: datetime) -> datetime:
    return value.astimezone(ZONE_TZ)


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_now() -> datetime:
    """The zone's wall-clock time without a zone (backup names, what people read)."""
    return datetime.now(ZONE_TZ).replace(tzinfo=None)
