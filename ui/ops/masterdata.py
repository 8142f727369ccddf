"""Master data: the locations and products every picker offers, linking a barcode, and the
Stamgegevens screen's reads and writes (products, suppliers, locations, minimums).

One function per user action. The service module is imported inside ``run`` (on the database
worker), so the window starts without SQLAlchemy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from carma_logistiek.services.results import LocationRow, MinimumRow, ProductRow
from ui.ops.core import QueryOp, WriteOp

if TYPE_CHECKING:
    from carma_logistiek.services.masterdata import (
        ProductDetails,
        ProductListRow,
        SupplierRow,
    )
    from ui.shell.context import AppContext as Context


def list_locations(context: Context, *, include_retired: bool = False
                   ) -> QueryOp[list[LocationRow]]:
    def run(db: Any) -> list[LocationRow]:
        from carma_logistiek.services import masterdata

        if include_retired:
            return masterdata.list_locations(db, include_retired=True)
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


# --- the Stamgegevens screen: reads ---------------------------------------------------------
def _read(context: Context, service: str, /, *args: Any, **kwargs: Any) -> QueryOp[Any]:
    def run(db: Any) -> Any:
        from carma_logistiek.services import masterdata

        return getattr(masterdata, service)(db, *args, **kwargs)

    return QueryOp(context, run)


def _write(context: Context, service: str, /, *, values: tuple[str, Mapping[str, Any]] | None = None,
           **kwargs: Any) -> WriteOp[Any]:
    """``values``: (the service's values class, its fields), built on the worker: the widgets
    hand plain fields, and the window never loads the services (nor SQLAlchemy) itself."""
    actor = context.actor

    def run(db: Any) -> Any:
        from carma_logistiek.services import masterdata

        if values is not None:
            kind, fields = values
            kwargs["values"] = getattr(masterdata, kind)(**fields)
        return getattr(masterdata, service)(db, **kwargs, actor=actor)

    return WriteOp(context, run)


def list_products(context: Context, *, text: str = "", include_retired: bool = False
                  ) -> QueryOp[list[ProductListRow]]:
    return _read(context, "list_products", text=text, include_retired=include_retired)


def product_details(context: Context, *, code: str) -> QueryOp[ProductDetails]:
    return _read(context, "get_product_details", code)


def product_photo(context: Context, *, code: str) -> QueryOp[tuple[str, bytes] | None]:
    return _read(context, "product_photo", code)


def product_form_data(context: Context) -> QueryOp[tuple[list[str], list[str],
                                                         list[SupplierRow]]]:
    """What the product dialog's combos offer: categories, units, active suppliers."""

    def run(db: Any) -> tuple[list[str], list[str], list[SupplierRow]]:
        from carma_logistiek.services import masterdata

        return (masterdata.list_categories(db), masterdata.list_units(db),
                masterdata.list_suppliers(db))

    return QueryOp(context, run)


def list_suppliers(context: Context, *, include_retired: bool = False
                   ) -> QueryOp[list[SupplierRow]]:
    return _read(context, "list_suppliers", include_retired=include_retired)


def get_supplier(context: Context, *, code: str) -> QueryOp[SupplierRow]:
    return _read(context, "get_supplier", code)


def list_minimums(context: Context, *, product_code: str | None = None,
                  location_code: str | None = None) -> QueryOp[list[MinimumRow]]:
    return _read(context, "list_minimums", product_code=product_code,
                 location_code=location_code)


# --- writes: products -----------------------------------------------------------------------
def create_product(context: Context, *, code: str, values: Mapping[str, Any]
                   ) -> WriteOp[ProductRow]:
    """A new product from the dialog's fields (those of ProductValues; the first GTIN is the
    main one)."""
    fields = dict(values)
    gtins = tuple(fields.pop("gtins", ()))
    return _write(context, "create_product", code=code, gtins=gtins, **fields)


def update_product(context: Context, *, code: str, values: Mapping[str, Any]
                   ) -> WriteOp[ProductDetails]:
    """The fields of ProductValues; the code never changes (it is on printed labels)."""
    return _write(context, "update_product", code=code, values=("ProductValues", values))


def retire_product(context: Context, *, code: str) -> WriteOp[ProductDetails]:
    return _write(context, "retire_product", code=code)


def reactivate_product(context: Context, *, code: str) -> WriteOp[ProductDetails]:
    return _write(context, "reactivate_product", code=code)


def set_product_photo(context: Context, *, code: str, data: bytes) -> WriteOp[Any]:
    return _write(context, "set_product_photo", code=code, data=data)


def remove_product_photo(context: Context, *, code: str) -> WriteOp[Any]:
    return _write(context, "remove_product_photo", code=code)


def set_product_supplier(context: Context, *, product_code: str, supplier_code: str,
                         reference: str = "", pack_size: int = 1,
                         preferred: bool = False) -> WriteOp[Any]:
    return _write(context, "set_product_supplier", product_code=product_code,
                  supplier_code=supplier_code, reference=reference, pack_size=pack_size,
                  preferred=preferred)


def remove_product_supplier(context: Context, *, product_code: str,
                            supplier_code: str) -> WriteOp[Any]:
    return _write(context, "remove_product_supplier", product_code=product_code,
                  supplier_code=supplier_code)


def set_minimum(context: Context, *, product_code: str, location_code: str, minimum: int,
                maximum: int | None = None) -> WriteOp[MinimumRow]:
    """The reorder point (and the most to keep) of a product at a location; 0 clears it."""
    return _write(context, "set_minimum", product_code=product_code,
                  location_code=location_code, minimum=minimum, maximum=maximum)


# --- writes: suppliers ----------------------------------------------------------------------
def create_supplier(context: Context, *, code: str, values: Mapping[str, Any]
                    ) -> WriteOp[SupplierRow]:
    """The fields of SupplierValues."""
    return _write(context, "create_supplier", code=code, values=("SupplierValues", values))


def update_supplier(context: Context, *, code: str, values: Mapping[str, Any]
                    ) -> WriteOp[SupplierRow]:
    return _write(context, "update_supplier", code=code, values=("SupplierValues", values))


def retire_supplier(context: Context, *, code: str) -> WriteOp[SupplierRow]:
    return _write(context, "retire_supplier", code=code)


def reactivate_supplier(context: Context, *, code: str) -> WriteOp[SupplierRow]:
    return _write(context, "reactivate_supplier", code=code)


# --- writes: locations ----------------------------------------------------------------------
def create_location(context: Context, *, code: str, name: str, kind: str,
                    parent_code: str | None) -> WriteOp[LocationRow]:
    return _write(context, "create_location", code=code, name=name, kind=kind,
                  parent_code=parent_code)


def rename_location(context: Context, *, code: str, name: str) -> WriteOp[LocationRow]:
    return _write(context, "rename_location", code=code, name=name)


def move_location(context: Context, *, code: str, parent_code: str) -> WriteOp[LocationRow]:
    return _write(context, "move_location", code=code, parent_code=parent_code)


def retire_location(context: Context, *, code: str, transfer_to: str | None = None
                    ) -> WriteOp[LocationRow]:
    """Retire an empty place, or move what is left to ``transfer_to`` in the same write."""
    return _write(context, "retire_location", code=code, transfer_to=transfer_to)


def reactivate_location(context: Context, *, code: str) -> WriteOp[LocationRow]:
    return _write(context, "reactivate_location", code=code)
