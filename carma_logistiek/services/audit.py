"""Reading the audit trail: search by person, record, period and action, and one entry's
records with their values before and after. For the admin and the DPO (``AUDIT_READ``).

The trail itself is written by the command path (services/command.py ``record_audit``) for
every write; nothing here writes. A user sees the entries of the zone they work in (the
session's zone filter, db/zoning.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, exists, func, or_, select

from carma_logistiek.db.models import Account, AuditEntry, AuditRecord
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.audit import RecordRef, UnknownAuditEntry, period_bounds
from carma_logistiek.services.command import read

SEARCH_LIMIT = 1000


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    # The account's full name when the entry has an account and it still exists, else "".
    full_name: str
    action: str
    kind: str
    # "" when done; else the code of the refusal it recorded (a failed sign-in).
    outcome: str
    # The records it touched, "kind:key, …" (cut at 500 characters; the detail has them all).
    summary: str
    zone: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class AuditRecordRow:
    kind: str
    key: str
    # The values (JSON) before and after; None for a new / a deleted record, both None for a
    # record the write named without the ORM seeing it (a stock level).
    before: dict[str, object] | None
    after: dict[str, object] | None

    @property
    def reference(self) -> str:
        return f"{self.kind}:{self.key}"

    @property
    def fields(self) -> tuple[FieldChange, ...]:
        """Field by field, in name order: what it was and what it became."""
        before, after = self.before or {}, self.after or {}
        return tuple(FieldChange(name, before.get(name), after.get(name))
                     for name in sorted(before.keys() | after.keys()))


@dataclass(frozen=True)
class AuditDetail:
    row: AuditRow
    request: dict[str, object]
    records: tuple[AuditRecordRow, ...]


@read(Permission.AUDIT_READ)
def search_audit(db: Database, *, who: str | None = None, record: str | RecordRef | None = None,
                 since: date | datetime | None = None, until: date | datetime | None = None,
                 action: str | None = None, limit: int = SEARCH_LIMIT) -> list[AuditRow]:
    """Entries of the zone, newest first, at most ``limit``.

    - ``who``: part of the user name or of the account's full name (case ignored);
    - ``record``: ``KIND:KEY`` (``product:SPT``, ``staff:01209``) or a key of any kind. A
      product or a location also finds its stock records (``stock:SPT@GNK-MAG``);
    - ``since``/``until``: local dates, both included, or instants;
    - ``action``: a command's name (``stock.record_pickup``) or its feature (``stock``).
    """
    start, end = period_bounds(since, until)
    statement = (
        select(AuditEntry, Account.full_name)
        .outerjoin(Account, Account.id == AuditEntry.account_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(max(1, limit))
    )
    if who and who.strip():
        text = who.strip().lower()
        statement = statement.where(or_(
            func.lower(AuditEntry.actor).contains(text, autoescape=True),
            func.lower(Account.full_name).contains(text, autoescape=True)))
    if record is not None:
        reference = record if isinstance(record, RecordRef) else RecordRef.parse(record)
        statement = statement.where(exists().where(
            AuditRecord.entry_id == AuditEntry.id, _record_matches(reference)))
    if start is not None:
        statement = statement.where(AuditEntry.at >= start)
    if end is not None:
        statement = statement.where(AuditEntry.at < end)
    if action and action.strip():
        name = action.strip()
        statement = statement.where(
            AuditEntry.action == name if "." in name
            else AuditEntry.action.startswith(f"{name}.", autoescape=True))
    with db.read() as session:
        return [_row(entry, full_name) for entry, full_name in session.execute(statement)]


@read(Permission.AUDIT_READ)
def audit_detail(db: Database, entry_id: int) -> AuditDetail:
    """One entry with its request and every record it touched, before and after."""
    with db.read() as session:
        found = session.execute(
            select(AuditEntry, Account.full_name)
            .outerjoin(Account, Account.id == AuditEntry.account_id)
            .where(AuditEntry.id == entry_id)).first()
        if found is None:
            raise UnknownAuditEntry(entry_id=entry_id)
        entry, full_name = found
        records = session.scalars(select(AuditRecord).where(AuditRecord.entry_id == entry.id)
                                  .order_by(AuditRecord.id)).all()
        return AuditDetail(
            row=_row(entry, full_name),
            request=_values(entry.request) or {},
            records=tuple(AuditRecordRow(r.record_kind, r.record_key, _values(r.before),
                                         _values(r.after)) for r in records),
        )


def _record_matches(reference: RecordRef) -> ColumnElement[bool]:
    key = reference.key
    if reference.kind is None:
        return AuditRecord.record_key == key
    matches = and_(AuditRecord.record_kind == reference.kind, AuditRecord.record_key == key)
    if reference.kind == "product":
        in_stock = AuditRecord.record_key.startswith(f"{key}@", autoescape=True)
    elif reference.kind == "location":
        in_stock = AuditRecord.record_key.endswith(f"@{key}", autoescape=True)
    else:
        return matches
    return or_(matches, and_(AuditRecord.record_kind == "stock", in_stock))


def _row(entry: AuditEntry, full_name: str | None) -> AuditRow:
    return AuditRow(id=entry.id, at=entry.at, actor=entry.actor, full_name=full_name or "",
                    action=entry.action, kind=entry.kind, outcome=entry.outcome,
                    summary=entry.summary,
                    zone=entry.zone)


def _values(text: str | None) -> dict[str, object] | None:
    if text is None:
        return None
    value = json.loads(text)
    return value if isinstance(value, dict) else {"": value}
