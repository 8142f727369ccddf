"""First-aid kits: the register, re-check planning and the checks themselves.

A check that replaces items takes them from stock in the same transaction (a pickup booked
"for" the kit); what stock cannot supply is recorded as a shortage, a to-do that shows as
demand on the stock side until a later check resolves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import (
    Kit,
    KitCheck,
    KitCheckLine,
    KitContent,
    KitEvent,
    KitPhoto,
    KitTemplateItem,
    KitType,
    Location,
    Product,
)
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.errors import (
    CheckInFuture,
    CheckLineMismatch,
    DuplicateCode,
    InvalidInterval,
    KitRetired,
    NoStockLocation,
    ReasonRequired,
    UnknownKit,
    UnknownKitType,
)
from carma_logistiek.domain.kits import (
    CheckResult,
    ContentExpiry,
    KitStatus,
    LineOutcome,
    PlanBucket,
    add_months,
    check_result,
    days_overdue,
    next_check_date,
    plan_bucket,
    status_after_check,
)
from carma_logistiek.domain.stock import MovementKind, require_positive_quantity
from carma_logistiek.services.ledger import LedgerLine, new_key, open_booking, post
from carma_logistiek.services.lookups import (
    LocationRef,
    location_by_code,
    normalise_code,
    product_by_code,
    require_valid_code,
)
from carma_logistiek.services.results import BookedLine, BookingResult, Recipient
from carma_logistiek.services.stock import fefo_usable_lots


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


# --- kit types ---------------------------------------------------------------------------

def create_kit_type(db: Database, *, code: str, name: str, interval_months_building: int,
                    interval_months_vehicle: int, items: Sequence[TemplateItemInput],
                    actor: str) -> KitTypeRow:
    """A kind of kit and its content template (products from stock, required quantity,
    whether the item expires and how long before expiry it must be replaced, critical)."""
    code = require_valid_code(code)
    for interval in (interval_months_building, interval_months_vehicle):
        if not isinstance(interval, int) or not 1 <= interval <= 60:
            raise InvalidInterval(value=interval)
    try:
        with db.write() as session:
            kit_type = KitType(code=code, name=name.strip(),
                               interval_months_building=interval_months_building,
                               interval_months_vehicle=interval_months_vehicle)
            session.add(kit_type)
            session.flush()
            for position, item in enumerate(items, start=1):
                product = product_by_code(session, item.product_code)
                session.add(KitTemplateItem(
                    kit_type_id=kit_type.id, position=position, product_id=product.id,
                    quantity=require_positive_quantity(item.quantity), expires=item.expires,
                    replace_before_days=max(0, item.replace_before_days),
                    critical=item.critical))
            session.flush()
            return _kit_type_row(session, kit_type.id)
    except IntegrityError as error:
        raise DuplicateCode(code=code) from error


def list_kit_types(db: Database) -> list[KitTypeRow]:
    with db.read() as session:
        ids = session.execute(select(KitType.id).order_by(KitType.name)).scalars().all()
        return [_kit_type_row(session, type_id) for type_id in ids]


def _kit_type_row(session: Session, type_id: int) -> KitTypeRow:
    kit_type = session.get_one(KitType, type_id)
    return KitTypeRow(kit_type.code, kit_type.name, kit_type.interval_months_building,
                      kit_type.interval_months_vehicle, _template(session, type_id))


def _template(session: Session, type_id: int) -> tuple[TemplateItemRow, ...]:
    rows = session.execute(
        select(KitTemplateItem.id, KitTemplateItem.position, Product.code, Product.name,
               Product.unit, KitTemplateItem.quantity, KitTemplateItem.expires,
               KitTemplateItem.replace_before_days, KitTemplateItem.critical)
        .join(Product, Product.id == KitTemplateItem.product_id)
        .where(KitTemplateItem.kit_type_id == type_id)
        .order_by(KitTemplateItem.position)
    ).all()
    return tuple(TemplateItemRow(*row) for row in rows)


# --- the register ------------------------------------------------------------------------

def register_kit(
    db: Database,
    *,
    code: str,
    kit_type_code: str,
    location_code: str,
    actor: str,
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
    try:
        with db.write() as session:
            kit = _place_new_kit(
                session, code=code, kit_type_id=_kit_type_by_code(session, kit_type_code).id,
                location=_kit_place(session, location_code), actor=actor, floor=floor,
                spot=spot, need=need, responsible=responsible, placed_on=placed_on,
                expiries=expiries, interval_months=interval_months)
            return _kit_row(session, kit.id)
    except IntegrityError as error:
        raise DuplicateCode(code=code) from error


def _place_new_kit(session: Session, *, code: str, kit_type_id: int, location: LocationRef,
                   actor: str, floor: str, spot: str, need: str, responsible: str,
                   placed_on: date, expiries: dict[str, date],
                   interval_months: int | None) -> Kit:
    kit = Kit(code=code, kit_type_id=kit_type_id, location_id=location.id,
              floor=floor.strip(), spot=spot.strip(), need=need.strip(),
              responsible=responsible.strip(), status=KitStatus.IN_ORDER.value,
              interval_months=interval_months, placed_on=placed_on,
              next_check_due=placed_on, created_by=actor)
    session.add(kit)
    session.flush()
    for item in _template(session, kit_type_id):
        session.add(KitContent(kit_id=kit.id, template_item_id=item.id, quantity=item.quantity,
                               expiry=expiries.get(item.product_code)))
    session.add(KitEvent(kit_id=kit.id, kind="geplaatst", by=actor,
                         to_location_id=location.id, note=spot.strip()))
    session.flush()
    kit.next_check_due = _next_due(session, kit, last_check=None)
    return kit


def move_kit(db: Database, *, code: str, location_code: str, actor: str, floor: str = "",
             spot: str = "", note: str = "") -> KitRow:
    """Move a kit to another place (or vehicle). The history keeps where it was."""
    with db.write() as session:
        kit = _active_kit(session, code)
        target = _kit_place(session, location_code)
        session.add(KitEvent(kit_id=kit.id, kind="verplaatst", by=actor,
                             from_location_id=kit.location_id, to_location_id=target.id,
                             note=note.strip() or spot.strip()))
        kit.location_id, kit.floor, kit.spot = target.id, floor.strip(), spot.strip()
        session.flush()
        kit.next_check_due = _next_due(session, kit, last_check=_last_check_date(session, kit.id))
        return _kit_row(session, kit.id)


def retire_kit(db: Database, *, code: str, reason: str, actor: str) -> KitRow:
    """Take a kit out of use (removed or replaced). It stays in the register with its history."""
    if not reason.strip():
        raise ReasonRequired()
    with db.write() as session:
        kit = _active_kit(session, code)
        _retire(session, kit, reason, actor)
        return _kit_row(session, kit.id)


def _retire(session: Session, kit: Kit, reason: str, actor: str) -> None:
    kit.status = KitStatus.OUT_OF_USE.value
    kit.assigned_to = None
    session.add(KitEvent(kit_id=kit.id, kind="buiten_gebruik", by=actor,
                         from_location_id=kit.location_id, note=reason.strip()))
    session.flush()


def replace_kit(db: Database, *, old_code: str, new_code: str, actor: str,
                content_expiry: dict[str, date] | None = None,
                placed_on: date | None = None) -> KitRow:
    """Replace a kit by a new one on the same spot, in one transaction: the old one is
    retired with a note that points to the new one, the new one's history says which kit it
    replaced. A refused new code leaves the old kit in use."""
    new_code = require_valid_code(new_code)
    expiries = {normalise_code(k): v for k, v in (content_expiry or {}).items()}
    try:
        with db.write() as session:
            old = _active_kit(session, old_code)
            _retire(session, old, f"vervangen door {new_code}", actor)
            place = session.get_one(Location, old.location_id)
            new = _place_new_kit(
                session, code=new_code, kit_type_id=old.kit_type_id,
                location=LocationRef(place.id, place.code, place.name, place.kind, place.path),
                actor=actor, floor=old.floor, spot=old.spot, need=old.need,
                responsible=old.responsible, placed_on=placed_on or local_today(),
                expiries=expiries, interval_months=old.interval_months)
            session.add(KitEvent(kit_id=new.id, kind="vervangt", by=actor, note=old.code))
            session.flush()
            return _kit_row(session, new.id)
    except IntegrityError as error:
        raise DuplicateCode(code=new_code) from error


def assign_checks(db: Database, *, kit_codes: Sequence[str], person: str | None,
                  actor: str) -> int:
    """Assign (or with ``None`` unassign) the next re-check of these kits to a person."""
    with db.write() as session:
        for code in kit_codes:
            kit = _active_kit(session, code)
            kit.assigned_to = (person or "").strip() or None
            session.add(KitEvent(kit_id=kit.id, kind="toegewezen", by=actor,
                                 note=kit.assigned_to or ""))
        return len(kit_codes)


# --- reading -----------------------------------------------------------------------------

def list_kits(db: Database, *, search: str = "", include_retired: bool = False) -> list[KitRow]:
    with db.read() as session:
        query = select(Kit.id).join(Location, Location.id == Kit.location_id)
        if not include_retired:
            query = query.where(Kit.status != KitStatus.OUT_OF_USE.value)
        if search.strip():
            pattern = f"%{search.strip()}%"
            query = query.where(Kit.code.ilike(pattern) | Location.name.ilike(pattern)
                                | Kit.spot.ilike(pattern) | Location.code.ilike(pattern))
        ids = session.execute(query.order_by(Kit.code)).scalars().all()
        return _kit_rows(session, list(ids))


def kit_plan(db: Database, *, today: date | None = None,
             within_days: int | None = None) -> list[PlanRow]:
    """Active kits by due date, with their bucket (overdue, this week, this month, later)."""
    today = today or local_today()
    rows = [PlanRow(kit, plan_bucket(kit.next_check_due, today),
                    days_overdue(kit.next_check_due, today))
            for kit in list_kits(db)]
    if within_days is not None:
        rows = [row for row in rows if (row.kit.next_check_due - today).days <= within_days]
    return sorted(rows, key=lambda row: (row.kit.next_check_due, row.kit.code))


def kit_detail(db: Database, code: str) -> KitDetail:
    with db.read() as session:
        kit_id = _kit_id(session, code)
        kit = _kit_rows(session, [kit_id])[0]
        kit_type_id = session.execute(
            select(Kit.kit_type_id).where(Kit.id == kit_id)).scalar_one()
        items = {item.id: item for item in _template(session, kit_type_id)}
        contents = tuple(
            ContentRow(items[item_id], quantity, expiry)
            for item_id, quantity, expiry in session.execute(
                select(KitContent.template_item_id, KitContent.quantity, KitContent.expiry)
                .where(KitContent.kit_id == kit_id)).all()
            if item_id in items)
        checks = tuple(_check_row(session, check_id) for check_id in session.execute(
            select(KitCheck.id).where(KitCheck.kit_id == kit_id)
            .order_by(KitCheck.checked_on.desc(), KitCheck.id.desc())).scalars())
        events = _events(session, kit_id)
        photos = tuple(session.execute(
            select(KitPhoto.id).where(KitPhoto.kit_id == kit_id)
            .order_by(KitPhoto.taken_at)).scalars())
    return KitDetail(kit, tuple(sorted(contents, key=lambda c: c.item.position)), checks,
                     events, photos)


def kit_photo(db: Database, photo_id: int) -> tuple[str, bytes]:
    with db.read() as session:
        photo = session.get_one(KitPhoto, photo_id)
        return photo.mime_type, photo.data


def add_kit_photo(db: Database, *, code: str, data: bytes, mime_type: str, actor: str,
                  caption: str = "") -> int:
    """A photo of the placement (from a file or the webcam), kept with the kit."""
    with db.write() as session:
        kit_id = _kit_id(session, code)
        photo = KitPhoto(kit_id=kit_id, taken_by=actor, caption=caption.strip()[:160],
                         mime_type=mime_type, data=data)
        session.add(photo)
        session.flush()
        return photo.id


def kit_shortages(db: Database) -> list[Shortage]:
    """What kits still lack after their latest check because stock could not supply it:
    the kit side's demand on stock."""
    with db.read() as session:
        latest = (select(KitCheck.kit_id, func.max(KitCheck.id).label("check_id"))
                  .group_by(KitCheck.kit_id).subquery())
        rows = session.execute(
            select(Product.code, Product.name, Product.unit, KitCheckLine.short_quantity,
                   Kit.code)
            .select_from(latest)
            .join(KitCheckLine, KitCheckLine.check_id == latest.c.check_id)
            .join(KitTemplateItem, KitTemplateItem.id == KitCheckLine.template_item_id)
            .join(Product, Product.id == KitTemplateItem.product_id)
            .join(Kit, Kit.id == latest.c.kit_id)
            .where(KitCheckLine.short_quantity > 0,
                   Kit.status != KitStatus.OUT_OF_USE.value)
        ).all()
    totals: dict[str, tuple[str, str, int, list[str]]] = {}
    for code, name, unit, short, kit_code in rows:
        _name, _unit, total, kits = totals.get(code, (name, unit, 0, []))
        totals[code] = (name, unit, total + short, [*kits, kit_code])
    return [Shortage(code, name, unit, total, tuple(sorted(kits)))
            for code, (name, unit, total, kits) in sorted(totals.items())]


