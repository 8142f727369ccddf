"""The rules of the staff register (personeel), as plain Python.

A staff member is known by their staff number: digits, leading zeros kept (01209 is not 1209),
as the staff card prints it. Their state (in dienst, uit dienst, NAPA, loopbaanonderbreking,
langdurig afwezig) is a dated history: each period runs from its first day up to and including
its last day (open when there is none yet), and the periods of one person never overlap. A new
state from a day on closes the period that was still running on the day before; "uit dienst"
is a state like the others, so a person who leaves and comes back keeps one history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from carma_logistiek.domain.errors import DomainError, _error
from carma_logistiek.domain.masterdata import clean_email
from carma_logistiek.domain.recipients import require_staff_number
from carma_logistiek.domain.text import natural_key
from carma_logistiek.i18n import N_, _

STAFF_NUMBER_MAX = 16
NAME_MAX = 80


class StaffKind(StrEnum):
    """Operational (police officers) or CALog (the administrative and logistics staff)."""

    OPERATIONAL = "operationeel"
    CALOG = "calog"


class StaffStateKind(StrEnum):
    IN_SERVICE = "in_dienst"
    LEFT = "uit_dienst"
    NAPA = "napa"
    CAREER_BREAK = "loopbaanonderbreking"
    LONG_ABSENCE = "langdurig_afwezig"


KIND_LABELS = {StaffKind.OPERATIONAL: N_("operationeel"), StaffKind.CALOG: N_("CALog")}
STATE_LABELS = {
    StaffStateKind.IN_SERVICE: N_("in dienst"),
    StaffStateKind.LEFT: N_("uit dienst"),
    StaffStateKind.NAPA: N_("NAPA"),
    StaffStateKind.CAREER_BREAK: N_("loopbaanonderbreking"),
    StaffStateKind.LONG_ABSENCE: N_("langdurig afwezig"),
}

# Every word an HR file (or a person typing) uses for a kind or a state.
_KIND_WORDS = {
    "operationeel": StaffKind.OPERATIONAL, "operationele": StaffKind.OPERATIONAL,
    "ops": StaffKind.OPERATIONAL, "operational": StaffKind.OPERATIONAL,
    "opérationnel": StaffKind.OPERATIONAL, "operationnel": StaffKind.OPERATIONAL,
    "politie": StaffKind.OPERATIONAL, "o": StaffKind.OPERATIONAL,
    "calog": StaffKind.CALOG, "ca log": StaffKind.CALOG, "ca-log": StaffKind.CALOG,
    "c": StaffKind.CALOG, "burger": StaffKind.CALOG, "civilian": StaffKind.CALOG,
}
_STATE_WORDS = {
    **{state.value: state for state in StaffStateKind},
    "in dienst": StaffStateKind.IN_SERVICE, "actief": StaffStateKind.IN_SERVICE,
    "active": StaffStateKind.IN_SERVICE, "in service": StaffStateKind.IN_SERVICE,
    "en service": StaffStateKind.IN_SERVICE, "en activité": StaffStateKind.IN_SERVICE,
    "uit dienst": StaffStateKind.LEFT, "left": StaffStateKind.LEFT,
    "gepensioneerd": StaffStateKind.LEFT, "pensioen": StaffStateKind.LEFT,
    "retired": StaffStateKind.LEFT, "hors service": StaffStateKind.LEFT,
    "vertrokken": StaffStateKind.LEFT,
    "non-activiteit voorafgaand aan het pensioen": StaffStateKind.NAPA,
    "loopbaan-onderbreking": StaffStateKind.CAREER_BREAK,
    "career break": StaffStateKind.CAREER_BREAK, "tijdskrediet": StaffStateKind.CAREER_BREAK,
    "interruption de carrière": StaffStateKind.CAREER_BREAK,
    "langdurig afwezig": StaffStateKind.LONG_ABSENCE, "long absence": StaffStateKind.LONG_ABSENCE,
    "long-term absence": StaffStateKind.LONG_ABSENCE, "ziekte": StaffStateKind.LONG_ABSENCE,
    "absence de longue durée": StaffStateKind.LONG_ABSENCE,
}

StaffNumberTooLong = _error(
    "StaffNumberTooLong",
    N_("Het personeelsnummer '{number}' is te lang: hoogstens {maximum} cijfers."),
    "number",
)
FirstNameRequired = _error(
    "FirstNameRequired", N_("Vul de voornaam in."), "first_name")
LastNameRequired = _error(
    "LastNameRequired", N_("Vul de naam in."), "last_name")
NameTooLong = _error(
    "NameTooLong",
    N_("De naam '{name}' is te lang: hoogstens {maximum} tekens."),
    "last_name",
)
InvalidStaffKind = _error(
    "InvalidStaffKind",
    N_("'{value}' is geen soort personeel: kies operationeel of CALog."),
    "kind",
)
InvalidStaffState = _error(
    "InvalidStaffState",
    N_("'{value}' is geen toestand: kies in dienst, uit dienst, NAPA, loopbaanonderbreking "
       "of langdurig afwezig."),
    "state",
)
StatePeriodBackwards = _error(
    "StatePeriodBackwards",
    N_("De toestand kan niet eindigen ({ends_on}) vóór hij begint ({starts_on})."),
    "ends_on",
)
StatePeriodsOverlap = _error(
    "StatePeriodsOverlap",
    N_("{name} is van {starts_on} tot {ends_on} al '{state}': een nieuwe toestand mag die "
       "periode niet overlappen. Kies een begindatum na {ends_on}, of pas die periode eerst "
       "aan."),
    "starts_on",
)
StateOverlapsRunning = _error(
    "StateOverlapsRunning",
    N_("{name} is sinds {starts_on} '{state}': een nieuwe toestand moet na {starts_on} "
       "beginnen."),
    "starts_on",
)
DuplicateStaffNumber = _error(
    "DuplicateStaffNumber",
    N_("Personeelsnummer {number} bestaat al ({name}). Kies dat personeelslid, of controleer "
       "het nummer."),
    "number",
)


class UnknownStaffMember(DomainError):
    """A staff number that is not in this zone's register."""

    code = "UnknownStaffMember"
    template = N_("Personeelslid {number} staat niet in het personeelsregister. Controleer "
                  "het nummer, of voeg de persoon eerst toe onder Personeel.")
    field = "recipient"


