"""Master data: the locations and products every picker offers, and linking a barcode."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from carma_logistiek.services.results import LocationRow, ProductRow
from ui.ops.core import QueryOp, WriteOp

if TYPE_CHECKING:
    from ui.shell.context import AppContext as Context


def list_locations(context: Context) -> QueryOp[list[LocationRow]]:
    def run(db: Any) -> list[LocationRow]:
        from carma_logistiek.services import masterdata

        return masterdata.list_locations(db)

    return QueryOp(context, run)


def search_products(context: Context, *, text: str, limit: int) -> QueryOp[list[ProductRow]]:
    def run(db: Any) -> list[ProductRow]:
        from carma_logistiek.services import masterdata

        return masterdata.search_products(db, text=text, limit=limit)

    return QueryOp(context, run)


def link_gtin(context: Context, *, product_code: str, gtin: str) -> WriteOp[ProductRow]:
    """"Koppelen aan product…": this manufacturer barcode belongs to that product."""
    actor = context.actor

    def run(db: Any) -> ProductRow:
        from carma_logistiek.services.scans import link_gtin

        return link_gtin(db, product_code=product_code, gtin=gtin, actor=actor)

    return WriteOp(context, run)
