"""What the staff-register services hand out and take: frozen rows and value objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from carma_logistiek.domain.changes import NO_CHANGES, Changes
from carma_logistiek.domain.people import display_name, kind_label, state_label


@dataclass(frozen=True)
class StaffValues:
    """Everything of a staff member an edit may change (the number never changes: it is on
    their staff card and on every booking made for them)."""

    first_name: str
    last_name: str
    grade: str = ""
    kind: str = "operationeel"
    team: str = ""
    email: str = ""


@dataclass(frozen=True)
class StaffRow:
    """One staff member in the register's list, with the state of today."""

    number: str
    first_name: str
    last_name: str
    grade: str
    kind: str
    team: str
    state: str | None  # the state today (domain/people.py StaffStateKind), None: none known

    @property
    def name(self) -> str:
        return display_name(self.first_name, self.last_name)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def state_label(self) -> str:
        return state_label(self.state)


@dataclass(frozen=True)
class StatePeriodRow:
    state: str
    starts_on: date
    ends_on: date | None
    note: str

    @property
    def state_label(self) -> str:
        return state_label(self.state)


@dataclass(frozen=True)
class StaffDetails:
    """One staff member as their page shows them: the details and the whole state history
    (oldest first)."""

    number: str
    first_name: str
    last_name: str
    grade: str
    kind: str
    team: str
    email: str
    state: str | None
    states: tuple[StatePeriodRow, ...]
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    @property
    def name(self) -> str:
        return display_name(self.first_name, self.last_name)

    @property
    def values(self) -> StaffValues:
        return StaffValues(self.first_name, self.last_name, self.grade, self.kind, self.team,
                           self.email)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def state_label(self) -> str:
        return state_label(self.state)
