"""What a scanned text means, as JSON-ready fields: for ``carma-logistiek scan-image`` and for
scripts that want the meaning of a code without the window."""

from __future__ import annotations

from carma_logistiek.db.uow import Database
from carma_logistiek.domain.errors import DomainError, UnknownScan
from carma_logistiek.scanning.interpret import ManufacturerCode, OwnLabel, interpret
from carma_logistiek.scanning.payloads import KIND_NAMES
from carma_logistiek.services.composition import one_transaction
from carma_logistiek.services.scans import resolve_scan

__all__ = ["describe_scan"]


def describe_scan(text: str, db: Database | None = None) -> dict[str, object]:
    """What a scanned text means: "kind" ("product", "lot", "location", … for our labels,
    "manufacturer" for a GS1 or retail code, None when unreadable), "zone", "code", "lot",
    "gs1", and "error" (Dutch) when it means nothing. With ``db`` also what it resolves to
    there: "resolved_kind", "product", "location", or "error"."""
    try:
        meaning = interpret(text)
    except DomainError as error:
        return {"kind": None, "error": error.message()}
    fields: dict[str, object] = {}
    if isinstance(meaning, OwnLabel):
        payload = meaning.payload
        fields.update(kind=KIND_NAMES[payload.kind], zone=payload.zone, code=payload.code)
        if payload.lot is not None:
            fields["lot"] = payload.lot
    elif isinstance(meaning, ManufacturerCode):
        gs1 = meaning.gs1
        fields.update(kind="manufacturer", gs1={
            "gtin": gs1.gtin, "lot": gs1.lot,
            "expiry": gs1.expiry.isoformat() if gs1.expiry else None,
            "serial": gs1.serial, "quantity": gs1.quantity})
    else:
        return {"kind": None, "reason": meaning.reason, "error": UnknownScan().message()}
    if db is not None:
        fields.update(_resolved(db, text))
    return fields


def _resolved(db: Database, text: str) -> dict[str, object]:
    try:
        with one_transaction(db) as tx:  # a scan may take several lookups
            result = resolve_scan(tx, text)
    except DomainError as error:
        return {"error": error.message()}
    fields: dict[str, object] = {"resolved_kind": result.kind}
    if result.product is not None:
        fields["product"] = {"code": result.product.code, "name": result.product.name}
    if result.location is not None:
        fields["location"] = {"code": result.location.code, "name": result.location.name}
    return fields
