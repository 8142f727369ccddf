"""The Personeel screen's dialogs: a new staff member, editing one, and adding a state."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from carma_logistiek.clock import local_today
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.people import KIND_LABELS, STATE_LABELS, StaffStateKind
from carma_logistiek.i18n import _
from ui.ops import people as ops
from ui.widgets.forms import DateEdit, MissingInput
from ui.widgets.write_dialog import StartsWrite, WriteFormDialog


def date_of(edit: DateEdit, field: str) -> date | None:
    """The date typed, or the sentence next to its field when it is none."""
    try:
        return edit.value()
    except DomainError as error:
        raise MissingInput(field, error.message()) from None

if TYPE_CHECKING:
    from carma_logistiek.services.people import StaffDetails
    from ui.shell.context import AppContext


def state_combo() -> QComboBox:
    combo = QComboBox()
    for state, label in STATE_LABELS.items():
        combo.addItem(_(label), state.value)
    return combo


class StaffDialog(WriteFormDialog):
    """Number (only when new: it is on the staff card), names, grade, kind, team, e-mail; a
    new person also gets their first state and its date."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 details: StaffDetails | None = None) -> None:
        title = _("Personeelslid wijzigen") if details else _("Nieuw personeelslid")
        super().__init__(context, title, parent,
                         ok_text=_("Opslaan") if details else _("Toevoegen"))
        self.details = details
        self.number = QLineEdit()
        self.number.setMaxLength(16)
        self.number.setPlaceholderText(_("bv. 01209"))
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        for edit in (self.first_name, self.last_name):
            edit.setMaxLength(80)
        self.grade = QLineEdit()
        self.grade.setMaxLength(40)
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(_(label), kind.value)
        self.team = QLineEdit()
        self.team.setMaxLength(80)
        self.email = QLineEdit()
        self.email.setMaxLength(254)
        self.form.add("number", _("Personeelsnummer"), self.number)
        self.form.add("last_name", _("Naam"), self.last_name)
        self.form.add("first_name", _("Voornaam"), self.first_name)
        self.form.add("grade", _("Graad"), self.grade)
        self.form.add("kind", _("Soort"), self.kind)
        self.form.add("team", _("Dienst/team"), self.team)
        self.form.add("email", _("E-mail"), self.email)
        self.form.add_alias("recipient", "number", self.number)
        self.state = state_combo()
        self.since = DateEdit()
        if details is None:
            self.since.setText(local_today().strftime("%d/%m/%Y"))
            self.form.add("state", _("Toestand"), self.state)
            self.form.add("starts_on", _("Vanaf"), self.since)
        else:
            self._fill(details)

    def _fill(self, details: StaffDetails) -> None:
        self.number.setText(details.number)
        self.number.setReadOnly(True)
        # Read-only and out of the tab order: the cursor starts in the name.
        self.number.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.number.setToolTip(_("Het nummer verandert niet: het staat op de personeelskaart."))
        self.first_name.setText(details.first_name)
        self.last_name.setText(details.last_name)
        self.grade.setText(details.grade)
        self.kind.setCurrentIndex(max(0, self.kind.findData(details.kind)))
        self.team.setText(details.team)
        self.email.setText(details.email)

    def values(self) -> dict[str, str]:
        return {"first_name": self.first_name.text(), "last_name": self.last_name.text(),
                "grade": self.grade.text(), "kind": str(self.kind.currentData()),
                "team": self.team.text(), "email": self.email.text()}

    def operation(self) -> StartsWrite:
        number = self.number.text().strip()
        if not number:
            raise MissingInput("number", _("Vul het personeelsnummer in."))
        if self.details is not None:
            return ops.edit_staff_member(self.context, number=number, values=self.values())
        return ops.add_staff_member(self.context, number=number, values=self.values(),
                                    state=str(self.state.currentData()),
                                    starts_on=date_of(self.since, "starts_on"))


class StateDialog(WriteFormDialog):
    """A state from a day on (to a day, or open): the state still running ends the day
    before."""

    def __init__(self, context: AppContext, details: StaffDetails,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, _("Toestand toevoegen"), parent, ok_text=_("Toevoegen"))
        self.details = details
        self.set_intro(_("{name} ({number}): de toestand die nu loopt, eindigt de dag vóór "
                         "de nieuwe begint.", name=details.name, number=details.number))
        self.state = state_combo()
        current = details.state or StaffStateKind.IN_SERVICE.value
        other = next(i for i in range(self.state.count()) if self.state.itemData(i) != current)
        self.state.setCurrentIndex(other)
        self.starts_on = DateEdit()
        self.starts_on.setText(local_today().strftime("%d/%m/%Y"))
        self.ends_on = DateEdit()
        self.ends_on.setPlaceholderText(_("leeg: tot nader order"))
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.form.add("state", _("Toestand"), self.state)
        self.form.add("starts_on", _("Vanaf"), self.starts_on)
        self.form.add("ends_on", _("Tot en met"), self.ends_on)
        self.form.add("note", _("Opmerking"), self.note)

    def operation(self) -> StartsWrite:
        starts_on = date_of(self.starts_on, "starts_on")
        if starts_on is None:
            raise MissingInput("starts_on", _("Vul de begindatum in."))
        return ops.set_staff_state(self.context, number=self.details.number,
                                   state=str(self.state.currentData()), starts_on=starts_on,
                                   ends_on=date_of(self.ends_on, "ends_on"),
                                   note=self.note.text())
