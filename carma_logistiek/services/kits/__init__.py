"""First-aid kits: the register, re-check planning and the checks themselves.

Modules: ``common`` (rows, look-ups, planning rules), ``types`` (kit types and templates),
``register`` (placing, moving, retiring, replacing, assigning, photos), ``reading`` (the
register, the plan, a kit's detail, shortages), ``check`` (the re-check, which takes
replacements from stock on the stock ledger). ``from carma_logistiek.services import kits``
offers all of it as before.
"""

from carma_logistiek.services.kits.check import record_check
from carma_logistiek.services.kits.common import (
    CheckLineInput,
    CheckLineRow,
    CheckRow,
    ChecksAssigned,
    ContentRow,
    EventRow,
    KitDetail,
    KitRow,
    KitTypeRow,
    PhotoAdded,
    PlanRow,
    Shortage,
    TemplateItemInput,
    TemplateItemRow,
)
from carma_logistiek.services.kits.reading import kit_detail, kit_plan, kit_shortages, list_kits
from carma_logistiek.services.kits.register import (
    add_kit_photo,
    assign_checks,
    kit_photo,
    move_kit,
    register_kit,
    replace_kit,
    retire_kit,
)
from carma_logistiek.services.kits.types import create_kit_type, list_kit_types

__all__ = [
    "CheckLineInput",
    "CheckLineRow",
    "CheckRow",
    "ChecksAssigned",
    "ContentRow",
    "EventRow",
    "KitDetail",
    "KitRow",
    "KitTypeRow",
    "PhotoAdded",
    "PlanRow",
    "Shortage",
    "TemplateItemInput",
    "TemplateItemRow",
    "add_kit_photo",
    "assign_checks",
    "create_kit_type",
    "kit_detail",
    "kit_photo",
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
