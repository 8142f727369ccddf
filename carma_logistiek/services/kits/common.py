"""What every kit module shares: the plain rows kits are handed out as, and the look-ups and
planning rules (interval, next re-check) the writes and reads both use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carma_logistiek.db.models import (
    Kit,
    KitCheck,
    KitCheckLine,
    KitContent,
    KitEvent,
    KitTemplateItem,
    KitType,
    Location,
    Product,
)
from carma_logistiek.domain.changes import NO_CHANGES, Changes
from carma_logistiek.domain.errors import KitRetired, NoStockLocation, UnknownKit, UnknownKitType
from carma_logistiek.domain.kits import (
    CheckResult,
    ContentExpiry,
    KitStatus,
    LineOutcome,
    PlanBucket,
    next_check_date,
)
from carma_logistiek.services.lookups import LocationRef, location_by_code, normalise_code
from carma_logistiek.services.results import BookingResult


@dataclass(frozen=True)
class TemplateItemInput:
    product_code: str
    quantity: int
    expires: bool = False
    replace_before_days: int = 0
    critical: bool = False


@dataclass(frozen=True)
class TemplateItemRow:
    id: int
    position: int
    product_code: str
    product_name: str
    unit: str
    quantity: int
    expires: bool
    replace_before_days: int
    critical: bool


@dataclass(frozen=True)
class KitTypeRow:
    code: str
    name: str
    interval_months_building: int
    interval_months_vehicle: int
    items: tuple[TemplateItemRow, ...]
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


@dataclass(frozen=True)
class KitRow:
    code: str
    kit_type_code: str
    kit_type_name: str
    location_code: str
    location_name: str
    site_name: str
    in_vehicle: bool
    floor: str
    spot: str
    need: str
    responsible: str
    status: KitStatus
    next_check_due: date
    assigned_to: str | None
    last_checked_on: date | None
    # What the write that returned this row changed (empty when the row was read).
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


@dataclass(frozen=True)
class PlanRow:
    kit: KitRow
    bucket: PlanBucket
    days_overdue: int


@dataclass(frozen=True)
class ContentRow:
    item: TemplateItemRow
    quantity: int
    expiry: date | None


@dataclass(frozen=True)
class CheckLineRow:
    product_code: str
    product_name: str
    outcome: LineOutcome
    replaced_quantity: int
    short_quantity: int


@dataclass(frozen=True)
class CheckRow:
    id: int
    kit_code: str
    checked_on: date
    checked_by: str
    result: CheckResult
    next_due: date
    note: str
    lines: tuple[CheckLineRow, ...]
    booking_id: int | None
    replayed: bool = False
    # The pickup that supplied the replacements, for the status bar ("Afgehaald: ...").
    stock_booking: BookingResult | None = None
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


@dataclass(frozen=True)
class EventRow:
    kind: str
    at: datetime
    by: str
    from_location: str | None
    to_location: str | None
    note: str


@dataclass(frozen=True)
class KitDetail:
    kit: KitRow
    contents: tuple[ContentRow, ...]
    checks: tuple[CheckRow, ...]
    events: tuple[EventRow, ...]
    photo_ids: tuple[int, ...]


@dataclass(frozen=True)
class CheckLineInput:
    """What the advisor marked for one template item; ``replace`` is how many units to take
    from stock to put in the kit (0 for none)."""

    template_item_id: int
    outcome: LineOutcome
    replace: int = 0


@dataclass(frozen=True)
class Shortage:
    product_code: str
    product_name: str
    unit: str
    quantity: int
    kit_codes: tuple[str, ...]


@dataclass(frozen=True)
class PhotoAdded:
    photo_id: int
    kit_code: str
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


@dataclass(frozen=True)
class ChecksAssigned:
    """How many kits' next re-check now has ``person`` (None: nobody)."""

    count: int
    person: str | None
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


def kit_changes(*codes: str) -> Changes:
    return Changes(kits=frozenset(codes))


def kit_place(session: Session, code: str) -> LocationRef:
    """Kits hang in buildings (a site, with floor and spot), rooms, or vehicles; not in a zone."""
    place = location_by_code(session, code, must_hold_stock=False)
    if place.kind == "zone":
        raise NoStockLocation(location=f"{place.code} ({place.name})")
    return place


def kit_type_by_code(session: Session, code: str) -> KitType:
    kit_type = session.execute(
        select(KitType).where(KitType.code == normalise_code(code))).scalar_one_or_none()
    if kit_type is None:
        raise UnknownKitType(code=code)
    return kit_type


def kit_id_of(session: Session, code: str) -> int:
    kit_id = session.execute(
        select(Kit.id).where(Kit.code == normalise_code(code or ""))).scalar_one_or_none()
    if kit_id is None:
        raise UnknownKit(code=code)
    return kit_id


def active_kit(session: Session, code: str) -> Kit:
    kit = session.get_one(Kit, kit_id_of(session, code))
    if kit.status == KitStatus.OUT_OF_USE.value:
        retired = session.execute(
            select(func.max(KitEvent.at)).where(KitEvent.kit_id == kit.id,
                                                KitEvent.kind == "buiten_gebruik")).scalar()
        raise KitRetired(code=kit.code, date=retired.strftime("%d/%m/%Y") if retired else "?")
    return kit


