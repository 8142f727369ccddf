"""HR's staff list as a kind of import ("staff", services/import_specs.py explains a spec).

Each row creates or updates one staff member by their staff number (an upsert): a row equal
to what is stored is "ongewijzigd" and writes nothing, so HR's monthly list can be read in
again and again. A column the file does not have keeps what is stored. The state column
(statut/toestand) with its "vanaf" date adds that state when it is not already the state on
that day; without a date it is the state from today.

The preview rehearses every row and keeps nothing; the whole file is one transaction, kept
all together or not at all (atomic), as for master data.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import StaffMember
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import NO_CHANGES, Changes
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.people import (
    StaffStateKind,
    StatePeriod,
    clean_staff_number,
    staff_kind,
    staff_state,
    state_on,
)
from carma_logistiek.i18n import N_, _
from carma_logistiek.services.booking_import import parse_date
from carma_logistiek.services.command import Tx, write
from carma_logistiek.services.import_specs import (
    BadValue,
    Column,
    ImportSpec,
    MappedRow,
    register,
)
from carma_logistiek.services.imports import RowWriter
from carma_logistiek.services.people.register import (
    add_staff_member,
    edit_staff_member,
    set_staff_state,
)
from carma_logistiek.services.people.rows import StaffValues

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
_FIELDS = ("first_name", "last_name", "grade", "kind", "team", "email")


@dataclass(frozen=True)
class StaffImport:
    """One row of HR's list: the values read and which columns the file has."""

    number: str
    values: StaffValues
    present: frozenset[str]
    state: StaffStateKind | None = None
    since: date | None = None


@dataclass(frozen=True)
class StaffUpsert:
    number: str
    outcome: str
    fields: tuple[str, ...] = ()
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


def _parse(row: MappedRow) -> StaffImport:
    number = clean_staff_number(_digits(row.required("number")))
    kind = row.text("kind")
    try:
        values = StaffValues(
            first_name=row.required("first_name"), last_name=row.required("last_name"),
            grade=row.text("grade"), kind=staff_kind(kind).value if kind else "operationeel",
            team=row.text("team"), email=row.text("email"))
        state = staff_state(row.text("state")) if row.text("state") else None
    except DomainError as error:
        column = "kind" if error.code == "InvalidStaffKind" else "state"
        raise BadValue(column=row.column(column), value=row.text(column),
                       expected=error.message().rstrip(".")) from None
    since = _date(row, "since") if row.text("since") else None
    present = frozenset(row.columns) - ({"kind"} if not kind else set())
    return StaffImport(number, values, present, state, since)


def _digits(text: str) -> str:
    """A staff number as a spreadsheet hands it over: "1209.0" when the column is numeric
    (its leading zero is then lost; HR's export keeps the column as text)."""
    cleaned = text.strip()
    return cleaned[:-2] if cleaned.endswith((".0", ",0")) else cleaned


def _date(row: MappedRow, key: str) -> date:
    text = row.text(key).strip()
    try:
        return parse_date(text[:10] if len(text) > 10 and text[4] == "-" else text)
    except DomainError:
        raise BadValue(column=row.column(key), value=text,
                       expected=_("geef een datum als 31/12/2026")) from None


@write(Permission.STAFF_EDIT)
def upsert_staff_member(tx: Tx, /, *, request: StaffImport, actor: Actor) -> StaffUpsert:
    """Create or update a staff member from one row of HR's list (see the module)."""
    session = tx.session
    number = clean_staff_number(request.number)
    member = session.scalars(select(StaffMember).where(StaffMember.number == number)).first()
    since = request.since or local_today()
    if member is None:
        created = add_staff_member.body(
            tx, number=number, values=request.values,
            state=(request.state or StaffStateKind.IN_SERVICE).value, starts_on=since,
            actor=actor)
        return StaffUpsert(number, CREATED, changes=created.changes)
    stored = StaffValues(member.first_name, member.last_name, member.grade, member.kind,
                         member.team, member.email)
    wanted = replace(stored, **{key: getattr(request.values, key) for key in _FIELDS
                                if key in request.present})
    changed = tuple(key for key in _FIELDS if getattr(wanted, key) != getattr(stored, key))
    changes = NO_CHANGES
    if changed:
        changes |= edit_staff_member.body(tx, number=number, values=wanted, actor=actor).changes
    if request.state is not None:
        periods = [StatePeriod(staff_state(s.state), s.starts_on, s.ends_on)
                   for s in member.states]
        if state_on(periods, since) != request.state:
            changed += ("state",)
            changes |= set_staff_state.body(tx, number=number, state=request.state.value,
                                            starts_on=since, actor=actor).changes
    return StaffUpsert(number, UPDATED if changed else UNCHANGED, changed, changes=changes)


COLUMNS = (
    Column("number", N_("Personeelsnummer"), required=True,
           aliases=("stamnummer", "stamnr", "personeelsnr", "nummer", "staff number",
                    "employee number", "matricule", "numéro de matricule", "id")),
    Column("last_name", N_("Naam"), required=True,
           aliases=("familienaam", "achternaam", "last name", "surname", "family name", "nom",
                    "nom de famille")),
    Column("first_name", N_("Voornaam"), required=True,
           aliases=("first name", "given name", "prénom", "prenom")),
    Column("grade", N_("Graad"), aliases=("grade", "rang", "rank", "functie")),
    Column("kind", N_("Operationeel/CALog"),
           aliases=("operationeel", "calog", "kader", "personeelskader", "soort",
                    "kind", "cadre", "type personeel", "ops/calog")),
    Column("team", N_("Dienst/team"),
           aliases=("dienst", "team", "afdeling", "service", "department", "unit", "ploeg")),
    Column("email", N_("E-mail"),
           aliases=("email", "e-mailadres", "mail", "courriel", "adresse e-mail")),
    Column("state", N_("Toestand"),
           aliases=("statut", "status", "state", "administratieve toestand", "situation")),
    Column("since", N_("Vanaf"),
           aliases=("sinds", "begindatum", "datum", "since", "from", "à partir de",
                    "date de début", "toestand vanaf")),
)

_LABELS = {column.key: column.label for column in COLUMNS}


def _describe(result: StaffUpsert) -> str:
    if result.outcome == CREATED:
        return _("{number}: nieuw", number=result.number)
    if result.outcome == UNCHANGED:
        return _("{number}: al zo opgeslagen", number=result.number)
    return _("{number}: gewijzigd ({fields})", number=result.number,
             fields=", ".join(_(_LABELS[key]).lower() for key in result.fields))


def _writer(actor: Actor) -> RowWriter[StaffImport, StaffUpsert]:
    def apply(db: Database, request: StaffImport) -> StaffUpsert:
        return upsert_staff_member(db, request=request, actor=actor)

    return RowWriter(apply=apply, replayed=lambda _result: False, describe=_describe,
                     unchanged=lambda result: result.outcome == UNCHANGED)


STAFF: ImportSpec[StaffImport, StaffUpsert] = register(ImportSpec(
    kind="staff",
    label=N_("Personeel"),
    columns=COLUMNS,
    parse=_parse,
    writer=_writer,
    atomic=True,
))

__all__ = ["STAFF", "StaffImport", "StaffUpsert", "upsert_staff_member"]
