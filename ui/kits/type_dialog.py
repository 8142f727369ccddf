"""A new kit type with its content template: code, name, the two re-check intervals and the
lines of the template, entered keyboard-first (Enter in the line adds it, Delete removes the
selected line, Enter or Ctrl+Enter saves)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from carma_logistiek.domain.errors import UnknownProduct
from carma_logistiek.i18n import _, ngettext
from ui.kits.dialogs import KitDialog, required
from ui.ops import kits as kit_ops
from ui.ops.core import WriteOp
from ui.shell.context import AppContext
from ui.widgets.forms import MissingInput, ProductPicker

if TYPE_CHECKING:
    from carma_logistiek.services.kits import TemplateItemInput

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def replace_text(days: int) -> str:
    return ngettext("{n} dag voor vervaldatum", "{n} dagen voor vervaldatum", days) if days else ""


def spin(minimum: int, maximum: int, value: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class KitTypeDialog(KitDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        self.ok_text = _("Kittype bewaren")
        super().__init__(context, _("Nieuw kittype"), parent)
        self.set_intro(_("Voeg de inhoud regel per regel toe: kies het product, typ het aantal "
                         "en druk Enter. Delete verwijdert de gekozen regel; Ctrl+Enter bewaart. "
                         "Het sjabloon kan achteraf niet gewijzigd worden."))
        self.lines: list[TemplateItemInput] = []
        self.code = QLineEdit()
        self.code.setPlaceholderText(_("bv. EHBO-AUTO"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("bv. EHBO-kit voertuig"))
        self.interval_building = spin(1, 60, 12, _(" maanden"))
        self.interval_vehicle = spin(1, 60, 6, _(" maanden"))
        intervals = QWidget()
        row = QHBoxLayout(intervals)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("in een gebouw:")))
        row.addWidget(self.interval_building)
        row.addSpacing(16)
        row.addWidget(QLabel(_("in een voertuig:")))
        row.addWidget(self.interval_vehicle)
        row.addStretch(1)
        intervals.setFocusProxy(self.interval_building)
        self.product = ProductPicker(context.products)
        self.product.product_chosen.connect(self._on_product_product_chosen)
        self.quantity = spin(1, 9999, 1)
        self.expires = QCheckBox(_("vervalt"))
        self.expires.toggled.connect(self._on_expires_toggled)
        self.replace_days = spin(0, 3650, 0, _(" dagen vooraf"))
        self.replace_days.setEnabled(False)
        self.replace_days.setToolTip(_("Hoeveel dagen voor de vervaldatum het product vervangen "
                                       "moet worden"))
        self.critical = QCheckBox(_("kritiek"))
        self.add_button = QPushButton(_("Toevoegen"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_line)
        entry = QWidget()
        line = QHBoxLayout(entry)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.product, 3)
        line.addWidget(self.quantity)
        line.addWidget(self.expires)
        line.addWidget(self.replace_days)
        line.addWidget(self.critical)
        line.addWidget(self.add_button)
        entry.setFocusProxy(self.product)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Product"), _("Aantal"), _("Vervalt"),
                                              _("Vervangen"), _("Kritiek")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(160)
        f = self.form
        f.add("code", _("Code:"), self.code)
        f.add("name", _("Naam:"), self.name)
        f.add("interval", _("Controle om de:"), intervals)
        f.add("product", _("Regel:"), entry)
        f.add("items", _("Inhoud:"), self.table)
        for widget in (self.product, self.quantity, self.expires, self.replace_days,
                       self.critical, self.table):
            widget.installEventFilter(self)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.submit)
        self.setMinimumWidth(760)

    # --- keyboard ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key, plain = event.key(), not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if watched is self.table and key == Qt.Key.Key_Delete:
            self.remove_line()
            return True
        if key in ENTER_KEYS and plain and watched is not self.table:
            if watched is self.product:
                if not self.product.text().strip():
                    return False  # an empty line: Enter saves the type
                self.quantity.setFocus()
                self.quantity.selectAll()
            else:
                self.add_line()
            return True
        return super().eventFilter(watched, event)

    # --- the lines -----------------------------------------------------------------------
    def _on_product_product_chosen(self, code: str) -> None:
        product = self.context.product(code)
        if product is not None:
            self.expires.setChecked(product.tracks_expiry)

    def _on_expires_toggled(self, checked: bool) -> None:
        self.replace_days.setEnabled(checked)

    def add_line(self) -> bool:
        """The entry line into the template; the entry is cleared for the next product."""
        self.form.clear_errors()
        try:
            code = self.product.required_code()
            product = self.product.product()
            if product is None:
                raise UnknownProduct(code=code)
            if any(item.product_code == code for item in self.lines):
                raise MissingInput("product", _("{product} staat al in de inhoud.",
                                                product=product.name))
        except (MissingInput, UnknownProduct) as error:
            self.form.show_error(error)
            self.product.setFocus()
            return False
        expires = self.expires.isChecked()
        from carma_logistiek.services.kits import TemplateItemInput  # loaded with the db

        self.lines.append(TemplateItemInput(
            code, self.quantity.value(), expires=expires,
            replace_before_days=self.replace_days.value() if expires else 0,
            critical=self.critical.isChecked()))
        self._show_lines()
        self.table.selectRow(len(self.lines) - 1)
        self.product.clear()
        self.quantity.setValue(1)
        self.expires.setChecked(False)
        self.replace_days.setValue(0)
        self.critical.setChecked(False)
        self.product.setFocus()
        return True

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lines):
            del self.lines[row]
            self._show_lines()
            if self.lines:
                self.table.selectRow(min(row, len(self.lines) - 1))

    def _show_lines(self) -> None:
        self.table.setRowCount(len(self.lines))
        for row, item in enumerate(self.lines):
            product = self.context.product(item.product_code)
            name = f"{product.name} ({product.code})" if product else item.product_code
            unit = product.unit if product else ""
            texts = (name, f"{item.quantity} {unit}".strip(), yes_no(item.expires),
                     replace_text(item.replace_before_days), yes_no(item.critical))
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    # --- saving --------------------------------------------------------------------------
    def operation(self) -> WriteOp[Any]:
        code = required(self.code, "code", _("Geef de code van het kittype."))
        name = required(self.name, "name", _("Geef de naam van het kittype."))
        if self.product.text().strip():
            raise MissingInput("product", _("Voeg deze regel eerst toe (Enter) of maak ze "
                                            "leeg."))
        if not self.lines:
            raise MissingInput("items", _("Voeg minstens één product toe aan de inhoud."))
        return kit_ops.create_kit_type(
            self.context, code=code, name=name,
            interval_months_building=self.interval_building.value(),
            interval_months_vehicle=self.interval_vehicle.value(), items=list(self.lines))
