"""The staff register: find, view (logged), add and edit staff members and their states."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carma_logistiek.clock import local_today, utc_now
from carma_logistiek.db.models import StaffMember, StaffState
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.people import (
    DuplicateStaffNumber,
    StaffStateKind,
    StatePeriod,
    UnknownStaffMember,
    clean_person_name,
    clean_staff_email,
    clean_staff_number,
    display_name,
    name_key,
    plan_new_state,
    staff_kind,
    staff_state,
    state_on,
)
from carma_logistiek.services.command import Tx, read, write
from carma_logistiek.services.people.rows import (
    StaffDetails,
    StaffRow,
    StaffValues,
    StatePeriodRow,
)

SEARCH_LIMIT = 1000


@read(Permission.STAFF_READ)
def search_staff(db: Database, *, text: str = "", state: str | None = None,
                 limit: int = SEARCH_LIMIT, on: date | None = None) -> list[StaffRow]:
    """Staff members of the zone whose number, name or team holds every word of ``text`` (case
    ignored, anywhere), with ``state`` on ``on`` (today) if given, by family name. A list of
    names is not the consultation of one person: it is not logged."""
    wanted = staff_state(state) if state else None
    day = on or local_today()
    words = text.casefold().split()
    with db.read() as session:
        members = session.scalars(select(StaffMember)).all()
        periods = _periods_by_staff(session)
        rows = []
        for member in members:
            haystack = " ".join((member.number, member.first_name, member.last_name,
                                 member.team, member.grade)).casefold()
            if not all(word in haystack for word in words):
                continue
            current = state_on(periods.get(member.id, ()), day)
            if wanted is not None and current != wanted:
                continue
            rows.append(StaffRow(member.number, member.first_name, member.last_name,
                                 member.grade, member.kind, member.team,
                                 current.value if current else None))
    rows.sort(key=lambda r: name_key(r.first_name, r.last_name, r.number))
    return rows[:limit]


@write(Permission.STAFF_READ)
def view_staff_member(tx: Tx, /, *, number: str, actor: Actor) -> StaffDetails:
    """One staff member's details and state history. Reading someone's personal data is a
    consultation: it goes through the command path, whose audit entry is the log of it, and
    changes nothing else."""
    return details_of(tx.session, staff_by_number(tx.session, number))


@write(Permission.STAFF_EDIT)
def add_staff_member(tx: Tx, /, *, number: str, values: StaffValues,
                     state: str = StaffStateKind.IN_SERVICE.value,
                     starts_on: date | None = None, actor: Actor) -> StaffDetails:
    """A new staff member, with their first state (in dienst from today, unless told)."""
    session = tx.session
    cleaned = clean_staff_number(number)
    existing = _find(session, cleaned)
    if existing is not None:
        raise DuplicateStaffNumber(number=cleaned,
                                   name=display_name(existing.first_name, existing.last_name))
    member = StaffMember(number=cleaned)
    _apply(member, values)
    member.states.append(StaffState(state=staff_state(state).value,
                                    starts_on=starts_on or local_today(), note=""))
    session.add(member)
    try:
        session.flush()
    except IntegrityError as error:  # another desk added the same number meanwhile
        raise DuplicateStaffNumber(number=cleaned, name="?") from error
    return _changed(session, member)


@write(Permission.STAFF_EDIT)
def edit_staff_member(tx: Tx, /, *, number: str, values: StaffValues,
                      actor: Actor) -> StaffDetails:
    """New details for a staff member; the number stays (it is on their card)."""
    member = staff_by_number(tx.session, number)
    _apply(member, values)
    member.updated_at = utc_now()
    return _changed(tx.session, member)


@write(Permission.STAFF_EDIT)
def set_staff_state(tx: Tx, /, *, number: str, state: str, starts_on: date,
                    ends_on: date | None = None, note: str = "",
                    actor: Actor) -> StaffDetails:
    """A state from ``starts_on`` (to ``ends_on``, or open): the state still running from
    before that day ends the day before; a period it would overlap refuses it."""
    session = tx.session
    member = staff_by_number(session, number)
    stored = {_period(row): row for row in member.states}
    plan = plan_new_state(list(stored), state, starts_on, ends_on,
                          name=display_name(member.first_name, member.last_name))
    if plan.closes is not None:
        stored[plan.closes].ends_on = plan.closed_on
    member.states.append(StaffState(state=plan.new.state.value, starts_on=plan.new.starts_on,
                                    ends_on=plan.new.ends_on, note=" ".join(note.split())))
    member.updated_at = utc_now()
    return _changed(session, member)


# --- helpers the other staff services (and the recipients) share -----------------------------

def staff_by_number(session: Session, number: str) -> StaffMember:
    """The zone's staff member with that number; UnknownStaffMember when there is none."""
    cleaned = clean_staff_number(number)
    member = _find(session, cleaned)
    if member is None:
        raise UnknownStaffMember(number=cleaned)
    return member


def details_of(session: Session, member: StaffMember, *,
               changes: Changes | None = None) -> StaffDetails:
    periods = sorted(member.states, key=lambda s: s.starts_on)
    current = state_on((_period(row) for row in periods), local_today())
    return StaffDetails(
        member.number, member.first_name, member.last_name, member.grade, member.kind,
        member.team, member.email, current.value if current else None,
        tuple(StatePeriodRow(p.state, p.starts_on, p.ends_on, p.note) for p in periods),
        changes=changes or Changes())


def _find(session: Session, number: str) -> StaffMember | None:
    return session.scalars(select(StaffMember).where(StaffMember.number == number)).first()


def _apply(member: StaffMember, values: StaffValues) -> None:
    member.first_name = clean_person_name(values.first_name, first=True)
    member.last_name = clean_person_name(values.last_name, first=False)
    member.grade = " ".join(values.grade.split())
    member.kind = staff_kind(values.kind).value
    member.team = " ".join(values.team.split())
    member.email = clean_staff_email(values.email)


def _changed(session: Session, member: StaffMember) -> StaffDetails:
    session.flush()
    return details_of(session, member, changes=Changes(staff=frozenset({member.number})))


def _period(row: StaffState) -> StatePeriod:
    return StatePeriod(staff_state(row.state), row.starts_on, row.ends_on)


def _periods_by_staff(session: Session) -> dict[int, list[StatePeriod]]:
    periods: dict[int, list[StatePeriod]] = {}
    # The states of the zone's staff only: the join goes through the zoned staff_members.
    query = (select(StaffState.staff_id, StaffState.state, StaffState.starts_on,
                    StaffState.ends_on)
             .join(StaffMember, StaffMember.id == StaffState.staff_id))
    for staff_id, state, starts_on, ends_on in session.execute(query):
        periods.setdefault(staff_id, []).append(StatePeriod(staff_state(state), starts_on,
                                                            ends_on))
    return periods


def current_states(session: Session, on: date | None = None) -> dict[int, StaffStateKind]:
    """Each staff member's state on ``on`` (today), by staff id; those with none are absent."""
    day = on or local_today()
    found = {}
    for staff_id, periods in _periods_by_staff(session).items():
        state = state_on(periods, day)
        if state is not None:
            found[staff_id] = state
    return found
