"""The checklist of one kit: a row per template item with what is in the kit, its expiry, the
outcome (keys 1-5 on the focused row) and how many to replace from stock."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from carma_logistiek.domain.kits import LineOutcome
from carma_logistiek.i18n import _, format_date
from ui.shell.theme import SEVERITY_COLOURS

if TYPE_CHECKING:
    from carma_logistiek.services.kits import CheckLineInput, ContentRow, TemplateItemRow

OUTCOMES = (LineOutcome.OK, LineOutcome.MISSING, LineOutcome.EXPIRED, LineOutcome.DAMAGED,
            LineOutcome.REPLENISHED)
OUTCOME_KEYS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3,
                Qt.Key.Key_5: 4}
PRODUCT, REQUIRED, PRESENT, EXPIRY, OUTCOME, REPLACE = range(6)


def expiry_state(content: ContentRow | None, item: TemplateItemRow, today: date) -> str:
    """"expired", "replace" (within the replace-before period), "ok" or "" (no expiry)."""
    if content is None or not item.expires or content.expiry is None:
        return ""
    if content.expiry < today:
        return "expired"
    if content.expiry - timedelta(days=item.replace_before_days) <= today:
        return "replace"
    return "ok"


def expiry_text(content: ContentRow | None, state: str) -> str:
    if not state or content is None or content.expiry is None:
        return ""
    shown = format_date(content.expiry)
    if state == "expired":
        return _("{date} (vervallen)", date=shown)
    if state == "replace":
        return _("{date} (nu vervangen)", date=shown)
    return shown


def default_replace(outcome: LineOutcome, item: TemplateItemRow, present: int) -> int:
    """Replace the lot for a problem; top up what lacks for "aangevuld"; nothing when ok."""
    if outcome.is_problem:
        return item.quantity
    if outcome is LineOutcome.REPLENISHED:
        return max(1, item.quantity - present)
    return 0


class Checklist(QTableWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.items: list[TemplateItemRow] = []  # type: ignore[assignment]  # shadows QTableWidget.items(), never called here
        self.present: list[int] = []
        self.states: list[str] = []
        self.setHorizontalHeaderLabels([
            _("Product"), _("Nodig"), _("In kit"), _("Vervaldatum"), _("Uitkomst (1-5)"),
            _("Vervangen"),
        ])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        header = self.horizontalHeader()
        header.setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
        for column in (REQUIRED, PRESENT, EXPIRY, OUTCOME, REPLACE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setToolTip(_("1 ok · 2 ontbreekt · 3 vervallen · 4 beschadigd · 5 aangevuld"))

    # --- filling -------------------------------------------------------------------------
    def load(self, items: tuple[TemplateItemRow, ...], contents: tuple[ContentRow, ...],
             today: date) -> None:
        by_item = {content.item.id: content for content in contents}
        self.setRowCount(0)
        self.items = list(items)
        self.present = [by_item[i.id].quantity if i.id in by_item else 0 for i in items]
        self.states = [expiry_state(by_item.get(i.id), i, today) for i in items]
        self.setRowCount(len(items))
        for row, item in enumerate(items):
            content = by_item.get(item.id)
            critical = _(" (kritiek)") if item.critical else ""
            self._cell(row, PRODUCT, f"{item.product_name}{critical}", item.product_code)
            self._cell(row, REQUIRED, f"{item.quantity} {item.unit}")
            self._cell(row, PRESENT, str(self.present[row]))
            self._cell(row, EXPIRY, expiry_text(content, self.states[row]))
            self._outcome_widget(row)
            self._replace_widget(row)
            if self.states[row] == "expired":
                self.set_outcome(row, LineOutcome.EXPIRED)  # what the advisor will find
        if items:
            self.selectRow(0)

    def _cell(self, row: int, column: int, text: str, tooltip: str = "") -> None:
        cell = QTableWidgetItem(text)
        if tooltip:
            cell.setToolTip(tooltip)
        state = self.states[row]
        if column == EXPIRY and state in ("expired", "replace"):
            background, foreground = SEVERITY_COLOURS["problem" if state == "expired"
                                                       else "attention"]
            cell.setBackground(QBrush(QColor(background)))
            cell.setForeground(QBrush(QColor(foreground)))
        if column in (REQUIRED, PRESENT):
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(row, column, cell)

    def _outcome_widget(self, row: int) -> None:
        combo = QComboBox()
        for number, outcome in enumerate(OUTCOMES, start=1):
            combo.addItem(f"{number}  {outcome.label}", outcome.value)
        combo.installEventFilter(self)
        combo.currentIndexChanged.connect(lambda _i, r=row: self._on_outcome_changed(r))
        self.setCellWidget(row, OUTCOME, combo)

    def _replace_widget(self, row: int) -> None:
        # Never more than the template needs (the service refuses more, too): a typed "999"
        # stops at what the kit holds.
        needed = self.items[row].quantity
        spin = QSpinBox()
        spin.setRange(0, needed)
        spin.setToolTip(_("Aantal dat uit de voorraad in de kit gaat (hoogstens {needed}, wat "
                          "de kit nodig heeft)", needed=needed))
        spin.valueChanged.connect(lambda _v: self.changed.emit())
        self.setCellWidget(row, REPLACE, spin)

    # --- reading and changing -----------------------------------------------------------
    def outcome_combo(self, row: int) -> QComboBox:
        return self.cellWidget(row, OUTCOME)  # type: ignore[return-value]

    def replace_spin(self, row: int) -> QSpinBox:
        return self.cellWidget(row, REPLACE)  # type: ignore[return-value]

    def outcome(self, row: int) -> LineOutcome:
        return LineOutcome(self.outcome_combo(row).currentData())

    def set_outcome(self, row: int, outcome: LineOutcome) -> None:
        self.outcome_combo(row).setCurrentIndex(OUTCOMES.index(outcome))

    def set_replace(self, row: int, quantity: int) -> None:
        self.replace_spin(row).setValue(quantity)

    def row_of(self, product_code: str) -> int:
        return next(i for i, item in enumerate(self.items) if item.product_code == product_code)

    def _on_outcome_changed(self, row: int) -> None:
        self.set_replace(row, default_replace(self.outcome(row), self.items[row],
                                              self.present[row]))
        self.changed.emit()

    def lines(self) -> list[CheckLineInput]:
        from carma_logistiek.services.kits import CheckLineInput  # loaded with the db

        return [CheckLineInput(item.id, self.outcome(row), self.replace_spin(row).value())
                for row, item in enumerate(self.items)]

    def set_locked(self, locked: bool) -> None:
        for row in range(self.rowCount()):
            self.outcome_combo(row).setEnabled(not locked)
            self.replace_spin(row).setEnabled(not locked)

    # --- keys ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._outcome_key(self.currentRow(), event):
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QComboBox):
            row = next((r for r in range(self.rowCount()) if self.outcome_combo(r) is watched),
                       -1)
            return self._outcome_key(row, event)  # type: ignore[arg-type]
        return False

    def _outcome_key(self, row: int, event: QKeyEvent) -> bool:
        index = OUTCOME_KEYS.get(Qt.Key(event.key()))
        if index is None or not 0 <= row < self.rowCount() or event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return False
        if self.outcome_combo(row).isEnabled():
            self.outcome_combo(row).setCurrentIndex(index)
            if row + 1 < self.rowCount():  # on to the next item, like ticking a paper list
                self.selectRow(row + 1)
        return True
