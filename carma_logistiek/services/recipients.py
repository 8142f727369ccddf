"""The "voor wie" field: who or what the picker offers, and the names the movement lists
show.

Vehicles, kits and locations come from their registers. Staff members have no register yet
(a later issue adds it, with names): until then the staff numbers that exist are the ones
already booked for (a staff card scanned at the counter, ``--for staff:01209`` on the command
line, a CSV import). A new staff number can still be typed; it only has to be one (digits,
``lookups.require_known_recipient``).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from carma_logistiek.db.models import Kit, KitType, Location, StockMovement
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.kits import KitStatus
from carma_logistiek.domain.recipients import is_staff_number
from carma_logistiek.domain.text import natural_key
from carma_logistiek.services.lookups import GROUPING_KINDS
from carma_logistiek.services.results import RecipientCandidate

# The kinds whose register knows a name; the others (staff, order, other) show their code.
NAMED_KINDS = frozenset({"vehicle", "location", "kit"})


def recipient_candidates(db: Database) -> list[RecipientCandidate]:
    """Every vehicle, kit in use, place that holds stock and staff number used before, in
    natural order of kind then code (the picker filters and orders them as the clerk types)."""
    with db.read() as session:
        rows = [*_locations(session), *_kits(session), *_staff(session)]
    return sorted(rows, key=lambda row: (row.kind, natural_key(row.code)))


def _locations(session: Session) -> list[RecipientCandidate]:
    rows = session.execute(
        select(Location.kind, Location.code, Location.name).where(
            Location.active.is_(True), Location.kind.not_in(GROUPING_KINDS)
        )
    ).all()
    return [
        RecipientCandidate("vehicle" if kind == "vehicle" else "location", code, name)
        for kind, code, name in rows
    ]


def _kits(session: Session) -> list[RecipientCandidate]:
    rows = session.execute(
        select(Kit.code, KitType.name, Location.name, Kit.spot)
        .join(KitType, KitType.id == Kit.kit_type_id)
        .join(Location, Location.id == Kit.location_id)
        .where(Kit.status != KitStatus.OUT_OF_USE.value)
    ).all()
    return [
        RecipientCandidate("kit", code, _kit_name(type_name, where, spot))
        for code, type_name, where, spot in rows
    ]


def _kit_name(type_name: str, where: str, spot: str) -> str:
    """ "First Aid Kit — Mercedes Vito 1, koffer achteraan": what the kit is and where."""
    return f"{type_name} — {where}" + (f", {spot}" if spot else "")


def _staff(session: Session) -> list[RecipientCandidate]:
    codes = session.execute(
        select(StockMovement.recipient_code)
        .where(StockMovement.recipient_kind == "staff")
        .distinct()
    ).scalars()
    # Bookings made before staff numbers were checked may hold anything: offer numbers only.
    return [RecipientCandidate("staff", code) for code in codes if code and is_staff_number(code)]


def recipient_names(
    session: Session, recipients: Iterable[tuple[str | None, str | None]]
) -> dict[tuple[str | None, str | None], str]:
    """The register's name of each (kind, code) that has one: one query for the places and
    vehicles among them, one for the kits, whatever the number of rows (a movement list)."""
    wanted = {(kind, code) for kind, code in recipients if kind in NAMED_KINDS and code}
    places = sorted({code for kind, code in wanted if kind != "kit"})
    kits = sorted({code for kind, code in wanted if kind == "kit"})
    names: dict[tuple[str | None, str | None], str] = {}
    if places:
        for kind, code, name in session.execute(
            select(Location.kind, Location.code, Location.name).where(Location.code.in_(places))
        ):
            for asked in ("vehicle", "location"):
                if (asked, code) in wanted and (asked == "location" or kind == "vehicle"):
                    names[(asked, code)] = name
    if kits:
        for code, type_name, where, spot in session.execute(
            select(Kit.code, KitType.name, Location.name, Kit.spot)
            .join(KitType, KitType.id == Kit.kit_type_id)
            .join(Location, Location.id == Kit.location_id)
            .where(Kit.code.in_(kits))
        ):
            names[("kit", code)] = _kit_name(type_name, where, spot)
    return names
