"""Minimums (reorder points) and optional maximums (order-up-to levels) per product per
location."""

from __future__ import annotations

from sqlalchemy import delete, select

from carma_logistiek.db.models import Location, Product, ProductMinimum
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import DomainError, InvalidQuantity, QuantityTooLarge, _error
from carma_logistiek.domain.stock import MAX_QUANTITY
from carma_logistiek.domain.text import natural_key
from carma_logistiek.i18n import N_
from carma_logistiek.services.command import Tx, read, write
from carma_logistiek.services.lookups import location_by_code, normalise_code, product_by_code
from carma_logistiek.services.results import MinimumRow

MaximumBelowMinimum = _error(
    "MaximumBelowMinimum",
    N_("Het maximum ({maximum}) mag niet lager zijn dan het minimum ({minimum})."),
    "maximum",
)


def _require_count(value: int, error: type[DomainError] = InvalidQuantity) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise error(quantity=value)
    if value > MAX_QUANTITY:
        raise QuantityTooLarge(quantity=value, maximum=MAX_QUANTITY)
    return value


@write(Permission.MASTERDATA_EDIT)
def set_minimum(tx: Tx, /, *, product_code: str, location_code: str, minimum: int,
                actor: Actor, maximum: int | None = None) -> MinimumRow:
    """Set (or clear, with 0 and no maximum) the reorder point of a product at a location, and
    optionally the most to keep there (at least the minimum)."""
    minimum = _require_count(minimum)
    if maximum is not None:
        maximum = _require_count(maximum)
        if maximum < minimum:
            raise MaximumBelowMinimum(maximum=maximum, minimum=minimum)
    session = tx.session
    product = product_by_code(session, product_code)
    location = location_by_code(session, location_code)
    session.execute(delete(ProductMinimum).where(
        ProductMinimum.product_id == product.id, ProductMinimum.location_id == location.id))
    if minimum > 0 or maximum:
        session.add(ProductMinimum(product_id=product.id, location_id=location.id,
                                   minimum=minimum, maximum=maximum or None))
    return MinimumRow(product.code, location.code, minimum,
                      changes=Changes(products=frozenset({product.code}),
                                      stock=frozenset({(product.code, location.code)})),
                      maximum=maximum or None, location_name=location.name,
                      product_name=product.name)


@read(Permission.STOCK_READ)
def list_minimums(db: Database, *, product_code: str | None = None,
                  location_code: str | None = None) -> list[MinimumRow]:
    """Every minimum set, by product name then location name as people read them."""
    query = (select(Product.code, Location.code, ProductMinimum.minimum, ProductMinimum.maximum,
                    Location.name, Product.name)
             .join(Product, Product.id == ProductMinimum.product_id)
             .join(Location, Location.id == ProductMinimum.location_id))
    if product_code:
        query = query.where(Product.code == normalise_code(product_code))
    if location_code:
        query = query.where(Location.code == normalise_code(location_code))
    with db.read() as session:
        if product_code:
            product_by_code(session, product_code)
        if location_code:
            location_by_code(session, location_code, must_hold_stock=False)
        rows = [MinimumRow(row[0], row[1], row[2], maximum=row[3], location_name=row[4],
                           product_name=row[5]) for row in session.execute(query)]
    return sorted(rows, key=lambda r: (natural_key(r.product_name), r.product_code,
                                       natural_key(r.location_name), r.location_code))
