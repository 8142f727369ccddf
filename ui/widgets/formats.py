"""Small formatting helpers the tables of several features share."""

from __future__ import annotations

from datetime import UTC, datetime

from carma_logistiek.clock import to_local


def local_time(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were stored in UTC.
    return to_local(value if value.tzinfo else value.replace(tzinfo=UTC))