# --- the check ---------------------------------------------------------------------------

def record_check(
    db: Database,
    *,
    code: str,
    lines: Sequence[CheckLineInput],
    actor: str,
    stock_location_code: str | None = None,
    checked_on: date | None = None,
    note: str = "",
    photo: tuple[bytes, str] | None = None,
    key: str | None = None,
) -> CheckRow:
    """Record a re-check, all in one transaction: the checklist, items replaced from stock
    (a pickup for this kit at ``stock_location_code``), the shortage stock could not cover,
    the kit's new contents and status, an optional photo, and the next re-check date.

    Every template item must appear exactly once. A retry with the same ``key`` returns the
    check recorded the first time.
    """
    today = local_today()
    checked_on = checked_on or today
    if checked_on > today:
        raise CheckInFuture(date=checked_on.strftime("%d/%m/%Y"))
    for line in lines:
        if line.replace < 0:
            require_positive_quantity(line.replace)
    key = (key or new_key()).strip()[:80]
    try:
        with db.write() as session:
            return _record_check(session, code, lines, actor, stock_location_code, checked_on,
                                 note, photo, key)
    except IntegrityError:
        with db.read() as session:
            check_id = session.execute(
                select(KitCheck.id).where(KitCheck.idempotency_key == key)).scalar_one_or_none()
            if check_id is None:
                raise
            row = _check_row(session, check_id)
            return CheckRow(**{**row.__dict__, "replayed": True})


