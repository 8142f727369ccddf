"""What a write changed, as the audit trail records it: rows before and after.

The command path (services/command.py) calls :func:`audit_capture` on the session it opens for
a write. From then on, every flush of that session notes, before it runs, the ORM objects it
is about to insert, update or delete (``before_flush``): an update's values before it (the
attribute history), a deletion's values. :func:`write_entry`, called just before the commit,
flushes what is still pending, reads the values after, and writes ONE entry with its records.

Records the ORM did not see (a stock level moved by a Core ``UPDATE``) are named from the
write's :class:`~carma_logistiek.domain.changes.Changes` without before and after.

Cheap on purpose: one listener for every session that returns at once when the session is not
a write's; the values are read from the objects' loaded state (no extra query); the entry and
its records are two Core inserts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.orm.base import NO_VALUE
from sqlalchemy.orm.exc import ObjectDeletedError

from carma_logistiek.clock import utc_now
from carma_logistiek.db.models.audit import (
    RECORD_KEY_LENGTH,
    AuditEntry,
    AuditRecord,
)
from carma_logistiek.db.models.common import Base
from carma_logistiek.domain.changes import Changes

_CAPTURE = "audit_capture"

# Columns whose values never enter the trail (a hash is not the password, but it is what a
# guesser would attack offline): the trail says they changed, not to what.
SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})
HIDDEN = "***"

# Records people look for by their code: (kind, attribute). Any other table is recorded by its
# table name and primary key.
NATURAL_KEYS: dict[str, tuple[str, str]] = {
    "products": ("product", "code"),
    "locations": ("location", "code"),
    "suppliers": ("supplier", "code"),
    "kit_types": ("kit_type", "code"),
    "kits": ("kit", "code"),
    "purchase_orders": ("order", "number"),
    "accounts": ("account", "username"),
    "staff_members": ("staff", "number"),
    "bookings": ("booking", "id"),
}

SUMMARY_LENGTH = 500
_INSERT_ENTRY = insert(Base.metadata.tables[AuditEntry.__tablename__])
_INSERT_RECORD = insert(Base.metadata.tables[AuditRecord.__tablename__])
OUTCOME_LENGTH = 40


@dataclass
class _Touched:
    obj: Any
    # The values before the write (None: a new row); kind and key as first seen.
    before: dict[str, object] | None
    kind: str
    key: str
    deleted: bool = False
    # Secret columns' values before, in memory only: to tell whether they changed.
    secrets: dict[str, object] | None = None


class _Capture:
    def __init__(self) -> None:
        self.touched: dict[int, _Touched] = {}
        # A consultation's records: what it loaded that people look for by code (staff:01209).
        self.read: dict[tuple[str, str], None] = {}
        # Writes run inside this one's transaction (an import's rows, each in a savepoint):
        # their changes are this write's, in its one entry.
        self.nested = 0


@contextmanager
def audit_capture(session: Session, *, reads: bool = False) -> Iterator[None]:
    """While open, note what every flush of ``session`` changes, for :func:`collect_records`.

    ``reads``: a consultation; note as well the records it loads (only those with a code in
    :data:`NATURAL_KEYS`: the person read, not the rows of their history). Opened again on a
    session that already has a capture (a write inside a write), it adds to the outer one.
    """
    outer: _Capture | None = session.info.get(_CAPTURE)
    if outer is not None:
        outer.nested += 1
        try:
            yield
        finally:
            outer.nested -= 1
        return
    capture = _Capture()

    def note_read(_session: Session, instance: object) -> None:
        if inspect(instance).mapper.local_table.name in NATURAL_KEYS:
            capture.read[_kind_and_key(instance)] = None

    session.info[_CAPTURE] = capture
    if reads:  # on this session only: loading stays free of it everywhere else
        event.listen(session, "loaded_as_persistent", note_read)
    try:
        yield
    finally:
        if session.info.get(_CAPTURE) is capture:
            del session.info[_CAPTURE]
        if reads:
            event.remove(session, "loaded_as_persistent", note_read)


@event.listens_for(Session, "before_flush")
def _note_changes(session: Session, _context: Any, _instances: Any) -> None:
    capture = session.info.get(_CAPTURE)
    if capture is None:
        return
    touched = capture.touched
    for obj in session.new:
        if id(obj) not in touched and not isinstance(obj, AuditEntry | AuditRecord):
            touched[id(obj)] = _Touched(obj, None, *_kind_and_key(obj))
    for obj in session.dirty:
        if id(obj) in touched or isinstance(obj, AuditEntry | AuditRecord):
            continue
        state = inspect(obj)
        before = _loaded_values(state)
        secrets = _secrets(state)
        for name, old in state.committed_state.items():
            if name in before and old is not NO_VALUE:
                before[name] = _plain(name, old)
                if name in SECRET_COLUMNS:
                    secrets[name] = old
        if before != _loaded_values(state) or secrets != _secrets(state):
            touched[id(obj)] = _Touched(obj, before, *_kind_and_key(obj, before),
                                        secrets=secrets)
    for obj in session.deleted:
        if isinstance(obj, AuditEntry | AuditRecord):
            continue
        noted = touched.get(id(obj))
        if noted is None:
            values = _loaded_values(inspect(obj))
            touched[id(obj)] = _Touched(obj, values, *_kind_and_key(obj, values), deleted=True)
        else:
            noted.deleted = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_delete(state: ORMExecuteState) -> None:
    """An ORM ``delete(Model).where(…)`` skips the flush: read the rows it will delete first
    (one SELECT with the same criteria and the session's zone), so their values are kept."""
    capture = state.session.info.get(_CAPTURE)
    if capture is None or not state.is_delete or state.bind_mapper is None:
        return
    entity = state.bind_mapper.class_
    if entity in (AuditEntry, AuditRecord):
        return
    where = state.statement.whereclause  # type: ignore[attr-defined]
    doomed = select(entity) if where is None else select(entity).where(where)
    for obj in state.session.scalars(doomed):
        noted = capture.touched.get(id(obj))
        if noted is None:
            values = _loaded_values(inspect(obj))
            capture.touched[id(obj)] = _Touched(obj, values, *_kind_and_key(obj, values),
                                                deleted=True)
        else:
            noted.deleted = True


@dataclass(frozen=True)
class RecordRow:
    kind: str
    key: str
    before: str | None
    after: str | None


def collect_records(session: Session, changes: Changes) -> list[RecordRow] | None:
    """Flush what is pending and return every record the write touched; None for a write
    inside another (:func:`audit_capture`), whose records are the outer write's."""
    capture: _Capture | None = session.info.get(_CAPTURE)
    if capture is not None and capture.nested:
        return None
    session.flush()
    rows: list[RecordRow] = []
    seen: set[tuple[str, str]] = set()
    for noted in (capture.touched.values() if capture is not None else ()):
        state = inspect(noted.obj)
        if state.transient:
            continue  # a new row its savepoint rolled back again
        if noted.deleted or state.deleted or state.was_deleted:
            after = None
        elif state.persistent:
            after = _current_values(state)
        else:  # expunged by the body: what it held when it left the session
            after = _loaded_values(state)
        before = noted.before
        if before is None and after is None:
            continue  # added and deleted again in the same write
        kind, key = noted.kind, noted.key
        if before is None and after is not None:
            kind, key = _kind_and_key(noted.obj, after)  # a new row has its key now
        if before is not None and after is not None:
            current = _secrets(inspect(noted.obj))
            changed = {name for name in before.keys() | after.keys()
                       if before.get(name) != after.get(name)
                       or (noted.secrets or {}).get(name) != current.get(name)}
            if not changed:
                continue
            before = {name: before.get(name) for name in sorted(changed)}
            after = {name: after.get(name) for name in sorted(changed)}
        rows.append(RecordRow(kind, key, _json(before), _json(after)))
        seen.add((kind, key))
    for kind, key in [*named_records(changes),
                      *(capture.read if capture is not None else ())]:
        if (kind, key) not in seen:
            rows.append(RecordRow(kind, key, None, None))
            seen.add((kind, key))
    return rows


def named_records(changes: Changes) -> list[tuple[str, str]]:
    """The records a write's Changes names, as (kind, key), in a stable order."""
    named = [("stock", f"{product}@{location}") for product, location in sorted(changes.stock)]
    for kind, codes in (("product", changes.products), ("location", changes.locations),
                        ("order", changes.orders), ("kit", changes.kits),
                        ("kit_type", changes.kit_types), ("supplier", changes.suppliers),
                        ("account", changes.accounts), ("staff", changes.staff)):
        named.extend((kind, code) for code in sorted(codes))
    return named


def write_entry(session: Session, *, zone: str, actor: str, account_id: int | None,
                action: str, kind: str, request: str, records: list[RecordRow],
                outcome: str = "") -> int:
    """Insert one entry and its records (Core: two statements); returns the entry's id."""
    summary = ", ".join(f"{row.kind}:{row.key}" for row in records)
    if len(summary) > SUMMARY_LENGTH:
        summary = summary[: SUMMARY_LENGTH - 1] + "…"
    # The session's connection, not session.execute: no ORM events for two plain inserts, and
    # statements built once (a fresh .values() costs more than the insert itself).
    connection = session.connection()
    result = connection.execute(_INSERT_ENTRY, {
        "zone": zone, "at": utc_now(), "actor": actor, "account_id": account_id,
        "action": action, "kind": kind, "request": request,
        "outcome": outcome[:OUTCOME_LENGTH], "summary": summary})
    primary_key = result.inserted_primary_key
    assert primary_key is not None
    entry_id = int(primary_key[0])
    if records:
        connection.execute(_INSERT_RECORD, [
            {"entry_id": entry_id, "record_kind": row.kind, "record_key": row.key,
             "before": row.before, "after": row.after}
            for row in records
        ])
    return entry_id


def _kind_and_key(obj: Any, values: dict[str, object] | None = None) -> tuple[str, str]:
    state = inspect(obj)
    table = state.mapper.local_table.name
    values = values if values is not None else _loaded_values(state)
    natural = NATURAL_KEYS.get(table)
    if natural is not None and values.get(natural[1]) is not None:
        return natural[0], _fit(str(values[natural[1]]))
    identity = state.identity
    if identity is None:
        identity = tuple(values.get(column.key) for column in state.mapper.primary_key)
    return table, _fit("/".join("" if part is None else str(part) for part in identity))


def _fit(key: str) -> str:
    if len(key) <= RECORD_KEY_LENGTH:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def _current_values(state: Any) -> dict[str, object] | None:
    """The values after the write; a rolled-back savepoint expires what it undid: load it.
    None when the row is gone (deleted outside the ORM)."""
    if state.expired_attributes:
        try:
            for name in list(state.expired_attributes):
                getattr(state.obj(), name, None)
        except ObjectDeletedError:
            return None
    return _loaded_values(state)


def _loaded_values(state: Any) -> dict[str, object]:
    """The column values an object holds in memory (nothing is loaded for this)."""
    loaded = state.dict
    return {
        attribute.key: _plain(attribute.key, loaded[attribute.key])
        for attribute in state.mapper.column_attrs
        if attribute.key in loaded
    }


def _secrets(state: Any) -> dict[str, object]:
    loaded = state.dict
    return {name: loaded[name] for name in SECRET_COLUMNS if name in loaded}


def _plain(name: str, value: object) -> object:
    if value is None:
        return None
    if name in SECRET_COLUMNS:
        return HIDDEN
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return _plain(name, value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return {"sha256": hashlib.sha256(bytes(value)).hexdigest()}
    return repr(value)


def _json(values: dict[str, object] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
