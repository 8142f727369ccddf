"""Dialogs of the kit register: new kit, move, replace, retire, and assigning checks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QListWidget,
    QWidget,
)

from carma_logistiek.i18n import _, ngettext
from ui.ops import kits as kit_ops
from ui.ops.core import WriteOp
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.widgets.forms import LocationCombo, MissingInput
from ui.widgets.write_dialog import WriteFormDialog

if TYPE_CHECKING:
    from carma_logistiek.services import kits

RECENT_NAMES = 8


def place_combo(context: AppContext) -> LocationCombo:
    """Sites, rooms, storerooms and vehicles: where a kit can hang (not the zone itself)."""
    return LocationCombo([r for r in context.locations if r.kind != "zone"], stock_only=False)


def name_field(names: Sequence[str]) -> QLineEdit:
    field = QLineEdit()
    completer = QCompleter(QStringListModel(list(names), field), field)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    field.setCompleter(completer)
    return field


def required(field: QLineEdit, name: str, text: str) -> str:
    value = field.text().strip()
    if not value:
        raise MissingInput(name, text)
    return value


class KitDialog(WriteFormDialog):
    """A kit form: OK runs one service call on the worker (ui/widgets/write_dialog.py)."""


class NewKitDialog(KitDialog):
    def __init__(self, context: AppContext, kit_types: Sequence[kits.KitTypeRow],
                 names: Sequence[str], parent: QWidget | None = None) -> None:
        self.ok_text = _("Kit registreren")
        super().__init__(context, _("Nieuwe EHBO-kit"), parent)
        self.code = QLineEdit()
        self.code.setPlaceholderText(_("bv. K-GNK-057 (staat op het etiket)"))
        self.kit_type = QComboBox()
        for row in kit_types:
            self.kit_type.addItem(f"{row.name} ({row.code})", row.code)
        self.place = place_combo(context)
        self.floor = QLineEdit()
        self.spot = QLineEdit()
        self.spot.setPlaceholderText(_("bv. gang bij de trap, naast de brandblusser"))
        self.need = QLineEdit()
        self.need.setPlaceholderText(_("waarom hangt hier een kit (de gedocumenteerde noodzaak)"))
        self.responsible = name_field(names)
        f = self.form
        f.add("code", _("Code:"), self.code)
        f.add("kit_type", _("Type:"), self.kit_type)
        f.add("location", _("Plaats (gebouw of voertuig):"), self.place)
        f.add("floor", _("Verdieping:"), self.floor)
        f.add("spot", _("Exacte plaats:"), self.spot)
        f.add("need", _("Noodzaak:"), self.need)
        f.add("responsible", _("Verantwoordelijke:"), self.responsible)

    def operation(self) -> WriteOp[Any]:
        code = required(self.code, "code", _("Geef de code van de kit (zoals op het etiket)."))
        return kit_ops.register_kit(
            self.context, code=code, kit_type_code=str(self.kit_type.currentData() or ""),
            location_code=self.place.code(), floor=self.floor.text(), spot=self.spot.text(),
            need=self.need.text(), responsible=self.responsible.text())


class MoveKitDialog(KitDialog):
    def __init__(self, context: AppContext, kit: kits.KitRow,
                 parent: QWidget | None = None) -> None:
        self.ok_text = _("Verplaatsen")
        super().__init__(context, _("Kit {code} verplaatsen", code=kit.code), parent)
        self.kit = kit
        self.set_intro(_("Nu: {place}. De geschiedenis van de kit onthoudt waar ze hing.",
                         place=", ".join(p for p in (kit.location_name, kit.floor, kit.spot)
                                         if p)))
        self.place = place_combo(context)
        self.place.set_code(kit.location_code)
        self.floor = QLineEdit(kit.floor)
        self.spot = QLineEdit(kit.spot)
        self.note = QLineEdit()
        self.form.add("location", _("Nieuwe plaats:"), self.place)
        self.form.add("floor", _("Verdieping:"), self.floor)
        self.form.add("spot", _("Exacte plaats:"), self.spot)
        self.form.add("note", _("Opmerking:"), self.note)

    def operation(self) -> WriteOp[Any]:
        return kit_ops.move_kit(self.context, code=self.kit.code, location_code=self.place.code(),
                                floor=self.floor.text(), spot=self.spot.text(),
                                note=self.note.text())


class ReplaceKitDialog(KitDialog):
    destructive = True

    def __init__(self, context: AppContext, kit: kits.KitRow,
                 parent: QWidget | None = None) -> None:
        self.ok_text = _("Vervangen")
        super().__init__(context, _("Kit {code} vervangen", code=kit.code), parent)
        self.kit = kit
        self.set_intro(_("Kit {code} gaat buiten gebruik; de nieuwe kit komt op dezelfde plaats "
                         "en onthoudt welke kit ze vervangt. Dit kan niet ongedaan gemaakt "
                         "worden.", code=kit.code))
        self.new_code = QLineEdit()
        self.form.add("code", _("Code van de nieuwe kit:"), self.new_code)

    def operation(self) -> WriteOp[Any]:
        code = required(self.new_code, "code", _("Geef de code van de nieuwe kit."))
        return kit_ops.replace_kit(self.context, old_code=self.kit.code, new_code=code)


class RetireKitDialog(KitDialog):
    destructive = True

    def __init__(self, context: AppContext, kit: kits.KitRow,
                 parent: QWidget | None = None) -> None:
        self.ok_text = _("Buiten gebruik stellen")
        super().__init__(context, _("Kit {code} buiten gebruik stellen", code=kit.code), parent)
        self.kit = kit
        self.set_intro(_("Opgelet: dit kan niet ongedaan gemaakt worden. De kit blijft met haar "
                         "geschiedenis in het register, maar wordt niet meer gecontroleerd."),
                       "color: #c62828; font-weight: 600;")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("bv. verwijderd bij verbouwing, voertuig uit dienst"))
        self.form.add("reason", _("Reden:"), self.reason)

    def operation(self) -> WriteOp[Any]:
        return kit_ops.retire_kit(self.context, code=self.kit.code, reason=self.reason.text())


def recent_names() -> list[str]:
    value = settings_keys.settings().value(settings_keys.KITS_RECENT_ASSIGNEES) or []
    return [str(v) for v in ([value] if isinstance(value, str) else value) if v]


def remember_name(name: str) -> None:
    names = [name, *(n for n in recent_names() if n != name)][:RECENT_NAMES]
    settings_keys.settings().setValue(settings_keys.KITS_RECENT_ASSIGNEES, names)


class AssignDialog(KitDialog):
    def __init__(self, context: AppContext, codes: Sequence[str],
                 parent: QWidget | None = None) -> None:
        self.ok_text = _("Toewijzen")
        super().__init__(context, _("Controles toewijzen"), parent)
        self.codes = list(codes)
        self.set_intro(ngettext(
            "{n} controle: {codes}. Laat de naam leeg om de toewijzing weg te nemen.",
            "{n} controles: {codes}. Laat de naam leeg om de toewijzing weg te nemen.",
            len(codes), codes=", ".join(codes[:8]) + (" …" if len(codes) > 8 else "")))
        self.person = name_field(recent_names())
        self.recent = QListWidget()
        self.recent.addItems(recent_names())
        self.recent.setMaximumHeight(120)
        self.recent.itemClicked.connect(lambda item: self.person.setText(item.text()))
        self.recent.itemDoubleClicked.connect(lambda _item: self.submit())
        self.form.add("person", _("Aan:"), self.person)
        self.form.add("recent", _("Recent:"), self.recent)

    def operation(self) -> WriteOp[Any]:
        person = self.person.text().strip()
        if person:
            remember_name(person)
        return kit_ops.assign_checks(self.context, kit_codes=self.codes, person=person or None)