def _record_check(session: Session, code: str, lines: Sequence[CheckLineInput], actor: str,
                  stock_location_code: str | None, checked_on: date, note: str,
                  photo: tuple[bytes, str] | None, key: str) -> CheckRow:
    kit = _active_kit(session, code)
    items = {item.id: item for item in _template(session, kit.kit_type_id)}
    if sorted(line.template_item_id for line in lines) != sorted(items):
        raise CheckLineMismatch(code=kit.code)
    check = KitCheck(kit_id=kit.id, checked_on=checked_on, checked_by=actor,
                     result=CheckResult.IN_ORDER.value, next_due=checked_on,
                     idempotency_key=key, note=note.strip()[:500])
    session.add(check)
    session.flush()
    supplier = _StockSupplier(session, stock_location_code, kit.code, key, actor, checked_on,
                              regular_next=add_months(checked_on, _interval(session, kit)))
    outcomes: list[LineOutcome] = []
    critical_problem = False
    for line in lines:
        item = items[line.template_item_id]
        supplied, expiry = supplier.take(item.product_code, line.replace,
                                         item.replace_before_days if item.expires else 0)
        outcome = _final_outcome(line, supplied)
        outcomes.append(outcome)
        critical_problem |= outcome.is_problem and item.critical
        session.add(KitCheckLine(check_id=check.id, template_item_id=item.id,
                                 outcome=outcome.value, replaced_quantity=supplied,
                                 short_quantity=line.replace - supplied))
        if supplied:
            _refill(session, kit.id, item, supplied, expiry, outcome)
    result = check_result(outcomes)
    kit.status = status_after_check(result, critical_problem).value
    kit.assigned_to = None
    check.result = result.value
    check.booking_id = supplier.booking_id
    if photo is not None:
        session.add(KitPhoto(kit_id=kit.id, check_id=check.id, taken_by=actor,
                             mime_type=photo[1], data=photo[0]))
    session.flush()
    kit.next_check_due = check.next_due = _next_due(session, kit, last_check=checked_on)
    session.flush()
    row = _check_row(session, check.id)
    return CheckRow(**{**row.__dict__, "stock_booking": supplier.result()})


