"""Kit types: a kind of kit, its content template and how often it is re-checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from carma_logistiek.db.models import KitTemplateItem, KitType
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import DuplicateCode, InvalidInterval
from carma_logistiek.domain.stock import require_positive_quantity
from carma_logistiek.services.command import Tx, read, write
from carma_logistiek.services.kits.common import KitTypeRow, TemplateItemInput, kit_type_row
from carma_logistiek.services.lookups import product_by_code, require_valid_code


@write(Permission.KITS_EDIT)
def create_kit_type(tx: Tx, /, *, code: str, name: str, interval_months_building: int,
                    interval_months_vehicle: int, items: Sequence[TemplateItemInput],
                    actor: Actor) -> KitTypeRow:
    """A kind of kit and its content template (products from stock, required quantity,
    whether the item expires and how long before expiry it must be replaced, critical)."""
    code = require_valid_code(code)
    for interval in (interval_months_building, interval_months_vehicle):
        if not isinstance(interval, int) or not 1 <= interval <= 60:
            raise InvalidInterval(value=interval)
    session = tx.session
    kit_type = KitType(code=code, name=name.strip(),
                       interval_months_building=interval_months_building,
                       interval_months_vehicle=interval_months_vehicle)
    session.add(kit_type)
    try:
        session.flush()
    except IntegrityError as error:
        raise DuplicateCode(code=code) from error
    for position, item in enumerate(items, start=1):
        product = product_by_code(session, item.product_code)
        session.add(KitTemplateItem(
            kit_type_id=kit_type.id, position=position, product_id=product.id,
            quantity=require_positive_quantity(item.quantity), expires=item.expires,
            replace_before_days=max(0, item.replace_before_days), critical=item.critical))
    session.flush()
    return replace(kit_type_row(session, kit_type.id),
                   changes=Changes(kit_types=frozenset({code})))


@read(Permission.KITS_READ)
def list_kit_types(db: Database) -> list[KitTypeRow]:
    with db.read() as session:
        ids = session.execute(select(KitType.id).order_by(KitType.name)).scalars().all()
        return [kit_type_row(session, type_id) for type_id in ids]