def clean_staff_number(number: str) -> str:
    """The staff number as typed or scanned, without blanks; digits only, leading zeros kept."""
    cleaned = require_staff_number(number or "")
    if len(cleaned) > STAFF_NUMBER_MAX:
        raise StaffNumberTooLong(number=cleaned, maximum=STAFF_NUMBER_MAX)
    return cleaned


def clean_person_name(text: str, *, first: bool) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise FirstNameRequired() if first else LastNameRequired()
    if len(cleaned) > NAME_MAX:
        raise NameTooLong(name=cleaned[:NAME_MAX] + "…", maximum=NAME_MAX)
    return cleaned


def clean_staff_email(email: str) -> str:
    """Loosely checked like a supplier's (one @, a dot after it), kept in lower case."""
    return clean_email(email).lower()


def staff_kind(value: str | StaffKind) -> StaffKind:
    """The kind a word names: operationeel/CALog, in Dutch, English or French."""
    if isinstance(value, StaffKind):
        return value
    word = " ".join((value or "").casefold().split())
    found = _KIND_WORDS.get(word) or _KIND_WORDS.get(word.replace("-", " "))
    if found is None and word == _(KIND_LABELS[StaffKind.OPERATIONAL]).casefold():
        found = StaffKind.OPERATIONAL
    if found is None:
        raise InvalidStaffKind(value=value)
    return found


def staff_state(value: str | StaffStateKind) -> StaffStateKind:
    """The state a word names (in dienst, NAPA, loopbaanonderbreking, …)."""
    if isinstance(value, StaffStateKind):
        return value
    word = " ".join((value or "").casefold().replace("_", " ").split())
    found = _STATE_WORDS.get(word) or _STATE_WORDS.get(word.replace(" ", "_"))
    if found is None:
        for state, label in STATE_LABELS.items():
            if word in (label.casefold(), _(label).casefold()):
                found = state
    if found is None:
        raise InvalidStaffState(value=value)
    return found


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[StaffKind(kind)]) if kind in set(StaffKind) else kind


def state_label(state: str | None) -> str:
    if state is None:
        return ""
    return _(STATE_LABELS[StaffStateKind(state)]) if state in set(StaffStateKind) else state


def display_name(first_name: str, last_name: str) -> str:
    """ "Peeters Jan": the register lists people by family name, as HR does."""
    return f"{last_name} {first_name}".strip()


def name_key(first_name: str, last_name: str, number: str) -> tuple[object, ...]:
    return (natural_key(last_name), natural_key(first_name), natural_key(number))


@dataclass(frozen=True)
class StatePeriod:
    """A state from ``starts_on`` up to and including ``ends_on`` (None: still running)."""

    state: StaffStateKind
    starts_on: date
    ends_on: date | None = None

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def overlaps(self, other: StatePeriod) -> bool:
        ends = self.ends_on or date.max
        other_ends = other.ends_on or date.max
        return self.starts_on <= other_ends and other.starts_on <= ends


def state_on(periods: Iterable[StatePeriod], day: date) -> StaffStateKind | None:
    """The state of the period that covers ``day``; None when no period does."""
    for period in periods:
        if period.covers(day):
            return period.state
    return None


@dataclass(frozen=True)
class StatePlan:
    """What adding a state does: the new period, and the running period it closes (if any)."""

    new: StatePeriod
    closes: StatePeriod | None = None
    closed_on: date | None = None


def plan_new_state(periods: Sequence[StatePeriod], state: str | StaffStateKind,
                   starts_on: date, ends_on: date | None = None, *, name: str) -> StatePlan:
    """Adding ``state`` from ``starts_on``: the period still running from before that day ends
    the day before; any other period it would overlap refuses it (StatePeriodsOverlap)."""
    new = StatePeriod(staff_state(state), starts_on, ends_on)
    if ends_on is not None and ends_on < starts_on:
        raise StatePeriodBackwards(starts_on=_format(starts_on), ends_on=_format(ends_on))
    closes = next((p for p in periods if p.ends_on is None and p.starts_on < starts_on), None)
    for period in periods:
        if period is closes:
            continue
        if not period.overlaps(new):
            continue
        if period.ends_on is None:
            raise StateOverlapsRunning(name=name, state=state_label(period.state),
                                       starts_on=_format(period.starts_on))
        raise StatePeriodsOverlap(name=name, state=state_label(period.state),
                                  starts_on=_format(period.starts_on),
                                  ends_on=_format(period.ends_on))
    if closes is None:
        return StatePlan(new)
    return StatePlan(new, closes, starts_on - timedelta(days=1))


def _format(day: date) -> str:
    return day.strftime("%d/%m/%Y")
