"""The zones one database serves: PZ CARMA today; zones sharing a server park add theirs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Unicode
from sqlalchemy.orm import Mapped, mapped_column

from carma_logistiek.db.models.common import ZONE_CODE_LENGTH, Base, UTCDateTime, utc_now


class Zone(Base):
    """A police zone. Its code is what its labels print (``CL1:CARMA:…``)."""

    __tablename__ = "zones"

    code: Mapped[str] = mapped_column(Unicode(ZONE_CODE_LENGTH), primary_key=True)
    name: Mapped[str] = mapped_column(Unicode(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
