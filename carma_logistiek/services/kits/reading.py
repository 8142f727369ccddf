"""Reading kits: the register, the re-check plan, one kit's detail, and the shortages kits
put on stock."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import (
    Kit,
    KitCheck,
    KitCheckLine,
    KitContent,
    KitPhoto,
    KitTemplateItem,
    Location,
    Product,
)
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.kits import KitStatus, days_overdue, plan_bucket
from carma_logistiek.services.command import read
from carma_logistiek.services.kits.common import (
    ContentRow,
    KitDetail,
    KitRow,
    PlanRow,
    Shortage,
    check_row,
    events_of,
    kit_id_of,
    kit_rows,
    template,
)


@read(Permission.KITS_READ)
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
        return kit_rows(session, list(ids))


@read(Permission.KITS_READ)
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


@read(Permission.KITS_READ)
def kit_detail(db: Database, code: str) -> KitDetail:
    with db.read() as session:
        kit_id = kit_id_of(session, code)
        kit = kit_rows(session, [kit_id])[0]
        kit_type_id = session.execute(
            select(Kit.kit_type_id).where(Kit.id == kit_id)).scalar_one()
        items = {item.id: item for item in template(session, kit_type_id)}
        contents = tuple(
            ContentRow(items[item_id], quantity, expiry)
            for item_id, quantity, expiry in session.execute(
                select(KitContent.template_item_id, KitContent.quantity, KitContent.expiry)
                .where(KitContent.kit_id == kit_id)).all()
            if item_id in items)
        checks = tuple(check_row(session, check_id) for check_id in session.execute(
            select(KitCheck.id).where(KitCheck.kit_id == kit_id)
            .order_by(KitCheck.checked_on.desc(), KitCheck.id.desc())).scalars())
        events = events_of(session, kit_id)
        photos = tuple(session.execute(
            select(KitPhoto.id).where(KitPhoto.kit_id == kit_id)
            .order_by(KitPhoto.taken_at)).scalars())
    return KitDetail(kit, tuple(sorted(contents, key=lambda c: c.item.position)), checks,
                     events, photos)


@read(Permission.KITS_READ)
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