def _final_outcome(line: CheckLineInput, supplied: int) -> LineOutcome:
    """A problem fully fixed from stock counts as replenished; a partial fix stays a problem."""
    if line.replace and supplied == line.replace:
        return LineOutcome.REPLENISHED
    if line.outcome is LineOutcome.REPLENISHED and supplied < line.replace:
        return LineOutcome.MISSING
    return line.outcome


def _refill(session: Session, kit_id: int, item: TemplateItemRow, supplied: int,
            expiry: date | None, outcome: LineOutcome) -> None:
    content = session.get(KitContent, (kit_id, item.id))
    if content is None:
        content = KitContent(kit_id=kit_id, template_item_id=item.id, quantity=0)
        session.add(content)
    # Replacing expired or damaged items swaps them; topping up adds to what is there.
    content.quantity = min(item.quantity, supplied if outcome is LineOutcome.REPLENISHED
                           and content.quantity >= item.quantity else
                           content.quantity + supplied)
    if item.expires:
        content.expiry = expiry


class _StockSupplier:
    """Takes replacement items from stock inside the check's transaction: usable lots only,
    FEFO, as much as there is; the booking is opened on the first item taken."""

    def __init__(self, session: Session, location_code: str | None, kit_code: str, key: str,
                 actor: str, today: date, *, regular_next: date) -> None:
        self.regular_next = regular_next
        self.session = session
        self.location = location_by_code(session, location_code) if location_code else None
        self.recipient = Recipient("kit", kit_code)
        self.key, self.actor, self.today = key, actor, today
        self.booking_id: int | None = None
        self.booked: list[BookedLine] = []

    def result(self) -> BookingResult | None:
        if self.booking_id is None:
            return None
        return BookingResult(self.booking_id, self.key, MovementKind.PICKUP, tuple(self.booked))

    def take(self, product_code: str, wanted: int,
             replace_before_days: int) -> tuple[int, date | None]:
        """Take up to ``wanted`` units. Lots that last until the kit's next regular re-check
        come first (FEFO among them), so a refilled kit is not due again next week; then the
        other lots outside the item's replacement margin, longest-lasting first."""
        if wanted <= 0 or self.location is None:
            return 0, None
        product = product_by_code(self.session, product_code)
        taken_total, first_expiry = 0, None
        margin = timedelta(days=replace_before_days)
        usable = [(lot, available) for lot, available
                  in fefo_usable_lots(self.session, product, self.location, self.today)
                  if lot.expiry is None or lot.expiry - margin > self.today]
        lasting = [pair for pair in usable
                   if pair[0].expiry is None or pair[0].expiry - margin >= self.regular_next]
        # When nothing lasts that long, the lots that last longest go first.
        rest = sorted((pair for pair in usable if pair not in lasting),
                      key=lambda pair: pair[0].expiry or date.max, reverse=True)
        lots = lasting + rest
        for lot, available in lots:
            amount = min(available, wanted - taken_total)
            if self.booking_id is None:
                self.booking_id = open_booking(self.session, key=self.key,
                                               kind=MovementKind.PICKUP, actor=self.actor,
                                               note=f"EHBO-kit {self.recipient.code}")
            self.booked.append(post(self.session, self.booking_id, LedgerLine(
                MovementKind.PICKUP, product, lot, self.location, -amount,
                recipient=self.recipient, note="hercontrole EHBO-kit"), self.actor))
            taken_total += amount
            if first_expiry is None or (lot.expiry and lot.expiry < first_expiry):
                first_expiry = lot.expiry
            if taken_total == wanted:
                break
        return taken_total, first_expiry


