"""SQLAlchemy 2 models, one module per feature; every model is importable from here.

Alembic migrations (db/migrations) are the only way the schema is made. Portable by
construction: SQLite, PostgreSQL and SQL Server (see common.py).
"""

from carma_logistiek.db.models.accounts import Account, AccountRole, AccountToken
from carma_logistiek.db.models.audit import AuditEntry, AuditRecord
from carma_logistiek.db.models.common import (
    CODE_LENGTH,
    NAMING_CONVENTION,
    ZONE_CODE_LENGTH,
    Base,
    LedgerId,
    UTCDateTime,
    Zoned,
    utc_now,
)
from carma_logistiek.db.models.kits import (
    Kit,
    KitCheck,
    KitCheckLine,
    KitContent,
    KitEvent,
    KitPhoto,
    KitTemplateItem,
    KitType,
)
from carma_logistiek.db.models.masterdata import (
    Location,
    Product,
    ProductGtin,
    ProductMinimum,
    ProductPhoto,
    ProductSupplier,
    Supplier,
)
from carma_logistiek.db.models.orders import OrderLine, PurchaseOrder, Sequence
from carma_logistiek.db.models.people import StaffMember, StaffState
from carma_logistiek.db.models.stock import Booking, LocationCount, Lot, StockLevel, StockMovement
from carma_logistiek.db.models.zones import Zone

__all__ = [
    "CODE_LENGTH",
    "NAMING_CONVENTION",
    "ZONE_CODE_LENGTH",
    "Account",
    "AccountRole",
    "AccountToken",
    "AuditEntry",
    "AuditRecord",
    "Base",
    "Booking",
    "Kit",
    "KitCheck",
    "KitCheckLine",
    "KitContent",
    "KitEvent",
    "KitPhoto",
    "KitTemplateItem",
    "KitType",
    "LedgerId",
    "Location",
    "LocationCount",
    "Lot",
    "OrderLine",
    "Product",
    "ProductGtin",
    "ProductMinimum",
    "ProductPhoto",
    "ProductSupplier",
    "PurchaseOrder",
    "Sequence",
    "StaffMember",
    "StaffState",
    "StockLevel",
    "StockMovement",
    "Supplier",
    "UTCDateTime",
    "Zone",
    "Zoned",
    "utc_now",
]
