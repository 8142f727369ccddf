"""The audit trail's screen: searching the trail and one entry's records, before and after.

Reads only (the trail is written by the command path for every write). The service module is
imported inside ``run`` (on the database worker), so the window starts without SQLAlchemy."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ui.ops.core import QueryOp

if TYPE_CHECKING:
    from carma_logistiek.services.audit import AuditDetail, AuditRow
    from ui.shell.context import AppContext as Context


def search_audit(context: Context, *, who: str, record: str, since: date | None,
                 until: date | None, limit: int) -> QueryOp[list[AuditRow]]:
    def run(db: Any) -> list[AuditRow]:
        from carma_logistiek.services import audit

        return audit.search_audit(db, who=who or None, record=record or None, since=since,
                                  until=until, limit=limit)

    return QueryOp(context, run)


def audit_detail(context: Context, entry_id: int) -> QueryOp[AuditDetail]:
    def run(db: Any) -> AuditDetail:
        from carma_logistiek.services import audit

        return audit.audit_detail(db, entry_id)

    return QueryOp(context, run)
