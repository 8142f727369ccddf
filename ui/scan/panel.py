"""What the three scan modes (Afhaling, Levering, Telling) share: the panel interface the scan
screen drives, the small scan context a panel answers through, and big readable tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from carma_logistiek.i18n import _
from ui.ops.errors import error_sentence

if TYPE_CHECKING:
    from carma_logistiek.services.scans import ScanResult
    from ui.shell.context import AppContext

BIG_POINTS = 15


def big_font(widget: QWidget, factor: float = 1.0, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(BIG_POINTS * factor)
    font.setBold(bold)
    return font


class BigTable(QTableWidget):
    """A read-only table with large text, whole-row selection, no keyboard focus (the scan
    field keeps it)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setFont(big_font(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Variants differ at the end of their names ("… (DrugWipe 6S)"): a long name wraps
        # onto a second line of a row that grows for it, so it is read whole (shortened in
        # the middle, six variants all read "Speek…").
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setMinimumSectionSize(int(BIG_POINTS * 2.6))
        self.verticalHeader().setDefaultSectionSize(int(BIG_POINTS * 2.6))
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(False)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_columns)

    # The name column gets what the others leave, and at least NAME_SHARE of the width: with
    # the others sized to their contents a narrow screen left the names 40 px.
    NAME_SHARE = 0.35

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        available = self.viewport().width()
        if available <= 0 or self.columnCount() == 0:
            return
        fixed = {c for c in range(1, self.columnCount())
                 if header.sectionResizeMode(c) == QHeaderView.ResizeMode.Fixed}
        wanted = {c: header.sectionSize(c) if c in fixed else
                  max(header.sectionSizeFromContents(c).width(), self.sizeHintForColumn(c))
                  for c in range(1, self.columnCount())}
        room = int(available * (1 - self.NAME_SHARE)) - sum(wanted[c] for c in fixed)
        flexible = sum(width for c, width in wanted.items() if c not in fixed)
        if flexible > room > 0:  # the others share what the names leave (a set width stays)
            wanted.update({c: max(40, width * room // flexible)
                           for c, width in wanted.items() if c not in fixed})
        for column, width in wanted.items():
            header.resizeSection(column, width)
        header.resizeSection(0, max(80, available - sum(wanted.values())))

    def set_row(self, row: int, values: list[str], data: Any = None) -> None:
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if column == len(values) - 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, data)
            self.setItem(row, column, item)
        self._fit_timer.start()  # once after a batch of rows, not once per row


class ScanContext(Protocol):
    """What a scan panel may ask of the screen it sits in: the session's location, and the
    answer to a scan (a green or red message with its sound)."""

    app: AppContext

    @property
    def location_code(self) -> str | None: ...

    def location_name(self, code: str | None = None) -> str: ...

    def set_location(self, code: str | None) -> None: ...

    def accept(self, message: str) -> None: ...

    def refuse(self, message: str) -> None: ...

    def refocus(self) -> None: ...

    def dialog_parent(self) -> QWidget: ...


class ScanPanel(QWidget):
    """One scan mode. The screen hands it every resolved scan and the Enter/Escape/+/- keys;
    the panel answers through its scan context (``scan.accept`` / ``scan.refuse``)."""

    title = ""
    mode = ""
    # The line Escape drops and + / - change (None: there is none). Each panel keeps its own
    # kind of line here (a basket index, a (product, lot) of the count).
    current: Any = None

    def __init__(self, scan: ScanContext) -> None:
        super().__init__()
        self.scan = scan
        self.context = scan.app

    def handle(self, result: ScanResult) -> None:
        raise NotImplementedError

    def confirm(self) -> None:
        """Enter on an empty scan field: book what was scanned."""

    def cancel_line(self) -> None:
        """Drop the current line (never the whole basket), once the clerk said so."""

    def has_current_line(self) -> bool:
        return self.current is not None

    def cancel_question(self) -> str:
        """What Escape asks before the current line is dropped."""
        return _("De huidige lijn schrappen? Wat erop gescand werd, gaat verloren.")

    def escape(self) -> None:
        """Escape on an empty scan field: drop the current line, after asking. The safe
        answer is the default, so a second Escape or a stray Enter keeps the line."""
        if not self.has_current_line():
            return
        drop = self.context.services.prompts.confirm(
            self.scan.dialog_parent(), _("Lijn schrappen"), self.cancel_question(),
            _("Schrappen"), _("Houden"), destructive=True)
        self.scan.refocus()
        if drop:
            self.cancel_line()

    def adjust(self, delta: int) -> None:
        """+ / -: one more or one less of the current line."""

    def clear_all(self) -> None:
        """Ctrl+Delete: start over (the whole basket or count)."""
        self.cancel_line()

    def busy_text(self) -> str:
        return ""

    def location_changed(self, code: str | None) -> None:
        """The session location was set (scanned or picked)."""

    def busy(self) -> bool:
        """True while this panel holds scanned work that a location change would lose."""
        return False

    def pending_work(self) -> str | None:
        """A sentence naming the scanned work not booked yet (None: nothing would be lost
        when the window closes)."""
        if not self.busy():
            return None
        return _("{mode}: wat gescand werd, is nog niet geboekt.", mode=self.title)

    def failed(self, error: BaseException) -> None:
        self.scan.refuse(error_sentence(error))
