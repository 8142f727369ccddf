"""Kit labels: a QR label per first-aid kit, on the same sheets as products and locations.

Scanning one opens the kit (or starts its check in the check screen). Read-only, through the
kits service; the PDF itself is drawn by carma_logistiek.documents.labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from carma_logistiek.db.uow import Database
from carma_logistiek.documents.specs import LabelSpec
from carma_logistiek.domain.access import Permission
from carma_logistiek.scanning.payloads import LabelKind, LabelPayload, encode_label
from carma_logistiek.services.command import read
from carma_logistiek.services.kits import KitRow, kit_detail


@read(Permission.DOCUMENTS_PRINT)
def kit_labels(db: Database, codes: Sequence[str]) -> list[LabelSpec]:
    """A label per kit, in the given order: title the kit type, detail where it hangs
    (building or vehicle, then floor and spot). Unknown codes raise UnknownKit."""
    return [_label(kit_detail(db, code).kit, db.zone) for code in codes]


def kit_place_text(kit: KitRow) -> str:
    """"Genk · verdieping 1 · gang bij de trap"; a kit in a vehicle names the vehicle."""
    where = kit.location_name if kit.in_vehicle else (kit.site_name or kit.location_name)
    if not kit.in_vehicle and kit.location_name and kit.location_name != where:
        where = f"{where}, {kit.location_name}"
    return " · ".join(part for part in (where, kit.floor, kit.spot) if part)


def _label(kit: KitRow, zone: str) -> LabelSpec:
    payload = encode_label(LabelPayload(LabelKind.KIT, kit.code, zone=zone))
    return LabelSpec(payload, kit.kit_type_name, kit.code, kit_place_text(kit))


__all__ = ["kit_labels", "kit_place_text"]