# --- helpers -----------------------------------------------------------------------------

def _kit_place(session: Session, code: str) -> LocationRef:
    """Kits hang in buildings (a site, with floor and spot), rooms, or vehicles; not in a zone."""
    place = location_by_code(session, code, must_hold_stock=False)
    if place.kind == "zone":
        raise NoStockLocation(location=f"{place.code} ({place.name})")
    return place


def _kit_type_by_code(session: Session, code: str) -> KitType:
    kit_type = session.execute(
        select(KitType).where(KitType.code == normalise_code(code))).scalar_one_or_none()
    if kit_type is None:
        raise UnknownKitType(code=code)
    return kit_type


def _kit_id(session: Session, code: str) -> int:
    kit_id = session.execute(
        select(Kit.id).where(Kit.code == normalise_code(code or ""))).scalar_one_or_none()
    if kit_id is None:
        raise UnknownKit(code=code)
    return kit_id


def _active_kit(session: Session, code: str) -> Kit:
    kit = session.get_one(Kit, _kit_id(session, code))
    if kit.status == KitStatus.OUT_OF_USE.value:
        retired = session.execute(
            select(func.max(KitEvent.at)).where(KitEvent.kit_id == kit.id,
                                                KitEvent.kind == "buiten_gebruik")).scalar()
        raise KitRetired(code=kit.code, date=retired.strftime("%d/%m/%Y") if retired else "?")
    return kit


