"""The zones one database serves: PZ CARMA, and the zones that share its server park.

A zone's code is what its labels print (``CL1:CARMA:P:…``) and what every record of it carries
(db/zoning.py keeps each session to its own zone). A new zone starts empty: its people are
given roles in it (``users set-role --zone``) and it imports its own lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select

from carma_logistiek.db.models import Zone
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import _error
from carma_logistiek.domain.masterdata import clean_name
from carma_logistiek.i18n import N_
from carma_logistiek.services.command import Tx, read, write

# Letters and digits, as on a label (the label's own separator is ':'), at most 16.
ZONE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,15}$")

InvalidZoneCode = _error(
    "InvalidZoneCode",
    N_("De zonecode {code} kan niet: gebruik 2 tot 16 letters of cijfers (ze komt op elk "
       "etiket), bijvoorbeeld VOEREN."),
    "code",
)
DuplicateZone = _error(
    "DuplicateZone", N_("Er is al een zone {code} ({name}); er werd niets gewijzigd."), "code")


@dataclass(frozen=True)
class ZoneRow:
    code: str
    name: str
    created_at: datetime
    changes: Changes = field(default_factory=Changes, compare=False)


def _row(zone: Zone) -> ZoneRow:
    return ZoneRow(zone.code, zone.name, zone.created_at)


@read(Permission.STOCK_READ)
def list_zones(db: Database) -> list[ZoneRow]:
    """Every zone on this database, by code (the zones themselves are not secret: their
    records are)."""
    with db.read() as session:
        return [_row(zone) for zone in session.scalars(select(Zone).order_by(Zone.code))]


def clean_zone_code(code: str) -> str:
    cleaned = (code or "").strip().upper()
    if not ZONE_CODE.match(cleaned):
        raise InvalidZoneCode(code=code)
    return cleaned


@write(Permission.ADMIN)
def create_zone(tx: Tx, /, *, code: str, name: str, actor: Actor) -> ZoneRow:
    """A new, empty zone. Refused (DomainError) for a code that is no label code, an empty
    name, and a code that is taken."""
    cleaned = clean_zone_code(code)
    clean = clean_name(name)  # its length: the command path's text limits (domain/text.py)
    session = tx.session
    existing = session.get(Zone, cleaned)
    if existing is not None:
        raise DuplicateZone(code=cleaned, name=existing.name)
    zone = Zone(code=cleaned, name=clean)
    session.add(zone)
    session.flush()
    return replace(_row(zone), changes=Changes(zones=frozenset({cleaned})))


__all__ = ["ZoneRow", "clean_zone_code", "create_zone", "list_zones"]
