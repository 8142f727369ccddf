"""One dialog to create or edit a product: Algemeen (code, name, category, unit, tracking,
shelf life, notes, in use or not), Barcodes, Leveranciers, Minimum per locatie and Foto.

Saving sends one write per changed part, in that order, and stops at the first refusal with
the sentence next to its field (on its tab). The parts are not one transaction: each is valid
on its own (a product without its supplier yet is a product), what was saved stays saved and
the dialog stays open on what is left, so a second Bewaren sends only the rest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.i18n import _
from ui.masterdata.parts import (
    GtinList,
    Limit,
    MinimumTable,
    PhotoField,
    SupplierLink,
    SupplierTable,
)
from ui.ops import masterdata as ops
from ui.ops.core import WriteOp
from ui.shell.context import AppContext
from ui.widgets.forms import FieldFirstDialog, Form, FormErrors, MissingInput

if TYPE_CHECKING:
    from carma_logistiek.services.masterdata import ProductDetails, SupplierRow

GENERAL, BARCODES, SUPPLIERS, MINIMUMS, PHOTO = range(5)
MAX_SHELF_LIFE = 3650
DEFAULT_UNITS = ("stuk", "doos", "paar", "liter", "rol", "set")


@dataclass(frozen=True)
class FormData:
    """What the dialog's combos offer, read before it opens."""

    categories: Sequence[str] = ()
    units: Sequence[str] = ()
    suppliers: Sequence[SupplierRow] = ()


@dataclass
class Step:
    """One write of a save, with the tab whose form shows its refusal."""

    make: Callable[[], WriteOp[Any]]
    tab: int
    done: Callable[[Any], None]


