"""The staff register (Personeel): find staff members, open one (logged: a consultation of
personal data), add, edit, and add a state.

One function per user action. The service package is imported inside ``run`` (on the database
worker), so the window starts without SQLAlchemy; the dialogs hand plain fields and the
StaffValues are built on the worker."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from ui.ops.core import QueryOp, WriteOp

if TYPE_CHECKING:
    from carma_logistiek.services.people import StaffDetails, StaffRow
    from ui.shell.context import AppContext as Context


def search_staff(context: Context, *, text: str = "", state: str | None = None
                 ) -> QueryOp[list[StaffRow]]:
    def run(db: Any) -> list[StaffRow]:
        from carma_logistiek.services import people

        return people.search_staff(db, text=text, state=state)

    return QueryOp(context, run)


def view_staff_member(context: Context, *, number: str) -> WriteOp[StaffDetails]:
    """Opening one person's page: the command path logs the consultation (its audit entry)."""
    actor = context.actor

    def run(db: Any) -> StaffDetails:
        from carma_logistiek.services import people

        return people.view_staff_member(db, number=number, actor=actor)

    return WriteOp(context, run)


def add_staff_member(context: Context, *, number: str, values: Mapping[str, str],
                     state: str, starts_on: date | None) -> WriteOp[StaffDetails]:
    actor = context.actor

    def run(db: Any) -> StaffDetails:
        from carma_logistiek.services import people

        return people.add_staff_member(db, number=number, values=people.StaffValues(**values),
                                       state=state, starts_on=starts_on, actor=actor)

    return WriteOp(context, run)


def edit_staff_member(context: Context, *, number: str, values: Mapping[str, str]
                      ) -> WriteOp[StaffDetails]:
    actor = context.actor

    def run(db: Any) -> StaffDetails:
        from carma_logistiek.services import people

        return people.edit_staff_member(db, number=number, values=people.StaffValues(**values),
                                        actor=actor)

    return WriteOp(context, run)


def set_staff_state(context: Context, *, number: str, state: str, starts_on: date,
                    ends_on: date | None, note: str) -> WriteOp[StaffDetails]:
    actor = context.actor

    def run(db: Any) -> StaffDetails:
        from carma_logistiek.services import people

        return people.set_staff_state(db, number=number, state=state, starts_on=starts_on,
                                      ends_on=ends_on, note=note, actor=actor)

    return WriteOp(context, run)
