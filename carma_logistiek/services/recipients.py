"""The "voor wie" field: who or what the picker offers, and the names the movement lists
show.

Vehicles, kits, locations and staff members come from their registers (staff from the staff
register, services/people): a recipient that is not in its register is refused
(``lookups.require_known_recipient``), and the lists show each one's name.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from carma_logistiek.db.models import Kit, KitType, Location, StaffMember
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.kits import KitStatus
from carma_logistiek.domain.people import StaffStateKind, display_name
from carma_logistiek.domain.text import natural_key
from carma_logistiek.services.command import read
from carma_logistiek.services.lookups import GROUPING_KINDS
from carma_logistiek.services.people.register import current_states
from carma_logistiek.services.results import RecipientCandidate

# The kinds whose register knows a name; the others (order, other) show their code.
NAMED_KINDS = frozenset({"vehicle", "location", "kit", "staff"})


# The picker of a pickup: names of staff members, vehicles and kits, for the person who
# books (need-to-know: a reader of stock has no use for the staff list).
@read(Permission.STOCK_BOOK)
def recipient_candidates(db: Database) -> list[RecipientCandidate]:
    """Every vehicle, kit in use, place that holds stock and staff member not out of service, in
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
    # Who left is no longer offered (an old booking for them still shows their name).
    states = current_states(session)
    rows = session.execute(
        select(StaffMember.id, StaffMember.number, StaffMember.first_name, StaffMember.last_name)
    ).all()
    return [RecipientCandidate("staff", number, display_name(first, last))
            for staff_id, number, first, last in rows
            if states.get(staff_id) != StaffStateKind.LEFT]


def recipient_names(
    session: Session, recipients: Iterable[tuple[str | None, str | None]]
) -> dict[tuple[str | None, str | None], str]:
    """The register's name of each (kind, code) that has one: one query for the places and
    vehicles among them, one for the kits, one for the staff members, whatever the number of
    rows (a movement list)."""
    wanted = {(kind, code) for kind, code in recipients if kind in NAMED_KINDS and code}
    places = sorted({code for kind, code in wanted if kind not in ("kit", "staff")})
    staff = sorted({code for kind, code in wanted if kind == "staff"})
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
    if staff:
        for number, first, last in session.execute(
            select(StaffMember.number, StaffMember.first_name, StaffMember.last_name)
            .where(StaffMember.number.in_(staff))
        ):
            names[("staff", number)] = display_name(first, last)
    return names