def _last_check_date(session: Session, kit_id: int) -> date | None:
    return session.execute(
        select(func.max(KitCheck.checked_on)).where(KitCheck.kit_id == kit_id)).scalar()


def _interval(session: Session, kit: Kit) -> int:
    """The kit's own interval, else its type's for buildings or for vehicles."""
    kit_type = session.get_one(KitType, kit.kit_type_id)
    kind = session.execute(
        select(Location.kind).where(Location.id == kit.location_id)).scalar_one()
    return kit.interval_months or (kit_type.interval_months_vehicle if kind == "vehicle"
                                   else kit_type.interval_months_building)


def _next_due(session: Session, kit: Kit, *, last_check: date | None) -> date:
    interval = _interval(session, kit)
    contents = session.execute(
        select(KitContent.expiry, KitTemplateItem.replace_before_days)
        .join(KitTemplateItem, KitTemplateItem.id == KitContent.template_item_id)
        .where(KitContent.kit_id == kit.id, KitContent.expiry.is_not(None),
               KitContent.quantity > 0)
    ).all()
    return next_check_date(last_check=last_check, placed_on=kit.placed_on,
                           interval_months=interval,
                           contents=[ContentExpiry(expiry, before) for expiry, before in contents])


def _kit_row(session: Session, kit_id: int) -> KitRow:
    return _kit_rows(session, [kit_id])[0]


def _kit_rows(session: Session, ids: list[int]) -> list[KitRow]:
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


def _check_row(session: Session, check_id: int) -> CheckRow:
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


def _events(session: Session, kit_id: int) -> tuple[EventRow, ...]:
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


__all__ = [
    "CheckLineInput",
    "TemplateItemInput",
    "add_kit_photo",
    "assign_checks",
    "create_kit_type",
    "kit_detail",
    "kit_plan",
    "kit_shortages",
    "list_kit_types",
    "list_kits",
    "move_kit",
    "record_check",
    "register_kit",
    "replace_kit",
    "retire_kit",
]