class ProductDialog(FieldFirstDialog):
    def __init__(self, context: AppContext, details: ProductDetails | None, data: FormData,
                 photo: bytes | None = None, parent: QWidget | None = None,
                 *, editable: bool = True) -> None:
        super().__init__(parent)
        self.context = context
        self.details = details
        self.editable = editable
        self.saved_code: str | None = details.code if details else None
        self.steps: list[Step] = []
        self.field_tabs: dict[str, int] = {}  # which tab's form shows a field's sentence
        self.setWindowTitle(_("Product {code}", code=details.code) if details
                            else _("Nieuw product"))
        self.tabs = QTabWidget()
        self.forms = [Form() for _tab in range(5)]
        for index, (form, label) in enumerate(zip(self.forms, (
                _("Algemeen"), _("Barcodes"), _("Leveranciers"), _("Minimum per locatie"),
                _("Foto")), strict=True)):
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.addLayout(form)
            if index in (GENERAL, BARCODES, PHOTO):  # the lists' tabs give their table the room
                page_layout.addStretch(1)
            self.tabs.addTab(page, label)
            self.tabs.setTabToolTip(index, f"{label} (Alt+{index + 1})")
            shortcut = QShortcut(QKeySequence(f"Alt+{index + 1}"), self)
            shortcut.activated.connect(lambda i=index: self.tabs.setCurrentIndex(i))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._general(data)
        self.gtins = GtinList()
        self._add(BARCODES, "gtins", _("GTIN's:"), self.gtins)
        self._alias(BARCODES, "gtin", "gtins", self.gtins.entry)
        self.suppliers = SupplierTable()
        self.suppliers.set_suppliers([(row.code, row.name) for row in data.suppliers])
        self._add(SUPPLIERS, "suppliers", _("Leveranciers:"), self.suppliers)
        for alias in ("supplier", "supplier_code", "pack_size", "reference"):
            self._alias(SUPPLIERS, alias, "suppliers", self.suppliers.supplier)
        self.minimums = MinimumTable(context.stock_locations())
        self._add(MINIMUMS, "minimums", _("Per locatie:"), self.minimums)
        for alias in ("minimum", "maximum", "location"):
            self._alias(MINIMUMS, alias, "minimums", self.minimums.location)
        self.photo = PhotoField()
        self.photo.choose.connect(self.choose_photo)
        self._add(PHOTO, "photo", _("Foto:"), self.photo)
        self._alias(PHOTO, "data", "photo", self.photo.choose_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Bewaren"))
        self.save_button.setToolTip(_("Bewaren (Enter of Ctrl+Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        # Once the box is in the dialog: set before, the dialog never learns it is its main
        # default, and a button that had the focus for a moment took Enter away for good.
        self.save_button.setDefault(True)
        self.fill(details, photo)
        self.setMinimumWidth(640)
        self.resize(760, 560)

    # --- building ------------------------------------------------------------------------
    def _general(self, data: FormData) -> None:
        self.code = QLineEdit()
        self.code.setPlaceholderText(_("bv. SPT-6S"))
        self.name = QLineEdit()
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(["", *data.categories])
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(list(dict.fromkeys([*data.units, *DEFAULT_UNITS])))
        self.unit_reason = QLabel()
        self.unit_reason.setWordWrap(True)
        self.unit_reason.setVisible(False)
        unit_row = QWidget()
        unit_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        unit_layout = QHBoxLayout(unit_row)
        unit_layout.setContentsMargins(0, 0, 0, 0)
        unit_layout.addWidget(self.unit)
        unit_layout.addWidget(self.unit_reason, 1)
        unit_row.setFocusProxy(self.unit)
        self.tracks_lots = QCheckBox(_("per lot"))
        self.tracks_expiry = QCheckBox(_("met vervaldatum"))
        self.tracks_expiry.setToolTip(_("Een vervaldatum hoort bij een lot: dit zet ook "
                                        "'per lot' aan"))
        self.tracks_expiry.toggled.connect(self._on_tracks_expiry_toggled)
        tracking = QWidget()
        tracking.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        tracking_layout = QHBoxLayout(tracking)
        tracking_layout.setContentsMargins(0, 0, 0, 0)
        tracking_layout.addWidget(self.tracks_lots)
        tracking_layout.addWidget(self.tracks_expiry)
        tracking_layout.addStretch(1)
        self.shelf_life = QSpinBox()
        self.shelf_life.setRange(0, MAX_SHELF_LIFE)
        self.shelf_life.setSuffix(_(" dagen"))
        self.shelf_life.setSpecialValueText(_("niet bepaald"))
        self.shelf_life.setToolTip(_("Hoe lang het product gewoonlijk goed blijft na levering"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.status = QLabel()
        self.retire_button = QPushButton()
        self.retire_button.setAutoDefault(False)
        self.retire_button.clicked.connect(self.toggle_retired)
        status_row = QWidget()
        status_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        status_layout = QHBoxLayout(status_row)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.addWidget(self.status)
        status_layout.addWidget(self.retire_button)
        status_layout.addStretch(1)
        self._add(GENERAL, "code", _("Code:"), self.code)
        self._add(GENERAL, "name", _("Naam:"), self.name)
        self._add(GENERAL, "category", _("Categorie:"), self.category)
        self._add(GENERAL, "unit", _("Eenheid:"), unit_row)
        self._add(GENERAL, "tracking", _("Opvolgen:"), tracking)
        for alias in ("tracks_lots", "tracks_expiry"):
            self._alias(GENERAL, alias, "tracking", self.tracks_lots)
        self._add(GENERAL, "shelf_life_days", _("Houdbaarheid:"), self.shelf_life)
        self._add(GENERAL, "notes", _("Notities:"), self.notes)
        self._add(GENERAL, "status", _("Status:"), status_row)

    def _on_tabs_current_changed(self, index: int) -> None:
        """Alt+2 (or a click on the tab): the cursor goes to that tab's first field."""
        first = {GENERAL: self.name, BARCODES: self.gtins, SUPPLIERS: self.suppliers,
                 MINIMUMS: self.minimums, PHOTO: self.photo}[index]
        first.setFocus()

    def _add(self, tab: int, name: str, label: str, widget: QWidget) -> None:
        self.forms[tab].add(name, label, widget)
        self.field_tabs[name] = tab

    def _alias(self, tab: int, name: str, row: str, widget: QWidget) -> None:
        self.forms[tab].add_alias(name, row, widget)
        self.field_tabs[name] = tab

    def fill(self, details: ProductDetails | None, photo: bytes | None) -> None:
        self.forms[GENERAL].set_row_visible("status", details is not None)
        if details is None:
            self.category.setCurrentText("")
            self.unit.setCurrentText("stuk")
            self._baseline: dict[str, Any] | None = None
            self._baseline_links: dict[str, SupplierLink] = {}
            self._baseline_limits: dict[str, Limit] = {}
            self._set_readonly(not self.editable)
            return
        self.code.setText(details.code)
        self.code.setReadOnly(True)
        self.code.setToolTip(_("De code staat op de gedrukte etiketten en verandert nooit. "
                               "Een ander product nodig? Maak een nieuw aan."))
        self.name.setText(details.name)
        self.category.setCurrentText(details.category)
        self.unit.setCurrentText(details.unit)
        if details.has_history:
            self.unit.setEnabled(False)
            self.unit_reason.setText(_("vast: er werd al mee geboekt"))
            self.unit_reason.setVisible(True)
            self.unit.setToolTip(_("Er werd al met dit product geboekt; een andere eenheid zou "
                                   "die geschiedenis veranderen. Maak een nieuw product aan."))
        self.tracks_lots.setChecked(details.tracks_lots)
        self.tracks_expiry.setChecked(details.tracks_expiry)
        self.shelf_life.setValue(details.shelf_life_days or 0)
        self.notes.setPlainText(details.notes)
        self.gtins.set_gtins(details.gtins)
        links = [SupplierLink(row.supplier_code, row.reference, row.pack_size, row.preferred)
                 for row in details.suppliers]
        self.suppliers.names.update({row.supplier_code: row.supplier_name
                                     for row in details.suppliers})
        self.suppliers.set_links(links)
        limits = [Limit(row.location_code, row.minimum, getattr(row, "maximum", None))
                  for row in details.minimums]
        self.minimums.set_limits(limits)
        self.photo.show_stored(photo if details.has_photo else None)
        self._show_active(details.active)
        self._baseline = self.values()
        self._baseline_links = {link.supplier_code: link for link in links}
        self._baseline_limits = {limit.location_code: limit for limit in limits}
        self._set_readonly(not self.editable)
        self.name.setFocus()  # the code cannot change: the cursor starts in the name

    def _set_readonly(self, readonly: bool) -> None:
        """Without MASTERDATA_EDIT: everything shown, nothing to change."""
        if not readonly:
            return
        self.name.setReadOnly(True)
        self.code.setReadOnly(True)
        self.notes.setReadOnly(True)
        for widget in (self.category, self.unit, self.tracks_lots, self.tracks_expiry,
                       self.shelf_life, self.retire_button, self.gtins, self.suppliers,
                       self.minimums, self.photo):
            widget.setEnabled(False)
        self.save_button.setEnabled(False)
        self.save_button.setToolTip(_("U mag de stamgegevens bekijken, niet wijzigen."))

    def _show_active(self, active: bool) -> None:
        self.status.setText(_("in gebruik") if active else _("buiten gebruik"))
        self.retire_button.setText(_("Buiten gebruik nemen") if active else _("Terug in gebruik"))
        self.retire_button.setToolTip(
            _("Een product buiten gebruik houdt zijn geschiedenis maar kan niet meer geleverd of "
              "besteld worden.") if active else _("Het product kan weer geleverd en besteld "
                                                  "worden."))
        self._active = active

    def _on_tracks_expiry_toggled(self, checked: bool) -> None:
        if checked:
            self.tracks_lots.setChecked(True)
        self.tracks_lots.setEnabled(not checked and self.editable)

    # --- what the form holds -------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The fields of ProductValues as typed."""
        gtins = list(self.gtins.gtins())
        pending = self.gtins.pending_text()
        if pending and pending not in gtins:
            gtins.append(pending)
        return {
            "name": self.name.text().strip(),
            "category": self.category.currentText().strip(),
            "unit": self.unit.currentText().strip() or "stuk",
            "tracks_lots": self.tracks_lots.isChecked() or self.tracks_expiry.isChecked(),
            "tracks_expiry": self.tracks_expiry.isChecked(),
            "shelf_life_days": self.shelf_life.value() or None,
            "notes": self.notes.toPlainText().strip(),
            "gtins": tuple(gtins),
        }

    def dirty(self) -> bool:
        if self._baseline is None:
            return bool(self.code.text().strip() or self.name.text().strip())
        return bool(self.values() != self._baseline or self._link_steps()
                    or self._limit_steps() or self.photo.data is not None
                    or self.photo.removed)

    # --- saving --------------------------------------------------------------------------
    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return
        for form in self.forms:
            form.clear_errors()
        try:
            self.steps = self._plan()
        except (MissingInput, FormErrors) as error:
            self._show_error(error, GENERAL)
            return
        if not self.steps:
            self.accept()
            return
        self.buttons.setEnabled(False)
        self._next()

    def _plan(self) -> list[Step]:
        values = self.values()
        missing = []
        code = self.code.text().strip().upper()
        if self.saved_code is None and not code:
            missing.append(MissingInput("code", _("Geef het product een code (bv. SPT-6S): "
                                                  "die komt op de etiketten.")))
        if not values["name"]:
            missing.append(MissingInput("name", _("Geef het product een naam.")))
        if missing:
            raise FormErrors(missing)
        steps: list[Step] = []
        if self.saved_code is None:
            steps.append(Step(lambda: ops.create_product(self.context, code=code, values=values),
                              GENERAL, lambda result: self._created(result.code, values)))
        elif values != self._baseline:
            saved = self.saved_code
            steps.append(Step(lambda: ops.update_product(self.context, code=saved, values=values),
                              GENERAL, lambda _r: self._set_baseline(values)))
        steps += self._link_steps()
        steps += self._limit_steps()
        if self.photo.data is not None:
            data = self.photo.data
            steps.append(Step(lambda: ops.set_product_photo(self.context, code=self._code(),
                                                            data=data), PHOTO,
                              lambda _r: self._photo_saved(True)))
        elif self.photo.removed:
            steps.append(Step(lambda: ops.remove_product_photo(self.context, code=self._code()),
                              PHOTO, lambda _r: self._photo_saved(False)))
        return steps

    def _code(self) -> str:
        assert self.saved_code is not None  # the product is saved before its parts
        return self.saved_code

    def _link_steps(self) -> list[Step]:
        current = {link.supplier_code: link for link in self.suppliers.links()}
        steps = [self._remove_link(code) for code in self._baseline_links if code not in current]
        changed = [link for code, link in current.items() if self._baseline_links.get(code)
                   != link]
        # The preferred one last: setting it clears the others' preference.
        for link in sorted(changed, key=lambda link: link.preferred):
            steps.append(self._set_link(link))
        return steps

    def _remove_link(self, code: str) -> Step:
        def done(_result: Any) -> None:
            self._baseline_links.pop(code, None)

        return Step(lambda: ops.remove_product_supplier(
            self.context, product_code=self._code(), supplier_code=code), SUPPLIERS, done)

    def _set_link(self, link: SupplierLink) -> Step:
        def done(_result: Any) -> None:
            if link.preferred:  # the service cleared the others' preference
                self._baseline_links = {code: SupplierLink(old.supplier_code, old.reference,
                                                           old.pack_size, False)
                                        for code, old in self._baseline_links.items()}
            self._baseline_links[link.supplier_code] = link

        return Step(lambda: ops.set_product_supplier(
            self.context, product_code=self._code(), supplier_code=link.supplier_code,
            reference=link.reference, pack_size=link.pack_size, preferred=link.preferred),
            SUPPLIERS, done)

    def _limit_steps(self) -> list[Step]:
        steps = []
        for limit in self.minimums.limits():
            old = self._baseline_limits.get(limit.location_code)
            if old == limit or (old is None and limit.minimum == 0 and not limit.maximum):
                continue
            steps.append(self._set_limit(limit))
        return steps

    def _set_limit(self, limit: Limit) -> Step:
        def done(_result: Any) -> None:
            self._baseline_limits[limit.location_code] = limit

        return Step(lambda: ops.set_minimum(
            self.context, product_code=self._code(), location_code=limit.location_code,
            minimum=limit.minimum, maximum=limit.maximum), MINIMUMS, done)

    def _created(self, code: str, values: dict[str, Any]) -> None:
        """Saved as a new product: from now on the dialog edits it (a second Bewaren after a
        refused supplier must not make the product again)."""
        self.saved_code = code
        self.code.setReadOnly(True)
        self.setWindowTitle(_("Product {code}", code=code))
        self._set_baseline(values)

    def _set_baseline(self, values: dict[str, Any]) -> None:
        self._baseline = values

    def _photo_saved(self, has_photo: bool) -> None:
        self.photo.had_photo, self.photo.data, self.photo.removed = has_photo, None, False

    def _next(self) -> None:
        if not self.steps:
            self.buttons.setEnabled(True)
            self.accept()
            return
        step = self.steps.pop(0)

        def done(result: Any) -> None:
            step.done(result)
            self._next()

        def failed(error: BaseException) -> None:
            self.steps = []
            self.buttons.setEnabled(True)
            self._show_error(error, step.tab)

        step.make().success(done).failure(failed).run()

    def _show_error(self, error: BaseException, tab: int) -> None:
        """The sentence next to its field, on the tab that has the field."""
        errors = error.errors if isinstance(error, FormErrors) else [error]
        field = getattr(errors[0], "field", None) if errors else None
        owner = next((i for i, form in enumerate(self.forms) if field and self.field_tabs.get(field) == i),
                     tab)
        self.tabs.setCurrentIndex(owner)
        self.forms[owner].show_error(error)

    def choose_photo(self) -> None:
        path = self.context.services.file_dialogs.ask_open_path(
            self, _("Foto kiezen"), _("Afbeeldingen (*.png *.jpg *.jpeg)"))
        if not path:
            return
        self.forms[PHOTO].clear_errors()
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            self.forms[PHOTO].show_error(MissingInput("photo", _(
                "Het bestand kon niet gelezen worden ({reason}).",
                reason=error.strerror or error)))
            return
        if not self.photo.set_new(data):
            self.forms[PHOTO].show_error(MissingInput("photo", _(
                "Dit bestand is geen afbeelding. Kies een foto (PNG of JPEG).")))

    # --- in use or not -------------------------------------------------------------------
    def toggle_retired(self) -> None:
        if self.saved_code is None:
            return
        make = ops.retire_product if self._active else ops.reactivate_product
        self.retire_button.setEnabled(False)
        make(self.context, code=self.saved_code).success(self._on_retired).failure(
            self._on_retire_failed).run()

    def _on_retired(self, details: ProductDetails) -> None:
        self.retire_button.setEnabled(True)
        self._show_active(details.active)

    def _on_retire_failed(self, error: BaseException) -> None:
        self.retire_button.setEnabled(True)
        self._show_error(error, GENERAL)

    def reject(self) -> None:
        """Esc with unsaved changes asks first; "Verder bewerken" is the default answer."""
        if self.editable and self.dirty() and not self.context.services.prompts.confirm(
                self, _("Niet bewaard"), _("De wijzigingen aan dit product zijn niet bewaard."),
                _("Wijzigingen weggooien"), _("Verder bewerken"), destructive=True):
            return
        super().reject()

    def error_text(self, field: str) -> str:
        """The sentence shown next to ``field``, on whichever tab (for tests)."""
        tab = self.field_tabs.get(field)
        return self.forms[tab].error_text(field) if tab is not None else ""

    def general_error_text(self) -> str:
        return "\n".join(form.general_error.text() for form in self.forms
                         if form.isRowVisible(form.general_error))

