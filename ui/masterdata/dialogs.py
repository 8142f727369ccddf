"""The small dialogs of the Stamgegevens screen: a supplier; a new location, renaming one,
moving it under another parent, and retiring it (with the place its stock goes to)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from carma_logistiek.i18n import _
from carma_logistiek.services.results import LocationRow
from ui.ops import masterdata as ops
from ui.ops.core import WriteOp
from ui.shell.context import AppContext
from ui.widgets.forms import FormErrors, LocationCombo, MissingInput
from ui.widgets.write_dialog import WriteFormDialog

if TYPE_CHECKING:
    from carma_logistiek.services.masterdata import SupplierRow

# The kinds a location can be, in the order of the tree (services/masterdata LOCATION_KINDS).
KINDS = ("zone", "site", "storeroom", "room", "cabinet", "shelf", "vehicle")


def kind_text(kind: str) -> str:
    """The kind in the user's language (the keys are the stored values)."""
    labels = {"zone": _("zone"), "site": _("site"), "storeroom": _("magazijn"),
              "room": _("lokaal"), "cabinet": _("kast"), "shelf": _("rek"),
              "vehicle": _("voertuig")}
    return labels.get(kind, kind)


def child_kind(parent_kind: str | None) -> str:
    """What one usually makes under a place: a site under the zone, a storeroom under a
    site, a cabinet under a storeroom."""
    return {None: "zone", "zone": "site", "site": "storeroom", "storeroom": "cabinet",
            "room": "cabinet", "cabinet": "shelf"}.get(parent_kind, "shelf")


class MasterdataDialog(WriteFormDialog):
    """A master-data form with Bewaren/Annuleren (ui/widgets/write_dialog.py); the fields
    keep to the top when the dialog is taller than they need."""

    minimum_width = 480

    def __init__(self, context: AppContext, title: str, ok_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, title, parent, ok_text=ok_text)
        self.main_layout.insertStretch(2, 1)


def required(field: QLineEdit, name: str, text: str) -> str:
    value = field.text().strip()
    if not value:
        raise MissingInput(name, text)
    return value


