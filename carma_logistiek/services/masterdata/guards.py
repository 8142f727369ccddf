"""The check the stock and order services make before stock comes in: a retired product can
no longer be booked in or ordered (its stock can still leave)."""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from carma_logistiek.clock import to_local
from carma_logistiek.db.models import Product
from carma_logistiek.domain.masterdata import ProductRetired
from carma_logistiek.i18n import format_date
from carma_logistiek.services.lookups import ProductRef

_products = Product.__table__
_STATE = select(_products.c.active, _products.c.retired_at).where(
    _products.c.id == bindparam("product_id"))


def require_active_product(session: Session, product: ProductRef) -> None:
    """Refuse (ProductRetired) when the product is out of use."""
    row = session.connection().execute(_STATE, {"product_id": product.id}).first()
    if row is not None and not row.active:
        moment = row.retired_at
        if moment is not None and moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        retired = format_date(to_local(moment).date()) if moment is not None else "?"
        raise ProductRetired(product=product.name, date=retired)
