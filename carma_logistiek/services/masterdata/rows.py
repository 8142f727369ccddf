"""What the master-data services hand out and take: frozen rows and value objects."""

from __future__ import annotations

from dataclasses import dataclass, field

from carma_logistiek.domain.changes import NO_CHANGES, Changes
from carma_logistiek.services.results import MinimumRow


@dataclass(frozen=True)
class ProductSupplierRow:
    """Who sells a product: the supplier, their reference and the pack size orders round to."""

    supplier_code: str
    supplier_name: str
    reference: str
    pack_size: int
    preferred: bool


@dataclass(frozen=True)
class ProductDetails:
    """A product as its edit form shows it."""

    code: str
    name: str
    category: str
    unit: str
    tracks_lots: bool
    tracks_expiry: bool
    shelf_life_days: int | None
    gtins: tuple[str, ...]  # the main one (products.gtin) first
    notes: str
    active: bool
    has_photo: bool
    suppliers: tuple[ProductSupplierRow, ...]
    minimums: tuple[MinimumRow, ...]
    # Stock moved in it once: the unit is fixed (domain/masterdata.require_unit_change_allowed).
    has_history: bool
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    @property
    def gtin(self) -> str | None:
        return self.gtins[0] if self.gtins else None


@dataclass(frozen=True)
class ProductListRow:
    """One product in the master-data list."""

    code: str
    name: str
    category: str
    unit: str
    gtin: str  # the main GTIN, "" when none
    supplier: str  # the preferred supplier's name, "" when none
    tracks_expiry: bool
    active: bool


@dataclass(frozen=True)
class SupplierRow:
    code: str
    name: str
    contact: str
    email: str
    phone: str
    customer_number: str
    lead_time_days: int | None
    notes: str
    active: bool
    product_count: int
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


@dataclass(frozen=True)
class ProductValues:
    """Everything of a product an edit may change (the code never changes: it is on labels)."""

    name: str
    category: str = ""
    unit: str = "stuk"
    tracks_lots: bool = False
    tracks_expiry: bool = False
    shelf_life_days: int | None = None
    notes: str = ""
    gtins: tuple[str, ...] = ()


@dataclass(frozen=True)
class SupplierValues:
    name: str
    contact: str = ""
    email: str = ""
    phone: str = ""
    customer_number: str = ""
    lead_time_days: int | None = None
    notes: str = ""