def last_check_date(session: Session, kit_id: int) -> date | None:
    return session.execute(
        select(func.max(KitCheck.checked_on)).where(KitCheck.kit_id == kit_id)).scalar()


def interval_of(session: Session, kit: Kit) -> int:
    """The kit's own interval, else its type's for buildings or for vehicles."""
    kit_type = session.get_one(KitType, kit.kit_type_id)
    kind = session.execute(
        select(Location.kind).where(Location.id == kit.location_id)).scalar_one()
    return kit.interval_months or (kit_type.interval_months_vehicle if kind == "vehicle"
                                   else kit_type.interval_months_building)


def next_due(session: Session, kit: Kit, *, last_check: date | None) -> date:
    interval = interval_of(session, kit)
    contents = session.execute(
        select(KitContent.expiry, KitTemplateItem.replace_before_days)
        .join(KitTemplateItem, KitTemplateItem.id == KitContent.template_item_id)
        .where(KitContent.kit_id == kit.id, KitContent.expiry.is_not(None),
               KitContent.quantity > 0)
    ).all()
    return next_check_date(last_check=last_check, placed_on=kit.placed_on,
                           interval_months=interval,
                           contents=[ContentExpiry(expiry, before) for expiry, before in contents
                                     if expiry is not None])


def kit_row(session: Session, kit_id: int) -> KitRow:
    return kit_rows(session, [kit_id])[0]


def kit_rows(session: Session, ids: list[int]) -> list[KitRow]:
    if not ids:
        return []
    parent = Location.__table__.alias("parent")
    last_checks = (select(KitCheck.kit_id, func.max(KitCheck.checked_on).label("last"))
                   .group_by(KitCheck.kit_id).subquery())
    rows = session.execute(
        select(Kit.id, Kit.code, KitType.code, KitType.name, Location.code, Location.name,
               parent.c.name, Location.kind, Kit.floor, Kit.spot, Kit.need, Kit.responsible,
               Kit.status, Kit.next_check_due, Kit.assigned_to, last_checks.c.last)
        .join(KitType, KitType.id == Kit.kit_type_id)
        .join(Location, Location.id == Kit.location_id)
        .outerjoin(parent, parent.c.id == Location.parent_id)
        .outerjoin(last_checks, last_checks.c.kit_id == Kit.id)
        .where(Kit.id.in_(ids))
    ).all()
    by_id = {
        # The building: the kit's own location when it hangs at site level, else its parent
        # (the base of a vehicle, the site of a storeroom).
        row[0]: KitRow(row[1], row[2], row[3], row[4], row[5],
                       row[5] if row[7] == "site" else (row[6] or ""), row[7] == "vehicle",
                       row[8], row[9], row[10], row[11], KitStatus(row[12]), row[13], row[14],
                       row[15])
        for row in rows
    }
    return [by_id[kit_id] for kit_id in ids if kit_id in by_id]


def check_row(session: Session, check_id: int) -> CheckRow:
    check = session.get_one(KitCheck, check_id)
    kit_code = session.execute(select(Kit.code).where(Kit.id == check.kit_id)).scalar_one()
    lines = session.execute(
        select(Product.code, Product.name, KitCheckLine.outcome, KitCheckLine.replaced_quantity,
               KitCheckLine.short_quantity)
        .join(KitTemplateItem, KitTemplateItem.id == KitCheckLine.template_item_id)
        .join(Product, Product.id == KitTemplateItem.product_id)
        .where(KitCheckLine.check_id == check_id)
        .order_by(KitTemplateItem.position)
    ).all()
    return CheckRow(check.id, kit_code, check.checked_on, check.checked_by,
                    CheckResult(check.result), check.next_due, check.note,
                    tuple(CheckLineRow(c, n, LineOutcome(o), r, s) for c, n, o, r, s in lines),
                    check.booking_id)


def events_of(session: Session, kit_id: int) -> tuple[EventRow, ...]:
    source = Location.__table__.alias("source")
    target = Location.__table__.alias("target")
    rows = session.execute(
        select(KitEvent.kind, KitEvent.at, KitEvent.by, source.c.code, target.c.code,
               KitEvent.note)
        .outerjoin(source, source.c.id == KitEvent.from_location_id)
        .outerjoin(target, target.c.id == KitEvent.to_location_id)
        .where(KitEvent.kit_id == kit_id)
        .order_by(KitEvent.at, KitEvent.id)
    ).all()
    return tuple(EventRow(*row) for row in rows)


def kit_type_row(session: Session, type_id: int) -> KitTypeRow:
    kit_type = session.get_one(KitType, type_id)
    return KitTypeRow(kit_type.code, kit_type.name, kit_type.interval_months_building,
                      kit_type.interval_months_vehicle, template(session, type_id))


def template(session: Session, type_id: int) -> tuple[TemplateItemRow, ...]:
    rows = session.execute(
        select(KitTemplateItem.id, KitTemplateItem.position, Product.code, Product.name,
               Product.unit, KitTemplateItem.quantity, KitTemplateItem.expires,
               KitTemplateItem.replace_before_days, KitTemplateItem.critical)
        .join(Product, Product.id == KitTemplateItem.product_id)
        .where(KitTemplateItem.kit_type_id == type_id)
        .order_by(KitTemplateItem.position)
    ).all()
    return tuple(TemplateItemRow(*row) for row in rows)
