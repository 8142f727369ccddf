"""The kit register: placing, moving, retiring and replacing kits, assigning re-checks,
photos of the placement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import Kit, KitContent, KitEvent, KitPhoto, Location
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.errors import DuplicateCode, InvalidInterval, ReasonRequired
from carma_logistiek.domain.kits import KitStatus
from carma_logistiek.services.command import Tx, read, write
from carma_logistiek.services.kits.common import (
    ChecksAssigned,
    KitRow,
    PhotoAdded,
    active_kit,
    kit_changes,
    kit_id_of,
    kit_place,
    kit_row,
    kit_type_by_code,
    last_check_date,
    next_due,
    template,
)
from carma_logistiek.services.lookups import LocationRef, normalise_code, require_valid_code


@write(Permission.KITS_EDIT)
def register_kit(
    tx: Tx, /,
    *,
    code: str,
    kit_type_code: str,
    location_code: str,
    actor: Actor,
    floor: str = "",
    spot: str = "",
    need: str = "",
    responsible: str = "",
    placed_on: date | None = None,
    content_expiry: dict[str, date] | None = None,
    interval_months: int | None = None,
) -> KitRow:
    """Place a new kit. Its contents start complete per the template; ``content_expiry`` gives
    the expiry date per product code of what was put in. The first re-check is planned at once."""
    code = require_valid_code(code)
    placed_on = placed_on or local_today()
    if interval_months is not None and not 1 <= interval_months <= 60:
        raise InvalidInterval(value=interval_months)
    expiries = {normalise_code(k): v for k, v in (content_expiry or {}).items()}
    session = tx.session
    kit = _place_new_kit(
        session, code=code, kit_type_id=kit_type_by_code(session, kit_type_code).id,
        location=kit_place(session, location_code), user=actor.user, floor=floor, spot=spot,
        need=need, responsible=responsible, placed_on=placed_on, expiries=expiries,
        interval_months=interval_months)
    return _changed_row(session, kit.id, kit.code)


def _place_new_kit(session: Session, *, code: str, kit_type_id: int, location: LocationRef,
                   user: str, floor: str, spot: str, need: str, responsible: str,
                   placed_on: date, expiries: dict[str, date],
                   interval_months: int | None) -> Kit:
    kit = Kit(code=code, kit_type_id=kit_type_id, location_id=location.id,
              floor=floor.strip(), spot=spot.strip(), need=need.strip(),
              responsible=responsible.strip(), status=KitStatus.IN_ORDER.value,
              interval_months=interval_months, placed_on=placed_on,
              next_check_due=placed_on, created_by=user)
    session.add(kit)
    try:
        session.flush()
    except IntegrityError as error:
        raise DuplicateCode(code=code) from error
    for item in template(session, kit_type_id):
        session.add(KitContent(kit_id=kit.id, template_item_id=item.id, quantity=item.quantity,
                               expiry=expiries.get(item.product_code)))
    session.add(KitEvent(kit_id=kit.id, kind="geplaatst", by=user,
                         to_location_id=location.id, note=spot.strip()))
    session.flush()
    kit.next_check_due = next_due(session, kit, last_check=None)
    return kit


def _changed_row(session: Session, kit_id: int, *codes: str) -> KitRow:
    """The kit as the write left it, saying which kits changed."""
    session.flush()
    return replace(kit_row(session, kit_id), changes=kit_changes(*codes))


@write(Permission.KITS_EDIT)
def move_kit(tx: Tx, /, *, code: str, location_code: str, actor: Actor, floor: str = "",
             spot: str = "", note: str = "") -> KitRow:
    """Move a kit to another place (or vehicle). The history keeps where it was."""
    session = tx.session
    kit = active_kit(session, code)
    target = kit_place(session, location_code)
    session.add(KitEvent(kit_id=kit.id, kind="verplaatst", by=actor.user,
                         from_location_id=kit.location_id, to_location_id=target.id,
                         note=note.strip() or spot.strip()))
    kit.location_id, kit.floor, kit.spot = target.id, floor.strip(), spot.strip()
    session.flush()
    kit.next_check_due = next_due(session, kit, last_check=last_check_date(session, kit.id))
    return _changed_row(session, kit.id, kit.code)


@write(Permission.KITS_EDIT)
def retire_kit(tx: Tx, /, *, code: str, reason: str, actor: Actor) -> KitRow:
    """Take a kit out of use (removed or replaced). It stays in the register with its history."""
    if not reason.strip():
        raise ReasonRequired()
    session = tx.session
    kit = active_kit(session, code)
    _retire(session, kit, reason, actor.user)
    return _changed_row(session, kit.id, kit.code)


def _retire(session: Session, kit: Kit, reason: str, user: str) -> None:
    kit.status = KitStatus.OUT_OF_USE.value
    kit.assigned_to = None
    session.add(KitEvent(kit_id=kit.id, kind="buiten_gebruik", by=user,
                         from_location_id=kit.location_id, note=reason.strip()))
    session.flush()


@write(Permission.KITS_EDIT)
def replace_kit(tx: Tx, /, *, old_code: str, new_code: str, actor: Actor,
                content_expiry: dict[str, date] | None = None,
                placed_on: date | None = None) -> KitRow:
    """Replace a kit by a new one on the same spot, in one transaction: the old one is
    retired with a note that points to the new one, the new one's history says which kit it
    replaced. A refused new code leaves the old kit in use."""
    new_code = require_valid_code(new_code)
    expiries = {normalise_code(k): v for k, v in (content_expiry or {}).items()}
    session = tx.session
    old = active_kit(session, old_code)
    _retire(session, old, f"vervangen door {new_code}", actor.user)
    place = session.get_one(Location, old.location_id)
    new = _place_new_kit(
        session, code=new_code, kit_type_id=old.kit_type_id,
        location=LocationRef(place.id, place.code, place.name, place.kind, place.path),
        user=actor.user, floor=old.floor, spot=old.spot, need=old.need,
        responsible=old.responsible, placed_on=placed_on or local_today(),
        expiries=expiries, interval_months=old.interval_months)
    session.add(KitEvent(kit_id=new.id, kind="vervangt", by=actor.user, note=old.code))
    return _changed_row(session, new.id, old.code, new.code)


@write(Permission.KITS_EDIT)
def assign_checks(tx: Tx, /, *, kit_codes: Sequence[str], person: str | None,
                  actor: Actor) -> ChecksAssigned:
    """Assign (or with ``None`` unassign) the next re-check of these kits to a person."""
    session = tx.session
    assigned_to = (person or "").strip() or None
    codes: list[str] = []
    for code in kit_codes:
        kit = active_kit(session, code)
        kit.assigned_to = assigned_to
        session.add(KitEvent(kit_id=kit.id, kind="toegewezen", by=actor.user,
                             note=assigned_to or ""))
        codes.append(kit.code)
    return ChecksAssigned(len(kit_codes), assigned_to, changes=kit_changes(*codes))


@write(Permission.KITS_EDIT)
def add_kit_photo(tx: Tx, /, *, code: str, data: bytes, mime_type: str, actor: Actor,
                  caption: str = "") -> PhotoAdded:
    """A photo of the placement (from a file or the webcam), kept with the kit."""
    from carma_logistiek.scanning.images import clean_photo

    # Stored as re-encoded from its pixels: the type is what the content is (whatever
    # ``mime_type`` says), and EXIF, GPS position included, is not kept.
    data, mime_type = clean_photo(data)
    session = tx.session
    kit_id = kit_id_of(session, code)
    photo = KitPhoto(kit_id=kit_id, taken_by=actor.user, caption=caption.strip()[:160],
                     mime_type=mime_type, data=data)
    session.add(photo)
    session.flush()
    kit_code = normalise_code(code)
    return PhotoAdded(photo.id, kit_code, changes=kit_changes(kit_code))


@read(Permission.KITS_READ)
def kit_photo(db: Database, photo_id: int) -> tuple[str, bytes]:
    with db.read() as session:
        photo = session.get_one(KitPhoto, photo_id)
        return photo.mime_type, photo.data
