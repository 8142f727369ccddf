"""SQLAlchemy 2 models, one module per feature; every model is importable from here.

Alembic migrations (db/migrations) are the only way the schema is made. Portable by
construction: SQLite, PostgreSQL and SQL Server (see common.py).
"""

from carma_logistiek.db.models.common import (
    CODE_LENGTH,
    NAMING_CONVENTION,
    Base,
    LedgerId,
    UTCDateTime,
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
from carma_logistiek.db.models.stock import Booking, LocationCount, Lot, StockLevel, StockMovement

__all__ = [
    "CODE_LENGTH",
    "NAMING_CONVENTION",
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
    "StockLevel",
    "StockMovement",
    "Supplier",
    "UTCDateTime",
    "utc_now",
]
