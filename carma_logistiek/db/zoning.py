"""Every session works in one zone: its queries see only that zone's rows, its new rows get it.

The zone is ``session.info["zone"]``: ``Database.read()``/``write()`` set it from the handle's
actor, and the command path (services/command.py) from the write's actor. A session without a
zone (Alembic, a test's own session) sees everything: that is the system.

This is SQLAlchemy's own recipe for a global filter (``do_orm_execute`` with
``with_loader_criteria``): one place, so no query can forget the zone. Only ORM statements are
filtered; a Core statement on a zoned table (``table.select()``, ``text()``) is not, so the
services use ORM statements on zoned models or name the zone themselves (:func:`working_zone`;
tests/integration/test_zoning.py lists the reviewed ones). An ORM ``insert(Model)`` gets the
zone too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from carma_logistiek.db.models.common import Zoned
from carma_logistiek.domain.access import DEFAULT_ZONE


def zone_of(session: Session) -> str | None:
    zone = session.info.get("zone")
    return zone if isinstance(zone, str) else None


def working_zone(session: Session) -> str:
    """The zone a Core statement on a zoned table must name (``zone=`` in its values or its
    WHERE): the session's, or the default zone for a session of the system."""
    return zone_of(session) or DEFAULT_ZONE


@event.listens_for(Session, "do_orm_execute")
def _only_this_zone(state: ORMExecuteState) -> None:
    zone = zone_of(state.session)
    if zone is None or state.is_column_load or state.is_relationship_load:
        return
    if state.is_select or state.is_update or state.is_delete:
        state.statement = state.statement.options(
            with_loader_criteria(Zoned, lambda cls: cls.zone == zone, include_aliases=True)
        )
    elif state.is_insert and any(issubclass(m.class_, Zoned) for m in state.all_mappers):
        _insert_into(state, zone)


def _insert_into(state: ORMExecuteState, zone: str) -> None:
    """An ORM ``insert(Model)`` of zoned rows, one or a bulk list, gets the session's zone
    where it names none (the column's server default would put every such row in CARMA)."""
    rows = state.parameters
    if isinstance(rows, list):  # session.execute(insert(Model), [{...}, ...])
        for row in rows:
            if isinstance(row, dict) and "zone" not in row:
                row["zone"] = zone
        return
    if isinstance(rows, dict) and "zone" in rows:
        return
    statement: Any = state.statement
    named = {getattr(column, "key", column) for column in (statement._values or {})}
    if "zone" not in named and not statement._multi_values:
        state.statement = statement.values(zone=zone)


@event.listens_for(Session, "before_flush")
def _new_rows_get_the_zone(session: Session, _context: Any, _instances: Any) -> None:
    zone = zone_of(session)
    for instance in session.new:
        if isinstance(instance, Zoned) and getattr(instance, "zone", None) is None:
            if zone is None:
                raise ValueError(f"a new {type(instance).__name__} needs a zone: the session "
                                 "has none (session.info['zone'])")
            instance.zone = zone