class SupplierDialog(MasterdataDialog):
    def __init__(self, context: AppContext, supplier: SupplierRow | None,
                 parent: QWidget | None = None, *, editable: bool = True) -> None:
        title = (_("Leverancier {code}", code=supplier.code) if supplier
                 else _("Nieuwe leverancier"))
        super().__init__(context, title, _("Bewaren"), parent)
        self.supplier = supplier
        self.code = QLineEdit()
        self.code.setPlaceholderText(_("bv. MEDISUP"))
        self.name = QLineEdit()
        self.contact = QLineEdit()
        self.email = QLineEdit()
        self.email.setPlaceholderText(_("naam@domein.be"))
        self.phone = QLineEdit()
        self.customer_number = QLineEdit()
        self.customer_number.setToolTip(_("Ons klantnummer bij deze leverancier"))
        self.lead_time = QSpinBox()
        self.lead_time.setRange(-1, 365)
        self.lead_time.setValue(-1)
        self.lead_time.setSpecialValueText(_("niet bepaald"))
        self.lead_time.setSuffix(_(" dagen"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        f = self.form
        f.add("code", _("Code:"), self.code)
        f.add("name", _("Naam:"), self.name)
        f.add("contact", _("Contactpersoon:"), self.contact)
        f.add("email", _("E-mail:"), self.email)
        f.add("phone", _("Telefoon:"), self.phone)
        f.add("customer_number", _("Klantnummer:"), self.customer_number)
        f.add("lead_time_days", _("Levertermijn:"), self.lead_time)
        f.add("notes", _("Notities:"), self.notes)
        if supplier is not None:
            self.code.setText(supplier.code)
            self.code.setReadOnly(True)
            self.code.setToolTip(_("De code van een leverancier verandert niet; ze staat op "
                                   "de bestellingen."))
            self.name.setText(supplier.name)
            self.contact.setText(supplier.contact)
            self.email.setText(supplier.email)
            self.phone.setText(supplier.phone)
            self.customer_number.setText(supplier.customer_number)
            self.lead_time.setValue(-1 if supplier.lead_time_days is None
                                    else supplier.lead_time_days)
            self.notes.setPlainText(supplier.notes)
        if not editable:
            for widget in (self.code, self.name, self.contact, self.email, self.phone,
                           self.customer_number):
                widget.setReadOnly(True)
            self.lead_time.setEnabled(False)
            self.notes.setReadOnly(True)
            self.ok_button.setEnabled(False)

    def values(self) -> dict[str, Any]:
        """The fields of SupplierValues."""
        return {
            "name": self.name.text().strip(),
            "contact": self.contact.text().strip(),
            "email": self.email.text().strip(),
            "phone": self.phone.text().strip(),
            "customer_number": self.customer_number.text().strip(),
            "lead_time_days": None if self.lead_time.value() < 0 else self.lead_time.value(),
            "notes": self.notes.toPlainText().strip(),
        }

    def operation(self) -> WriteOp[Any]:
        missing = []
        if self.supplier is None and not self.code.text().strip():
            missing.append(MissingInput("code", _("Geef de leverancier een korte code "
                                                  "(bv. MEDISUP).")))
        if not self.name.text().strip():
            missing.append(MissingInput("name", _("Geef de leverancier een naam.")))
        if missing:
            raise FormErrors(missing)
        if self.supplier is None:
            return ops.create_supplier(self.context, code=self.code.text().strip().upper(),
                                       values=self.values())
        return ops.update_supplier(self.context, code=self.supplier.code, values=self.values())


class NewLocationDialog(MasterdataDialog):
    """A new place under ``parent`` (the one selected in the tree)."""

    def __init__(self, context: AppContext, locations: Sequence[LocationRow],
                 parent_code: str | None, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Nieuwe locatie"), _("Aanmaken"), parent)
        self.code = QLineEdit()
        self.code.setPlaceholderText(_("bv. GNK-MAG"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("bv. Magazijn Genk"))
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_text(kind), kind)
        self.parent_combo = LocationCombo(locations, stock_only=False,
                                          choose_text=_("(geen: een zone bovenaan)"))
        self.parent_combo.set_code(parent_code)
        self.parent_combo.currentIndexChanged.connect(self._on_parent_changed)
        self._by_code = {row.code: row for row in locations}
        f = self.form
        f.add("code", _("Code:"), self.code)
        f.add("name", _("Naam:"), self.name)
        f.add("kind", _("Soort:"), self.kind)
        f.add("parent", _("Onder:"), self.parent_combo)
        f.add_alias("parent_code", "parent", self.parent_combo)
        self._on_parent_changed()
        if not locations:
            self.set_intro(_("De eerste locatie is de zone zelf (bv. Politiezone CARMA); de "
                             "sites, magazijnen en voertuigen komen eronder."))

    def _on_parent_changed(self, *_args: object) -> None:
        parent = self._by_code.get(self.parent_combo.code())
        index = self.kind.findData(child_kind(parent.kind if parent else None))
        self.kind.setCurrentIndex(max(0, index))

    def operation(self) -> WriteOp[Any]:
        missing = []
        if not self.code.text().strip():
            missing.append(MissingInput("code", _("Geef de locatie een korte code "
                                                  "(bv. GNK-MAG): die komt op de etiketten.")))
        if not self.name.text().strip():
            missing.append(MissingInput("name", _("Geef de locatie een naam.")))
        kind = str(self.kind.currentData())
        parent_code = self.parent_combo.code() or None
        if kind != "zone" and parent_code is None:
            missing.append(MissingInput("parent", _("Kies waar de locatie onder hangt; enkel "
                                                    "een zone hangt onder niets.")))
        if missing:
            raise FormErrors(missing)
        return ops.create_location(self.context, code=self.code.text().strip().upper(),
                                   name=self.name.text().strip(), kind=kind,
                                   parent_code=parent_code)


class RenameLocationDialog(MasterdataDialog):
    def __init__(self, context: AppContext, location: LocationRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, _("Locatie hernoemen"), _("Hernoemen"), parent)
        self.location = location
        self.name = QLineEdit(location.name)
        self.name.selectAll()
        self.form.add("code", _("Code:"), QLabel(location.code))
        self.form.add("name", _("Nieuwe naam:"), self.name)

    def operation(self) -> WriteOp[Any]:
        name = required(self.name, "name", _("Geef de locatie een naam."))
        return ops.rename_location(self.context, code=self.location.code, name=name)


class MoveLocationDialog(MasterdataDialog):
    def __init__(self, context: AppContext, location: LocationRow,
                 locations: Sequence[LocationRow], parent: QWidget | None = None) -> None:
        super().__init__(context, _("Locatie verplaatsen"), _("Verplaatsen"), parent)
        self.location = location
        # Not under itself nor under what hangs below it (the service refuses that too).
        below = subtree(location.code, locations)
        self.parent_combo = LocationCombo([row for row in locations if row.code not in below],
                                          stock_only=False, choose_text=_("Kies de nieuwe plaats"))
        self.set_intro(_("{name} en alles eronder komt onder de gekozen locatie.",
                         name=location.name))
        self.form.add("parent", _("Onder:"), self.parent_combo)
        self.form.add_alias("parent_code", "parent", self.parent_combo)

    def operation(self) -> WriteOp[Any]:
        code = self.parent_combo.code()
        if not code:
            raise MissingInput("parent", _("Kies onder welke locatie ze komt."))
        return ops.move_location(self.context, code=self.location.code, parent_code=code)


class RetireLocationDialog(MasterdataDialog):
    """Retiring a place that still holds stock: where its stock goes, in the same write."""

    def __init__(self, context: AppContext, location: LocationRow, sentence: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, _("Locatie buiten gebruik"), _("Overboeken en buiten gebruik"),
                         parent)
        self.location = location
        self.set_intro(sentence)
        targets = [row for row in context.stock_locations() if row.code != location.code]
        self.target = LocationCombo(targets, choose_text=_("Kies de locatie"))
        self.form.add("transfer_to", _("Voorraad naar:"), self.target)
        self.form.add_alias("location", "transfer_to", self.target)
        # Cannot be undone with one click: Enter (or a scanner's) never confirms it.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)

    def operation(self) -> WriteOp[Any]:
        code = self.target.code()
        if not code:
            raise MissingInput("transfer_to", _("Kies waar de voorraad naartoe gaat."))
        return ops.retire_location(self.context, code=self.location.code, transfer_to=code)


def subtree(code: str, locations: Sequence[LocationRow]) -> set[str]:
    """``code`` and every location under it."""
    found = {code}
    for row in locations:  # tree order: a parent comes before its children
        if row.parent_code in found:
            found.add(row.code)
    return found
